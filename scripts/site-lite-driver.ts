/// <reference lib="dom" />
// Driving the JupyterLite site in Debian's Chromium through playwright-core, for its tests
// (test/lite-site.test.ts) and its bench (bench/lite-site.ts): the site on a loopback static server,
// every request to any other address blocked and recorded.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { CHROMIUM, launchChromium } from "./chromium.js";
import { serveStatic, type StaticServer } from "./site-lite-serve.js";

export { CHROMIUM };

export interface SiteBrowser {
  server: StaticServer;
  browser: Browser;
  page: Page;
  /** Requests to anything but the site, refused. */
  blocked: string[];
  /** Uncaught exceptions in the page. */
  errors: string[];
  close(): Promise<void>;
}

export async function openSiteBrowser(site: string): Promise<SiteBrowser> {
  const server = await serveStatic(site);
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1200, height: 820 } });
  // A busy machine (CI runs other tests beside these) slows JupyterLab's start several-fold.
  page.setDefaultTimeout(120_000);
  const blocked: string[] = [];
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(`${server.origin}/`) || url.startsWith("data:") || url.startsWith("blob:"))
      return route.continue();
    blocked.push(url);
    return route.abort();
  });
  return {
    server,
    browser,
    page,
    blocked,
    errors,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

export const siteBuilt = (site: string) =>
  existsSync(`${site}/lab/index.html`) && existsSync(`${site}/nabla/worker.js`);

/** The newest modification time of the files under a folder (0 when it has none). */
function newestUnder(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  return newest;
}

/**
 * The site's sources (the engine's src/ and grammar/, the site's lite/src/, the notebooks it holds)
 * changed since its worker was built: its tests would judge old code. Which folder, or null.
 */
export function siteStale(site: string, root: string): string | null {
  const built = statSync(`${site}/nabla/worker.js`).mtimeMs;
  for (const dir of ["src", "grammar", join("lite", "src"), "notebooks"])
    if (newestUnder(join(root, dir)) > built) return `${dir}/ changed after out/site/ was built`;
  return null;
}

/** What the page's JupyterLab application (window.jupyterapp) offers these helpers. */
interface App {
  commands: { execute(id: string, args?: object): Promise<unknown> };
  shell: { currentWidget: unknown };
}
declare const window: Window & { jupyterapp: App };

/** Loads the lab page and waits for the application to be restored; the milliseconds it took. */
export async function openLab(page: Page, origin: string, query = ""): Promise<number> {
  const started = Date.now();
  await page.goto(`${origin}/lab/index.html${query}`);
  await page.waitForSelector("body[data-nabla-restored]", { state: "attached", timeout: 120_000 });
  return Date.now() - started;
}

/** Opens a console on the Nabla kernel and waits for its prompt. */
export async function openConsole(page: Page): Promise<void> {
  await page.evaluate(() =>
    window.jupyterapp.commands.execute("console:create", { kernelPreference: { name: "nabla" } }),
  );
  await page.locator(".jp-CodeConsole-promptCell .cm-content").waitFor({ timeout: 60_000 });
  await page.waitForFunction(
    () => {
      const widget = window.jupyterapp.shell.currentWidget as unknown as {
        sessionContext?: { session?: { kernel?: { status: string } } };
      };
      return widget?.sessionContext?.session?.kernel?.status === "idle";
    },
    undefined,
    { timeout: 120_000 },
  );
}

export interface ConsoleOutput {
  /** The cell's outputs as the page shows them. */
  text: string;
  /** The LaTeX of each KaTeX formula in them (KaTeX's MathML annotation). */
  latex: string[];
  /** Error outputs' text. */
  errors: string[];
}

/** Types `code` into the console's prompt, runs it (Shift+Enter) and reads the cell's outputs. */
export async function runInConsole(page: Page, code: string, timeout = 60_000): Promise<ConsoleOutput> {
  const cells = page.locator(".jp-CodeConsole-content .jp-CodeCell");
  const before = await cells.count();
  const prompt = page.locator(".jp-CodeConsole-promptCell .cm-content");
  await prompt.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.type(code);
  await page.keyboard.press("Shift+Enter");
  await page.waitForFunction(
    (n) => document.querySelectorAll(".jp-CodeConsole-content .jp-CodeCell").length > n,
    before,
    {
      timeout,
    },
  );
  const cell = cells.nth(before);
  // The prompt's count appears when the reply arrives.
  await cell
    .locator(".jp-InputPrompt")
    .filter({ hasText: /\[\d+\]/ })
    .waitFor({ timeout });
  return cell.evaluate((node) => ({
    text: (node.querySelector(".jp-OutputArea") as HTMLElement | null)?.innerText ?? "",
    latex: [...node.querySelectorAll(".katex annotation")].map((a) => a.textContent ?? ""),
    errors: [...node.querySelectorAll(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")].map(
      (e) => (e as HTMLElement).innerText,
    ),
  }));
}

export interface NotebookRun {
  codeCells: number;
  notRun: number;
  errors: string[];
  /** Each code cell's outputs as notebook JSON. */
  outputs: { source: string; outputs: { output_type: string; data?: Record<string, unknown>; text?: string }[] }[];
}

/**
 * Opens a notebook of the site, optionally replaces some cells' sources first (by index), runs all
 * its cells and waits until every code cell has run; then closes it.
 */
export async function runNotebook(page: Page, path: string, edits: Record<number, string> = {}): Promise<NotebookRun> {
  return page.evaluate(
    async ({ path, edits }) => {
      type Cell = {
        cell_type: string;
        source: string | string[];
        execution_count?: number | null;
        outputs?: { output_type: string; ename?: string; evalue?: string }[];
      };
      const app = window.jupyterapp;
      const panel = (await app.commands.execute("docmanager:open", {
        path,
        factory: "Notebook",
        kernel: { name: "nabla" },
      })) as {
        context: { ready: Promise<void> };
        sessionContext: { ready: Promise<void>; session?: { kernel?: { status: string } }; shutdown(): Promise<void> };
        dispose(): void;
        content: {
          model: {
            toJSON(): { cells: Cell[] };
            cells: { get(i: number): { sharedModel: { setSource(s: string): void } } };
          };
        };
      };
      await panel.context.ready;
      await panel.sessionContext.ready;
      for (const [index, source] of Object.entries(edits))
        panel.content.model.cells.get(Number(index)).sharedModel.setSource(source);
      const text = (s: string | string[]) => (Array.isArray(s) ? s.join("") : s);
      const code = () =>
        panel.content.model
          .toJSON()
          .cells.map((c, index) => ({ ...c, index }))
          .filter((c) => c.cell_type === "code" && text(c.source).trim() !== "");
      await app.commands.execute("notebook:run-all-cells");
      for (;;) {
        await new Promise((r) => setTimeout(r, 200));
        if (panel.sessionContext.session?.kernel?.status === "idle" && code().every((c) => c.execution_count != null))
          break;
      }
      const cells = code();
      const result = {
        codeCells: cells.length,
        notRun: cells.filter((c) => c.execution_count == null).length,
        errors: cells.flatMap((c) =>
          (c.outputs ?? [])
            .filter((o) => o.output_type === "error")
            .map((o) => `cell ${c.index}: ${o.ename}: ${o.evalue}`),
        ),
        outputs: cells.map((c) => ({ source: text(c.source), outputs: (c.outputs ?? []) as never })),
      };
      // Closed without the save and shut-down dialogs.
      await panel.sessionContext.shutdown();
      panel.dispose();
      return result;
    },
    { path, edits },
  );
}
