// LaTeX → HTML with KaTeX. throwOnError is on: a LaTeX string KaTeX rejects is our bug, and the
// tests render every one. MathML goes along so the output reads without KaTeX's CSS or fonts.
import katex from "katex";

export function renderLatex(latex: string, displayMode = true): string {
  return katex.renderToString(latex, { throwOnError: true, displayMode, output: "htmlAndMathml", strict: "ignore" });
}
