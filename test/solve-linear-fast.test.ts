// Linear systems over ℚ read straight off the equations' graphs, and off their syntax before any
// graph is built (engine/solve/linear-rows.ts), against the general route they used to take (each
// side a polynomial over ℚ, then the same exact solver): on generated systems of 1–30 unknowns —
// integer, fractional and 80-bit coefficients; terms on both sides, in nested sums, products and
// negations, one unknown in several terms; unknowns missing from equations and listed in another
// order; square, singular, inconsistent, under- and overdetermined — the same rows, the same
// solutions, the same notes. Typed systems say what the same equations held in a name (the graph
// route) say. What is not plainly linear over ℚ (x·y, x², a·x, π·x, x/y) is left to the general route.
import { describe, expect, it } from "vitest";
import { add, int, mul, neg, num, pow, relation, sub, sym, div, constant } from "../src/graph/construct.js";
import type { Node } from "../src/graph/node.js";
import { Rational } from "../src/numeric/rational.js";
import { linearRows, linearRowsOfSyntax } from "../src/engine/solve/linear-rows.js";
import { Evaluator } from "../src/engine/evaluate.js";
import { Environment } from "../src/environment.js";
import { parseStatement } from "../src/syntax/to-ast.js";
import { equationExprs, polynomialsIn, solvePolynomials, solveSystem } from "../src/engine/solve/system.js";
import type { SystemSolution } from "../src/engine/solve/solution.js";
import { Session } from "../src/session.js";
import { dixonPrime, dotMod, solveDixon } from "../src/numeric/dixon.js";
import { seededRandom } from "./helpers/random.js";

const random = seededRandom(1818);
const below = (k: number) => Math.floor(random() * k);
const pick = <T>(xs: readonly T[]): T => xs[below(xs.length)];

type Coefficient = () => Rational;
const smallInteger: Coefficient = () => Rational.int(below(19) - 9);
const fraction: Coefficient = () => Rational.of(BigInt(below(41) - 20), BigInt(1 + below(12)));
const large: Coefficient = () => Rational.of(BigInt(below(2 ** 30)) * 2n ** 50n + BigInt(below(1000)) - 500n, 1n);

/** The previous route: each equation a − b as a polynomial over ℚ, then the exact solver. */
function previousRoute(equations: Node[], vars: readonly Node[]): SystemSolution {
  const ring = polynomialsIn(equationExprs(equations), vars)!;
  expect(ring).not.toBeNull();
  return solvePolynomials(ring.polys, vars, ring.denominators);
}

/** a₁x₁ + … + aₙxₙ = b, written as a random equation with that meaning. */
interface Row {
  a: Rational[];
  b: Rational;
}

/** c·x, written as c·x, x·c, −(−c)·x, or split into two terms of the same unknown (2x + 3x). */
function term(c: Rational, x: Node): Node[] {
  switch (below(4)) {
    case 0:
      return [mul(num(c), x)];
    case 1:
      return [neg(mul(num(c.neg()), x))];
    case 2: {
      const part = fraction();
      return [mul(num(part), x), mul(x, num(c.sub(part)))];
    }
    default:
      return c.equals(Rational.ONE) ? [x] : [mul(x, num(c))];
  }
}

/** Terms grouped at random into nested sums under a factor: 6x + 4y − 2 as 2·(3x + 2y − 1). */
function grouped(terms: { c: Rational; x: Node | null }[]): Node {
  if (terms.length === 0) return int(0);
  const parts: Node[] = [];
  let i = 0;
  while (i < terms.length) {
    const size = 1 + below(Math.min(4, terms.length - i));
    const group = terms.slice(i, i + size);
    i += size;
    const g = pick([Rational.ONE, Rational.int(2), Rational.int(-1), Rational.of(3n, 5n)]);
    const inside = group.flatMap(({ c, x }) => (x ? term(c.div(g), x) : [num(c.div(g))]));
    parts.push(
      g.equals(Rational.ONE)
        ? add(...inside)
        : g.equals(Rational.MINUS_ONE)
          ? neg(add(...inside))
          : mul(num(g), add(...inside)),
    );
  }
  return add(...parts);
}

