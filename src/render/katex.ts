// LaTeX → HTML with KaTeX. throwOnError is on: a LaTeX string KaTeX rejects is our bug, and the
// tests render every one. MathML goes along so the output reads without KaTeX's CSS or fonts.
import katex from "katex";

// Results repeat (a class's ✓ verdicts, the same matrices): a small cache of rendered strings.
const cache = new Map<string, string>();
const CACHE_SIZE = 500;

export function renderLatex(latex: string, displayMode = true): string {
  const key = (displayMode ? "D" : "I") + latex;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const html = katex.renderToString(latex, {
    throwOnError: true,
    displayMode,
    output: "htmlAndMathml",
    strict: "ignore",
  });
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(key, html);
  return html;
}
