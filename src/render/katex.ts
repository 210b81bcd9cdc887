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

/**
 * MathML alone: browsers render it natively, so it needs neither KaTeX's CSS nor its fonts — the
 * form for Jupyter outputs, which are viewed in front ends and exported HTML we do not style.
 */
export function renderMathml(latex: string): string {
  const key = `M${latex}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const html = katex.renderToString(latex, {
    throwOnError: true,
    displayMode: true,
    output: "mathml",
    strict: "ignore",
  });
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(key, html);
  return html;
}
