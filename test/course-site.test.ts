/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The course as the README's main command writes it: every notebook executed by the Nabla kernel
// through nbconvert, then written as a site (a page per notebook, an index, KaTeX's CSS and fonts
// beside them). Then read as a reader would, in headless Chromium with every request outside the
// site's folder blocked: brackets as tall as the matrices they hold, no scroll areas inside outputs,
// KaTeX's fonts loaded, Nabla code in colour, figures drawn, and the index linking every page.
// Screenshots of each page are kept in test-output/screenshots/.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { installKernel } from "../kernel/install.js";
import { writeSite } from "../src/render/page/site.js";
import { COURSE_TITLE, coursePages } from "../scripts/site.js";
import { CHROMIUM, launchChromium } from "../scripts/chromium.js";

const ROOT = join(import.meta.dirname, "..");
const JUPYTER = "/usr/bin/jupyter";
const SHOTS = join(ROOT, "test-output", "screenshots");
const NOTEBOOKS = [
  ...readdirSync(join(ROOT, "notebooks"))
    .filter((f) => f.endsWith(".ipynb"))
    .sort()
    .map((f) => join(ROOT, "notebooks", f)),
  join(ROOT, "notebooks", "homework", "master.ipynb"),
];

const hasJupyter = spawnSync(JUPYTER, ["nbconvert", "--version"]).status === 0;
const hasChromium = existsSync(CHROMIUM);
if (!hasJupyter) console.warn("notebook execution skipped: Debian's jupyter-nbconvert is not installed");
if (!hasChromium) console.warn("the Chromium check is skipped: Debian's chromium is not installed");

interface Output {
  output_type: string;
  ename?: string;
}

