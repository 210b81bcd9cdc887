// A chain of + − · typed without brackets nests to the left, one level a term. Every walk over
// statements (the evaluator, the typed domain of check and definitions, the typed order of ∇'s
// variables, provenance) reads such a chain in a loop, so a long one — a pasted data row, a
// generated sum — is a result, not "internal error: Maximum call stack size exceeded".
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";

const TERMS = 20_000;
const chain = (term: (i: number) => string, op = " + ") => Array.from({ length: TERMS }, (_, i) => term(i)).join(op);
const x = () => "x";

const outcome = (code: string) => {
  const results = new Session().run(code);
  const errors = results.filter((r) => r.status === "error").map((r) => r.error?.message);
  expect(errors).toEqual([]);
  return results.at(-1)!.text;
};

describe(`a chain of ${TERMS.toLocaleString("en-US")} terms`, () => {
  it("is summed, subtracted and multiplied", () => {
    expect(outcome(chain(x))).toBe(`${TERMS}*x`);
    expect(outcome(chain(x, " - "))).toBe(`${2 - TERMS}*x`);
    expect(outcome(chain(x, " * "))).toBe(`x^${TERMS}`);
  });

  it("is stored, defined and applied (typed domains and provenance walk it)", () => {
    expect(outcome(`s = ${chain((i) => `z${i % 50}`)}\ns`)).toMatch(/^400\*z0 \+ 400\*z1 \+/);
    expect(outcome(`f(x) = ${chain(x)}\nf(2)`)).toBe(`${2 * TERMS}`);
  });

  it("is checked and graded", () => {
    expect(outcome(`check ${chain(x)} == ${TERMS} x`)).toMatch(/^✓ equivalent/);
    expect(outcome(`check ${chain(x)} == ${TERMS} x for x > 0`)).toMatch(/^✓ equivalent/);
  });

  it("in a form only the grammar reads (expect, ∇): read up to grammarChars, then a limit, not a long wait", () => {
    // The grammar's parse cannot be interrupted and grows with the text: 20,000 terms took 20 s.
    const terms = (n: number) => Array.from({ length: n }, () => "x").join(" + ");
    expect(outcome(`a = 2000 x\nexpect a ≡ ${terms(2000)}`)).toMatch(/^✓ 1\/1 point/);
    const [, graded] = new Session().run(`a = ${TERMS} x\nexpect a ≡ ${chain(x)}`);
    expect(graded.error).toMatchObject({ kind: "limit", line: 2, column: 1 });
    expect(graded.error?.message).toBe(
      "the statement has 80,008 characters; one that uses ∇, Σ, expect or another form the quick reader does not take is read up to 30,000: store its parts in names and combine them",
    );
    expect(new Session().run(`∇(${chain(x)})`)[0].error?.kind).toBe("limit");
  });

  it("has its variables in the order typed (∇ reads the source)", () => {
    expect(outcome(`grad(${chain((i) => ["b", "a", "c"][i % 3])})`)).toBe("[6667, 6667, 6666]");
    expect(outcome(`g = ${chain((i) => (i === 0 ? "q" : "p"))}\ngrad(g)`)).toBe(`[1, ${TERMS - 1}]`);
  });
});
