// The compiled bundle (dist/nabla.cjs, made by scripts/bundle.ts at `npm run build`) with V8's code
// cache beside it (nabla.cjs.cache): the functions notebooks use arrive as bytecode, so a fresh
// process or thread does not parse and compile them on first use. From the sources there is none.
//
// Loading it also turns off V8's baseline compiler, Sparkplug, for the process (NABLA_SPARKPLUG=1
// leaves V8 as it is, and the cache unused). Node 20's V8 compiles Sparkplug code in batches on the main thread, and a
// statement of a notebook runs for a few milliseconds in code seen once or a few times: measured on
// the calculus bench, the batches were two fifths of a cold Lagrange solve (7.7 → 4.6 ms without
// them), the first statement of a session 2.1 → 0.6 ms, and the other workloads gained 8–30 %. Hot
// code still reaches the optimising compilers; only long runs of lukewarm code lose (1,000 checks
// in a row: 229 → 287 ms). Node 20 cannot move the batches to a helper thread after start-up
// (--concurrent-sparkplug set then crashes it). The flag is set before the script is compiled, as
// V8 takes a code cache only under the flags it was made with.
import { existsSync, readFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { Script } from "node:vm";
import type * as Entry from "./entry.js";

export type Bundle = typeof Entry;

export interface LoadedBundle {
  exports: Bundle;
  script: Script;
  /** Whether V8 took the code cache: it refuses one made by another Node version or other flags. */
  cache: "accepted" | "rejected" | "absent";
}

let loaded: Bundle | null | undefined;

/** The bundle's exports; null from the sources, without a build, or with NABLA_NO_BUNDLE=1. */
export function loadBundle(): Bundle | null {
  if (loaded !== undefined) return loaded;
  if (import.meta.url.endsWith(".ts") || process.env.NABLA_NO_BUNDLE === "1") return (loaded = null);
  const file = fileURLToPath(new URL("../../nabla.cjs", import.meta.url));
  return (loaded = existsSync(file) ? runBundle(file).exports : null);
}

/** Runs a CommonJS bundle as Node would, but through vm.Script, which takes a code cache. */
export function runBundle(file: string, cacheFile = `${file}.cache`): LoadedBundle {
  if (process.env.NABLA_SPARKPLUG !== "1") setFlagsFromString("--no-sparkplug");
  const cachedData = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  const script = new Script(Module.wrap(readFileSync(file, "utf8")), { filename: file, cachedData });
  const module = { exports: {} as Bundle };
  (script.runInThisContext() as (...args: unknown[]) => void)(
    module.exports,
    createRequire(file),
    module,
    file,
    dirname(file),
  );
  const cache = cachedData === undefined ? "absent" : script.cachedDataRejected ? "rejected" : "accepted";
  // A long `nabla eval` run's lukewarm code gains from Sparkplug again (1,000 checks in a row: 5–20 %).
  if (process.env.NABLA_SPARKPLUG !== "1") module.exports.whenLongRun(() => setFlagsFromString("--sparkplug"));
  return { exports: module.exports, script, cache };
}