/** The row as an equation with terms on both sides; unknowns with coefficient 0 are absent, or cancel. */
function equation(row: Row, xs: readonly Node[]): Node {
  const left: { c: Rational; x: Node | null }[] = [];
  const right: { c: Rational; x: Node | null }[] = [];
  row.a.forEach((c, j) => {
    if (c.isZero()) {
      // Now and then an unknown that appears and cancels: 2x − 2x.
      if (below(8) === 0) left.push({ c: Rational.int(2), x: xs[j] }, { c: Rational.int(-2), x: xs[j] });
      return;
    }
    if (below(3) === 0) right.push({ c: c.neg(), x: xs[j] });
    else left.push({ c, x: xs[j] });
  });
  // The constant split across both sides: … + k = b + k.
  const k = smallInteger();
  left.push({ c: k, x: null });
  right.push({ c: row.b.add(k), x: null });
  if (below(10) === 0) return sub(grouped(left), grouped(right)); // an expression standing for … = 0
  return relation("=", grouped(left), grouped(right));
}

const combine = (rows: Row[], weights: Rational[], n: number, shift: Rational): Row => ({
  a: Array.from({ length: n }, (_, j) => rows.reduce((s, r, i) => s.add(weights[i].mul(r.a[j])), Rational.ZERO)),
  b: rows.reduce((s, r, i) => s.add(weights[i].mul(r.b)), shift),
});

type Kind = "square" | "singular, consistent" | "inconsistent" | "underdetermined" | "overdetermined";

function system(n: number, kind: Kind, coefficient: Coefficient): Row[] {
  const sparse = below(3) === 0;
  const fresh = (): Row => ({
    a: Array.from({ length: n }, () => (sparse && below(2) === 0 ? Rational.ZERO : coefficient())),
    b: coefficient(),
  });
  const count =
    kind === "underdetermined"
      ? Math.max(0, n - 1 - below(3))
      : kind === "singular, consistent" || kind === "inconsistent"
        ? n - 1
        : n;
  const rows = Array.from({ length: count }, fresh);
  if (kind === "underdetermined" || kind === "square") return rows;
  // Rows made from the others: consistent (the same combination of the right sides) or not.
  const shift = kind === "inconsistent" ? Rational.int(1 + below(5)) : Rational.ZERO;
  const extra = kind === "overdetermined" ? 2 : 1;
  for (let e = 0; e < extra; e++) {
    const weights = rows.map(() => (below(3) === 0 ? fraction() : Rational.ZERO));
    rows.splice(below(rows.length + 1), 0, combine(rows, weights, n, shift));
  }
  return rows;
}

const unknowns = (n: number) => Array.from({ length: n }, (_, i) => sym(`x_${i + 1}`));

