// Are two answers the same? First exactly: the difference is zero in canonical form, or its
// numerator is the zero polynomial in the expressions' generators. Otherwise by evaluation at
// seeded random points, skipping points outside either side's domain (logs of negatives, poles).
//
// Tolerance: two values agree when |a − b| ≤ 1e-9·max(1, |a|, |b|). They differ for sure when
// |a − b| > 1e-6·max(1, |a|, |b|); in between the verdict is undecided (rounding could explain it).
import { ZERO, sub } from "../graph/construct.js";
import { MathFailure } from "../errors.js";
import type { Node } from "../graph/node.js";
import { freeSymbols } from "../graph/traverse.js";
import { sameShape, showShape } from "../graph/shape.js";
import { shortFloat } from "../render/style.js";
import { toPretty, toText } from "../render/index.js";
import type { Verdict } from "../results.js";
import { expand } from "./expand.js";
import { seriesSum } from "./series.js";
import { evaluateAt } from "./numeric-eval.js";
import { generatorsOf, toRational } from "./polynomial.js";

export interface Comparison {
  verdict: Verdict;
  reason: string;
  /** Where they differ: each variable's value, and both sides' values there. */
  counterexample?: { point: Record<string, string>; left: string; right: string };
}

const AGREE = 1e-9;
const DIFFER = 1e-6;
const SAMPLES = 8;

/** A small seeded generator, so a verdict and its counterexample are the same on every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Friendly sample values first (people check at x = 1), then random ones, some positive only. */
function samplePoints(vars: readonly Node[], count: number): Map<Node, number>[] {
  const next = random(0x9e3779b9);
  const points: Map<Node, number>[] = [];
  for (let k = 0; k < count; k++) {
    const positiveOnly = k % 3 === 2;
    points.push(
      new Map(
        vars.map((v, i) => {
          if (k === 0) return [v, 1 + i * 0.5];
          const x = positiveOnly ? 0.1 + 2.9 * next() : -3 + 6 * next();
          return [v, Math.round(x * 1000) / 1000 || 0.5];
        }),
      ),
    );
  }
  return points;
}

function isExactlyZero(d: Node): boolean {
  if (d === ZERO) return true;
  try {
    const e = expand(d, 2_000);
    if (e === ZERO) return true;
    const r = toRational(e, generatorsOf([e]));
    return r !== null && r.num.isZero();
  } catch (err) {
    // An expansion too large to finish is no proof either way: evaluation decides.
    if (err instanceof MathFailure && err.kind === "limit" && !/longer than|interrupted/.test(err.message)) return false;
    throw err;
  }
}

function describePoint(point: Map<Node, number>, vars: readonly Node[]): Record<string, string> {
  return Object.fromEntries(vars.map((v) => [toText(v), String(point.get(v)!)]));
}

function compareScalars(a: Node, b: Node): Comparison {
  const difference = sub(a, b);
  if (isExactlyZero(difference)) return { verdict: "equivalent", reason: "equal after simplification" };
  const vars: Node[] = freeSymbols(difference);
  let agreed = 0;
  let close: Comparison | null = null;
  for (const point of samplePoints(vars, 40)) {
    const x = evaluateAt(a, point);
    const y = evaluateAt(b, point);
    if (Number.isNaN(x) || Number.isNaN(y)) continue;
    const scale = Math.max(1, Math.abs(x), Math.abs(y));
    const gap = Math.abs(x - y);
    if (gap > DIFFER * scale) {
      return {
        verdict: "not equivalent",
        reason: vars.length ? "they differ at a point" : "they are different numbers",
        counterexample: { point: describePoint(point, vars), left: shortFloat(x, 8), right: shortFloat(y, 8) },
      };
    }
    if (gap > AGREE * scale) {
      close ??= { verdict: "undecided", reason: `the two sides differ by ${gap.toExponential(1)} at a point: too little to call a difference, too much to call rounding`, counterexample: { point: describePoint(point, vars), left: shortFloat(x, 12), right: shortFloat(y, 12) } };
      continue;
    }
    if (++agreed >= SAMPLES && !close) {
      return { verdict: "equivalent", reason: vars.length ? `equal at ${agreed} random points (|difference| ≤ 1e-9 relative)` : "equal numerically" };
    }
  }
  if (close) return close;
  if (agreed > 0) return { verdict: "equivalent", reason: `equal at the ${agreed} points where both sides are defined` };
  return { verdict: "undecided", reason: "no sample point lies in the domain of both sides" };
}

