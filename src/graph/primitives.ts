// The constructors of every node but an operator's application (graph/operators.ts's apply, which
// looks the operator up in the table). They stay cheap but canonical: they fold numbers, flatten
// nested sums and products, collect like terms (3x + 2x = 5x) and powers (x·x² = x³), take exact
// roots of rationals (√12 = 2√3) and sort children, so equal values built two ways are one node.
// The operator rows build with these, so nothing here may import the table.
import { limitError, mathError, shapeError } from "../errors.js";
import { Rational, isqrt } from "../numeric/rational.js";
import {
  DOUBLE_RANGE,
  FloatOverflow,
  doubleRangeOf,
  floatOverflow,
  floatText,
  isHeldValue,
  keptExp,
  keptOfRational,
  keptPower,
  scientificOfRational,
  type Kept,
} from "../numeric/big-float.js";
import type {
  Apply,
  BigOp,
  Const,
  Float,
  Indexed,
  Node,
  Num,
  Relation,
  RelationOp,
  Str,
  Struct,
  Sym,
  Tensor,
  Tuple,
} from "./node.js";
import { intern } from "./node.js";
import { compareNodes, compareTerms } from "./order.js";
import { SCALAR, isScalar, sameShape, showShape, type Shape } from "./shape.js";
import {
  checkBudget,
  currentLimits,
  grouped,
  limitOf,
  overLimit,
  reserveEntries,
  tick,
  tooManyBits,
} from "../budget.js";

/**
 * An exact decimal literal (1e1000000000 is refused before its 3.3-billion-bit power of ten is
 * computed, which took a minute and then failed).
 */
export function decimal(text: string): Num {
  let at = text.indexOf("e");
  if (at < 0) at = text.indexOf("E");
  if (at >= 0 && (Math.abs(Number(text.slice(at + 1))) + at) * Math.log2(10) > currentLimits().bigintBits)
    throw tooLarge();
  return num(Rational.parseDecimal(text));
}

export type NumberNode = Num | Float;

/**
 * Exact numbers are kept below 2^bigintBits (Limits; 2^262144 by default, about 78,900 digits): one
 * more product of two such numbers takes the engine past any time limit inside a single step it
 * cannot interrupt, and nothing in the notes comes near. Beyond it, N(…) gives a decimal.
 */
const tooLarge = () => {
  const digits = Math.floor(currentLimits().bigintBits * Math.log10(2)).toLocaleString("en-US");
  return limitError(
    `an exact number would have more than ${digits} digits; N(…) gives its decimal value`,
    null,
    "size",
  );
};

export function num(value: Rational): Num {
  if (tooManyBits(value.num) || tooManyBits(value.den)) throw tooLarge();
  return intern<Num>({ kind: "num", value, shape: SCALAR });
}
export function int(n: number | bigint): Num {
  return num(Rational.int(n));
}
export function frac(n: number | bigint, d: number | bigint): Num {
  return num(Rational.of(n, d));
}
/** A double; never ±Infinity, which would show a finite value as ∞ (numeric/big-float.ts). */
export function float(value: number): NumberNode {
  if (Number.isNaN(value)) throw mathError("the result is not a number (NaN)");
  if (!Number.isFinite(value)) throw floatOverflow("a floating-point result", undefined, false);
  return intern<Float>({ kind: "float", value, shape: SCALAR });
}
export function sym(name: string, shape: Shape = SCALAR): Sym {
  return intern<Sym>({ kind: "sym", name, shape });
}
export function indexed(base: string, index: Node, shape: Shape = SCALAR): Indexed {
  return intern<Indexed>({ kind: "indexed", base, index, shape });
}
export function constant(name: "π" | "e"): Const {
  return intern<Const>({ kind: "const", name, shape: SCALAR });
}
export function str(value: string): Str {
  return intern<Str>({ kind: "str", value, shape: SCALAR });
}
export function tuple(items: readonly Node[]): Tuple {
  return intern<Tuple>({ kind: "tuple", items, shape: SCALAR });
}
export function struct(tag: string, fields: { name: string; value: Node }[]): Struct {
  return intern<Struct>({ kind: "record", tag, fields, shape: SCALAR });
}
export function relation(op: RelationOp, left: Node, right: Node): Relation {
  return intern<Relation>({ kind: "rel", op, left, right, shape: SCALAR });
}
export function bigop(op: "sum" | "prod", index: Sym, from: Node, to: Node, body: Node): BigOp {
  return intern<BigOp>({ kind: "bigop", op, index, from, to, body, shape: body.shape });
}

