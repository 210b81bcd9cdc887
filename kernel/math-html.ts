// The kernel's text/html for a result: KaTeX's HTML with its MathML, the same as the pages
// (src/render/page/math.ts), so brackets stretch where KaTeX's stylesheet is loaded. Notebook 6
// loads it with the kernelspec (kernel.js). Where a front end has no KaTeX stylesheet (JupyterLab
// without an extension, nbconvert's pages), the HTML part carries the `hidden` attribute: without
// the stylesheet only the MathML shows (browsers draw it natively), never both; KaTeX's own rule
// for a display's HTML (`.katex-display > .katex > .katex-html { display: block }`) is an author
// style, which outranks `hidden`, so with the stylesheet the HTML shows and the MathML is hidden.
import { renderLatex } from "../src/render/katex.js";
import { renderMath } from "../src/render/page/math.js";

const HTML_PART = '<span class="katex-html" aria-hidden="true">';

export function mathHtml(latex: string): string {
  let html: string;
  try {
    // The same options as the pages' renderMath, with a cache (results repeat).
    html = renderLatex(latex, true);
  } catch {
    return renderMath(latex, true); // the source, marked, as the pages show LaTeX KaTeX rejects
  }
  return html.replace(HTML_PART, '<span class="katex-html" aria-hidden="true" hidden>');
}
