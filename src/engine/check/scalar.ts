// `check` on two scalar expressions, in tiers: (1) a proof by canonical forms; (2) a search for a
// difference — or for a point where only one side is defined — at many scales and on both sides of
// every breakpoint, in exact or error-bounded decimal arithmetic, every counterexample re-evaluated
// at a higher precision before it is reported; (3) only then "equivalent, not proved", and only when
// every side of every piecewise function's branch was compared somewhere or shown never taken
// (coverage.ts).
import type { Node } from "../../graph/node.js";
import { sub, tuple } from "../../graph/construct.js";
import { madeOfPieces } from "../../graph/operators.js";
import { childrenOf, findInside, freeSymbols, rewrite } from "../../graph/traverse.js";
import { toText } from "../../graph/print/forms.js";
import { provedEqual } from "./canonical.js";
import { type Point, breakpointExpressions, decimal, searchPoints } from "./points.js";
import {
  type Approx,
  type Value,
  certainlyDifferent,
  evaluatePrecise,
  informative,
  showRational,
  showValue,
  signOf,
} from "./precise.js";
import type { Comparison } from "./comparison.js";
import { Rational } from "../../numeric/rational.js";
import { evaluateAt } from "../numeric-eval.js";
import { TOTAL_FUNCTIONS } from "./typed-domain.js";
import { isPositive } from "./positivity.js";
import { Coverage, branchesOf, neverTaken, pointsTaking, uncovered } from "./coverage.js";
import { conditionIntervals } from "./conditions.js";
import { intern } from "../../graph/node.js";
import { checkBudget, currentLimits } from "../../budget.js";
import { ZERO, add, apply, div, mul, neg, num, sqrt } from "../../graph/construct.js";
import { expand } from "../expand.js";
import { differentiate } from "../differentiate.js";
import { substitute } from "../substitute.js";
import { exactZeros } from "./exact-roots.js";
import { rethrowStop } from "../../errors.js";
import { absorptionAt } from "./absorption.js";

const DIGITS = 40;
const CONFIRM_DIGITS = 90;
/** The most digits a constant can ask for (a 10⁻⁴⁰⁰ offset is seen; past it only exact values tell). */
const MAX_DIGITS = 400;
/**
 * The most digits a point is evaluated with to see what a sum absorbs there: σ(1000) is 1 − e⁻¹⁰⁰⁰
 * (about 1 − 10⁻⁴³⁴), which 40 digits round to 1, so that point takes 40 + 435 (absorption.ts).
 * decimal.js's ln, sin and cos stop near 1,025 digits; exp at 1,000 digits takes 0.15 s, ln 0.4 s.
 * A point that needs more is not informative: the sides agreeing there proves nothing.
 */
const ABSORBED_CAP = 1000;
/**
 * Points that need at most this many digits are evaluated with them as they come (exp and ln take
 * under 10 ms at 250); the others at the usual digits first, and with theirs after the search,
 * fewest first: all of them when too few points agreed, else the first few.
 */
const CHEAP_DIGITS = 250;
const COSTLY_WHEN_AGREED = 2;
/** …and those only when they need at most this many digits (exp and ln take about 0.1 s at 600). */
const COSTLY_DIGITS_WHEN_AGREED = 600;
/** Agreement at fewer points than this is not called equivalence. */
const MIN_AGREEMENT = 12;
/** The share of the statement's time limit the search may take. */
const SEARCH_SHARE = 0.4;

const isPositiveNumber = (n: Node) => n.kind === "num" && n.value.sign() > 0;

/** a − b with b's terms negated one by one, so terms the sides share cancel (the graph keeps −(u + v) whole). */
const difference = (a: Node, b: Node): Node => (b.kind === "add" ? add(a, ...b.terms.map(neg)) : sub(a, b));

/** The subexpressions that restrict a side's domain (log's argument, a denominator, a root's base, …). */
function restrictions(root: Node): Set<Node> {
  const found = new Set<Node>();
  const seen = new Set<Node>();
  const walk = (n: Node): void => {
    if (seen.has(n)) return;
    seen.add(n);
    // A positive whole power, and any power of e or of a positive number (e^u), is defined everywhere.
    if (
      n.kind === "pow" &&
      !(n.exp.kind === "num" && n.exp.value.isInteger() && n.exp.value.sign() > 0) &&
      !((n.base.kind === "const" && n.base.name === "e") || isPositiveNumber(n.base))
    )
      found.add(n);
    if (n.kind === "apply" && !TOTAL_FUNCTIONS.has(n.op)) found.add(n);
    if (n.kind === "add") n.terms.forEach(walk);
    else if (n.kind === "mul") n.factors.forEach(walk);
    else if (n.kind === "pow") [n.base, n.exp].forEach(walk);
    else if (n.kind === "apply") n.args.forEach(walk);
  };
  walk(root);
  return found;
}

function sameDomainsByForm(a: Node, b: Node): boolean {
  const ra = restrictions(a);
  const rb = restrictions(b);
  if (ra.size !== rb.size) return false;
  for (const r of ra) if (!rb.has(r)) return false;
  return true;
}

function showPoint(point: Point, vars: readonly Node[]): Record<string, string> {
  return Object.fromEntries(vars.map((v) => [toText(v), showRational(point.get(v)!)]));
}

