// Numeric roots of a square system that is not polynomial (sin(x) + cos(y) has infinitely many
// stationary points): Newton's method from a grid of starting points in a stated box, each root
// kept when its residual is tiny and it lies in the box, duplicates merged. What was searched is
// said with the answer, so "none found" never reads as "none exist".
import { float } from "../../graph/construct.js";
import type { Node } from "../../graph/node.js";
import { checkBudget } from "../../budget.js";
import { differentiate } from "../differentiate.js";
import { scalarKernel } from "../scalar-kernel.js";
import type { Solution, SystemSolution } from "./solution.js";

/** Half the side of the box searched: every gridded unknown in [−BOX, BOX]. */
export const BOX = 10;

/** Starting points per gridded unknown, for 1, 2, 3, … of them (about 500 starts in all at most). */
const GRID = [41, 23, 8, 5, 4, 3];

function solveLinear(A: number[][], b: number[]): number[] | null {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    if (Math.abs(M[p][c]) < 1e-14) return null;
    [M[c], M[p]] = [M[p], M[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = M[r][c] / M[c][c];
      for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
    }
  }
  return M.map((row, i) => row[n] / row[i]);
}

function boxText(k: number): string {
  const superscript = "⁰¹²³⁴⁵⁶⁷⁸⁹";
  return `[−${BOX}, ${BOX}]${
    k > 1
      ? String(k)
          .split("")
          .map((d) => superscript[Number(d)])
          .join("")
      : ""
  }`;
}

/**
 * Roots of equations = 0 in the unknowns, by Newton's method started on a grid over the first
 * `gridded` unknowns (the others, Lagrange multipliers, start at 0 and may take any value).
 */
export function newtonRoots(
  equations: readonly Node[],
  unknowns: readonly Node[],
  gridded = unknowns.length,
  what = "solutions",
): SystemSolution {
  const n = unknowns.length;
  const F = equations.map((e) => scalarKernel(e, unknowns));
  const J = equations.map((e) => unknowns.map((u) => scalarKernel(differentiate(e, u), unknowns)));
  const per = GRID[Math.min(gridded, GRID.length) - 1] ?? 3;
  const starts: number[][] = [];
  const total = per ** gridded;
  for (let k = 0; k < total && starts.length < 2000; k++) {
    const start = new Array<number>(n).fill(0);
    let rest = k;
    for (let i = 0; i < gridded; i++) {
      start[i] = -BOX + ((rest % per) + 0.5) * ((2 * BOX) / per);
      rest = Math.floor(rest / per);
    }
    starts.push(start);
  }
  const roots: number[][] = [];
  for (const start of starts) {
    checkBudget();
    let z = start;
    // Kept only where Newton's steps came to rest (or landed on an exact zero): a small residual
    // alone is no root. x² − π·10⁻¹⁴ is 3·10⁻¹⁴ at x = 0, where the Jacobian vanishes and the
    // iteration stops, and x = 0 was reported as a root.
    let converged = false;
    for (let iter = 0; iter < 60; iter++) {
      const r = F.map((f) => f(z));
      if (!r.every(Number.isFinite)) break;
      const A = J.map((row) => row.map((d) => d(z)));
      const step = solveLinear(A, r);
      if (!step || !step.every(Number.isFinite)) {
        converged = r.every((v) => v === 0);
        break;
      }
      z = z.map((v, i) => v - step[i]);
      if (Math.max(...step.map(Math.abs)) < 1e-14 * Math.max(1, ...z.map(Math.abs))) {
        converged = true;
        break;
      }
    }
    const residual = Math.max(...F.map((f) => Math.abs(f(z))));
    if (!converged || !(residual < 1e-10)) continue;
    if (z.slice(0, gridded).some((v) => Math.abs(v) > BOX)) continue;
    if (roots.some((q) => q.every((v, i) => Math.abs(v - z[i]) < 1e-7 * Math.max(1, Math.abs(v))))) continue;
    roots.push(z);
  }
  roots.sort((a, b) => {
    for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
    return 0;
  });
  const solutions: Solution[] = roots.map((z) => ({
    values: z.map((v) => float(Math.abs(v) < 1e-13 ? 0 : v)),
    exact: false,
  }));
  const searched = `Newton's method from ${starts.length} starting points in ${boxText(gridded)}`;
  const note = roots.length
    ? `numeric ${what} found by ${searched}; there may be more outside the box`
    : `no ${what} found by ${searched}; there may be some the search missed`;
  return { kind: "finite", solutions, more: note };
}
