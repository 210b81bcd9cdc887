// Vector–Jacobian products of the array operators for reverse-mode differentiation: given the
// arguments, the result and the result's adjoint G (∂L/∂result), each returns ∂L/∂argument, with as
// many entries as the argument has (compiled programs reshape them). Vectors are columns.
import { shapeError } from "../errors.js";
import type { FloatArray } from "./float-array.js";
import * as kernels from "./float-kernels.js";

export type Adjoints = (args: FloatArray[], result: FloatArray, adjoint: FloatArray) => (FloatArray | null)[];

const matrixView = (a: FloatArray): FloatArray => {
  if (a.shape.length === 2) return a;
  return { shape: a.shape.length === 0 ? [1, 1] : [a.shape[0], 1], data: a.data };
};
const view = (shape: number[], data: Float64Array): FloatArray => ({ shape, data });
const scaled = (a: FloatArray, c: number): FloatArray => ({ shape: a.shape, data: a.data.map((x) => x * c) });

/** C = A B: ∂A = G Bᵀ, ∂B = Aᵀ G. */
export const matmul: Adjoints = ([a, b], _c, g) => {
  const A = matrixView(a),
    B = matrixView(b);
  const G = view([A.shape[0], B.shape[1]], g.data);
  return [kernels.matmul(G, view([B.shape[1], B.shape[0]], kernels.transpose(B).data)), kernels.transposeTimes(A, G)];
};

/** C = Aᵀ B: ∂A = B Gᵀ, ∂B = A G. */
export const transposeTimes: Adjoints = ([a, b], _c, g) => {
  const A = matrixView(a),
    B = matrixView(b);
  const G = view([A.shape[1], B.shape[1]], g.data);
  return [kernels.matmul(B, view([G.shape[1], G.shape[0]], kernels.transpose(G).data)), kernels.matmul(A, G)];
};

/** C = diag(v) B: ∂v_i = Σⱼ G_ij B_ij, ∂B = diag(v) G. */
export const diagTimes: Adjoints = ([v, b], _c, g) => {
  const B = matrixView(b);
  const [m, n] = B.shape;
  const dv = new Float64Array(m);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) dv[i] += g.data[i * n + j] * B.data[i * n + j];
  return [view([m], dv), kernels.diagTimes(v, view([m, n], g.data))];
};

/** H = Aᵀ diag(v) A: ∂A = diag(v) A (G + Gᵀ), ∂v_r = a_rᵀ G a_r for the rows a_r of A. */
export const gram: Adjoints = ([a, v], _h, g) => {
  const [m, n] = a.shape;
  const sym = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) sym[i * n + j] = g.data[i * n + j] + g.data[j * n + i];
  const dA = kernels.diagTimes(v, kernels.matmul(a, view([n, n], sym)));
  const AG = kernels.matmul(a, view([n, n], g.data));
  const dv = new Float64Array(m);
  for (let r = 0; r < m; r++) for (let j = 0; j < n; j++) dv[r] += AG.data[r * n + j] * a.data[r * n + j];
  return [dA, view([m], dv)];
};

export const transpose: Adjoints = ([a], _c, g) => {
  const [m, n] = matrixView(a).shape;
  return [kernels.transpose(view([n, m], g.data))];
};

export const trace: Adjoints = ([a], _c, g) => {
  const n = a.shape[0];
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) out[i * (n + 1)] = g.data[0];
  return [view([n, n], out)];
};

export const sum: Adjoints = ([a], _c, g) => [
  { shape: a.shape, data: new Float64Array(a.data.length).fill(g.data[0]) },
];

export const dot: Adjoints = ([a, b], _c, g) => [scaled(b, g.data[0]), scaled(a, g.data[0])];

/** M = a bᵀ: ∂a = G b, ∂b = Gᵀ a. */
export const outer: Adjoints = ([a, b], _c, g) => {
  const G = view([a.data.length, b.data.length], g.data);
  return [kernels.matmul(G, view([b.data.length], b.data)), kernels.transposeTimes(G, view([a.data.length], a.data))];
};

/** diag(v) → ∂v = diag(G); diag(A) → ∂A has G on its diagonal. */
export const diag: Adjoints = ([a], _c, g) => [
  kernels.diag(a.shape.length === 1 ? view([a.shape[0], a.shape[0]], g.data) : view([g.data.length], g.data)),
];

/** s = softmax(x): ∂x = s ⊙ (G − (Gᵀs)). */
export const softmax: Adjoints = (_args, s, g) => {
  let gs = 0;
  for (let i = 0; i < s.data.length; i++) gs += g.data[i] * s.data[i];
  return [{ shape: s.shape, data: s.data.map((si, i) => si * (g.data[i] - gs)) }];
};

export const logsumexp: Adjoints = ([x], _c, g) => [scaled(kernels.softmax(x), g.data[0])];

/** ‖v‖₂ → v/‖v‖; ‖v‖₁ → sign(v); a matrix's induced norm has no adjoint here. */
export const norm: Adjoints = ([v, p], n, g) => {
  if (v.shape.length === 2 && v.shape[0] !== 1) throw shapeError("reverse mode differentiates vector norms only");
  const order = p ? p.data[0] : 2;
  const scale = g.data[0];
  return [
    {
      shape: v.shape,
      data: v.data.map((x) => (order === 1 ? Math.sign(x) : n.data[0] === 0 ? 0 : x / n.data[0]) * scale),
    },
    null,
  ];
};

/**
 * d = det(A): ∂A = G·cof(A), the cofactor matrix, which is d A⁻ᵀ when A is invertible; at a
 * singular A (where the gradient exists all the same) the cofactors are computed one by one.
 */
export const determinant: Adjoints = ([a], d, g) => {
  const n = a.shape[0];
  try {
    return [scaled(kernels.transpose(view([n, n], kernels.inverse(a).data)), g.data[0] * d.data[0])];
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    return [scaled(cofactors(a), g.data[0])];
  }
};

/** The cofactor matrix: entry (i, j) is (−1)^(i+j) times the determinant of A without row i and column j. */
function cofactors(a: FloatArray): FloatArray {
  const n = a.shape[0];
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (n === 1) {
        out[0] = 1;
        continue;
      }
      const minor = new Float64Array((n - 1) * (n - 1));
      let k = 0;
      for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (r !== i && c !== j) minor[k++] = a.data[r * n + c];
      out[i * n + j] = ((i + j) % 2 === 0 ? 1 : -1) * kernels.determinant(view([n - 1, n - 1], minor)).data[0];
    }
  }
  return view([n, n], out);
}

/** B = A⁻¹: ∂A = −Bᵀ G Bᵀ. */
export const inverse: Adjoints = (_args, b, g) => {
  const n = b.shape[0];
  const bt = kernels.transpose(b);
  return [scaled(kernels.matmul(kernels.matmul(bt, view([n, n], g.data)), bt), -1)];
};
