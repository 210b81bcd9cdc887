// Truncated power series in one variable t, by arithmetic on coefficient arrays: each operation
// costs O(N²) ring operations for N terms (products by convolution, quotients and powers by their
// recurrences, exp, sin/cos, tan/tanh/σ by the differential equations they satisfy, log, atan, asin
// … by integrating f′(a)·a′). Laurent series are allowed where they cancel: sin(t)/t divides the
// series after their common leading power, so removable singularities expand like any other point.
//
// Coefficients live in a ring: exact rationals first (fast, bigint), and expressions (nodes) when
// the expansion point or the expression has parameters, floats or transcendental constant terms.
// Over ℚ, the loops of products, quotients, powers, exp, sin/cos and tan-like functions run on
// integers (./power-series-scaled.ts: numerators over one scale c·dᵏ·k!, one gcd per coefficient).
import { mathError } from "../errors.js";
import { checkBudget } from "../budget.js";
import { add, apply, div, int, isNumber, isZero, mul, neg, num, pow, sub } from "../graph/construct.js";
import type { Node } from "../graph/node.js";
import { childrenOf, freeSymbols } from "../graph/traverse.js";
import { print } from "../graph/print/printer.js";
import { PRETTY } from "../graph/print/style.js";
import { evaluateAt } from "./numeric-eval.js";
import { Rational } from "../numeric/rational.js";
import { divScaled, expScaled, mulScaled, powerScaled, riccatiScaled, sinCosScaled } from "./power-series-scaled.js";

/** The coefficients left ℚ (a parameter, a float, exp(1) …): the caller retries over expressions. */
export class NotRational extends Error {}
/** Something this method cannot expand (an operator without a series rule): the caller decides. */
export class Unsupported extends Error {}
/** Not enough terms were computed to know the answer: the caller retries with more. */
export class Short extends Error {}

export interface Ring<T> {
  readonly zero: T;
  readonly one: T;
  add(a: T, b: T): T;
  sub(a: T, b: T): T;
  mul(a: T, b: T): T;
  div(a: T, b: T): T;
  neg(a: T): T;
  int(n: number): T;
  isZero(a: T): boolean;
  /** -1, 0, 1, or null when the sign is not known (a parameter). */
  sign(a: T): -1 | 0 | 1 | null;
  /** A node free of the series variable. */
  constant(n: Node): T;
  /** op(c) for a constant term c. */
  call(op: string, c: T): T;
  power(c: T, p: T): T;
  node(a: T): Node;
  /** Whether a coefficient that is not a number may still be zero (a disguised zero). */
  mayVanish?(a: T): boolean;
  /** Faster loops for this ring (each may decline with null: then the generic loop runs). */
  readonly fast?: SeriesKernels<T>;
}

/** The inner loops of SeriesAlgebra on coefficient arrays, specialised to a ring. */
export interface SeriesKernels<T> {
  /** cₖ = Σᵢ aᵢ bₖ₋ᵢ for k < len (a, b: the coefficients from their valuations va, vb on). */
  mul(a: readonly T[], b: readonly T[], len: number, va: number, vb: number): T[] | null;
  /** q with a = b q for k < len (b[0] ≠ 0; a from its valuation va on). */
  div(a: readonly T[], b: readonly T[], len: number, va: number): T[] | null;
  /** exp(h), n terms, for h[0] = 0. */
  exp(h: readonly T[], n: number): T[] | null;
  /** sin(h) and cos(h) (sinh, cosh), n terms, for h[0] = 0 (only: the other may be left empty). */
  sinCos(h: readonly T[], n: number, hyperbolic: boolean, only?: "S" | "C"): { S: T[]; C: T[] } | null;
  /** F = f(h), n terms, for h[0] = 0, f′ = α + βf + γf² and f(0) = F0. */
  riccati(h: readonly T[], n: number, F0: T, alpha: number, beta: number, gamma: number): T[] | null;
  /** Aᵖ to len terms, its constant term B0 = A[0]ᵖ. */
  power(A: readonly T[], p: T, B0: T, len: number): T[] | null;
}

function rationalOf(n: Node): Rational {
  if (n.kind === "num") return n.value;
  throw new NotRational();
}

