// The course as a JupyterLite site (`npm run site` → out/site/): opened in Debian's Chromium from a
// loopback static server with every other address blocked, the Nabla kernel answers in the browser
// with nothing installed. The console typesets inv([1, 2; 3, 4]); Nabla is highlighted in the
// editor; \nabla completes to ∇; an interrupt stops a long cell and the names survive; every course
// notebook runs all its cells with no error; the homework's student version checks answers. The
// console's screenshot is kept in test-output/screenshots/lite-console.png (the README's image).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { siteLink, siteNotebooks } from "../scripts/site-lite.js";
import { writeSite } from "../src/render/page/site.js";
import {
  CHROMIUM,
  openConsole,
  openLab,
  openSiteBrowser,
  runInConsole,
  runNotebook,
  siteBuilt,
  siteStale,
  type SiteBrowser,
} from "../scripts/site-lite-driver.js";

const ROOT = join(import.meta.dirname, "..");
const SITE = join(ROOT, "out", "site");
const SHOTS = join(ROOT, "test-output", "screenshots");

// A site older than the sources is skipped, not failed: its tests would judge old code
// (scripts/test.sh, and so CI, builds the site before the tests and counts a failed build).
const stale = siteBuilt(SITE) ? siteStale(SITE, ROOT) : null;
const skipped = !siteBuilt(SITE)
  ? "the JupyterLite site is not built (run `npm run site`, which writes out/site/)"
  : stale
    ? `the JupyterLite site is stale: ${stale} (run \`npm run site\`)`
    : !existsSync(CHROMIUM)
      ? "Debian's chromium is not installed"
      : null;
if (skipped) console.warn(`the JupyterLite site's tests are skipped: ${skipped}`);

/** The text of a plain-text output bundle. */
const plain = (o: { data?: Record<string, unknown>; text?: string }) =>
  String(o.text ?? [o.data?.["text/plain"] ?? ""].flat().join(""));

describe("the course pages' links to the site", () => {
  it("link a page to its notebook in the site only when the site holds it, a master to the student version", () => {
    const course = mkdtempSync(join(tmpdir(), "nabla-lite-links-"));
    expect(siteLink(course, "01-linear-algebra.ipynb")).toBeUndefined();
    mkdirSync(join(course, "site", "files", "homework"), { recursive: true });
    writeFileSync(join(course, "site", "files", "01-linear-algebra.ipynb"), "{}");
    writeFileSync(join(course, "site", "files", "homework", "student.ipynb"), "{}");
    expect(siteLink(course, "01-linear-algebra.ipynb")).toBe("site/lab/index.html?path=01-linear-algebra.ipynb");
    expect(siteLink(course, "master")).toBe("site/lab/index.html?path=homework%2Fstudent.ipynb");
    expect(siteLink(course, "02-calculus")).toBeUndefined();
    const notebook = { cells: [{ cell_type: "markdown", source: "# Linear algebra" }] };
    writeSite(
      course,
      [
        { file: "a.html", notebook, fallbackTitle: "a", run: siteLink(course, "01-linear-algebra") },
        { file: "b.html", notebook, fallbackTitle: "b" },
      ],
      { title: "Course" },
    );
    const index = readFileSync(join(course, "index.html"), "utf8");
    expect(index.match(/class="run"/g)).toHaveLength(1);
    expect(index).toContain('href="site/lab/index.html?path=01-linear-algebra.ipynb">open and run it</a>');
    expect(readFileSync(join(course, "a.html"), "utf8")).toContain("open and run it");
    expect(readFileSync(join(course, "b.html"), "utf8")).not.toContain("open and run it");
  });
});