export const ZERO = int(0);
export const ONE = int(1);
export const MINUS_ONE = int(-1);
export const HALF = frac(1, 2);

export function isNumber(n: Node): n is NumberNode {
  return n.kind === "num" || n.kind === "float";
}
export function isZero(n: Node): boolean {
  return (n.kind === "num" && n.value.isZero()) || (n.kind === "float" && n.value === 0);
}
export function isOne(n: Node): boolean {
  return (n.kind === "num" && n.value.isOne()) || (n.kind === "float" && n.value === 1);
}
export function toFloat(n: NumberNode): number {
  return n.kind === "num" ? n.value.toNumber() : n.value;
}

function numAdd(a: NumberNode, b: NumberNode): NumberNode {
  if (a.kind === "num" && b.kind === "num") return num(a.value.add(b.value));
  return floatResult(toFloat(a) + toFloat(b), a, b, "sum", (x, y) => x.add(y));
}
function numMul(a: NumberNode, b: NumberNode): NumberNode {
  if (a.kind === "num" && b.kind === "num") return num(a.value.mul(b.value));
  return floatResult(toFloat(a) * toFloat(b), a, b, "product", (x, y) => x.mul(y));
}

/**
 * A float sum or product of a float and a number. An exact operand no double holds (10^400, 10^-400)
 * is not rounded to ±Infinity or 0 first: the exact values are combined and rounded once
 * (1e-300·10^400 is 1e+100, 0.0·10^400 is 0.0). A result past the double range is a failure.
 */
function floatResult(
  value: number,
  a: NumberNode,
  b: NumberNode,
  what: "sum" | "product",
  exactly: (x: Rational, y: Rational) => Rational,
): NumberNode {
  if (Number.isFinite(value) && !unheld(a) && !unheld(b)) return float(value);
  const exact = exactly(exactValue(a), exactValue(b));
  const rounded = exact.toNumber();
  if (Number.isFinite(rounded)) return float(rounded);
  const written = what === "sum" ? `${shown(a)} + ${shown(b)}` : `${shown(a)}·${shown(b)}`;
  throw floatOverflow(`the float ${what} ${written}`, scientificOfRational(exact));
}

/** An exact number a double cannot hold: past ±1.8e308, or nonzero and below the normal range. */
function unheld(n: NumberNode): boolean {
  return n.kind === "num" && !n.value.isZero() && doubleRangeOf(n.value.toNumber()) !== "normal";
}

/** A float's exact (dyadic) value, or an exact number's. */
function exactValue(n: NumberNode): Rational {
  return n.kind === "num" ? n.value : Rational.fromFloat(n.value);
}

/** A number of a message: a float as printed, an exact number in scientific notation when long. */
function shown(n: NumberNode): string {
  if (n.kind === "float") return floatText(n.value);
  const text = n.value.toString();
  return text.length <= 20 ? text : scientificOfRational(n.value);
}

// ---------------------------------------------------------------------------------------------
// Tensors

export function tensor(shape: readonly number[], entries: readonly Node[]): Tensor {
  reserveEntries(entries.length, "the array");
  return intern<Tensor>({ kind: "tensor", shape, entries });
}

export function isTensor(n: Node): n is Tensor {
  return n.kind === "tensor";
}

function mapTensor(t: Tensor, f: (entry: Node, i: number) => Node): Tensor {
  return tensor(t.shape, t.entries.map(f));
}

// ---------------------------------------------------------------------------------------------
// Sums
//
// The loops over children below are indexed, not for…of: every node of every result passes
// through them, and before V8 optimises them (a fresh process, a notebook's first cell) each
// for…of step allocates an iterator result — a third of a cold Hessian's garbage.

