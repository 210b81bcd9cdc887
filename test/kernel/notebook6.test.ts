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

  beforeAll(async () => {
    const prefix = mkdtempSync(join(tmpdir(), "nabla-nb6-"));
    expect(await installKernel(["--prefix", prefix, "--from-sources"])).toBe(0);
    const dir = join(prefix, "notebooks");
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
});
