// The last step of `npm run build`: the engine, the CLI and the worker threads' code as one
// CommonJS script (dist/nabla.cjs), V8's code cache for it (dist/nabla.cjs.cache) made after running
// the course notebooks once, and the package's entry (dist/nabla.mjs) that loads the two.
//
// Why: a fresh process spends most of its first statement compiling Nabla's own functions; with
// the cache they arrive as bytecode. Each module inside the bundle keeps its own import.meta.url
// (the URL of its compiled twin under dist/), so files found relative to a module, such as a
// worker thread's entry, are the same as in the module build beside it.
import { build, type Plugin } from "esbuild";
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { runBundle } from "../src/bundle/load.js";
import { makeSnapshot, type SnapshotReport } from "../src/bundle/make-snapshot.js";
import { parseNotebook, sourceOf } from "../src/grading/notebook.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Loaded at run time from node_modules: native addons, the helper thread's vega, tslab, the grading
 * queue's bullmq (with ioredis, whose optional parts it imports dynamically); and
 * highlight.js, whose JSDoc types read `import("…")`, which the check for import() below would take
 * for a dynamic import (the pages' and feedback's writer uses it); and KaTeX, which only typeset
 * output needs: in the bundle its code and tables were a tenth of the start-up snapshot, which every
 * `nabla eval` deserialises (one statement 160 → 140 ms on a machine where page faults cost; the
 * snapshot's stand-in loads it at its first use, bench/README.md, startup).
 */
const EXTERNAL = [
  "zeromq",
  "tslab",
  "vega",
  "vega-lite",
  "bullmq",
  "ioredis",
  "tsx",
  "tsx/*",
  "esbuild",
  "highlight.js",
  "highlight.js/*",
  "katex",
];

const MODULE_URL = `var __moduleUrl = (path) => require("node:url").pathToFileURL(require("node:path").join(__dirname, path)).href;`;

/** `import.meta.url` in each source file → the URL of that file's compiled twin under dist/. */
function moduleUrls(root: string): Plugin {
  return {
    name: "module-urls",
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, (args) => {
        const source = readFileSync(args.path, "utf8");
        const twin = relative(root, args.path).replace(/\.ts$/, ".js");
        return { contents: source.replaceAll("import.meta.url", `__moduleUrl(${JSON.stringify(twin)})`), loader: "ts" };
      });
    },
  };
}

/** The course notebooks' code cells: the warm-up whose compiled functions go in the cache. */
function notebooks(root: string): { dir: string; cells: string[] }[] {
  const dir = join(root, "notebooks");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".ipynb"))
    .sort()
    .map((file) => {
      const nb = parseNotebook(readFileSync(join(dir, file), "utf8"));
      return { dir, cells: nb.cells.filter((c) => c.cell_type === "code").map(sourceOf) };
    });
}

/**
 * Non-ASCII characters as \u escapes (esbuild leaves them in regular expressions): V8 keeps an
 * ASCII source at one byte a character, so the copy the start-up snapshot holds is half the size.
 * An escaped one (`\−` in a pattern) is the character itself.
 */
export function asciiOnly(source: string): string {
  // Each UTF-16 unit: a surrogate pair's two escapes are one character in a `u` pattern too.
  const escaped = (c: string) =>
    Array.from({ length: c.length }, (_, i) => `\\u${c.charCodeAt(i).toString(16).padStart(4, "0")}`).join("");
  return source.replace(
    /(\\*)([^\p{ASCII}])/gu,
    (_, slashes: string, c: string) => (slashes.length % 2 === 1 ? slashes.slice(1) : slashes) + escaped(c),
  );
}

export interface BundleReport {
  bundleBytes: number;
  cacheBytes: number;
  warmupMs: number;
  /** The CLI's start-up snapshot (src/bundle/make-snapshot.ts), with `snapshot: true` (`npm run build`). */
  snapshot?: SnapshotReport;
}

export async function bundle(
  root = ROOT,
  outDir = join(root, "dist"),
  { snapshot = false } = {},
): Promise<BundleReport> {
  const file = join(outDir, "nabla.cjs");
  await build({
    entryPoints: [join(root, "src", "bundle", "entry.ts")],
    outfile: file,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "es2022", // as tsconfig; "node20" makes esbuild rewrite \p{…} regex literals as new RegExp calls
    external: EXTERNAL,
    plugins: [moduleUrls(root)],
    banner: { js: MODULE_URL },
    minifyWhitespace: true, // comments and indentation: less source to read, and to hold in the snapshot
    logLevel: "warning",
  });
  writeFileSync(file, asciiOnly(readFileSync(file, "utf8")));
  // A script run through vm.Script has no loader for import(): what the bundle loads at run time
  // it must require (tslab, zeromq and vega are CommonJS).
  const dynamicImport = /(?<![\w.$])import\(/.exec(readFileSync(file, "utf8"));
  if (dynamicImport)
    throw new Error(`dist/nabla.cjs holds an import() at offset ${dynamicImport.index}; require the module instead`);
  // Without a cache: this run's compiled functions are what the cache will hold.
  const { exports, script } = runBundle(file, `${file}.none`);
  const started = performance.now();
  for (const { dir, cells } of notebooks(root)) {
    const session = new exports.Session({ readFile: (path) => readFileSync(join(dir, path), "utf8") });
    for (const code of cells) for (const r of session.run(code)) void [r.pretty, r.html];
  }
  const warmupMs = performance.now() - started;
  writeFileSync(`${file}.cache`, script.createCachedData());
  const publicNames = Object.keys(exports).filter(
    (name) => !["cliMain", "cliPrepare", "serveGrading", "serveEvaluation"].includes(name),
  );
  writeFileSync(
    join(outDir, "nabla.mjs"),
    `// The package's entry: the bundle with its code cache when \`npm run build\` made it, else the modules.\n` +
      `import { loadBundle } from "./src/bundle/load.js";\n` +
      `const api = loadBundle() ?? (await import("./src/index.js"));\n` +
      `export const { ${publicNames.join(", ")} } = api;\n`,
  );
  // The start-up snapshot's builder: src/bundle/snapshot.ts, which loads nabla.cjs beside it.
  await build({
    entryPoints: [join(root, "src", "bundle", "snapshot.ts")],
    outfile: join(outDir, "nabla-snapshot.cjs"),
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "es2022",
    logLevel: "warning",
  });
  return {
    bundleBytes: statSync(file).size,
    cacheBytes: statSync(`${file}.cache`).size,
    warmupMs,
    snapshot: snapshot ? makeSnapshot(outDir) : undefined,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = await bundle(ROOT, join(ROOT, "dist"), { snapshot: true });
  console.log(
    `dist/nabla.cjs ${(r.bundleBytes / 1e6).toFixed(2)} MB, code cache ${(r.cacheBytes / 1e6).toFixed(2)} MB after a ${(r.warmupMs / 1000).toFixed(1)} s warm-up`,
  );
  const s = r.snapshot;
  console.log(
    s?.ok
      ? `dist/nabla.blob ${((s.bytes ?? 0) / 1e6).toFixed(2)} MB (${s.warm ? "warmed up" : "not warmed up"}) in ${(s.ms / 1000).toFixed(1)} s`
      : `no start-up snapshot: ${s?.reason}`,
  );
}
