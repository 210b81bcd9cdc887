// Evaluation of a scalar expression at a rational point, exact where it can be and otherwise in
// decimal arithmetic of a chosen precision with a bound on the error carried along, so a
// difference of 10⁻¹² between two answers is seen and a rounding error is never taken for one.
//
// A value is exact (a rational: sums, products and whole powers of rationals, the piecewise
// functions of exact arguments) or a decimal d with |true value − d| ≤ err (first-order bounds,
// propagated through every operation). Two outcomes are not numbers: UNDEFINED (outside the real
// domain for sure: log of a negative, a zero denominator, an even root of a negative) and UNKNOWN
// (the error bound straddles a boundary, e.g. log of something within rounding of 0, or the
// operation has no evaluation here).
import { rethrowStop } from "../../errors.js";
import DecimalModule from "decimal.js";
import type { Decimal } from "decimal.js";
import { apply, num } from "../../graph/construct.js";
import type { Node } from "../../graph/node.js";
import { lookupOperator, madeOfPieces } from "../../graph/operators.js";
import { Rational } from "../../numeric/rational.js";

export interface Approx {
  /** The exact value, when there is one. */
  q: Rational | null;
  d: Decimal;
  /** A bound on |true value − d| (0 when exact). */
  err: Decimal;
}
export type Value = Approx | "undefined" | "unknown";

/** Exact rationals past this many bits are carried as decimals (a power tower must not stall). */
const MAX_EXACT_BITS = 4096;

type DecimalClass = typeof Decimal;

interface Ctx {
  D: DecimalClass;
  /** A relative rounding bound of one operation at this precision, with a safety factor. */
  u: Decimal;
  zero: Decimal;
}

// The package's ES module exports the class as its default; its types describe a CommonJS module.
const DecimalClass = DecimalModule as unknown as DecimalClass;

const contexts = new Map<number, Ctx>();
function context(digits: number): Ctx {
  let c = contexts.get(digits);
  if (!c) {
    const D = DecimalClass.clone({
      precision: digits,
      rounding: DecimalClass.ROUND_HALF_EVEN,
      toExpNeg: -9e15,
      toExpPos: 9e15,
      minE: -9e15,
      maxE: 9e15,
    });
    c = { D, u: new D(10).pow(3 - digits), zero: new D(0) };
    contexts.set(digits, c);
  }
  return c;
}

function bits(q: Rational): number {
  const n = q.num < 0n ? -q.num : q.num;
  return n.toString(16).length * 4 + q.den.toString(16).length * 4;
}

export function decimalOf(D: DecimalClass, q: Rational): Decimal {
  return q.den === 1n ? new D(q.num.toString()) : new D(q.num.toString()).div(q.den.toString());
}

function exact(ctx: Ctx, q: Rational): Approx {
  if (bits(q) > MAX_EXACT_BITS) {
    const d = decimalOf(ctx.D, q);
    return { q: null, d, err: d.abs().mul(ctx.u) };
  }
  return { q, d: decimalOf(ctx.D, q), err: ctx.zero };
}

function approx(ctx: Ctx, d: Decimal, err: Decimal): Value {
  if (!d.isFinite() || !err.isFinite()) return "unknown";
  return { q: null, d, err: err.add(d.abs().mul(ctx.u)) };
}

/** The sign of a value when it is certain: −1, 0 (only when exact), 1; null when rounding could change it. */
export function signOf(v: Approx): -1 | 0 | 1 | null {
  if (v.q) return v.q.sign();
  if (v.d.abs().gt(v.err)) return v.d.isNegative() ? -1 : 1;
  return null;
}

/** Unary functions of a decimal with their error propagation: f(x), and |f′| near x times err. */
type Unary = (ctx: Ctx, x: Approx) => Value;

function smooth(
  f: (D: DecimalClass, x: Decimal) => Decimal,
  slope: (D: DecimalClass, x: Decimal, y: Decimal) => Decimal,
): Unary {
  return (ctx, x) => {
    const y = f(ctx.D, x.d);
    return approx(ctx, y, x.err.isZero() ? ctx.zero : slope(ctx.D, x.d.abs().add(x.err), y).abs().mul(x.err).mul(1.01));
  };
}