/** The gap a − b is certainly not 0 at the point (beyond a generous multiple of its error bound). */
function gapIsNonzero(gap: Node | null, point: Point, digits: number): boolean {
  if (gap === null) return false;
  if (gap.kind === "num") return !gap.value.isZero();
  const g = evaluatePrecise(gap, point, digits);
  if (!defined(g)) return false;
  if (g.q) return !g.q.isZero();
  return g.d.abs().gt(g.err.mul(1000));
}

/** Both sides with digits enough to show a difference the size of the gap (10⁻⁵⁰ needs 50 and more). */
function showable(a: Node, b: Node, gap: Node | null, point: Point, fallback: Evaluated, digits: number): Evaluated {
  if (gap === null) return fallback;
  const g = evaluatePrecise(gap, point, digits);
  if (!defined(g) || !defined(fallback.a) || g.d.isZero()) return fallback;
  const size = fallback.a.d.abs().add(1);
  const needed = Math.ceil(size.div(g.d.abs()).log(10).toNumber()) + 6;
  if (!(needed > digits - 10)) return fallback;
  const more = evaluateBoth(a, b, point, Math.min(2 * MAX_DIGITS, needed + 10));
  return defined(more.a) && defined(more.b) ? more : fallback;
}

/** What the search needs to know about the two sides, from one walk over them. */
interface Facts {
  /** A float is in them: the graph's float arithmetic carries no error bound. */
  hasFloat: boolean;
  /** The magnitudes of the constants (|c| for each rational c ≠ 0), the first few. */
  scales: number[];
  /**
   * Digits beyond the usual 40 that the constants ask for: 10⁻⁵⁰ added to something of size 1 is
   * seen only with more than 50. Constants of up to 15 digits ask for none.
   */
  extraDigits: number;
  /** The variables in exponents (x^a, 2^(n+1)): they get whole and fractional values in the search. */
  exponentVars: Node[];
}

function factsOf(...roots: Node[]): Facts {
  const facts: Facts = { hasFloat: false, scales: [], extraDigits: 0, exponentVars: [] };
  const closed = new Map<Node, boolean>();
  const addScale = (c: number) => {
    if (Number.isFinite(c) && c > 0 && !facts.scales.includes(c) && facts.scales.length < 12) facts.scales.push(c);
  };
  // Returns whether n is closed (no variable in it): exp(30), 2^40, √2 are constants too, of their size.
  const walk = (n: Node): boolean => {
    const known = closed.get(n);
    if (known !== undefined) return known;
    closed.set(n, false);
    if (n.kind === "float") facts.hasFloat = true;
    if (n.kind === "num" && !n.value.isZero()) {
      const q = n.value;
      if (facts.scales.length < 8) addScale(Math.abs(q.toNumber()));
      const length = Math.max((q.num < 0n ? -q.num : q.num).toString().length, q.den.toString().length);
      if (length > 15) facts.extraDigits = Math.max(facts.extraDigits, length);
    }
    if (n.kind === "pow" && n.exp.kind !== "num" && n.exp.kind !== "float" && n.base.kind !== "const")
      for (const v of freeSymbols(n.exp)) if (!facts.exponentVars.includes(v)) facts.exponentVars.push(v);
    const kids = childrenOf(n).map(walk);
    const isClosed = n.kind !== "sym" && n.kind !== "bigop" && kids.every(Boolean);
    if (isClosed && n.kind !== "num" && n.kind !== "float" && n.shape.length === 0)
      addScale(Math.abs(evaluateAt(n, new Map())));
    closed.set(n, isClosed);
    return isClosed;
  };
  roots.forEach(walk);
  return facts;
}

/**
 * The root of g along v as an exact closed node, when g is linear in v with closed coefficients
 * (−2(x − π) gives π): the search's points are rationals, and the double nearest π misses a bump
 * 10⁻⁴⁰ wide.
 */
function linearRoot(g: Node, v: Node, rational = false): Node | null {
  try {
    const k = differentiate(g, v);
    if (k.kind === "num" ? k.value.isZero() : freeSymbols(k).length > 0) return null;
    const c = substitute(g, new Map([[v, ZERO]]));
    if (freeSymbols(c).length > 0) return null;
    const r = div(neg(c), k);
    return (r.kind === "num" && !rational) || freeSymbols(r).length > 0 ? null : r;
  } catch (err) {
    rethrowStop(err);
    return null;
  }
}

/**
 * The arguments of piecewise functions, expanded when they are closed: at x = (1 + √7)/3, the graph
 * keeps 3x² − 2x − 2 as (1 + √7)²/3 − 2 − 2(1 + √7)/3, which expands to 0, and step of it is 1
 * exactly (its value within rounding of 0 has no certain sign).
 */
function settled(n: Node): Node {
  if (!findInside(n, (m) => m.kind === "apply" && madeOfPieces(m.op))) return n;
  return rewrite(n, (m) => {
    if (m.kind !== "apply" || !madeOfPieces(m.op)) return undefined;
    const args = m.args.map((u) => {
      if (u.kind === "num" || freeSymbols(u).length > 0) return u;
      const e = expand(u);
      return e.kind === "num" ? e : u;
    });
    return args.every((u, i) => u === m.args[i]) ? m : apply(m.op, args);
  });
}

const largeRational = (m: Node) =>
  m.kind === "num" && m.value.num.toString(16).length + m.value.den.toString(16).length > 25;

