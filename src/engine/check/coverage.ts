// Branch coverage of a sampled verdict. A piecewise function (abs, relu, leaky_relu, sign, step,
// hardtanh, max, min) takes one branch or another by the sign of an argument u, and two answers that
// agree wherever u < 0 may differ wherever u > 0: relu(sin(x) + sin(√2·x) − 1.9999) is 0 except on
// short intervals far out, where both sines are near 1 at once. An analytic difference cannot hide
// so (zero on an interval, it is zero everywhere); a branch can. So sampling says "equivalent" only
// when each side of each branch was taken at a point where the two answers were compared, or is shown
// never to be taken (interval bounds, signs of the parts, u ≡ 0), or a point where it is taken was
// found by a search aimed at it (and compared there). Otherwise the verdict is undecided, naming the
// branch.
import type { Node } from "../../graph/node.js";
import { ZERO, add, neg, sub } from "../../graph/construct.js";
import { rethrowStop } from "../../errors.js";
import { Rational } from "../../numeric/rational.js";
import { checkBudget } from "../../budget.js";
import { scalarKernel } from "../scalar-kernel.js";
import { expand } from "../expand.js";
import { provedEqual } from "./canonical.js";
import { type Value, evaluatePrecise, signOf } from "./precise.js";
import { type Point, decimal, exactCrossings, random } from "./points.js";
import { childrenOf, freeSymbols } from "../../graph/traverse.js";
import { type Branch, branchArguments } from "./branches.js";
import { isNonnegative, signsFrom } from "./positivity.js";
import { type Box, type Interval, boundedAbove, bounds } from "./intervals.js";

/** Every branch argument in the roots, each once, in the order met (inner ones first). */
export function branchesOf(roots: readonly Node[]): Branch[] {
  const found: Branch[] = [];
  const seen = new Set<Node>();
  const walk = (n: Node): void => {
    if (seen.has(n)) return;
    seen.add(n);
    if (n.kind !== "add" && n.kind !== "mul" && n.kind !== "pow" && n.kind !== "apply") return;
    childrenOf(n).forEach(walk);
    // A closed argument (relu(π − 3)) has one sign at every point: the one branch there is.
    for (const b of branchArguments(n))
      if (freeSymbols(b.u).length > 0 && !found.some((f) => f.u === b.u)) found.push(b);
  };
  roots.forEach(walk);
  return found;
}

/** The signs each branch argument took at the points where the two sides were compared. */
export class Coverage {
  private readonly seen: Set<number>[];

  constructor(
    readonly branches: readonly Branch[],
    private readonly digits: number,
  ) {
    this.seen = branches.map(() => new Set<number>());
  }

  /** Records the signs at a point where the sides agreed; `memo` holds what their evaluation computed. */
  record(point: Point, memo: Map<Node, Value>): void {
    this.branches.forEach((b, i) => {
      if (this.seen[i].has(-1) && this.seen[i].has(1)) return;
      const v = evaluatePrecise(b.u, point, this.digits, memo);
      const s = typeof v === "string" ? null : signOf(v);
      if (s !== null) this.seen[i].add(s);
    });
  }

  /** The sides of branches never taken at a compared point. */
  missing(): { branch: Branch; sign: -1 | 1 }[] {
    const out: { branch: Branch; sign: -1 | 1 }[] = [];
    this.branches.forEach((branch, i) => {
      for (const sign of [1, -1] as const) if (!this.seen[i].has(sign)) out.push({ branch, sign });
    });
    return out;
  }

  /** Whether the side was taken at a compared point, or settled. */
  taken(branch: Branch, sign: -1 | 1): boolean {
    return this.seen[this.branches.indexOf(branch)].has(sign);
  }

  /** Marks a side as settled: shown never to be taken. */
  settle(branch: Branch, sign: -1 | 1): void {
    this.seen[this.branches.indexOf(branch)].add(sign);
  }
}

/** g in floats at a point given as coordinates in the order of `vars` (NaN where it is not a number). */
function floatKernel(g: Node, vars: readonly Node[]): (p: readonly number[]) => number {
  try {
    const k = scalarKernel(g, vars);
    return (p) => {
      const y = k(p);
      return Number.isFinite(y) ? y : NaN;
    };
  } catch (err) {
    rethrowStop(err);
    return () => NaN;
  }
}

