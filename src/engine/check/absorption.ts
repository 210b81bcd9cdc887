// How many decimal digits an evaluation at a point loses to absorption: 1 + e⁻¹⁰⁰⁰ at 40 digits is
// 1, correctly bounded, so σ(1000) and 1 "agree" there though they differ by e⁻¹⁰⁰⁰. Estimated in
// floats in the log domain (log₁₀ of each value's size, with its sign), so e⁻¹⁰⁰⁰ neither underflows
// nor e¹⁰⁰⁰ overflows: a sum computed in decimals loses the spread of its terms' sizes; a function
// that computes 1 + e^−|u| inside (σ, tanh, softplus, sinh, cosh) loses |u|/ln 10 (twice that for
// e^−2|u|); atan, asinh and acosh of a large u lose what 1/u, 1/u² are beside their value.
import { MAX_EXACT_BITS, bits } from "../../numeric/decimal-kernels.js";
import type { Node } from "../../graph/node.js";
import { lookupOperator } from "../../graph/operators.js";
import { childrenOf } from "../../graph/traverse.js";
import { Rational } from "../../numeric/rational.js";

/** A value's size: sign (±1, 0 for exactly 0, NaN when not known) and log₁₀ of its absolute value. */
interface Size {
  readonly sign: number;
  readonly log: number;
  /** Its exact value, when the evaluation keeps one (rationals, and sums, products, whole powers of them). */
  readonly q: Rational | null;
  /** log₁₀ |value − 1| when the value is within rounding of 1 (1 + e⁻³⁰⁰ x²: the size of ln of it). */
  readonly offOne?: number;
}

/**
 * What is known of a node at the point: its size (null when not estimated); the digits lost in it,
 * compounded along the way down (e^−500 beside 1 inside a sum 10³⁰ times larger than that is 10⁻⁵³⁰
 * of it); and the digits lost at the node itself.
 */
interface Found {
  readonly size: Size | null;
  readonly lost: number;
  readonly local: number;
}

/** A value's absorption at a point: the digits lost, and the node where most are. */
export interface Absorption {
  readonly digits: number;
  readonly at: Node | null;
}

const LN10 = Math.LN10;
/** A float sum that cancels to within this share of its largest term: its size is not known better. */
const CANCELLED = 1e-14;

const ZERO_SIZE: Size = { sign: 0, log: -Infinity, q: null };

/** log₁₀ of a positive bigint, past a double's range too. */
function log10Big(n: bigint): number {
  if (n < 1n << 1000n) return Math.log10(Number(n));
  const s = n.toString();
  return s.length - 17 + Math.log10(Number(s.slice(0, 17)));
}

function sizeOfRational(q: Rational): Size {
  if (q.isZero()) return { sign: 0, log: -Infinity, q };
  const n = q.num < 0n ? -q.num : q.num;
  return { sign: q.sign(), log: log10Big(n) - log10Big(q.den), q: bits(q) <= MAX_EXACT_BITS ? q : null };
}

function sizeOfNumber(x: number): Size | null {
  if (Number.isNaN(x)) return null;
  if (x === 0) return ZERO_SIZE;
  return { sign: Math.sign(x), log: Math.log10(Math.abs(x)), q: null };
}

/** The value itself when it is a double of ordinary size (±Infinity past it, 0 below). */
function valueOf(s: Size): number {
  if (s.sign === 0) return 0;
  const m = 10 ** s.log;
  return Number.isNaN(s.sign) ? m : s.sign * m;
}

/** Within the range where a double holds the value with its precision. */
const ordinary = (s: Size) => s.sign === 0 || (s.log > -300 && s.log < 300);

/** Σ of signed sizes, in the log domain: the largest term times the sum of the others relative to it. */
function sumSizes(terms: readonly Size[]): Size {
  let top = -Infinity;
  for (const t of terms) if (t.sign !== 0 && t.log > top) top = t.log;
  if (top === -Infinity) return ZERO_SIZE;
  if (!Number.isFinite(top) || Number.isNaN(top)) return { sign: NaN, log: top, q: null };
  let s = 0;
  let unsure = false;
  for (const t of terms) {
    if (t.sign === 0) continue;
    const r = 10 ** (t.log - top);
    if (Number.isNaN(t.sign)) unsure = true;
    s += (Number.isNaN(t.sign) ? 1 : t.sign) * r;
  }
  // Cancelled in floats: the true sum is somewhere below the rounding of its terms.
  if (Math.abs(s) < CANCELLED * terms.length) return { sign: NaN, log: top + Math.log10(CANCELLED), q: null };
  return { sign: unsure ? NaN : Math.sign(s), log: top + Math.log10(Math.abs(s)), q: null };
}