/** q·den² stripped of the squares of the primes below 100 is within 100 bits (6·10⁻⁷⁴ is; 1 + 10⁻⁵⁰ is not). */
function smallSquareFree(q: Rational): boolean {
  let n = (q.num < 0n ? -q.num : q.num) * q.den;
  for (let p = 2n; p < 100n; p++) {
    const p2 = p * p;
    while (n % p2 === 0n) n /= p2;
  }
  return n.toString(16).length <= 25;
}

/**
 * The two roots of g along v, exactly, when g is quadratic in v (its slope linear, turning at t) and
 * real there: t ± √(−g(t)/a), a = g″/2, with the other variables at their friendly values.
 */
function quadraticRoots(
  g: Node,
  slope: Node,
  v: Node,
  t: Node,
  vars: readonly Node[],
  friendly: (v: Node) => Node,
): Node[] {
  try {
    const others = new Map(vars.filter((w) => w !== v).map((w) => [w, friendly(w)]));
    const curvature = differentiate(slope, v);
    if (freeSymbols(curvature).length > 0 || (curvature.kind === "num" && curvature.value.isZero())) return [];
    const top = substitute(g, new Map([...others, [v, t]]));
    if (freeSymbols(top).length > 0) return [];
    const square = div(neg(mul(num(Rational.int(2)), top)), curvature);
    if (!(evaluateAt(square, new Map()) > 0)) return [];
    // A radicand whose square-free part is past 100 bits is left to the search's points around the
    // roots (the integer square root the graph takes of it would crawl); so is a closed radicand
    // with a rational that large.
    if (square.kind === "num" ? !smallSquareFree(square.value) : findInside(square, largeRational)) return [];
    const r = sqrt(square);
    return [sub(t, r), add(t, r)];
  } catch (err) {
    rethrowStop(err);
    return [];
  }
}

/**
 * Tier 2's last look: the turning points of each breakpoint's argument that are irrational but exact
 * (relu(10⁻⁴⁰ − (x − π)²) at x = π), each variable moved to its own when the argument's slope along it
 * is linear in it alone, the others at 1, 3/2, …; and the exact roots of linear arguments and the
 * points halfway between them. Both sides are evaluated there with the constants themselves.
 */
function atExactTurns(
  a: Node,
  b: Node,
  guards: readonly [readonly Node[], readonly Node[]],
  conditions: readonly Node[],
  breakpoints: readonly Node[],
  vars: readonly Node[],
  digits: number,
): Comparison | null {
  const friendly = (v: Node) => num(Rational.of(2 + vars.indexOf(v), 2));
  const tryAt = (at: Map<Node, Node>): Comparison | null => {
    checkBudget();
    for (const v of vars) if (!at.has(v)) at.set(v, friendly(v));
    let sides: Node[];
    try {
      sides = [
        a,
        b,
        ...guards[0],
        ...guards[1],
        ...conditions.map((c) => (c.kind === "rel" ? sub(c.left, c.right) : c)),
      ].map((n) => settled(substitute(n, at)));
    } catch (err) {
      rethrowStop(err);
      return null;
    }
    const there = new Map<Node, Rational>();
    const ops = conditions.map((c) => (c.kind === "rel" ? c.op : "?"));
    if (differencesHold(ops, sides.slice(2 + guards[0].length + guards[1].length), there) !== true) return null;
    const guardValues = sides
      .slice(2, 2 + guards[0].length + guards[1].length)
      .map((n) => evaluatePrecise(n, there, digits));
    if (!guardValues.every(defined)) return null;
    const e = evaluateBoth(sides[0], sides[1], there, Math.min(2 * MAX_DIGITS, 2 * digits + 10));
    if (!defined(e.a) || !defined(e.b) || !certainlyDifferent(e.a, e.b)) return null;
    const exact = e.a.q !== null && e.b.q !== null;
    const places = digitsToShow(e.a, e.b);
    const left = showValue(e.a, Math.min(60, places));
    const right = showValue(e.b, Math.min(60, places));
    return {
      verdict: "not equivalent",
      method: exact ? "proof" : "sampling",
      reason: "they differ at a point",
      counterexample: {
        point: Object.fromEntries(vars.map((v) => [toText(v), toText(at.get(v)!)])),
        left,
        right: left === right ? `${right}, apart past the digits shown` : right,
      },
    };
  };
  for (const g of breakpoints.slice(0, 16)) {
    const at = new Map<Node, Node>();
    const radicals: Map<Node, Node>[] = [];
    for (const v of vars) {
      let slope: Node;
      try {
        slope = differentiate(g, v);
      } catch (err) {
        rethrowStop(err);
        continue;
      }
      if (freeSymbols(slope).some((w) => w !== v)) continue;
      const t = linearRoot(slope, v, true);
      if (!t) continue;
      // An irrational turning point (x = π) is not among the search's points.
      if (t.kind !== "num") at.set(v, t);
      // Quadratic along v: its roots are the turning point ± √(−g(t)/a), radicals (x² − 2 at ±√2).
      for (const root of quadraticRoots(g, slope, v, t, vars, friendly)) radicals.push(new Map([[v, root]]));
    }
    for (const point of at.size > 0 ? [at, ...radicals] : radicals) {
      const found = tryAt(point);
      if (found) return found;
    }
  }
  // Breakpoints at exact constants closer than any double tells apart (step(x − e³⁰) against
  // step(x − e³⁰ − 10⁻²⁰)): at each and halfway between each two, along one variable at a time.
  for (const v of vars) {
    const roots: Node[] = [];
    for (const g of breakpoints.slice(0, 16)) {
      if (freeSymbols(g).some((w) => w !== v)) continue;
      const r = linearRoot(g, v, true);
      // Transcendental and periodic zeros too (exp(x) − 2 at log 2, cos x at ±π/2): exact-roots.ts.
      for (const z of r ? [r] : exactZeros(g, v)) if (!roots.includes(z)) roots.push(z);
    }
    if (roots.every((r) => r.kind === "num")) continue;
    const candidates = [...roots];
    for (let i = 0; i < roots.length && i < 8; i++)
      for (let j = i + 1; j < roots.length && j < 8; j++) {
        try {
          candidates.push(div(add(roots[i], roots[j]), num(Rational.int(2))));
        } catch (err) {
          rethrowStop(err);
        }
      }
    for (const r of candidates) {
      const found = tryAt(new Map([[v, r]]));
      if (found) return found;
    }
  }
  return null;
}

