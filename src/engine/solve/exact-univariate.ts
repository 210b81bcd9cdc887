// One equation in one unknown, polynomial in it, whose coefficients are exact but not rational
// (x² = π, √2 x² − e x + ln 2 = 0, a x² + b x + c = 0): solved in closed form where one exists
// (closed-form.ts), a product by each of its factors ((x − π)(x − e) = 0 gives π and e, not the
// quadratic formula's nested radicals), numerically for all real roots where none exists and the
// coefficients are constants. Such an equation used to reach Newton's method in a box.
import { ZERO, add, apply, constant, div, int, mul, neg, num, pow, sub } from "../../graph/construct.js";
import type { Node } from "../../graph/node.js";
import { floatValue } from "../../graph/evalf.js";
import { toPretty } from "../../graph/print/forms.js";
import { findInside } from "../../graph/traverse.js";
import { mathError } from "../../errors.js";
import { exponentsOf, generatorsOf, toRational } from "../polynomial.js";
import { substitute } from "../substitute.js";
import { closedFormRoots, isZeroCoefficient } from "./closed-form.js";
import { certifiedSign, preciseValue } from "./sign.js";
import { numericRoots } from "./univariate.js";
import type { Solution, SystemSolution } from "./solution.js";

const dependsOn = (e: Node, x: Node): boolean => findInside(e, (n) => n === x) !== undefined;

/** A factor's numerator by powers of x (coefficients free of x), and its denominator when x is in it. */
interface Factor {
  coefficients: Node[];
  denominator: Node | null;
}

/** e as a polynomial in x over expressions free of x, over a denominator; null when it is not one. */
function asPolynomial(e: Node, x: Node): Factor | null {
  const gens = generatorsOf([e]);
  const i = gens.indexOf(x);
  if (i < 0 || gens.some((g, j) => j !== i && dependsOn(g, x))) return null;
  const r = toRational(e, gens);
  if (!r) return null;
  const terms: Node[][] = [];
  for (const [key, c] of r.num.terms) {
    const exponents = exponentsOf(key);
    const factors: Node[] = [num(c)];
    exponents.forEach((k, j) => {
      if (j !== i && k > 0) factors.push(pow(gens[j], int(k)));
    });
    (terms[exponents[i]] ??= []).push(mul(...factors));
  }
  const coefficients = Array.from({ length: terms.length }, (_, k) => (terms[k] ? add(...terms[k]) : ZERO));
  const den = r.den.toNode();
  return { coefficients, denominator: dependsOn(den, x) ? den : null };
}

/**
 * The factors of e = 0 that hold x (a product is 0 where a factor is), and the denominators below
 * them (x^(−1), 1/(x − √2)), which must not vanish at a solution.
 */
function splitFactors(e: Node, x: Node): { factors: Node[]; denominators: Node[] } {
  const factors: Node[] = [];
  const denominators: Node[] = [];
  for (const f of e.kind === "mul" ? e.factors : [e]) {
    if (!dependsOn(f, x)) continue;
    if (f.kind === "pow" && f.exp.kind === "num" && f.exp.value.isInteger()) {
      (f.exp.value.sign() > 0 ? factors : denominators).push(f.base);
    } else factors.push(f);
  }
  return { factors, denominators };
}

/** What one factor contributes: its solutions and the conditions (as said) for them to be real. */
interface Found {
  solutions: Solution[];
  conditions: string[];
}

/**
 * The real solutions of e = 0 in x, exactly where a closed form exists; null when e is not a
 * polynomial (or a quotient of polynomials) in x whose coefficients are exact, nor exp or log of
 * one set equal to such a constant.
 */
export function solveExactUnivariate(e: Node, x: Node): SystemSolution | null {
  const { factors, denominators } = splitFactors(e, x);
  const found: Found = { solutions: [], conditions: [] };
  for (const f of factors) {
    const r = factorRoots(f, x, denominators);
    if (r === null) return null;
    if (r === "all") return { kind: "infinite", note: "infinitely many solutions: every value of the unknown is one" };
    found.solutions.push(...r.solutions);
    for (const k of r.conditions) if (!found.conditions.includes(k)) found.conditions.push(k);
  }
  const solutions = distinct(found.solutions).filter((s) => denominators.every((d) => !vanishesAt(d, x, s.values[0])));
  const more = found.conditions.length ? `real where ${found.conditions.join(" and ")}` : undefined;
  return { kind: "finite", solutions: sortedByValue(solutions), ...(more ? { more } : {}) };
}

/** The roots of one factor f = 0 (its denominator, if it has x, joins `denominators`); "all" when f is 0. */
function factorRoots(f: Node, x: Node, denominators: Node[]): Found | "all" | null {
  const p = asPolynomial(f, x);
  if (!p) return inverted(f, x);
  if (p.denominator) denominators.push(p.denominator);
  const c = [...p.coefficients];
  while (c.length && isZeroCoefficient(c[c.length - 1])) c.pop();
  if (c.length === 0) return "all";
  if (c.length === 1) return { solutions: [], conditions: [] };
  const closed = closedFormRoots(c);
  if (closed) {
    // A guard on the formulas: a closed form that does not check out leaves the equation to the numeric search.
    if (!closed.roots.every((value) => solves(c, value))) return null;
    return {
      solutions: closed.roots.map((value) => ({ values: [value], exact: true })),
      conditions: closed.conditions.map((k) => `${toPretty(k)} ≥ 0`),
    };
  }
  // No closed form: every real root numerically, when the coefficients are numbers.
  const floats = c.map(preciseValue);
  if (!floats.every((v): v is number => v !== null && Number.isFinite(v))) return null;
  return { solutions: numericRoots(floats).map((r) => ({ values: [r.value], exact: false })), conditions: [] };
}