/** A term's numeric coefficient: 3 in 3xy, 1 in xy. */
function coefficientOf(term: Node): NumberNode {
  return term.kind === "mul" && isNumber(term.factors[0]) ? term.factors[0] : ONE;
}

/** A term without its numeric coefficient: xy in 3xy. */
function withoutCoefficient(term: Node): Node {
  if (term.kind !== "mul" || !isNumber(term.factors[0])) return term;
  const rest = term.factors.slice(1);
  return rest.length === 1 ? rest[0] : intern({ kind: "mul", factors: rest, shape: term.shape });
}

/** Where `key` sits in `keys`: a scan for the few keys of most sums and products, a Map beyond. */
class SmallIndex {
  private readonly keys: Node[] = [];
  private map: Map<Node, number> | null = null;
  get size(): number {
    return this.keys.length;
  }
  find(key: Node): number {
    if (this.map) return this.map.get(key) ?? -1;
    return this.keys.indexOf(key);
  }
  add(key: Node): void {
    this.keys.push(key);
    if (this.map) this.map.set(key, this.keys.length - 1);
    else if (this.keys.length > 8) this.map = new Map(this.keys.map((k, i) => [k, i]));
  }
  key(i: number): Node {
    return this.keys[i];
  }
}

function scaled(coefficient: NumberNode, rest: Node): Node {
  if (isOne(coefficient)) return rest;
  // 1e+400 x + 1e+400 x: the coefficient folds into the kept value (2e+400 x).
  if (rest.kind === "mul" && rest.factors.some((f) => keptValue(f) !== null)) return mul(coefficient, rest);
  const factors = rest.kind === "mul" ? [coefficient, ...rest.factors] : [coefficient, rest];
  return intern({ kind: "mul", factors, shape: rest.shape });
}

/**
 * Arrays in a sum or an entrywise product must share one shape; scalars broadcast over them
 * (1 − σ(z) for a vector z, as the notes write it). The result has the arrays' shape.
 */
function broadcastShape(nodes: readonly Node[], verb: string): Shape {
  let shape: Shape | null = null;
  for (let k = 0; k < nodes.length; k++) {
    const n = nodes[k];
    if (isScalar(n.shape)) continue;
    if (shape === null) shape = n.shape;
    else if (!sameShape(shape, n.shape)) {
      throw shapeError(`cannot ${verb} a ${showShape(shape)} and a ${showShape(n.shape)}`);
    }
  }
  return shape ?? SCALAR;
}

/**
 * A sum or entrywise product whose arrays are all concrete, entry by entry, the scalars broadcast
 * over them; null when an array is symbolic (then the node stays whole).
 */
function byEntries(flat: readonly Node[], combine: (xs: readonly Node[]) => Node): Tensor | null {
  const arrays = flat.filter((x) => !isScalar(x.shape));
  if (!arrays.every(isTensor)) return null;
  const scalars = flat.filter((x) => isScalar(x.shape));
  return mapTensor(arrays[0], (_, i) => combine([...scalars, ...arrays.map((t) => t.entries[i])]));
}

/** `xs`, with the children of each sum (kind "add") or product (kind "mul") in its place. */
function flattened(xs: readonly Node[], kind: "add" | "mul"): Node[] {
  const flat: Node[] = [];
  for (let k = 0; k < xs.length; k++) {
    const x = xs[k];
    if (kind === "add" && x.kind === "add") pushEach(flat, x.terms);
    else if (kind === "mul" && x.kind === "mul") pushEach(flat, x.factors);
    else flat.push(x);
  }
  return flat;
}

/** One push per item: push(...items) passes them as arguments, which overflow the stack past ~100,000. */
function pushEach(into: Node[], items: readonly Node[]): void {
  for (let k = 0; k < items.length; k++) into.push(items[k]);
}

export function add(...xs: Node[]): Node {
  return addAll(xs);
}

/**
 * The sum of a list of any length. A list built at run time (an array's entries, a Σ's terms)
 * comes here, not through addAll(list): spread arguments go on the call stack, which holds about
 * 100,000 of them.
 */
export function addAll(xs: readonly Node[]): Node {
  const flat = flattened(xs, "add");
  const shape = broadcastShape(flat, "add");
  return (isScalar(shape) ? null : byEntries(flat, addAll)) ?? symbolicSum(flat, shape);
}

