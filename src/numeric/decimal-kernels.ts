// Decimal arithmetic with a bound on the error carried along, and the elementary functions in it: the
// kernels the operator rows name as their `decimal` field (graph/ops/), so each function's decimal
// evaluation is written once. Two evaluators read them: N(…) past the double range
// (graph/numeric-value.ts), which raises the precision until two values agree, and the checker's
// evaluation at a rational point (engine/check/precise.ts), which trusts a value as far as its bound.
//
// A value is exact (a rational: sums, products and whole powers of rationals) or a decimal d with
// |true value − d| ≤ err (first-order bounds, propagated through every operation). Two outcomes are
// not numbers: UNDEFINED (outside the real domain for sure: log of a negative, a zero denominator, an
// even root of a negative) and UNKNOWN (the error bound straddles a boundary, e.g. log of something
// within rounding of 0, or the operation has no evaluation here).
import { decimalContext, decimalOfRational, type Decimal, type DecimalClass } from "./big-float.js";
import { Rational } from "./rational.js";

export interface Approx {
  /** The exact value, when there is one. */
  q: Rational | null;
  d: Decimal;
  /** A bound on |true value − d| (0 when exact). */
  err: Decimal;
}
export type Value = Approx | "undefined" | "unknown";

/** A working precision: its decimal class and the rounding bound of one operation in it. */
export interface Precision {
  D: DecimalClass;
  /** A relative rounding bound of one operation at this precision, with a safety factor. */
  u: Decimal;
  zero: Decimal;
}

/** A function's decimal kernel: f(x) with its error bound, or why there is no value. */
export type DecimalKernel = (p: Precision, x: Approx) => Value;

/** Exact rationals past this many bits are carried as decimals (a power tower must not stall). */
export const MAX_EXACT_BITS = 4096;

const precisions = new Map<number, Precision>();

/** The precision of `digits` significant digits (decimal.js as numeric/big-float.ts sets it up). */
export function precision(digits: number): Precision {
  const D = decimalContext(digits);
  let p = precisions.get(digits);
  // decimalContext makes the class anew when decimal.js left its precision raised (sin past π's digits).
  if (!p || p.D !== D) {
    p = { D, u: new D(10).pow(3 - digits), zero: new D(0) };
    precisions.set(digits, p);
  }
  return p;
}

/** A rational's size in bits, numerator and denominator together (to within 4). */
export function bits(q: Rational): number {
  const n = q.num < 0n ? -q.num : q.num;
  return n.toString(16).length * 4 + q.den.toString(16).length * 4;
}

export function exact(p: Precision, q: Rational): Approx {
  if (bits(q) > MAX_EXACT_BITS) {
    const d = decimalOfRational(p.D, q);
    return { q: null, d, err: d.abs().mul(p.u) };
  }
  return { q, d: decimalOfRational(p.D, q), err: p.zero };
}

/** A decimal d known to within err, with one more rounding counted. */
export function approx(p: Precision, d: Decimal, err: Decimal): Value {
  if (!d.isFinite() || !err.isFinite()) return "unknown";
  return { q: null, d, err: err.add(d.abs().mul(p.u)) };
}

/** A decimal taken as it is (no error bound): how N(…) hands its values to a kernel. */
export function taken(p: Precision, d: Decimal, q: Rational | null = null): Approx {
  return { q, d, err: p.zero };
}

/** The sign of a value when it is certain: −1, 0 (only when exact), 1; null when rounding could change it. */
export function signOf(v: Approx): -1 | 0 | 1 | null {
  if (v.q) return v.q.sign();
  if (v.d.abs().gt(v.err)) return v.d.isNegative() ? -1 : 1;
  return null;
}

/** A smooth function: f(x), and |f′| near x times err. */
function smooth(
  f: (D: DecimalClass, x: Decimal) => Decimal,
  slope: (D: DecimalClass, x: Decimal, y: Decimal) => Decimal,
): DecimalKernel {
  return (p, x) => {
    const y = f(p.D, x.d);
    return approx(p, y, x.err.isZero() ? p.zero : slope(p.D, x.d.abs().add(x.err), y).abs().mul(x.err).mul(1.01));
  };
}

/** A function defined where its argument is > 0 (or ≥ 0 when `closed`). */
function positiveOnly(f: DecimalKernel, closed: boolean): DecimalKernel {
  return (p, x) => {
    const s = signOf(x);
    if (s === null) return "unknown";
    if (s < 0 || (s === 0 && !closed)) return "undefined";
    return f(p, x);
  };
}

