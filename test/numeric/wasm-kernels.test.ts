// The WebAssembly SIMD product C = A Bᵀ against the plain triple loop, for every storage order and
// for sizes that are odd, tiny (the JavaScript path) and large (the kernel's path).
import { describe, expect, it } from "vitest";
import { multiplyABt } from "../../src/numeric/matmul-fast.js";
import { kernelModule } from "../../src/numeric/wasm/arena.js";
import { Random } from "../../src/nn/random.js";

function reference(
  A: Float64Array,
  aT: boolean,
  B: Float64Array,
  bT: boolean,
  rows: number,
  cols: number,
  K: number,
): Float64Array {
  const C = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += (aT ? A[k * rows + i] : A[i * K + k]) * (bT ? B[k * cols + j] : B[j * K + k]);
      C[i * cols + j] = s;
    }
  }
  return C;
}

describe("A Bᵀ", () => {
  it("has WebAssembly SIMD on this Node", () => expect(kernelModule()).not.toBeNull());

  it.each([
    [1, 1, 1],
    [3, 5, 7],
    [33, 17, 65],
    [64, 128, 784],
    [128, 784, 64],
    [64, 10, 128],
    [7, 9, 1001],
  ])("for %i×%i with inner length %i, in every storage order", (rows, cols, K) => {
    const rng = new Random(rows * cols + K);
    for (const aT of [false, true]) {
      for (const bT of [false, true]) {
        const A = Float64Array.from({ length: rows * K }, () => rng.gaussian());
        const B = Float64Array.from({ length: cols * K }, () => rng.gaussian());
        const C = multiplyABt({ data: A, transposed: aT }, { data: B, transposed: bT }, rows, cols, K);
        const R = reference(A, aT, B, bT, rows, cols, K);
        expect(Math.max(...Array.from(C, (c, i) => Math.abs(c - R[i])))).toBeLessThan(1e-11);
      }
    }
  });
});