export const RATIONALS: Ring<Rational> = {
  zero: Rational.ZERO,
  one: Rational.ONE,
  add: (a, b) => a.add(b),
  sub: (a, b) => a.sub(b),
  mul: (a, b) => a.mul(b),
  div: (a, b) => a.div(b),
  neg: (a) => a.neg(),
  int: (n) => Rational.int(n),
  isZero: (a) => a.isZero(),
  sign: (a) => a.sign(),
  constant: rationalOf,
  // The value is rational only where the operator folds it to a number: exp(0), sin(0), log(1), σ(0).
  call: (op, c) => rationalOf(apply(op, [num(c)])),
  power: (c, p) => rationalOf(pow(num(c), num(p))),
  node: (a) => num(a),
  fast: {
    mul: mulScaled,
    div: divScaled,
    exp: expScaled,
    sinCos: sinCosScaled,
    riccati: riccatiScaled,
    power: powerScaled,
  },
};

export const EXPRESSIONS: Ring<Node> = {
  zero: int(0),
  one: int(1),
  add: (a, b) => add(a, b),
  sub: (a, b) => sub(a, b),
  mul: (a, b) => mul(a, b),
  div: (a, b) => div(a, b),
  neg: (a) => neg(a),
  int: (n) => int(n),
  isZero: (a) => isZero(a),
  sign: (a) => (a.kind === "num" ? a.value.sign() : a.kind === "float" ? (Math.sign(a.value) as -1 | 0 | 1) : null),
  constant: (n) => n,
  call: (op, c) => apply(op, [c]),
  power: (c, p) => pow(c, p),
  node: (a) => a,
  mayVanish: disguisedZero,
};

/**
 * sin(a)² + cos(a)² − 1 is not 0 as a node: before dividing by such a leading coefficient, its
 * value at a few random values of its symbols says whether it might be zero (then the quotient is
 * not trusted). NaN everywhere (a parameter outside every sample's domain) counts as "might".
 */
function disguisedZero(c: Node): boolean {
  if (isNumber(c)) return false;
  const symbols = freeSymbols(c);
  for (const sample of [
    [0.7315, 1.9127],
    [-0.4471, 2.3309],
    [1.3377, -0.6182],
  ]) {
    const point = new Map<Node, number>(symbols.map((v, i) => [v, sample[i % 2] + i * 0.1371]));
    const value = evaluateAt(c, point);
    if (!Number.isNaN(value) && Math.abs(value) > 1e-9) return false;
  }
  return true;
}

/**
 * Σ c[i] tⁱ⁺ᵛ + O(t^(v + c.length)); c[0] ≠ 0 unless c is empty (then the series is O(tᵛ)).
 * `exact`: no O(·) term, the coefficients past c are zero (constants, the variable, polynomials).
 */
export interface Series<T> {
  readonly v: number;
  readonly c: readonly T[];
  readonly exact?: boolean;
}

const SERIES_OPS = new Set([
  "log",
  "sin",
  "cos",
  "tan",
  "sec",
  "csc",
  "cot",
  "sinh",
  "cosh",
  "tanh",
  "sigmoid",
  "softplus",
  "asin",
  "acos",
  "atan",
  "asinh",
  "acosh",
  "atanh",
  "abs",
  "relu",
  "step",
  "sign",
]);

/**
 * Series of expressions in one variable `x`, given the series `xSeries` that x stands for (t + a
 * at a point a, 1/t at infinity), every result truncated at O(t^N). `oneSided`: t > 0 only, so the
 * sign of tᵛ is known (limits from one side and at infinity).
 */
export class SeriesAlgebra<T> {
  private readonly memo = new Map<number, Series<T>>();
  private readonly dependsMemo = new Map<number, boolean>();
  readonly ZERO: Series<T>;

  constructor(
    readonly ring: Ring<T>,
    readonly x: Node,
    xSeries: Series<T>,
    readonly N: number,
    private readonly oneSided = false,
  ) {
    this.ZERO = { v: 0, c: [], exact: true };
    this.xSeries = this.make(xSeries.v, [...xSeries.c], xSeries.exact);
  }

  private readonly xSeries: Series<T>;

  isZeroSeries(s: Series<T>): boolean {
    return s.exact === true && s.c.length === 0;
  }

  /** The coefficient of tᵏ. */
  at(s: Series<T>, k: number): T {
    const i = k - s.v;
    return i >= 0 && i < s.c.length ? s.c[i] : this.ring.zero;
  }

