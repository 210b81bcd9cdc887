// Aᵀ diag(v) A, fast: the WebAssembly SIMD kernel (wasm/gram-kernel.ts) on two cores. The
// triangle's row pairs are split so both parts hold as many entries; a helper thread computes the
// second part in the same shared memory while this thread computes the first, then this thread
// waits on a shared flag (Atomics.wait is allowed in Node's main thread). Should the helper not
// answer in time, this thread computes its rows too: never a hang. Without WebAssembly SIMD, the
// JavaScript kernel of gram.ts runs on one core.
import { Worker } from "node:worker_threads";
import { balancedSplit, mirrorUpper, weightedGram } from "./gram.js";
import { arenaOf, kernelModule } from "./wasm/arena.js";

const HELPER_SOURCE = `
const { parentPort } = require("node:worker_threads");
let memory = null, gram = null;
parentPort.on("message", (job) => {
  if (job.memory !== memory) {
    memory = job.memory;
    gram = new WebAssembly.Instance(job.module, { env: { memory } }).exports.gram;
  }
  gram(...job.args);
  const flag = new Int32Array(memory.buffer, job.flag, 1);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});`;

/** Below this many multiply-adds a second thread costs more than it saves. */
const PARALLEL_WORK = 8_000_000;

let helper: Worker | null = null;

function startHelper(): Worker {
  const w = new Worker(HELPER_SOURCE, { eval: true });
  w.unref();
  w.on("error", () => {
    if (helper === w) helper = null;
  });
  return w;
}

const even = (k: number) => k + (k % 2);

/** Aᵀ diag(v) A for an m×n row-major A: the full symmetric n×n matrix. */
export function weightedGramFast(A: Float64Array, m: number, n: number, v: Float64Array, cores = 2): Float64Array {
  const module = kernelModule();
  if (!module || n === 0 || m === 0) return weightedGram(A, m, n, v);
  // Columns of Aᵀ padded to even lengths (zero rows weigh nothing), n padded to even with a zero column.
  const mp = even(m),
    np = even(n);
  const layout = { at: 0, v: np * mp * 8, out: np * mp * 8 + mp * 8 };
  const scratch = layout.out + np * np * 8;
  const flagAt = scratch + 4 * mp * 8;
  const { memory, gram, heap } = arenaOf(flagAt + 16);
  const At = heap.subarray(0, np * mp);
  At.fill(0);
  for (let r = 0; r < m; r++) for (let c = 0; c < n; c++) At[c * mp + r] = A[r * n + c];
  heap.fill(0, (layout.v >> 3) + m, (layout.v >> 3) + mp);
  heap.set(v, layout.v >> 3);
  const work = (m * n * (n + 1)) / 2;
  const split = cores > 1 && work >= PARALLEL_WORK ? Math.min(np, even(balancedSplit(np, 2)[1])) : np;
  const own = [0, mp * 8, np, layout.v, 0, split, layout.out, scratch, scratch + mp * 8] as const;
  if (split < np) {
    const flag = new Int32Array(memory.buffer, flagAt, 1);
    Atomics.store(flag, 0, 0);
    helper ??= startHelper();
    const theirs = [0, mp * 8, np, layout.v, split, np, layout.out, scratch + 2 * mp * 8, scratch + 3 * mp * 8];
    helper.postMessage({ module, memory, args: theirs, flag: flagAt });
    const started = performance.now();
    gram(...own);
    const patience = 2000 + 8 * (performance.now() - started);
    if (Atomics.wait(flag, 0, 0, patience) === "timed-out" && Atomics.load(flag, 0) === 0) {
      gram(0, mp * 8, np, layout.v, split, np, layout.out, scratch, scratch + mp * 8);
    }
  } else {
    gram(...own);
  }
  const H = new Float64Array(n * n);
  const out = layout.out >> 3;
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) H[i * n + j] = heap[out + i * np + j];
  return mirrorUpper(H, n);
}

export const hasWasmSimd = (): boolean => kernelModule() !== null;
