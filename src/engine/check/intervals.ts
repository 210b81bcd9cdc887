// Bounds of an expression over a box of its variables, in interval arithmetic rounded outward, and a
// branch-and-bound over boxes that shows an expression is ≤ 0 everywhere (or finds where it is not).
// Sampled `check` verdicts use it to show that a side of a piecewise function's branch is never taken:
// relu(sin(x) + sin(√2·x) − 2) is 0 everywhere, as sin(x) + sin(√2·x) ≤ 2; relu(e^(−x²)·sin x − 1/2)
// is 0 everywhere, as the bound shows on pieces of the line. Every bound holds for the exact value:
// each float result is moved one or more units outward unless it is exact.
import type { Node } from "../../graph/node.js";
import { Rational } from "../../numeric/rational.js";
import { checkBudget } from "../../budget.js";

export interface Interval {
  lo: number;
  hi: number;
}

/** A box: each variable's interval. Variables not in it range over all the reals. */
export type Box = ReadonlyMap<Node, Interval>;

const WHOLE: Interval = { lo: -Infinity, hi: Infinity };
const bits = new Float64Array(1);
const word = new BigInt64Array(bits.buffer);

/** The next float above x (x itself at +∞). */
function nextUp(x: number): number {
  if (x === Infinity || Number.isNaN(x)) return x;
  if (x === 0) return Number.MIN_VALUE;
  bits[0] = x;
  word[0] += x > 0 ? 1n : -1n;
  return bits[0];
}

const nextDown = (x: number): number => -nextUp(-x);

/** A value from a library function (exp, sin, …): within a few units of the exact one. */
const LIBRARY = 2 ** -49;
const looseDown = (x: number) => (x === 0 || !Number.isFinite(x) ? nextDown(x) : nextDown(x - Math.abs(x) * LIBRARY));
const looseUp = (x: number) => (x === 0 || !Number.isFinite(x) ? nextUp(x) : nextUp(x + Math.abs(x) * LIBRARY));

/** a + b rounded down (up when `up`), exactly when the float sum is exact (Knuth's two-sum). */
function sum(a: number, b: number, up: boolean): number {
  const s = a + b;
  if (!Number.isFinite(s) || !Number.isFinite(a) || !Number.isFinite(b))
    return Number.isNaN(s) ? (up ? Infinity : -Infinity) : s;
  const bb = s - a;
  const err = a - (s - bb) + (b - bb);
  return up ? (err > 0 ? nextUp(s) : s) : err < 0 ? nextDown(s) : s;
}

const SPLIT = 134217729; // 2^27 + 1, Veltkamp's splitter

/** a·b rounded down (up when `up`); 0·∞ is 0, as a bound's product with an unbounded one is. */
function product(a: number, b: number, up: boolean): number {
  if (a === 0 || b === 0) return 0;
  const p = a * b;
  if (!Number.isFinite(p)) return p;
  if (Math.abs(a) > 1e150 || Math.abs(b) > 1e150 || Math.abs(p) < 1e-290) return up ? looseUp(p) : looseDown(p);
  // Dekker's two-product: the exact rounding error of a·b.
  const ca = SPLIT * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  const cb = SPLIT * b;
  const bh = cb - (cb - b);
  const bl = b - bh;
  const err = al * bl - (p - ah * bh - al * bh - ah * bl);
  return up ? (err > 0 ? nextUp(p) : p) : err < 0 ? nextDown(p) : p;
}

function add(a: Interval, b: Interval): Interval {
  return { lo: sum(a.lo, b.lo, false), hi: sum(a.hi, b.hi, true) };
}

function mul(a: Interval, b: Interval): Interval {
  const ends: [number, number][] = [
    [a.lo, b.lo],
    [a.lo, b.hi],
    [a.hi, b.lo],
    [a.hi, b.hi],
  ];
  return {
    lo: Math.min(...ends.map(([x, y]) => product(x, y, false))),
    hi: Math.max(...ends.map(([x, y]) => product(x, y, true))),
  };
}

/** 1/a: unbounded when a holds 0 inside. */
function reciprocal(a: Interval): Interval {
  if (a.lo <= 0 && a.hi >= 0) return a.lo === 0 && a.hi > 0 ? { lo: 1 / looseUp(a.hi), hi: Infinity } : WHOLE;
  return { lo: looseDown(1 / a.hi), hi: looseUp(1 / a.lo) };
}

/** An increasing function's image, `exactAt` naming the points where the float value is exact. */
function increasing(a: Interval, f: (x: number) => number, exactAt: (x: number) => boolean = () => false): Interval {
  const lo = f(a.lo);
  const hi = f(a.hi);
  return { lo: exactAt(a.lo) ? lo : looseDown(lo), hi: exactAt(a.hi) ? hi : looseUp(hi) };
}