/** A function defined where its argument is > 0 (or ≥ 0 when `closed`). */
function positiveOnly(f: Unary, closed: boolean): Unary {
  return (ctx, x) => {
    const s = signOf(x);
    if (s === null) return "unknown";
    if (s < 0 || (s === 0 && !closed)) return "undefined";
    return f(ctx, x);
  };
}

const one = (D: DecimalClass) => new D(1);

const UNARY: Record<string, Unary> = {
  exp: (ctx, x) => smoothExp(ctx, x),
  log: positiveOnly((ctx, x) => {
    const low = x.d.sub(x.err);
    if (!low.isPositive()) return "unknown";
    return approx(ctx, ctx.D.ln(x.d), x.err.div(low));
  }, false),
  sqrt: positiveOnly((ctx, x) => rootOf(ctx, x, 2), true),
  sin: smooth((D, x) => D.sin(x), one),
  cos: smooth((D, x) => D.cos(x), one),
  tan: (ctx, x) => quotient(ctx, UNARY.sin(ctx, x), UNARY.cos(ctx, x)),
  sec: (ctx, x) => quotient(ctx, exact(ctx, Rational.ONE), UNARY.cos(ctx, x)),
  csc: (ctx, x) => quotient(ctx, exact(ctx, Rational.ONE), UNARY.sin(ctx, x)),
  cot: (ctx, x) => quotient(ctx, UNARY.cos(ctx, x), UNARY.sin(ctx, x)),
  // Through exp: decimal.js's own hyperbolic functions take seconds at |x| ≥ 10⁴.
  sinh: smooth(
    (D, x) => D.exp(x).sub(D.exp(x.neg())).div(2),
    (D, m) => D.exp(m),
  ),
  cosh: smooth(
    (D, x) => D.exp(x).add(D.exp(x.neg())).div(2),
    (D, m) => D.exp(m),
  ),
  tanh: smooth((D, x) => {
    const t = one(D).sub(new D(2).div(D.exp(x.abs().mul(2)).add(1)));
    return x.isNegative() ? t.neg() : t;
  }, one),
  sigmoid: smooth((D, x) => one(D).div(one(D).add(D.exp(x.neg()))), one),
  softplus: smooth((D, x) => (x.gt(1000) ? x.add(D.ln(one(D).add(D.exp(x.neg())))) : D.ln(one(D).add(D.exp(x)))), one),
  atan: smooth((D, x) => D.atan(x), one),
  asinh: smooth((D, x) => D.asinh(x), one),
  asin: (ctx, x) => inverseOnUnit(ctx, x, (D, v) => D.asin(v)),
  acos: (ctx, x) => inverseOnUnit(ctx, x, (D, v) => D.acos(v)),
  atanh: (ctx, x) => {
    const room = one(ctx.D).sub(x.d.abs().add(x.err));
    if (room.isPositive()) return approx(ctx, ctx.D.atanh(x.d), x.err.div(room).mul(1.01));
    return one(ctx.D).sub(x.d.abs().sub(x.err)).isPositive() ? "unknown" : "undefined";
  },
  acosh: (ctx, x) => {
    const low = x.d.sub(x.err);
    if (low.gt(1)) return approx(ctx, ctx.D.acosh(x.d), x.err.div(low.pow(2).sub(1).sqrt()).mul(1.01));
    if (x.q && x.q.isOne()) return exact(ctx, Rational.ZERO);
    return x.d.add(x.err).lt(1) ? "undefined" : "unknown";
  },
};