  /** The relative precision: how many coefficients from tᵛ on are known. */
  private rel(s: Series<T>): number {
    return s.exact ? Infinity : s.c.length;
  }

  prec(s: Series<T>): number {
    return s.exact ? Infinity : s.v + s.c.length;
  }

  /** Strips leading zero coefficients (they raise the valuation). */
  make(v: number, c: T[], exact = false): Series<T> {
    let i = 0;
    while (i < c.length && this.ring.isZero(c[i])) i++;
    if (i === c.length) return exact ? this.ZERO : { v: v + c.length, c: [] };
    const rest = i === 0 ? c : c.slice(i);
    return exact ? { v: v + i, c: rest, exact } : { v: v + i, c: rest };
  }

  constantSeries(c: T): Series<T> {
    return this.ring.isZero(c) ? this.ZERO : { v: 0, c: [c], exact: true };
  }

  add(a: Series<T>, b: Series<T>): Series<T> {
    if (this.isZeroSeries(a)) return b;
    if (this.isZeroSeries(b)) return a;
    const v = Math.min(a.v, b.v);
    const end = Math.max(a.v + a.c.length, b.v + b.c.length);
    const p = Math.min(this.prec(a), this.prec(b), end, Math.max(this.N, v));
    const exact = a.exact === true && b.exact === true && p === end;
    const c: T[] = [];
    for (let k = v; k < p; k++) c.push(this.ring.add(this.at(a, k), this.at(b, k)));
    return p <= v && !exact ? { v: p, c: [] } : this.make(v, c, exact);
  }

  scale(a: Series<T>, s: T): Series<T> {
    if (this.ring.isZero(s)) return this.ZERO;
    return { ...a, c: a.c.map((x) => this.ring.mul(x, s)) };
  }

  mul(a: Series<T>, b: Series<T>): Series<T> {
    if (this.isZeroSeries(a) || this.isZeroSeries(b)) return this.ZERO;
    const v = a.v + b.v;
    const full = a.c.length + b.c.length - 1;
    const exact = a.exact === true && b.exact === true && full <= this.N - v;
    const len = exact ? full : Math.max(0, Math.min(this.rel(a), this.rel(b), this.N - v));
    const R = this.ring;
    const c: T[] = (len > 0 && R.fast?.mul(a.c, b.c, len, a.v, b.v)) || [];
    for (let k = c.length; k < len; k++) {
      checkBudget();
      let s = R.zero;
      const lo = Math.max(0, k - b.c.length + 1);
      const hi = Math.min(k, a.c.length - 1);
      for (let i = lo; i <= hi; i++) s = R.add(s, R.mul(a.c[i], b.c[k - i]));
      c.push(s);
    }
    return len === 0 ? { v, c: [] } : this.make(v, c, exact);
  }

  div(a: Series<T>, b: Series<T>): Series<T> {
    if (this.isZeroSeries(b)) throw mathError("division by zero");
    if (b.c.length === 0) throw new Short();
    if (this.ring.mayVanish?.(b.c[0])) {
      throw mathError(
        `cannot decide whether ${print(this.ring.node(b.c[0]), PRETTY)} is zero: a denominator's leading coefficient`,
      );
    }
    if (this.isZeroSeries(a)) return this.ZERO;
    const v = a.v - b.v;
    if (b.exact && b.c.length === 1 && b.c[0] !== undefined) {
      const s = this.scale(a, this.ring.div(this.ring.one, b.c[0]));
      return { ...s, v };
    }
    const len = Math.max(0, Math.min(this.rel(a), this.rel(b), this.N - v));
    const R = this.ring;
    const b0 = b.c[0];
    const q: T[] = (len > 0 && R.fast?.div(a.c, b.c, len, a.v)) || [];
    const rel = (s: Series<T>, i: number) => (i < s.c.length ? s.c[i] : R.zero);
    for (let k = q.length; k < len; k++) {
      checkBudget();
      let s = rel(a, k);
      for (let j = 1; j <= Math.min(k, b.c.length - 1); j++) s = R.sub(s, R.mul(b.c[j], q[k - j]));
      q.push(R.div(s, b0));
    }
    return len === 0 ? { v, c: [] } : this.make(v, q);
  }

