/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The course notebooks executed by the Nabla kernel through nbconvert (as the README's main command
// does), exported to HTML, and looked at in headless Chromium: every output shows typeset math or a
// figure, no raw LaTeX or $$ is visible, and a screenshot of each page is kept in test-output/.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { installKernel } from "../kernel/install.js";
import { typesetHtml } from "../scripts/typeset-html.js";

const ROOT = join(import.meta.dirname, "..");
const JUPYTER = "/usr/bin/jupyter";
const CHROMIUM = "/usr/bin/chromium";
const SHOTS = join(ROOT, "test-output", "screenshots");
const NOTEBOOKS = [...readdirSync(join(ROOT, "notebooks")).filter((f) => f.endsWith(".ipynb")).map((f) => join(ROOT, "notebooks", f)), join(ROOT, "notebooks", "homework", "master.ipynb")];

const hasJupyter = spawnSync(JUPYTER, ["nbconvert", "--version"]).status === 0;
const hasChromium = existsSync(CHROMIUM);
if (!hasJupyter) console.warn("notebook execution skipped: Debian's jupyter-nbconvert is not installed");
if (!hasChromium) console.warn("the Chromium check is skipped: Debian's chromium is not installed");

interface Output {
  output_type: string;
  data?: Record<string, unknown>;
  ename?: string;
}

describe.skipIf(!hasJupyter)("course notebooks in Jupyter", () => {
  const prefix = mkdtempSync(join(tmpdir(), "nabla-nb-"));
  const out = join(prefix, "out");
  const env = { ...process.env, JUPYTER_PATH: join(prefix, "share", "jupyter") };

  it("installs the kernel", async () => {
    expect(await installKernel(["--prefix", prefix, "--from-sources"])).toBe(0);
  });

  it.each(NOTEBOOKS.map((p) => [p.split("/").pop()!, p]))("%s executes with no error outputs and exports to HTML", (name, path) => {
    const base = name.replace(/\.ipynb$/, "");
    const run = spawnSync(JUPYTER, ["nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.kernel_name=nabla", "--ExecutePreprocessor.timeout=300", "--output-dir", out, "--output", base, path], { env, encoding: "utf8", timeout: 280_000 });
    expect(run.status, run.stderr.slice(-2000)).toBe(0);
    const executed = JSON.parse(readFileSync(join(out, `${base}.ipynb`), "utf8")) as { cells: { cell_type: string; outputs?: Output[] }[] };
    const errors = executed.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.output_type === "error");
    expect(errors.map((e) => e.ename)).toEqual([]);
    const priority = ["text/html", "image/svg+xml", "text/latex", "image/png", "text/plain"].map((m) => `--NbConvertBase.display_data_priority=${m}`);
    const html = spawnSync(JUPYTER, ["nbconvert", "--to", "html", ...priority, "--output-dir", out, join(out, `${base}.ipynb`)], { env, encoding: "utf8" });
    expect(html.status, html.stderr.slice(-1000)).toBe(0);
    const file = join(out, `${base}.html`);
    writeFileSync(file, typesetHtml(readFileSync(file, "utf8")));
  }, 300_000);

  it.skipIf(!hasChromium)("renders typeset math in Chromium, with a screenshot per notebook", async () => {
    const { chromium } = await import("playwright-core");
    mkdirSync(SHOTS, { recursive: true });
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
      for (const path of NOTEBOOKS) {
        const base = path.split("/").pop()!.replace(/\.ipynb$/, "");
        await page.goto(`file://${join(out, `${base}.html`)}`);
        const report = await page.evaluate(() => {
          const outputs = [...document.querySelectorAll(".jp-OutputArea-output")];
          const bare = outputs.filter((o) => !o.querySelector("math, svg, img") && !o.classList.contains("jp-OutputArea-executeResult") && o.textContent!.trim() !== "" && !o.closest(".jp-OutputArea-child")?.querySelector("pre"));
          const visible = document.body.innerText;
          return {
            outputs: outputs.length,
            withMath: outputs.filter((o) => o.querySelector("math, svg, img")).length,
            streams: outputs.filter((o) => o.querySelector("pre")).length,
            bare: bare.map((o) => o.textContent!.slice(0, 80)),
            rawLatex: /\$\$|\\frac|\\begin\{|\\sqrt\{|\\left\(/.test(visible),
            // Nabla's plots (a white background rect, then axes and one path per curve) must have their curves.
            figures: document.querySelectorAll(".jp-OutputArea-output svg[viewBox]").length,
            emptyFigures: [...document.querySelectorAll(".jp-OutputArea-output svg[viewBox]")].filter((svg) => svg.querySelectorAll("path, circle").length === 0).length,
          };
        });
        await page.screenshot({ path: join(SHOTS, `${base}.png`), fullPage: false });
        expect(report.outputs, base).toBeGreaterThan(0);
        expect(report.withMath + report.streams, `${base}: ${JSON.stringify(report.bare)}`).toBe(report.outputs);
        expect(report.rawLatex, `${base} shows raw LaTeX`).toBe(false);
        expect(report.emptyFigures, `${base} has an empty figure`).toBe(0);
        const plots = (readFileSync(path, "utf8").match(/plot\(/g) ?? []).length;
        expect(report.figures, `${base}: every plot( shows a figure`).toBe(plots);
      }
    } finally {
      await browser.close();
    }
  }, 120_000);
});
