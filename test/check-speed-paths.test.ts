// The shortcuts the 1,000-check bench takes (#13) give what the long way gives, on generated input:
// - `mentions(n, x)` (a symbol certainly free in n, read from the per-node symbol sets) says yes only
//   where freeSymbols(n) lists x, and exactly where it does when no Σ or ∏ can bind a symbol;
// - the keyword test of the fast parser, which first looks at the word's first letter, still gives
//   the grammar's AST for names that begin like keywords (form, tolerance, in_1, for_x, checks);
// - d/dx prints its operand only when a message needs it: the warning for an operand free of x and
//   the error for a differentiated value still name it;
// - the bare I/𝟏 sizing pass, skipped for a statement whose text has neither, gives what it gives run on all;
// - the typed order of variables is unchanged when number literals are not noted as sources.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";
import { mentions } from "../src/graph/symbols.js";
import { findInside, freeSymbols } from "../src/graph/traverse.js";
import type { Node } from "../src/graph/node.js";
import { fastParse } from "../src/syntax/fast-parse.js";
import { parseStatement, parseWithGrammar } from "../src/syntax/to-ast.js";
import { mayNameBareArray, type Evaluator } from "../src/engine/evaluate.js";
import { seededRandom } from "./helpers/random.js";

const SYMBOLS = ["x", "y", "z", "t", "a_1", "x_i", "n"];

/** A random scalar expression over SYMBOLS, numbers, the common functions and Σ over i. */
function expression(next: () => number, depth = 0): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  if (depth > 3 || next() < 0.25) return next() < 0.3 ? String(1 + Math.floor(next() * 9)) : pick(SYMBOLS);
  const a = expression(next, depth + 1);
  const b = expression(next, depth + 1);
  switch (Math.floor(next() * 7)) {
    case 0:
      return `(${a}) + (${b})`;
    case 1:
      return `(${a}) * (${b})`;
    case 2:
      return `(${a})^${1 + Math.floor(next() * 3)}`;
    case 3:
      return `${pick(["sin", "exp", "tanh", "relu", "log"])}(${a})`;
    case 4:
      return `(${a}) - (${b})`;
    case 5:
      return `sum(${a}, i = 1..n)`;
    default:
      return `(${a}) / (${b})`;
  }
}

function valueOf(session: Session, code: string): Node | null {
  const [r] = session.run(code);
  return r.status === "ok" && r.value ? r.value : null;
}

describe("mentions agrees with freeSymbols", () => {
  it("on 400 generated expressions, for every symbol", () => {
    const next = seededRandom(1313);
    const session = new Session();
    let checked = 0;
    let bound = 0;
    for (let k = 0; k < 400; k++) {
      const value = valueOf(session, expression(next));
      if (!value) continue;
      const free = freeSymbols(value);
      const hasBigop = findInside(value, (n) => n.kind === "bigop") !== undefined;
      if (hasBigop) bound++;
      for (const name of ["x", "y", "z", "t", "a_1", "i", "n"]) {
        const x = valueOf(session, name)!;
        // Never a yes that freeSymbols would deny; where nothing binds, the very same answer.
        if (mentions(value, x)) expect(free).toContain(x);
        if (!hasBigop) expect(mentions(value, x), name).toBe(free.includes(x as (typeof free)[number]));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1500);
    expect(bound).toBeGreaterThan(20);
  });
});

describe("the fast parser's keyword test", () => {
  const KEYWORDISH = ["form", "tolerance", "in_1", "for_x", "checks", "ont", "ifx", "points_2", "rt", "maxi", "to_1"];
  it("gives the grammar's AST or declines, for names that begin like keywords", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...KEYWORDISH),
        fc.constantFrom(...KEYWORDISH, "x", "2"),
        fc.constantFrom(" + ", "*", " ", "^", " - "),
        (a, b, op) => {
          for (const text of [`${a}${op}${b}`, `check ${a} == ${b}`, `${a} = ${b}${op}1`, `sin(${a})${op}${b}`]) {
            const fast = fastParse(text, 0);
            if (fast === null) continue;
            const slow = parseWithGrammar(text, 0);
            expect(slow.ok, text).toBe(true);
            if (slow.ok) expect(fast, text).toEqual(slow.statement);
          }
        },
      ),
      { numRuns: 300, seed: 13 },
    );
  });
});

