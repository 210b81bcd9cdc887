// Values past the range of a double (±1.8e308, and nonzero values below 2.2e-308): decimal.js
// contexts whose exponent is all but unbounded, the double's range, a decimal written as a float is
// written (1.97007e+434), and the failure a float overflow raises. A double that overflows is
// ±Infinity and one that underflows is 0; neither may be shown as the value of a finite, nonzero
// expression, so N(…) computes such values in decimal and keeps them (graph/numeric-value.ts), and
// float arithmetic past the range says so.
import DecimalModule from "decimal.js";
import type { Decimal } from "decimal.js";
import { currentLimits } from "../budget.js";
import { MathFailure } from "../errors.js";
import { Rational } from "./rational.js";

export type { Decimal };
export type DecimalClass = typeof Decimal;

// The package's ES module exports the class as its default; its types describe a CommonJS module.
const DecimalRoot = DecimalModule as unknown as DecimalClass;

/** The largest finite double, 1.7976931348623157e308. */
export const DOUBLE_MAX = Number.MAX_VALUE;
/** The smallest normal double, 2.2250738585072014e-308: below it a double keeps fewer digits, then none. */
export const DOUBLE_MIN_NORMAL = 2 ** -1022;
/** The range as messages state it. */
export const DOUBLE_RANGE = "±1.8e308";

/** Significant digits a value past the double range is kept to: as many as tell doubles apart. */
export const KEPT_DIGITS = 17;

const contexts = new Map<number, DecimalClass>();

/** decimal.js at `digits` significant digits, rounding half to even, with exponents to ±9·10¹⁵. */
export function decimalContext(digits: number): DecimalClass {
  let D = contexts.get(digits);
  // decimal.js can leave a class's precision raised when it throws (sin past the digits of π it knows).
  if (!D || D.precision !== digits) {
    D = DecimalRoot.clone({
      precision: digits,
      rounding: DecimalRoot.ROUND_HALF_EVEN,
      toExpNeg: -9e15,
      toExpPos: 9e15,
      minE: -9e15,
      maxE: 9e15,
    });
    contexts.set(digits, D);
  }
  return D;
}

export function decimalOfRational(D: DecimalClass, q: Rational): Decimal {
  const n = new D(q.num.toString());
  return q.den === 1n ? n : n.div(q.den.toString());
}

/** The exact value of a finite decimal. */
export function rationalOfDecimal(d: Decimal): Rational {
  return Rational.parseDecimal(d.abs().toExponential()).mul(Rational.int(d.isNegative() ? -1 : 1));
}

/** Where a nonzero value falls against the doubles: in their normal range, past the largest, or below it. */
export function doubleRange(d: Decimal): "normal" | "overflow" | "underflow" {
  const a = d.abs();
  if (a.gt(DOUBLE_MAX)) return "overflow";
  return a.lt(DOUBLE_MIN_NORMAL) ? "underflow" : "normal";
}

/** The same for a double (±Infinity is past the largest; 0 and subnormals are below the smallest normal). */
export function doubleRangeOf(x: number): "normal" | "overflow" | "underflow" {
  const a = Math.abs(x);
  if (!(a <= DOUBLE_MAX)) return "overflow";
  return a < DOUBLE_MIN_NORMAL ? "underflow" : "normal";
}

/**
 * A decimal in the notation a float is printed in (graph/print/style.ts's shortFloat): `digits`
 * significant digits, trailing zeros dropped, and a signed exponent: 1e+400, 1.97007e+434, 1e-400.
 */
export function scientific(d: Decimal, digits = 6): string {
  const [mantissa, exponent] = d.toSignificantDigits(digits).toExponential().split("e");
  const trimmed = mantissa.includes(".") ? mantissa.replace(/0+$/, "").replace(/\.$/, "") : mantissa;
  return `${trimmed}e${exponent}`;
}

/** A double as Nabla's text writes it: a whole number keeps its point (3.0), others as JavaScript writes them. */
export function floatText(x: number): string {
  return Number.isInteger(x) && Math.abs(x) < 1e15 ? x.toFixed(1) : String(x);
}

/** The same for an exact number. */
export function scientificOfRational(q: Rational, digits = 6): string {
  return scientific(decimalOfRational(decimalContext(digits + 10), q), digits);
}

/**
 * A float result past ±1.8e308, which a double cannot hold: a MathFailure, never an Infinity shown as
 * a value. N(…) of an exact expression recovers from it by computing in decimal.
 */
export class FloatOverflow extends MathFailure {
  constructor(message: string) {
    super("math", message);
  }
}