const LONG_DENOMINATOR = 1n << 4096n;

/**
 * A sum of numbers that makes a node only for its result while they are exact: the sum of a
 * million entries made a million interned numbers. Exact terms are added pairwise, as a binary
 * counter carries (partial sums of 1, 2, 4, … terms), so fractions meet others of their own size:
 * the harmonic sum to 100,000 is a second, not minutes of ever longer additions. From the first
 * float on it adds as numAdd does, in the same order, so it rounds as a sum written out would.
 */
class NumberSum {
  /** Partial sums of the exact terms so far, and how many terms each holds (decreasing). */
  private readonly partials: Rational[] = [];
  private readonly counts: number[] = [];
  private node: NumberNode | null = null;
  add(n: NumberNode): void {
    if (this.node === null && n.kind === "num") this.addExact(n.value);
    else if (this.node === null && this.partials.length === 0) this.node = n;
    else this.node = numAdd(this.value(), n);
  }
  private addExact(q: Rational): void {
    let sum = q;
    let count = 1;
    const { partials, counts } = this;
    while (counts.length > 0 && counts[counts.length - 1] === count) {
      sum = partials.pop()!.add(sum);
      count += counts.pop()!;
      if (tooManyBits(sum.num) || tooManyBits(sum.den)) throw tooLarge();
      // An addition of long fractions (the harmonic numbers' 40,000 digits) takes a millisecond.
      if (sum.den > LONG_DENOMINATOR) checkBudget();
    }
    partials.push(sum);
    counts.push(count);
  }
  value(): NumberNode {
    if (this.node !== null) return this.node;
    const { partials } = this;
    if (partials.length === 0) return ZERO;
    let sum = partials[partials.length - 1];
    for (let k = partials.length - 2; k >= 0; k--) sum = partials[k].add(sum);
    if (tooManyBits(sum.num) || tooManyBits(sum.den)) throw tooLarge();
    return num(sum);
  }
}

function symbolicSum(flat: Node[], shape: Shape): Node {
  if (anyKept(flat, isKeptTerm)) flat = keptSum(flat);
  // The numbers' sum: the first one as it is, a NumberSum from the second (most sums hold one or none).
  let constantSum: NumberNode | NumberSum | null = null;
  // Like terms in order of first appearance, and their summed coefficients.
  const order = new SmallIndex();
  // A term's coefficient, or their running sum once the term repeats.
  const coefficients: (NumberNode | NumberSum)[] = [];
  for (let k = 0; k < flat.length; k++) {
    tick();
    const term = flat[k];
    if (isNumber(term)) {
      if (constantSum === null) constantSum = term;
      else {
        if (!(constantSum instanceof NumberSum)) {
          const first = constantSum;
          constantSum = new NumberSum();
          constantSum.add(first);
        }
        constantSum.add(term);
      }
      continue;
    }
    const c = coefficientOf(term);
    const rest = withoutCoefficient(term);
    const at = order.find(rest);
    if (at < 0) {
      order.add(rest);
      coefficients.push(c);
      continue;
    }
    let seen = coefficients[at];
    if (!(seen instanceof NumberSum)) {
      const first = seen;
      seen = coefficients[at] = new NumberSum();
      seen.add(first);
    }
    seen.add(c);
  }
  const constant = constantSum === null ? ZERO : constantSum instanceof NumberSum ? constantSum.value() : constantSum;
  const terms: Node[] = [];
  for (let k = 0; k < order.size; k++) {
    const rest = order.key(k);
    const seen = coefficients[k];
    const c = seen instanceof NumberSum ? seen.value() : seen;
    if (!isZero(c) || c.kind === "float") {
      if (isZero(c)) continue;
      terms.push(scaled(c, rest));
    }
  }
  if (!isZero(constant) || (constant.kind === "float" && terms.length === 0)) terms.push(constant);
  if (terms.length === 0) return ZERO;
  if (terms.length === 1) return terms[0];
  terms.sort(compareTerms);
  return intern({ kind: "add", terms, shape });
}

export function neg(x: Node): Node {
  return mul(MINUS_ONE, x);
}