/**
 * k·bᵘ + r = 0 (b a positive constant, e^u = exp(u) among them) and k·log(u) + r = 0, with k, b and
 * r free of x: bᵘ = c gives u = log(c)/log(b) (none unless c > 0; u = n when c = bⁿ over ℚ), log(u) = c
 * gives u = eᶜ; then u is solved for x (e^x = π: x = log π; log x = π: x = e^π).
 */
function inverted(f: Node, x: Node): Found | null {
  const terms = f.kind === "add" ? f.terms : [f];
  const holding = terms.filter((t) => dependsOn(t, x));
  if (holding.length !== 1) return null;
  const term = holding[0];
  const inner = (term.kind === "mul" ? term.factors : [term]).filter((t) => dependsOn(t, x));
  if (inner.length !== 1) return null;
  const g = inner[0];
  const c = div(neg(sub(f, term)), div(term, g));
  const conditions: string[] = [];
  let u: Node;
  let target: Node;
  if (g.kind === "apply" && g.op === "log" && g.args.length === 1) {
    u = g.args[0];
    target = pow(constant("e"), c);
  } else if (g.kind === "pow" && !dependsOn(g.base, x) && certifiedSign(sub(g.base, int(1))) !== 0) {
    if (certifiedSign(g.base) !== 1) return null;
    const sign = certifiedSign(c);
    if (sign === "undecided") return null;
    if (sign !== 1 && sign !== "parameter") return { solutions: [], conditions: [] };
    if (sign === "parameter") conditions.push(`${toPretty(c)} > 0`);
    u = g.exp;
    target = logarithm(c, g.base);
  } else return null;
  const inside = solveExactUnivariate(sub(u, target), x);
  if (!inside || inside.kind === "infinite") return null;
  if (inside.more) conditions.push(inside.more.replace(/^real where /, ""));
  return { solutions: inside.solutions, conditions };
}

/** log_b(c): a whole number when c is b to that power over ℚ (2ˣ = 8 gives 3), else log(c)/log(b). */
function logarithm(c: Node, b: Node): Node {
  if (b.kind === "const" && b.name === "e") return apply("log", [c]);
  const [cv, bv] = [floatValue(c), floatValue(b)];
  if (c.kind === "num" && b.kind === "num" && cv !== null && bv !== null) {
    const n = Math.round(Math.log(cv) / Math.log(bv));
    if (Number.isFinite(n) && Math.abs(n) < 10_000 && pow(b, int(n)) === c) return int(n);
  }
  return div(apply("log", [c]), apply("log", [b]));
}

/**
 * Whether a closed form solves its polynomial in floats, relative to the size of the terms; a
 * value past the doubles or holding a parameter is taken as given.
 */
function solves(c: readonly Node[], value: Node): boolean {
  const x = preciseValue(value);
  const terms = c.map((k, i) => (preciseValue(k) ?? NaN) * (x ?? NaN) ** i);
  if (!terms.every(Number.isFinite)) return true;
  const sum = terms.reduce((s, t) => s + t, 0);
  const scale = terms.reduce((s, t) => s + Math.abs(t), 0);
  return Math.abs(sum) <= 1e-9 * scale;
}

/** Whether d is 0 at x = value, certified; with a parameter it is taken not to be (as for a x = b). */
function vanishesAt(d: Node, x: Node, value: Node): boolean {
  const sign = certifiedSign(substitute(d, new Map([[x, value]])));
  if (sign === "undecided")
    throw mathError(`could not decide whether ${toPretty(d)} is 0 at ${toPretty(x)} = ${toPretty(value)}`);
  return sign === 0;
}

/** Each solution once: two are the same when their difference is certified 0. */
function distinct(solutions: readonly Solution[]): Solution[] {
  const out: Solution[] = [];
  for (const s of solutions) {
    const same = (o: Solution) =>
      o.values[0] === s.values[0] ||
      (o.exact && s.exact ? certifiedSign(sub(o.values[0], s.values[0])) === 0 : closeFloats(o, s));
    if (!out.some(same)) out.push(s);
  }
  return out;
}

function closeFloats(a: Solution, b: Solution): boolean {
  const [x, y] = [preciseValue(a.values[0]), preciseValue(b.values[0])];
  return x !== null && y !== null && Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y));
}

/** Smallest first where the values are numbers; with parameters, in the order found. */
function sortedByValue(solutions: Solution[]): Solution[] {
  const keyed = solutions.map((s) => ({ s, key: preciseValue(s.values[0]) }));
  if (keyed.some((k) => k.key === null)) return solutions;
  return keyed.sort((a, b) => a.key! - b.key!).map((k) => k.s);
}
