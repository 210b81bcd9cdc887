// The JupyterLite site (out/site/, `npm run site`) in Debian's Chromium, served from the loopback:
// its size (on disk, and what a student's browser downloads up to the first result, raw and as a
// gzip-compressing host sends it), the time from opening the page to the first typeset result, and
// a cell's round trip through the kernel (page → worker → Session → page), median of 20.
//
// Against JupyterLite with Pyodide and SymPy. Pyodide's core is measured here, in the same browser:
// the `pyodide` npm package that @jupyterlite/pyodide-kernel 0.8.6 builds with (314.0.6), fetched with
// `npm pack` into bench/results/, loaded from the same kind of server, timed to its first `1 + 1`.
// SymPy cannot be added offline (Pyodide fetches its wheels from a CDN at run time): its wheel's size
// is the published one (sympy-1.14.0-py3-none-any.whl in Pyodide's package channel: 3.99 MB), and
// its import time is not measured — the Pyodide column is a lower bound for JupyterLite + SymPy.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import {
  CHROMIUM,
  openConsole,
  openLab,
  openSiteBrowser,
  runInConsole,
  siteBuilt,
} from "../../scripts/site-lite-driver.js";

const ROOT = join(import.meta.dirname, "..", "..");
const SITE = join(ROOT, "out", "site");
const RESULTS = join(ROOT, "bench", "results");
const PYODIDE_VERSION = "314.0.6";
/** sympy-1.14.0-py3-none-any.whl as Pyodide 314's package channel publishes it (mpmath's wheel not counted). */
const SYMPY_WHEEL_MB = 3.99;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? folderBytes(path) : statSync(path).size;
  }
  return total;
}

interface Load {
  restoredMs: number;
  firstResultMs: number;
  rawBytes: number;
  gzipBytes: number;
  requests: number;
}

/** One cold load in a fresh browser: page → restored → console → `inv([1, 2; 3, 4])` typeset. */
async function coldLoad(): Promise<Load> {
  const site = await openSiteBrowser(SITE);
  try {
    const bodies: Promise<Buffer | null>[] = [];
    site.page.on("response", (r) => bodies.push(r.body().catch(() => null)));
    const started = Date.now();
    const restoredMs = await openLab(site.page, site.server.origin);
    await openConsole(site.page);
    await runInConsole(site.page, "inv([1, 2; 3, 4])");
    const firstResultMs = Date.now() - started;
    const loaded = (await Promise.all(bodies)).filter((b): b is Buffer => b !== null);
    return {
      restoredMs,
      firstResultMs,
      rawBytes: loaded.reduce((n, b) => n + b.length, 0),
      gzipBytes: loaded.reduce((n, b) => n + gzipSync(b).length, 0),
      requests: loaded.length,
    };
  } finally {
    await site.close();
  }
}

/** Median round trip of execute_request → the reply for `code`, through the page's kernel connection. */
async function roundTrips(): Promise<{ simple: number; inverse: number; kernelStart: number }> {
  const site = await openSiteBrowser(SITE);
  try {
    await openLab(site.page, site.server.origin);
    await openConsole(site.page);
    const time = (code: string) =>
      site.page.evaluate(async (code) => {
        type Kernel = { requestExecute(c: { code: string }): { done: Promise<unknown> } };
        const app = (window as unknown as { jupyterapp: { shell: { currentWidget: unknown } } }).jupyterapp;
        const kernel = (app.shell.currentWidget as { sessionContext: { session: { kernel: Kernel } } }).sessionContext
          .session.kernel;
        const times: number[] = [];
        for (let i = 0; i < 22; i++) {
          const t = performance.now();
          await kernel.requestExecute({ code }).done;
          if (i >= 2) times.push(performance.now() - t);
        }
        return times;
      }, code);
    // A kernel's own start (its worker loading the engine) to its kernel_info reply, apart from JupyterLab's widgets.
    const kernelStart = await site.page.evaluate(async () => {
      type Manager = { startNew(o: object): Promise<{ info: Promise<unknown>; shutdown(): Promise<void> }> };
      const app = window as unknown as { jupyterapp: { serviceManager: { kernels: Manager } } };
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        const kernel = await app.jupyterapp.serviceManager.kernels.startNew({ name: "nabla" });
        await kernel.info;
        times.push(performance.now() - t);
        await kernel.shutdown();
      }
      return times.sort((a, b) => a - b)[2];
    });
    return {
      simple: median(await time("1 + 1")),
      inverse: median(await time("inv([2, 1, 0; 1, 3, 1; 0, 1, 4])")),
      kernelStart,
    };
  } finally {
    await site.close();
  }
}

