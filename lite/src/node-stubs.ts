// What the engine's node imports become in the browser worker (scripts/site-lite.ts maps each
// `node:*` import here). Each stand-in fails the way the engine already handles: a file read
// throws (the session's readFile reads the site's files instead), the vega helper is unavailable
// (Nabla's own SVG is drawn), the heap's size is unknown (the allocation caps still hold). A helper
// thread started from source (the SIMD Gram kernel's second core) runs in this thread, on each
// message, synchronously: the same work, one core.

function unavailable(what: string): never {
  throw new Error(`${what} is not available in the browser`);
}

export const readFileSync = () => unavailable("reading files");
export const openSync = () => unavailable("reading files");
export const existsSync = () => false;
export const fstatSync = () => unavailable("reading files");
export const readSync = () => unavailable("reading files");
export const closeSync = () => undefined;
export const writeFileSync = () => unavailable("writing files");

export function getHeapStatistics(): { used_heap_size: number; heap_size_limit: number; total_available_size: number } {
  return {
    used_heap_size: 0,
    heap_size_limit: Number.POSITIVE_INFINITY,
    total_available_size: Number.POSITIVE_INFINITY,
  };
}
export const setFlagsFromString = () => undefined;

export function createRequire(): never {
  return unavailable("require");
}
export default { createRequire };

export const dirname = (p: string) => p.replace(/\/[^/]*$/, "");
export const join = (...parts: string[]) => parts.join("/");
export const fileURLToPath = (u: string) => u;
export const pathToFileURL = (p: string) => new URL(p, "file:///");

type Handler = (message: unknown) => void;

/** A helper "thread" from source, run in this thread: its `parentPort.on("message")` handler is called on each postMessage. */
export class Worker {
  private readonly handlers: Handler[] = [];

  constructor(source: string, options?: { eval?: boolean; workerData?: unknown }) {
    if (!options?.eval) unavailable("a worker thread from a file");
    const parentPort = {
      on: (event: string, handler: Handler) => void (event === "message" && this.handlers.push(handler)),
      postMessage: () => undefined,
    };
    const require = (name: string) =>
      name === "node:worker_threads" ? { parentPort, workerData: options.workerData } : unavailable(name);
    new Function("require", source)(require);
  }

  postMessage(message: unknown): void {
    for (const handler of this.handlers) handler(message);
  }

  on(): this {
    return this;
  }

  unref(): this {
    return this;
  }

  terminate(): Promise<number> {
    return Promise.resolve(0);
  }
}

export class MessageChannel {
  constructor() {
    unavailable("a message channel between threads");
  }
}
export const receiveMessageOnPort = () => undefined;
export const parentPort = null;
export const workerData = undefined;
export const isMainThread = true;
