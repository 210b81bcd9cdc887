// Math on the pages: KaTeX's HTML (drawn with its own fonts, so brackets stretch to their rows) with
// MathML beside it for screen readers. A formula KaTeX cannot read is shown as its source, marked.
import katex from "katex";
import { escapeHtml } from "./html.js";

export function renderMath(tex: string, display: boolean): string {
  try {
    return katex.renderToString(tex, {
      displayMode: display,
      output: "htmlAndMathml",
      throwOnError: true,
      strict: "ignore",
      trust: false,
    });
  } catch {
    // Authors' Markdown may hold LaTeX KaTeX does not know: show it as typed rather than lose it.
    return `<code class="math-source">${escapeHtml(display ? `$$${tex}$$` : `$${tex}$`)}</code>`;
  }
}

/** Splits `name = value` at its first `=` outside braces, for aligning a cell's assignments. */
export function splitAssignment(latex: string): [string, string] | undefined {
  let depth = 0;
  for (let i = 0; i < latex.length; i++) {
    const c = latex[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (c === "{") depth++;
    else if (c === "}") depth--;
    else if (c === "=" && depth === 0) {
      const left = latex.slice(0, i).trim();
      const right = latex.slice(i + 1).trim();
      if (!left || !right || left.includes("\\begin")) return undefined;
      return [left, right];
    }
  }
  return undefined;
}

/** Several `name = value` results of one cell as one block, aligned on `=`. */
export function alignedAssignments(rows: [string, string][]): string {
  return `\\begin{aligned}${rows.map(([l, r]) => `${l} &= ${r}`).join(" \\\\[0.4em] ")}\\end{aligned}`;
}
