// Entry-by-entry arithmetic on float arrays of one size, scalars (shape []) broadcast: the sums,
// products, powers and scalar functions of compiled programs, and their adjoints.
import { shapeError } from "../errors.js";
import type { FloatArray } from "./float-array.js";

/** The common shape of the operands: the first array's, or a scalar's when all are scalars. */
function common(args: readonly FloatArray[]): readonly number[] {
  const big = args.find((a) => a.shape.length > 0);
  if (!big) return [];
  for (const a of args) {
    if (a.shape.length > 0 && a.data.length !== big.data.length) {
      throw shapeError(`entry-by-entry operation on a ${big.shape.join("×")} and a ${a.shape.join("×")} array`);
    }
  }
  return big.shape;
}

const isScalarArray = (a: FloatArray) => a.shape.length === 0;

/** f applied entry by entry. */
export function entrywise(args: readonly FloatArray[], f: (xs: number[]) => number): FloatArray {
  const shape = common(args);
  const size = shape.reduce((p, d) => p * d, 1);
  const out = new Float64Array(size);
  if (args.length === 1) {
    const x = args[0].data;
    const xs = [0];
    for (let i = 0; i < size; i++) {
      xs[0] = x[i];
      out[i] = f(xs);
    }
    return { shape, data: out };
  }
  const xs = new Array<number>(args.length);
  for (let i = 0; i < size; i++) {
    for (let k = 0; k < args.length; k++) xs[k] = isScalarArray(args[k]) ? args[k].data[0] : args[k].data[i];
    out[i] = f(xs);
  }
  return { shape, data: out };
}

/** Sums and products fold their operands in place: no closure call per entry. */
export function fold(args: readonly FloatArray[], combine: "add" | "mul"): FloatArray {
  const shape = common(args);
  const size = shape.reduce((p, d) => p * d, 1);
  const out = new Float64Array(size).fill(combine === "add" ? 0 : 1);
  for (const a of args) {
    const x = a.data;
    if (isScalarArray(a)) {
      const c = x[0];
      if (combine === "add") for (let i = 0; i < size; i++) out[i] += c;
      else for (let i = 0; i < size; i++) out[i] *= c;
    } else if (combine === "add") for (let i = 0; i < size; i++) out[i] += x[i];
    else for (let i = 0; i < size; i++) out[i] *= x[i];
  }
  return { shape, data: out };
}

/** The adjoint of a product's k-th factor: G ⊙ the other factors. */
export function productAdjoint(args: readonly FloatArray[], k: number, adjoint: FloatArray): FloatArray {
  return fold([adjoint, ...args.filter((_, j) => j !== k)], "mul");
}

/**
 * Adds an adjoint into an accumulator for an operand of the given size: an operand broadcast
 * from a scalar receives the sum of the adjoint's entries.
 */
export function accumulate(into: FloatArray | undefined, g: FloatArray, operand: FloatArray): FloatArray {
  let data = g.data;
  if (operand.data.length === 1 && g.data.length !== 1) {
    let s = 0;
    for (const x of g.data) s += x;
    data = Float64Array.of(s);
  } else if (g.data.length !== operand.data.length) {
    throw shapeError(`an adjoint of ${g.data.length} entries for an operand of ${operand.data.length}`);
  }
  if (!into) return { shape: operand.shape, data: data === g.data ? Float64Array.from(data) : data };
  for (let i = 0; i < data.length; i++) into.data[i] += data[i];
  return into;
}
