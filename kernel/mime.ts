// A statement's result as Jupyter content: a MIME bundle, or an error with a traceback that shows
// the source line and a caret.
import type { StatementResult } from "../src/results.js";

/**
 * The most characters of a result a front end is sent: a Taylor polynomial of order 2,000 printed
 * as text, LaTeX and KaTeX's HTML was 29 MB in one message, more than a notebook page can hold.
 */
export const DISPLAY_CHARS = 100_000;

/** Too large to show: only the text's beginning is sent, and no LaTeX (nor its HTML, not even made). */
export const tooLargeToShow = (r: Pick<StatementResult, "pretty" | "latex">): boolean =>
  r.pretty.length > DISPLAY_CHARS || r.latex.length > 2 * DISPLAY_CHARS;

export function bundleOf(r: StatementResult): Record<string, string> {
  const text = r.pretty;
  if (tooLargeToShow(r))
    return {
      "text/plain": `${text.slice(0, DISPLAY_CHARS)}${text.length > DISPLAY_CHARS ? "…" : ""}\n(${text.length.toLocaleString("en-US")} characters, too many to show in full or typeset: name the value and look at its parts)`,
    };
  const bundle: Record<string, string> = { "text/plain": text };
  if (r.latex) bundle["text/latex"] = `$$${r.latex}$$`;
  if (r.html) bundle["text/html"] = r.html;
  return bundle;
}

const ENAMES: Record<string, string> = {
  parse: "ParseError",
  shape: "ShapeError",
  name: "NameError",
  math: "MathError",
  limit: "LimitError",
  interrupt: "KeyboardInterrupt",
  internal: "InternalError",
};

export function errorContent(r: StatementResult): { ename: string; evalue: string; traceback: string[] } {
  const e = r.error!;
  const ename = ENAMES[e.kind] ?? "Error";
  const where = e.excerpt
    ? [`line ${e.line}, column ${e.column}:`, ...e.excerpt.split("\n").map((l) => `    ${l}`)]
    : [];
  return { ename, evalue: e.message, traceback: [...where, `${ename}: ${e.message}`] };
}