const one = (D: DecimalClass) => new D(1);

const log: DecimalKernel = positiveOnly((p, x) => {
  const low = x.d.sub(x.err);
  if (!low.isPositive()) return "unknown";
  return approx(p, p.D.ln(x.d), x.err.div(low));
}, false);
const sin = smooth((D, x) => D.sin(x), one);
const cos = smooth((D, x) => D.cos(x), one);

/**
 * The kernels, by the operator they evaluate; each operator row names its own (`decimal:
 * DECIMAL.sin`). exp and sqrt are here for powers (e^x, x^(1/2)), which their rows fold to.
 */
export const DECIMAL = {
  exp: (p: Precision, x: Approx): Value => smoothExp(p, x),
  log,
  sqrt: positiveOnly((p, x) => rootOf(p, x, 2), true),
  sin,
  cos,
  tan: (p, x) => quotient(p, sin(p, x), cos(p, x)),
  sec: (p, x) => quotient(p, exact(p, Rational.ONE), cos(p, x)),
  csc: (p, x) => quotient(p, exact(p, Rational.ONE), sin(p, x)),
  cot: (p, x) => quotient(p, cos(p, x), sin(p, x)),
  // Through exp: decimal.js's own hyperbolic functions take seconds at |x| ≥ 10⁴. Below 1 they are
  // used, as eˣ − e⁻ˣ cancels there (sinh(10⁻³⁰) was 0 at 20 digits, its error bound 0).
  sinh: smooth(
    (D, x) => (x.abs().lt(1) ? D.sinh(x) : D.exp(x).sub(D.exp(x.neg())).div(2)),
    (D, m) => D.exp(m),
  ),
  cosh: smooth(
    (D, x) => D.exp(x).add(D.exp(x.neg())).div(2),
    (D, m) => D.exp(m),
  ),
  tanh: smooth((D, x) => {
    if (x.abs().lt(1)) return D.tanh(x);
    const t = one(D).sub(new D(2).div(D.exp(x.abs().mul(2)).add(1)));
    return x.isNegative() ? t.neg() : t;
  }, one),
  sigmoid: smooth((D, x) => one(D).div(one(D).add(D.exp(x.neg()))), one),
  // ln(1 + eˣ) = x + ln(1 + e⁻ˣ): the logarithm's argument is 1 + t with t = e^−|x| ≤ 1 either way.
  softplus: smooth((D, x) => {
    const t = D.exp(x.abs().neg());
    return x.isPositive() ? x.add(log1p(D, t)) : log1p(D, t);
  }, one),
  atan: smooth((D, x) => D.atan(x), one),
  asinh: smooth((D, x) => D.asinh(x), one),
  asin: (p, x) => inverseOnUnit(p, x, (D, v) => D.asin(v)),
  acos: (p, x) => inverseOnUnit(p, x, (D, v) => D.acos(v)),
  atanh: (p, x) => {
    const room = one(p.D).sub(x.d.abs().add(x.err));
    if (room.isPositive()) return approx(p, p.D.atanh(x.d), x.err.div(room).mul(1.01));
    return one(p.D).sub(x.d.abs().sub(x.err)).isPositive() ? "unknown" : "undefined";
  },
  acosh: (p, x) => {
    const low = x.d.sub(x.err);
    if (low.gt(1)) return approx(p, p.D.acosh(x.d), x.err.div(low.pow(2).sub(1).sqrt()).mul(1.01));
    if (x.q && x.q.isOne()) return exact(p, Rational.ZERO);
    return x.d.add(x.err).lt(1) ? "undefined" : "unknown";
  },
  // The piecewise functions: on a flat part for sure the value is exact (relu of something certainly
  // negative is 0, not 0 give or take the argument's rounding, which left relu(−(x − e³⁹)² − 1) = 0
  // undecided); at a jump the value waits for a certain sign.
  abs: (p, x) => approx(p, x.d.abs(), x.err),
  relu: (p, x) => (signOf(x) === -1 ? exact(p, Rational.ZERO) : approx(p, p.D.max(x.d, 0), x.err)),
  hardtanh: (p, x) => {
    if (x.d.add(x.err).lt(-1)) return exact(p, Rational.MINUS_ONE);
    if (x.d.sub(x.err).gt(1)) return exact(p, Rational.ONE);
    return approx(p, p.D.min(1, p.D.max(-1, x.d)), x.err);
  },
  sign: (p, x) => {
    const s = signOf(x);
    return s === null ? "unknown" : exact(p, Rational.int(s));
  },
  // The notes' step: 1 for z ≥ 0, so step(0) = 1.
  step: (p, x) => {
    const s = signOf(x);
    return s === null ? "unknown" : exact(p, s >= 0 ? Rational.ONE : Rational.ZERO);
  },
} satisfies Record<string, DecimalKernel>;

