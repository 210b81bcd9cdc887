// N(x): every exact number (and π, e) of x becomes a float and the constructors fold the rest — in
// doubles, except where a double cannot hold the value. A closed part of x whose double would be
// ±Infinity (10^400, exp(1000)) or would lose a nonzero value below 2.2e-308 (10^-400, exp(-1000))
// is computed in decimal instead and kept as a float past the double range: N(q), q the value to 17
// significant digits, which prints as 1e+400 and which N leaves as it is. Where no decimal value can be
// had, N says so; it never shows a finite value as ∞ or a nonzero one as 0.
//
// Like graph/rebuild.ts, this sits below the operator table: the table's apply and lookup are passed in.
import { checkBudget, currentLimits, tick } from "../budget.js";
import { rethrowStop } from "../errors.js";
import {
  DOUBLE_RANGE,
  FloatOverflow,
  KEPT_DIGITS,
  decimalContext,
  decimalOfRational,
  doubleRange,
  doubleRangeOf,
  rationalOfDecimal,
  scientific,
  type Decimal,
  type DecimalClass,
} from "../numeric/big-float.js";
import type { Rational } from "../numeric/rational.js";
import type { Node } from "./node.js";
import type { OperatorEntry } from "./ops/entry.js";
import { MINUS_ONE, float, mul, num } from "./primitives.js";
import { childrenOf, rebuild, toFloats, type ApplyOperator } from "./rebuild.js";
import { isScalar } from "./shape.js";

export type LookupOperator = (name: string) => OperatorEntry | undefined;

/** The operator whose application holds a float past the double range. */
const HOLDER = "N";

/**
 * Whether `q` is a value N holds as it is: positive, past the double range, and already rounded to
 * the digits kept (so N of it is itself, and N(N(10^400)) is N(10^400)).
 */
export function isHeldValue(q: Rational): boolean {
  if (q.sign() <= 0 || doubleRangeOf(q.toNumber()) === "normal") return false;
  const d = decimalOfRational(decimalContext(KEPT_DIGITS + 10), q);
  return d.toSignificantDigits(KEPT_DIGITS).eq(d);
}

/** N(q) or −N(q): a float past the double range, as N holds it. */
export function isHeldFloat(n: Node): boolean {
  const held = n.kind === "mul" && n.factors.length === 2 && n.factors[0] === MINUS_ONE ? n.factors[1] : n;
  return held.kind === "apply" && held.op === HOLDER && held.args[0].kind === "num" && isHeldValue(held.args[0].value);
}

/** A float past the double range, as N holds it: N(q) for q > 0, −N(−q) below 0. */
function held(apply: ApplyOperator, d: Decimal): Node {
  const magnitude = d.abs().toSignificantDigits(KEPT_DIGITS);
  // Refused before the exact number is made: past the bit limit it would be a limit failure that says less.
  const bits = Math.abs(magnitude.e) * Math.log2(10) + 64;
  if (bits > currentLimits().bigintBits) {
    const where =
      doubleRange(d) === "overflow" ? `beyond double precision (${DOUBLE_RANGE})` : "below double precision";
    throw new FloatOverflow(
      `the value ≈ ${scientific(d, 3)} is ${where}, and past the largest or smallest number Nabla holds (about 10^±${Math.floor(currentLimits().bigintBits * Math.log10(2)).toLocaleString("en-US")})`,
    );
  }
  const node = apply(HOLDER, [num(rationalOfDecimal(magnitude))]);
  return d.isNegative() ? mul(MINUS_ONE, node) : node;
}

/** N(root): see the head of this file. */
export function numericValue(apply: ApplyOperator, lookup: LookupOperator, root: Node): Node {
  const closed = new Map<Node, boolean>();
  const isClosedScalar = (n: Node): boolean => {
    const seen = closed.get(n);
    if (seen !== undefined) return seen;
    let result: boolean;
    switch (n.kind) {
      case "num":
      case "float":
      case "const":
        result = true;
        break;
      case "add":
      case "mul":
      case "pow":
      case "apply":
        result = isScalar(n.shape) && childrenOf(n).every(isClosedScalar);
        break;
      default:
        result = false;
    }
    closed.set(n, result);
    return result;
  };
  const done = new Map<Node, Node>();
  const walk = (n: Node): Node => {
    const seen = done.get(n);
    if (seen) return seen;
    let result: Node;
    if (isClosedScalar(n)) result = closedValue(apply, lookup, n);
    else {
      const kids = childrenOf(n);
      const newKids = kids.map(walk);
      result = newKids.every((k, i) => k === kids[i]) ? n : rebuild(apply, n, newKids);
    }
    done.set(n, result);
    return result;
  };
  return walk(root);
}