/**
 * The signs a polynomial (or a quotient of two) in one variable takes, from its exact real roots and
 * a point in each region between them: x² + 2x + 4 is never negative. Both signs when it is not one.
 */
function signsOfPolynomial(u: Node, v: Node, digits: number): number[] {
  const regions = exactCrossings(u, v, new Map());
  if (!regions) return [-1, 1];
  const signs: number[] = [];
  for (const q of [...regions.roots, ...regions.beside, Rational.ZERO, Rational.ONE]) {
    const value = evaluatePrecise(u, new Map([[v, q]]), digits);
    const s = typeof value === "string" ? null : signOf(value);
    if (s !== null && !signs.includes(s)) signs.push(s);
  }
  return signs;
}

/** v with the sign of u (or the opposite sign) wherever u is not 0: sign(v), relu(v), −3·hardtanh(v). */
function sameSign(u: Node): { v: Node; sign: -1 | 1 } | null {
  if (u.kind === "mul" && u.factors.length === 2 && u.factors[0].kind === "num") {
    const k = u.factors[0].value.sign();
    return k !== 0 ? { v: u.factors[1], sign: k } : null;
  }
  if (u.kind !== "apply" || u.shape.length > 0) return null;
  const [v, alpha] = u.args;
  if (u.op === "sign" || u.op === "hardtanh" || u.op === "relu") return { v, sign: 1 };
  if (u.op === "leaky_relu" && alpha?.kind === "num" && alpha.value.sign() > 0) return { v, sign: 1 };
  return null;
}

/** u with its products and powers multiplied out, or null when that fails. */
function expandedOrNull(u: Node): Node | null {
  try {
    return expand(u);
  } catch (err) {
    rethrowStop(err);
    return null;
  }
}

/** A condition as a margin m that is > 0 (or ≥ 0, not strict) where it holds: x > y is x − y. */
interface Margin {
  m: Node;
  strict: boolean;
}

function marginsOf(conditions: readonly Node[]): Margin[] {
  const found: Margin[] = [];
  for (const c of conditions) {
    if (c.kind !== "rel") continue;
    const d = sub(c.left, c.right);
    if (c.op === ">" || c.op === ">=") found.push({ m: d, strict: c.op === ">" });
    else if (c.op === "<" || c.op === "<=") found.push({ m: neg(d), strict: c.op === "<" });
    else if (c.op === "=" || c.op === "==") found.push({ m: d, strict: false }, { m: neg(d), strict: false });
  }
  return found;
}

/** How many pieces the interval proof may cut the domain into. */
const MAX_BOXES = 1500;

/**
 * Whether sign·u > 0 is shown to happen nowhere (where u is defined and the conditions' intervals
 * hold): by the signs of its parts, as u ≡ 0 in canonical form, or by interval bounds on pieces.
 * Candidates where it may happen (found by the bounds' pieces) are returned otherwise.
 */