/**
 * Two values a person would hardly tell apart: closer than a millionth of their size, or apart by
 * less than any double holds (softplus(1 − 6·10⁶) is 3.5·10⁻²⁶⁰⁵⁷⁶⁷, against 0).
 */
function faintlyApart(a: Approx, b: Approx): boolean {
  const size = a.d.abs().add(b.d.abs()).div(2);
  const gap = a.d.sub(b.d).abs();
  return gap.lte(size.mul(1e-6)) || gap.lt(1e-300);
}

/**
 * A faint difference's variables taken one at a time far out (±10⁷ … ±10¹⁵), the rest kept: where a
 * shift by a large constant hides the difference (softplus(x − 6·10⁶) against 0), there it shows.
 */
function readableWitness(
  point: Point,
  vars: readonly Node[],
  examine: (p: Point) => Comparison | "agreed" | "skipped",
  faint: WeakSet<Comparison>,
  deadline: number,
): Comparison | null {
  for (const v of vars)
    for (let k = 7; k <= 15; k++)
      for (const sign of [1, -1]) {
        if (Date.now() > deadline) return null;
        const far = new Map(point);
        far.set(v, Rational.of(BigInt(sign) * 10n ** BigInt(k)));
        const verdict = examine(far);
        if (typeof verdict !== "string" && !faint.has(verdict)) return verdict;
      }
  return null;
}

/** Enough digits that two close values print differently. */
function digitsToShow(a: Approx, b: Approx): number {
  if (a.q && b.q) {
    // log₁₀ of |a| + |b| over |a − b|, from the lengths of the numbers (to within one or two).
    const log10 = (q: Rational) => (q.isZero() ? 0 : q.abs().num.toString().length - q.den.toString().length);
    const gap = a.q.sub(b.q);
    if (gap.isZero()) return 12;
    return Math.min(120, Math.max(12, log10(a.q.abs().add(b.q.abs())) - log10(gap) + 4));
  }
  const gap = a.d.sub(b.d).abs();
  const size = a.d.abs().add(b.d.abs()).div(2);
  if (gap.isZero() || size.isZero()) return 12;
  const needed = Math.ceil(size.div(gap).log(10).toNumber()) + 3;
  return Math.min(MAX_DIGITS, Math.max(12, needed));
}

interface Evaluated {
  a: Value;
  b: Value;
}

function evaluateBoth(a: Node, b: Node, point: Point, digits: number, memo = new Map<Node, Value>()): Evaluated {
  // One memo for both sides: what they share is evaluated once.
  return { a: evaluatePrecise(a, point, digits, memo), b: evaluatePrecise(b, point, digits, memo) };
}

/** Whether every condition (a relation) holds at the point; null when rounding leaves it open. */
function satisfies(conditions: readonly Node[], point: Point): boolean | null {
  if (conditions.some((c) => c.kind !== "rel")) return null;
  const rels = conditions as readonly (Node & { kind: "rel" })[];
  return differencesHold(
    rels.map((c) => c.op),
    rels.map((c) => sub(c.left, c.right)),
    point,
  );
}

/** Whether each difference (a condition's left − right) stands in its relation to 0 at the point. */
function differencesHold(ops: readonly string[], differences: readonly Node[], point: Point): boolean | null {
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i];
    const v = evaluatePrecise(differences[i], point, DIGITS);
    if (v === "undefined") return false;
    if (v === "unknown") return null;
    const s = signOf(v);
    if (s === null) return null;
    const holds =
      op === ">"
        ? s > 0
        : op === ">="
          ? s >= 0
          : op === "<"
            ? s < 0
            : op === "<="
              ? s <= 0
              : op === "≠"
                ? s !== 0
                : s === 0;
    if (!holds) return false;
  }
  return true;
}

const defined = (v: Value): v is Approx => typeof v !== "string";

/** The side defined at p alone, for sure (−1 left, 1 right, 0 neither/both/unknown). */
function loneSide(e: Evaluated): -1 | 0 | 1 {
  if (defined(e.a) && e.b === "undefined") return -1;
  if (e.a === "undefined" && defined(e.b)) return 1;
  return 0;
}

