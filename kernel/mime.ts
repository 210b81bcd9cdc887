// A statement's result as Jupyter content: a MIME bundle, or an error with a traceback that shows
// the source line and a caret.
import type { StatementResult } from "../src/results.js";

export function bundleOf(r: StatementResult): Record<string, string> {
  const bundle: Record<string, string> = { "text/plain": r.pretty };
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
