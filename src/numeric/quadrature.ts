// Numerical integration of a function of one variable: adaptive Gauss–Kronrod (7 Gauss nodes inside
// 15 Kronrod nodes, as QUADPACK's QAG), which halves the interval with the largest error estimate
// until the estimated error is below the tolerance. It says when it did not converge or met a value
// that is not a number, rather than returning a doubtful result.
import { tick } from "../budget.js";

// Nodes on [−1, 1] (non-negative half; the rule is symmetric) and their weights.
const KRONROD_NODES = [
  0.991455371120813, 0.949107912342759, 0.864864423359769, 0.741531185599394, 0.58608723546769, 0.405845151377397,
  0.207784955007898, 0,
];
const KRONROD_WEIGHTS = [
  0.022935322010529224, 0.06309209262997856, 0.10479001032225017, 0.14065325971552592, 0.1690047266392679,
  0.19035057806478542, 0.20443294007529889, 0.20948214108472782,
];
// The 7-point Gauss rule uses every second Kronrod node (indices 1, 3, 5, 7).
const GAUSS_WEIGHTS = [0.1294849661688697, 0.27970539148927664, 0.3818300505051189, 0.4179591836734694];

export type Quadrature =
  | { ok: true; value: number; error: number }
  | { ok: false; reason: "not-a-number"; at: number }
  | { ok: false; reason: "no-convergence"; value: number; error: number };

interface Piece {
  a: number;
  b: number;
  value: number;
  error: number;
}

function rule(f: (x: number) => number, a: number, b: number): Piece | number {
  const mid = (a + b) / 2;
  const half = (b - a) / 2;
  let kronrod = 0;
  let gauss = 0;
  for (let i = 0; i < KRONROD_NODES.length; i++) {
    const dx = half * KRONROD_NODES[i];
    const points = dx === 0 ? [mid] : [mid - dx, mid + dx];
    for (const x of points) {
      const y = f(x);
      if (!Number.isFinite(y)) return x;
      kronrod += KRONROD_WEIGHTS[i] * y;
      if (i % 2 === 1) gauss += GAUSS_WEIGHTS[(i - 1) / 2] * y;
    }
  }
  return { a, b, value: kronrod * half, error: Math.abs((kronrod - gauss) * half) };
}

/**
 * ∫ f over [a, b] (finite), adaptively, to |error| ≤ max(absTol, relTol·|∫ f|), with at most
 * `maxPieces` subintervals. `breakpoints` inside (a, b) start the subdivision there (kinks of f).
 */
export function integrate(
  f: (x: number) => number,
  a: number,
  b: number,
  { absTol = 1e-13, relTol = 1e-11, maxPieces = 4000, breakpoints = [] as readonly number[] } = {},
): Quadrature {
  const cuts = [a, ...breakpoints.filter((p) => p > a && p < b).sort((p, q) => p - q), b];
  const pieces: Piece[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const piece = rule(f, cuts[i], cuts[i + 1]);
    if (typeof piece === "number") return { ok: false, reason: "not-a-number", at: piece };
    pieces.push(piece);
  }
  const total = () => pieces.reduce((s, p) => s + p.value, 0);
  const totalError = () => pieces.reduce((s, p) => s + p.error, 0);
  while (totalError() > Math.max(absTol, relTol * Math.abs(total()))) {
    if (pieces.length >= maxPieces) return { ok: false, reason: "no-convergence", value: total(), error: totalError() };
    tick();
    let worst = 0;
    for (let i = 1; i < pieces.length; i++) if (pieces[i].error > pieces[worst].error) worst = i;
    const { a: lo, b: hi } = pieces[worst];
    const mid = (lo + hi) / 2;
    if (!(mid > lo && mid < hi)) return { ok: false, reason: "no-convergence", value: total(), error: totalError() };
    const left = rule(f, lo, mid);
    const right = rule(f, mid, hi);
    if (typeof left === "number") return { ok: false, reason: "not-a-number", at: left };
    if (typeof right === "number") return { ok: false, reason: "not-a-number", at: right };
    pieces.splice(worst, 1, left, right);
  }
  return { ok: true, value: total(), error: totalError() };
}