/** The float value of a closed scalar expression, or the float past the double range that N holds. */
function closedValue(apply: ApplyOperator, lookup: LookupOperator, n: Node): Node {
  if (n.kind === "apply" && n.op === HOLDER && n.args[0].kind === "num" && isHeldValue(n.args[0].value)) return n;
  let inDoubles: Node;
  try {
    inDoubles = toFloats(apply, n);
  } catch (err) {
    if (!(err instanceof FloatOverflow)) throw err;
    const d = settledDecimal(n, lookup);
    if (d === null)
      throw new FloatOverflow(
        `a value in it is beyond double precision (${DOUBLE_RANGE}), and its value could not be computed in decimal arithmetic either`,
      );
    return fromDecimal(apply, d);
  }
  // A double below the normal range holds few digits of a nonzero value, or none (0): the value is
  // computed in decimal, unless the expression is exact 0 or a float already. If no decimal value
  // settles, the double stands (sin(π)³⁰ is 0, and a decimal π only makes it 10⁻ᵖ).
  if (
    inDoubles.kind === "float" &&
    doubleRangeOf(inDoubles.value) === "underflow" &&
    n.kind !== "float" &&
    !(n.kind === "num" && n.value.isZero())
  ) {
    const d = settledDecimal(n, lookup);
    if (d !== null && !d.isZero()) return fromDecimal(apply, d);
  }
  return inDoubles;
}

function fromDecimal(apply: ApplyOperator, d: Decimal): Node {
  return doubleRange(d) === "normal" ? float(d.toNumber()) : held(apply, d);
}

/**
 * Working precisions, doubled until two agree: a cancellation (cosh(1000) − sinh(1000)) needs as
 * many digits as it loses.
 */
const FIRST_DIGITS = 30;
const LAST_DIGITS = 1920;
/** Two precisions agree when their values differ by less than this, relative. */
const AGREEMENT = "1e-20";

/**
 * The value of a closed scalar expression in decimal to more than 17 significant digits, found as
 * mpmath and Mathematica find it: at rising precision until two successive values agree. Null when
 * no two agree (a value that is 0, exactly or to every precision tried; a cancellation past the last
 * precision), or an operation has no decimal kernel, or the value is outside its domain.
 */
export function settledDecimal(n: Node, lookup: LookupOperator): Decimal | null {
  let previous: Decimal | null = null;
  for (let digits = FIRST_DIGITS; digits <= LAST_DIGITS; digits *= 2) {
    // One evaluation at 1,920 digits can take a second: the statement's time limit is asked before each.
    checkBudget();
    const D = decimalContext(digits);
    const d = decimalAt(n, D, lookup);
    // Two zeros do not agree: terms equal to the working precision cancel to exactly 0 at every
    // precision short of the one that sees their difference (cosh(1000) − sinh(1000) until 870 digits).
    if (d !== null && previous !== null && !d.isZero() && d.sub(previous).abs().lte(d.abs().mul(AGREEMENT))) return d;
    previous = d;
  }
  return null;
}

/** One evaluation at the precision of D, or null (see settledDecimal). */
function decimalAt(root: Node, D: DecimalClass, lookup: LookupOperator): Decimal | null {
  const memo = new Map<Node, Decimal | null>();
  const walk = (n: Node): Decimal | null => {
    if (memo.has(n)) return memo.get(n)!;
    tick();
    const value = valueOf(n);
    const finite = value !== null && value.isFinite() ? value : null;
    memo.set(n, finite);
    return finite;
  };
  const valueOf = (n: Node): Decimal | null => {
    switch (n.kind) {
      case "num":
        return decimalOfRational(D, n.value);
      case "float":
        return new D(n.value);
      case "const":
        return n.name === "π" ? D.acos(-1) : D.exp(1);
      case "add": {
        let sum = new D(0);
        for (const t of n.terms) {
          const v = walk(t);
          if (v === null) return null;
          sum = sum.add(v);
        }
        return sum;
      }
      case "mul": {
        let product = new D(1);
        for (const f of n.factors) {
          const v = walk(f);
          if (v === null) return null;
          product = product.mul(v);
        }
        return product;
      }
      case "pow":
        return power(n.base, n.exp);
      case "apply": {
        const kernel = lookup(n.op)?.decimal;
        if (!kernel || n.args.length !== 1) return null;
        const x = walk(n.args[0]);
        return x === null ? null : kernel(x, D);
      }
      default:
        return null;
    }
  };
  const power = (base: Node, exp: Node): Decimal | null => {
    const e = walk(exp);
    if (e === null) return null;
    if (base.kind === "const" && base.name === "e") return e.exp();
    const b = walk(base);
    if (b === null) return null;
    if (b.isZero()) return e.gt(0) ? b : null;
    if (b.gt(0) || e.isInteger()) return b.pow(e);
    // A negative base under a root: real only for an odd denominator, as the exact powers are ((−8)^(1/3) = −2).
    if (exp.kind !== "num" || exp.value.den % 2n === 0n) return null;
    const magnitude = b.neg().pow(e);
    return exp.value.num % 2n === 0n ? magnitude : magnitude.neg();
  };
  try {
    return walk(root);
  } catch (err) {
    rethrowStop(err);
    // decimal.js throws past what it can do (π to more than about 1,000 digits, for sin of a huge argument).
    if (err instanceof Error && err.message.startsWith("[DecimalError]")) return null;
    throw err;
  }
}
