// C = A Bᵀ (rows × cols, inner length K) in the WebAssembly SIMD kernel, for the products of dense
// layers: Z = X Wᵀ forward; ∂W = δᵀ X and δ W backward, which are A Bᵀ products of transposes. Each
// operand is copied into the kernel's memory as rows of K entries (transposed on the way in when it
// is stored the other way round, zero-padded to even lengths), so every product is one kernel call.
// Small products, and machines without WebAssembly SIMD, take the plain JavaScript loop.
import { arenaOf, kernelModule } from "./wasm/arena.js";

export interface Operand {
  readonly data: Float64Array;
  /** True when `data` holds the operand's transpose: K rows of `rows` (or `cols`) entries. */
  readonly transposed?: boolean;
}

/** Below this many multiply-adds the copies cost more than SIMD saves. */
const WASM_WORK = 32_768;

const even = (k: number) => k + (k % 2);

/** Row i, entry k of an operand with `count` rows of K entries (or its transpose). */
const entry = (o: Operand, count: number, K: number) =>
  o.transposed ? (i: number, k: number) => o.data[k * count + i] : (i: number, k: number) => o.data[i * K + k];

function copyRows(heap: Float64Array, at: number, o: Operand, count: number, K: number, stride: number): void {
  if (!o.transposed) {
    for (let i = 0; i < count; i++) heap.set(o.data.subarray(i * K, i * K + K), at + i * stride);
  } else {
    for (let k = 0; k < K; k++) {
      const row = k * count;
      for (let i = 0; i < count; i++) heap[at + i * stride + k] = o.data[row + i];
    }
  }
  if (stride !== K) for (let i = 0; i < count; i++) heap[at + i * stride + K] = 0;
}

export function multiplyABt(A: Operand, B: Operand, rows: number, cols: number, K: number): Float64Array {
  if (rows * cols * K < WASM_WORK || !kernelModule()) {
    const C = new Float64Array(rows * cols);
    const a = entry(A, rows, K),
      b = entry(B, cols, K);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        let s = 0;
        for (let k = 0; k < K; k++) s += a(i, k) * b(j, k);
        C[i * cols + j] = s;
      }
    }
    return C;
  }
  const Kp = even(K),
    rowsP = even(rows);
  const aAt = 0,
    bAt = rowsP * Kp,
    cAt = bAt + cols * Kp;
  const { heap, abt } = arenaOf((cAt + rowsP * cols) * 8);
  copyRows(heap, aAt, A, rows, K, Kp);
  if (rowsP !== rows) heap.fill(0, aAt + rows * Kp, aAt + rowsP * Kp);
  copyRows(heap, bAt, B, cols, K, Kp);
  abt(aAt * 8, bAt * 8, cAt * 8, rowsP, cols, Kp * 8);
  return heap.slice(cAt, cAt + rows * cols);
}