/**
 * ln(1 + t) for 0 ≤ t ≤ 1 without the cancellation of rounding 1 + t: by its series t − t²/2 + t³/3 − …
 * for a small t (softplus(−50) was 0 at 20 digits, its error bound 0).
 */
function log1p(D: DecimalClass, t: Decimal): Decimal {
  if (t.gt("1e-3")) return D.ln(t.add(1));
  const enough = t.mul(new D(10).pow(-D.precision - 2));
  let sum = new D(0);
  let power = t;
  for (let k = 1; power.gt(enough); k++) {
    sum = k % 2 === 1 ? sum.add(power.div(k)) : sum.sub(power.div(k));
    power = power.mul(t);
  }
  return sum;
}

/** asin, acos: defined on [−1, 1]; near ±1 the slope is unbounded, so the error is √(2·err)-sized. */
function inverseOnUnit(p: Precision, x: Approx, f: (D: DecimalClass, v: Decimal) => Decimal): Value {
  const a = x.d.abs();
  if (x.q && x.q.abs().compare(Rational.ONE) > 0) return "undefined";
  if (!x.q && a.sub(x.err).gt(1)) return "undefined";
  if (!x.q && a.add(x.err).gt(1)) return "unknown";
  const room = one(p.D).sub(a.add(x.err));
  const err = x.err.isZero() ? p.zero : room.gt(x.err.mul(4)) ? x.err.div(room.sqrt()).mul(2) : x.err.mul(8).sqrt();
  return approx(p, f(p.D, x.d), err);
}

/** x^(1/k) for x ≥ 0 (x^(p/q) goes through here with k = q). */
function rootOf(p: Precision, x: Approx, k: number): Value {
  if (x.d.isZero() && x.err.isZero()) return exact(p, Rational.ZERO);
  const y = k === 2 ? x.d.sqrt() : x.d.pow(new p.D(1).div(k));
  // |x^(1/k) − (x+e)^(1/k)| ≤ e^(1/k) always, and ≈ e·x^(1/k − 1)/k away from 0.
  const low = x.d.sub(x.err);
  const err = x.err.isZero()
    ? p.zero
    : low.gt(x.err.mul(4))
      ? x.err.mul(y).div(low).div(k).mul(2)
      : x.err.pow(new p.D(1).div(k));
  return approx(p, y, err);
}

export function quotient(p: Precision, a: Value, b: Value): Value {
  if (a === "undefined" || b === "undefined") return "undefined";
  if (a === "unknown" || b === "unknown") return "unknown";
  return product(p, [a, power(p, b, exact(p, Rational.MINUS_ONE))]);
}

export function sum(p: Precision, xs: Approx[]): Value {
  if (xs.every((x) => x.q)) {
    let s = Rational.ZERO;
    for (const x of xs) s = s.add(x.q!);
    return exact(p, s);
  }
  // The exact terms are summed exactly first (1 − x − 1 is −x, not 0 once rounded beside a tiny x),
  // then the rest one by one, each partial sum's rounding counted: exp(log x) − x + 1 − 1 at
  // x = 10⁻³⁰⁸ cancels 1 − 1 after rounding, and only the partial sums' size bounds the error.
  let exactPart = Rational.ZERO;
  for (const x of xs) if (x.q) exactPart = exactPart.add(x.q);
  let d = decimalOfRational(p.D, exactPart);
  let err = d.abs().mul(p.u);
  for (const x of xs) {
    if (x.q) continue;
    d = d.add(x.d);
    err = err.add(x.err).add(d.abs().mul(p.u));
  }
  return approx(p, d, err);
}

export function product(p: Precision, xs: Value[]): Value {
  if (xs.includes("undefined")) return "undefined";
  if (xs.includes("unknown")) return "unknown";
  const ys = xs as Approx[];
  if (ys.some((y) => y.q?.isZero())) return exact(p, Rational.ZERO);
  if (ys.every((y) => y.q)) {
    let r = Rational.ONE;
    for (const y of ys) r = r.mul(y.q!);
    return exact(p, r);
  }
  let d = new p.D(1);
  let err = p.zero;
  for (const y of ys) {
    // (d + e₁)(y + e₂) − d·y: the first-order terms and the product of errors.
    err = err.mul(y.d.abs().add(y.err)).add(d.abs().mul(y.err));
    d = d.mul(y.d);
  }
  return approx(p, d, err);
}

