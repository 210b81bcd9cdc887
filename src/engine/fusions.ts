// Products that run faster as one kernel than as their parts. A compiled program tries these on
// each node before the operator table: Aᵀ diag(v) A is the logistic loss's Hessian, computed as the
// upper triangle of a Gram matrix in WebAssembly SIMD on two cores; Aᵀ B and diag(v) B never form
// the transpose or the diagonal matrix.
import { shapeError } from "../errors.js";
import type { Apply, Node } from "../graph/node.js";
import type { FloatArray } from "../numeric/float-array.js";
import * as adjoints from "../numeric/float-adjoints.js";
import * as kernels from "../numeric/float-kernels.js";
import { weightedGramFast } from "../numeric/gram-parallel.js";

export interface Fusion {
  readonly name: string;
  /** The operands when `n` has this form. */
  readonly match: (n: Node) => Node[] | null;
  readonly kernel: (args: FloatArray[]) => FloatArray;
  readonly vjp: adjoints.Adjoints;
}

const isApply = (n: Node, op: string): n is Apply => n.kind === "apply" && n.op === op;
const isMatrix = (n: Node) => n.shape.length === 2;
const isVector = (n: Node) => n.shape.length === 1;

/** A, v when n is Aᵀ diag(v) A, nested either way. */
function gramOperands(n: Node): Node[] | null {
  if (!isApply(n, "matmul")) return null;
  const [left, right] = n.args;
  if (isApply(left, "transpose") && isApply(right, "matmul") && isApply(right.args[0], "diag")) {
    const [A, v] = [left.args[0], right.args[0].args[0]];
    return isMatrix(A) && isVector(v) && right.args[1] === A ? [A, v] : null;
  }
  if (isApply(left, "matmul") && isApply(left.args[0], "transpose") && isApply(left.args[1], "diag")) {
    const [A, v] = [left.args[0].args[0], left.args[1].args[0]];
    return isMatrix(A) && isVector(v) && right === A ? [A, v] : null;
  }
  return null;
}

export const FUSIONS: readonly Fusion[] = [
  {
    name: "Aᵀ diag(v) A",
    match: gramOperands,
    kernel: ([A, v]) => {
      const [m, n] = A.shape;
      if (v.data.length !== m) throw shapeError(`Aᵀ diag(v) A needs v of length ${m}, not ${v.data.length}`);
      return { shape: [n, n], data: weightedGramFast(A.data, m, n, v.data) };
    },
    vjp: adjoints.gram,
  },
  {
    name: "Aᵀ B",
    match: (n) =>
      isApply(n, "matmul") && isApply(n.args[0], "transpose") && isMatrix(n.args[0].args[0])
        ? [n.args[0].args[0], n.args[1]]
        : null,
    kernel: ([A, B]) => kernels.transposeTimes(A, B),
    vjp: adjoints.transposeTimes,
  },
  {
    name: "diag(v) B",
    match: (n) =>
      isApply(n, "matmul") && isApply(n.args[0], "diag") && isVector(n.args[0].args[0])
        ? [n.args[0].args[0], n.args[1]]
        : null,
    kernel: ([v, B]) => kernels.diagTimes(v, B),
    vjp: adjoints.diagTimes,
  },
];
