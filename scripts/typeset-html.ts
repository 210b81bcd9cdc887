// Typesets the math of an nbconvert HTML page with KaTeX (MathML) so that it reads offline: the
// Markdown cells' $…$ and $$…$$ become <math>, and the MathJax loader (which needs the internet)
// goes. Code, scripts and styles are left as they are.
import { readFileSync, writeFileSync } from "node:fs";
import katex from "katex";

const SKIP = ["script", "style", "pre", "code", "math", "textarea"];

function typesetText(text: string): string {
  const render = (tex: string, display: boolean) => {
    const source = tex.replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"');
    try {
      return katex.renderToString(source, { displayMode: display, output: "mathml", throwOnError: true, strict: "ignore" });
    } catch {
      return `<code>${tex}</code>`;
    }
  };
  return text
    .replace(/\$\$([\s\S]+?)\$\$/g, (_, tex: string) => render(tex, true))
    .replace(/\\\[([\s\S]+?)\\\]/g, (_, tex: string) => render(tex, true))
    .replace(/(^|[^\\$])\$([^$\n]+?)\$/g, (_, before: string, tex: string) => before + render(tex, false));
}

/** Walks the HTML's tags, typesetting text outside the skipped elements. */
export function typesetHtml(page: string): string {
  // MathJax would typeset the same math again (and its loader wants files or the internet).
  const html = page.replace(/<script[^>]*mathjax[^>]*>[\s\S]*?<\/script>/gi, "");
  const out: string[] = [];
  const stack: string[] = [];
  let i = 0;
  let text = "";
  const flushText = () => {
    if (text) out.push(stack.some((t) => SKIP.includes(t)) ? text : typesetText(text));
    text = "";
  };
  while (i < html.length) {
    if (html[i] === "<") {
      const end = html.indexOf(">", i);
      if (end < 0) break;
      flushText();
      const tag = html.slice(i, end + 1);
      const m = /^<\/?([a-zA-Z0-9-]+)/.exec(tag);
      if (m) {
        const name = m[1].toLowerCase();
        if (tag.startsWith("</")) {
          const at = stack.lastIndexOf(name);
          if (at >= 0) stack.length = at;
        } else if (!tag.endsWith("/>") && !["br", "img", "meta", "link", "hr", "input"].includes(name)) {
          stack.push(name);
          if (name === "script" || name === "style") {
            const close = html.toLowerCase().indexOf(`</${name}`, end);
            const body = html.slice(end + 1, close < 0 ? html.length : close);
            out.push(tag, body);
            i = close < 0 ? html.length : close;
            continue;
          }
        }
      }
      out.push(tag);
      i = end + 1;
    } else {
      text += html[i++];
    }
  }
  flushText();
  return out.join("");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const file of process.argv.slice(2)) writeFileSync(file, typesetHtml(readFileSync(file, "utf8")));
}