/** b^y for an inexact value: log|b|·y, its sign by y's parity when b < 0. */
function powerSize(b: Size, y: Size): Size | null {
  const k = valueOf(y);
  if (Number.isNaN(k)) return null;
  if (b.sign === 0) return k > 0 ? ZERO_SIZE : null;
  if (y.sign === 0) return { sign: 1, log: 0, q: null };
  const log = b.log * k;
  if (Number.isNaN(log)) return null;
  let sign = b.sign;
  if (b.sign < 0) sign = Number.isInteger(k) ? (k % 2 === 0 ? 1 : -1) : NaN;
  return { sign, log, q: null };
}

/** e^u from u's size: log₁₀ eᵘ = u/ln 10, finite or not. */
function expSize(u: Size): Size | null {
  const x = valueOf(u);
  return Number.isNaN(x) ? null : { sign: 1, log: x / LN10, q: null };
}

/** ln v from v's size: ln|v| = log·ln 10 (a size of its own); near 1 its size is not known from v's. */
function logSize(v: Size): Size | null {
  if (v.sign === 0 || !(v.sign > 0 || Number.isNaN(v.sign))) return null;
  if (v.offOne !== undefined) return { sign: NaN, log: v.offOne, q: null };
  const ln = v.log * LN10;
  if (Number.isNaN(ln)) return null;
  if (Math.abs(ln) < 1e-12) return { sign: NaN, log: -12, q: null };
  return { sign: Math.sign(ln), log: Math.log10(Math.abs(ln)), q: null };
}

/**
 * The digits f(u) loses near u = 0 where f(0) ≠ 0 or f is odd: e^u is 1 + u + …, cos u is 1 − u²/2,
 * sin u is u − u³/6 (the next term is u² of the first): a difference of that order between two sides
 * is that far below them.
 */
function nearZero(op: string, u: Size): number {
  if (u.sign === 0 || !(u.log < 0)) return 0;
  switch (op) {
    case "exp":
    case "sigmoid":
    case "softplus":
      return -u.log;
    case "cos":
    case "cosh":
    case "sec":
    case "sin":
    case "tan":
    case "sinh":
    case "tanh":
    case "atan":
    case "asin":
    case "asinh":
    case "atanh":
      return -2 * u.log;
    default:
      return 0;
  }
}

/** The digits a function loses inside at u (it computes 1 + e^−|u|, or π/2 − 1/u, …); 0 for the rest. */
function saturation(op: string, u: Size): number {
  if (op === "log") {
    // ln u near u = 1 is u − 1 − (u − 1)²/2: u − 1 beside 1.
    const t = logSize(u);
    return t && t.sign !== 0 && t.log < 0 ? -t.log : 0;
  }
  if (u.sign === 0) return 0;
  const x = Math.abs(valueOf(u));
  if (Number.isNaN(x)) return 0;
  switch (op) {
    case "sigmoid":
      return x / LN10;
    case "softplus":
      // u + ln(1 + e⁻ᵘ): e⁻ᵘ beside u.
      return x / LN10 + Math.max(0, Math.log10(x));
    case "tanh":
    case "sinh":
    case "cosh":
      return (2 * x) / LN10;
    case "atan":
      return Math.max(0, u.log);
    case "asinh":
    case "acosh":
      return Math.max(0, 2 * u.log);
    default:
      return 0;
  }
}