/** Pyodide's core from the npm registry, unpacked once into bench/results/pyodide-VERSION/. */
function pyodideCore(): string | null {
  const dir = join(RESULTS, `pyodide-${PYODIDE_VERSION}`);
  if (existsSync(join(dir, "package", "pyodide.mjs"))) return join(dir, "package");
  mkdirSync(dir, { recursive: true });
  const pack = spawnSync("npm", ["pack", `pyodide@${PYODIDE_VERSION}`, "--silent"], { cwd: dir, encoding: "utf8" });
  if (pack.status !== 0) return null;
  spawnSync("tar", ["xzf", pack.stdout.trim()], { cwd: dir });
  return existsSync(join(dir, "package", "pyodide.mjs")) ? join(dir, "package") : null;
}

/** Pyodide's core cold in a fresh browser: page → loadPyodide() → the value of `1 + 1`; bytes downloaded. */
async function pyodideLoad(core: string): Promise<{ ms: number; rawBytes: number }> {
  writeFileSync(
    join(core, "bench.html"),
    `<!doctype html><script type="module">
const t = performance.now();
const { loadPyodide } = await import("./pyodide.mjs");
const py = await loadPyodide({ indexURL: "./" });
document.body.dataset.result = String(py.runPython("1 + 1"));
document.body.dataset.ms = String(performance.now() - t);
</script><body></body>`,
  );
  const site = await openSiteBrowser(core);
  try {
    let rawBytes = 0;
    site.page.on(
      "response",
      (r) =>
        void r
          .body()
          .then((b) => (rawBytes += b.length))
          .catch(() => undefined),
    );
    const started = Date.now();
    await site.page.goto(`${site.server.origin}/bench.html`);
    await site.page.waitForSelector("body[data-result='2']", { state: "attached", timeout: 120_000 });
    return { ms: Date.now() - started, rawBytes };
  } finally {
    await site.close();
  }
}

export async function run(): Promise<void> {
  console.log("\n## lite — the JupyterLite site in Chromium\n");
  if (!siteBuilt(SITE) || !existsSync(CHROMIUM)) {
    console.log("skipped: needs out/site/ (`npm run site`) and Debian's chromium");
    return;
  }
  const loads: Load[] = [];
  for (let i = 0; i < 3; i++) loads.push(await coldLoad());
  const trips = await roundTrips();
  const core = pyodideCore();
  const pyodide = core ? [await pyodideLoad(core), await pyodideLoad(core), await pyodideLoad(core)] : [];
  const worker = statSync(join(SITE, "nabla", "worker.js")).size;
  const rows = [
    ["site on disk (out/site/)", mb(folderBytes(SITE)), ""],
    ["the kernel's worker (engine + Session)", mb(worker), core ? `Pyodide core: ${mb(folderBytes(core))}` : ""],
    [
      "downloaded to the first result (raw / gzip)",
      `${mb(median(loads.map((l) => l.rawBytes)))} / ${mb(median(loads.map((l) => l.gzipBytes)))}`,
      pyodide.length
        ? `≥ ${mb(median(pyodide.map((p) => p.rawBytes)) + SYMPY_WHEEL_MB * 1e6)} (core measured + SymPy's wheel, published), JupyterLite's page not counted`
        : "",
    ],
    ["page open → application restored", `${median(loads.map((l) => l.restoredMs))} ms`, ""],
    [
      "page open → first typeset result",
      `${median(loads.map((l) => l.firstResultMs))} ms`,
      pyodide.length
        ? `≥ ${median(pyodide.map((p) => p.ms))} ms (Pyodide's core to \`1 + 1\`, no JupyterLite, no SymPy import)`
        : "",
    ],
    ["kernel start → kernel_info (median of 5)", `${trips.kernelStart.toFixed(0)} ms`, ""],
    ["round trip `1 + 1` (median of 20)", `${trips.simple.toFixed(1)} ms`, ""],
    ["round trip 3×3 exact inverse (median of 20)", `${trips.inverse.toFixed(1)} ms`, ""],
  ];
  console.log("| measure | Nabla site | JupyterLite + Pyodide + SymPy |");
  console.log("|---|---|---|");
  for (const [what, nabla, peer] of rows) console.log(`| ${what} | ${nabla} | ${peer} |`);
  console.log(`\n(${loads[0].requests} requests to the first result; median of 3 cold loads, each a fresh browser)`);
}

if (process.argv[1] === import.meta.filename) await run();
