// `nabla render FILE -o OUT.html`: a web page of typeset results. A Nabla file is run statement by
// statement; a notebook (.ipynb) is shown with the outputs it holds. The page is written by the same
// writer as the course site, with KaTeX's stylesheet and fonts in an assets folder beside it.
import { writeFileSync, mkdirSync } from "node:fs";
import { readProgram } from "./read-program.js";
import { DEFAULT_LIMITS } from "../environment.js";
import { dirname, basename } from "node:path";
import { Session } from "../session.js";
import type { StatementResult } from "../results.js";
import { escapeHtml } from "../render/page/html.js";
import {
  notebookBody,
  notebookSummary,
  type PageCell,
  type PageNotebook,
  type PageOutput,
} from "../render/page/notebook.js";
import { pageHtml, writeAssets } from "../render/page/site.js";

function outputsOf(r: StatementResult): PageOutput[] {
  const outputs: PageOutput[] = [];
  for (const effect of r.effects) {
    if (effect.kind === "stdout" || effect.kind === "stderr")
      outputs.push({ output_type: "stream", name: effect.kind, text: effect.text });
    else if (effect.kind === "display" && effect.svg)
      outputs.push({ output_type: "display_data", data: { "image/svg+xml": effect.svg } });
  }
  if (r.status === "error") {
    const e = r.error!;
    outputs.push({
      output_type: "error",
      ename: e.kind,
      evalue: e.message,
      traceback: [`${e.message}${e.excerpt ? `\n${e.excerpt}` : ""}`],
    });
  } else if (!r.silent) {
    outputs.push({ output_type: "display_data", data: { "text/plain": r.pretty, "text/latex": `$$${r.latex}$$` } });
  }
  return outputs;
}

/** A Nabla file's statements as the cells of a notebook page, each with its results. */
export function renderSource(source: string, title: string): { html: string; errors: number } {
  const results = new Session().run(source);
  const cells: PageCell[] = results.map((r) => ({ cell_type: "code", source: r.source, outputs: outputsOf(r) }));
  const body = `<h1>${escapeHtml(title)}</h1>\n${notebookBody({ cells }, { trustedOutputs: true })}`;
  return { html: pageHtml(title, body), errors: results.filter((r) => r.status === "error").length };
}

/** A notebook file as a page: its Markdown, code and the outputs it was saved with. */
export function renderNotebook(text: string, fallbackTitle: string): { html: string; errors: number } {
  const notebook = JSON.parse(text) as PageNotebook;
  if (!Array.isArray(notebook.cells)) throw new Error("not a notebook: it has no list of cells");
  const title = notebookSummary(notebook).title ?? fallbackTitle;
  // Outputs saved in a notebook are whatever its author's kernel wrote: figures are shown as images.
  const errors = notebook.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.output_type === "error").length;
  return { html: pageHtml(title, notebookBody(notebook, { trustedOutputs: false })), errors };
}

export function renderCommand(file: string, output: string): number {
  let page: { html: string; errors: number };
  try {
    // A notebook with its outputs may be large; a program has the cell's limit.
    const text = file.endsWith(".ipynb")
      ? readProgram(file, DEFAULT_LIMITS.totalBytes, DEFAULT_LIMITS.totalBytes)
      : readProgram(file, DEFAULT_LIMITS.sourceChars);
    page = file.endsWith(".ipynb")
      ? renderNotebook(text, basename(file, ".ipynb"))
      : renderSource(text, basename(file));
  } catch (error) {
    process.stderr.write(`nabla render: ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  try {
    mkdirSync(dirname(output), { recursive: true });
    writeFileSync(output, page.html);
    writeAssets(dirname(output));
  } catch (error) {
    const why =
      (error as NodeJS.ErrnoException).code === "EISDIR"
        ? "it is a folder: name the page's file"
        : String((error as Error).message);
    process.stderr.write(`nabla render: cannot write ${output}: ${why}\n`);
    return 2;
  }
  process.stdout.write(`${output}${page.errors ? ` (${page.errors} error${page.errors === 1 ? "" : "s"})` : ""}\n`);
  return page.errors ? 1 : 0;
}
