// Where tier 2 of `check` looks for a difference: a friendly point, points at every scale from
// 10⁻³ to 10⁶ in each sign pattern, random points, and both sides of every breakpoint — the zeros of
// the arguments of piecewise functions (abs, relu, step, sign, max/min, hardtanh, leaky_relu) and
// the edges of each side's domain (log, roots, denominators, tan, asin, …) and of the conditions.
// Every coordinate is a short decimal, so a counterexample is an exact point anyone can re-evaluate.
import { MINUS_ONE, ONE, add, apply, sub } from "../../graph/construct.js";
import type { Node } from "../../graph/node.js";
import { childrenOf } from "../../graph/traverse.js";
import { Rational } from "../../numeric/rational.js";
import { evaluateAt } from "../numeric-eval.js";

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
  const walk = (n: Node): void => {
    if (seen.has(n)) return;
    seen.add(n);
    childrenOf(n).forEach(walk);
    if (n.kind === "pow" && !(n.exp.kind === "num" && n.exp.value.isInteger() && n.exp.value.sign() > 0)) keep(n.base);
    if (n.kind !== "apply") return;
    const [u] = n.args;
    switch (n.op) {
      case "abs":
      case "sign":
      case "step":
      case "relu":
      case "leaky_relu":
        keep(u);
        break;
      case "hardtanh":
        keep(sub(u, ONE));
        keep(sub(u, MINUS_ONE));
        break;
      case "max":
      case "min":
        for (let i = 0; i < n.args.length; i++)
          for (let j = i + 1; j < n.args.length; j++) keep(sub(n.args[i], n.args[j]));
        break;
      default:
        DOMAIN_EDGES[n.op]?.(u).forEach(keep);
    }
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
  return g.sort((a, b) => a - b);
})();

/** Real zeros (and edges of definedness) of g along one coordinate, from a scan and bisection. */
function zerosAlong(g: Node, v: Node, base: ReadonlyMap<Node, number>): number[] {
  const at = (t: number) => {
    const p = new Map(base);
    p.set(v, t);
    return evaluateAt(g, p);
  };
  const roots: number[] = [];
  let prevT = GRID[0];
  let prev = at(prevT);
  for (let k = 1; k < GRID.length && roots.length < 8; k++) {
    const t = GRID[k];
    const y = at(t);
    if (y === 0) roots.push(t);
    else if ((prev < 0 && y > 0) || (prev > 0 && y < 0) || Number.isNaN(prev) !== Number.isNaN(y)) {
      let lo = prevT;
      let hi = t;
      const loValue = prev;
      for (let i = 0; i < 80 && lo !== hi; i++) {
        const mid = (lo + hi) / 2;
        if (mid === lo || mid === hi) break;
        const m = at(mid);
        const sameSide = Number.isNaN(loValue)
          ? Number.isNaN(m)
          : !Number.isNaN(m) && Math.sign(m) === Math.sign(loValue);
        if (sameSide) lo = mid;
        else hi = mid;
      }
      roots.push((lo + hi) / 2);
    }
    prevT = t;
    prev = y;
  }
  return roots;
}

/** A root as a short decimal; the simplest of a few precisions that is exactly a zero, else 15 digits. */
function exactRoot(r: number, isZeroAt: (q: Rational) => boolean): Rational {
  for (const digits of [1, 2, 3, 4, 6, 8, 10, 12]) {
    const q = decimal(r, digits);
    if (Math.abs(q.toNumber() - r) <= 1e-9 * Math.max(1, Math.abs(r)) && isZeroAt(q)) return q;
  }
  return decimal(r, 15);
}

export interface SearchPoints {
  points: Point[];
  /** How many of them sit at or beside a breakpoint. */
  nearBreakpoints: number;
}

/** Moderate scales first: a counterexample is easier to read at x = 2.2 than at x = 0.0011. */
const SCALES = [2, 0.5, 3, 10, 0.1, 100, 0.01, 1e3, 1e-3, 1e4, 1e6];

/**
 * The points to try, most telling first. `isZeroAt(g, p)` says whether g is exactly 0 at p (so a
 * breakpoint at x = 5 is tried at 5 itself, not at 4.999999999999999).
 */
export function searchPoints(
  vars: readonly Node[],
  breakpoints: readonly Node[],
  isZeroAt: (g: Node, p: Point) => boolean,
): SearchPoints {
  const next = random(0x9e3779b9);
  const points: Point[] = [];
  const keys = new Set<string>();
  const push = (p: Point) => {
    const key = vars.map((v) => p.get(v)!.toString()).join(",");
    if (keys.has(key)) return;
    keys.add(key);
    points.push(p);
  };
  const friendly = vars.map((_, i) => Rational.of(2 + i, 2));
  push(new Map(vars.map((v, i) => [v, friendly[i]])));
  // Both sides of each breakpoint, along each coordinate, from two base points.
  const bases = [friendly.map((q) => q.toNumber()), vars.map(() => Math.round((next() * 4 - 2) * 1000) / 1000 || 0.7)];
  for (const g of breakpoints) {
    for (const v of vars) {
      for (const baseValues of vars.length === 1 ? bases.slice(0, 1) : bases) {
        const base = new Map(vars.map((w, i) => [w, baseValues[i]]));
        for (const r of zerosAlong(g, v, base)) {
          const exactBase = new Map(vars.map((w, i) => [w, decimal(baseValues[i], 8)]));
          const root = exactRoot(r, (q) => isZeroAt(g, new Map(exactBase).set(v, q)));
          const scale = Math.max(1, Math.abs(root.toNumber()));
          for (const delta of [0, 1e-7, 1e-3, 0.5]) {
            for (const side of delta === 0 ? [0] : [-1, 1]) {
              const q = delta === 0 ? root : root.add(decimal(side * delta * scale, 3));
              push(new Map(exactBase).set(v, q));
            }
          }
          if (points.length > 160) break;
        }
      }
    }
  }
  const nearBreakpoints = points.length - 1;
  // Every scale, with all signs positive, all negative, and alternating.
  const patterns = vars.length > 1 ? [1, -1, 0] : [1, -1];
  for (const s of SCALES) {
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
  if (vars.length > 0) push(new Map(vars.map((v) => [v, Rational.ZERO])));
  return { points, nearBreakpoints };
}
