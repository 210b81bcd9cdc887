// Taylor polynomials: taylor(f, x = a, n) = Σₖ f⁽ᵏ⁾(a)/k! (x − a)ᵏ, and in several variables the sum
// over multi-indices |α| ≤ n of ∂^α f(a)/α! Δ^α (to second order: f(a) + ∇f(a)ᵀΔ + ½ΔᵀH(a)Δ).
// In one variable the coefficients come from power-series arithmetic (./power-series.ts): exact,
// O(n²) per operation, and through removable singularities (sin(x)/x at 0); repeated
// differentiation is the route left for several variables and operators without a series rule.
// limit(f, x → a) reads the leading term of the same series (at ±∞ in 1/x).
import { MathFailure, mathError, rethrowStop } from "../errors.js";
import { ZERO, addAll, div, int, mul, mulAll, neg, pow, struct, sub, sym, tuple } from "../graph/construct.js";
import type { Node } from "../graph/node.js";
import { print } from "../graph/print/printer.js";
import { PRETTY } from "../graph/print/style.js";
import { differentiate } from "./differentiate.js";
import {
  EXPRESSIONS,
  NotRational,
  RATIONALS,
  SeriesAlgebra,
  Short,
  Unsupported,
  type Ring,
  type Series,
} from "./power-series.js";
import { substitute } from "./substitute.js";
import { limitOf, overLimit } from "../budget.js";

/** Orders the route by derivatives still takes (it costs O(n²) derivatives of growing size). */
const MAX_DERIVATIVE_ORDER = 30;
/** How many extra terms a cancellation may cost before the expansion gives up. */
const MAX_EXTRA_TERMS = 64;

function factorial(k: number): Node {
  let f = 1n;
  for (let i = 2n; i <= BigInt(k); i++) f *= i;
  return int(f);
}

/** Multi-indices α with |α| = total over `n` variables, in graded lexicographic order. */
function multiIndices(n: number, total: number): number[][] {
  if (n === 1) return [[total]];
  const out: number[][] = [];
  for (let first = total; first >= 0; first--)
    for (const rest of multiIndices(n - 1, total - first)) out.push([first, ...rest]);
  return out;
}

export function taylor(f: Node, vars: readonly Node[], at: readonly Node[], order: number): Node {
  if (order < 0) throw mathError("the order of a Taylor polynomial must be 0 or more");
  if (order > limitOf("taylorOrder"))
    throw overLimit(
      "taylorOrder",
      `a Taylor polynomial of order ${order} is refused; the limit is ${limitOf("taylorOrder")}`,
    );
  if (vars.length !== at.length) throw mathError("give one expansion point per variable");
  const infinite = at.map(infinitySign);
  if (infinite.some((sign) => sign !== 0)) {
    if (vars.length !== 1) throw mathError("an expansion at ∞ is made in one variable only");
    return expansionAtInfinity(f, vars[0], infinite[0] as -1 | 1, order);
  }
  if (vars.length === 1) {
    const found = taylorBySeries(f, vars[0], at[0], order);
    if (found) return found;
  }
  if (order > MAX_DERIVATIVE_ORDER) {
    throw mathError(
      `above order ${MAX_DERIVATIVE_ORDER}, Taylor polynomials are computed only in one variable, for expressions built from + − × ÷, powers and elementary functions`,
    );
  }
  return taylorByDerivatives(f, vars, at, order);
}

/** The Taylor polynomial by repeated differentiation (several variables, operators without a series rule). */
export function taylorByDerivatives(f: Node, vars: readonly Node[], at: readonly Node[], order: number): Node {
  if (vars.length !== at.length) throw mathError("give one expansion point per variable");
  const point = new Map(vars.map((v, i) => [v, at[i]]));
  const deltas = vars.map((v, i) => sub(v, at[i]));
  const terms: Node[] = [];
  const derivatives = new Map<string, Node>([["", f]]);
  const derivative = (alpha: number[]): Node => {
    const key = alpha.join(",");
    const known = derivatives.get(key);
    if (known) return known;
    const i = alpha.findIndex((a) => a > 0);
    const lower = alpha.map((a, j) => (j === i ? a - 1 : a));
    const d = differentiate(lower.every((a) => a === 0) ? f : derivative(lower), vars[i]);
    derivatives.set(key, d);
    return d;
  };
  for (let k = 0; k <= order; k++) {
    for (const alpha of multiIndices(vars.length, k)) {
      const coefficient = substitute(alpha.every((a) => a === 0) ? f : derivative(alpha), point);
      if (coefficient === ZERO) continue;
      const denominator = mulAll(alpha.map(factorial));
      terms.push(mul(div(coefficient, denominator), ...alpha.map((a, i) => pow(deltas[i], int(a)))));
    }
  }
  return struct("series", [
    { name: "terms", value: tuple(terms) },
    { name: "order", value: int(order) },
  ]);
}