/** The size of op(u) for a single argument of any size, where it is known. */
function applySize(op: string, args: readonly (Size | null)[]): Size | null {
  if (args.length !== 1) {
    const kernel = lookupOperator(op)?.float;
    if (!kernel || args.some((a) => a === null || !ordinary(a))) return null;
    return sizeOfNumber(kernel(...args.map((a) => valueOf(a!))));
  }
  const u = args[0];
  if (u === null) return null;
  const x = valueOf(u);
  const big = u.sign !== 0 && u.log >= 300;
  const tiny = u.sign !== 0 && u.log <= -300;
  const positive = u.sign > 0;
  switch (op) {
    case "exp":
      return expSize(u);
    case "log":
      return logSize(u);
    case "sqrt":
      return u.sign === 0 ? ZERO_SIZE : u.sign > 0 ? { sign: 1, log: u.log / 2, q: null } : null;
    case "abs":
      return u.sign === 0 ? ZERO_SIZE : { sign: 1, log: u.log, q: null };
    case "sigmoid":
      if (Number.isNaN(u.sign)) return null;
      // σ(u) = 1/(1 + e⁻ᵘ) = eᵘ/(1 + eᵘ), of size eᵘ for u ≪ 0.
      return { sign: 1, log: x >= 0 ? -Math.log10(1 + Math.exp(-x)) : x / LN10 - Math.log10(1 + Math.exp(x)), q: null };
    case "softplus":
      if (positive && u.log > 1) return { sign: 1, log: u.log, q: null };
      if (!positive && u.sign !== 0 && !Number.isNaN(u.sign) && u.log > 1) return expSize(u);
      break;
    case "tanh":
    case "atan":
      if (big) return { sign: u.sign, log: op === "atan" ? Math.log10(Math.PI / 2) : 0, q: null };
      if (tiny) return u;
      break;
    case "sinh":
    case "cosh":
      if (u.sign !== 0 && u.log > 2) {
        const e = expSize({ sign: 1, log: u.log, q: null })!;
        return { sign: op === "cosh" ? 1 : u.sign, log: e.log - Math.log10(2), q: null };
      }
      break;
    case "asinh":
      if (big) return { sign: u.sign, log: Math.log10(LN10 * u.log + Math.LN2), q: null };
      if (tiny) return u;
      break;
    case "sin":
    case "tan":
      if (tiny) return u;
      if (!ordinary(u)) return { sign: NaN, log: 0, q: null };
      break;
    case "cos":
      if (tiny) return { sign: 1, log: 0, q: null };
      if (!ordinary(u)) return { sign: NaN, log: 0, q: null };
      break;
  }
  if (!ordinary(u)) return null;
  const kernel = lookupOperator(op)?.float;
  return kernel ? sizeOfNumber(kernel(x)) : null;
}

const isE = (n: Node) => n.kind === "const" && n.name === "e";

/** Sum: exact when every term is (then nothing is lost); else the exact terms summed first, as the evaluation does. */
function sumOf(kids: readonly Found[]): Found {
  const sizes = kids.map((k) => k.size);
  if (sizes.every((s) => s?.q)) {
    let total = sizes[0]!.q!;
    for (let i = 1; i < sizes.length; i++) total = total.add(sizes[i]!.q!);
    return { size: sizeOfRational(total), lost: 0, local: 0 };
  }
  // The exact terms are summed exactly first, as the evaluation does; each other term brings what is
  // lost in it, that much further below the largest term as it is below it itself.
  let exactPart: Rational | null = null;
  const parts: { size: Size | null; lost: number }[] = [];
  for (const k of kids)
    if (k.size?.q) exactPart = exactPart ? exactPart.add(k.size.q) : k.size.q;
    else parts.push(k);
  if (exactPart) parts.push({ size: { ...sizeOfRational(exactPart), q: null }, lost: 0 });
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of parts) {
    if (!p.size || p.size.sign === 0) continue;
    lo = Math.min(lo, p.size.log);
    hi = Math.max(hi, p.size.log);
  }
  let lost = 0;
  for (const p of parts) {
    const below = p.size && p.size.sign !== 0 && hi > -Infinity ? hi - p.size.log : 0;
    lost = Math.max(lost, p.lost + (Number.isNaN(below) ? Infinity : below));
  }
  const spread = hi - lo;
  const local = lo === Infinity || hi === lo ? 0 : Number.isNaN(spread) ? Infinity : spread;
  const known = parts.every((p) => p.size !== null);
  let size = known ? sumSizes(parts.map((p) => p.size!)) : null;
  if (size && exactPart && size.sign > 0 && Math.abs(size.log) < 1e-8) {
    // Within rounding of 1: its distance from 1, the exact part less 1 beside the others.
    const others = parts.slice(0, -1).map((p) => p.size!);
    const off = sumSizes([...others, { ...sizeOfRational(exactPart.sub(Rational.ONE)), q: null }]);
    if (off.sign !== 0) size = { ...size, offOne: off.log };
  }
  return { size, lost, local };
}

/** The digits b^y loses as e^(y ln b) near 1 (a non-whole or inexact exponent): y ln b beside 1. */
function nearOne(n: Node & { kind: "pow" }, b: Size | null, y: Size | null): number {
  if (b === null || y === null || (y.q && y.q.isInteger())) return 0;
  const t = isE(n.base) ? y : b.sign === 0 ? null : productOf([y, logSize({ ...b, sign: 1 })]);
  return t === null || t.sign === 0 || !(t.log < 0) ? 0 : -t.log;
}