/** asin, acos: defined on [−1, 1]; near ±1 the slope is unbounded, so the error is √(2·err)-sized. */
function inverseOnUnit(ctx: Ctx, x: Approx, f: (D: DecimalClass, v: Decimal) => Decimal): Value {
  const a = x.d.abs();
  if (x.q && x.q.abs().compare(Rational.ONE) > 0) return "undefined";
  if (!x.q && a.sub(x.err).gt(1)) return "undefined";
  if (!x.q && a.add(x.err).gt(1)) return "unknown";
  const room = one(ctx.D).sub(a.add(x.err));
  const err = x.err.isZero() ? ctx.zero : room.gt(x.err.mul(4)) ? x.err.div(room.sqrt()).mul(2) : x.err.mul(8).sqrt();
  return approx(ctx, f(ctx.D, x.d), err);
}

/** x^(1/k) for x ≥ 0 (x^(p/q) goes through here with k = q). */
function rootOf(ctx: Ctx, x: Approx, k: number): Value {
  if (x.d.isZero() && x.err.isZero()) return exact(ctx, Rational.ZERO);
  const y = k === 2 ? x.d.sqrt() : x.d.pow(new ctx.D(1).div(k));
  // |x^(1/k) − (x+e)^(1/k)| ≤ e^(1/k) always, and ≈ e·x^(1/k − 1)/k away from 0.
  const low = x.d.sub(x.err);
  const err = x.err.isZero()
    ? ctx.zero
    : low.gt(x.err.mul(4))
      ? x.err.mul(y).div(low).div(k).mul(2)
      : x.err.pow(new ctx.D(1).div(k));
  return approx(ctx, y, err);
}

function quotient(ctx: Ctx, a: Value, b: Value): Value {
  if (a === "undefined" || b === "undefined") return "undefined";
  if (a === "unknown" || b === "unknown") return "unknown";
  return product(ctx, [a, power(ctx, b, exact(ctx, Rational.MINUS_ONE))]);
}

function sum(ctx: Ctx, xs: Approx[]): Value {
  if (xs.every((x) => x.q)) {
    let s = Rational.ZERO;
    for (const x of xs) s = s.add(x.q!);
    return exact(ctx, s);
  }
  // The exact terms are summed exactly first (1 − x − 1 is −x, not 0 once rounded beside a tiny x),
  // then the rest one by one, each partial sum's rounding counted: exp(log x) − x + 1 − 1 at
  // x = 10⁻³⁰⁸ cancels 1 − 1 after rounding, and only the partial sums' size bounds the error.
  let exactPart = Rational.ZERO;
  for (const x of xs) if (x.q) exactPart = exactPart.add(x.q);
  let d = decimalOf(ctx.D, exactPart);
  let err = d.abs().mul(ctx.u);
  for (const x of xs) {
    if (x.q) continue;
    d = d.add(x.d);
    err = err.add(x.err).add(d.abs().mul(ctx.u));
  }
  return approx(ctx, d, err);
}

function product(ctx: Ctx, xs: Value[]): Value {
  if (xs.includes("undefined")) return "undefined";
  if (xs.includes("unknown")) return "unknown";
  const ys = xs as Approx[];
  if (ys.some((y) => y.q?.isZero())) return exact(ctx, Rational.ZERO);
  if (ys.every((y) => y.q)) {
    let p = Rational.ONE;
    for (const y of ys) p = p.mul(y.q!);
    return exact(ctx, p);
  }
  let d = new ctx.D(1);
  let err = ctx.zero;
  for (const y of ys) {
    // (d + e₁)(y + e₂) − d·y: the first-order terms and the product of errors.
    err = err.mul(y.d.abs().add(y.err)).add(d.abs().mul(y.err));
    d = d.mul(y.d);
  }
  return approx(ctx, d, err);
}

