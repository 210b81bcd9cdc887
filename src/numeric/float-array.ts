// Float arrays for compiled kernels: a shape and its entries, row-major, in one Float64Array. A
// scalar has shape [] and one entry; a vector is a column.
import { shapeError } from "../errors.js";

export interface FloatArray {
  readonly shape: readonly number[];
  readonly data: Float64Array;
}

export function floatArray(shape: readonly number[], data?: ArrayLike<number>): FloatArray {
  const n = shape.reduce((p, d) => p * d, 1);
  const out = new Float64Array(n);
  if (data) {
    if (data.length !== n) throw shapeError(`${data.length} entries do not fill a ${shape.join("×") || "scalar"} array`);
    out.set(data);
  }
  return { shape, data: out };
}

export function scalarArray(x: number): FloatArray {
  return { shape: [], data: Float64Array.of(x) };
}

/** A matrix from its rows. */
export function fromRows(rows: readonly (readonly number[])[]): FloatArray {
  const m = rows.length;
  const n = m === 0 ? 0 : rows[0].length;
  const data = new Float64Array(m * n);
  rows.forEach((row, i) => data.set(row, i * n));
  return { shape: [m, n], data };
}

export function rowsOf(a: FloatArray): number[][] {
  const [m, n] = a.shape.length === 1 ? [a.shape[0], 1] : a.shape;
  return Array.from({ length: m }, (_, i) => Array.from(a.data.subarray(i * n, i * n + n)));
}

/** The largest absolute entrywise difference (∞ when the shapes differ). */
export function maxAbsDifference(a: FloatArray, b: FloatArray): number {
  if (a.data.length !== b.data.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.data.length; i++) worst = Math.max(worst, Math.abs(a.data[i] - b.data[i]));
  return worst;
}
