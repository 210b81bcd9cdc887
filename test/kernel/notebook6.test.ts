// Notebook 6 in Chromium with the Nabla kernel (loopback only): cells typed and run, code highlighted
// by the kernelspec's CodeMirror mode (kernel.js), math typeset and a plot drawn. Screenshots are kept
// in test-output/notebook6/. Skipped, with the reason, where jupyter-notebook or Chromium is missing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { installKernel } from "../../kernel/install.js";

const ROOT = join(import.meta.dirname, "..", "..");
const SHOTS = join(ROOT, "test-output", "notebook6");
const CHROMIUM = "/usr/bin/chromium";
const NOTEBOOK = "/usr/bin/jupyter-notebook";
const JUPYTER = "/usr/bin/jupyter";
const available =
  existsSync(CHROMIUM) &&
  existsSync(NOTEBOOK) &&
  spawnSync(NOTEBOOK, ["--version"], { encoding: "utf8" }).stdout.startsWith("6.");
if (!available)
  console.warn("Notebook 6 test skipped: /usr/bin/jupyter-notebook (6.x) or /usr/bin/chromium is missing");

const TOKEN = "nabla-notebook6-test";

describe.skipIf(!available)("Notebook 6 in Chromium", () => {
  let server: ChildProcess;
  let browser: Browser;
  let page: Page;
  let base = "";
  let notebooks = "";

  beforeAll(async () => {
    const prefix = mkdtempSync(join(tmpdir(), "nabla-nb6-"));
    expect(await installKernel(["--prefix", prefix, "--from-sources"])).toBe(0);
    const dir = join(prefix, "notebooks");
    notebooks = dir;
    mkdirSync(dir);
    const port = 20000 + Math.floor(Math.random() * 20000);
    server = spawn(
      NOTEBOOK,
      [
        "--no-browser",
        "--ip",
        "127.0.0.1",
        `--port=${port}`,
        `--NotebookApp.token=${TOKEN}`,
        `--notebook-dir=${dir}`,
        "--allow-root",
      ],
      {
        env: { ...process.env, JUPYTER_PATH: join(prefix, "share", "jupyter") },
        stdio: ["ignore", "ignore", "pipe"],
      },
    );
    base = await new Promise<string>((resolve, reject) => {
      let log = "";
      const timer = setTimeout(() => reject(new Error(`the notebook server did not start:\n${log}`)), 30_000);
      server.stderr!.on("data", (chunk: Buffer) => {
        log += chunk.toString();
        const url = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(log);
        if (url) {
          clearTimeout(timer);
          resolve(`http://127.0.0.1:${url[1]}`);
        }
      });
    });
    const created = await fetch(`${base}/api/contents/nabla.ipynb?token=${TOKEN}`, {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        type: "notebook",
        content: {
          cells: [],
          metadata: { kernelspec: { name: "nabla", display_name: "Nabla", language: "nabla" } },
          nbformat: 4,
          nbformat_minor: 5,
        },
      }),
    });
    expect(created.status).toBe(201);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    // Loopback only: anything else (fonts, MathJax's CDN) is refused.
    await page.route("**/*", (route) =>
      new URL(route.request().url()).hostname === "127.0.0.1" ? route.continue() : route.abort(),
    );
    mkdirSync(SHOTS, { recursive: true });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    server?.kill();
  });

  it("types and runs cells: highlighted by the kernel's mode, math typeset, a plot drawn", async () => {
    await page.goto(`${base}/notebooks/nabla.ipynb?token=${TOKEN}`);
    await page
      .waitForFunction(
        () =>
          (
            window as unknown as { Jupyter?: { notebook?: { kernel?: { is_connected(): boolean } } } }
          ).Jupyter?.notebook?.kernel?.is_connected() === true,
        undefined,
        { timeout: 60_000 },
      )
      .catch(async (err) => {
        await page.screenshot({ path: join(SHOTS, "failed-start.png"), fullPage: true });
        throw err;
      });
    const cell = page.locator(".cell").first();
    await cell.locator(".CodeMirror").click();
    await page.keyboard.type("f(x) = x^3 + 2x\ncheck d/dx f(x) == 3x^2 + 2\n∇(x^2 + y^2)");
    // The mode is the kernelspec's (kernel.js), not a 404: keywords and numbers are classed.
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            (
              window as unknown as {
                Jupyter: { notebook: { get_cell(i: number): { code_mirror: { getMode(): { name: string } } } } };
              }
            ).Jupyter.notebook
              .get_cell(0)
              .code_mirror.getMode().name,
        ),
      )
      .toBe("nabla");
    await expect.poll(() => cell.locator(".cm-keyword").allTextContents()).toContain("check");
    expect(await cell.locator(".cm-number").count()).toBeGreaterThan(0);
    await page.keyboard.press("Shift+Enter");
    const output = cell.locator(".output_area");
    await expect.poll(() => output.count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
    const text = await cell.locator(".output").innerText();
    expect(text).toContain("equivalent");
    expect(await cell.locator(".output math").count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, "cells.png"), fullPage: true });

    const second = page.locator(".cell").nth(1);
    await second.locator(".CodeMirror").click();
    await page.keyboard.type("plot(sin(x), x = -3..3)");
    await page.keyboard.press("Shift+Enter");
    await expect.poll(() => second.locator(".output svg").count(), { timeout: 60_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, "plot.png"), fullPage: true });
  }, 180_000);

  it("typesets results with KaTeX's fonts from the kernelspec: brackets as tall as their matrices", async () => {
    const third = page.locator(".cell").nth(2);
    await third.locator(".CodeMirror").click();
    await page.keyboard.type("A = [1, 2; 3, 4]\nv = [1; 2; 3]\nA⁻¹");
    await page.keyboard.press("Shift+Enter");
    await expect.poll(() => third.locator(".output_area .katex").count(), { timeout: 60_000 }).toBe(3);
    await page.evaluate(() => document.fonts.ready);
    const report = await third.evaluate((cell) => {
      const px = (e: Element) => e.getBoundingClientRect().height;
      return {
        matrices: [...cell.querySelectorAll(".katex-html .mtable")].flatMap((table) => {
          const open = table.closest(".minner")?.querySelector(":scope > .mopen");
          return open ? [{ rows: px(table), bracket: px(open) }] : [];
        }),
        // KaTeX's stylesheet shows the HTML and hides the MathML (clipped to a pixel), so each shows once.
        html: [...cell.querySelectorAll(".katex-html")].map(px),
        mathml: [...cell.querySelectorAll(".katex-mathml")].map(px),
        katexFonts:
          document.fonts.check("16px KaTeX_Main") &&
          [...document.fonts].some((f) => f.family.includes("KaTeX") && f.status === "loaded"),
        fontsFrom: performance
          .getEntriesByType("resource")
          .map((r) => r.name)
          .filter((n) => n.includes("KaTeX_")),
      };
    });
    expect(report.matrices.length).toBe(3);
    for (const m of report.matrices) expect(m.bracket).toBeGreaterThanOrEqual(m.rows * 0.95);
    expect(report.html.every((h) => h > 10)).toBe(true);
    expect(report.mathml.every((h) => h <= 1)).toBe(true);
    expect(report.katexFonts).toBe(true);
    expect(report.fontsFrom.length).toBeGreaterThan(0);
    expect(report.fontsFrom.every((url) => url.startsWith(`${base}/kernelspecs/nabla/katex/fonts/`))).toBe(true);
    await third.screenshot({ path: join(SHOTS, "matrices.png") });
  }, 120_000);

  it("an exported page (nbconvert, no KaTeX stylesheet) shows each result once, as MathML", async () => {
    await page.keyboard.press("Control+s");
    await expect
      .poll(async () => {
        const saved = (await (await fetch(`${base}/api/contents/nabla.ipynb?token=${TOKEN}`)).json()) as {
          content: { cells: { outputs?: unknown[] }[] };
        };
        return saved.content.cells.filter((c) => (c.outputs ?? []).length > 0).length;
      })
      .toBeGreaterThanOrEqual(3);
    const out = join(notebooks, "nabla.html");
    const converted = spawnSync(JUPYTER, ["nbconvert", "--to", "html", join(notebooks, "nabla.ipynb")], {
      encoding: "utf8",
    });
    expect(converted.status, converted.stderr).toBe(0);
    const exported = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    // The file itself only: MathJax's CDN and anything else outside is refused.
    await exported.route("**/*", (route) =>
      route.request().url().startsWith("file://") ? route.continue() : route.abort(),
    );
    await exported.goto(`file://${out}`);
    const report = await exported.evaluate(() => ({
      formulas: document.querySelectorAll(".katex").length,
      htmlShown: [...document.querySelectorAll(".katex-html")].filter((e) => e.getBoundingClientRect().height > 0)
        .length,
      mathmlShown: [...document.querySelectorAll(".katex-mathml math")].filter(
        (e) => e.getBoundingClientRect().height > 0,
      ).length,
    }));
    await exported.screenshot({ path: join(SHOTS, "nbconvert.png"), fullPage: true });
    await exported.close();
    expect(report.formulas).toBeGreaterThanOrEqual(5);
    expect(report.htmlShown).toBe(0);
    expect(report.mathmlShown).toBe(report.formulas);
  }, 120_000);
});
