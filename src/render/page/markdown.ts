// Markdown cells as HTML (markdown-it), with `$…$` and `$$…$$` typeset by KaTeX. Math is a token of
// its own, so a dollar inside code stays a dollar and Markdown never sees the inside of a formula.
import MarkdownIt from "markdown-it";
import type StateInline from "markdown-it/lib/rules_inline/state_inline.mjs";
import type StateBlock from "markdown-it/lib/rules_block/state_block.mjs";
import { renderMath } from "./math.js";

/** `$…$` on one line (not `$$`, not an escaped or a currency-looking `$5`). */
function inlineMath(state: StateInline, silent: boolean): boolean {
  const { src, pos } = state;
  if (src[pos] !== "$" || src[pos + 1] === "$") return false;
  if (pos > 0 && src[pos - 1] === "\\") return false;
  let end = pos + 1;
  while (end < state.posMax) {
    if (src[end] === "\\") end += 2;
    else if (src[end] === "$") break;
    else end++;
  }
  if (end >= state.posMax || end === pos + 1) return false;
  const tex = src.slice(pos + 1, end);
  if (/^\s|\s$/.test(tex)) return false;
  if (!silent) state.push("math_inline", "math", 0).content = tex;
  state.pos = end + 1;
  return true;
}

/** `$$ … $$`, inline in a paragraph or as a block over several lines. */
function inlineDisplayMath(state: StateInline, silent: boolean): boolean {
  const { src, pos } = state;
  if (!src.startsWith("$$", pos)) return false;
  const end = src.indexOf("$$", pos + 2);
  if (end < 0) return false;
  if (!silent) state.push("math_display", "math", 0).content = src.slice(pos + 2, end);
  state.pos = end + 2;
  return true;
}

function blockMath(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const start = state.bMarks[startLine] + state.tShift[startLine];
  const lineText = state.src.slice(start, state.eMarks[startLine]);
  if (!lineText.startsWith("$$")) return false;
  let body = lineText.slice(2);
  let line = startLine;
  let closed = body.trimEnd().endsWith("$$");
  if (closed) body = body.trimEnd().slice(0, -2);
  while (!closed && ++line < endLine) {
    const text = state.src.slice(state.bMarks[line] + state.tShift[line], state.eMarks[line]);
    if (text.trimEnd().endsWith("$$")) {
      body += `\n${text.trimEnd().slice(0, -2)}`;
      closed = true;
    } else body += `\n${text}`;
  }
  if (!closed) return false;
  if (silent) return true;
  state.line = line + 1;
  const token = state.push("math_display", "math", 0);
  token.block = true;
  token.content = body;
  token.map = [startLine, state.line];
  return true;
}

let markdown: MarkdownIt | undefined;

function markdownIt(): MarkdownIt {
  if (markdown) return markdown;
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
  md.inline.ruler.after("escape", "math_display", inlineDisplayMath);
  md.inline.ruler.after("math_display", "math_inline", inlineMath);
  md.block.ruler.after("blockquote", "math_display", blockMath, {
    alt: ["paragraph", "reference", "blockquote", "list"],
  });
  md.renderer.rules.math_inline = (tokens, i) => renderMath(tokens[i].content, false);
  md.renderer.rules.math_display = (tokens, i) =>
    `<div class="math-display">${renderMath(tokens[i].content, true)}</div>`;
  markdown = md;
  return md;
}

/** A Markdown cell's HTML. Raw HTML in the cell is shown as text, not run. */
export function renderMarkdown(source: string): string {
  return markdownIt().render(source);
}