/** The same kind of point with rounder coordinates (x = −1 rather than x = −0.001), when there is one. */
function simplerWitness(
  a: Node,
  b: Node,
  point: Point,
  vars: readonly Node[],
  conditions: readonly Node[],
  side: -1 | 1,
): { point: Point; e: Evaluated } | null {
  const roundings = [
    (q: Rational) =>
      q.isZero() ? q : Rational.int(BigInt(q.sign()) * BigInt(Math.max(1, Math.round(Math.abs(q.toNumber()))))),
    (q: Rational) => decimal(q.toNumber(), 1),
  ];
  for (const round of roundings) {
    const p: Point = new Map(vars.map((v) => [v, round(point.get(v)!)]));
    if (satisfies(conditions, p) !== true) continue;
    const e = evaluateBoth(a, b, p, CONFIRM_DIGITS);
    if (loneSide(e) === side && decisive(a, b, p, vars, conditions, side)) return { point: p, e };
  }
  return null;
}

/** Which sides are defined in floating point: a screen before the precise look. */
function floatDefined(a: Node, b: Node, point: Point): "both" | "neither" | "one" {
  const p = new Map<Node, number>();
  for (const [v, q] of point) p.set(v, q.toNumber());
  const na = Number.isNaN(evaluateAt(a, p));
  const nb = Number.isNaN(evaluateAt(b, p));
  return na !== nb ? "one" : na ? "neither" : "both";
}

/**
 * A point where only one side is defined decides "not equivalent" when the other side is undefined
 * all around it too (perturbed along each coordinate): then it is no removable point of that side
 * (x/x at 0 is one: defined on both sides of 0). The defined side may itself be defined at the point
 * alone — √(x^a) at x = −1, a = 2, where √x^a is undefined for every x < 0.
 */
function decisive(
  a: Node,
  b: Node,
  point: Point,
  vars: readonly Node[],
  conditions: readonly Node[],
  side: -1 | 1,
): boolean {
  // Relative to the point: inside (−10⁻⁹, 0) a step of 10⁻⁶ would leave the interval.
  const stepFor = (q: Rational) => (q.isZero() ? 1e-6 : 1e-5 * Math.abs(q.toNumber()));
  const undefinedAt = (p: Point) => {
    if (satisfies(conditions, p) !== true) return true;
    const e = evaluateBoth(a, b, p, CONFIRM_DIGITS);
    return (side < 0 ? e.b : e.a) === "undefined";
  };
  for (const v of vars) {
    const q = point.get(v)!;
    for (const sign of [-1, 1]) {
      const p = new Map(point);
      p.set(v, q.add(decimal(sign * stepFor(q), 3)));
      if (!undefinedAt(p)) return false;
    }
  }
  // In several variables, also off the axes: (x y)/(x y) is undefined along both axes through the
  // origin, a set without interior, and defined a diagonal step away.
  if (vars.length > 1)
    for (const sign of [-1, 1]) {
      const p = new Map(point);
      vars.forEach((v, i) => p.set(v, point.get(v)!.add(decimal(sign * stepFor(point.get(v)!) * (1 + 0.37 * i), 3))));
      if (!undefinedAt(p)) return false;
    }
  return true;
}

function describeRange(points: Point[], vars: readonly Node[]): string {
  if (vars.length === 0) return "";
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of points)
    for (const v of vars) {
      const x = p.get(v)!.toNumber();
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
  const names = vars.map((v) => toText(v)).join(", ");
  return ` with ${names} from ${formatBound(lo)} to ${formatBound(hi)}`;
}

const SUPERSCRIPT: Record<string, string> = {
  "-": "⁻",
  0: "⁰",
  1: "¹",
  2: "²",
  3: "³",
  4: "⁴",
  5: "⁵",
  6: "⁶",
  7: "⁷",
  8: "⁸",
  9: "⁹",
};

const superscript = (k: number) => [...String(k)].map((c) => SUPERSCRIPT[c]).join("");

/** A subexpression named in a reason, cut short past 60 characters. */
function shortText(n: Node): string {
  const t = toText(n);
  return t.length > 60 ? `${t.slice(0, 57)}…` : t;
}

/** A range's end for people: 2.5, −10⁶, 10⁻⁷ (powers of ten past 10⁴ or below 10⁻³, to the nearest). */
function formatBound(x: number): string {
  const a = Math.abs(x);
  const sign = x < 0 ? "−" : "";
  if (a >= 1e4 || (a > 0 && a < 1e-3))
    return `${sign}10${[...String(Math.round(Math.log10(a)))].map((c) => SUPERSCRIPT[c]).join("")}`;
  return `${sign}${a}`;
}

/**
 * A side that must also have its typed guards defined: side + 0·g₁ + 0·g₂ …, built raw (unfolded),
 * so evaluating it is undefined wherever a guard is. Guards the side already contains add nothing.
 */
