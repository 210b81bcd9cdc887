// Where tier 2 of `check` looks for a difference: a friendly point, points at every scale from
// 10⁻³ to 10⁶ and at the constants' own scales in each sign pattern, whole and fractional values of
// variables in exponents, random points, and both sides of every breakpoint — the zeros of the
// arguments of piecewise functions (abs, relu, step, sign, max/min, hardtanh, leaky_relu) and of
// functions that go flat (tanh, σ, softplus, …), and the edges of each side's domain (log, roots,
// denominators, tan, asin, …) and of the conditions, found through the arguments' turning points
// and the tops of dips between scanned points; between the roots of different arguments, however
// close (close-roots.ts: x ≤ 1 against x < 1 + 10⁻³⁰); and at tops that floats see touching 0.
// Every coordinate is a decimal, short where it can be, so a counterexample is an exact point anyone
// can re-evaluate.
import { ONE, add, apply, num, sub } from "../../graph/construct.js";
import { lookupOperator } from "../../graph/operators.js";
import type { Node } from "../../graph/node.js";
import { childrenOf, freeSymbols } from "../../graph/traverse.js";
import type { Sym } from "../../graph/node.js";
import { rethrowStop } from "../../errors.js";
import { checkBudget } from "../../budget.js";
import { differentiate } from "../differentiate.js";
import { Rational } from "../../numeric/rational.js";
import { evaluateAt } from "../numeric-eval.js";
import { substitute } from "../substitute.js";
import { toRational } from "../polynomial.js";
import { realRootsExact, shortestDecimalBetween } from "./real-roots.js";
import { type CertainValues, type LineRoot, betweenRootsOfDifferentArguments, preciseTurn } from "./close-roots.js";
import { branchArguments } from "./branches.js";

export type Point = Map<Node, Rational>;

/** A small seeded generator, so a verdict and its counterexample are the same on every run. */
export function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** x rounded to `digits` significant digits, as an exact decimal rational. */
export function decimal(x: number, digits = 6): Rational {
  if (x === 0 || !Number.isFinite(x)) return Rational.ZERO;
  const text = Math.abs(x).toPrecision(digits);
  const q = Rational.parseDecimal(text.replace("e+", "e"));
  return x < 0 ? q.neg() : q;
}

const DOMAIN_EDGES: Record<string, (u: Node) => Node[]> = {
  log: (u) => [u],
  tan: (u) => [apply("cos", [u])],
  sec: (u) => [apply("cos", [u])],
  cot: (u) => [apply("sin", [u])],
  csc: (u) => [apply("sin", [u])],
  asin: (u) => [sub(u, ONE), add(u, ONE)],
  acos: (u) => [sub(u, ONE), add(u, ONE)],
  atanh: (u) => [sub(u, ONE), add(u, ONE)],
  acosh: (u) => [sub(u, ONE)],
};

/** The nodes whose zero sets a difference or a domain edge can hide behind. */
export function breakpointExpressions(roots: readonly Node[]): Node[] {
  const found: Node[] = [];
  const seen = new Set<Node>();
  const keep = (g: Node) => {
    if (g.shape.length === 0 && g.kind !== "num" && !found.includes(g)) found.push(g);
  };
  // Where a saturating function's argument crosses 0 is where it changes: tanh(x − 2·10⁶) is −1 to
  // every digit below x = 10⁶ and 1 above 3·10⁶. A bare x (or 3x) crosses at 0, which is tried anyway.
  const keepShifted = (u: Node) => {
    const scaledSymbol = u.kind === "mul" && u.factors.length === 2 && u.factors[0].kind === "num" ? u.factors[1] : u;
    if (scaledSymbol.kind !== "sym") keep(u);
  };
  const walk = (n: Node): void => {
    if (seen.has(n)) return;
    seen.add(n);
    childrenOf(n).forEach(walk);
    if (n.kind === "pow" && n.base.kind === "const") keepShifted(n.exp);
    else if (n.kind === "pow" && !(n.exp.kind === "num" && n.exp.value.isInteger() && n.exp.value.sign() > 0))
      keep(n.base);
    const pieces = branchArguments(n);
    pieces.forEach((b) => keep(b.u));
    if (n.kind !== "apply") return;
    if (lookupOperator(n.op)?.turnsAtZero) keepShifted(n.args[0]);
    if (pieces.length === 0 || n.op === "sqrt") DOMAIN_EDGES[n.op]?.(n.args[0]).forEach(keep);
  };
  roots.forEach(walk);
  return found;
}

