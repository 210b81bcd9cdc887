// The builder of the CLI's V8 start-up snapshot. scripts/bundle.ts bundles this file into
// dist/nabla-snapshot.cjs, and src/bundle/make-snapshot.ts runs it as
// `node --snapshot-blob dist/nabla.blob --build-snapshot dist/nabla-snapshot.cjs`: it runs the
// bundle (dist/nabla.cjs: Ohm's grammar, the operator table, commander …; not KaTeX), runs a
// few statements so their functions are compiled, and V8 saves the heap. `bin/nabla` starts Node
// from that heap, so a `nabla eval` process begins with the engine loaded and compiled.
//
// While the snapshot is built, `require` loads only Node's built-in modules, and state taken from
// the machine at load (a home directory, a CPU count, open streams) would be frozen into the file.
// So the bundle gets a `require` that hands out a stand-in for every module except the few its
// loading needs: the stand-in loads the real module on first use, after the process started from
// the snapshot. A module used while loading fails the build instead (load it on first use).
import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { getHeapSnapshot, setFlagsFromString, startupSnapshot } from "node:v8";
import type * as Entry from "./entry.js";

/** Built-in modules the bundle's loading uses; their state does not depend on the machine. */
const AT_LOAD = new Set(["node:fs", "node:path", "node:url", "node:events", "node:process", "node:util"]);

/** Statements whose functions are compiled into the snapshot (the rest compile on first use). */
const WARM_UP = [
  "1 + 1",
  "d/dx sin(x)^2",
  "diff(exp(x) cos(x), x)",
  "check sin(x)^2 + cos(x)^2 == 1",
  "solve(x^2 - 2 = 0, x)",
  "f(t) = t^3 - 2t",
  "f(2)",
  "A = [1, 2; 3, 4]",
  "inv(A)",
  "det(A)",
  "taylor(exp(x), x = 0, 5)",
  "hessian(x^2 y + y^3, [x, y])",
  "2/3 + 0.5",
  "y = 3",
  "y^2 + 2y",
  "sqrt(8)",
  // What course notebooks do next (the bench's cold rows): a derivative checked, a linear system, a
  // larger exact inverse, a gradient, a constrained optimum.
  "check d/dx (3x^2 + sin(3x)) == 6x + 3cos(3x)",
  "solve([2a + 3b - c = 1, a - b + 4c = 2, 3a + 2b + c = 0], [a, b, c])",
  "inv([2, 1, 0, 0, 1, 3; 1, 3, 1, 0, 0, 2; 0, 1, 4, 1, 0, 1; 0, 0, 1, 5, 1, 0; 1, 0, 0, 1, 6, 1; 3, 2, 1, 0, 1, 7])",
  "∇(x^2 y + y^3 - 3x)",
  "lagrange(x y, x + y = 10)",
];

const bundleFile = `${__dirname}/nabla.cjs`;
const builtin = require; // the builder's require: built-in modules only
let atRun: ((id: string) => unknown) | null = null;
let fileRequire: ((id: string) => unknown) | undefined;

function runtimeRequire(id: string): unknown {
  if (id.startsWith("node:")) return builtin(id);
  fileRequire ??= (builtin("node:module") as typeof import("node:module")).createRequire(bundleFile);
  return fileRequire(id);
}

/** A module's stand-in: the module itself from its first use on, once the process has started. */
function deferred(id: string): object {
  let real: object | undefined;
  const load = (): object => {
    if (!atRun) throw new Error(`${id} is used while the start-up snapshot is built: require it on first use`);
    return (real ??= atRun(id) as object);
  };
  return new Proxy(
    {},
    {
      get: (_, key) => Reflect.get(load(), key),
      has: (_, key) => Reflect.has(load(), key),
      ownKeys: () => (atRun ? Reflect.ownKeys(load()) : []),
      getOwnPropertyDescriptor: (_, key) => {
        const d = Reflect.getOwnPropertyDescriptor(load(), key);
        return d && { ...d, configurable: true };
      },
    },
  );
}

function bundleRequire(id: string): unknown {
  if (atRun) return atRun(id);
  return AT_LOAD.has(id) ? builtin(id) : deferred(id);
}

/**
 * Runs the bundle as Node runs a CommonJS file; its source is kept once, in the compiled script.
 * The environment and the working folder would be the maker's for good if read while loading, so
 * reading them then fails the build (read them on first use).
 */
function load(): typeof Entry {
  const run = (0, eval)(
    `(function (exports, require, module, __filename, __dirname) {${readFileSync(bundleFile, "utf8")}\n})`,
  ) as (...args: unknown[]) => void;
  const module = { exports: {} as typeof Entry };
  const { env, cwd } = process;
  const refuse = (what: string) => {
    throw new Error(`${what} is read while the start-up snapshot is built: read it on first use`);
  };
  process.env = new Proxy(env, {
    get: (target, key) => (typeof key === "string" ? refuse(`process.env.${key}`) : Reflect.get(target, key)),
  });
  process.cwd = () => refuse("process.cwd()");
  try {
    run(module.exports, bundleRequire, module, bundleFile, dirname(bundleFile));
  } finally {
    process.env = env;
    process.cwd = cwd;
  }
  return module.exports;
}

const api = load();
if (process.env.NABLA_SNAPSHOT_WARM !== "0") {
  const session = new api.Session();
  for (const statement of WARM_UP) for (const r of session.run(statement)) void r.pretty;
  // The CLI's own path: commander's parsing and an empty file's evaluation (nothing is written).
  // A warm-up that fails fails the build (the snapshot is then made without it, and the test that
  // asks for a warm snapshot says so), instead of saving a heap that warmed only the error path.
  void Promise.resolve(api.cliMain(["eval", "/dev/null"])).then((code) => {
    if (code !== 0) throw new Error(`the warm-up's \`nabla eval /dev/null\` exited ${code}`);
  });
  // The warm-up's nodes are garbage once this job ends (a WeakRef holds its target until then):
  // collect them then, so the snapshot does not carry them (a heap snapshot is a full collection;
  // one, fewer than V8's 5, so the compiled code is kept).
  setTimeout(() => getHeapSnapshot().destroy(), 20);
}

api.cliPrepare(); // the command-line parser the run will use, built

startupSnapshot.setDeserializeMainFunction(() => {
  atRun = runtimeRequire;
  // As src/bundle/load.ts does for the bundle: V8's baseline compiler off unless NABLA_SPARKPLUG=1.
  // A file of LONG_RUN lines or more is a long run from its start: Sparkplug stays on.
  if (process.env.NABLA_SPARKPLUG !== "1" && !api.longRunAhead(process.argv.slice(1))) {
    setFlagsFromString("--no-sparkplug");
    // A long run's lukewarm code gains from it again (1,000 checks in a row: 5–20 %).
    api.whenLongRun(() => setFlagsFromString("--sparkplug"));
  }
  void Promise.resolve(api.cliMain(process.argv.slice(1))).then((code) => {
    process.exitCode = code;
  });
});