function power(ctx: Ctx, b: Value, e: Value, eBase = false): Value {
  if (b === "undefined" || e === "undefined") return "undefined";
  if (b === "unknown" || e === "unknown") return "unknown";
  if (eBase) return smoothExp(ctx, e);
  if (e.q) {
    const k = e.q;
    if (b.q) {
      if (b.q.isZero()) return k.sign() > 0 ? exact(ctx, Rational.ZERO) : "undefined";
      if (k.isInteger() && bits(b.q) * Math.abs(Number(k.num)) <= MAX_EXACT_BITS) return exact(ctx, b.q.pow(k.num));
    }
    if (k.isInteger()) {
      const s = signOf(b);
      if (s === null && k.sign() < 0) return "unknown";
      if (s === 0) return k.sign() > 0 ? exact(ctx, Rational.ZERO) : "undefined";
      const y = b.d.pow(k.num.toString());
      const n = Math.abs(k.toNumber());
      const err = b.err.isZero()
        ? ctx.zero
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
      return approx(ctx, y, err);
    }
    // A rational exponent p/q: the real q-th root, of a negative base only for odd q (as the
    // graph's own exact powers: (−8)^(1/3) = −2).
    const s = signOf(b);
    if (s === null) return "unknown";
    if (s === 0) return k.sign() > 0 ? exact(ctx, Rational.ZERO) : "undefined";
    if (s < 0 && k.den % 2n === 0n) return "undefined";
    const m = s < 0 ? { ...b, d: b.d.neg(), q: b.q?.neg() ?? null } : b;
    let raised: Value;
    if (k.den > 1000n || k.num > 10000n || k.num < -10000n) {
      // |b|^(p/q) = exp((p/q)·ln|b|): a long denominator or numerator is no root or power to take
      // (a = −74989420.9332456 has q = 10⁷).
      const lnb = UNARY.log(ctx, m);
      if (typeof lnb === "string") return lnb;
      const t = product(ctx, [exact(ctx, k), lnb]);
      raised = typeof t === "string" ? t : smoothExp(ctx, t);
    } else {
      const magnitude = rootOf(ctx, m, Number(k.den));
      if (typeof magnitude === "string") return magnitude;
      raised = power(ctx, magnitude, exact(ctx, Rational.of(k.num)));
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
    return se === null ? "unknown" : se > 0 ? exact(ctx, Rational.ZERO) : "undefined";
  }
  const lnb = UNARY.log(ctx, b);
  if (typeof lnb === "string") return lnb;
  const t = product(ctx, [e, lnb]);
  return typeof t === "string" ? t : smoothExp(ctx, t);
}

function smoothExp(ctx: Ctx, x: Approx): Value {
  if (x.q?.isZero()) return exact(ctx, Rational.ONE);
  // e^(10⁵) has 43,430 digits: past that a point tells nothing a smaller one does not.
  if (x.d.abs().gt(1e5)) return "unknown";
  const y = ctx.D.exp(x.d);
  return approx(
    ctx,
    y,
    y
      .mul(x.err)
      .mul(1.01)
      .add(x.err.isZero() ? 0 : y.mul(x.err.mul(x.err))),
  );
}

/** The graph's own exact value of a piecewise function at rational arguments (step(0) as defined there). */
function exactPiecewise(ctx: Ctx, op: string, args: Approx[]): Value | null {
  if (!args.every((a) => a.q)) return null;
  const r = apply(
    op,
    args.map((a) => num(a.q!)),
  );
  return r.kind === "num" ? exact(ctx, r.value) : null;
}

function piecewise(ctx: Ctx, op: string, args: Approx[]): Value {
  const known = exactPiecewise(ctx, op, args);
  if (known) return known;
  const D = ctx.D;
  const errMax = args.reduce((m, a) => (a.err.gt(m) ? a.err : m), ctx.zero);
  const x = args[0];
  switch (op) {
    case "abs":
      return approx(ctx, x.d.abs(), x.err);
    // On the flat part for sure, the value is exact: relu of something certainly negative is 0, not
    // 0 give or take the argument's rounding (which left relu(−(x − e³⁹)² − 1) = 0 undecided).
    case "relu":
      return signOf(x) === -1 ? exact(ctx, Rational.ZERO) : approx(ctx, D.max(x.d, 0), x.err);
    case "hardtanh":
      if (x.d.add(x.err).lt(-1)) return exact(ctx, Rational.MINUS_ONE);
      if (x.d.sub(x.err).gt(1)) return exact(ctx, Rational.ONE);
      return approx(ctx, D.min(1, D.max(-1, x.d)), x.err);
    case "max":
      return approx(ctx, D.max(...args.map((a) => a.d)), errMax);
    case "min":
      return approx(ctx, D.min(...args.map((a) => a.d)), errMax);
    case "leaky_relu": {
      const a = args[1] ?? exact(ctx, Rational.of(1, 100));
      const slope = DecimalClass.max(a.d.abs().add(a.err), 1);
      return approx(ctx, x.d.isPositive() ? x.d : x.d.mul(a.d), x.err.mul(slope).add(x.d.abs().mul(a.err)));
    }
    case "sign":
    case "step": {
      const s = signOf(x);
      if (s === null) return "unknown";
      const r = apply(op, [num(Rational.int(s))]);
      return r.kind === "num" ? exact(ctx, r.value) : "unknown";
    }
    default:
      return "unknown";
  }
}

function applyOp(ctx: Ctx, n: Node & { kind: "apply" }, args: Value[]): Value {
  if (args.includes("undefined")) return "undefined";
  if (args.includes("unknown")) return "unknown";
  const xs = args as Approx[];
  if (madeOfPieces(n.op)) return piecewise(ctx, n.op, xs);
  const unary = UNARY[n.op];
  if (unary && xs.length === 1) {
    // A function of an exact argument with an exact value (sin 0, log 1) keeps it.
    if (xs[0].q) {
      const r = apply(n.op, [num(xs[0].q)]);
      if (r.kind === "num") return exact(ctx, r.value);
    }
    return unary(ctx, xs[0]);
  }
  if (n.op === "atan2" && xs.length === 2) {
    const [y, x] = xs;
    if (signOf(x) === null && signOf(y) === null) return "unknown";
    if (x.q?.isZero() && y.q?.isZero()) return "undefined";
    if (signOf(x) === null && signOf(y)! <= 0) return "unknown"; // the branch cut on the negative x-axis
    const angle = ctx.D.atan2(y.d, x.d);
    const r = x.d.abs().add(y.d.abs());
    return approx(
      ctx,
      angle,
      x.err
        .add(y.err)
        .div(DecimalClass.max(r.sub(x.err.add(y.err)), x.err.add(y.err)))
        .mul(2),
    );
  }
  // Anything else: its float kernel, with an error bound that sees only differences above 10⁻¹⁰.
  const kernel = lookupOperator(n.op)?.float;
  if (!kernel || n.shape.length > 0 || xs.some((x) => !x.d.abs().lt(1e300))) return "unknown";
  const v = kernel(...xs.map((x) => x.d.toNumber()));
  if (!Number.isFinite(v)) return "unknown";
  return approx(ctx, new ctx.D(v), new ctx.D(Math.abs(v) * 1e-10 + 1e-300));
}

/**
 * The value of a scalar node at a point (each free symbol ↦ a rational) to `digits` significant
 * digits. Memoised per call: shared subexpressions are evaluated once.
 */
export function evaluatePrecise(
  root: Node,
  point: ReadonlyMap<Node, Rational>,
  digits = 40,
  memo = new Map<Node, Value>(),
): Value {
  const ctx = context(digits);
  const walk = (n: Node): Value => {
    const seen = memo.get(n);
    if (seen !== undefined) return seen;
    let v: Value;
    switch (n.kind) {
      case "num":
        v = exact(ctx, n.value);
        break;
      case "float":
        v = Number.isFinite(n.value)
          ? approx(ctx, new ctx.D(n.value), new ctx.D(Math.abs(n.value) * 2 ** -52))
          : "unknown";
        break;
      case "const":
        v = approx(ctx, n.name === "π" ? ctx.D.acos(-1) : ctx.D.exp(1), ctx.zero);
        break;
      case "sym":
      case "indexed": {
        const q = point.get(n);
        v = q ? exact(ctx, q) : "unknown";
        break;
      }
      case "add": {
        const ts = n.terms.map(walk);
        v = ts.includes("undefined") ? "undefined" : ts.includes("unknown") ? "unknown" : sum(ctx, ts as Approx[]);
        break;
      }
      case "mul":
        v = product(ctx, n.factors.map(walk));
        break;
      case "pow":
        v = power(ctx, walk(n.base), walk(n.exp), n.base.kind === "const" && n.base.name === "e");
        break;
      case "apply":
        v = n.shape.length === 0 ? applyOp(ctx, n, n.args.map(walk)) : "unknown";
        break;
      default:
        v = "unknown";
    }
    memo.set(n, v);
    return v;
  };
  try {
    return walk(root);
  } catch (err) {
    rethrowStop(err);
    if (!isDecimalError(err)) throw err;
    // decimal.js's sin and cos know π to about 1,000 digits and throw past that, leaving the
    // context's precision raised: the point is unknown at this precision, and the context is made anew.
    contexts.delete(digits);
    return "unknown";
  }
}

const isDecimalError = (err: unknown): boolean => err instanceof Error && err.message.startsWith("[DecimalError]");

/** The difference of two values is certainly nonzero (beyond a generous multiple of their errors). */
export function certainlyDifferent(a: Approx, b: Approx): boolean {
  if (a.q && b.q) return !a.q.equals(b.q);
  const gap = a.d.sub(b.d).abs();
  return gap.gt(a.err.add(b.err).mul(1000)) && !gap.isZero();
}

/**
 * The values agree to within their error bounds, and those bounds are small enough to mean something:
 * far below any difference a person writes (10⁻²⁰ of the values) — or the rounding of a value that
 * was computed in floating point (a trained network's accuracy 1.0 against 1), which no evaluation
 * can make more precise than the float it is. A float kernel's bound (10⁻¹⁰) is neither.
 */
export function informative(a: Approx, b: Approx): boolean {
  if (a.q && b.q) return true;
  const scale = DecimalClass.max(a.d.abs(), b.d.abs(), 1);
  const err = a.err.add(b.err);
  if (err.lte(scale.mul(1e-20))) return true;
  // A float's rounding: only when the values agree within it (1.0 + 10⁻¹⁴ against 1 cannot be told).
  return err.lte(scale.mul(FLOAT_ROUNDING)) && a.d.sub(b.d).abs().lte(err);
}

/** A few units in the last place of a double, relative. */
const FLOAT_ROUNDING = 2 ** -48;

/** A value printed for people: exact rationals as they are, decimals to `digits` significant digits. */
export function showValue(v: Approx, digits = 12): string {
  if (v.q) {
    const exactly = showRational(v.q);
    if (exactly.length <= 24) return exactly;
    return showDecimal(decimalOf(context(digits + 10).D, v.q), digits);
  }
  // Within its error bound of 0 (cos(π/2) with π to 90 digits): 0, not 7.3e−90.
  if (v.d.abs().lte(v.err)) return "0";
  return showDecimal(v.d, digits);
}

/** Plain digits for ordinary sizes, scientific notation (1.60693804426e+60) past them. */
function showDecimal(d: Decimal, digits: number): string {
  const r = d.toSignificantDigits(digits);
  if (r.isZero()) return "0";
  const e = r.e;
  if (e < -6 || e > 20) {
    const [mantissa, exponent] = r.toExponential().split("e");
    return `${trimZeros(mantissa)}e${exponent}`;
  }
  return trimZeros(r.toFixed());
}

export function showRational(q: Rational): string {
  if (q.den === 1n) return q.num.toString();
  // A terminating decimal is printed as one (2.5, 0.001); other fractions as p/q.
  let d = q.den;
  while (d % 2n === 0n) d /= 2n;
  while (d % 5n === 0n) d /= 5n;
  const length = q.num.toString().length + q.den.toString().length;
  if (d === 1n && length < 1000) {
    const D = context(Math.max(80, length + 2)).D;
    return trimZeros(decimalOf(D, q).toFixed());
  }
  return `${q.num}/${q.den}`;
}

function trimZeros(s: string): string {
  return s.includes(".") && !s.includes("e") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
}
