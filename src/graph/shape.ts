// Shapes: [] is a scalar, [n] a (column) vector, [m, n] a matrix, longer lists higher-rank tensors.
// A dimension is a whole number or a symbol (`x ∈ ℝ^n`).
import { shapeError } from "../errors.js";

export type Dim = number | string;
export type Shape = readonly Dim[];

export const SCALAR: Shape = [];

export function isScalar(shape: Shape): boolean {
  return shape.length === 0;
}

export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

export function showShape(shape: Shape): string {
  if (shape.length === 0) return "scalar";
  if (shape.length === 1) return `vector of length ${shape[0]}`;
  return shape.join("×");
}

export function describeShape(shape: Shape): string {
  if (shape.length === 0) return "ℝ";
  return shape.length === 1 ? `ℝ^${shape[0]}` : `ℝ^(${shape.join("×")})`;
}

/** Shape of a matrix product, treating a vector as a column; a 1×1 result is a scalar. */
export function matmulShape(a: Shape, b: Shape): Shape {
  const left = a.length === 1 ? [a[0], 1] : a;
  const right = b.length === 1 ? [b[0], 1] : b;
  if (left.length !== 2 || right.length !== 2) {
    throw shapeError(`cannot multiply ${showShape(a)} by ${showShape(b)}: matrix products need vectors or matrices`);
  }
  if (left[1] !== right[0]) {
    throw shapeError(
      `cannot multiply ${showShape(a)} by ${showShape(b)}: inner dimensions ${left[1]} and ${right[0]} differ`,
    );
  }
  return demote([left[0], right[1]]);
}

/** [m, 1] is a vector [m]; [1, 1] is a scalar. A row [1, n] stays a matrix. */
export function demote(shape: Shape): Shape {
  if (shape.length === 2 && shape[1] === 1) return shape[0] === 1 ? SCALAR : [shape[0]];
  return shape;
}

export function transposeShape(a: Shape): Shape {
  if (a.length === 0) return a;
  if (a.length === 1) return [1, a[0]];
  if (a.length === 2) return demote([a[1], a[0]]);
  throw shapeError(`cannot transpose a tensor of rank ${a.length}`);
}

export function size(shape: Shape): number {
  let n = 1;
  for (const d of shape) {
    if (typeof d !== "number") return NaN;
    n *= d;
  }
  return n;
}