describe.skipIf(!hasJupyter)("the course site", () => {
  const prefix = mkdtempSync(join(tmpdir(), "nabla-site-"));
  const executed = join(prefix, "executed");
  const site = join(prefix, "site");
  const env = { ...process.env, JUPYTER_PATH: join(prefix, "share", "jupyter") };

  it("installs the kernel", async () => {
    expect(await installKernel(["--prefix", prefix, "--from-sources"])).toBe(0);
  });

  it.each(NOTEBOOKS.map((p) => [p.split("/").pop()!, p]))(
    "%s executes with no error outputs",
    (name, path) => {
      const base = name.replace(/\.ipynb$/, "");
      const run = spawnSync(
        JUPYTER,
        [
          "nbconvert",
          "--to",
          "notebook",
          "--execute",
          "--ExecutePreprocessor.kernel_name=nabla",
          "--ExecutePreprocessor.timeout=300",
          "--output-dir",
          executed,
          "--output",
          base,
          path,
        ],
        { env, encoding: "utf8", timeout: 280_000 },
      );
      expect(run.status, run.stderr.slice(-2000)).toBe(0);
      const notebook = JSON.parse(readFileSync(join(executed, `${base}.ipynb`), "utf8")) as {
        cells: { outputs?: Output[] }[];
      };
      const errors = notebook.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.output_type === "error");
      expect(errors.map((e) => e.ename)).toEqual([]);
    },
    300_000,
  );

  it("writes a page per notebook, an index and the assets", () => {
    const files = NOTEBOOKS.map((p) => join(executed, p.split("/").pop()!));
    const written = writeSite(site, coursePages(files), { title: COURSE_TITLE });
    expect(written.map((f) => f.split("/").pop())).toEqual([
      ...files.map((f) =>
        f
          .split("/")
          .pop()!
          .replace(/\.ipynb$/, ".html"),
      ),
      "index.html",
    ]);
    expect(existsSync(join(site, "assets", "katex", "katex.min.css"))).toBe(true);
    expect(readdirSync(join(site, "assets", "katex", "fonts")).some((f) => f.startsWith("KaTeX_Size3"))).toBe(true);
  });

  it.skipIf(!hasChromium)(
    "reads like a textbook in Chromium, offline",
    async () => {
      mkdirSync(SHOTS, { recursive: true });
      const browser = await launchChromium();
      try {
        const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
        const blocked: string[] = [];
        await page.route("**/*", (route) => {
          const url = route.request().url();
          if (url.startsWith(`file://${site}/`) || url.startsWith("data:")) return route.continue();
          blocked.push(url);
          return route.abort();
        });

        await page.goto(`file://${join(site, "index.html")}`);
        const links = await page.evaluate(() =>
          [...document.querySelectorAll("ul.course a")].map((a) => a.getAttribute("href")),
        );
        const pages = NOTEBOOKS.map((p) =>
          p
            .split("/")
            .pop()!
            .replace(/\.ipynb$/, ".html"),
        );
        expect(links).toEqual(pages);
        await page.screenshot({ path: join(SHOTS, "index.png") });

        let matrices = 0;
        for (const [i, file] of pages.entries()) {
          await page.goto(`file://${join(site, file)}`);
          await page.evaluate(() => document.fonts.ready);
          const report = await page.evaluate(() => {
            const px = (e: Element) => e.getBoundingClientRect().height;
            // A matrix: KaTeX's table inside brackets (an aligned block is a table with none).
            const matrices = [...document.querySelectorAll(".katex-html .mtable")].flatMap((table) => {
              const open = table.closest(".minner")?.querySelector(":scope > .mopen");
              return open ? [{ rows: px(table), bracket: px(open) }] : [];
            });
            const scrolling = [...document.querySelectorAll(".outputs, .outputs *")].filter((e) => {
              const style = getComputedStyle(e);
              return (
                (style.overflowY === "auto" || style.overflowY === "scroll") && e.scrollHeight > e.clientHeight + 1
              );
            });
            const codeColours = [...document.querySelectorAll("pre.source")].map(
              (pre) => new Set([pre, ...pre.querySelectorAll("span")].map((s) => getComputedStyle(s).color)).size,
            );
            return {
              matrices,
              scrolling: scrolling.map((e) => `${e.tagName}.${e.className}`),
              katexFonts:
                document.fonts.check("16px KaTeX_Main") &&
                [...document.fonts].some((f) => f.family.includes("KaTeX") && f.status === "loaded"),
              codeCells: codeColours.length,
              monochrome: codeColours.filter((n) => n < 2).length,
              rawMath: /\$\$|\\frac|\\begin\{/.test(document.querySelector("main")!.innerText),
              errors: document.querySelectorAll("pre.error").length,
              emptyFigures: [...document.querySelectorAll(".output.figure svg[viewBox]")].filter(
                (svg) => svg.querySelectorAll("path, circle").length === 0,
              ).length,
              figures: document.querySelectorAll(".output.figure").length,
              prev: document.querySelector("header a[rel=prev]")?.getAttribute("href") ?? null,
              next: document.querySelector("header a[rel=next]")?.getAttribute("href") ?? null,
              home: document.querySelector("header a.home")?.getAttribute("href") ?? null,
            };
          });
          await page.screenshot({ path: join(SHOTS, file.replace(/\.html$/, ".png")) });
          matrices += report.matrices.length;
          const short = report.matrices.filter((m) => m.bracket < m.rows * 0.95);
          expect(short, `${file}: brackets shorter than their matrices`).toEqual([]);
          expect(report.scrolling, `${file}: outputs with a vertical scroll area`).toEqual([]);
          expect(report.katexFonts, `${file}: KaTeX's fonts`).toBe(true);
          expect(report.codeCells, file).toBeGreaterThan(0);
          // A cell of one bare name can be one colour; most cells are not.
          expect(report.monochrome, `${file}: code cells without highlighting`).toBeLessThan(report.codeCells / 4);
          expect(report.rawMath, `${file} shows raw LaTeX`).toBe(false);
          expect(report.errors, file).toBe(0);
          expect(report.emptyFigures, `${file} has an empty figure`).toBe(0);
          const plots = (readFileSync(NOTEBOOKS[i], "utf8").match(/plot\(/g) ?? []).length;
          expect(report.figures, `${file}: every plot( shows a figure`).toBe(plots);
          expect([report.home, report.prev, report.next]).toEqual([
            "index.html",
            pages[i - 1] ?? null,
            pages[i + 1] ?? null,
          ]);
        }
        expect(matrices, "matrices with brackets measured").toBeGreaterThan(20);
        expect(blocked, "requests outside the site").toEqual([]);
      } finally {
        await browser.close();
      }
    },
    180_000,
  );
});