const clip = (a: Interval, lo: number, hi: number): Interval => ({
  lo: Math.max(lo, Math.min(hi, a.lo)),
  hi: Math.min(hi, Math.max(lo, a.hi)),
});

/** sin(a + shift): its ends, and ±1 where a top or a bottom of the wave may lie inside. */
function wave(a: Interval, shift: number): Interval {
  if (!(a.hi - a.lo < 2 * Math.PI)) return { lo: -1, hi: 1 };
  const at = (x: number) => Math.sin(x + shift);
  const ends = [at(a.lo), at(a.hi)];
  let lo = looseDown(Math.min(...ends));
  let hi = looseUp(Math.max(...ends));
  // Tops at π/2 + 2kπ − shift, bottoms at −π/2 + 2kπ − shift; a little slack takes any doubt in.
  const slack = 1e-9 * (1 + Math.abs(a.lo) + Math.abs(a.hi));
  const holds = (centre: number) => {
    const k = Math.ceil((a.lo - slack - centre) / (2 * Math.PI));
    return centre + 2 * Math.PI * k <= a.hi + slack;
  };
  if (holds(Math.PI / 2 - shift)) hi = 1;
  if (holds(-Math.PI / 2 - shift)) lo = -1;
  return clip({ lo, hi }, -1, 1);
}

function wholePower(base: Interval, n: number): Interval {
  if (n === 0) return { lo: 1, hi: 1 };
  const positive = n > 0 ? base : reciprocal(base);
  const k = Math.abs(n);
  if (k > 64) return k % 2 === 0 ? { lo: 0, hi: Infinity } : WHOLE;
  let result = positive;
  for (let i = 1; i < k; i++) result = mul(result, positive);
  // An even power is ≥ 0, however its factors' bounds spread.
  return k % 2 === 0 ? { lo: Math.max(0, result.lo), hi: result.hi } : result;
}

function power(base: Interval, exp: Node, baseIsE: boolean, expBounds: () => Interval): Interval {
  if (baseIsE) return exponential(expBounds());
  if (exp.kind !== "num") return WHOLE;
  const q = exp.value;
  if (q.isInteger()) return wholePower(base, Number(q.num));
  // A fractional power: increasing (or decreasing) on the base's nonnegative part, where it is real.
  if (base.hi < 0 || base.lo < 0)
    return q.den % 2n === 0n && base.hi >= 0 ? fractional({ lo: 0, hi: base.hi }, q) : WHOLE;
  return fractional(base, q);
}

function fractional(base: Interval, q: Rational): Interval {
  const e = q.toNumber();
  const f = (x: number) => Math.pow(x, e);
  const exact = (x: number) => x === 0 || x === 1 || x === Infinity;
  return e > 0 ? increasing(base, f, exact) : reciprocal(increasing(base, (x) => Math.pow(x, -e), exact));
}

function exponential(a: Interval): Interval {
  const r = increasing(a, Math.exp, (x) => x === 0 || !Number.isFinite(x));
  return { lo: Math.max(0, r.lo), hi: r.hi };
}

const ABS = (a: Interval): Interval =>
  a.lo >= 0 ? a : a.hi <= 0 ? { lo: -a.hi, hi: -a.lo } : { lo: 0, hi: Math.max(-a.lo, a.hi) };