type Point = { kind: "at"; a: Node; side: -1 | 0 | 1 } | { kind: "infinity"; sign: -1 | 1 };

/** The series x stands for in t: a + t (a − t² / a + t² from one side), ±1/t² at ±∞. */
function variableSeries<T>(ring: Ring<T>, point: Point): Series<T> {
  if (point.kind === "infinity") return { v: -2, c: [ring.int(point.sign)], exact: true };
  const a = ring.constant(point.a);
  const step = point.side === 0 ? [ring.one] : [ring.zero, ring.int(point.side)];
  return { v: 0, c: [a, ...step], exact: true };
}

/** The point of the message: "x = 0", "x → ∞". */
function where(x: Node, point: Point): string {
  const name = x.kind === "sym" ? x.name : "x";
  if (point.kind === "infinity") return `as ${name} → ${point.sign < 0 ? "−" : ""}∞`;
  return `at ${name} = ${point.a.kind === "num" ? point.a.value.toString() : "the point"}`;
}

/**
 * The series of f in t around the point, known well enough for `enough` (more terms are asked for
 * when cancellation ate some), over ℚ when every coefficient is rational, else over expressions.
 * null when some part of f has no series rule.
 */
function seriesAround(
  f: Node,
  x: Node,
  point: Point,
  terms: number,
  enough: <T>(alg: SeriesAlgebra<T>, s: Series<T>) => boolean,
): { alg: SeriesAlgebra<unknown>; s: Series<unknown> } | null {
  const oneSided = point.kind === "infinity" || point.side !== 0;
  for (const ring of [RATIONALS, EXPRESSIONS] as Ring<unknown>[]) {
    try {
      let N = terms;
      for (;;) {
        const alg = new SeriesAlgebra(ring, x, variableSeries(ring, point), N, oneSided);
        let s: Series<unknown> | null = null;
        try {
          s = alg.of(f);
        } catch (e) {
          if (!(e instanceof Short)) throw e;
        }
        if (s && enough(alg, s)) return { alg, s };
        const deficit = s ? Math.max(1, terms - (s.v + s.c.length)) : 1;
        const grown = N + Math.max(deficit, N - terms + 1);
        if (grown - terms > MAX_EXTRA_TERMS) {
          throw mathError(
            `cannot expand ${where(x, point)}: a part of the expression vanishes there to order ${MAX_EXTRA_TERMS} or more (it may be identically zero)`,
          );
        }
        N = grown;
      }
    } catch (e) {
      if (e instanceof NotRational) continue;
      if (e instanceof Unsupported) return null;
      throw e;
    }
  }
  return null;
}

/**
 * The Taylor coefficients c₀ … c_order of f at x = a by power-series arithmetic, or null when a part
 * of f has no series rule (the caller differentiates instead).
 */
export function taylorCoefficients(f: Node, x: Node, a: Node, order: number): Node[] | null {
  if (f.shape.length > 0 || x.kind !== "sym") return null;
  const point: Point = { kind: "at", a, side: 0 };
  const found = seriesAround(f, x, point, order + 1, (alg, s) => alg.prec(s) >= order + 1);
  if (!found) return null;
  const { alg, s } = found;
  if (s.v < 0 && s.c.length > 0) {
    throw mathError(`the expression has a pole of order ${-s.v} ${where(x, point)}: it has no Taylor polynomial there`);
  }
  const out: Node[] = [];
  for (let k = 0; k <= order; k++) out.push(alg.ring.node(alg.at(s, k)));
  return out;
}

function taylorBySeries(f: Node, x: Node, a: Node, order: number): Node | null {
  const coefficients = taylorCoefficients(f, x, a, order);
  if (!coefficients) return null;
  const delta = sub(x, a);
  const terms: Node[] = [];
  coefficients.forEach((c, k) => {
    if (c !== ZERO) terms.push(mul(c, pow(delta, int(k))));
  });
  return struct("series", [
    { name: "terms", value: tuple(terms) },
    { name: "order", value: int(order) },
  ]);
}

/** ∞ as a value: a result of limit, printed ∞ (it reads back as the name ∞). */
export const INFINITY = sym("∞");

/** 1 for ∞, −1 for −∞, 0 for any other point. */
function infinitySign(a: Node): -1 | 0 | 1 {
  if (a === INFINITY) return 1;
  return a === neg(INFINITY) ? -1 : 0;
}

/**
 * taylor(f, x = ±∞, n): the asymptotic expansion Σ cₖ/xᵏ down to 1/xⁿ (with the growing terms
 * before it: x²/(x + 1) = x − 1 + 1/x − …), from f's series in t with x = ±1/t². Where f has
 * none (sin x oscillates, eˣ grows faster than any power, √x has half-integer powers) the answer is
 * an error that says so.
 */
