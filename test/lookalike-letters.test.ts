// Letters that look like another letter (Cyrillic х beside Latin x) are refused where they stand,
// named by code point, in every path a statement takes: the grammar, the fast reader, a statement
// too long for the grammar, the grader's and the kernel's parses. Text in quotes is text.
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";
import { fastParse } from "../src/syntax/fast-parse.js";
import { parseStatement } from "../src/syntax/to-ast.js";
import { isComplete } from "../src/syntax/complete.js";
import { GREEK } from "../src/syntax/names.js";
import { findLookalike, lookalikeOf, lookalikeTable, type Lookalike } from "../src/syntax/lookalikes.js";

const hex = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
const TABLE = [...lookalikeTable().values()];

/** The math alphabets' letters drawn like plain ones (𝐱 𝑥 𝘅 𝚡 𝜶) and the fullwidth ones (ｘ). */
const STYLED: Lookalike[] = [];
for (const [lo, hi] of [
  [0x1d400, 0x1d7cb],
  [0xff21, 0xff5a],
])
  for (let code = lo; code <= hi; code++) {
    const found = lookalikeOf(code);
    if (found) STYLED.push(found);
  }

/** The error of the first failing statement of `code`. */
function errorOf(code: string, session = new Session()) {
  const failed = session.run(code).find((r) => r.status === "error");
  return failed?.error ?? null;
}

function expectRefused(code: string, entry: Lookalike, line: number, column: number, session?: Session) {
  const ch = String.fromCodePoint(entry.code);
  const error = errorOf(code, session);
  expect(error, `${hex(entry.code)} in ${code.slice(0, 60)}`).toMatchObject({ kind: "parse", line, column });
  expect(error!.message).toContain(`\`${ch}\` is ${hex(entry.code)} ${entry.name}, which looks like the `);
  expect(error!.message).toContain(`; type ${entry.looksLike}`);
}

describe("a letter that looks like another is refused at its line and column", () => {
  it("says which letter it is and which it looks like", () => {
    const [first, second] = new Session().run("x = 2\nх + x");
    expect(first.text).toBe("2");
    expect(second.error).toMatchObject({ kind: "parse", line: 2, column: 1 });
    expect(second.pretty).toBe(
      "Parse error at 2:1: `х` is U+0445 CYRILLIC SMALL LETTER HA, which looks like the Latin x; type x",
    );
    expect(errorOf("µ = 3")?.message).toBe("`µ` is U+00B5 MICRO SIGN, which looks like the Greek μ; type μ (or mu)");
    expect(errorOf("y = 𝑥 + 1")?.message).toBe(
      "`𝑥` is U+1D465 MATHEMATICAL ITALIC SMALL X, which looks like the Latin x; type x",
    );
    expect(errorOf("Α + 1")?.message).toMatch(/^`Α` is U\+0391 GREEK CAPITAL LETTER ALPHA, .* Latin A; type A$/);
    expect(errorOf("2 + З")?.message).toMatch(/CYRILLIC CAPITAL LETTER ZE, which looks like the digit 3; type 3$/);
  });

  it("names a symbol that only looks like a letter the grammar takes, where the grammar stops at it", () => {
    const err = new Session().run("Δ = 2\n∆ + 1")[1].error;
    expect(err).toMatchObject({ kind: "parse", line: 2, column: 1 });
    expect(err?.message).toBe("`∆` is U+2206 INCREMENT, which looks like the Greek Δ; type Δ (or Delta)");
    expect(errorOf("x = 1 ∆ 2")?.message).toMatch(/U\+2206 INCREMENT/);
  });

  it("holds the letters the brief of the bug named", () => {
    for (const ch of "авекмнорстухѕіјԁ") expect(lookalikeOf(ch.codePointAt(0)!), ch).not.toBeNull();
  });

  it.each(TABLE.map((e) => [hex(e.code), e] as const))("%s in the grammar's statements (∇, Σ, expect)", (_, e) => {
    const ch = String.fromCodePoint(e.code);
    for (const [code, column] of [
      [`∇(y^2 + ${ch})`, 9],
      [`Σ_{i=1}^{3} i ${ch}`, 15],
    ] as const) {
      expect(fastParse(code, 0), code).toBeNull(); // the fast reader leaves these to the grammar
      expectRefused(`y = 1\n${code}`, e, 2, column);
    }
  });

  it.each(TABLE.map((e) => [hex(e.code), e] as const))("%s in the fast reader's statements, short and long", (_, e) => {
    const ch = String.fromCodePoint(e.code);
    const short = `z = 3 + 2${ch}`;
    // The fast reader takes letters of one UTF-16 unit (it leaves 𐊂 and the like to the grammar).
    const fast = e.code <= 0xffff;
    // It would have been a name of its own.
    expect(fastParse(short, 0) !== null).toBe(fast);
    expectRefused(short, e, 1, 10);
    // 10,000 characters: parsed by the fast reader (under the grammar's limit, it is tried first).
    const sum = "1 + ".repeat(2_500);
    expect(fastParse(`${sum}${ch}`, 0) !== null).toBe(fast);
    expectRefused(`${sum}${ch}`, e, 1, sum.length + 1);
    // Over the grammar's limit the session reads it with the fast reader alone.
    expectRefused(`${sum}${ch} + 1`, e, 1, sum.length + 1, new Session({ limits: { grammarChars: 1000 } }));
  });

  it.each(STYLED.map((e) => [hex(e.code), e] as const))("the styled letter %s", (_, e) => {
    const ch = String.fromCodePoint(e.code);
    expectRefused(`w = 1\nw ${ch}`, e, 2, 3);
    expectRefused(`∇(w ${ch})`, e, 1, 5);
  });

  it("is refused by the parse the grader and the kernel ask for", () => {
    const parsed = parseStatement("q1 = 2 у", 0);
    expect(parsed).toMatchObject({ ok: false, offset: 7, refused: true });
    expect(isComplete("x = 1\nх + 1")).toBe("invalid");
    expect(isComplete("x = 1\nx + 1")).toBe("complete");
  });
});