/**
 * The failure for a float result past the double range; `what` says which result, `value` its size
 * when known. Float arithmetic on floats the user made (N(10^200)·N(10^200), sinh(1000.0)) says that
 * N of the exact expression goes further; a result no expression stands behind does not.
 */
export function floatOverflow(what: string, value?: string, exactBehind = true): FloatOverflow {
  const size = value === undefined ? "" : ` ≈ ${value}`;
  const hint = exactBehind ? "; N(…) of the exact expression gives values past it" : "";
  return new FloatOverflow(`${what}${size} is beyond double precision (${DOUBLE_RANGE})${hint}`);
}

/**
 * Whether `q` is a value N holds as it is: positive, past the double range, and already rounded to
 * the digits kept (so N of it is itself, and N(N(10^400)) is N(10^400)). graph/numeric-value.ts holds it.
 */
export function isHeldValue(q: Rational): boolean {
  if (q.sign() <= 0 || doubleRangeOf(q.toNumber()) === "normal") return false;
  const d = decimalOfRational(decimalContext(KEPT_DIGITS + 10), q);
  return d.toSignificantDigits(KEPT_DIGITS).eq(d);
}

/**
 * A value as N keeps it: a double where one holds it (in the normal range, or 0), else `held`, its
 * decimal to KEPT_DIGITS significant digits as an exact number (negative for a negative value), which
 * graph/numeric-value.ts writes N(q) or −N(q).
 */
export type Kept = { double: number; held?: undefined } | { held: Rational; double?: undefined };

/** A decimal value as N keeps it; past the largest or smallest number Nabla holds, a FloatOverflow. */
export function keptOfDecimal(d: Decimal): Kept {
  if (d.isZero() || doubleRange(d) === "normal") return { double: d.toNumber() };
  const magnitude = d.abs().toSignificantDigits(KEPT_DIGITS);
  // Refused before the exact number is made: past the bit limit it would be a limit failure that says less.
  if (Math.abs(magnitude.e) * Math.log2(10) + 64 > currentLimits().bigintBits)
    throw pastHeld(scientific(d, 3), doubleRange(d) === "overflow");
  const q = rationalOfDecimal(magnitude);
  return { held: d.isNegative() ? q.neg() : q };
}

function pastHeld(size: string, overflow: boolean): FloatOverflow {
  const where = overflow ? `beyond double precision (${DOUBLE_RANGE})` : "below double precision";
  const digits = Math.floor(currentLimits().bigintBits * Math.log10(2)).toLocaleString("en-US");
  return new FloatOverflow(
    `the value ≈ ${size} is ${where}, and past the largest or smallest number Nabla holds (about 10^±${digits})`,
  );
}

/**
 * The exact value of an approximate result (a sum or product with a float or a held value in it),
 * rounded once as N keeps values: 10^400 + 1 with 10^400 approximate is 1e+400, 10^-400 + 1 is 1.0.
 */
export function keptOfRational(q: Rational): Kept {
  const x = q.toNumber();
  if (q.isZero() || doubleRangeOf(x) === "normal") return { double: x };
  return keptOfDecimal(decimalOfRational(decimalContext(KEPT_DIGITS + 10), q));
}

/** Digits a power is computed to before it is kept to KEPT_DIGITS. */
const POWER_DIGITS = 40;

/**
 * b^e of approximate operands (exact values given), as N keeps values; null where it is not a real
 * number (a negative base under a power that is not whole, 0 to a power ≤ 0).
 */
export function keptPower(b: Rational, e: Rational): Kept | null {
  if (b.isZero()) return e.sign() > 0 ? { double: 0 } : null;
  if (b.sign() < 0 && !e.isInteger()) return null;
  const D = decimalContext(POWER_DIGITS);
  const base = decimalOfRational(D, b.abs());
  const exponent = decimalOfRational(D, e);
  // Its size first: 2^(10^400) is refused without computing it.
  const digits = base.log(10).mul(exponent);
  if (digits.abs().gt(currentLimits().bigintBits * Math.log10(2) + 20))
    throw pastHeld(`10^(${scientific(digits, 3)})`, digits.isPositive());
  const magnitude = base.pow(exponent);
  const odd = b.sign() < 0 && e.num % 2n !== 0n;
  return keptOfDecimal(odd ? magnitude.neg() : magnitude);
}

/** e^x of an approximate x (its exact value given), as N keeps values. */
export function keptExp(x: Rational): Kept {
  const D = decimalContext(POWER_DIGITS);
  const exponent = decimalOfRational(D, x);
  const digits = exponent.div(D.ln(10));
  if (digits.abs().gt(currentLimits().bigintBits * Math.log10(2) + 20))
    throw pastHeld(`10^(${scientific(digits, 3)})`, digits.isPositive());
  return keptOfDecimal(D.exp(exponent));
}