export function sub(a: Node, b: Node): Node {
  return add(a, neg(b));
}

// ---------------------------------------------------------------------------------------------
// Products

export function mul(...xs: Node[]): Node {
  return mulAll(xs);
}

/** The product of a list of any length (as addAll, for the same reason). */
export function mulAll(xs: readonly Node[]): Node {
  const flat = flattened(xs, "mul");
  // Several arrays in one product multiply entry by entry (⊙); a matrix product is matmul.
  const shape = broadcastShape(flat, "multiply entrywise");
  return (isScalar(shape) ? null : byEntries(flat, mulAll)) ?? symbolicProduct(flat, shape);
}

function isOnes(n: Node): boolean {
  return n.kind === "sym" && n.name === "𝟏";
}

function symbolicProduct(flat: Node[], shape: Shape): Node {
  if (anyKept(flat, isKeptFactor)) flat = keptProduct(flat);
  // 𝟏 ⊙ u = u: the all-ones array only matters when nothing else gives the product its shape.
  let ones = 0;
  let otherArrays = false;
  for (let k = 0; k < flat.length; k++) {
    const f = flat[k];
    if (isOnes(f)) ones++;
    else if (!isScalar(f.shape)) otherArrays = true;
  }
  if (ones > 0 && otherArrays) flat = flat.filter((f) => !isOnes(f));
  else if (ones > 1) flat = [...flat.filter((f) => !isOnes(f)), flat.find(isOnes)!];
  let coefficient: NumberNode = ONE;
  // Bases in order of first appearance, each with its exponent, or several when it repeats (x·x²).
  const bases = new SmallIndex();
  const exponents: (Node | Node[])[] = [];
  for (let k = 0; k < flat.length; k++) {
    tick();
    const factor = flat[k];
    if (isNumber(factor)) {
      coefficient = coefficient === ONE ? factor : numMul(coefficient, factor);
      continue;
    }
    const base = factor.kind === "pow" ? factor.base : factor;
    const exp = factor.kind === "pow" ? factor.exp : ONE;
    const at = bases.find(base);
    if (at < 0) {
      bases.add(base);
      exponents.push(exp);
    } else {
      // In place: a base repeated n times (x x x … x) is n pushes, not n copies of a growing list.
      const seen = exponents[at];
      if (Array.isArray(seen)) seen.push(exp);
      else exponents[at] = [seen, exp];
    }
  }
  if (isZero(coefficient)) return coefficient;

  const factors: Node[] = [];
  let merged = false;
  for (let k = 0; k < bases.size; k++) {
    const base = bases.key(k);
    const exps = exponents[k];
    const p = !Array.isArray(exps) ? (exps === ONE ? base : pow(base, exps)) : pow(base, addAll(exps));
    if (isNumber(p)) {
      coefficient = numMul(coefficient, p);
    } else if (p.kind === "mul") {
      pushEach(factors, p.factors);
      merged = true;
    } else if (!isOne(p)) {
      factors.push(p);
    }
  }
  if (merged || hasCombinableRadicals(factors)) return mulAll([coefficient, ...combineRadicals(factors)]);
  if (factors.length === 0) return coefficient;
  factors.sort(compareNodes);
  if (isOne(coefficient) && coefficient.kind === "num")
    return factors.length === 1 ? factors[0] : intern({ kind: "mul", factors, shape });
  return intern({ kind: "mul", factors: [coefficient, ...factors], shape });
}

/** √2·√3 is √6: rational bases under the same root are one root. */
function isRationalRoot(n: Node): n is Node & { kind: "pow"; base: Num; exp: Num } {
  return n.kind === "pow" && n.base.kind === "num" && n.exp.kind === "num" && !n.exp.value.isInteger();
}
function hasCombinableRadicals(factors: Node[]): boolean {
  let seen: Node[] | null = null;
  for (let k = 0; k < factors.length; k++) {
    const f = factors[k];
    if (!isRationalRoot(f)) continue;
    if (seen?.includes(f.exp)) return true;
    (seen ??= []).push(f.exp);
  }
  return false;
}
function combineRadicals(factors: Node[]): Node[] {
  const byExponent = new Map<Node, Rational>();
  const rest: Node[] = [];
  for (const f of factors) {
    if (isRationalRoot(f)) byExponent.set(f.exp, (byExponent.get(f.exp) ?? Rational.ONE).mul(f.base.value));
    else rest.push(f);
  }
  for (const [exp, base] of byExponent) rest.push(pow(num(base), exp));
  return rest;
}

