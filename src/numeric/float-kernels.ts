// The float kernels of the linear-algebra operators, on row-major Float64Arrays. A vector is a
// column: in a product it is an n×1 matrix, and an n×1 or 1×1 result is demoted like the symbolic
// shapes are (see graph/shape.ts).
import { reserveEntries } from "../budget.js";
import { shapeError } from "../errors.js";
import { rowsOf, type FloatArray } from "./float-array.js";
import { det, inverse as invert, svd } from "./float-linalg.js";

const asMatrix = (a: FloatArray): [number, number] =>
  a.shape.length === 0 ? [1, 1] : a.shape.length === 1 ? [a.shape[0], 1] : [a.shape[0], a.shape[1]];

function demoted(m: number, n: number): number[] {
  return n === 1 ? (m === 1 ? [] : [m]) : [m, n];
}

function checkInner(what: string, a: FloatArray, b: FloatArray, left: number, right: number): void {
  if (left !== right)
    throw shapeError(
      `cannot form ${what} of ${a.shape.join("×")} and ${b.shape.join("×")}: inner dimensions ${left} and ${right} differ`,
    );
}

/** A B: rows of A against B's rows (i-k-j order, so the inner loop runs along contiguous memory). */
export function matmul(a: FloatArray, b: FloatArray): FloatArray {
  const [m, k] = asMatrix(a);
  const [k2, n] = asMatrix(b);
  checkInner("the product", a, b, k, k2);
  const out = new Float64Array(m * n);
  const A = a.data,
    B = b.data;
  if (n === 1) {
    for (let i = 0; i < m; i++) {
      let s = 0;
      const row = i * k;
      for (let p = 0; p < k; p++) s += A[row + p] * B[p];
      out[i] = s;
    }
  } else {
    for (let i = 0; i < m; i++) {
      const o = i * n;
      for (let p = 0; p < k; p++) {
        const x = A[i * k + p];
        if (x === 0) continue;
        const r = p * n;
        for (let j = 0; j < n; j++) out[o + j] += x * B[r + j];
      }
    }
  }
  return { shape: demoted(m, n), data: out };
}

/** Aᵀ B without forming Aᵀ: each row of A scales the same row of B into the result. */
export function transposeTimes(a: FloatArray, b: FloatArray): FloatArray {
  const [m, k] = asMatrix(a);
  const [m2, n] = asMatrix(b);
  checkInner("Aᵀ B", a, b, m, m2);
  const out = new Float64Array(k * n);
  const A = a.data,
    B = b.data;
  for (let r = 0; r < m; r++) {
    const ar = r * k,
      br = r * n;
    for (let i = 0; i < k; i++) {
      const x = A[ar + i];
      if (x === 0) continue;
      const o = i * n;
      for (let j = 0; j < n; j++) out[o + j] += x * B[br + j];
    }
  }
  return { shape: demoted(k, n), data: out };
}

export function transpose(a: FloatArray): FloatArray {
  if (a.shape.length === 0) return a;
  const [m, n] = asMatrix(a);
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out[j * m + i] = a.data[i * n + j];
  return { shape: a.shape.length === 1 ? [1, m] : demoted(n, m), data: out };
}

/** diag(v) is the square matrix with v on its diagonal; diag(A) is A's diagonal. */
export function diag(a: FloatArray): FloatArray {
  if (a.shape.length === 1) {
    const n = a.shape[0];
    const out = new Float64Array(n * n);
    for (let i = 0; i < n; i++) out[i * (n + 1)] = a.data[i];
    return { shape: [n, n], data: out };
  }
  const [m, n] = asMatrix(a);
  if (m !== n) throw shapeError(`diag needs a vector or a square matrix, not a ${m}×${n}`);
  return { shape: [n], data: Float64Array.from({ length: n }, (_, i) => a.data[i * (n + 1)]) };
}