/** Each operator's image of its arguments' bounds; an operator not here is unbounded. */
const OPERATORS: Record<string, (args: Interval[], nodes: readonly Node[]) => Interval> = {
  abs: ([a]) => ABS(a),
  relu: ([a]) => ({ lo: Math.max(0, a.lo), hi: Math.max(0, a.hi) }),
  step: ([a]) => ({ lo: a.lo >= 0 ? 1 : 0, hi: a.hi < 0 ? 0 : 1 }),
  sign: ([a]) => ({ lo: a.lo > 0 ? 1 : a.lo === 0 ? 0 : -1, hi: a.hi < 0 ? -1 : a.hi === 0 ? 0 : 1 }),
  max: (args) => ({ lo: Math.max(...args.map((a) => a.lo)), hi: Math.max(...args.map((a) => a.hi)) }),
  min: (args) => ({ lo: Math.min(...args.map((a) => a.lo)), hi: Math.min(...args.map((a) => a.hi)) }),
  hardtanh: ([a]) => clip(a, -1, 1),
  leaky_relu: ([a, alpha], nodes) => {
    const k = nodes[1]?.kind === "num" ? nodes[1].value : null;
    if (!k || k.sign() < 0) return WHOLE;
    const scaled = mul(a, alpha);
    return { lo: a.lo >= 0 ? a.lo : scaled.lo, hi: a.hi > 0 ? a.hi : scaled.hi };
  },
  exp: ([a]) => exponential(a),
  log: ([a]) =>
    a.hi <= 0
      ? WHOLE
      : { ...increasing({ lo: Math.max(0, a.lo), hi: a.hi }, Math.log, (x) => x === 0 || x === 1 || x === Infinity) },
  sqrt: ([a]) => (a.hi < 0 ? WHOLE : fractional({ lo: Math.max(0, a.lo), hi: a.hi }, Rational.of(1, 2))),
  sin: ([a]) => wave(a, 0),
  cos: ([a]) => wave(a, Math.PI / 2),
  tanh: ([a]) =>
    clip(
      increasing(a, Math.tanh, (x) => x === 0 || !Number.isFinite(x)),
      -1,
      1,
    ),
  sigmoid: ([a]) =>
    clip(
      increasing(
        a,
        (x) => 1 / (1 + Math.exp(-x)),
        (x) => !Number.isFinite(x),
      ),
      0,
      1,
    ),
  atan: ([a]) =>
    clip(
      increasing(a, Math.atan, (x) => x === 0),
      -Math.PI / 2 - 1e-15,
      Math.PI / 2 + 1e-15,
    ),
  asinh: ([a]) => increasing(a, Math.asinh, (x) => x === 0 || !Number.isFinite(x)),
  sinh: ([a]) => increasing(a, Math.sinh, (x) => x === 0 || !Number.isFinite(x)),
  cosh: ([a]) => {
    const m = ABS(a);
    const r = increasing(m, Math.cosh, (x) => x === 0 || !Number.isFinite(x));
    return { lo: Math.max(1, r.lo), hi: r.hi };
  },
  softplus: ([a]) => {
    const r = increasing(a, (x) => (x > 30 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x))));
    return { lo: Math.max(0, r.lo), hi: r.hi };
  },
};

/** A rational's bounds: itself when a float holds it, else the floats either side. */
function rationalBounds(q: Rational): Interval {
  const f = q.toNumber();
  return Rational.fromFloat(f).equals(q) ? { lo: f, hi: f } : { lo: nextDown(f), hi: nextUp(f) };
}

/** A term c·vᵏ (k a whole number from 1 to 24) as its parts. */
function monomial(t: Node): { v: Node; k: number; c: Rational } | null {
  let c = Rational.ONE;
  if (t.kind === "mul" && t.factors.length === 2 && t.factors[0].kind === "num") {
    c = t.factors[0].value;
    t = t.factors[1];
  }
  if (t.kind === "sym") return { v: t, k: 1, c };
  if (t.kind === "pow" && t.base.kind === "sym" && t.exp.kind === "num" && t.exp.value.isInteger()) {
    const k = Number(t.exp.value.num);
    return k >= 1 && k <= 24 ? { v: t.base, k, c } : null;
  }
  return null;
}

/**
 * A sum's bounds, where the terms in one variable alone (x² + 2x) are bounded together in Horner's
 * form, x·(2 + x), as well as term by term, and the tighter of the two kept: −x² and 2x each
 * unbounded below make x² + 2x look unbounded, though it is ≥ −1.
 */
function sumBounds(terms: readonly Node[], walk: (n: Node) => Interval): Interval {
  const natural = terms.map(walk).reduce(add);
  const groups = new Map<Node, Map<number, Rational>>();
  const rest: Node[] = [];
  for (const t of terms) {
    const m = monomial(t);
    if (!m) {
      rest.push(t);
      continue;
    }
    const powers = groups.get(m.v) ?? new Map<number, Rational>();
    powers.set(m.k, (powers.get(m.k) ?? Rational.ZERO).add(m.c));
    groups.set(m.v, powers);
  }
  if (![...groups.values()].some((powers) => powers.size > 1)) return natural;
  let horner: Interval = { lo: 0, hi: 0 };
  for (const t of rest) horner = add(horner, walk(t));
  for (const [v, powers] of groups) {
    const x = walk(v);
    // The lowest power stands apart, whole (x⁴ + x² is x²·(x² + 1), and x² ≥ 0): x^m·(c_m + x·(…)).
    const lowest = Math.min(...powers.keys());
    const degree = Math.max(...powers.keys());
    let r = rationalBounds(powers.get(degree)!);
    for (let k = degree - 1; k >= lowest; k--) r = add(mul(r, x), rationalBounds(powers.get(k) ?? Rational.ZERO));
    horner = add(horner, mul(wholePower(x, lowest), r));
  }
  return { lo: Math.max(natural.lo, horner.lo), hi: Math.min(natural.hi, horner.hi) };
}

