// The pages' stylesheet: a readable column, code and results aligned on the left as Jupyter shows
// them, no inner scroll areas (a wide result scrolls sideways as one block), Nabla's highlighting
// colours, and a print layout.
export const PAGE_CSS = `
:root { --text: #1d1d1f; --muted: #6b6b75; --rule: #e3e3ea; --code-bg: #f6f7fb; --accent: #3b4ba8; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--text); background: #fff; font: 16px/1.6 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 52rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
a { color: var(--accent); }
header.site, footer.site { border-bottom: 1px solid var(--rule); background: #fafafd; }
footer.site { border-top: 1px solid var(--rule); border-bottom: none; margin-top: 2rem; }
nav.pager { max-width: 52rem; margin: 0 auto; padding: .6rem 1.25rem; display: flex; gap: 1rem; align-items: baseline; flex-wrap: wrap; font-size: .92rem; }
nav.pager .home { font-weight: 600; margin-right: auto; text-decoration: none; }
nav.pager a[rel] { text-decoration: none; }
h1, h2, h3 { line-height: 1.25; }
h1 { font-size: 1.9rem; margin: 1.2rem 0 .6rem; }
h2 { font-size: 1.4rem; margin-top: 2rem; border-bottom: 1px solid var(--rule); padding-bottom: .2rem; }
.cell { margin: .9rem 0; }
.cell.markdown p { margin: .6rem 0; }
.cell.markdown code, .cell.markdown pre { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .9em; background: var(--code-bg); border-radius: 3px; }
.cell.markdown code { padding: .05em .3em; }
.cell.markdown pre { padding: .6rem .8rem; overflow-x: auto; overflow-y: hidden; }
.cell.markdown pre code { padding: 0; background: none; }
.cell.markdown table { border-collapse: collapse; margin: .6rem 0; display: block; overflow-x: auto; overflow-y: hidden; }
.cell.markdown th, .cell.markdown td { border: 1px solid var(--rule); padding: .25rem .55rem; text-align: left; vertical-align: top; }
.math-display { overflow-x: auto; overflow-y: hidden; padding: .1rem 0; }
pre.source { margin: 0; padding: .55rem .8rem; background: var(--code-bg); border-left: 3px solid var(--accent); border-radius: 3px; font: .92rem/1.45 "DejaVu Sans Mono", Menlo, Consolas, monospace; white-space: pre-wrap; overflow-wrap: anywhere; }
.outputs { padding: .15rem 0 .15rem .9rem; }
/* One block per result: a wide one scrolls sideways as a whole; nothing scrolls inside it. */
.output { margin: .25rem 0; max-width: 100%; overflow-x: auto; overflow-y: hidden; }
.output * { overflow: visible; }
.output .katex-display { margin: .3rem 0; text-align: left; padding: .15rem 0; }
.output .katex-display > .katex { text-align: left; }
.math-display .katex-display { margin: .5rem 0; }
pre.output { margin: .3rem 0; font: .9rem/1.45 "DejaVu Sans Mono", Menlo, Consolas, monospace; white-space: pre-wrap; overflow-wrap: anywhere; }
pre.stderr { color: #8a5a00; }
pre.error { color: #a8071a; background: #fff4f4; padding: .4rem .6rem; border-radius: 3px; }
.output.figure svg, .output.figure img { max-width: 100%; height: auto; }
.math-source { color: #a8071a; }
ul.course { list-style: none; padding: 0; }
ul.course li { margin: 0 0 1.1rem; padding: .2rem 0 .2rem .8rem; border-left: 3px solid var(--rule); }
ul.course .title { font-size: 1.1rem; font-weight: 600; }
ul.course .covers { color: var(--muted); font-size: .92rem; }
ul.course .covers p { margin: .25rem 0; }
/* Nabla's highlighting (highlight.js scopes). */
.hljs-keyword { color: #7a2c9e; font-weight: 600; }
.hljs-built_in { color: #1f5fa8; }
.hljs-title.function_ { color: #a3470f; }
.hljs-number, .hljs-literal { color: #0f7a5f; }
.hljs-string { color: #a31515; }
.hljs-comment { color: #6b7280; font-style: italic; }
.hljs-operator { color: #b0187a; }
@media print {
  header.site, footer.site { display: none; }
  main { max-width: none; padding: 0; }
  body { font-size: 11pt; }
  .cell { break-inside: avoid; }
  h1, h2, h3 { break-after: avoid; }
  .output, .math-display, .cell.markdown pre, .cell.markdown table { overflow: visible; }
  pre.source { border-left-width: 2px; }
  a { color: inherit; text-decoration: none; }
}
`;
