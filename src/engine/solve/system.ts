// Solving systems of equations. Equations that are polynomials over ℚ in the unknowns (most) become
// polynomials first: linear ones are eliminated on exact rationals, the others go through a lex
// Gröbner basis and back-substitution, one variable at a time from the last. Linear systems with
// other coefficients (symbols, π, floats) are eliminated over expressions. Only real solutions are
// kept; every solution of a nonlinear system is checked against its equations.
import { mathError } from "../../errors.js";
import { ZERO, add, div, int, mul, num, pow, sub } from "../../graph/construct.js";
import type { Node } from "../../graph/node.js";
import { floatValue } from "../../graph/evalf.js";
import { Rational } from "../../numeric/rational.js";
import { differentiate } from "../differentiate.js";
import { expand } from "../expand.js";
import { type Poly, exponentsOf, toRational } from "../polynomial.js";
import { substitute } from "../substitute.js";
import { groebner, lexCompare, type Polynomial } from "./groebner.js";
import { realRoots, withoutHiddenZeros } from "./univariate.js";
import { newtonRoots } from "./newton.js";
import { solveExactUnivariate } from "./exact-univariate.js";
import { certifiedSign } from "./sign.js";
import { toPretty } from "../../graph/print/forms.js";
import { freeSymbols } from "../../graph/traverse.js";
import { solveDixon } from "../../numeric/dixon.js";
import { linearRows } from "./linear-rows.js";
import type { Solution, SystemSolution } from "./solution.js";

/** Said beside the points when a branch of the system has infinitely many solutions. */
export const MORE_SOLUTIONS = "and infinitely many more, where the system leaves an unknown free";

/** ∂e/∂v for each unknown v when e is linear in them (no ∂²e/∂v∂w is nonzero); null otherwise. */
function linearCoefficients(e: Node, vars: readonly Node[]): Node[] | null {
  const coefficients: Node[] = [];
  for (const v of vars) {
    const dv = differentiate(e, v);
    if (!vars.every((w) => differentiate(dv, w) === ZERO)) return null;
    coefficients.push(dv);
  }
  return coefficients;
}

/** The arithmetic elimination needs, over expressions or over exact rationals. */
interface Field<T> {
  isZero(x: T): boolean;
  div(a: T, b: T): T;
  /** a − f·b */
  subMul(a: T, f: T, b: T): T;
}

const EXPRESSIONS: Field<Node> = {
  isZero: isZeroExpression,
  div: (a, b) => expand(div(a, b)),
  subMul: (a, f, b) => expand(sub(a, mul(f, b))),
};

const RATIONALS: Field<Rational> = {
  isZero: (x) => x.isZero(),
  div: (a, b) => a.div(b),
  subMul: (a, f, b) => a.sub(f.mul(b)),
};

/**
 * Whether an entry is 0, certified (sign.ts): (π − 355/113) x = 1 divides by it, and log 2 + log 3 − log 6,
 * 0 to every digit but not simplified, must not be divided by; that is said. One holding a parameter
 * is 0 only when it expands to 0.
 */
function isZeroExpression(x: Node): boolean {
  const sign = certifiedSign(x);
  if (sign === "undecided")
    throw mathError(
      `could not decide whether ${toPretty(x)} is 0: it is 0 to 640 digits but does not simplify to 0, so the system's solutions are undecided`,
    );
  return sign === 0;
}

/** Gaussian elimination over expressions, for systems linear in the unknowns with coefficients beyond ℚ. */
function solveLinear(exprs: Node[], coefficients: Node[][], vars: readonly Node[]): SystemSolution {
  const zeroPoint = new Map(vars.map((v) => [v, ZERO] as const));
  const rows = exprs.map((e, i) => [...coefficients[i].map(expand), expand(sub(ZERO, substitute(e, zeroPoint)))]);
  return eliminate(rows, vars.length, EXPRESSIONS, (x) => x);
}

/** Reduced row echelon form of [A | b] (n unknowns), then the verdict: none, a free unknown, or the one solution. */
function eliminate<T>(rows: T[][], n: number, field: Field<T>, toNode: (x: T) => Node): SystemSolution {
  const pivots: number[] = [];
  let r = 0;
  for (let c = 0; c < n && r < rows.length; c++) {
    const p = rows.findIndex((row, i) => i >= r && !field.isZero(row[c]));
    if (p < 0) continue;
    [rows[r], rows[p]] = [rows[p], rows[r]];
    const pivot = rows[r][c];
    rows[r] = rows[r].map((x) => field.div(x, pivot));
    for (let i = 0; i < rows.length; i++) {
      if (i === r || field.isZero(rows[i][c])) continue;
      const f = rows[i][c];
      rows[i] = rows[i].map((x, j) => field.subMul(x, f, rows[r][j]));
    }
    pivots.push(c);
    r++;
  }
  for (let i = r; i < rows.length; i++) if (!field.isZero(rows[i][n])) return { kind: "finite", solutions: [] };
  if (r < n) return { kind: "infinite", note: `infinitely many solutions: ${n - r} unknown(s) are free` };
  const values = Array.from({ length: n }, (_, j) => toNode(rows[pivots.indexOf(j)][n]));
  return { kind: "finite", solutions: [{ values, exact: true }] };
}