function shuffled<T>(xs: readonly T[]): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = below(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe("linear systems read off the graph", () => {
  const kinds: Kind[] = ["square", "singular, consistent", "inconsistent", "underdetermined", "overdetermined"];
  // How many systems of each: elimination over ℚ of 80-bit rows is slow on both routes.
  const coefficients: [string, Coefficient, number][] = [
    ["small integers", smallInteger, 12],
    ["fractions", fraction, 12],
    ["80-bit integers", large, 4],
  ];
  for (const kind of kinds)
    for (const [name, coefficient, count] of coefficients)
      it(`${kind} systems of ${name}, 1–30 unknowns, solve as the polynomial route did`, () => {
        for (let c = 0; c < count; c++) {
          const n = 1 + below(30);
          const xs = unknowns(n);
          const rows = system(n, kind, coefficient);
          const equations = rows.map((row) => equation(row, xs));
          const vars = below(2) ? shuffled(xs) : xs;
          const read = linearRows(equations, vars);
          expect(read, `${kind}, n = ${n}`).not.toBeNull();
          // The rows say what was generated, with the unknowns in the order given.
          rows.forEach((row, i) => {
            vars.forEach((v, j) => expect(read![i][j].equals(row.a[xs.indexOf(v)])).toBe(true));
            expect(read![i][n].equals(row.b)).toBe(true);
          });
          const fast = solveSystem(equations, vars);
          expect(fast).toEqual(previousRoute(equations, vars));
          if (kind === "inconsistent") expect(fast).toEqual({ kind: "finite", solutions: [] });
          if (kind === "underdetermined" || kind === "singular, consistent") expect(fast.kind).toBe("infinite");
        }
      });

  it("square systems give the one solution, which satisfies every equation", () => {
    for (let c = 0; c < 20; c++) {
      const n = 1 + below(30);
      const xs = unknowns(n);
      const rows = system(n, "square", pick([smallInteger, fraction]));
      const result = solveSystem(
        rows.map((row) => equation(row, xs)),
        xs,
      );
      if (result.kind !== "finite" || result.solutions.length === 0) continue; // a singular draw
      const values = result.solutions[0].values.map((v) => (v as Node & { kind: "num" }).value);
      for (const row of rows)
        expect(row.a.reduce((s, a, j) => s.add(a.mul(values[j])), Rational.ZERO).equals(row.b)).toBe(true);
    }
  });

  it("leaves what is not plainly linear over ℚ to the general route", () => {
    const [x, y] = unknowns(2);
    const a = sym("a");
    const notLinear: Node[] = [
      relation("=", mul(x, y), int(1)), // x·y
      relation("=", pow(x, int(2)), y), // x²
      relation("=", mul(a, x), int(1)), // a symbolic coefficient
      relation("=", mul(constant("π"), x), y), // π·x
      relation("=", div(x, y), int(2)), // x/y
      relation("=", sub(mul(add(x, int(1)), sub(x, int(1))), pow(x, int(2))), y), // linear only once expanded
      relation("<", x, y),
    ];
    for (const e of notLinear) expect(linearRows([e, relation("=", add(x, y), int(3))], [x, y])).toBeNull();
    // An unknown listed twice is left to the general route too.
    expect(linearRows([relation("=", add(x, y), int(3))], [x, x])).toBeNull();
  });
});

describe("solve says the same as before", () => {
  const s = new Session();
  const said = (code: string) => s.run(code)[0].text;
  it.each([
    ["solve([x + y = 1, x + y = 2], [x, y])", "no real solution"],
    ["solve([x + y = 1, 2x + 2y = 2], [x, y])", "infinitely many solutions: 1 unknown(s) are free"],
    ["solve([x + y = 1], [x, y, z])", "infinitely many solutions: 2 unknown(s) are free"],
    ["solve([2(x - 3y) + 1 = y - x, -(x + y) = 4 - 2x], [y, x])", "y = 13/4, x = 29/4"],
    ["solve([x/2 + 0.5 y = 1, x - y = 2], [x, y])", "x = 2, y = 0"],
    ["solve([x*y = 1, x = 2], [x, y])", "x = 2, y = 1/2"],
  ])("%s: %s", (code, text) => expect(said(code)).toBe(text));
});

describe("Dixon's lifting when a prime divides the determinant", () => {
  it("factors modulo the next prime and solves exactly (det A = the first prime, 4 … 12 unknowns)", () => {
    const p = BigInt(dixonPrime(0));
    for (let n = 4; n <= 12; n++) {
      // Upper triangular with diagonal p, 1, …, 1, rows then mixed so no pivot is in place.
      const U = Array.from({ length: n }, (_, i) =>
        Array.from({ length: n }, (_, j) => (j < i ? 0n : i === j ? (i === 0 ? p : 1n) : BigInt(below(19) - 9))),
      );
      const A = U.map((row, i) => row.map((x, j) => Rational.of(x + (i > 0 ? U[0][j] * BigInt(i % 3) : 0n))));
      const b = Array.from({ length: n }, () => [smallInteger()]);
      const x = solveDixon(A, b)!;
      expect(x).not.toBeNull();
      A.forEach((row, i) =>
        expect(row.reduce((s, a, j) => s.add(a.mul(x[j][0])), Rational.ZERO).equals(b[i][0])).toBe(true),
      );
    }
  });
});

describe("typed systems read off the syntax, before their graphs are built", () => {
  /** c·x as typed, in one of the forms people write: 3x, (−5)*x, x*3, −x, x/4, (2/3) x, 2(x + x)/4 … */
  function typedTerm(c: Rational, x: string): string {
    const text = c.toString();
    if (!c.isInteger()) return pick([`(${text}) ${x}`, `${x}*(${text})`, `${c.num}${x}/${c.den}`]);
    if (c.equals(Rational.ONE)) return pick([x, `1${x}`, `(${x})`]);
    if (c.equals(Rational.MINUS_ONE)) return pick([`-${x}`, `(-1)*${x}`, `-(${x})`]);
    return pick([`${text}*${x}`, `(${text})*${x}`, `${x}*(${text})`, `(${text}) ${x}`, `${text}(${x} - ${x} + ${x})`]);
  }

  function typedSide(terms: { c: Rational; x: string | null }[]): string {
    if (terms.length === 0) return "0";
    const parts = terms.map(({ c, x }) => (x ? typedTerm(c, x) : `(${c.toString()})`));
    // Now and then a group: 2(a + b) written as 2*((a)/2 + (b)/2) keeps its value.
    if (parts.length > 2 && below(3) === 0)
      return `2*((${parts[0]})/2 + (${parts[1]})/2) + ${parts.slice(2).join(" + ")}`;
    if (parts.length > 1 && below(4) === 0) return `-(-(${parts[0]}) - (${parts.slice(1).join(" + ")}))`;
    return parts.join(" + ");
  }

  function typedEquation(row: Row, names: readonly string[]): string {
    const left: { c: Rational; x: string | null }[] = [];
    const right: { c: Rational; x: string | null }[] = [];
    row.a.forEach((c, j) => {
      if (c.isZero()) return;
      if (below(3) === 0) right.push({ c: c.neg(), x: names[j] });
      else left.push({ c, x: names[j] });
    });
    const k = smallInteger();
    left.push({ c: k, x: null });
    right.push({ c: row.b.add(k), x: null });
    return `${typedSide(left)} = ${typedSide(right)}`;
  }

  it("reads the rows that were generated, unknowns in the order given (100 systems)", () => {
    const ev = new Evaluator(new Environment());
    for (let c = 0; c < 100; c++) {
      const n = 1 + below(20);
      const names = Array.from({ length: n }, (_, i) => `u_${i + 1}`);
      const rows = system(n, "square", pick([smallInteger, fraction]));
      const parsed = parseStatement(`[${rows.map((row) => typedEquation(row, names)).join(", ")}]`, 0);
      if (!parsed.ok || parsed.statement.kind !== "exprs") throw new Error("not parsed");
      const list = parsed.statement.exprs[0];
      if (list.kind !== "matrix") throw new Error("not a list");
      const order = below(2) ? shuffled(names) : names;
      const vars = order.map((name) => sym(name));
      const read = linearRowsOfSyntax(list.rows.flat(), vars, (e) => ev.expr(e))!;
      expect(read).not.toBeNull();
      rows.forEach((row, i) => {
        order.forEach((name, j) => expect(read[i][j].equals(row.a[names.indexOf(name)])).toBe(true));
        expect(read[i][n].equals(row.b)).toBe(true);
      });
    }
  });

  it("says what the same equations held in a name say (the graph route), on 150 generated systems", () => {
    const s = new Session();
    const kinds: Kind[] = ["square", "singular, consistent", "inconsistent", "underdetermined", "overdetermined"];
    for (let c = 0; c < 150; c++) {
      const n = 1 + below(c < 100 ? 12 : 30);
      const names = Array.from({ length: n }, (_, i) => `u_${i + 1}`);
      const rows = system(n, kinds[c % kinds.length], pick([smallInteger, fraction]));
      if (rows.length === 0) continue; // [] is not a list one can type
      const equations = `[${rows.map((row) => typedEquation(row, names)).join(", ")}]`;
      const vars = `[${(below(2) ? shuffled(names) : names).join(", ")}]`;
      const typed = s.run(`solve(${equations}, ${vars})`)[0];
      const held = s.run(`eqs = ${equations}`)[0].status === "ok" ? s.run(`solve(eqs, ${vars})`)[0] : null;
      expect(typed.status, equations).toBe("ok");
      if (held) expect(typed.text, equations).toBe(held.text);
    }
  });

  it.each([
    // a name holding a number is a coefficient; one holding an expression in the unknowns is that expression
    ["k = 3", "solve([k x + y = 1, x - y = 3], [x, y])", "x = 1, y = -2"],
    ["w = x + y", "solve([2w = 4, x - y = 0], [x, y])", "x = 1, y = 1"],
    // nonlinear, symbolic or inexact parts take the general route
    ["", "solve([x y = 2, x = 1], [x, y])", "x = 1, y = 2"],
    ["", "solve([x^2 = 4, y = x], [x, y])", "(x = -2, y = -2), (x = 2, y = 2)"],
    ["", "solve([x + y = 3, x - y = 1], [x, x])", "no real solution"],
    ["", "solve([x + y < 3, x - y = 1], [x, y])", ""],
  ])("%s; %s says %s", (setup, code, text) => {
    const s = new Session();
    if (setup) s.run(setup);
    const [r] = s.run(code);
    if (text) expect(r.text).toBe(text);
    else expect(r.status).toBe("error");
  });
});

describe("dot products mod p, reduced once per 256 terms", () => {
  it("equal BigInt's Σ aᵢbᵢ mod p for 0 … 700 terms of residues near p, strided and not", () => {
    const p = dixonPrime(0);
    for (const count of [0, 1, 2, 255, 256, 257, 511, 512, 513, 700]) {
      const a = Float64Array.from({ length: 2 * count + 3 }, () => p - 1 - below(4));
      const b = Float64Array.from({ length: 3 * count + 5 }, () => p - 1 - below(4));
      let exact = 0n;
      for (let m = 0; m < count; m++) exact += BigInt(a[1 + 2 * m]) * BigInt(b[2 + 3 * m]);
      expect(dotMod(a, 1, 2, b, 2, 3, count, p)).toBe(Number(exact % BigInt(p)));
    }
  });
});

describe("long typed sums", () => {
  it("a 30,000-term equation is read without running out of stack, as the graph route reads it", () => {
    const terms = Array.from({ length: 30_000 }, (_, i) => (i % 3 === 0 ? "x" : i % 3 === 1 ? "2y" : "-(-3)*z")).join(
      " + ",
    );
    const s = new Session();
    const typed = s.run(`solve([${terms} = 1, x - y = 0, y - z = 0], [x, y, z])`)[0];
    expect(typed.text).toBe("x = 1/60000, y = 1/60000, z = 1/60000");
  });
});

describe("what reading a typed system says, it says once", () => {
  const warnings = (code: string) =>
    new Session().run(code)[0].effects.map((e) => ("text" in e ? String(e.text).trim() : e.kind));

  it("a warning from a part the general route then reads again is not repeated", () => {
    // foo(x) is read as foo·x: not linear, so the general route evaluates the equations again.
    expect(warnings("solve([foo(x) + y = 1, x - y = 2], [x, y])")).toEqual([
      "warning: foo is not a function; read as foo·x",
    ]);
  });

  it("a warning from a system read off its syntax is said, once", () => {
    // xx(2) is xx·2, linear in the unknown xx.
    const [r] = new Session().run("solve([xx(2) + y = 4, y = 0], [xx, y])");
    expect(r.text).toBe("xx = 2, y = 0");
    expect(r.effects.map((e) => ("text" in e ? String(e.text).trim() : e.kind))).toEqual([
      "warning: xx is not a function; read as xx·2",
    ]);
  });
});

describe("a vector of expressions is each one = 0, typed or held in a name", () => {
  const solve = (code: string) => new Session().run(code).at(-1)!;

  it("a stored list of expressions solves as the typed list does", () => {
    expect(solve("E = [x + y, x - y - 2]\nsolve(E, [x, y])").text).toBe(
      solve("solve([x + y, x - y - 2], [x, y])").text,
    );
    expect(solve("E = [x + y, x - y - 2]\nsolve(E, [x, y])").text).toBe("x = 1, y = -1");
  });

  it("the critical points of f are solve(∇f, [x, y])", () => {
    expect(solve("solve(∇(x^2 + y^2 - 2x), [x, y])").text).toBe("x = 1, y = 0");
    expect(solve("f(x, y) = x^3 - 3x + y^2\nsolve(∇f(x, y), [x, y])").text).toBe("(x = -1, y = 0), (x = 1, y = 0)");
  });

  it("a matrix is not a list of equations: solve says what to write", () => {
    expect(solve("A = [1, 2; 3, 4]\nsolve(A, [x, y])").error?.message).toMatch(/^solve takes scalar equations/);
  });
});
