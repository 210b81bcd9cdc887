// The compiled kernel module and one shared memory to run it in, grown (replaced) on demand. The
// memory is shared so that a helper thread can work in it too (see ../gram-parallel.ts).
import { kernelModuleBytes } from "./kernels.js";

export type GramFunction = (
  at: number,
  m8: number,
  n: number,
  v: number,
  from: number,
  to: number,
  out: number,
  u: number,
  w: number,
) => void;
export type AbtFunction = (a: number, b: number, out: number, rows: number, cols: number, k8: number) => void;

// The part of the WebAssembly JavaScript API used here, typed locally: the build's `lib` (ES2022,
// no DOM) does not declare the global.
export interface WasmMemory {
  readonly buffer: ArrayBufferLike;
}
export type WasmModule = object;
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => WasmModule;
  Memory: new (limits: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
  Instance: new (module: WasmModule, imports: object) => { exports: Record<string, unknown> };
}
const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

let compiled: WasmModule | null | undefined;

/**
 * The compiled kernel module, made on first use; null where WebAssembly SIMD is unavailable
 * (callers then run their JavaScript kernels).
 */
export function kernelModule(): WasmModule | null {
  if (compiled === undefined) {
    const bytes = kernelModuleBytes();
    compiled = wasm?.validate(bytes) ? new wasm.Module(bytes) : null;
  }
  return compiled;
}

export interface Arena {
  readonly memory: WasmMemory;
  readonly heap: Float64Array;
  readonly gram: GramFunction;
  readonly abt: AbtFunction;
  readonly bytes: number;
}

let arena: Arena | null = null;

/** An arena of at least `bytes` bytes (its heap view is valid until the next call asks for more). */
export function arenaOf(bytes: number): Arena {
  if (arena && arena.bytes >= bytes) return arena;
  const module = kernelModule();
  if (!wasm || !module) throw new Error("WebAssembly SIMD is not available");
  const pages = Math.ceil(Math.max(bytes, 1 << 20) / 65536);
  const memory = new wasm.Memory({ initial: pages, maximum: pages, shared: true });
  const { exports } = new wasm.Instance(module, { env: { memory } });
  arena = {
    memory,
    heap: new Float64Array(memory.buffer as ArrayBuffer),
    gram: exports.gram as GramFunction,
    abt: exports.abt as AbtFunction,
    bytes: pages * 65536,
  };
  return arena;
}
