// How names are spelled: the letter, digit and word tests that the fast parser, the scanner and the
// printer share, held to the regular expressions they stand in for.
import { describe, expect, it } from "vitest";
import { isDigits, isLetter, isWord } from "../../src/syntax/names.js";

describe("isLetter", () => {
  it("agrees with Unicode's \\p{L} on every code point of the first three planes", () => {
    const disagreeing: number[] = [];
    for (let cp = 0; cp < 0x30000; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const c = String.fromCodePoint(cp);
      if (isLetter(c) !== /^\p{L}$/u.test(c)) disagreeing.push(cp);
    }
    expect(disagreeing).toEqual([]);
  });
  it("says no to nothing, to digits and to operators", () => {
    for (const c of [undefined, "", "1", "₁", "²", "+", "∂", "∇", "_"]) expect(isLetter(c), String(c)).toBe(false);
    for (const c of ["x", "W", "α", "Ω", "ᵀ", "𝐱"]) expect(isLetter(c), c).toBe(true);
  });
});

describe("isDigits and isWord", () => {
  const samples = [
    "",
    "0",
    "12",
    "007",
    "-3",
    "1.5",
    "x",
    "x1",
    "x_1",
    "_",
    "W2b",
    "δ",
    "x y",
    "٣",
    "１",
    "12a",
    "a-b",
    "\n",
  ];
  it("say what /^\\d+$/ and /^\\w+$/ say", () => {
    for (const s of samples) {
      expect(isDigits(s), JSON.stringify(s)).toBe(/^\d+$/.test(s));
      expect(isWord(s), JSON.stringify(s)).toBe(/^\w+$/.test(s));
    }
  });
});