describe("what stays as it was", () => {
  it("text in quotes is text, and comments are not read", () => {
    for (const e of [...TABLE, ...STYLED]) {
      const ch = String.fromCodePoint(e.code);
      const results = new Session().run(`s = "х ${ch} \\" ${ch}"\nprint("loss ${ch}:", 1) # ${ch}\nt = 1 # х`);
      expect(
        results.map((r) => r.status),
        hex(e.code),
      ).toEqual(["ok", "ok", "ok"]);
    }
    expect(findLookalike('plot(x^2, x = 0..1); "х"')).toBeNull();
  });

  it("Latin and Nabla's Greek letters, ASCII spellings, subscripts and symbols of their own shape", () => {
    const letters = [..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", ...Object.values(GREEK)];
    for (const ch of letters) expect(findLookalike(`${ch}_1 + ${ch}₂ + 2${ch}`), ch).toBeNull();
    for (const code of ["ℓ + 1", "𝔼[X]", "ℒ = 2", "𝒜 + 𝔄", "ϖ + ϱ", "x_{ij} + W_12", "Aᵀ B", "𝟏 + ∞", "é + ü"])
      expect(findLookalike(code), code).toBeNull();
    const results = new Session().run("ℓ = 2\nℓ + 1\nν = 3\nι + ν");
    expect(results.map((r) => r.text)).toEqual(["2", "3", "3", "ι + 3"]);
  });

  it("a name wholly in another script is a name; one that mixes it with Latin or Greek is refused", () => {
    const results = new Session().run("ж = 2\nж + 1\n速度 = 3\n2速度\nd/dж (ж^2)");
    expect(results.map((r) => r.status)).toEqual(["ok", "ok", "ok", "ok", "error"]); // ж holds 2: not a variable
    expect(results[4].error?.kind).toBe("math");
    expect(new Session().run("d/dж ж^2")[0].status).toBe("ok");
    expect(errorOf("y = 1\nxж = 1")).toMatchObject({
      kind: "parse",
      line: 2,
      column: 2,
      message:
        "`ж` is U+0436, a Cyrillic letter, in the name `xж` with Latin letters: one name may not mix them (it could pass for another); write it in Latin or Greek letters",
    });
    expect(errorOf("λж + 1")?.message).toContain("with Greek letters");
    expect(errorOf("x_ж + 1")).toMatchObject({ column: 3 });
    expect(errorOf("ж_x + 1")?.message).toContain("in the name `ж_x`");
    expect(errorOf("y = 2\nd²/dж² ж^3 + y/dж")).toMatchObject({ line: 2, column: 17 }); // dж after a division is a name
    expect(findLookalike("d/dж ж^2 + d^2/dж^2 ж + d / dж ж")).toBeNull();
  });
});