  /** a = a₀ + h with h = O(t): the constant term and the rest (a must have no negative powers). */
  private split(a: Series<T>, what: string): { a0: T; h: Series<T> } {
    if (this.isZeroSeries(a)) return { a0: this.ring.zero, h: a };
    if (a.c.length === 0 && a.v <= 0) throw new Short();
    if (a.v < 0)
      throw mathError(`${what} of an argument that grows without bound at the point has no power series there`);
    if (a.v > 0) return { a0: this.ring.zero, h: a };
    return { a0: a.c[0], h: this.make(1, a.c.slice(1), a.exact) };
  }

  /** The length of a series in t that starts at t⁰, for an argument h = O(t) known to prec(h). */
  private lengthFor(h: Series<T>): number {
    return Math.max(0, Math.min(this.prec(h), this.N));
  }

  /** exp(h) for h = O(t): k Eₖ = Σⱼ j hⱼ Eₖ₋ⱼ (from E′ = h′E). */
  private expOfSmall(h: Series<T>): T[] {
    const R = this.ring;
    const n = this.lengthFor(h);
    const fast = n > 1 ? R.fast?.exp(this.terms(h, n), n) : null;
    if (fast) return fast;
    const E: T[] = n > 0 ? [R.one] : [];
    const jh = this.weighted(h, n);
    for (let k = 1; k < n; k++) {
      checkBudget();
      let s = R.zero;
      for (const j of jh.nonzero) {
        if (j > k) break;
        s = R.add(s, R.mul(jh.c[j], E[k - j]));
      }
      E.push(R.div(s, R.int(k)));
    }
    return E;
  }

  /** h₀ … hₙ₋₁ (h = O(t): h₀ = 0). */
  private terms(h: Series<T>, n: number): T[] {
    const out: T[] = [];
    for (let j = 0; j < n; j++) out.push(this.at(h, j));
    return out;
  }

  /**
   * j·hⱼ for j < n (the coefficients of t·h′, made once for the recurrences below), and the j
   * where it is not zero: sin's odd coefficients alone halve every sum over them.
   */
  private weighted(h: Series<T>, n: number): { c: T[]; nonzero: number[] } {
    const R = this.ring;
    const c: T[] = [R.zero];
    const nonzero: number[] = [];
    for (let j = 1; j < n; j++) {
      const x = j < h.v ? R.zero : R.mul(R.int(j), this.at(h, j));
      c.push(x);
      // An exact zero only: a float 0 still makes the sum a float, as it did term by term.
      if (!R.isZero(x) || R.node(x).kind !== "num") nonzero.push(j);
    }
    return { c, nonzero };
  }

  exp(a: Series<T>): Series<T> {
    const { a0, h } = this.split(a, "exp");
    return this.scale({ v: 0, c: this.expOfSmall(h) }, this.ring.call("exp", a0));
  }

  /** sin(h), cos(h) (or sinh, cosh) for h = O(t): S′ = h′C, C′ = ∓h′S. */
  private sinCosOfSmall(h: Series<T>, hyperbolic: boolean, only?: "S" | "C"): { S: T[]; C: T[] } {
    const R = this.ring;
    const n = this.lengthFor(h);
    const fast = n > 1 ? R.fast?.sinCos(this.terms(h, n), n, hyperbolic, only) : null;
    if (fast) return fast;
    const S: T[] = n > 0 ? [R.zero] : [];
    const C: T[] = n > 0 ? [R.one] : [];
    const jh = this.weighted(h, n);
    for (let k = 1; k < n; k++) {
      checkBudget();
      let s = R.zero;
      let c = R.zero;
      for (const j of jh.nonzero) {
        if (j > k) break;
        s = R.add(s, R.mul(jh.c[j], C[k - j]));
        c = R.add(c, R.mul(jh.c[j], S[k - j]));
      }
      S.push(R.div(s, R.int(k)));
      C.push(R.div(hyperbolic ? c : R.neg(c), R.int(k)));
    }
    return { S, C };
  }