function expansionAtInfinity(f: Node, x: Node, sign: -1 | 1, order: number): Node {
  const point: Point = { kind: "infinity", sign };
  const at = `${point.sign < 0 ? "−" : ""}∞`;
  if (f.shape.length > 0 || x.kind !== "sym") throw mathError(`an expansion at ${at} needs a scalar expression`);
  let found: ReturnType<typeof seriesAround>;
  try {
    found = seriesAround(f, x, point, 2 * order + 1, (alg, s) => alg.prec(s) >= 2 * order + 1);
  } catch (e) {
    if (e instanceof MathFailure && e.kind === "math")
      throw mathError(`the expression has no expansion in powers of 1/${toName(x)} ${where(x, point)}: ${e.message}`);
    throw e;
  }
  if (!found)
    throw mathError(
      `the expression has no expansion in powers of 1/${toName(x)} ${where(x, point)} (an operator in it has no series rule)`,
    );
  const { alg, s } = found;
  const terms: Node[] = [];
  for (let k = s.v; k <= 2 * order; k++) {
    const c = alg.ring.node(alg.at(s, k));
    if (c === ZERO) continue;
    if (k % 2 !== 0)
      throw mathError(
        `the expression has no expansion in integer powers of 1/${toName(x)} ${where(x, point)}: it has half-integer powers (as √${toName(x)} does)`,
      );
    // t² = ±1/x, so t^k = (±1)^(k/2) x^(−k/2)
    const j = k / 2;
    terms.push(mul(sign < 0 && j % 2 !== 0 ? neg(c) : c, pow(x, int(-j))));
  }
  return struct("series", [
    { name: "terms", value: tuple(terms) },
    { name: "order", value: int(order) },
  ]);
}

function toName(x: Node): string {
  return x.kind === "sym" ? x.name : "x";
}

/**
 * lim f as x → a (side −1: from the left, 1: from the right, 0: both) or x → ±∞, from the leading
 * term of f's series: t⁰ gives the value, a positive power 0, a negative one ±∞ when its sign is
 * known. Where no series exists (log x at 0, eˣ at ∞) the answer is an error saying so, never a guess.
 */
export function limit(f: Node, x: Node, point: Point): Node {
  if (f.shape.length > 0) throw mathError("limit takes a scalar expression");
  if (x.kind !== "sym") throw mathError("limit needs a variable, as in limit(sin(x)/x, x → 0)");
  if (point.kind === "infinity" || point.side !== 0) return limitBySeries(f, x, point);
  try {
    return limitBySeries(f, x, point);
  } catch (e) {
    rethrowStop(e);
    // No series on both sides at once (|x|/x, √x): the two one-sided limits decide when both exist.
    if (!(e instanceof MathFailure && e.message.startsWith("undecided"))) throw e;
    let left: Node, right: Node;
    try {
      left = limitBySeries(f, x, { ...point, side: -1 });
      right = limitBySeries(f, x, { ...point, side: 1 });
    } catch (inner) {
      rethrowStop(inner);
      throw e;
    }
    if (left === right) return left;
    throw mathError(
      `the limit ${where(x, point)} does not exist: ${print(left, PRETTY)} from the left, ${print(right, PRETTY)} from the right`,
    );
  }
}

function limitBySeries(f: Node, x: Node, point: Point): Node {
  let found: ReturnType<typeof seriesAround>;
  try {
    found = seriesAround(f, x, point, 1, (alg, s) => alg.isZeroSeries(s) || s.c.length > 0 || s.v >= 1);
  } catch (e) {
    if (e instanceof MathFailure && e.kind === "math")
      throw mathError(`undecided: no limit found ${where(x, point)} (${e.message})`);
    throw e;
  }
  if (!found)
    throw mathError(
      `undecided: the limit ${where(x, point)} is not found by series (an operator in the expression has no series rule)`,
    );
  const { alg, s } = found;
  if (s.c.length === 0 || s.v > 0) return ZERO;
  const lead = s.c[0];
  if (s.v === 0) return alg.ring.node(lead);
  const sign = alg.ring.sign(lead);
  if (sign === null || sign === 0)
    throw mathError(
      `undecided: the expression grows without bound ${where(x, point)}, with a sign that depends on the parameters`,
    );
  const oneSided = point.kind === "infinity" || point.side !== 0;
  if (!oneSided && -s.v % 2 === 1) {
    throw mathError(
      `the limit ${where(x, point)} does not exist: the expression tends to ${sign > 0 ? "−∞ from the left and +∞ from the right" : "+∞ from the left and −∞ from the right"}`,
    );
  }
  return sign > 0 ? INFINITY : neg(INFINITY);
}

export type { Point };

/** The polynomial a series struct stands for. */
export function seriesSum(s: Node): Node {
  if (s.kind === "record" && s.tag === "series") {
    const terms = s.fields[0].value;
    return terms.kind === "tuple" ? addAll(terms.items) : terms;
  }
  return s;
}
