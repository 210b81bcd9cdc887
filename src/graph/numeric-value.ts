// N(x): every exact number (and π, e) of x becomes a float and the constructors fold the rest — in
// doubles, except where a double cannot hold the value. A closed part of x whose double would be
// ±Infinity (10^400, exp(1000)) or would lose a nonzero value below 2.2e-308 (10^-400, exp(-1000))
// is computed in decimal instead and kept as a float past the double range: N(q), q the value to 17
// significant digits, which prints as 1e+400 and which N leaves as it is. Where no decimal value can be
// had, N says so; it never shows a finite value as ∞ or a nonzero one as 0.
//
// Like graph/rebuild.ts, this sits below the operator table: the table's apply and lookup are passed in.
import { checkBudget, tick } from "../budget.js";
import { rethrowStop } from "../errors.js";
import {
  DOUBLE_RANGE,
  FloatOverflow,
  decimalOfRational,
  doubleRangeOf,
  isHeldValue,
  keptOfDecimal,
  type Decimal,
  type Kept,
} from "../numeric/big-float.js";
import {
  isDecimalError,
  precision,
  taken,
  type DecimalKernel,
  type Precision,
  type Value,
} from "../numeric/decimal-kernels.js";
import type { Rational } from "../numeric/rational.js";
import type { Node } from "./node.js";
import type { OperatorEntry } from "./ops/entry.js";
import { MINUS_ONE, float, mul, num } from "./primitives.js";
import { childrenOf, rebuild, toFloats, type ApplyOperator } from "./rebuild.js";
import { isScalar } from "./shape.js";

export { isHeldValue };

export type LookupOperator = (name: string) => OperatorEntry | undefined;

/** The operator whose application holds a float past the double range. */
const HOLDER = "N";

/** N(q) or −N(q): a float past the double range, as N holds it. */
export function isHeldFloat(n: Node): boolean {
  return heldValueOf(n) !== null;
}

/** The value of a float past the double range as N holds it (q for N(q), −q for −N(q)), else null. */
export function heldValueOf(n: Node): Rational | null {
  const negated = n.kind === "mul" && n.factors.length === 2 && n.factors[0] === MINUS_ONE;
  const held = negated ? n.factors[1] : n;
  if (held.kind !== "apply" || held.op !== HOLDER || held.args[0].kind !== "num") return null;
  const q = held.args[0].value;
  if (!isHeldValue(q)) return null;
  return negated ? q.neg() : q;
}

/**
 * f(x) for a float x past the double range as N holds it: f's decimal kernel at x's value, kept as N
 * keeps values (a double where one holds it, else held), as a float argument gives a float value.
 * Undefined when no value settles (f outside its domain there, or a value past what Nabla holds), so
 * f(x) stays as it stands.
 */
export function heldFunctionValue(apply: ApplyOperator, kernel: DecimalKernel, x: Rational): Node | undefined {
  const at = (p: Precision) => kernel(p, taken(p, decimalOfRational(p.D, x), x));
  // A value the kernel knows exactly (relu and step of a negative x are 0) is kept as it is.
  const first = atPrecision((p) => {
    const v = at(p);
    return typeof v !== "string" && v.q ? v.d : null;
  }, precision(FIRST_DIGITS));
  const d = first ?? settle((p) => numberOf(at(p)));
  if (d === null) return undefined;
  try {
    return fromDecimal(apply, d);
  } catch (err) {
    if (err instanceof FloatOverflow) return undefined;
    throw err;
  }
}

const numberOf = (v: Value): Decimal | null => (typeof v === "string" || !v.d.isFinite() ? null : v.d);

/** A value as N keeps it, as a node: a float, or past the double range N(q) for q > 0 and −N(−q) below 0. */
export function keptNode(apply: ApplyOperator, kept: Kept): Node {
  if (kept.held === undefined) return float(kept.double);
  const node = apply(HOLDER, [num(kept.held.abs())]);
  return kept.held.sign() < 0 ? mul(MINUS_ONE, node) : node;
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
  return rewriteOnce(apply, root, (n) => (isClosedScalar(n) ? closedValue(apply, lookup, n) : undefined));
}

/**
 * root with each node that `at` gives a replacement for replaced (the rest rebuilt from their new
 * children), each shared node visited once.
 */
