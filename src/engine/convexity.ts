// convex(f): by the Hessian. A constant Hessian (quadratics) is decided exactly by its principal
// minors; otherwise the Hessian is tested at sample points, which can prove non-convexity (a point
// with a negative eigenvalue) but only suggests convexity.
import { str, struct } from "../graph/construct.js";
import type { Node } from "../graph/node.js";
import { freeSymbols } from "../graph/traverse.js";
import { asRationals } from "../graph/ops/arrays.js";
import { det } from "../numeric/exact-linalg.js";
import { symmetricEigen } from "../numeric/float-linalg.js";
import type { Rational } from "../numeric/rational.js";
import { hessian } from "./differentiate.js";
import { evaluateAt } from "./numeric-eval.js";
import { toPretty } from "../render/index.js";

function subsets(n: number): number[][] {
  const out: number[][] = [];
  for (let mask = 1; mask < 1 << n; mask++) out.push(Array.from({ length: n }, (_, i) => i).filter((i) => mask & (1 << i)));
  return out;
}

function principalMinorsNonNegative(H: Rational[][]): boolean {
  return subsets(H.length).every((idx) => det(idx.map((i) => idx.map((j) => H[i][j]))).sign() >= 0);
}

function verdict(convex: boolean, reason: string): Node {
  return struct("convexity", [{ name: "convex", value: str(convex ? "true" : "false") }, { name: "reason", value: str(reason) }]);
}

export function convexity(f: Node, vars?: readonly Node[]): Node {
  const xs = vars ?? freeSymbols(f);
  const H = hessian(f, xs);
  if (H.kind !== "tensor") return verdict(false, "no Hessian");
  const exact = asRationals(H);
  if (exact && H.shape.length === 2) {
    return principalMinorsNonNegative(exact)
      ? verdict(true, `the Hessian ${toPretty(H)} is constant and positive semidefinite (every principal minor ≥ 0)`)
      : verdict(false, `the Hessian ${toPretty(H)} is constant and not positive semidefinite`);
  }
  const n = xs.length;
  for (let k = 0; k < 200; k++) {
    const point = new Map(xs.map((x, i) => [x, Math.sin(k * 12.9898 + i * 78.233) * 5]));
    const M = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => evaluateAt(H.entries[i * n + j], point)));
    if (M.flat().some(Number.isNaN)) continue;
    const smallest = Math.min(...symmetricEigen(M).values);
    if (smallest < -1e-9) {
      const at = xs.map((x) => `${toPretty(x)} = ${point.get(x)!.toFixed(3)}`).join(", ");
      return verdict(false, `at ${at} the Hessian has the negative eigenvalue ${smallest.toPrecision(4)}`);
    }
  }
  return verdict(true, `the Hessian ${toPretty(H)} was positive semidefinite at 200 sample points in [−5, 5]ⁿ (numeric evidence, not a proof)`);
}
