// The compiled kernel module and one shared memory to run it in, grown (replaced) on demand. The
// memory is shared so that a helper thread can work in it too (see ../gram-parallel.ts).
import { KERNEL_MODULE_BYTES } from "./kernels.js";

export type GramFunction = (at: number, m8: number, n: number, v: number, from: number, to: number, out: number, u: number, w: number) => void;
export type AbtFunction = (a: number, b: number, out: number, rows: number, cols: number, k8: number) => void;

/** Null where WebAssembly SIMD is unavailable: callers then run their JavaScript kernels. */
export const kernelModule = WebAssembly.validate(KERNEL_MODULE_BYTES) ? new WebAssembly.Module(KERNEL_MODULE_BYTES) : null;

export interface Arena {
  readonly memory: WebAssembly.Memory;
  readonly heap: Float64Array;
  readonly gram: GramFunction;
  readonly abt: AbtFunction;
  readonly bytes: number;
}

let arena: Arena | null = null;

/** An arena of at least `bytes` bytes (its heap view is valid until the next call asks for more). */
export function arenaOf(bytes: number): Arena {
  if (arena && arena.bytes >= bytes) return arena;
  if (!kernelModule) throw new Error("WebAssembly SIMD is not available");
  const pages = Math.ceil(Math.max(bytes, 1 << 20) / 65536);
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
  const { exports } = new WebAssembly.Instance(kernelModule, { env: { memory } });
  arena = { memory, heap: new Float64Array(memory.buffer), gram: exports.gram as GramFunction, abt: exports.abt as AbtFunction, bytes: pages * 65536 };
  return arena;
}