  /** sin, cos, sinh or cosh of a: by the addition theorem around the constant term. */
  trig(op: "sin" | "cos" | "sinh" | "cosh", a: Series<T>): Series<T> {
    const { a0, h } = this.split(a, op);
    const hyperbolic = op === "sinh" || op === "cosh";
    const R = this.ring;
    const s0 = R.call(hyperbolic ? "sinh" : "sin", a0);
    const c0 = R.call(hyperbolic ? "cosh" : "cos", a0);
    const sine = op === "sin" || op === "sinh";
    // Where sin a₀ = 0 (a₀ = 0 over ℚ), sin(a₀ + h) = cos a₀ sin h and cos(a₀ + h) = cos a₀ cos h:
    // the fast loops convert only the one asked for.
    const only = R.fast && R.isZero(s0) ? (sine ? "S" : "C") : undefined;
    const { S, C } = this.sinCosOfSmall(h, hyperbolic, only);
    if (only)
      return this.make(
        0,
        (sine ? S : C).map((x) => R.mul(c0, x)),
      );
    // sin(a₀ + h) = sin a₀ cos h + cos a₀ sin h;  cos(a₀ + h) = cos a₀ cos h ∓ sin a₀ sin h.
    const out = C.map((ck, k) =>
      sine
        ? R.add(R.mul(s0, ck), R.mul(c0, S[k]))
        : hyperbolic
          ? R.add(R.mul(c0, ck), R.mul(s0, S[k]))
          : R.sub(R.mul(c0, ck), R.mul(s0, S[k])),
    );
    return this.make(0, out);
  }

  /** F = f(a) where f′ = α + βf + γf² (tan: 1, 0, 1; tanh: 1, 0, −1; σ: 0, 1, −1): k Fₖ = Σ j hⱼ Gₖ₋ⱼ. */
  riccati(op: string, a: Series<T>, alpha: number, beta: number, gamma: number): Series<T> {
    const { a0, h } = this.split(a, op);
    const R = this.ring;
    const n = this.lengthFor(h);
    if (n === 0) throw new Short();
    const F0 = R.call(op, a0);
    const fast = n > 1 ? R.fast?.riccati(this.terms(h, n), n, F0, alpha, beta, gamma) : null;
    if (fast) return this.make(0, fast);
    const F: T[] = [F0];
    const G: T[] = [];
    const square: T[] = [];
    const al = R.int(alpha);
    const be = R.int(beta);
    const ga = R.int(gamma);
    const jh = this.weighted(h, n);
    for (let k = 1; k < n; k++) {
      checkBudget();
      // G and F² up to index k − 1, now that F is known there.
      const m = k - 1;
      let sq = R.zero;
      for (let i = 0; i <= m; i++) sq = R.add(sq, R.mul(F[i], F[m - i]));
      square.push(sq);
      G.push(R.add(R.add(m === 0 ? al : R.zero, R.mul(be, F[m])), R.mul(ga, sq)));
      let s = R.zero;
      for (const j of jh.nonzero) {
        if (j > k) break;
        s = R.add(s, R.mul(jh.c[j], G[k - j]));
      }
      F.push(R.div(s, R.int(k)));
    }
    return this.make(0, F);
  }

  derivative(a: Series<T>): Series<T> {
    if (this.isZeroSeries(a)) return a;
    if (a.c.length === 0) return { v: a.v - 1, c: [] };
    const R = this.ring;
    const c = a.c.map((x, i) => R.mul(R.int(a.v + i), x));
    // The constant term's derivative vanishes: drop it rather than keep a zero at t⁻¹.
    return this.make(a.v - 1, c, a.exact);
  }

  /** c + ∫₀ᵗ d (d must have no t⁻¹ term). */
  integrate(d: Series<T>, c: T): Series<T> {
    const R = this.ring;
    if (d.v < 0 && d.c.length > 0) throw mathError("the series has a logarithmic term");
    const n = Math.max(0, Math.min(this.prec(d) + 1, this.N));
    const out: T[] = [];
    for (let k = 0; k < n; k++) out.push(k === 0 ? c : R.div(this.at(d, k - 1), R.int(k)));
    return this.make(0, out);
  }