function productOf(sizes: readonly (Size | null)[]): Size | null {
  if (sizes.some((s) => s?.sign === 0)) return ZERO_SIZE;
  if (sizes.some((s) => s === null)) return null;
  const ss = sizes as readonly Size[];
  if (ss.every((s) => s.q)) {
    let r = ss[0].q!;
    for (let i = 1; i < ss.length; i++) r = r.mul(ss[i].q!);
    return sizeOfRational(r);
  }
  let sign = 1;
  let log = 0;
  for (const s of ss) {
    sign *= s.sign;
    log += s.log;
  }
  return Number.isNaN(log) ? null : { sign, log, q: null };
}

function powerOf(n: Node & { kind: "pow" }, b: Size | null, y: Size | null): Size | null {
  if (isE(n.base)) return y === null ? null : expSize(y);
  if (b === null || y === null) return null;
  if (b.q && y.q && y.q.isInteger()) {
    if (b.q.isZero()) return y.q.sign() > 0 ? ZERO_SIZE : null;
    if (bits(b.q) * Math.abs(Number(y.q.num)) <= MAX_EXACT_BITS) return sizeOfRational(b.q.pow(y.q.num));
  }
  return powerSize(b, y);
}

/** One node's size and the digits lost at it, from its children's. */
function visit(n: Node, point: ReadonlyMap<Node, Rational>, kids: readonly Found[]): Found {
  const sizes = kids.map((k) => k.size);
  // What is lost in the children is lost in the node (a product's relative errors add, they do not shrink).
  const below = kids.reduce((m, k) => Math.max(m, k.lost), 0);
  switch (n.kind) {
    case "num":
      return { size: sizeOfRational(n.value), lost: 0, local: 0 };
    case "float":
      return { size: sizeOfNumber(n.value), lost: 0, local: 0 };
    case "const":
      return { size: { sign: 1, log: Math.log10(n.name === "π" ? Math.PI : Math.E), q: null }, lost: 0, local: 0 };
    case "sym":
    case "indexed": {
      const q = point.get(n);
      return { size: q ? sizeOfRational(q) : null, lost: 0, local: 0 };
    }
    case "add":
      return sumOf(kids);
    case "mul":
      return { size: productOf(sizes), lost: below, local: 0 };
    case "pow": {
      const size = powerOf(n, sizes[0], sizes[1]);
      if (size?.q) return { size, lost: 0, local: 0 };
      const local = nearOne(n, sizes[0], sizes[1]);
      return { size, lost: below + local, local };
    }
    case "apply": {
      if (n.shape.length > 0) return { size: null, lost: below, local: 0 };
      const u = sizes[0];
      const found = sizes.length === 1 && u ? saturation(n.op, u) + nearZero(n.op, u) : 0;
      const local = Number.isNaN(found) ? Infinity : found;
      return { size: applySize(n.op, sizes), lost: below + local, local };
    }
    default:
      return { size: null, lost: below, local: 0 };
  }
}

/**
 * The digits the evaluation of the node at the point loses to absorption, compounded along each
 * path down and the most over them (0 when nothing is absorbed, Infinity when a size is past any
 * precision), and the node that loses the most itself.
 * One walk, without recursion (a sum of 20,000 terms, a tower of powers), each node once.
 */
export function absorptionAt(roots: Node | readonly Node[], point: ReadonlyMap<Node, Rational>): Absorption {
  const found = new Map<Node, Found>();
  let most = 0;
  let at: Node | null = null;
  let atLocal = 0;
  const stack: Node[] = Array.isArray(roots) ? [...(roots as readonly Node[])] : [roots as Node];
  while (stack.length > 0) {
    const n = stack[stack.length - 1];
    if (found.has(n)) {
      stack.pop();
      continue;
    }
    const kids = childrenOf(n);
    let ready = true;
    for (const k of kids)
      if (!found.has(k)) {
        if (ready) ready = false;
        stack.push(k);
      }
    if (!ready) continue;
    stack.pop();
    const f = visit(
      n,
      point,
      kids.map((k) => found.get(k)!),
    );
    found.set(n, f);
    most = Math.max(most, f.lost);
    if (f.local > atLocal) [atLocal, at] = [f.local, n];
  }
  return { digits: most, at };
}

/** The digits lost to absorption evaluating the node (or nodes) at the point: absorptionAt's count. */
export function digitsLostAt(roots: Node | readonly Node[], point: ReadonlyMap<Node, Rational>): number {
  return absorptionAt(roots, point).digits;
}