/** b^e; `eBase` when b is the constant e (then e^x, whose error is e^x times x's). */
export function power(p: Precision, b: Value, e: Value, eBase = false): Value {
  if (b === "undefined" || e === "undefined") return "undefined";
  if (b === "unknown" || e === "unknown") return "unknown";
  if (eBase) return smoothExp(p, e);
  if (e.q) {
    const k = e.q;
    if (b.q) {
      if (b.q.isZero()) return k.sign() > 0 ? exact(p, Rational.ZERO) : "undefined";
      if (k.isInteger() && bits(b.q) * Math.abs(Number(k.num)) <= MAX_EXACT_BITS) return exact(p, b.q.pow(k.num));
    }
    if (k.isInteger()) {
      const s = signOf(b);
      if (s === null && k.sign() < 0) return "unknown";
      if (s === 0) return k.sign() > 0 ? exact(p, Rational.ZERO) : "undefined";
      const y = b.d.pow(k.num.toString());
      const n = Math.abs(k.toNumber());
      const err = b.err.isZero()
        ? p.zero
        : b.d
              .abs()
              .sub(b.err)
              .gt(b.err.mul(n + 1))
          ? y.abs().mul(b.err).div(b.d.abs().sub(b.err)).mul(n).mul(1.01)
          : b.d.abs().add(b.err).pow(n).sub(b.d.abs().pow(n)).abs().mul(2);
      if (
        k.sign() < 0 &&
        !b.d
          .abs()
          .sub(b.err)
          .gt(b.err.mul(n + 1))
      )
        return "unknown";
      return approx(p, y, err);
    }
    // A rational exponent p/q: the real q-th root, of a negative base only for odd q (as the
    // graph's own exact powers: (−8)^(1/3) = −2).
    const s = signOf(b);
    if (s === null) return "unknown";
    if (s === 0) return k.sign() > 0 ? exact(p, Rational.ZERO) : "undefined";
    if (s < 0 && k.den % 2n === 0n) return "undefined";
    const m = s < 0 ? { ...b, d: b.d.neg(), q: b.q?.neg() ?? null } : b;
    let raised: Value;
    if (k.den > 1000n || k.num > 10000n || k.num < -10000n) {
      // |b|^(p/q) = exp((p/q)·ln|b|): a long denominator or numerator is no root or power to take
      // (a = −74989420.9332456 has q = 10⁷).
      const lnb = log(p, m);
      if (typeof lnb === "string") return lnb;
      const t = product(p, [exact(p, k), lnb]);
      raised = typeof t === "string" ? t : smoothExp(p, t);
    } else {
      const magnitude = rootOf(p, m, Number(k.den));
      if (typeof magnitude === "string") return magnitude;
      raised = power(p, magnitude, exact(p, Rational.of(k.num)));
    }
    if (typeof raised === "string" || s > 0) return raised;
    return k.num % 2n === 0n ? raised : { ...raised, d: raised.d.neg(), q: raised.q?.neg() ?? null };
  }
  // A real exponent: b^e = exp(e·ln b) for b > 0; 0^e = 0 for e > 0.
  const s = signOf(b);
  if (s === null) return "unknown";
  if (s < 0) return "undefined";
  if (s === 0) {
    const se = signOf(e);
    return se === null ? "unknown" : se > 0 ? exact(p, Rational.ZERO) : "undefined";
  }
  const lnb = log(p, b);
  if (typeof lnb === "string") return lnb;
  const t = product(p, [e, lnb]);
  return typeof t === "string" ? t : smoothExp(p, t);
}

function smoothExp(p: Precision, x: Approx): Value {
  if (x.q?.isZero()) return exact(p, Rational.ONE);
  // e^(10⁵) has 43,430 digits: past that a point tells nothing a smaller one does not.
  if (x.d.abs().gt(1e5)) return "unknown";
  const y = p.D.exp(x.d);
  return approx(
    p,
    y,
    y
      .mul(x.err)
      .mul(1.01)
      .add(x.err.isZero() ? 0 : y.mul(x.err.mul(x.err))),
  );
}

/** decimal.js throws past what it can do (sin and cos know π to about 1,000 digits). */
export const isDecimalError = (err: unknown): boolean =>
  err instanceof Error && err.message.startsWith("[DecimalError]");