  /** a^p for a constant exponent p (pRational: its value when it is a rational number). */
  power(a: Series<T>, p: T, pRational: Rational | null): Series<T> {
    const R = this.ring;
    if (this.isZeroSeries(a)) {
      if (pRational && pRational.sign() > 0) return this.ZERO;
      throw mathError("division by zero");
    }
    if (a.c.length === 0) throw new Short();
    if (pRational && pRational.isInteger() && pRational.sign() >= 0 && pRational.num <= 64n) {
      // Small whole powers by squaring: no division by the leading coefficient.
      let e = Number(pRational.num);
      let result: Series<T> = this.constantSeries(R.one);
      let base = a;
      while (e > 0) {
        if (e & 1) result = this.mul(result, base);
        e >>= 1;
        if (e > 0) base = this.mul(base, base);
      }
      return result;
    }
    let v = 0;
    if (a.v !== 0) {
      // (A₀tᵛ(1 + u))ᵖ = A₀ᵖ tᵛᵖ (1 + u)ᵖ needs tᵛ > 0 (t on one side, or v even and p whole) and vp whole.
      const pv = pRational?.mul(Rational.int(a.v));
      const whole = pRational?.isInteger() === true;
      if (!pv || !pv.isInteger() || (!whole && !this.oneSided)) {
        throw mathError(
          "a fractional power of an argument that vanishes (or grows without bound) at the point has no power series there",
        );
      }
      v = Number(pv.num);
    }
    const A = a.c;
    const A0 = A[0];
    const sign = R.sign(A0);
    if (pRational && !pRational.isInteger() && pRational.den % 2n === 0n && sign !== null && sign < 0) {
      throw mathError("an even root of a negative value is not real");
    }
    const len = Math.max(0, Math.min(this.rel(a), this.N - v));
    const Aj = (j: number) => (j < A.length ? A[j] : R.zero);
    if (len === 0) return { v, c: [] };
    // J. C. P. Miller's recurrence: Bₖ = (1/(k A₀)) Σⱼ ((p + 1) j − k) Aⱼ Bₖ₋ⱼ.
    const B0 = R.power(A0, p);
    const fast = len > 1 ? R.fast?.power(A, p, B0, len) : null;
    if (fast) return this.make(v, fast);
    const B: T[] = [B0];
    const p1 = R.add(p, R.one);
    for (let k = 1; k < len; k++) {
      checkBudget();
      let s = R.zero;
      for (let j = 1; j <= k; j++) s = R.add(s, R.mul(R.mul(R.sub(R.mul(p1, R.int(j)), R.int(k)), Aj(j)), B[k - j]));
      B.push(R.div(s, R.mul(R.int(k), A0)));
    }
    return this.make(v, B);
  }

  log(a: Series<T>): Series<T> {
    if (a.c.length === 0) throw new Short();
    if (a.v !== 0)
      throw mathError(
        "log of an argument that vanishes (or grows without bound) at the point has no power series there",
      );
    return this.integrate(this.div(this.derivative(a), a), this.ring.call("log", a.c[0]));
  }

  /** f(a) = f(a₀) + ∫ a′ g(a) where g = f′ as a series in a. */
  private byIntegral(op: string, a: Series<T>, g: (a: Series<T>) => Series<T>): Series<T> {
    const { a0 } = this.split(a, op);
    return this.integrate(this.mul(this.derivative(a), g(a)), this.ring.call(op, a0));
  }

  /** The sign of a near the point, when it is fixed (for abs, relu, step, sign). */
  private signNear(a: Series<T>, op: string): -1 | 1 {
    if (this.isZeroSeries(a)) throw new Unsupported();
    if (a.c.length === 0) throw new Short();
    const s = this.ring.sign(a.c[0]);
    if (s === null || s === 0) throw new Unsupported();
    if (a.v % 2 !== 0 && !this.oneSided)
      throw mathError(`${op} is not smooth at the point: its argument changes sign there`);
    return s;
  }

  /** Whether n is free of the variable. */
  constantPart(n: Node): boolean {
    let d = this.dependsMemo.get(n.id);
    if (d === undefined) {
      d = n === this.x || childrenOf(n).some((k) => !this.constantPart(k));
      this.dependsMemo.set(n.id, d);
    }
    return !d;
  }

  /** The series of an expression. */
  of(n: Node): Series<T> {
    const known = this.memo.get(n.id);
    if (known) return known;
    const s = this.compute(n);
    this.memo.set(n.id, s);
    return s;
  }