/**
 * The equations as polynomials over ℚ in the unknowns (numerators; a denominator that is not a
 * number is kept, as a solution must not make it vanish), or null when a coefficient is symbolic,
 * inexact or not polynomial.
 */
export function polynomialsIn(
  exprs: readonly Node[],
  vars: readonly Node[],
): { polys: Poly[]; denominators: Poly[] } | null {
  const polys: Poly[] = [];
  const denominators: Poly[] = [];
  for (const e of exprs) {
    const r = toRational(e, vars);
    if (!r) return null;
    const c = r.den.constantValue();
    polys.push(c ? r.num.scale(c.inv()) : r.num);
    if (!c) denominators.push(r.den);
  }
  return { polys, denominators };
}

/** A polynomial as the Gröbner code's sorted terms, its variables taken in `order`. */
function toTerms(p: Poly, order: readonly number[]): Polynomial {
  const terms = [...p.terms].map(([k, c]) => {
    const e = exponentsOf(k);
    return { m: order.map((i) => e[i]), c };
  });
  return terms.sort((a, b) => lexCompare(b.m, a.m));
}

/** A linear polynomial as a row [a₁ … aₙ | −a₀] of a₁x₁ + … + aₙxₙ + a₀. */
function linearRow(p: Poly, n: number): Rational[] {
  const row = new Array<Rational>(n + 1).fill(Rational.ZERO);
  for (const [k, c] of p.terms) {
    const j = exponentsOf(k).indexOf(1);
    if (j < 0) row[n] = c.neg();
    else row[j] = c;
  }
  return row;
}

/** One polynomial of the basis, with values substituted for the later variables, by powers of vars[k]. */
function univariate(p: Polynomial, k: number, vars: readonly Node[], assigned: readonly Node[]): Node[] {
  // Rational values for the later variables (most back-substitutions): the coefficients in ℚ, no expression built.
  if (assigned.slice(k + 1).every((v) => v.kind === "num")) {
    const sums: Rational[] = [];
    for (const t of p) {
      let c = t.c;
      for (let i = k + 1; i < vars.length; i++)
        if (t.m[i]) c = c.mul((assigned[i] as Node & { kind: "num" }).value.pow(t.m[i]));
      sums[t.m[k]] = (sums[t.m[k]] ?? Rational.ZERO).add(c);
    }
    return Array.from({ length: sums.length }, (_, i) => num(sums[i] ?? Rational.ZERO));
  }
  const coefficients: Node[][] = [];
  for (const t of p) {
    const factors: Node[] = [num(t.c)];
    for (let i = k + 1; i < vars.length; i++) if (t.m[i]) factors.push(pow(assigned[i], int(t.m[i])));
    (coefficients[t.m[k]] ??= []).push(mul(...factors));
  }
  const exact = Array.from({ length: coefficients.length }, (_, i) => expand(add(...(coefficients[i] ?? [ZERO]))));
  return withoutHiddenZeros(exact);
}

function involvesOnlyFrom(p: Polynomial, k: number): boolean {
  return p.every((t) => t.m.slice(0, k).every((e) => e === 0));
}

/**
 * The equations among values: a list of equations (`eqs = [x + y = 1, x − y = 0]` is a vector of
 * them) counts as its entries, so a name holding equations works wherever equations do.
 */
export function equationList(values: readonly Node[]): Node[] {
  return values.flatMap((v) =>
    v.kind === "tensor" ? equationList(v.entries) : v.kind === "tuple" ? equationList(v.items) : [v],
  );
}

/** Each equation a = b as a − b (an expression stands for expression = 0); anything else is an error. */
export function equationExprs(equations: readonly Node[]): Node[] {
  return equationList(equations).map((e) => {
    if (e.kind === "rel") {
      if (e.op !== "=") throw mathError(`solve takes equations (=), not ${e.op}`);
      return sub(e.left, e.right);
    }
    if (e.kind === "str" || e.kind === "record") throw mathError("solve takes equations, as in x + y = 10");
    return e;
  });
}