// The machine may be busy (CI runs other test files beside this one): generous waits, no timed assertions.
describe.skipIf(skipped !== null)("the JupyterLite site", { timeout: 180_000 }, () => {
  let site: SiteBrowser;

  beforeAll(async () => {
    site = await openSiteBrowser(SITE);
    await openLab(site.page, site.server.origin);
    await openConsole(site.page);
  }, 180_000);

  afterAll(async () => {
    await site?.close();
  });

  it("answers inv([1, 2; 3, 4]) in the console, typeset by KaTeX", async () => {
    const out = await runInConsole(site.page, "A = inv([1, 2; 3, 4])");
    expect(out.errors).toEqual([]);
    // A = ½ [−4 2; 3 −1], as the engine writes it exactly.
    const latex = out.latex.join(" ").replace(/\s+/g, "");
    expect(latex).toContain("\\frac{1}{2}");
    expect(latex).toMatch(/-4&2\\\\3&-1/);
    await site.page.evaluate(() => document.fonts.ready);
    expect(await site.page.evaluate(() => document.fonts.check("16px KaTeX_Main"))).toBe(true);
    // The engine's WebAssembly SIMD kernels validated in the worker (Chromium has SIMD).
    expect(await site.page.locator(".jp-CodeConsole-banner").innerText()).toContain(
      "Numeric kernels: WebAssembly SIMD",
    );
  });

  it("highlights Nabla in the editor with the pages' vocabulary", async () => {
    const out = await runInConsole(site.page, "H = hessian(x^3 + y^3) # the Hessian");
    expect(out.errors).toEqual([]);
    const colours = await site.page.evaluate(() => {
      const cells = document.querySelectorAll(".jp-CodeConsole-content .jp-CodeCell .cm-line");
      const line = cells[cells.length - 1];
      const colourOf = (text: string) =>
        [...line.querySelectorAll("span")].find((s) => s.textContent?.trim() === text) ?? null;
      const get = (text: string) => {
        const span = colourOf(text);
        return span ? getComputedStyle(span).color : null;
      };
      return {
        hessian: get("hessian"),
        number: get("3"),
        comment: get("# the Hessian"),
        plain: getComputedStyle(line).color,
      };
    });
    expect(colours.hessian, "a built-in").not.toBeNull();
    expect(colours.number, "a number").not.toBeNull();
    expect(colours.comment, "a comment").not.toBeNull();
    const distinct = new Set([colours.hessian, colours.number, colours.comment, colours.plain]);
    expect(distinct.size).toBe(4);
    mkdirSync(SHOTS, { recursive: true });
    await site.page.screenshot({ path: join(SHOTS, "lite-console.png") });
  });

  it("completes \\nabla to ∇ (Tab, then Enter), as the ZeroMQ kernel does", async () => {
    const prompt = site.page.locator(".jp-CodeConsole-promptCell .cm-content");
    await prompt.click();
    await site.page.keyboard.type("\\nabla");
    await site.page.keyboard.press("Tab");
    // JupyterLab lists a completion that does not extend the typed text; Enter takes it.
    await site.page.locator(".jp-Completer-item", { hasText: "∇" }).waitFor({ timeout: 60_000 });
    await site.page.keyboard.press("Enter");
    await expect.poll(() => prompt.innerText(), { timeout: 60_000 }).toBe("∇");
    await site.page.keyboard.press("Control+A");
    await site.page.keyboard.press("Delete");
  });

  it("stops a long cell on interrupt and keeps the names", async () => {
    await runInConsole(site.page, "kept = [1, 2; 3, 4]");
    const long = runInConsole(site.page, "expand((x + y + z + 1)^40)", 120_000);
    // Interrupted while it runs: the kernel says busy.
    await site.page.waitForFunction(
      () =>
        (
          (window as unknown as { jupyterapp: { shell: { currentWidget: unknown } } }).jupyterapp.shell
            .currentWidget as { sessionContext: { session: { kernel: { status: string } } } }
        ).sessionContext.session.kernel.status === "busy",
    );
    await site.page.evaluate(() =>
      (
        window as unknown as { jupyterapp: { commands: { execute(id: string): Promise<unknown> } } }
      ).jupyterapp.commands.execute("console:interrupt-kernel"),
    );
    const stopped = await long;
    expect(stopped.text).toMatch(/interrupted/);
    expect(stopped.text).toMatch(/restored/);
    const after = await runInConsole(site.page, "kept");
    expect(after.errors).toEqual([]);
    expect(after.latex.join(" ").replace(/\s+/g, "")).toMatch(/1&2\\\\3&4/);
  });

  it("prints to the output stream and shows help in the pager", async () => {
    const out = await runInConsole(site.page, 'print("hello from the worker"); help(det)');
    expect(out.errors).toEqual([]);
    expect(out.text).toContain("hello from the worker");
    expect(out.text).toContain("The determinant");
  });

  it("draws a plot (Vega-Lite, with its SVG beside) and answers inspect and is_complete", async () => {
    const out = await runInConsole(site.page, "plot(x^2, 2x, x = -4..4)");
    expect(out.errors).toEqual([]);
    // JupyterLab draws the Vega-Lite specification (vega-embed, on a canvas).
    const chart = site.page.locator(".jp-CodeConsole-content .jp-CodeCell").last().locator(".vega-embed canvas.marks");
    await chart.waitFor({ timeout: 60_000 });
    expect((await chart.boundingBox())?.height ?? 0).toBeGreaterThan(100);
    const answers = await site.page.evaluate(async () => {
      type Kernel = {
        requestInspect(c: object): Promise<{ content: { found: boolean; data: Record<string, string> } }>;
        requestIsComplete(c: object): Promise<{ content: { status: string } }>;
      };
      const app = (window as unknown as { jupyterapp: { shell: { currentWidget: unknown } } }).jupyterapp;
      const kernel = (app.shell.currentWidget as { sessionContext: { session: { kernel: Kernel } } }).sessionContext
        .session.kernel;
      const inspectA = await kernel.requestInspect({ code: "A", cursor_pos: 1, detail_level: 0 });
      const inspectDet = await kernel.requestInspect({ code: "det", cursor_pos: 3, detail_level: 0 });
      return {
        a: inspectA.content.data["text/plain"],
        det: inspectDet.content.found,
        open: (await kernel.requestIsComplete({ code: "[1, 2;" })).content.status,
        done: (await kernel.requestIsComplete({ code: "[1, 2; 3, 4]" })).content.status,
      };
    });
    // A was set by the first test: its value and shape.
    expect(answers.a).toBe("A = 1/2*[-4, 2; 3, -1]\nshape: ℝ^(2×2)");
    expect(answers.det).toBe(true);
    expect(answers.open).toBe("incomplete");
    expect(answers.done).toBe("complete");
  });

  it("runs the engine's JavaScript kernels where the browser has no shared WebAssembly memory", async () => {
    const answer = await site.page.evaluate(async () => {
      // The kernel's worker, in a browser whose shared WebAssembly memory is refused.
      const source = `
        const Memory = WebAssembly.Memory;
        WebAssembly.Memory = function (d) { if (d && d.shared) throw new TypeError("no shared memory"); return new Memory(d); };
        importScripts(${JSON.stringify(new URL("../nabla/worker.js", location.href).href)});`;
      const worker = new Worker(URL.createObjectURL(new Blob([source], { type: "text/javascript" })));
      type Message = { type: string; simd?: boolean; results?: { pretty: string; status: string }[] };
      const next = (type: string) =>
        new Promise<Message>((resolve) => {
          worker.onmessage = (e) => {
            if (e.data.type === type) resolve(e.data);
          };
        });
      const ready = await next("ready");
      const done = next("results");
      worker.postMessage({
        type: "run",
        id: 1,
        code: [
          "layer hidden = dense(2 → 4, tanh)",
          "layer output = dense(4 → 1, sigmoid)",
          "xnet = hidden → output",
          'data = dataset("xor")',
          "train xnet on data with adam(η = 0.05), loss = bce, epochs = 500, batch = 4, seed = 3",
          "check accuracy(xnet, data) == 1",
        ].join("\n"),
      });
      const results = (await done).results ?? [];
      worker.terminate();
      return { simd: ready.simd, last: results.at(-1)?.pretty, errors: results.filter((r) => r.status === "error") };
    });
    expect(answer.simd).toBe(false);
    expect(answer.errors).toEqual([]);
    expect(answer.last).toMatch(/^✓ equivalent/);
  });

  it.each(siteNotebooks().filter((n) => !n.startsWith("homework/")))(
    "runs every cell of %s with no error output",
    async (path) => {
      const run = await runNotebook(site.page, path);
      expect(run.codeCells).toBeGreaterThan(0);
      expect(run.notRun).toBe(0);
      expect(run.errors).toEqual([]);
      // Every plot( shows a chart: Vega-Lite for JupyterLab, with its SVG for every other reader.
      const plots = run.outputs.reduce((n, c) => n + (c.source.match(/\bplot\(/g) ?? []).length, 0);
      const charts = run.outputs.flatMap((c) => c.outputs).filter((o) => o.data?.["application/vnd.vegalite.v5+json"]);
      expect(charts.length).toBe(plots);
      expect(charts.filter((o) => !o.data?.["image/svg+xml"])).toEqual([]);
    },
    180_000,
  );

  it("checks answers in the homework's student version (check, and expect's preview of the points)", async () => {
    // The cells of notebooks/homework/student.ipynb: 3 is q1's answer, 6 is q2's.
    const run = await runNotebook(site.page, "homework/student.ipynb", {
      3: "q1 = 2x cos(x^2)\ncheck d/dx sin(x^2) == 2x cos(x^2)",
      6: "q2 = x^2 + 3y",
    });
    expect(run.errors).toEqual([]);
    const shown = run.outputs.map((c) => c.outputs.map(plain).join("\n"));
    const at = (source: RegExp) => shown[run.outputs.findIndex((c) => source.test(c.source))];
    expect(at(/^q1 = /)).toMatch(/equivalent/);
    expect(at(/expect q2/)).toMatch(/1\/2 points: the derivative of 3y² is 6y/);
  }, 180_000);

  it("opens a notebook from its course page's link (?path=), its Markdown's math typeset by KaTeX", async () => {
    await openLab(site.page, site.server.origin, `?path=${encodeURIComponent("homework/student.ipynb")}`);
    const current = () =>
      site.page.evaluate(
        () =>
          (window as unknown as { jupyterapp: { shell: { currentWidget: { title: { label: string } } | null } } })
            .jupyterapp.shell.currentWidget?.title.label,
      );
    await expect.poll(current, { timeout: 60_000 }).toBe("student.ipynb");
    const notebook = site.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)");
    // Cells render (and their math is typeset) a few at a time.
    await expect
      .poll(() => notebook.evaluate((panel) => panel.querySelectorAll(".jp-MarkdownCell .katex").length), {
        timeout: 60_000,
      })
      .toBeGreaterThan(2);
    const raw = () =>
      notebook.evaluate((panel) =>
        [...panel.querySelectorAll(".jp-MarkdownCell .jp-RenderedMarkdown")].some((m) =>
          /\$[^$]*\\[a-z]+/.test((m as HTMLElement).innerText),
        ),
      );
    await expect.poll(raw, { message: "LaTeX left as source", timeout: 30_000 }).toBe(false);
  }, 120_000);

  it("publishes no homework master and fetches nothing from outside the site", async () => {
    expect(siteNotebooks().filter((n) => /master/.test(n))).toEqual([]);
    const status = await site.page.evaluate(async () => (await fetch("../files/homework/master.ipynb")).status);
    expect(status).toBe(404);
    expect(site.blocked).toEqual([]);
    expect(site.errors).toEqual([]);
  });
});