/** Bounds of a scalar node over the box (all the reals for an unbounded variable). */
export function bounds(root: Node, box: Box): Interval {
  const memo = new Map<Node, Interval>();
  const walk = (n: Node): Interval => {
    const seen = memo.get(n);
    if (seen) return seen;
    let r: Interval;
    switch (n.kind) {
      case "num":
        r = rationalBounds(n.value);
        break;
      case "float":
        r = { lo: n.value, hi: n.value };
        break;
      case "const": {
        const f = n.name === "π" ? Math.PI : Math.E;
        r = { lo: nextDown(f), hi: nextUp(f) };
        break;
      }
      case "sym":
        r = box.get(n) ?? WHOLE;
        break;
      case "add":
        r = sumBounds(n.terms, walk);
        break;
      case "mul":
        r = n.factors.map(walk).reduce(mul);
        break;
      case "pow": {
        const isE = n.base.kind === "const" && n.base.name === "e";
        const exp = n.exp;
        r =
          n.base.kind === "num" && n.base.value.sign() > 0 && exp.kind !== "num"
            ? exponential(mul(walk(exp), OPERATORS.log([walk(n.base)], [n.base])))
            : power(isE ? WHOLE : walk(n.base), exp, isE, () => walk(exp));
        break;
      }
      case "apply": {
        const op = n.shape.length === 0 ? OPERATORS[n.op] : undefined;
        r = op ? op(n.args.map(walk), n.args) : WHOLE;
        break;
      }
      default:
        r = WHOLE;
    }
    if (Number.isNaN(r.lo) || Number.isNaN(r.hi)) r = WHOLE;
    memo.set(n, r);
    return r;
  };
  return walk(root);
}

/** Where an unbounded interval is split: at 0, then outward by factors of 16 (to 10³⁰⁸ in about 250 cuts). */
function splitPoint(a: Interval): number {
  if (a.lo === -Infinity && a.hi === Infinity) return 0;
  if (a.hi === Infinity) return a.lo <= 0 ? 1 : a.lo * 16;
  if (a.lo === -Infinity) return a.hi >= 0 ? -1 : a.hi * 16;
  return a.lo / 2 + a.hi / 2;
}

export interface BoundSearch {
  /** g ≤ 0 was shown on every box. */
  proved: boolean;
  /** Boxes' midpoints where g > 0 in floats, best first: candidates for a point where it is. */
  above: Map<Node, number>[];
}

/**
 * Whether g ≤ 0 on the whole box, by splitting it (the box whose bound is highest first) until every
 * piece's upper bound is ≤ 0 or the piece is `outside` the domain (a condition fails throughout it),
 * within `maxBoxes` pieces. `at` is g in floats: a piece's midpoint where it is > 0 is kept as a
 * candidate where g is positive.
 */
export function boundedAbove(
  g: Node,
  vars: readonly Node[],
  box: Box,
  at: (p: readonly number[]) => number,
  maxBoxes: number,
  outside: (piece: Box) => boolean = () => false,
): BoundSearch {
  const above: { p: Map<Node, number>; value: number }[] = [];
  const start = new Map(vars.map((v) => [v, box.get(v) ?? WHOLE]));
  const queue: { box: Map<Node, Interval>; hi: number }[] = [{ box: start, hi: bounds(g, start).hi }];
  let boxes = 0;
  while (queue.length > 0) {
    let best = 0;
    for (let i = 1; i < queue.length; i++) if (queue[i].hi > queue[best].hi) best = i;
    const { box: piece, hi } = queue.splice(best, 1)[0];
    if (hi <= 0 || outside(piece)) continue;
    if (++boxes > maxBoxes) return { proved: false, above: above.sort((p, q) => q.value - p.value).map((a) => a.p) };
    checkBudget();
    const mid = vars.map((v) => {
      const r = piece.get(v)!;
      return Number.isFinite(r.lo) && Number.isFinite(r.hi) ? r.lo / 2 + r.hi / 2 : splitPoint(r);
    });
    const value = at(mid);
    if (value > 0 && above.length < 16) above.push({ p: new Map(vars.map((v, i) => [v, mid[i]])), value });
    // The widest coordinate (an unbounded one first) is cut in two.
    let widest = vars[0];
    let width = -1;
    for (const v of vars) {
      const r = piece.get(v)!;
      const w = Number.isFinite(r.hi - r.lo) ? r.hi - r.lo : Infinity;
      if (w > width) [widest, width] = [v, w];
    }
    const r = piece.get(widest)!;
    const cut = splitPoint(r);
    if (!(cut > r.lo && cut < r.hi)) return { proved: false, above: above.map((a) => a.p) };
    for (const part of [
      { lo: r.lo, hi: cut },
      { lo: cut, hi: r.hi },
    ]) {
      const next = new Map(piece).set(widest, part);
      queue.push({ box: next, hi: bounds(g, next).hi });
    }
  }
  return { proved: true, above: above.sort((p, q) => q.value - p.value).map((a) => a.p) };
}
