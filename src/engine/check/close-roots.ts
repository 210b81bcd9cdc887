// Between the breakpoints of different expressions. Each side's breakpoints are tried, and beside
// them, but two sides that part only between a root of one argument and a root of another were
// not: x ≤ 1 against x < 1 + 10⁻³⁰ differ only on (1, 1 + 10⁻³⁰], and step(sin x − 1/2) against
// step(sin x − 1/2 − 10⁻³⁰) between two roots that are one double. Along each line of the search the
// roots of all the arguments are put in order, roots that floats cannot tell apart are narrowed in
// precise arithmetic, and the shortest decimal between each two neighbours of different arguments
// is tried: a point of every region the arguments' signs cut the line into, however narrow.
import type { Node } from "../../graph/node.js";
import { rethrowStop } from "../../errors.js";
import { Rational } from "../../numeric/rational.js";
import { shortestDecimalBetween } from "./real-roots.js";

type Point = Map<Node, Rational>;

/** Precise evaluation for narrowing roots. */
export interface CertainValues {
  /**
   * g's value at p, computed precisely enough that its sign is certain (0 only when it is exactly
   * 0), or null when that sign is not known (undefined there, or within rounding of 0).
   */
  at(g: Node, p: Point): Rational | null;
  /** The digits it computes with: a root is narrowed no further than that (relative to its size). */
  digits: number;
}

/** A root of the argument `g` along the line, as the search found it (exact, or a float's decimal). */
export interface LineRoot {
  g: Node;
  root: Rational;
}

/** A root narrowed to [lo, hi] (g of opposite signs at the ends, or lo = hi where g is 0). */
interface Bracket {
  g: Node;
  lo: Rational;
  hi: Rational;
}

/** Roots this close (relative to their size) may be one double apart, or the same double. */
const CLOSE = 1e-9;
/** At most this many clusters of close roots narrowed on one line, and this many points between. */
const MAX_CLUSTERS = 4;
const MAX_BETWEEN = 16;
/**
 * Gaps wider than this (relative to the roots' size) need no point of their own: the search tries
 * 10⁻¹², 10⁻⁷, 10⁻³ and 0.5 (times the size) to either side of every root, one of which is inside.
 */
const WIDE = 1e-6;
/** Precise evaluations for all the narrowing on one line: each is costly (sin to 70 digits). */
const MAX_EVALUATIONS = 400;
/** Narrowing steps for one root: false position converges fast; every fourth step halves. */
const MAX_STEPS = 48;

const scaleOf = (q: Rational) => Math.max(1, Math.abs(q.toNumber()));

/**
 * The shortest decimal inside (lo, hi) within `resolution` of c (and nearer still when lo and hi
 * are): a narrowing's points carry no more digits than its precision needs.
 */
function near(c: Rational, lo: Rational, hi: Rational, resolution: Rational): Rational {
  const quarter = hi.sub(lo).div(Rational.int(4));
  const slack = quarter.compare(resolution) < 0 ? quarter : resolution;
  const a = c.sub(slack).compare(lo) > 0 ? c.sub(slack) : lo;
  const b = c.add(slack).compare(hi) < 0 ? c.add(slack) : hi;
  return shortestDecimalBetween(a, b);
}

/** A point within 10⁻¹¹ of r where g has the other sign (or is 0), and r: a bracket of a root. */
function signChangeNear(
  at: (q: Rational) => Rational | null,
  r: Rational,
  fr: Rational,
): { lo: Rational; hi: Rational; flo: Rational; fhi: Rational } | null {
  for (const delta of [1e-14, 1e-11]) {
    const d = Rational.fromFloat(delta * scaleOf(r));
    for (const q of [r.sub(d), r.add(d)]) {
      const fq = at(q);
      if (fq === null) continue;
      if (fq.isZero()) return { lo: q, hi: q, flo: fq, fhi: fq };
      if (fq.sign() !== fr.sign())
        return q.compare(r) < 0 ? { lo: q, hi: r, flo: fq, fhi: fr } : { lo: r, hi: q, flo: fr, fhi: fq };
    }
  }
  return null;
}

/**
 * The root of g near r narrowed, in precise arithmetic, to 10^−digits (relative) or until the sign
 * at the next point is not certain (or g is exactly 0 there): false position with the Illinois
 * halving, a bisection every fourth step. Null when no sign change is found within 10⁻¹¹ of r.
 */
function narrow(
  at: (q: Rational) => Rational | null,
  r: Rational,
  digits: number,
): { lo: Rational; hi: Rational } | null {
  const fr = at(r);
  if (fr === null) return null;
  if (fr.isZero()) return { lo: r, hi: r };
  const bracket = signChangeNear(at, r, fr);
  if (!bracket) return null;
  if (bracket.lo.equals(bracket.hi)) return bracket;
  let { lo: a, hi: b, flo: fa, fhi: fb } = bracket;
  let kept = 0;
  let last = r;
  const enough = Rational.fromFloat(scaleOf(r)).div(Rational.int(10n ** BigInt(digits)));
  const resolution = enough.div(Rational.int(1000));
  for (let step = 0; step < MAX_STEPS && b.sub(a).compare(enough) > 0; step++) {
    const estimate = step % 4 === 3 ? a.add(b).div(Rational.int(2)) : a.mul(fb).sub(b.mul(fa)).div(fb.sub(fa));
    const c = near(estimate, a, b, resolution);
    if (c.compare(a) <= 0 || c.compare(b) >= 0) break;
    last = c;
    const fc = at(c);
    if (fc === null) break;
    if (fc.isZero()) return { lo: c, hi: c };
    if (fc.sign() === fb.sign()) {
      b = c;
      fb = fc;
      if (kept === -1) fa = fa.div(Rational.int(2));
      kept = -1;
    } else {
      a = c;
      fa = fc;
      if (kept === 1) fb = fb.div(Rational.int(2));
      kept = 1;
    }
  }
  // False position closes in from one side, and its last point may be too near the root for a sign:
  // both ends are brought in to points beside that point, a little further out each round, until
  // each has a certain sign.
  const THOUSAND = Rational.int(1000);
  for (let round = 0, delta = enough; round < 12; round++, delta = delta.mul(THOUSAND)) {
    let moved = 0;
    for (const q of [last.sub(delta), last.add(delta)]) {
      if (q.compare(a) <= 0 || q.compare(b) >= 0) continue;
      const fq = at(q);
      if (fq === null) continue;
      if (fq.isZero()) return { lo: q, hi: q };
      if (fq.sign() === fa.sign()) a = q;
      else b = q;
      moved++;
    }
    if (moved === 2 || last.sub(delta).compare(a) <= 0 || last.add(delta).compare(b) >= 0) break;
  }
  return { lo: a, hi: b };
}

