// Imported first by the worker (./worker.ts), before the engine's modules: the engine's SIMD kernels
// (src/numeric/wasm/arena.ts) need WebAssembly SIMD *and* shared WebAssembly memory. A browser with
// SIMD but without shared memory (no cross-origin isolation where the browser asks for it) would
// validate the module and then fail to make its arena; here the engine is shown a WebAssembly that
// validates nothing in that case, so it runs its JavaScript kernels, as it does without SIMD.
const wasm = globalThis.WebAssembly as typeof WebAssembly | undefined;

function sharedMemory(): boolean {
  try {
    new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    return true;
  } catch {
    return false;
  }
}

if (wasm && !sharedMemory()) {
  const guarded = Object.create(wasm) as typeof WebAssembly;
  Object.defineProperty(guarded, "validate", { value: () => false });
  Object.defineProperty(globalThis, "WebAssembly", { value: guarded, configurable: true, writable: true });
}

export {};