export function neverTaken(
  u: Node,
  sign: -1 | 1,
  vars: readonly Node[],
  conditions: readonly Node[],
  intervals: ReadonlyMap<Node, { lo?: Rational; hi?: Rational }>,
  digits: number,
): { never: boolean; candidates: number[][] } {
  // The graph keeps −(x + 10⁻³⁰) whole, so max(x, x + 10⁻³⁰)'s difference x − (x + 10⁻³⁰) has an x in
  // it until it is expanded: then it is a number, of one sign.
  const expanded = expandedOrNull(u);
  if (expanded && freeSymbols(expanded).length === 0) {
    const value = evaluatePrecise(expanded, new Map(), digits);
    const s = typeof value === "string" ? null : signOf(value);
    return { never: s !== null && s !== sign, candidates: [] };
  }
  const g = sign > 0 ? u : neg(u);
  if (isNonnegative(neg(g), signsFrom(conditions))) return { never: true, candidates: [] };
  // A function with its argument's sign (sign, hardtanh, leaky_relu, relu where > 0), or a multiple of
  // one: the indicator of a relation holds sign(d) inside abs, and sign(d) < 0 only where d < 0.
  const inner = sameSign(u);
  if (inner && neverTaken(inner.v, (sign * inner.sign) as -1 | 1, vars, conditions, intervals, digits).never)
    return { never: true, candidates: [] };
  try {
    if (provedEqual(u, ZERO, conditions)) return { never: true, candidates: [] };
  } catch (err) {
    rethrowStop(err);
  }
  // The conditions themselves: relu(y − x) for x ≥ y, where y − x is minus the margin x − y.
  const margins = marginsOf(conditions);
  for (const { m } of margins) {
    const total = add(g, m);
    if (total.kind === "num" ? total.value.isZero() : provedEqual(g, neg(m), conditions))
      return { never: true, candidates: [] };
  }
  const own = freeSymbols(u);
  if (own.length === 1 && !signsOfPolynomial(u, own[0], digits).includes(sign)) return { never: true, candidates: [] };
  const box = new Map<Node, Interval>();
  for (const [v, r] of intervals)
    box.set(v, { lo: r.lo ? r.lo.toNumber() : -Infinity, hi: r.hi ? r.hi.toNumber() : Infinity });
  // Ends as floats may move inward by a rounding: outward by one part in 10¹⁵.
  for (const r of box.values()) {
    r.lo -= Math.abs(r.lo) * 1e-15;
    r.hi += Math.abs(r.hi) * 1e-15;
  }
  const at = floatKernel(g, vars);
  // A piece where a condition fails throughout needs nothing shown.
  const outside = (piece: Box) =>
    margins.some(({ m, strict }) => {
      const hi = bounds(m, piece).hi;
      return strict ? hi <= 0 : hi < 0;
    });
  const search = boundedAbove(g, vars, box, at, MAX_BOXES, outside);
  if (search.proved) return { never: true, candidates: [] };
  // Midpoints of pieces far out (16ᵏ) are left to the scans: points past 10⁹ are slow to evaluate precisely.
  const candidates = search.above
    .map((p) => vars.map((v) => p.get(v)!))
    .filter((p) => p.every((x) => Math.abs(x) <= 1e9));
  return { never: false, candidates };
}

/** Pattern search for a larger f from p, with first steps h; stops once f > 0 or the steps vanish. */
function climb(f: (p: readonly number[]) => number, start: readonly number[], h0: readonly number[]): number[] {
  const p = [...start];
  let fp = f(p);
  const h = [...h0];
  for (let evaluations = 0; evaluations < 600 && !(fp > 0);) {
    let moved = false;
    for (let i = 0; i < p.length; i++)
      for (const dir of [1, -1]) {
        const q = [...p];
        q[i] += dir * h[i];
        const fq = f(q);
        evaluations++;
        if (fq > fp) {
          p[i] = q[i];
          fp = fq;
          moved = true;
          h[i] *= 2;
          break;
        }
      }
    if (!moved) {
      let small = true;
      for (let i = 0; i < p.length; i++) {
        h[i] /= 4;
        if (h[i] > 1e-15 * Math.max(1, Math.abs(p[i]))) small = false;
      }
      if (small) break;
    }
  }
  return p;
}

/** The indices of the highest local maxima of a scan's values, the highest first. */
function peaks(values: readonly number[], count: number): number[] {
  const found: number[] = [];
  for (let k = 0; k < values.length; k++) {
    const y = values[k];
    if (Number.isNaN(y)) continue;
    const left = k > 0 ? values[k - 1] : -Infinity;
    const right = k + 1 < values.length ? values[k + 1] : -Infinity;
    if (!(y >= (Number.isNaN(left) ? -Infinity : left) && y >= (Number.isNaN(right) ? -Infinity : right))) continue;
    found.push(k);
  }
  return found.sort((i, j) => values[j] - values[i]).slice(0, count);
}

/** The float point as exact short decimals where sign·u > 0 holds in precise arithmetic, if any. */
function confirmed(u: Node, sign: -1 | 1, vars: readonly Node[], p: readonly number[], digits: number): Point | null {
  for (const d of [3, 6, 10, 14, 17]) {
    const point: Point = new Map(vars.map((v, i) => [v, decimal(p[i], d)]));
    const value = evaluatePrecise(u, point, digits);
    if (typeof value !== "string" && signOf(value) === sign) return point;
  }
  return null;
}

/** Scan widths tried along each coordinate, and the points in each scan. */
const SCAN_RADII = [10, 100, 1000, 1e4];
const SCAN_POINTS = 2000;

/**
 * Points where sign·u > 0, exactly, looked for by climbing from the best starts (the compared points
 * where sign·u came nearest, and pieces the bounds could not close), then by scans along each
 * coordinate at four widths and random points in growing boxes, each followed by a climb from its
 * best few. At most `want` points; none when the deadline passes.
 */