/** a / b; an array divisor divides entry by entry. */
export function div(a: Node, b: Node): Node {
  if (isZero(b)) throw mathError("division by zero");
  return mul(a, pow(b, MINUS_ONE));
}

// ---------------------------------------------------------------------------------------------
// Powers

/** The largest k-th power dividing n (n ≥ 0), by trial division up to a bound, and what is left. */
function extractPower(n: bigint, k: number): [bigint, bigint] {
  let outside = 1n;
  let inside = n;
  const K = BigInt(k);
  for (let p = 2n; p <= 10000n && p ** K <= inside; p += p === 2n ? 1n : 2n) {
    const pk = p ** K;
    while (inside % pk === 0n) {
      inside /= pk;
      outside *= p;
    }
  }
  if (k === 2) {
    const r = isqrt(inside);
    if (r * r === inside) return [outside * r, 1n];
  }
  return [outside, inside];
}

/** Above this size a radicand is not made integer: 0.01^0.001 would need (10²)·(10²)⁹⁹⁹ under a 1000th root. */
const RADICAND_BITS = 1024;

const bitLength = (n: bigint) => (n < 0n ? -n : n).toString(2).length;

/** q^(p/k) for a positive rational q, exact: (a/b)^(1/k) = a'·(rest)^(1/k) / b… with integer radicand. */
function rationalRoot(q: Rational, exp: Rational): Node {
  const whole = exp.floor();
  const part = exp.sub(Rational.int(whole));
  const k = Number(part.den);
  const p = part.num;
  // Refused before it is computed, as whole powers are: 2^(10⁹ + 1/2) would take minutes.
  if (Math.max(bitLength(q.num), bitLength(q.den)) * Math.abs(Number(whole)) > currentLimits().bigintBits)
    throw tooLarge();
  // A radicand that would grow past RADICAND_BITS stays a rational under a rational power, (1/100)^(1/1000):
  // exact, small, and its decimal value is computed from it directly.
  const radicandBits = Number(p) * (bitLength(q.num) + (k - 1) * (bitLength(q.den) - 1));
  if (radicandBits > Math.max(RADICAND_BITS, bitLength(q.num))) {
    const root = intern<Node>({ kind: "pow", base: num(q), exp: num(part), shape: SCALAR });
    return whole === 0n ? root : intern({ kind: "mul", factors: [num(q.pow(whole)), root], shape: SCALAR });
  }
  // (a/b)^(1/k) = (a·b^(k-1))^(1/k) / b
  const radicand = q.num * q.den ** BigInt(k - 1);
  const [outside, inside] = extractPower(radicand ** p, k);
  const coefficient = q.pow(whole).mul(Rational.of(outside, q.den ** p));
  if (inside === 1n) return num(coefficient);
  const root = intern<Node>({
    kind: "pow",
    base: num(Rational.int(inside)),
    exp: num(Rational.of(1n, BigInt(k))),
    shape: SCALAR,
  });
  return isOne(num(coefficient)) ? root : intern({ kind: "mul", factors: [num(coefficient), root], shape: SCALAR });
}

