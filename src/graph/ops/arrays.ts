// Moving between tensor nodes and the plain arrays the numeric code works on.
import type { Rational } from "../../numeric/rational.js";
import { float, num, tensor, toFloat, isNumber } from "../primitives.js";
import type { Node, Tensor } from "../node.js";
import { shapeError } from "../../errors.js";
import { showShape } from "../shape.js";

export type Entries = readonly Node[];

/** Rows of a matrix tensor; a vector is one column. */
export function rowsOf(t: Tensor): Node[][] {
  const [m, n] = t.shape.length === 1 ? [t.shape[0], 1] : [t.shape[0], t.shape[1]];
  const rows: Node[][] = [];
  for (let i = 0; i < m; i++) rows.push(t.entries.slice(i * n, (i + 1) * n));
  return rows;
}

/** A tensor from rows; a single column becomes a vector, as everywhere in Nabla. */
export function fromRows(rows: Node[][]): Tensor {
  const m = rows.length;
  const n = rows[0]?.length ?? 0;
  return tensor(n === 1 ? [m] : [m, n], rows.flat());
}

export function asRationals(t: Tensor): Rational[][] | null {
  if (!t.entries.every((e) => e.kind === "num")) return null;
  return rowsOf(t).map((row) => row.map((e) => (e as { value: Rational }).value));
}

export function asFloats(t: Tensor): number[][] | null {
  if (!t.entries.every(isNumber)) return null;
  return rowsOf(t).map((row) => row.map((e) => toFloat(e as never)));
}

export function fromRationals(rows: Rational[][]): Tensor {
  return fromRows(rows.map((row) => row.map(num)));
}

export function fromFloats(rows: number[][]): Tensor {
  return fromRows(rows.map((row) => row.map(float)));
}

export function vectorOf(values: Node[]): Tensor {
  return tensor([values.length], values);
}

export function requireSquare(name: string, t: { shape: readonly (number | string)[] }): number {
  if (t.shape.length !== 2 || t.shape[0] !== t.shape[1]) {
    throw shapeError(`${name} needs a square matrix, not a ${showShape(t.shape)}`);
  }
  return t.shape[0] as number;
}

export function requireMatrix(name: string, t: { shape: readonly (number | string)[] }): void {
  if (t.shape.length < 1 || t.shape.length > 2)
    throw shapeError(`${name} needs a vector or a matrix, not a ${showShape(t.shape)}`);
}
