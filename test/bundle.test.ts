// The compiled bundle (scripts/bundle.ts): the same answers as the modules, and a code cache that a
// fresh process takes.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { bundle } from "../scripts/bundle.js";
import { runBundle } from "../src/bundle/load.js";
import { Session } from "../src/session.js";
import { parseNotebook, sourceOf } from "../src/grading/notebook.js";

const ROOT = join(import.meta.dirname, "..");
const NOTEBOOKS = join(ROOT, "notebooks");

function notebookCells(file: string): string[] {
  return parseNotebook(readFileSync(join(NOTEBOOKS, file), "utf8"))
    .cells.filter((c) => c.cell_type === "code")
    .map(sourceOf);
}

describe("the compiled bundle", () => {
  // Inside the checkout (test-output/ is ignored by git): the bundle requires its external packages
  // (zeromq, vega, highlight.js …) from node_modules, which a folder under /tmp cannot reach.
  mkdirSync(join(ROOT, "test-output"), { recursive: true });
  const out = mkdtempSync(join(ROOT, "test-output", "bundle-"));
  const built = bundle(ROOT, out);

  it("answers every course notebook cell as the modules do", async () => {
    await built;
    const { exports } = runBundle(join(out, "nabla.cjs"));
    const readFile = (path: string) => readFileSync(join(NOTEBOOKS, path), "utf8");
    for (const file of readdirSync(NOTEBOOKS).filter((f) => f.endsWith(".ipynb"))) {
      const fromBundle = new exports.Session({ readFile });
      const fromModules = new Session({ readFile });
      for (const code of notebookCells(file)) {
        const shown = (rs: { status: string; pretty: string; html: string }[]) =>
          rs.map((r) => [r.status, r.pretty, r.html]);
        expect(shown(fromBundle.run(code)), `${file}: ${code}`).toEqual(shown(fromModules.run(code)));
      }
    }
  }, 120_000);

  it("has a code cache that a fresh Node process takes", async () => {
    const report = await built;
    expect(report.cacheBytes).toBeGreaterThan(100_000);
    const probe = `import { runBundle } from ${JSON.stringify(join(ROOT, "src", "bundle", "load.ts"))};
const { exports, cache } = runBundle(${JSON.stringify(join(out, "nabla.cjs"))});
const [r] = new exports.Session().run("d/dx sin(x^2)");
console.log(JSON.stringify({ cache, pretty: r.pretty }));`;
    const run = (env: Record<string, string> = {}) => {
      const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", probe], {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env, ...env },
      });
      expect(child.stderr).toBe("");
      return JSON.parse(child.stdout) as unknown;
    };
    expect(run()).toEqual({ cache: "accepted", pretty: "2x cos(x²)" });
    // Made with Sparkplug off (as loading the bundle sets it): left on, V8 refuses the cache, and
    // the answers are the same without it.
    expect(run({ NABLA_SPARKPLUG: "1" })).toEqual({ cache: "rejected", pretty: "2x cos(x²)" });
  }, 120_000);

  it("exports the public API and the entries of the CLI and the worker threads", async () => {
    await built;
    const { exports } = runBundle(join(out, "nabla.cjs"));
    for (const name of ["Session", "isComplete", "helpFor", "nabla", "cliMain", "serveEvaluation", "serveGrading"])
      expect(typeof exports[name as keyof typeof exports], name).toBe("function");
    expect(readFileSync(join(out, "nabla.mjs"), "utf8")).toContain("export const { KEYWORDS, Session,");
  }, 120_000);
});