export function pow(base: Node, exp: Node): Node {
  if (!isScalar(exp.shape)) throw shapeError(`an exponent must be a scalar, not a ${showShape(exp.shape)}`);
  if (isZero(exp)) return exp.kind === "float" ? float(1) : ONE;
  if (isOne(exp) && exp.kind === "num") return base;
  // On arrays a power is entrywise; the matrix power A^k is matpow, which `^` on a matrix means.
  if (base.kind === "tensor") return mapTensor(base, (e) => pow(e, exp));
  if (!isScalar(base.shape)) {
    if (base.kind === "mul" && exp.kind === "num" && exp.value.isInteger())
      return mulAll(base.factors.map((f) => pow(f, exp)));
    if (base.kind === "pow" && exp.kind === "num" && exp.value.isInteger()) return pow(base.base, mul(base.exp, exp));
    return intern({ kind: "pow", base, exp, shape: base.shape });
  }
  const kept = keptPowerNode(base, exp);
  if (kept) return kept;
  if (isNumber(base) && isNumber(exp)) return numberPower(base, exp);
  if (base.kind === "pow" && exp.kind === "num" && exp.value.isInteger()) return pow(base.base, mul(base.exp, exp));
  if (base.kind === "mul" && exp.kind === "num" && exp.value.isInteger())
    return mulAll(base.factors.map((f) => pow(f, exp)));
  if (isOne(base) && base.kind === "num") return ONE;
  if (isZero(base) && exp.kind === "num" && exp.value.sign() > 0) return ZERO;
  if (base.kind === "const" && base.name === "e") {
    const unlogged = powerOfLog(exp);
    if (unlogged) return pow(unlogged[0], unlogged[1]);
  }
  return intern({ kind: "pow", base, exp, shape: SCALAR });
}

/**
 * k·log(q) as [q, k], for a positive rational q and a small rational k: e to it is q^k (exp(log 2) is
 * 2, exp(2 log 3) is 9), so a closed expression that is 0 (exp(log 2) − 2) is built as 0, not left to
 * rounding. Larger k stay as they are written (q^k would be refused past the exponent limit).
 */
function powerOfLog(exp: Node): [Node, Node] | null {
  const [k, log] =
    exp.kind === "mul" && exp.factors.length === 2 && exp.factors[0].kind === "num"
      ? [exp.factors[0], exp.factors[1]]
      : [ONE, exp];
  if (log.kind !== "apply" || log.op !== "log" || log.args.length !== 1) return null;
  const q = log.args[0];
  if (q.kind !== "num" || q.value.sign() <= 0 || k.kind !== "num") return null;
  const small = (n: bigint) => n >= -64n && n <= 64n;
  return small(k.value.num) && small(k.value.den) ? [q, k] : null;
}

function numberPower(base: NumberNode, exp: NumberNode): Node {
  if (base.kind === "num" && exp.kind === "num") {
    const b = base.value;
    const e = exp.value;
    if (b.isZero()) {
      if (e.sign() < 0) throw mathError("division by zero (0 to a negative power)");
      return ZERO;
    }
    if (e.isInteger()) {
      if (e.abs().num > BigInt(limitOf("exactExponent")))
        throw overLimit(
          "exactExponent",
          `exponent ${e} is too large for an exact power; the limit is ${grouped(limitOf("exactExponent"))}`,
        );
      // Refused before it is computed: the power alone could take minutes.
      const bits = Math.max(
        b.num < 0n ? (-b.num).toString(2).length : b.num.toString(2).length,
        b.den.toString(2).length,
      );
      if ((bits - 1) * Math.abs(Number(e.num)) > currentLimits().bigintBits) throw tooLarge();
      return num(b.pow(e.num));
    }
    if (b.sign() > 0) return rationalRoot(b, e);
    // A negative base under an even root is not real: keep it as it stands.
    if (e.den % 2n === 1n) return mul(MINUS_ONE, rationalRoot(b.neg(), e));
    return intern({ kind: "pow", base, exp, shape: SCALAR });
  }
  const value = Math.pow(toFloat(base), toFloat(exp));
  // A tiny exact exponent is harmless (b^(10^-400) rounds to 1.0); a base or a huge exponent no double holds is not.
  const unheldOperand = unheld(base) ? base : unheld(exp) && Math.abs(toFloat(exp)) > 1 ? exp : null;
  if (unheldOperand)
    throw new FloatOverflow(
      `${shown(unheldOperand)} is beyond double precision (${DOUBLE_RANGE} down to ±2.2e-308), so a float power of it cannot be taken; N(…) of the exact expression gives its value`,
    );
  if (Number.isNaN(value)) throw mathError(`${toFloat(base)}^${toFloat(exp)} is not a real number`);
  if (!Number.isFinite(value)) throw floatOverflow(`the float power ${shown(base)}^${shown(exp)}`);
  return float(value);
}

export function sqrt(x: Node): Node {
  return pow(x, HALF);
}