/**
 * A turn of an argument found in floats, narrowed as a root of its derivative `dg` in precise
 * arithmetic: where the argument's top only touches 0 in floats (sin x − 1 + 10⁻⁴⁰ is positive only
 * within 10⁻²⁰ of π/2), points near the narrowed turn are on the bump. They are the turn rounded to
 * 20, 30 and 45 digits and half the working digits, shortest first (a counterexample as short as
 * the bump allows), and the turn itself. None when the derivative's sign does not change within
 * 10⁻¹¹ of the float turn.
 */
export function preciseTurn(dg: Node, v: Node, base: Point, turn: Rational, precise: CertainValues): Rational[] {
  let evaluations = 0;
  const at = (q: Rational) => (++evaluations > MAX_EVALUATIONS ? null : precise.at(dg, new Map(base).set(v, q)));
  let narrowed: { lo: Rational; hi: Rational } | null;
  try {
    narrowed = narrow(at, turn, precise.digits);
  } catch (err) {
    rethrowStop(err);
    return [];
  }
  if (!narrowed) return [];
  const { lo, hi } = narrowed;
  const top = lo.equals(hi) ? lo : shortestDecimalBetween(lo, hi);
  const scale = Rational.fromFloat(scaleOf(top));
  const rounded: Rational[] = [];
  // A smooth top rises as the square of the distance from it: half the digits place a point on it.
  for (const digits of [20, 30, 45, Math.ceil(precise.digits / 2) + 10]) {
    const within = scale.div(Rational.int(10n ** BigInt(digits)));
    if (hi.sub(lo).compare(within) >= 0) break;
    const q = shortestDecimalBetween(top.sub(within), top.add(within));
    if (!rounded.some((r) => r.equals(q))) rounded.push(q);
  }
  return [...rounded, top].filter((q, i, all) => all.findIndex((r) => r.equals(q)) === i);
}

/**
 * Points between neighbouring roots of different arguments along v through `base`: the shortest
 * decimal strictly between them, in gaps narrower than 10⁻⁶ (relative), nearest 0 first. Roots
 * within 10⁻⁹ of each other (relative) are narrowed in precise arithmetic first, so two that are one
 * double are told apart when they differ.
 */
export function betweenRootsOfDifferentArguments(
  roots: readonly LineRoot[],
  v: Node,
  base: Point,
  precise: CertainValues | undefined,
): Rational[] {
  const sorted = [...roots].sort((p, q) => p.root.compare(q.root));
  if (new Set(sorted.map((r) => r.g)).size < 2) return [];
  const brackets: Bracket[] = sorted.map(({ g, root }) => ({ g, lo: root, hi: root }));
  // Clusters of close roots of more than one argument, nearest 0 first: each root narrowed.
  const clusters: Bracket[][] = [];
  for (let i = 0; i < brackets.length;) {
    let j = i + 1;
    while (
      j < brackets.length &&
      Math.abs(brackets[j].lo.sub(brackets[j - 1].lo).toNumber()) <= CLOSE * scaleOf(brackets[j].lo)
    )
      j++;
    const members = brackets.slice(i, j);
    if (members.some((m) => m.g !== members[0].g)) clusters.push(members);
    i = j;
  }
  const distance = (c: Bracket[]) => Math.abs(c[0].lo.toNumber());
  clusters.sort((p, q) => distance(p) - distance(q));
  let evaluations = 0;
  for (const members of precise ? clusters.slice(0, MAX_CLUSTERS) : [])
    for (const m of members) {
      const at = (q: Rational) => (++evaluations > MAX_EVALUATIONS ? null : precise!.at(m.g, new Map(base).set(v, q)));
      try {
        const narrowed = narrow(at, m.lo, precise!.digits);
        if (narrowed) [m.lo, m.hi] = [narrowed.lo, narrowed.hi];
      } catch (err) {
        rethrowStop(err);
      }
    }
  brackets.sort((p, q) => p.lo.compare(q.lo) || p.hi.compare(q.hi));
  const between: Rational[] = [];
  for (let k = 1; k < brackets.length; k++) {
    const [p, q] = [brackets[k - 1], brackets[k]];
    if (p.g === q.g || p.hi.compare(q.lo) >= 0) continue;
    const width = q.lo.sub(p.hi).toNumber() / scaleOf(q.lo);
    if (width < WIDE) between.push(shortestDecimalBetween(p.hi, q.lo));
  }
  // The nearest 0 first: a counterexample easier to read.
  between.sort((p, q) => Math.abs(p.toNumber()) - Math.abs(q.toNumber()));
  return between.slice(0, MAX_BETWEEN);
}
