// The fast path gives the grammar's AST (spans included) or steps aside: on every statement of the
// course notebooks, the corpus, the bench workloads, generated expressions with random spacing, and
// random mutations of all of them.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fastParse } from "../../src/syntax/fast-parse.js";
import { parseWithGrammar } from "../../src/syntax/to-ast.js";
import { scan } from "../../src/syntax/scanner.js";
import { VALUES } from "../corpus.js";
import { WORKLOADS, manyChecks } from "../../bench/calculus/workloads.js";

const NOTEBOOKS = join(import.meta.dirname, "..", "..", "notebooks", "src");

function statementsOf(cell: string): { text: string; offset: number }[] {
  return scan(cell).statements.map((s) => ({ text: s.text, offset: s.offset }));
}

const notebookStatements = readdirSync(NOTEBOOKS)
  .filter((f) => f.endsWith(".md"))
  .flatMap((f) =>
    [...readFileSync(join(NOTEBOOKS, f), "utf8").matchAll(/```nabla\n([\s\S]*?)```/g)].flatMap((m) =>
      statementsOf(m[1]),
    ),
  );

const corpus = [
  ...notebookStatements,
  ...VALUES.map((text) => ({ text, offset: 0 })),
  ...WORKLOADS.flatMap((w) => statementsOf(w.nabla)),
  ...statementsOf(manyChecks(50).nabla),
];

/** Agreement on one statement: the fast path either declines or gives the grammar's very AST. */
function agrees(text: string, offset: number): "fast" | "grammar" {
  const fast = fastParse(text, offset);
  if (fast === null) return "grammar";
  const slow = parseWithGrammar(text, offset);
  expect(slow.ok, `the fast path accepted what the grammar rejects: ${JSON.stringify(text)}`).toBe(true);
  if (slow.ok) expect(fast, JSON.stringify(text)).toEqual(slow.statement);
  return "fast";
}

// Expressions over the fast path's constructs (and a few it declines), spaced at random.
const expression: fc.Arbitrary<string> = fc.letrec((tie) => ({
  atom: fc.oneof(
    { maxDepth: 2, depthIdentifier: "nesting" },
    fc.constantFrom(
      "x",
      "y",
      "x_1",
      "W_{12}",
      "λ",
      "σ",
      "dx",
      "delta",
      "e",
      "2",
      "3.5",
      ".5",
      "1e3",
      "2e",
      '"xor"',
      "A",
      "total",
      "d",
      "to",
    ),
    fc
      .tuple(fc.constantFrom("sin", "f", "max", "f'"), fc.array(tie("expr"), { minLength: 0, maxLength: 2 }))
      .map(([f, args]) => `${f}(${args.join(", ")})`),
  ),
  postfix: fc
    .tuple(tie("atom"), fc.constantFrom("", "ᵀ", "'", "²", "⁻¹", "[1]", "[:, 2]", ".W", " ᵀ", " ²"))
    .map(([a, p]) => a + p),
  factor: fc.oneof(
    { maxDepth: 2, depthIdentifier: "nesting" },
    { weight: 4, arbitrary: tie("postfix") },
    { weight: 1, arbitrary: tie("expr").map((e) => `(${e})`) },
    {
      weight: 1,
      arbitrary: fc.array(tie("expr"), { minLength: 1, maxLength: 3 }).map((r) => `[${r.join(", ")}; ${r.join(", ")}]`),
    },
    { weight: 1, arbitrary: tie("factor").map((f) => `d/dx ${f}`) },
    { weight: 1, arbitrary: tie("factor").map((f) => `∂²/∂x∂y ${f}`) },
    { weight: 1, arbitrary: tie("factor").map((f) => `d^2/dx^2 ${f}`) },
  ),
  power: fc.oneof(
    tie("factor"),
    fc.tuple(tie("factor"), fc.constantFrom("^", "**", " ^ ", "^-"), tie("factor")).map(([a, op, b]) => a + op + b),
  ),
  term: fc
    .array(fc.tuple(fc.constantFrom("", " ", "*", " * ", "/", "·", " ⊙ ", ".*", "-", " − ", " × "), tie("power")), {
      minLength: 1,
      maxLength: 2,
    })
    .map((parts) => parts.map(([op, p], i) => (i === 0 ? p : op + p)).join("")),
  expr: fc.oneof(
    { maxDepth: 2, depthIdentifier: "nesting" },
    { weight: 5, arbitrary: fc.array(tie("term"), { minLength: 1, maxLength: 3 }).map((ts) => ts.join(" + ")) },
    { weight: 1, arbitrary: tie("term").map((t) => `-${t}`) },
    { weight: 1, arbitrary: tie("term").map((t) => `−${t}`) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(tie("term"), fc.constantFrom(" == ", " = ", "<=", " ≡ ", ".."), tie("term"))
        .map(([a, op, b]) => a + op + b),
    },
  ),
})).expr as fc.Arbitrary<string>;

const STATEMENT_FORMS = [
  "%",
  "%",
  "check %",
  "z = %",
  "g(x, y) = %",
  "%, %",
  "  % ",
  "  check % ",
  "check % for %",
  "  check %  for %, y > 0 ",
  "check % for_ %",
  "check % format %",
  "check %for(%)",
  "x in %",
  "layer h = %",
];

describe("the fast parser", () => {
  it("agrees with the grammar on every statement of the notebooks, the corpus and the bench", () => {
    const taken = corpus.filter(({ text, offset }) => agrees(text, offset) === "fast").length;
    // Most statements take the fast path; the rest are the grammar's (Σ, ∇, ranges, keywords).
    expect(taken / corpus.length).toBeGreaterThan(0.6);
  });

  it("takes every check of the throughput bench", () => {
    for (const { text, offset } of statementsOf(manyChecks(200).nabla)) expect(agrees(text, offset)).toBe("fast");
  });

  it("agrees on generated statements with random spacing", () => {
    const statement = fc
      .tuple(fc.constantFrom(...STATEMENT_FORMS), expression, expression)
      .map(([form, a, b]) => form.replace("%", a).replace("%", b));
    let fast = 0;
    fc.assert(
      fc.property(statement, fc.nat(50), (text, offset) => void (agrees(text, offset) === "fast" && fast++)),
      { numRuns: 3000, seed: 11 },
    );
    expect(fast).toBeGreaterThan(500);
  });

  it("agrees on random mutations of real statements", () => {
    const ALPHABET = "xyd0123456789+-*/^()[];,.'ᵀ⁻¹²|∂_{}=\" ".split("");
    const mutated = fc
      .tuple(
        fc.constantFrom(...corpus.map((c) => c.text)),
        fc.nat(),
        fc.constantFrom(...ALPHABET),
        fc.constantFrom("insert", "delete", "replace"),
      )
      .map(([src, at, ch, how]) => {
        const i = at % (src.length + 1);
        return how === "insert"
          ? src.slice(0, i) + ch + src.slice(i)
          : how === "delete"
            ? src.slice(0, i) + src.slice(i + 1)
            : src.slice(0, i) + ch + src.slice(i + 1);
      });
    let fast = 0;
    fc.assert(
      fc.property(mutated, (text) => void (agrees(text, 0) === "fast" && fast++)),
      { numRuns: 5000, seed: 5 },
    );
    expect(fast).toBeGreaterThan(1000);
  });
});
