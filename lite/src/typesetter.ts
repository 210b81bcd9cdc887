// Math in Markdown cells typeset by KaTeX, the same KaTeX that typesets Nabla's results (its CSS and
// fonts are in the site), in place of JupyterLab's MathJax extension: one renderer, a smaller site.
import type { JupyterFrontEndPlugin } from "@jupyterlab/application";
import { ILatexTypesetter } from "@jupyterlab/rendermime";
import renderMathInElement from "katex/contrib/auto-render";

export const typesetter: JupyterFrontEndPlugin<ILatexTypesetter> = {
  id: "nabla-lite:katex-typesetter",
  description: "Typesets the math of Markdown cells with KaTeX.",
  autoStart: true,
  provides: ILatexTypesetter,
  activate: () => ({
    typeset(element: HTMLElement): void {
      renderMathInElement(element, {
        delimiters: [
          { left: "$$", right: "$$", display: true },
          { left: "\\[", right: "\\]", display: true },
          { left: "\\(", right: "\\)", display: false },
          { left: "$", right: "$", display: false },
        ],
        // A formula KaTeX cannot read stays as its source, marked.
        throwOnError: false,
        strict: "ignore",
        trust: false,
      });
    },
  }),
};