export function pointsTaking(
  u: Node,
  sign: -1 | 1,
  vars: readonly Node[],
  starts: readonly Point[],
  hints: readonly number[][],
  conditions: readonly Node[],
  intervals: ReadonlyMap<Node, { lo?: Rational; hi?: Rational }>,
  digits: number,
  deadline: number,
  want = 1,
): Point[] {
  const kernel = floatKernel(u, vars);
  // Inside the conditions too: the least of sign·u and the conditions' margins is to rise above 0.
  const margins = marginsOf(conditions).map(({ m }) => floatKernel(m, vars));
  const f = (p: readonly number[]) => {
    let y = sign * kernel(p);
    for (const m of margins) y = Math.min(y, m(p));
    return Number.isNaN(y) ? -Infinity : y;
  };
  const found: Point[] = [];
  const keys = new Set<string>();
  const offer = (p: readonly number[]): boolean => {
    if (!(f(p) > 0)) return false;
    const point = confirmed(u, sign, vars, p, digits);
    if (!point) return false;
    const key = vars.map((v) => point.get(v)!.toString()).join(",");
    if (!keys.has(key)) {
      keys.add(key);
      found.push(point);
    }
    return found.length >= want;
  };
  const late = () => {
    checkBudget();
    return Date.now() > deadline;
  };
  const stepFor = (x: number, share: number) => share * Math.max(1, Math.abs(x));
  const fromStarts = [
    ...hints,
    ...starts
      .map((p) => vars.map((v) => p.get(v)!.toNumber()))
      .sort((p, q) => f(q) - f(p))
      .slice(0, 6),
  ];
  for (const p of fromStarts) {
    if (late()) return found;
    if (offer(p)) return found;
    for (const share of [0.01, 0.3])
      if (
        offer(
          climb(
            f,
            p,
            p.map((x) => stepFor(x, share)),
          ),
        )
      )
        return found;
  }
  let best = fromStarts[0] ?? vars.map(() => 0);
  const inside = (v: Node, x: number) => {
    const r = intervals.get(v);
    return (!r?.lo || x >= r.lo.toNumber()) && (!r?.hi || x <= r.hi.toNumber());
  };
  // Along each coordinate through the best point so far, at four widths.
  for (const radius of SCAN_RADII)
    for (let i = 0; i < vars.length; i++) {
      if (late()) return found;
      const r = intervals.get(vars[i]);
      const lo = Math.max(-radius, r?.lo ? r.lo.toNumber() : -Infinity);
      const hi = Math.min(radius, r?.hi ? r.hi.toNumber() : Infinity);
      if (!(hi > lo)) continue;
      const step = (hi - lo) / SCAN_POINTS;
      const ts: number[] = [];
      const values: number[] = [];
      for (let k = 0; k <= SCAN_POINTS; k++) {
        const p = [...best];
        p[i] = lo + k * step;
        ts.push(p[i]);
        values.push(f(p));
      }
      for (const k of peaks(values, 4)) {
        const p = [...best];
        p[i] = ts[k];
        if (offer(p)) return found;
        const h = best.map((x) => stepFor(x, 0.01));
        h[i] = step / 2;
        const top = climb(f, p, h);
        if (offer(top)) return found;
        if (f(top) > f(best)) best = top;
      }
    }
  if (vars.length < 2) return found;
  // In several variables: random points in boxes around 0, then a climb from the best few.
  const next = random(0x5bd1e995);
  for (const radius of [1, 10, 100, 1000]) {
    if (late()) return found;
    const tried: number[][] = [];
    for (let k = 0; k < 400; k++) {
      const p = vars.map(() => (next() * 2 - 1) * radius);
      if (vars.every((v, j) => inside(v, p[j]))) tried.push(p);
    }
    tried.sort((p, q) => f(q) - f(p));
    for (const p of tried.slice(0, 4)) {
      if (offer(p)) return found;
      if (
        offer(
          climb(
            f,
            p,
            p.map(() => radius / 20),
          ),
        )
      )
        return found;
    }
  }
  return found;
}

/** Why a sampled verdict is not given: the side of a branch that was never compared. */
export function uncovered(branch: Branch, sign: -1 | 1): string {
  return `${branch.subject()} was never ${branch.sides()[sign]} at the points tried, so where it is, the two sides were not compared`;
}