function guarded(side: Node, guards: readonly Node[]): Node {
  if (guards.length === 0) return side;
  const inside = restrictions(side);
  // A guard without a variable (x/3's 3⁻¹) holds everywhere, unless it is undefined itself: f(0)
  // after f(x) = x/x is built as 1, and its guard 0⁻¹ says it is undefined. One on a positive base
  // (exp(x)/exp(x)'s (eˣ)⁻¹) holds everywhere too.
  const extra = guards.filter(
    (g) =>
      !inside.has(g) &&
      restrictions(g).size > 0 &&
      (freeSymbols(g).length > 0 ? !alwaysDefined(g) : evaluatePrecise(g, new Map(), DIGITS) === "undefined"),
  );
  if (extra.length === 0) return side;
  const zeroTimes = (g: Node) => intern<Node>({ kind: "mul", factors: [ZERO, g], shape: [] });
  return intern<Node>({ kind: "add", terms: [side, ...extra.map(zeroTimes)], shape: [] });
}

const NO_SIGNS = new Map<Node, "positive" | "nonnegative">();

/** A guard defined at every point: a power or log of something positive, a root of something ≥ 0. */
function alwaysDefined(g: Node): boolean {
  const inside = g.kind === "pow" ? g.base : g.kind === "apply" && g.op === "log" ? g.args[0] : null;
  return inside !== null && isPositive(inside, NO_SIGNS) && [...restrictions(inside)].every(alwaysDefined);
}

/** A value as a rational with its sign, when that sign is certain. */
function certainValue(v: Value): Rational | null {
  if (typeof v === "string" || signOf(v) === null) return null;
  if (v.q) return v.q;
  const text = v.d.toString();
  const magnitude = Rational.parseDecimal(text.replace(/^-/, "").replace("e+", "e"));
  return text.startsWith("-") ? magnitude.neg() : magnitude;
}

/**
 * Each side of a branch not taken at a point where the sides were compared must be shown never to be
 * taken, or found by a search and compared there; else the verdict is undecided and names it
 * (coverage.ts). Null when every side is covered.
 */
function coverBranches(
  coverage: Coverage,
  examine: (point: Point) => Comparison | "agreed" | "skipped",
  vars: readonly Node[],
  conditions: readonly Node[],
  agreedAt: readonly Point[],
  digits: number,
  deadline: number,
): Comparison | null {
  const intervals = conditionIntervals(conditions);
  for (const { branch, sign } of coverage.missing()) {
    if (coverage.taken(branch, sign)) continue;
    const { never, candidates } = neverTaken(branch.u, sign, vars, conditions, intervals, digits);
    if (never) {
      coverage.settle(branch, sign);
      continue;
    }
    for (const point of pointsTaking(
      branch.u,
      sign,
      vars,
      agreedAt,
      candidates,
      conditions,
      intervals,
      digits,
      deadline,
    )) {
      const verdict = examine(point);
      if (typeof verdict !== "string") return verdict;
    }
    if (!coverage.taken(branch, sign)) {
      const late = Date.now() > deadline ? " (the search for such a point ran out of time)" : "";
      return { verdict: "undecided", reason: `${uncovered(branch, sign)}${late}` };
    }
  }
  return null;
}