const GRID: number[] = (() => {
  const g = [0];
  for (let k = -24; k <= 72; k++) {
    const t = 10 ** (k / 8);
    g.push(t, -t);
  }
  // Far out, every power of ten to 10^±300: a crossing at 10¹⁰ (relu(√x − 10⁵)) or e¹⁰⁰ is bracketed.
  for (let k = 4; k <= 300; k++) g.push(10 ** -k, -(10 ** -k), ...(k >= 10 ? [10 ** k, -(10 ** k)] : []));
  return g.sort((a, b) => a - b);
})();

/** Where g crosses zero (or its definedness changes) along one coordinate, and where it turns. */
interface Crossings {
  roots: number[];
  /** Zeros of ∂g/∂v: a bump's top (relu(0.01 − (x − 7)²) is positive only near x = 7). */
  turns: number[];
}

/** How deep the derivatives go: a polynomial of degree ≤ 4 has all its real roots found. */
const MAX_DERIVATIVE_DEPTH = 3;

/**
 * The real zeros of g along v from a scan and bisection. The scan runs over a geometric grid from
 * −10⁹ to 10⁹ (and every power of ten out to 10^±300), the scales of the constants, and the zeros
 * of ∂g/∂v (found the same way): between two consecutive turning points g is monotone, so no pair
 * of roots hides between two scanned points, however narrow the bump (for a polynomial argument, up
 * to the depth of derivatives).
 */
function zerosAlong(
  g: Node,
  v: Node,
  base: ReadonlyMap<Node, number>,
  extra: readonly number[],
  derivative: (g: Node) => Node | null,
  depth = 0,
): Crossings {
  const at = (t: number) => {
    const p = new Map(base);
    p.set(v, t);
    return evaluateAt(g, p);
  };
  let turns: number[] = [];
  const dg = depth < MAX_DERIVATIVE_DEPTH ? derivative(g) : null;
  if (dg) turns = zerosAlong(dg, v, base, extra, derivative, depth + 1).roots;
  const scan = [...new Set([...GRID, ...extra, ...turns])].sort((x, y) => x - y);
  // Each way, in from 1 toward 0 and then out from 1, 8 crossings in all: a periodic g crosses zero
  // without end, and the crossings kept are the ones nearest 1, where its turns are found to the
  // digit (sin(x) − 0.9999 is positive only within 0.014 of π/2 + 2kπ: a turn found at −10⁸ by a
  // float scan is not at a peak); sin(1/x) crosses without end near 0, and its last bump, at 2/π,
  // is the one to find. The roots each way are kept in order from 0 outward.
  const roots: number[] = [];
  for (const sign of [1, -1]) {
    const side = scan.filter((t) => sign * t >= 0);
    const outer = side.filter((t) => Math.abs(t) >= 1);
    const inner = side.filter((t) => Math.abs(t) <= 1);
    const found: number[] = [];
    for (const part of sign > 0 ? [inner.reverse(), outer] : [inner, outer.reverse()]) {
      if (part.length === 0 || found.length >= MAX_CROSSINGS) continue;
      const dips = depth === 0 ? MAX_REFINED_DIPS : 0;
      const { roots: crossed, tops } = crossings(part, at, MAX_CROSSINGS - found.length, dips);
      for (const r of crossed) if (!roots.includes(r) && !found.includes(r)) found.push(r);
      for (const top of tops) if (!turns.includes(top)) turns.push(top);
    }
    roots.push(...found.sort((p, q) => sign * (p - q)));
  }
  return { roots, turns };
}

