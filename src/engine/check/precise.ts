// Evaluation of a scalar expression at a rational point, exact where it can be and otherwise in
// decimal arithmetic of a chosen precision with a bound on the error carried along, so a
// difference of 10⁻¹² between two answers is seen and a rounding error is never taken for one.
// The arithmetic and each function's kernel are numeric/decimal-kernels.ts's; a function's kernel is
// the `decimal` field of its operator row, which N(…) reads as well.
import { rethrowStop } from "../../errors.js";
import DecimalModule from "decimal.js";
import type { Decimal } from "decimal.js";
import { apply, num } from "../../graph/construct.js";
import type { Node } from "../../graph/node.js";
import { lookupOperator, madeOfPieces } from "../../graph/operators.js";
import { decimalOfRational } from "../../numeric/big-float.js";
import {
  type Approx,
  type Precision,
  type Value,
  approx,
  exact,
  isDecimalError,
  power,
  precision,
  product,
  signOf,
  sum,
} from "../../numeric/decimal-kernels.js";
import { Rational } from "../../numeric/rational.js";

export type { Approx, Value };
export { signOf };
/** A rational in decimal (numeric/big-float.ts's decimalOfRational, under the name this module gave it). */
export const decimalOf = decimalOfRational;

type DecimalClass = typeof Decimal;
type Ctx = Precision;

// The package's ES module exports the class as its default; its types describe a CommonJS module.
const DecimalClass = DecimalModule as unknown as DecimalClass;
const context = precision;

/** The graph's own exact value of a piecewise function at rational arguments (step(0) as defined there). */
function exactPiecewise(ctx: Ctx, op: string, args: Approx[]): Value | null {
  if (!args.every((a) => a.q)) return null;
  const r = apply(
    op,
    args.map((a) => num(a.q!)),
  );
  return r.kind === "num" ? exact(ctx, r.value) : null;
}

/**
 * A function made of pieces: its exact value at rational arguments, else its row's kernel (abs, relu,
 * hardtanh, sign, step), else the pieces of max, min and leaky_relu here.
 */
function piecewise(ctx: Ctx, op: string, args: Approx[]): Value {
  const known = exactPiecewise(ctx, op, args);
  if (known) return known;
  const kernel = lookupOperator(op)?.decimal;
  if (kernel && args.length === 1) return kernel(ctx, args[0]);
  const D = ctx.D;
  const errMax = args.reduce((m, a) => (a.err.gt(m) ? a.err : m), ctx.zero);
  const x = args[0];
  switch (op) {
    case "max":
      return approx(ctx, D.max(...args.map((a) => a.d)), errMax);
    case "min":
      return approx(ctx, D.min(...args.map((a) => a.d)), errMax);
    case "leaky_relu": {
      const a = args[1] ?? exact(ctx, Rational.of(1, 100));
      const slope = DecimalClass.max(a.d.abs().add(a.err), 1);
      return approx(ctx, x.d.isPositive() ? x.d : x.d.mul(a.d), x.err.mul(slope).add(x.d.abs().mul(a.err)));
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
  const decimal = lookupOperator(n.op)?.decimal;
  if (decimal && xs.length === 1) {
    // A function of an exact argument with an exact value (sin 0, log 1) keeps it.
    if (xs[0].q) {
      const r = apply(n.op, [num(xs[0].q)]);
      if (r.kind === "num") return exact(ctx, r.value);
    }
    return decimal(ctx, xs[0]);
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
    // context's precision raised: the point is unknown at this precision (precision() makes it anew).
    return "unknown";
  }
}

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
