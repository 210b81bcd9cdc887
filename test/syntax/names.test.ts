// How names are spelled: the letter test that the fast parser and the printer share.
import { describe, expect, it } from "vitest";
import { isLetter } from "../../src/syntax/names.js";

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