// ---------------------------------------------------------------------------------------------
// Kept values: a float past the double range as N holds it, N(q) (graph/numeric-value.ts), is a
// number here like any float: with numbers it folds, rounded once as N keeps values
// (numeric/big-float.ts), so N(10^400) + 1 is 1e+400 and 1/N(10^-400) is 1e+400; beside a symbol
// it stays (1e+400 x).

const HOLDER = "N";

/** q for N(q), a float past the double range as N holds it, and −q for −N(q); else null. */
function keptValue(n: Node): Rational | null {
  if (n.kind === "mul" && n.factors.length === 2 && n.factors[0] === MINUS_ONE)
    return keptValue(n.factors[1])?.neg() ?? null;
  if (n.kind !== "apply" || n.op !== HOLDER || n.args.length !== 1 || n.args[0].kind !== "num") return null;
  return isHeldValue(n.args[0].value) ? n.args[0].value : null;
}

/** A term of a sum that is a kept value times a number (N(q), 2·N(q)): its value, else null. */
function keptTermValue(term: Node): Rational | null {
  const alone = keptValue(term);
  if (alone || term.kind !== "mul" || term.factors.length !== 2 || !isNumber(term.factors[0])) return alone;
  const q = keptValue(term.factors[1]);
  return q && q.mul(exactValue(term.factors[0]));
}

const isKeptTerm = (term: Node): boolean => keptTermValue(term) !== null;
const isKeptFactor = (factor: Node): boolean => keptValue(factor) !== null;

/**
 * Whether a kept value is among the operands: only an apply (N(q)) or a product (−N(q), 2·N(q)) can
 * be one, so the rest are passed over without a call (every sum and product asks).
 */
function anyKept(flat: readonly Node[], test: (n: Node) => boolean): boolean {
  for (let k = 0; k < flat.length; k++) {
    const f = flat[k];
    if ((f.kind === "apply" || f.kind === "mul") && test(f)) return true;
  }
  return false;
}

/** A kept value as a node: a float, or N(q), or −N(q) below 0 (as mul(−1, N(q)) makes it). */
function keptNode(kept: Kept): Node {
  if (kept.held === undefined) return float(kept.double);
  const holder = intern<Apply>({ kind: "apply", op: HOLDER, args: [num(kept.held.abs())], shape: SCALAR });
  return kept.held.sign() < 0 ? intern({ kind: "mul", factors: [MINUS_ONE, holder], shape: SCALAR }) : holder;
}

/** The terms of a sum with its numbers and kept values as one kept value. */
function keptSum(flat: Node[]): Node[] {
  let total = Rational.ZERO;
  const rest: Node[] = [];
  for (let k = 0; k < flat.length; k++) {
    const term = flat[k];
    const q = isNumber(term) ? exactValue(term) : keptTermValue(term);
    if (q) total = total.add(q);
    else rest.push(term);
  }
  rest.push(keptNode(keptOfRational(total)));
  return rest;
}

/** The factors of a product with its numbers and kept values as one kept value. */
function keptProduct(flat: Node[]): Node[] {
  let total = Rational.ONE;
  const rest: Node[] = [];
  for (let k = 0; k < flat.length; k++) {
    const factor = flat[k];
    const q = isNumber(factor) ? exactValue(factor) : keptValue(factor);
    if (q) total = total.mul(q);
    else rest.push(factor);
  }
  const kept = keptNode(keptOfRational(total));
  if (kept.kind === "mul") rest.push(...kept.factors);
  else rest.push(kept);
  return rest;
}

/** b^e where one is a kept value and the other a number or one (or e^x): the kept value of the power; else null. */
function keptPowerNode(base: Node, exp: Node): Node | null {
  const b = keptValue(base);
  const e = keptValue(exp);
  if (b === null && e === null) return null;
  if (base.kind === "const" && base.name === "e" && e !== null) return keptNode(keptExp(e));
  const bq = b ?? (isNumber(base) ? exactValue(base) : null);
  const eq = e ?? (isNumber(exp) ? exactValue(exp) : null);
  if (bq === null || eq === null) return null;
  const kept = keptPower(bq, eq);
  return kept && keptNode(kept);
}
