// A Jupyter notebook (nbformat 4) as the body of a page: Markdown with its math, Nabla code
// highlighted, and each output as a reader wants it — math typeset by KaTeX (a cell's several
// `name = value` results aligned as one block), figures as SVG, streams and errors as text.
import { highlightNabla } from "../highlight.js";
import { escapeHtml, stripAnsi } from "./html.js";
import { renderMarkdown } from "./markdown.js";
import { alignedAssignments, renderMath, splitAssignment } from "./math.js";

type MultilineText = string | string[];

export interface PageOutput {
  output_type: string;
  data?: Record<string, unknown>;
  name?: string;
  text?: MultilineText;
  ename?: string;
  evalue?: string;
  traceback?: string[];
}

export interface PageCell {
  cell_type: string;
  source: MultilineText;
  outputs?: PageOutput[];
}

export interface PageNotebook {
  cells: PageCell[];
  metadata?: { language_info?: { name?: string }; kernelspec?: { language?: string } };
}

export interface NotebookPageOptions {
  /**
   * Whether the notebook's outputs are ours (executed by our kernel or grader): only then are SVG
   * and HTML outputs placed in the page as markup. Otherwise figures are shown as images (which run
   * nothing) and HTML outputs by their plain text.
   */
  trustedOutputs: boolean;
}

export function joinText(text: MultilineText | undefined): string {
  return Array.isArray(text) ? text.join("") : (text ?? "");
}

function isNabla(nb: PageNotebook): boolean {
  const language = nb.metadata?.language_info?.name ?? nb.metadata?.kernelspec?.language ?? "nabla";
  return language === "nabla";
}

/** The LaTeX of a rich output, without the `$$` Jupyter's text/latex wraps it in. */
function latexOf(output: PageOutput): string | undefined {
  const latex = output.data?.["text/latex"];
  if (latex === undefined) return undefined;
  return joinText(latex as MultilineText)
    .trim()
    .replace(/^\$\$([\s\S]*)\$\$$/, "$1")
    .replace(/^\$([\s\S]*)\$$/, "$1");
}

/** `name = value` results: the plain text starts with a name and ` = `, and the LaTeX splits at `=`. */
function assignmentOf(output: PageOutput): [string, string] | undefined {
  const plain = joinText(output.data?.["text/plain"] as MultilineText | undefined);
  const latex = latexOf(output);
  if (!latex || !/^[\p{L}_][\p{L}\p{N}_′'.]*(?:\([^()=]*\))? = /u.test(plain)) return undefined;
  return splitAssignment(latex);
}

function richOutput(output: PageOutput, options: NotebookPageOptions): string {
  const data = output.data ?? {};
  const latex = latexOf(output);
  if (latex !== undefined) return `<div class="output math">${renderMath(latex, true)}</div>`;
  const svg = data["image/svg+xml"];
  if (svg !== undefined) {
    const markup = joinText(svg as MultilineText);
    // An image element never runs what an SVG may carry (scripts, handlers): untrusted figures go there.
    if (options.trustedOutputs) return `<div class="output figure">${markup}</div>`;
    return `<div class="output figure"><img alt="figure" src="data:image/svg+xml;base64,${Buffer.from(markup, "utf8").toString("base64")}"></div>`;
  }
  const png = data["image/png"];
  if (typeof png === "string")
    return `<div class="output figure"><img alt="figure" src="data:image/png;base64,${escapeHtml(png.replace(/\s/g, ""))}"></div>`;
  const html = data["text/html"];
  if (html !== undefined && options.trustedOutputs)
    return `<div class="output html">${joinText(html as MultilineText)}</div>`;
  const plain = data["text/plain"];
  if (plain !== undefined) return `<pre class="output text">${escapeHtml(joinText(plain as MultilineText))}</pre>`;
  return "";
}

function outputsHtml(outputs: PageOutput[], options: NotebookPageOptions): string {
  const parts: string[] = [];
  for (let i = 0; i < outputs.length; i++) {
    const output = outputs[i];
    if (output.output_type === "stream") {
      parts.push(
        `<pre class="output stream ${output.name === "stderr" ? "stderr" : "stdout"}">${escapeHtml(joinText(output.text))}</pre>`,
      );
      continue;
    }
    if (output.output_type === "error") {
      const trace = (output.traceback ?? []).map(stripAnsi).join("\n") || `${output.ename}: ${output.evalue}`;
      parts.push(`<pre class="output error">${escapeHtml(trace)}</pre>`);
      continue;
    }
    // A run of `name = value` results is one aligned block: the baselines and the = signs line up.
    const rows: [string, string][] = [];
    let j = i;
    for (; j < outputs.length; j++) {
      const row =
        outputs[j].output_type === "stream" || outputs[j].output_type === "error"
          ? undefined
          : assignmentOf(outputs[j]);
      if (!row) break;
      rows.push(row);
    }
    if (rows.length >= 2) {
      parts.push(`<div class="output math">${renderMath(alignedAssignments(rows), true)}</div>`);
      i = j - 1;
      continue;
    }
    parts.push(richOutput(output, options));
  }
  return parts.join("\n");
}

function codeCell(cell: PageCell, nabla: boolean, options: NotebookPageOptions): string {
  const source = joinText(cell.source);
  const code = nabla ? highlightNabla(source) : escapeHtml(source);
  const outputs = outputsHtml(cell.outputs ?? [], options);
  return `<div class="cell code"><pre class="source"><code class="hljs${nabla ? " language-nabla" : ""}">${code}</code></pre>${outputs ? `<div class="outputs">${outputs}</div>` : ""}</div>`;
}

/** The cells of a notebook as HTML. */
export function notebookBody(nb: PageNotebook, options: NotebookPageOptions): string {
  const nabla = isNabla(nb);
  return nb.cells
    .map((cell) => {
      if (cell.cell_type === "markdown")
        return `<div class="cell markdown">${renderMarkdown(joinText(cell.source))}</div>`;
      if (cell.cell_type === "code") return codeCell(cell, nabla, options);
      return `<div class="cell raw"><pre>${escapeHtml(joinText(cell.source))}</pre></div>`;
    })
    .join("\n");
}

/**
 * The notebook's title (its first heading) and what it covers: the paragraphs after the heading up to
 * the first code or subheading, at most two (the notes' "Covers: …" line and the opening sentence).
 */
export function notebookSummary(nb: PageNotebook): { title?: string; summary?: string } {
  for (const cell of nb.cells) {
    if (cell.cell_type !== "markdown") continue;
    const lines = joinText(cell.source).split("\n");
    const heading = lines.findIndex((l) => /^#{1,2}\s/.test(l));
    if (heading < 0) continue;
    const title = lines[heading].replace(/^#+\s*/, "").trim();
    const paragraphs = lines
      .slice(heading + 1)
      .join("\n")
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter((p) => p !== "");
    const end = paragraphs.findIndex((p) => /^(#|```|\$\$|\|)/.test(p));
    const summary = paragraphs.slice(0, end < 0 ? 2 : Math.min(end, 2)).join("\n\n");
    return { title, summary: summary || undefined };
  }
  return {};
}
