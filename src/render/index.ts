// The printed forms of a value (graph/print/: text, pretty, LaTeX strings) and their typesetting by KaTeX.
export { latexIn, prettyIn, toLatex, toPretty, toText } from "../graph/print/forms.js";
export { renderLatex } from "./katex.js";