/** Equations are equivalent when one side-difference is a nonzero constant multiple of the other. */
function compareEquations(a: Node & { kind: "rel" }, b: Node & { kind: "rel" }): Comparison {
  const da = sub(a.left, a.right);
  const db = sub(b.left, b.right);
  const vars = freeSymbols(sub(da, db));
  let ratio: number | null = null;
  for (const point of samplePoints(vars, 40)) {
    const x = evaluateAt(da, point);
    const y = evaluateAt(db, point);
    if (Number.isNaN(x) || Number.isNaN(y) || (x === 0 && y === 0)) continue;
    if (x === 0 || y === 0) {
      return { verdict: "not equivalent", reason: "a point satisfies one equation but not the other", counterexample: { point: describePoint(point, vars), left: shortFloat(x, 8), right: shortFloat(y, 8) } };
    }
    const r = x / y;
    if (ratio === null) ratio = r;
    else if (Math.abs(r - ratio) > DIFFER * Math.max(1, Math.abs(ratio))) {
      return { verdict: "not equivalent", reason: "the equations are not multiples of each other", counterexample: { point: describePoint(point, vars), left: shortFloat(x, 8), right: shortFloat(y, 8) } };
    }
  }
  return ratio === null ? { verdict: "undecided", reason: "no sample point to compare the equations at" } : { verdict: "equivalent", reason: "one equation is a constant multiple of the other" };
}

/** Sets of solutions or values compare without regard to order. */
function compareSets(a: readonly Node[], b: readonly Node[]): Comparison {
  if (a.length !== b.length) return { verdict: "not equivalent", reason: `one has ${a.length} items, the other ${b.length}` };
  const unused = [...b];
  for (const item of a) {
    const match = unused.findIndex((other) => compare(item, other).verdict === "equivalent");
    if (match < 0) return { verdict: "not equivalent", reason: `${toPretty(item)} has no match on the other side` };
    unused.splice(match, 1);
  }
  return { verdict: "equivalent", reason: "the same items in some order" };
}

export function compare(a: Node, b: Node): Comparison {
  // A Taylor polynomial compares as the polynomial it is.
  if (a.kind === "record" && a.tag === "series") a = seriesSum(a);
  if (b.kind === "record" && b.tag === "series") b = seriesSum(b);
  if (a === b) return { verdict: "equivalent", reason: "identical" };
  if (a.kind === "rel" && b.kind === "rel") return compareEquations(a, b);
  if (a.kind === "tuple" && b.kind === "tuple") return compareSets(a.items, b.items);
  if (a.kind === "record" && b.kind === "record" && a.tag === b.tag) return compareSets(a.fields.map((f) => f.value), b.fields.map((f) => f.value));
  if (!sameShape(a.shape, b.shape)) return { verdict: "not equivalent", reason: `a ${showShape(a.shape)} is not a ${showShape(b.shape)}` };
  if (a.kind === "tensor" && b.kind === "tensor") {
    for (let i = 0; i < a.entries.length; i++) {
      const c = compareScalars(a.entries[i], b.entries[i]);
      if (c.verdict !== "equivalent") return { ...c, reason: `entry ${entryName(a.shape, i)}: ${c.reason}` };
    }
    return { verdict: "equivalent", reason: "equal entry by entry" };
  }
  if (a.shape.length > 0) return { verdict: "undecided", reason: "symbolic arrays are compared only entry by entry" };
  return compareScalars(a, b);
}

function entryName(shape: readonly number[], i: number): string {
  const idx: number[] = [];
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    idx.unshift((i % shape[axis]) + 1);
    i = Math.floor(i / shape[axis]);
  }
  return `[${idx.join(", ")}]`;
}