/** The float where f changes sign (or definedness) between lo, where it is `loValue`, and hi. */
function bisect(lo: number, hi: number, loValue: number, at: (t: number) => number): number {
  for (let i = 0; i < 200 && lo !== hi; i++) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    const m = at(mid);
    const sameSide = Number.isNaN(loValue) ? Number.isNaN(m) : !Number.isNaN(m) && Math.sign(m) === Math.sign(loValue);
    if (sameSide) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

const GOLDEN = (Math.sqrt(5) - 1) / 2;

/**
 * Where f comes nearest 0 between lo and hi, from the side of `sign` (the largest f for a negative
 * f, the smallest for a positive one), by golden-section search to the last float: the top of a bump
 * narrower than the scan's spacing (sin(x³) − 0.9999 is positive only within 0.004 of 1.162).
 */
function nearestToZero(lo: number, hi: number, sign: number, at: (t: number) => number): number {
  const height = (t: number) => {
    const y = at(t);
    return Number.isNaN(y) ? -Infinity : -sign * y;
  };
  let a = lo;
  let b = hi;
  let c = b - GOLDEN * (b - a);
  let d = a + GOLDEN * (b - a);
  let fc = height(c);
  let fd = height(d);
  for (let i = 0; i < 120 && c < d; i++) {
    if (fc >= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - GOLDEN * (b - a);
      fc = height(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + GOLDEN * (b - a);
      fd = height(d);
    }
    if (fc > 0 || fd > 0) break;
  }
  return fc >= fd ? c : d;
}

/** How many turns of one argument along one line, where it touches 0 in floats, are narrowed precisely. */
const MAX_TOUCHING_TURNS = 2;

/** How many crossings each way a scan keeps. */
const MAX_CROSSINGS = 8;

/** How many zeros in a row end a scan. */
const MAX_ZERO_RUN = 8;

/**
 * How many dips toward 0 between scanned points one scan of a breakpoint's argument refines (the
 * nearest to where it starts); its derivatives' scans refine none, for time: a turn they miss
 * leaves a dip in the argument's own scan.
 */
const MAX_REFINED_DIPS = 12;

/**
 * The first few zeros (or edges of definedness) of f met along the points, each bisected to a float,
 * and the tops of the bumps found between them. Where three scanned values have one sign and the
 * middle one is nearest 0, f may cross 0 and back between the outer two, unseen: the point nearest 0
 * there is found, and when f has the other sign at it, both crossings are bisected and it is a top.
 */
function crossings(
  scan: readonly number[],
  at: (t: number) => number,
  maxRoots: number,
  maxDips: number,
): { roots: number[]; tops: number[] } {
  const roots: number[] = [];
  const tops: number[] = [];
  let refined = 0;
  let zeros = 0;
  let prevT = scan[0];
  let prev = at(prevT);
  let beforeT = NaN;
  let before = NaN;
  if (prev === 0) roots.push(prevT);
  for (let k = 1; k < scan.length && roots.length < maxRoots; k++) {
    const t = scan[k];
    const y = at(t);
    // Past 10⁹ a float can overflow (x² at 10¹⁵⁵ is ∞, and ∞ − ∞ is NaN): only a change of sign counts.
    const far = Math.abs(t) > 1e9 || Math.abs(prevT) > 1e9;
    // A run of zeros (x² cos(x³) underflows to 0 at every x below 10⁻¹⁶²) is one zero, at each end;
    // a long one (σ′ past 745) is taken to go on, and the scan stops.
    zeros = y === 0 ? zeros + 1 : 0;
    if (zeros >= MAX_ZERO_RUN) break;
    if (y === 0) {
      if (prev !== 0) roots.push(t);
    } else if (prev === 0) {
      if (roots.at(-1) !== prevT) roots.push(prevT);
    } else if ((prev < 0 && y > 0) || (prev > 0 && y < 0) || (!far && Number.isNaN(prev) !== Number.isNaN(y))) {
      roots.push(bisect(prevT, t, prev, at));
    } else if (
      !far &&
      refined < maxDips &&
      Math.sign(before) === Math.sign(prev) &&
      Math.sign(prev) === Math.sign(y) &&
      Math.abs(prev) < Math.abs(before) &&
      Math.abs(prev) < Math.abs(y)
    ) {
      refined++;
      const [lo, hi] = beforeT < t ? [beforeT, t] : [t, beforeT];
      const top = nearestToZero(lo, hi, Math.sign(prev), at);
      const value = at(top);
      if (value === 0 || Math.sign(value) === -Math.sign(prev)) {
        tops.push(top);
        const [left, right] = beforeT < t ? [before, y] : [y, before];
        if (value === 0) roots.push(top);
        else roots.push(bisect(lo, top, left, at), bisect(top, hi, right, at));
      }
    }
    beforeT = prevT;
    before = prev;
    prevT = t;
    prev = y;
  }
  return { roots, tops };
}

/** A root as a short decimal; the simplest of a few precisions that is exactly a zero, else 15 digits. */
function exactRoot(r: number, isZeroAt: (q: Rational) => boolean): Rational {
  for (const digits of [1, 2, 3, 4, 6, 8, 10, 12]) {
    const q = decimal(r, digits);
    if (Math.abs(q.toNumber() - r) <= 1e-9 * Math.max(1, Math.abs(r)) && isZeroAt(q)) return q;
  }
  return decimal(r, 15);
}

/** Symbols and rationals under sums, products and whole powers of at most 24. */
function arithmetic(n: Node): boolean {
  switch (n.kind) {
    case "sym":
      return n.shape.length === 0;
    case "num":
      return true;
    case "add":
      return n.terms.every(arithmetic);
    case "mul":
      return n.factors.every(arithmetic);
    case "pow":
      return (
        n.exp.kind === "num" && n.exp.value.isInteger() && Math.abs(n.exp.value.toNumber()) <= 24 && arithmetic(n.base)
      );
    default:
      return false;
  }
}

/**
 * g along v with the other coordinates at the base point, when it is a polynomial or a quotient of
 * two with rational coefficients: its real roots (rational ones exact, irrational ones as short
 * decimals beside them), and the points that matter besides — just left and right of each root,
 * inside its isolating interval, and the shortest decimal between each two neighbouring roots — so
 * every sign region of g is visited, however narrow (|x² − 10⁻¹⁰| is negative only on (−10⁻⁵, 10⁻⁵)).
 * A quotient changes sign at the roots of its numerator and denominator both: their product's roots.
 */
export function exactCrossings(g: Node, v: Node, base: Point): { roots: Rational[]; beside: Rational[] } | null {
  let coefficients: Rational[];
  try {
    // Only arithmetic with whole powers up to the degree cap (2^x at x = −10³⁰⁰ is not built, nor
    // x^100000 expanded), at moderate coordinates.
    if (!arithmetic(g)) return null;
    const others = new Map<Node, Node>();
    for (const [w, q] of base) {
      if (w === v) continue;
      if (Math.abs(q.toNumber()) > 1e15) return null;
      others.set(w, num(q));
    }
    const along = others.size > 0 ? substitute(g, others) : g;
    const quotient = toRational(along, [v]);
    if (!quotient) return null;
    const p = quotient.num.mul(quotient.den);
    const degree = p.degree(0);
    if (degree < 1 || degree > 24) return null;
    coefficients = Array.from({ length: degree + 1 }, () => Rational.ZERO);
    for (const [k, c] of p.terms) coefficients[Number(k)] = c;
  } catch (err) {
    rethrowStop(err);
    return null;
  }
  const found = realRootsExact(coefficients);
  if (!found) return null;
  const roots: Rational[] = [];
  const beside: Rational[] = [];
  const TINY = Rational.of(1, 10 ** 12);
  const between = (a: Rational, b: Rational) => (a.compare(b) < 0 ? shortestDecimalBetween(a, b) : a);
  found.forEach((r, i) => {
    const previous = i > 0 ? found[i - 1].hi : null;
    const next = i + 1 < found.length ? found[i + 1].lo : null;
    const max = (a: Rational, b: Rational | null) => (b && b.compare(a) > 0 ? b : a);
    const min = (a: Rational, b: Rational | null) => (b && b.compare(a) < 0 ? b : a);
    if (r.exact) {
      roots.push(r.exact);
      const eps = r.exact.abs().compare(Rational.ONE) > 0 ? r.exact.abs().mul(TINY) : TINY;
      beside.push(between(max(r.exact.sub(eps), previous), r.exact), between(r.exact, min(r.exact.add(eps), next)));
    } else {
      const width = r.hi.sub(r.lo);
      const left = between(max(r.lo.sub(width), previous), r.lo);
      const right = between(r.hi, min(r.hi.add(width), next));
      beside.push(left, right);
      // The root itself as the simplest short decimal in its interval (on one side of it, exactly).
      roots.push(shortestDecimalBetween(r.lo, r.hi));
    }
    if (next) beside.push(between(r.hi, next));
  });
  return { roots, beside };
}

export interface SearchPoints {
  points: Point[];
  /** How many of them sit at or beside a breakpoint. */
  nearBreakpoints: number;
}

/** Coordinate by coordinate, to the nearest turning point of g; null when g turns in none. */
function turningPoint(
  g: Node,
  vars: readonly Node[],
  start: readonly number[],
  extra: readonly number[],
  derivativeFor: (v: Node) => (h: Node) => Node | null,
): number[] | null {
  const p = [...start];
  let moved = false;
  for (let round = 0; round < 3; round++) {
    vars.forEach((v, i) => {
      const derivative = derivativeFor(v);
      const dg = derivative(g);
      if (!dg) return;
      const base = new Map(vars.map((w, j) => [w, p[j]]));
      const { roots } = zerosAlong(dg, v, base, extra, derivative, 1);
      if (roots.length === 0) return;
      const nearest = roots.reduce((best, r) => (Math.abs(r - p[i]) < Math.abs(best - p[i]) ? r : best));
      if (nearest !== p[i]) moved = true;
      p[i] = nearest;
    });
  }
  return moved ? p : null;
}

/** ∂g/∂v when it still depends on v (a linear argument has no turning point), else null. */
function derivativeAlong(g: Node, v: Node): Node | null {
  try {
    const d = differentiate(g, v);
    return d.kind !== "num" && freeSymbols(d).includes(v as Sym) ? d : null;
  } catch (err) {
    rethrowStop(err);
    return null;
  }
}

/**
 * Inside each condition's interval: at the midpoints between its ends and the breakpoints in it, and
 * between consecutive breakpoints (x > −10⁻⁹ with √x's edge at 0: x = −5·10⁻¹⁰), along each variable
 * and for all variables at once beside their lower (then upper) ends (log(x y) against log x + log y).
 */
function insideIntervals(
  vars: readonly Node[],
  friendly: readonly Rational[],
  rootsAlong: ReadonlyMap<Node, Rational[]>,
  intervals: ReadonlyMap<Node, { lo?: Rational; hi?: Rational }> | undefined,
  push: (p: Point) => void,
): void {
  if (!intervals || intervals.size === 0) return;
  const inside = new Map<Node, Rational[]>();
  const HALF = Rational.of(1, 2);
  vars.forEach((v, i) => {
    const range = intervals.get(v);
    if (!range) return;
    const { lo, hi } = range;
    const within = (q: Rational) => (!lo || q.compare(lo) >= 0) && (!hi || q.compare(hi) <= 0);
    const marks = [...(lo ? [lo] : []), ...(hi ? [hi] : []), ...rootsAlong.get(v)!.filter(within)];
    marks.sort((p, q) => p.compare(q));
    const unique = marks.filter((q, k) => k === 0 || !q.equals(marks[k - 1]));
    // Past a lone end: as far again as the end is from 0 (or 1 from an end at 0).
    const step = (q: Rational) => (q.isZero() ? Rational.ONE : q.abs());
    if (!lo && unique.length > 0) unique.unshift(unique[0].sub(step(unique[0])));
    if (!hi && unique.length > 0) unique.push(unique[unique.length - 1].add(step(unique[unique.length - 1])));
    const mids: Rational[] = [];
    for (let k = 1; k < unique.length && mids.length < 12; k++) mids.push(unique[k - 1].add(unique[k]).mul(HALF));
    inside.set(v, mids);
    for (const m of mids) push(new Map(vars.map((w, j) => [w, j === i ? m : friendly[j]])));
  });
  if (inside.size < 2) return;
  for (const end of [0, -1])
    push(
      new Map(
        vars.map((w, j) => {
          const mids = inside.get(w);
          return [w, mids && mids.length > 0 ? mids.at(end)! : friendly[j]];
        }),
      ),
    );
}

/** Values of exponent variables tried first, and the bases they are tried with. */
const EXPONENTS = [2, [1, 2], 3, [1, 3], -1, [2, 3], [3, 2], -2, 0, 1, [-1, 2]].map((v) =>
  Array.isArray(v) ? Rational.of(v[0], v[1]) : Rational.int(v),
);
const BASES = [-1, -2, [-1, 2], 2].map((v) => (Array.isArray(v) ? Rational.of(v[0], v[1]) : Rational.int(v)));

/** A prime denominator for points that are not decimals. */
const PRIME = 1_000_003;

/** Moderate scales first: a counterexample is easier to read at x = 2.2 than at x = 0.0011. */
const SCALES = [2, 0.5, 3, 10, 0.1, 100, 0.01, 1e3, 1e-3, 1e4, 1e6];

/**
 * The points to try, most telling first. `isZeroAt(g, p)` says whether g is exactly 0 at p (so a
 * breakpoint at x = 5 is tried at 5 itself, not at 4.999999999999999).
 */
export interface SearchHints {
  /** Variables in exponents: tried at whole and simple fractional values. */
  exponentVars?: readonly Node[];
  /** The magnitudes of the constants (2·10⁶ in tanh(x − 2·10⁶)): the search goes there too. */
  scales?: readonly number[];
  /**
   * Each variable's interval from the conditions (x > −10⁻⁹): the search tries between each end and
   * the breakpoints nearest it, where a side's domain can end inside the interval (√x on (−10⁻⁹, 0)).
   */
  intervals?: ReadonlyMap<Node, { lo?: Rational; hi?: Rational }>;
  /**
   * An argument's value with its sign certain, in precise arithmetic: roots of two arguments that
   * are one double (sin x − 1/2 and sin x − 1/2 − 10⁻³⁰) are narrowed with it until they part.
   */
  precise?: CertainValues;
}

export function searchPoints(
  vars: readonly Node[],
  breakpoints: readonly Node[],
  isZeroAt: (g: Node, p: Point) => boolean,
  hints: SearchHints = {},
): SearchPoints {
  const exponentVars = hints.exponentVars ?? [];
  const scales = (hints.scales ?? []).filter((c) => c > 1e6 || c < 1e-3);
  const extra = scales.flatMap((c) => [0.5, 0.9, 0.99, 1, 1.01, 1.1, 2].flatMap((f) => [c * f, -c * f]));
  const derivatives = new Map<string, Node | null>();
  const next = random(0x9e3779b9);
  const points: Point[] = [];
  const keys = new Set<string>();
  const push = (p: Point) => {
    checkBudget();
    const key = vars.map((v) => p.get(v)!.toString()).join(",");
    if (keys.has(key)) return;
    keys.add(key);
    points.push(p);
  };
  const friendly = vars.map((_, i) => Rational.of(2 + i, 2));
  push(new Map(vars.map((v, i) => [v, friendly[i]])));
  // A variable in an exponent takes whole and simple fractional values, with negative bases: there
  // (x^a)^b and x^(ab) part (x = −1, a = 2, b = 1/2), and √(x^a) is defined where √x^a is not.
  // Three patterns: neighbours in the list (a = 2, b = 1/2), all the same (a = b = 1/2), and the
  // rest summing to 1 with the first (a = 1/2, b = 1/2; a = 3/2, b = −1/2).
  if (exponentVars.length > 0) {
    const patterns: ((i: number, k: number) => Rational)[] = [
      (i, k) => EXPONENTS[(i + k) % EXPONENTS.length],
      (i) => EXPONENTS[i],
      (i, k) => (k === 0 ? EXPONENTS[i] : Rational.ONE.sub(EXPONENTS[i])),
    ];
    for (const pattern of patterns)
      for (let i = 0; i < EXPONENTS.length; i++)
        for (const base of BASES)
          push(
            new Map(
              vars.map((v) => {
                const k = exponentVars.indexOf(v);
                return [v, k >= 0 ? pattern(i, k) : base];
              }),
            ),
          );
  }
  // Both sides of each breakpoint, along each coordinate, from two base points.
  const bases = [friendly.map((q) => q.toNumber()), vars.map(() => Math.round((next() * 4 - 2) * 1000) / 1000 || 0.7)];
  const derivativeFor =
    (v: Node) =>
    (h: Node): Node | null => {
      const key = `${h.id}|${v.id}`;
      if (!derivatives.has(key)) derivatives.set(key, derivativeAlong(h, v));
      return derivatives.get(key)!;
    };
  // The breakpoints found along each variable from the first base, for the conditions' intervals.
  const rootsAlong = new Map<Node, Rational[]>(vars.map((v) => [v, []]));
  // Every argument's roots along each variable from each of the two bases, to try between them.
  const lines = vars.flatMap((v) => bases.map((_, b) => ({ v, b, roots: [] as LineRoot[] })));
  for (const g of breakpoints) {
    // In several variables a bump sits where the argument turns in every coordinate at once
    // (relu(0.01 − (x − 7)² − (y − 3)²) at (7, 3)): a third base, reached by moving one coordinate
    // at a time to a turning point of the argument.
    const summit = vars.length > 1 ? turningPoint(g, vars, bases[0], extra, derivativeFor) : null;
    if (summit) push(new Map(vars.map((w, i) => [w, decimal(summit[i], 12)])));
    for (const v of vars) {
      for (const baseValues of vars.length === 1 ? bases.slice(0, 1) : summit ? [...bases, summit] : bases) {
        const exactBase = new Map(vars.map((w, i) => [w, decimal(baseValues[i], 8)]));
        // A polynomial (or rational) argument has its roots found exactly, and a point in each of
        // its sign regions, however close its roots; anything else is scanned numerically.
        const exact = exactCrossings(g, v, exactBase);
        let exactRoots: Rational[];
        let turns: number[] = [];
        if (exact) exactRoots = exact.roots;
        else {
          const base = new Map(vars.map((w, i) => [w, baseValues[i]]));
          const found = zerosAlong(g, v, base, extra, derivativeFor(v));
          turns = found.turns;
          exactRoots = found.roots.map((r) => exactRoot(r, (q) => isZeroAt(g, new Map(exactBase).set(v, q))));
        }
        if (baseValues === bases[0]) rootsAlong.get(v)!.push(...exactRoots);
        const line = lines.find((l) => l.v === v && bases[l.b] === baseValues);
        line?.roots.push(...exactRoots.map((root) => ({ g, root })));
        for (const root of exactRoots) {
          const scale = Math.max(1, Math.abs(root.toNumber()));
          for (const delta of [0, 1e-12, 1e-7, 1e-3, 0.5]) {
            for (const side of delta === 0 ? [0] : [-1, 1]) {
              const q = delta === 0 ? root : root.add(decimal(side * delta * scale, 3));
              push(new Map(exactBase).set(v, q));
            }
          }
          // Steps of a few units too, not only of the root's size: beside tanh(x − 6·10⁶)'s switch
          // the sides are told apart only within a few units of it (absorption.ts), not 6,000 away.
          if (scale > 1)
            for (const delta of [0.1, 0.25, 1, 2, 3, 5, 10])
              for (const side of [-1, 1]) push(new Map(exactBase).set(v, root.add(decimal(side * delta, 3))));
          if (points.length > 240) break;
        }
        // Between two roots, however close, and at every turn: the inside of a narrow bump (found
        // exactly, each sign region, for a polynomial).
        for (const q of exact?.beside ?? []) push(new Map(exactBase).set(v, q));
        if (!exact)
          for (let k = 1; k < exactRoots.length; k++)
            push(new Map(exactBase).set(v, exactRoots[k - 1].add(exactRoots[k]).div(Rational.int(2))));
        for (const t of turns) push(new Map(exactBase).set(v, decimal(t, 15)));
        // A top that floats put at 0 (or within 10⁻⁹ of it) may rise above it by less than they see.
        const dg = hints.precise && turns.length > 0 ? derivativeFor(v)(g) : null;
        const base = new Map(vars.map((w, i) => [w, baseValues[i]]));
        let narrowed = 0;
        for (const t of dg ? turns : []) {
          if (narrowed >= MAX_TOUCHING_TURNS) break;
          if (!(Math.abs(evaluateAt(g, new Map(base).set(v, t))) <= 1e-9)) continue;
          narrowed++;
          for (const q of preciseTurn(dg!, v, exactBase, decimal(t, 15), hints.precise!))
            push(new Map(exactBase).set(v, q));
        }
      }
    }
  }
  // Each base as exact decimals once, not once per variable (a sum of 3,000 variables made 18 million).
  const exactBases = new Map<number, Point>();
  for (const { v, b, roots } of lines) {
    if (roots.length < 2) continue;
    checkBudget();
    let exactBase = exactBases.get(b);
    if (!exactBase) exactBases.set(b, (exactBase = new Map(vars.map((w, i) => [w, decimal(bases[b][i], 8)]))));
    for (const q of betweenRootsOfDifferentArguments(roots, v, exactBase, hints.precise))
      push(new Map(exactBase).set(v, q));
  }
  insideIntervals(vars, friendly, rootsAlong, hints.intervals, push);
  const nearBreakpoints = points.length - 1;
  // Every scale, with all signs positive, all negative, and alternating.
  const patterns = vars.length > 1 ? [1, -1, 0] : [1, -1];
  for (const s of [...SCALES, ...scales]) {
    for (const pattern of patterns) {
      push(
        new Map(
          vars.map((v, i) => {
            const sign = pattern === 0 ? (i % 2 === 0 ? 1 : -1) : pattern;
            return [v, decimal(sign * s * (1.1 + 0.2 * i + 0.01 * Math.floor(10 * next())), 3)];
          }),
        ),
      );
    }
  }
  for (let k = 0; k < 16; k++) {
    const width = k < 8 ? 3 : 20;
    push(new Map(vars.map((v) => [v, decimal((next() * 2 - 1) * width, 4)])));
  }
  // Every point so far is a short decimal, where sin(2π·10⁵ x) is 0 (any power of ten past the
  // digits): a few whose denominator is a prime other than 2 and 5, where no such product is whole.
  for (let k = 0; k < 4; k++)
    push(new Map(vars.map((v) => [v, Rational.of(Math.round((next() * 2 - 1) * 3 * PRIME), PRIME)])));
  if (vars.length > 0) push(new Map(vars.map((v) => [v, Rational.ZERO])));
  return { points, nearBreakpoints };
}