  private compute(n: Node): Series<T> {
    const R = this.ring;
    if (n === this.x) return this.xSeries;
    if (this.constantPart(n)) {
      if (n.kind === "tensor" || n.shape.length > 0) throw new Unsupported();
      return this.constantSeries(R.constant(n));
    }
    switch (n.kind) {
      case "add":
        return n.terms.map((t) => this.of(t)).reduce((s, t) => this.add(s, t));
      case "mul": {
        // Factors with negative powers make one denominator: one division instead of several.
        const top: Series<T>[] = [];
        const bottom: Series<T>[] = [];
        for (const f of n.factors) {
          if (f.kind === "pow" && f.exp.kind === "num" && f.exp.value.sign() < 0 && !this.constantPart(f.base)) {
            bottom.push(this.of(pow(f.base, num(f.exp.value.neg()))));
          } else top.push(this.of(f));
        }
        const numer = top.length ? top.reduce((s, t) => this.mul(s, t)) : this.constantSeries(R.one);
        return bottom.length
          ? this.div(
              numer,
              bottom.reduce((s, t) => this.mul(s, t)),
            )
          : numer;
      }
      case "pow": {
        if (n.base.kind === "const" && n.base.name === "e") return this.exp(this.of(n.exp));
        if (this.constantPart(n.exp)) {
          const pr = n.exp.kind === "num" ? n.exp.value : null;
          if (pr && pr.isInteger() && pr.sign() < 0) {
            return this.div(this.constantSeries(R.one), this.of(pow(n.base, num(pr.neg()))));
          }
          return this.power(this.of(n.base), R.constant(n.exp), pr);
        }
        // bᵉ = exp(e log b).
        return this.exp(this.mul(this.of(n.exp), this.log(this.of(n.base))));
      }
      case "apply": {
        if (n.args.length !== 1 || !SERIES_OPS.has(n.op) || n.shape.length > 0) throw new Unsupported();
        const a = this.of(n.args[0]);
        return this.elementary(n.op, a);
      }
      default:
        throw new Unsupported();
    }
  }

  private elementary(op: string, a: Series<T>): Series<T> {
    const R = this.ring;
    const one = () => this.constantSeries(R.one);
    const square = () => this.mul(a, a);
    switch (op) {
      case "log":
        return this.log(a);
      case "sin":
      case "cos":
      case "sinh":
      case "cosh":
        return this.trig(op, a);
      case "tan":
        return this.riccati(op, a, 1, 0, 1);
      case "tanh":
        return this.riccati(op, a, 1, 0, -1);
      case "sigmoid":
        return this.riccati(op, a, 0, 1, -1);
      case "sec":
        return this.div(one(), this.trig("cos", a));
      case "csc":
        return this.div(one(), this.trig("sin", a));
      case "cot":
        return this.div(this.trig("cos", a), this.trig("sin", a));
      case "softplus":
        return this.byIntegral(op, a, (u) => this.riccati("sigmoid", u, 0, 1, -1));
      case "atan":
        return this.byIntegral(op, a, () => this.div(one(), this.add(one(), square())));
      case "atanh":
        return this.byIntegral(op, a, () => this.div(one(), this.add(one(), this.scale(square(), R.int(-1)))));
      case "asin":
        return this.byIntegral(op, a, () =>
          this.power(this.add(one(), this.scale(square(), R.int(-1))), R.div(R.int(-1), R.int(2)), Rational.of(-1, 2)),
        );
      case "acos":
        return this.byIntegral(op, a, () =>
          this.scale(
            this.power(
              this.add(one(), this.scale(square(), R.int(-1))),
              R.div(R.int(-1), R.int(2)),
              Rational.of(-1, 2),
            ),
            R.int(-1),
          ),
        );
      case "asinh":
        return this.byIntegral(op, a, () =>
          this.power(this.add(one(), square()), R.div(R.int(-1), R.int(2)), Rational.of(-1, 2)),
        );
      case "acosh":
        return this.byIntegral(op, a, () =>
          this.power(this.add(square(), this.scale(one(), R.int(-1))), R.div(R.int(-1), R.int(2)), Rational.of(-1, 2)),
        );
      case "abs":
        return this.signNear(a, op) > 0 ? a : this.scale(a, R.int(-1));
      case "relu":
        return this.signNear(a, op) > 0 ? a : this.ZERO;
      case "step":
        return this.signNear(a, op) > 0 ? one() : this.ZERO;
      case "sign":
        return this.constantSeries(R.int(this.signNear(a, op)));
      default:
        throw new Unsupported();
    }
  }
}