export function compareScalars(
  plainA: Node,
  plainB: Node,
  conditions: readonly Node[] = [],
  guards: readonly [readonly Node[], readonly Node[]] = [[], []],
): Comparison {
  const a = guarded(plainA, guards[0]);
  const b = guarded(plainB, guards[1]);
  const vars: Node[] = freeSymbols(tuple([a, b, ...conditions]));
  const proved = provedEqual(plainA, plainB, conditions);
  if (proved && sameDomainsByForm(a, b) && conditions.length === 0) {
    return {
      verdict: "equivalent",
      method: "proof",
      reason: vars.length ? "proved: the same expression in canonical form" : "proved: the same number",
    };
  }
  // The conditions' own edges (x = 0 for x > 0) are breakpoints too, and so are their insides' edges.
  const edges = conditions.flatMap((c) => (c.kind === "rel" ? [sub(c.left, c.right)] : []));
  const breakpoints = [...edges.filter((g) => g.kind !== "num"), ...breakpointExpressions([a, b, ...edges])];
  const isZeroAt = (g: Node, p: Point) => {
    const v = evaluatePrecise(g, p, DIGITS);
    return typeof v !== "string" && v.q !== null && v.q.isZero();
  };
  const facts = factsOf(a, b);
  const digits = Math.min(MAX_DIGITS, DIGITS + facts.extraDigits);
  const { points, nearBreakpoints } = searchPoints(vars, breakpoints, isZeroAt, {
    exponentVars: vars.filter((v) => facts.exponentVars.includes(v)),
    scales: facts.scales,
    intervals: conditionIntervals(conditions),
    precise: { at: (g, p) => certainValue(evaluatePrecise(g, p, digits)), digits },
  });
  const agreedAt: Point[] = [];
  let total: boolean | undefined;
  /** Both sides defined everywhere: no guard, and nothing in them restricts a domain. */
  const totalSides = () =>
    (total ??=
      guards[0].length === 0 && guards[1].length === 0 && restrictions(a).size === 0 && restrictions(b).size === 0);
  let outsideConditions = 0;
  let oneSided = 0;
  let imprecise = 0;
  let removable: string | null = null;
  // Points where the sides agreed to `digits` but a term lost beside the others could hide a
  // difference, more digits than ABSORBED_CAP away: the fewest digits so lost, and where.
  let absorbed = 0;
  let absorbedLeast = Infinity;
  let absorbedIn: Node | null = null;
  /** Points that agreed at `digits` and need more, up to ABSORBED_CAP, to see what is absorbed there. */
  const costly: { point: Point; needed: number }[] = [];
  // A difference far below the sides' size (sin(x) + 10⁻⁵⁰ against sin(x)) is the gap a − b as the
  // graph builds it (10⁻⁵⁰: the sines cancel), evaluated with as many digits as the constants need.
  // Not when floats are in it: the graph's float arithmetic carries no error bound.
  const gap = facts.hasFloat ? null : difference(plainA, plainB);
  const confirmDigits = Math.min(2 * MAX_DIGITS, Math.max(CONFIRM_DIGITS, 2 * digits + 10));
  // The search stops in time to say so: a statement's limit is its whole time, this is a share.
  const deadline = Date.now() + currentLimits().timeMs * SEARCH_SHARE;
  let tried = 0;
  // Which sides of the piecewise functions' branches were taken where the sides agreed (coverage.ts).
  const coverage = new Coverage(vars.length > 0 && !proved ? branchesOf([a, b]) : [], digits);
  /** The verdicts whose two values differ by less than a millionth of their size. */
  const faint = new WeakSet<Comparison>();
  /** One point: a verdict it decides, or whether the sides agreed there. */
  const examine = (point: Point, late = false): Comparison | "agreed" | "skipped" => {
    const ok = satisfies(conditions, point);
    if (ok !== true) {
      if (ok === false) outsideConditions++;
      else imprecise++;
      return "skipped";
    }
    // Proved equal, only the domains are in question: floats screen for a side that is undefined.
    if (proved) {
      const screen = floatDefined(a, b, point);
      if (screen === "both") agreedAt.push(point);
      if (screen !== "one") return "skipped";
    }
    // Digits enough for what the sums and saturating functions absorb here (σ(1000) needs 477).
    const lost = absorptionAt([a, b], point);
    const needed = digits + Math.ceil(lost.digits);
    const beyond = needed > ABSORBED_CAP - 50;
    const here = beyond || (needed > CHEAP_DIGITS && !late) ? digits : needed;
    const confirmHere =
      here === digits ? confirmDigits : Math.min(ABSORBED_CAP, Math.max(confirmDigits, 2 * here + 10));
    const memo = new Map<Node, Value>();
    const e = evaluateBoth(a, b, point, here, memo);
    const lone = loneSide(e);
    if (lone !== 0) {
      oneSided++;
      const confirmed = loneSide(evaluateBoth(a, b, point, confirmDigits)) === lone;
      if (!confirmed) return "skipped";
      const at = showPoint(point, vars);
      if (decisive(a, b, point, vars, conditions, lone)) {
        const simple = simplerWitness(a, b, point, vars, conditions, lone) ?? { point, e };
        const value = showValue((lone < 0 ? simple.e.a : simple.e.b) as Approx);
        const at = showPoint(simple.point, vars);
        return {
          verdict: "not equivalent",
          method: "sampling",
          reason: `only the ${lone < 0 ? "left" : "right"} side is defined there`,
          counterexample: { point: at, left: lone < 0 ? value : "undefined", right: lone < 0 ? "undefined" : value },
        };
      }
      removable ??= `${Object.entries(at)
        .map(([k, v]) => `${k} = ${v}`)
        .join(
          ", ",
        )} only the ${lone < 0 ? "left" : "right"} side is defined (${vars.length > 1 ? "on a set without interior" : "a single point"})`;
      return "skipped";
    }
    if (!defined(e.a) || !defined(e.b)) {
      if (e.a === "undefined" || e.b === "undefined") return "skipped";
      // Too large to evaluate (e^(10⁶) past x = 1000), yet defined wherever the sides are made of
      // total functions: their gap, in which the large parts cancel, can still tell them apart
      // (exp(x²) + step(x − 1000) against exp(x²) differ by 1 at x = 2000).
      const g =
        totalSides() && gapIsNonzero(gap, point, confirmDigits) ? evaluatePrecise(gap!, point, confirmDigits) : null;
      if (g !== null && defined(g))
        return {
          verdict: "not equivalent",
          method: "sampling",
          reason: "they differ at a point where they are too large to compute, by their difference there",
          counterexample: {
            point: showPoint(point, vars),
            left: "too large to compute",
            right: `too large to compute, a difference of ${showValue(g, 12)}`,
          },
        };
      imprecise++;
      return "skipped";
    }
    if (certainlyDifferent(e.a, e.b) || gapIsNonzero(gap, point, here)) {
      // Re-evaluated at more than twice the precision before it is believed.
      const again = evaluateBoth(a, b, point, confirmHere);
      if (
        !defined(again.a) ||
        !defined(again.b) ||
        !(certainlyDifferent(again.a, again.b) || gapIsNonzero(gap, point, confirmHere))
      ) {
        imprecise++;
        return "skipped";
      }
      const exact = again.a.q !== null && again.b.q !== null;
      const shown = exact ? again : showable(a, b, gap, point, again, confirmHere);
      const places = digitsToShow(shown.a as Approx, shown.b as Approx);
      let left = showValue(shown.a as Approx, places);
      let right = showValue(shown.b as Approx, places);
      // Past 60 digits, or where the digits shown print the sides alike (1 + e⁻³⁰⁰¹ against 1), the
      // two values are shown short, with their difference (10⁻⁵⁰⁰ on sin x).
      if (places > 60 || left === right) {
        const long = gap !== null ? evaluatePrecise(gap, point, confirmHere) : null;
        if (long && defined(long)) {
          left = showValue(shown.a as Approx, 20);
          right = `${showValue(shown.b as Approx, 20)}, a difference of ${showValue(long, 6)}`;
        } else if (left === right) right += ", apart past the digits shown";
      }
      const differs: Comparison = {
        verdict: "not equivalent",
        method: exact ? "proof" : "sampling",
        reason: vars.length ? "they differ at a point" : "they are different numbers",
        counterexample: { point: showPoint(point, vars), left, right },
      };
      if (faintlyApart(again.a, again.b)) faint.add(differs);
      return differs;
    }
    if (!informative(e.a, e.b)) {
      imprecise++;
      return "skipped";
    }
    if (beyond) {
      absorbed++;
      if (lost.digits < absorbedLeast) [absorbedLeast, absorbedIn] = [lost.digits, lost.at];
      return "skipped";
    }
    if (here < needed) {
      costly.push({ point, needed });
      return "skipped";
    }
    agreedAt.push(point);
    coverage.record(point, memo);
    return "agreed";
  };
  // A difference no one can read in the values shown (asin(sin x) against x just past π/2, 10⁻¹⁵
  // apart) is kept while the other points are tried for one a student can see; it stands if none is.
  let faintest: { verdict: Comparison; point: Point } | null = null;
  for (const point of points) {
    checkBudget();
    if (Date.now() > deadline) break;
    tried++;
    const verdict = examine(point);
    if (typeof verdict === "string") continue;
    if (!faint.has(verdict) || vars.length === 0) return verdict;
    faintest ??= { verdict, point };
  }
  if (faintest) return readableWitness(faintest.point, vars, examine, faint, deadline) ?? faintest.verdict;
  // The points that need more digits, fewest first: all when too few points agreed, else a few.
  costly.sort((p, q) => p.needed - q.needed);
  const enough = agreedAt.length >= MIN_AGREEMENT;
  const costlyShare = enough
    ? costly.slice(0, COSTLY_WHEN_AGREED).filter((c) => c.needed <= COSTLY_DIGITS_WHEN_AGREED).length
    : costly.length;
  let costlyTried = 0;
  for (const { point } of costly.slice(0, costlyShare)) {
    checkBudget();
    if (Date.now() > deadline) break;
    costlyTried++;
    const verdict = examine(point, true);
    if (typeof verdict !== "string") return verdict;
  }
  if (!proved && tried === points.length) {
    const turn = atExactTurns(plainA, plainB, guards, conditions, breakpoints, vars, digits);
    if (turn) return turn;
  }
  const note = removable ? `; at ${removable}` : "";
  if (proved && agreedAt.length > 0) {
    return {
      verdict: "equivalent",
      method: "proof",
      reason: `proved: the same expression in canonical form${note}`,
      note: removable ?? undefined,
    };
  }
  if (tried < points.length || (costlyTried < costlyShare && agreedAt.length < MIN_AGREEMENT)) {
    return {
      verdict: "undecided",
      reason:
        tried < points.length
          ? `the search for a difference ran out of time after ${tried} of ${points.length} points (no difference found)`
          : `the search for a difference ran out of time after ${costlyTried} of the ${costly.length} points where a term far smaller than the rest needs more than ${CHEAP_DIGITS} digits to be seen (no difference found)`,
    };
  }
  if (agreedAt.length >= MIN_AGREEMENT || (vars.length === 0 && agreedAt.length > 0)) {
    const unexplored = coverBranches(coverage, (p) => examine(p, true), vars, conditions, agreedAt, digits, deadline);
    if (unexplored) return unexplored;
    const near =
      nearBreakpoints > 0 ? `, ${Math.min(nearBreakpoints, agreedAt.length)} of them at or beside breakpoints` : "";
    return {
      verdict: "equivalent",
      method: "sampling",
      reason: vars.length
        ? `not proved: equal at ${agreedAt.length} points${describeRange(agreedAt, vars)}${near}${note}`
        : "not proved: equal numerically, to 40 digits or to the precision of a value computed in floating point",
      note: removable ?? undefined,
    };
  }
  // Agreement only where a term is lost beside the others, past what ABSORBED_CAP digits see.
  const hidden =
    absorbed > 0
      ? `${agreedAt.length > 0 ? `they agree at the ${agreedAt.length} points where they could be compared, too few to call them equivalent, and ` : ""}they agree to ${digits} digits${vars.length === 0 ? "" : absorbed === tried ? " at every point tried" : ` at ${absorbed} points`}, but ${absorbedIn ? `in ${shortText(absorbedIn)}` : "there"} a term about 10${superscript(-Math.floor(absorbedLeast))} the size of the rest is lost (seeing it would take more than ${ABSORBED_CAP} digits), so a difference that small could hide`
      : null;
  const why =
    hidden ??
    (agreedAt.length > 0
      ? `they agree at the ${agreedAt.length} points where both could be compared, too few to call them equivalent`
      : outsideConditions === points.length
        ? "no point tried satisfies the conditions"
        : oneSided > 0
          ? "the two sides are not defined at the same points, and no point where both are defined was found"
          : imprecise > 0
            ? "the values could not be computed precisely enough to compare"
            : "no point was found where both sides are defined");
  return { verdict: "undecided", reason: why };
}