export function solveSystem(equations: Node[], vars: readonly Node[]): SystemSolution {
  // Linear over ℚ as written (most systems typed in): the rows straight from the graph.
  const rows = linearRows(equationList(equations), vars);
  if (rows) return solveLinearSystem(rows, vars.length);
  const exprs = equationExprs(equations);
  const ring = polynomialsIn(exprs, vars);
  if (ring) return solvePolynomials(ring.polys, vars, ring.denominators);
  // Coefficients beyond ℚ (symbols, π, floats): linear systems by elimination over expressions.
  const coefficients: Node[][] = [];
  for (const e of exprs) {
    const c = linearCoefficients(e, vars);
    if (!c) {
      // One equation, polynomial in its unknown over exact constants or parameters (x² = π): in closed form.
      const exact = exprs.length === 1 && vars.length === 1 ? solveExactUnivariate(exprs[0], vars[0]) : null;
      if (exact) return exact;
      // Transcendental (or symbolic nonlinear) square systems: numeric roots in a stated box.
      if (exprs.length === vars.length && isNumericIn(exprs, vars)) return newtonRoots(exprs, vars);
      throw mathError(
        "Nabla solves polynomial (or rational) equations in the unknowns, linear systems with symbolic coefficients, and square systems numerically",
      );
    }
    coefficients.push(c);
  }
  return solveLinear(exprs, coefficients, vars);
}

/** Polynomial over ℚ, or linear in the unknowns: solvable exactly. */
export function isExactlySolvable(exprs: readonly Node[], vars: readonly Node[]): boolean {
  return polynomialsIn(exprs, vars) !== null || exprs.every((e) => linearCoefficients(e, vars) !== null);
}

/** Every symbol of the equations is an unknown (no parameter left), so they can be evaluated at points. */
function isNumericIn(exprs: readonly Node[], vars: readonly Node[]): boolean {
  return exprs.every((e) => freeSymbols(e).every((s) => vars.includes(s)));
}

/** The rows [a₁ … aₙ | b] of a linear system over ℚ in n unknowns, solved exactly. */
export function solveLinearSystem(rows: Rational[][], n: number): SystemSolution {
  // A square system with one solution: Dixon's p-adic lifting (20–60× Gauss–Jordan over ℚ at n = 20–60).
  if (rows.length === n && n >= 4) {
    const x = solveDixon(
      rows.map((row) => row.slice(0, n)),
      rows.map((row) => [row[n]]),
    );
    if (x) return { kind: "finite", solutions: [{ values: x.map((v) => num(v[0])), exact: true }] };
  }
  return eliminate(rows, n, RATIONALS, num);
}

/**
 * Polynomial equations over ℚ (none of the `denominators` may vanish at a solution): by exact
 * elimination when every one is linear, else by a Gröbner basis.
 */
export function solvePolynomials(
  polys: readonly Poly[],
  vars: readonly Node[],
  denominators: readonly Poly[] = [],
): SystemSolution {
  const n = vars.length;
  if (denominators.length === 0 && polys.every((p) => p.degree() <= 1))
    return solveLinearSystem(
      polys.map((p) => linearRow(p, n)),
      n,
    );
  const order = vars.map((_, i) => i);
  const result = solvePolynomial(polys, denominators, vars, order);
  if (result.kind !== "infinite" || n < 2) return result;
  // No branch pinned every unknown down in this order of elimination; another order can still find
  // the isolated points: x(y − 1) = 0, x(x − 2) = 0 is the line x = 0 and the point (2, 1), which
  // appears when x is eliminated last.
  const reversed = solvePolynomial(polys, denominators, vars, [...order].reverse());
  if (reversed.kind === "infinite" || reversed.solutions.length === 0) return result;
  return { kind: "finite", solutions: reversed.solutions, more: MORE_SOLUTIONS };
}

/**
 * A polynomial system by a lex Gröbner basis in the variables taken in `order`, and back-substitution
 * from the last of them; solutions come back in the order of `vars`, sorted.
 */