describe("d/dx names its operand only when it has to", () => {
  it("warns with the operand's name or its printed form when it is free of x", () => {
    const session = new Session();
    const warnings: string[] = [];
    const s = new Session({ onEffect: (e) => void (e.kind === "stderr" && warnings.push(e.text)) });
    s.run("g = y^2 + 1\nd/dx g\nd/dx (y^2 + 3)\nd/dx (x^2 + y)");
    expect(warnings).toEqual([
      "warning: g does not depend on x, so its derivative is 0\n",
      "warning: y² + 3 does not depend on x, so its derivative is 0\n",
    ]);
    expect(session.run("d/dx (x^2 y)")[0].text).toBe("2*x*y");
  });
});

describe("the typed order with number literals not noted", () => {
  it("∇ of generated sums whose terms repeat numbers typed elsewhere keeps the order typed", () => {
    const next = seededRandom(77);
    for (let k = 0; k < 40; k++) {
      const session = new Session();
      const vars = ["x", "y", "z", "w"].sort(() => next() - 0.5).slice(0, 3);
      // Numbers that also arise folded from symbols (y - y + 2 is 2), typed before and after.
      session.run(`c = ${vars[2]} - ${vars[2]} + 2`);
      const f = `2 ${vars[0]}^2 + ${vars[1]} ${vars[0]} + 2 ${vars[2]}^3 + c`;
      const typed = session.run(`∇(${f})`)[0];
      const explicit = session.run(`grad(${f}, [${vars.join(", ")}])`)[0];
      expect(typed.status, f).toBe("ok");
      expect(typed.text, f).toBe(explicit.text);
    }
  });
});

describe("the bare I/𝟏 sizing pass only where the text names one", () => {
  const DECLARATIONS = "x ∈ ℝ^n; y ∈ ℝ^n; A ∈ ℝ^(n×n); B ∈ ℝ^(m×n); s ∈ ℝ";
  const ATOMS = ["I", "𝟏", "I_n", "𝟏_n", "A", "Aᵀ", "B", "x", "y", "xᵀ", "s", "2", "Ix", "xI", "In", "i"];

  /** A random statement over declared arrays, bare I and 𝟏, and names that merely contain an I. */
  function statement(next: () => number, depth = 0): string {
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
    if (depth > 2 || next() < 0.3) return pick(ATOMS);
    const a = statement(next, depth + 1);
    const b = statement(next, depth + 1);
    return pick([`(${a}) + (${b})`, `(${a}) (${b})`, `(${a}) - (${b})`, `sum(${a})`, `(${a})ᵀ`, `${a} ⊙ ${b}`]);
  }

  /** Every subexpression of a parsed statement (any object with a kind and a span). */
  function namesIn(value: unknown, out: string[] = []): string[] {
    if (Array.isArray(value)) for (const v of value) namesIn(v, out);
    else if (value && typeof value === "object") {
      const e = value as { kind?: string; name?: unknown };
      if (e.kind === "name" && typeof e.name === "string") out.push(e.name);
      for (const v of Object.values(value)) namesIn(v, out);
    }
    return out;
  }

  it("a text without I or 𝟏 parses to no name I or 𝟏 (300 generated statements)", () => {
    const next = seededRandom(2613);
    let skipped = 0;
    for (let k = 0; k < 300; k++) {
      const core = statement(next);
      for (const text of [core, `check ${core} == ${statement(next)}`, `z = ${core}`]) {
        const parsed = parseStatement(text, 0);
        if (!parsed.ok || mayNameBareArray(text)) continue;
        skipped++;
        const names = namesIn(parsed.statement);
        expect(names, text).not.toContain("I");
        expect(names, text).not.toContain("𝟏");
      }
    }
    expect(skipped).toBeGreaterThan(50);
  });

  it("gives the results of the pass run on every statement (300 generated statements)", () => {
    const next = seededRandom(2614);
    const short = new Session();
    const long = new Session();
    // The long way: the evaluator walks every statement, as before the text test.
    const evaluator = (long as unknown as { evaluator: Evaluator }).evaluator;
    const walk = evaluator.sizeBareArrays.bind(evaluator);
    evaluator.sizeBareArrays = (st) => walk(st);
    short.run(DECLARATIONS);
    long.run(DECLARATIONS);
    let sized = 0;
    for (let k = 0; k < 300; k++) {
      const text = k % 3 === 0 ? `check ${statement(next)} == ${statement(next)}` : statement(next);
      const [a] = short.run(text);
      const [b] = long.run(text);
      expect(a.status, text).toBe(b.status);
      expect(a.status === "ok" ? a.text : a.error?.message, text).toBe(b.status === "ok" ? b.text : b.error?.message);
      if (a.status === "ok" && mayNameBareArray(text)) sized++;
    }
    expect(sized).toBeGreaterThan(30);
  });
});