function rewriteOnce(
  apply: ApplyOperator,
  root: Node,
  at: (n: Node, walk: (n: Node) => Node) => Node | undefined,
): Node {
  const done = new Map<Node, Node>();
  const walk = (n: Node): Node => {
    const seen = done.get(n);
    if (seen) return seen;
    let result = at(n, walk);
    if (result === undefined) {
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
  const certified = certifiedJumps(apply, lookup, n);
  let inDoubles: Node;
  try {
    inDoubles = toFloats(apply, certified);
  } catch (err) {
    if (!(err instanceof FloatOverflow)) throw err;
    const d = settledDecimal(certified, lookup);
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
    const d = settledDecimal(certified, lookup);
    if (d !== null && !d.isZero()) return fromDecimal(apply, d);
  }
  return inDoubles;
}

/**
 * A closed expression with each jump (sign, step) taken at its argument's certified sign: in doubles,
 * an argument that is 0 exactly but not written so (exp(log 2) − 2, cos(acos(1/3)) − 1/3) rounds to
 * ±10⁻¹⁶, and sign of it came out −1. The argument is computed in decimal at rising precision
 * (to JUMP_DIGITS) until it settles; one that does not (0, or too near it to tell) leaves no value to give.
 */
function certifiedJumps(apply: ApplyOperator, lookup: LookupOperator, root: Node): Node {
  return rewriteOnce(apply, root, (n, walk) => {
    if (n.kind !== "apply" || n.args.length !== 1 || lookup(n.op)?.breaks !== "jump") return undefined;
    const arg = walk(n.args[0]);
    const kernel = lookup(n.op)?.float;
    if (arg.kind === "num" || arg.kind === "float" || !kernel) return arg === n.args[0] ? n : apply(n.op, [arg]);
    const d = settledDecimal(arg, lookup, JUMP_DIGITS);
    if (d === null)
      throw new FloatOverflow(
        `${n.op}(…) is taken where its argument is 0, or too close to 0 to tell at ${JUMP_DIGITS} digits: its value cannot be computed numerically`,
      );
    return float(kernel(d.isNegative() ? -1 : 1));
  });
}

function fromDecimal(apply: ApplyOperator, d: Decimal): Node {
  return keptNode(apply, keptOfDecimal(d));
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
export function settledDecimal(n: Node, lookup: LookupOperator, last = LAST_DIGITS): Decimal | null {
  return settle((p) => decimalAt(n, p, lookup), last);
}

/**
 * The precision a jump's argument is certified to: a value shown beside an exact result (≈) must
 * not take seconds, and acos to 1,920 digits took 20 (an argument that is 0 goes to the last).
 */
const JUMP_DIGITS = 240;

/** The value `at` gives at rising precisions, once two agree (see settledDecimal); null when none do. */
function settle(at: (p: Precision) => Decimal | null, last = LAST_DIGITS): Decimal | null {
  let previous: Decimal | null = null;
  for (let digits = FIRST_DIGITS; digits <= last; digits *= 2) {
    // One evaluation at 1,920 digits can take a second: the statement's time limit is asked before each.
    checkBudget();
    const d = atPrecision(at, precision(digits));
    // Two zeros do not agree: terms equal to the working precision cancel to exactly 0 at every
    // precision short of the one that sees their difference (cosh(1000) − sinh(1000) until 870 digits).
    if (d !== null && previous !== null && !d.isZero() && d.sub(previous).abs().lte(d.abs().mul(AGREEMENT))) return d;
    previous = d;
  }
  return null;
}

function atPrecision(at: (p: Precision) => Decimal | null, p: Precision): Decimal | null {
  try {
    return at(p);
  } catch (err) {
    rethrowStop(err);
    // decimal.js throws past what it can do (π to more than about 1,000 digits, for sin of a huge argument).
    if (isDecimalError(err)) return null;
    throw err;
  }
}

/** One evaluation at the precision of p, or null (see settledDecimal). */
function decimalAt(root: Node, p: Precision, lookup: LookupOperator): Decimal | null {
  const D = p.D;
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
        if (n.args.length !== 1) return null;
        const arg = n.args[0];
        if (n.op === HOLDER) return walk(arg);
        const kernel = lookup(n.op)?.decimal;
        const x = kernel ? walk(arg) : null;
        return x === null ? null : numberOf(kernel!(p, taken(p, x, arg.kind === "num" ? arg.value : null)));
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
  return walk(root);
}
