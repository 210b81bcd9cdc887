// Linear algebra commands: decompositions that give several results at once. Operators with one
// result (det, inv, rank, …) are rows of the operator table instead.
import { diagonalize, eigen, singularValues } from "../decompositions.js";
import type { CommandEntry } from "./entry.js";

export const LINEAR_ALGEBRA: CommandEntry[] = [
  {
    name: "eig",
    arity: [1, 1],
    help: {
      syntax: "eig(A)",
      description:
        "Eigenvalues (largest first) with eigenvectors; exact when they are rational or quadratic radicals, numeric otherwise.",
      examples: ["eig([2, 1; 1, 2])", "eig([4, 1; 2, 3])"],
    },
    run: ({ args }, ev) => eigen(ev.expr(args[0])),
  },
  {
    name: "svd",
    arity: [1, 1],
    help: {
      syntax: "svd(A)",
      description: "The singular value decomposition A = U Σ Vᵀ (numeric).",
      examples: ["svd([3, 0; 0, 4])"],
    },
    run: ({ args }, ev) => singularValues(ev.expr(args[0])),
  },
  {
    name: "diagonalize",
    arity: [1, 1],
    help: {
      syntax: "diagonalize(A)",
      description: "The spectral decomposition A = V Λ V⁻¹ of a diagonalizable matrix.",
      examples: ["diagonalize([2, 1; 1, 2])"],
    },
    run: ({ args }, ev) => diagonalize(ev.expr(args[0])),
  },
];