export function trace(a: FloatArray): FloatArray {
  const [m, n] = asMatrix(a);
  if (m !== n) throw shapeError(`tr needs a square matrix, not a ${m}×${n}`);
  let s = 0;
  for (let i = 0; i < n; i++) s += a.data[i * (n + 1)];
  return { shape: [], data: Float64Array.of(s) };
}

export function sum(a: FloatArray): FloatArray {
  let s = 0;
  for (let i = 0; i < a.data.length; i++) s += a.data[i];
  return { shape: [], data: Float64Array.of(s) };
}

export function dot(a: FloatArray, b: FloatArray): FloatArray {
  if (a.data.length !== b.data.length)
    throw shapeError(`dot needs two arrays of the same size, not ${a.data.length} and ${b.data.length} entries`);
  let s = 0;
  for (let i = 0; i < a.data.length; i++) s += a.data[i] * b.data[i];
  return { shape: [], data: Float64Array.of(s) };
}

export function outer(a: FloatArray, b: FloatArray): FloatArray {
  const m = a.data.length,
    n = b.data.length;
  reserveEntries(m * n, "the outer product");
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out[i * n + j] = a.data[i] * b.data[j];
  return { shape: [m, n], data: out };
}

/** softmax(x)ₖ = exp(xₖ − max x) / Σⱼ exp(xⱼ − max x): shifted, so no entry overflows. */
export function softmax(a: FloatArray): FloatArray {
  let top = -Infinity;
  for (const x of a.data) top = Math.max(top, x);
  const out = a.data.map((x) => Math.exp(x - top));
  let s = 0;
  for (const x of out) s += x;
  for (let i = 0; i < out.length; i++) out[i] /= s;
  return { shape: a.shape, data: out };
}

export function logsumexp(a: FloatArray): FloatArray {
  let top = -Infinity;
  for (const x of a.data) top = Math.max(top, x);
  let s = 0;
  for (const x of a.data) s += Math.exp(x - top);
  return { shape: [], data: Float64Array.of(top + Math.log(s)) };
}

/** diag(v) B without forming diag(v): row i of B scaled by vᵢ. */
export function diagTimes(v: FloatArray, b: FloatArray): FloatArray {
  const [m, n] = asMatrix(b);
  if (v.data.length !== m)
    throw shapeError(`cannot form diag(v) B of a vector of length ${v.data.length} and ${b.shape.join("×")}`);
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    const s = v.data[i];
    for (let j = 0; j < n; j++) out[i * n + j] = s * b.data[i * n + j];
  }
  return { shape: b.shape, data: out };
}

/** ‖a‖ₚ for p = 1 or 2 (the default): of a vector, or the induced norm of a matrix (2: the largest singular value). */
export function norm(a: FloatArray, p?: FloatArray): FloatArray {
  const order = p ? p.data[0] : 2;
  if (order !== 1 && order !== 2) throw shapeError(`a compiled norm takes p = 1 or 2, not ${order}`);
  const vector = a.shape.length <= 1 || a.shape[0] === 1;
  let s = 0;
  if (vector) {
    for (const x of a.data) s += order === 1 ? Math.abs(x) : x * x;
    return { shape: [], data: Float64Array.of(order === 1 ? s : Math.sqrt(s)) };
  }
  const [m, n] = asMatrix(a);
  if (order === 1) {
    for (let j = 0; j < n; j++) {
      let column = 0;
      for (let i = 0; i < m; i++) column += Math.abs(a.data[i * n + j]);
      s = Math.max(s, column);
    }
    return { shape: [], data: Float64Array.of(s) };
  }
  return { shape: [], data: Float64Array.of(svd(rowsOf(a)).S[0] ?? 0) };
}

export function determinant(a: FloatArray): FloatArray {
  return { shape: [], data: Float64Array.of(det(rowsOf(a))) };
}

export function inverse(a: FloatArray): FloatArray {
  const rows = invert(rowsOf(a));
  return { shape: a.shape, data: Float64Array.from(rows.flat()) };
}
