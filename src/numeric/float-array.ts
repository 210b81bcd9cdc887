// Float arrays for compiled kernels: a shape and its entries, row-major, in one Float64Array. A
// scalar has shape [] and one entry; a vector is a column.
import { shapeError } from "../errors.js";

export interface FloatArray {
  readonly shape: readonly number[];
  readonly data: Float64Array;
}

/** What callers may pass for a float array: a number, a vector, a matrix by rows, or the array itself. */
export type FloatInput = FloatArray | number | readonly number[] | readonly (readonly number[])[];

export function toFloatArray(name: string, v: FloatInput): FloatArray {
  if (typeof v === "number") return { shape: [], data: Float64Array.of(v) };
  if ("data" in v && "shape" in v) return v;
  const rows = v as readonly (number | readonly number[])[];
  if (rows.every((r) => typeof r === "number"))
    return { shape: [rows.length], data: Float64Array.from(rows as number[]) };
  const width = (rows[0] as readonly number[]).length;
  if (rows.some((r) => typeof r === "number" || r.length !== width))
    throw shapeError(`${name}: every row needs ${width} entries`);
  const data = new Float64Array(rows.length * width);
  rows.forEach((r, i) => data.set(r as readonly number[], i * width));
  return { shape: [rows.length, width], data };
}

export function rowsOf(a: FloatArray): number[][] {
  const [m, n] = a.shape.length === 1 ? [a.shape[0], 1] : a.shape;
  return Array.from({ length: m }, (_, i) => Array.from(a.data.subarray(i * n, i * n + n)));
}