function solvePolynomial(
  polys: readonly Poly[],
  denominators: readonly Poly[],
  allVars: readonly Node[],
  order: readonly number[],
): SystemSolution {
  const vars = order.map((i) => allVars[i]);
  const basis = groebner(polys.map((p) => toTerms(p, order)));
  if (basis.length === 1 && basis[0].length === 1 && basis[0][0].m.every((e) => e === 0))
    return { kind: "finite", solutions: [] };
  const n = vars.length;
  const solutions: Solution[] = [];
  let infinite = false;
  const walk = (k: number, assigned: Node[], exact: boolean) => {
    if (k < 0) {
      const values = new Array<Node>(n);
      order.forEach((i, j) => (values[i] = assigned[j]));
      solutions.push({ values, exact });
      return;
    }
    const candidates = basis.filter((p) => involvesOnlyFrom(p, k) && p.some((t) => t.m[k] > 0));
    const univariates = candidates
      .map((p) => univariate(p, k, vars, assigned))
      .filter((c) => c.some((x) => x !== ZERO));
    if (univariates.length === 0) {
      infinite = true;
      return;
    }
    univariates.sort((a, b) => a.length - b.length);
    const roots = realRoots(univariates[0], n === 1 ? "all" : "quadratic");
    if (roots === "all") {
      infinite = true;
      return;
    }
    for (const root of roots) {
      const next = [...assigned];
      next[k] = root.value;
      // The other polynomials at this level must vanish too.
      const consistent = univariates.slice(1).every((c) => {
        if (root.value.kind === "num" && c.every((x) => x.kind === "num")) {
          const r = root.value.value;
          return c.reduceRight((acc, x) => acc.mul(r).add((x as Node & { kind: "num" }).value), Rational.ZERO).isZero();
        }
        const terms = c.map((x, i) => mul(x, pow(root.value, int(i))));
        const v = floatValue(add(...terms));
        const scale = terms.reduce((sum, t) => sum + Math.abs(floatValue(t) ?? NaN), 0);
        return v !== null && vanishes(v, scale, 1e-8);
      });
      if (consistent) walk(k - 1, next, exact && root.exact);
    }
  };
  walk(n - 1, new Array<Node>(n).fill(ZERO), true);
  if (infinite && solutions.length === 0)
    return { kind: "infinite", note: "infinitely many solutions (the system does not pin every unknown down)" };
  const valid = solutions.filter(
    (s) => solvesInFloats(s.values, polys, denominators) ?? (s.exact && exactlySolves(s.values, polys, denominators)),
  );
  const sorted = sortSolutions(valid);
  return infinite ? { kind: "finite", solutions: sorted, more: MORE_SOLUTIONS } : { kind: "finite", solutions: sorted };
}

/**
 * Whether the values solve the equations, to rounding, in floating point; null where a value, an
 * equation's value or its terms' size there is past the doubles (x = 10²⁰⁰: x² − 10⁴⁰⁰).
 */
function solvesInFloats(
  values: readonly Node[],
  polys: readonly Poly[],
  denominators: readonly Poly[],
): boolean | null {
  const point = values.map((v) => floatValue(v) ?? NaN);
  const at = (p: Poly) => ({ value: p.evaluateFloat(point), scale: p.evaluateFloatScale(point) });
  const equations = polys.map(at);
  const below = denominators.map(at);
  if (![...equations, ...below].every((e) => Number.isFinite(e.value) && Number.isFinite(e.scale))) return null;
  return (
    below.every((d) => Math.abs(d.value) > 1e-12 * d.scale) && equations.every((e) => vanishes(e.value, e.scale, 1e-6))
  );
}

/**
 * Past the doubles (x = 10²⁰⁰·√10, whose square no float holds), an exact solution is checked exactly:
 * every equation expands to 0 at it and no denominator does.
 */
function exactlySolves(values: readonly Node[], polys: readonly Poly[], denominators: readonly Poly[]): boolean {
  const at = (p: Poly) => expand(substitute(p.toNode(), new Map(p.gens.map((g, i) => [g, values[i]]))));
  return polys.every((p) => at(p) === ZERO) && denominators.every((d) => at(d) !== ZERO);
}

/**
 * Whether a value computed in floating point is 0 within rounding: within `absolute` (the equations'
 * own scale, as before), or within 10⁻⁹ of the size of the terms it was summed from. A solution at
 * x = √10³¹ leaves x² − 10³¹ at ~10¹⁵ in floats, which is 0 to 16 digits; an absolute bound alone
 * threw it away and answered "no real solution".
 */
function vanishes(value: number, scale: number, absolute: number): boolean {
  return Number.isFinite(value) && (Math.abs(value) < absolute || Math.abs(value) <= 1e-9 * scale);
}

/** Smallest first, by the first unknown, then the next: x = −2, x = 2. Each solution's numbers are found once. */
function sortSolutions(solutions: Solution[]): Solution[] {
  const keyed = solutions.map((s) => ({ s, key: s.values.map((v) => floatValue(v) ?? 0) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < a.key.length; i++) if (a.key[i] !== b.key[i]) return a.key[i] - b.key[i];
    return 0;
  });
  return keyed.map((k) => k.s);
}
