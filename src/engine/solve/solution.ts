// What a system's solver returns: finitely many points (each exact or a float approximation) or a
// note that the solutions are infinitely many. A leaf: the exact solver (system.ts) and Newton's
// method (newton.ts), which each call the other, both return it.
import type { Node } from "../../graph/node.js";

export interface Solution {
  values: Node[];
  exact: boolean;
}

/** `more`: besides these points, some branch leaves an unknown free (a curve or surface of solutions). */
export type SystemSolution =
  { kind: "finite"; solutions: Solution[]; more?: string } | { kind: "infinite"; note: string };
