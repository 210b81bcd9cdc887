// Pages and a course site: every page links KaTeX's CSS and fonts and Nabla's stylesheet from an
// assets folder written beside it (nothing is fetched), and a course's pages link to an index and
// to each other (previous / next).
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { escapeHtml } from "./html.js";
import { renderMarkdown } from "./markdown.js";
import { notebookBody, notebookSummary, type PageNotebook } from "./notebook.js";
import { PAGE_CSS } from "./style.js";

export const ASSETS = "assets";

export interface PageLink {
  href: string;
  title: string;
}

export interface PageNav {
  index: PageLink;
  previous?: PageLink;
  next?: PageLink;
  /** The notebook in the JupyterLite site, to open and run in the browser. */
  run?: string;
}

function navHtml(nav: PageNav | undefined): string {
  if (!nav) return "";
  const previous = nav.previous
    ? `<a rel="prev" href="${escapeHtml(nav.previous.href)}">← ${escapeHtml(nav.previous.title)}</a>`
    : "";
  const next = nav.next ? `<a rel="next" href="${escapeHtml(nav.next.href)}">${escapeHtml(nav.next.title)} →</a>` : "";
  const run = nav.run ? `<a class="run" href="${escapeHtml(nav.run)}">open and run it</a>` : "";
  return `<nav class="pager"><a class="home" href="${escapeHtml(nav.index.href)}">${escapeHtml(nav.index.title)}</a>${previous}${next}${run}</nav>`;
}

/** A whole HTML page around a body; `assets` is the relative path of the assets folder. */
export function pageHtml(title: string, body: string, options: { nav?: PageNav; assets?: string } = {}): string {
  const assets = options.assets ?? ASSETS;
  const nav = navHtml(options.nav);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Nabla">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${assets}/katex/katex.min.css">
<link rel="stylesheet" href="${assets}/nabla.css">
</head>
<body>
${nav ? `<header class="site">${nav}</header>` : ""}
<main>
${body}
</main>
${nav ? `<footer class="site">${nav}</footer>` : ""}
</body>
</html>
`;
}

/** KaTeX's stylesheet and its fonts into `katexDir` (katex.min.css and fonts/), as the stylesheet finds them. */
export function copyKatexAssets(katexDir: string): void {
  const katexDist = dirname(createRequire(import.meta.url).resolve("katex/dist/katex.min.css"));
  mkdirSync(join(katexDir, "fonts"), { recursive: true });
  copyFileSync(join(katexDist, "katex.min.css"), join(katexDir, "katex.min.css"));
  // The stylesheet lists woff2 first, which every current browser reads.
  for (const font of readdirSync(join(katexDist, "fonts"))) {
    if (font.endsWith(".woff2")) copyFileSync(join(katexDist, "fonts", font), join(katexDir, "fonts", font));
  }
}

/** KaTeX's stylesheet and fonts, and Nabla's stylesheet, into DIR/assets. */
export function writeAssets(dir: string): void {
  copyKatexAssets(join(dir, ASSETS, "katex"));
  writeFileSync(join(dir, ASSETS, "nabla.css"), PAGE_CSS);
}

export interface CoursePage {
  /** The page's file name in the site folder, e.g. `01-linear-algebra.html`. */
  file: string;
  notebook: PageNotebook;
  /** Link text when the notebook has no heading. */
  fallbackTitle: string;
  /** The notebook in the JupyterLite site (`npm run site`), when there is one: "open and run it". */
  run?: string;
}

export interface SiteOptions {
  title: string;
  /** Markdown shown on the index above the list of pages. */
  introduction?: string;
}

/** The course site: one page per notebook, an index linking every page, previous/next on each. */
export function writeSite(dir: string, pages: CoursePage[], options: SiteOptions): string[] {
  mkdirSync(dir, { recursive: true });
  writeAssets(dir);
  const index: PageLink = { href: "index.html", title: options.title };
  const summaries = pages.map((p) => ({ ...notebookSummary(p.notebook), file: p.file, fallback: p.fallbackTitle }));
  const titleOf = (i: number) => summaries[i].title ?? summaries[i].fallback;
  const written: string[] = [];
  pages.forEach((p, i) => {
    const nav: PageNav = {
      index,
      previous: i > 0 ? { href: pages[i - 1].file, title: titleOf(i - 1) } : undefined,
      next: i + 1 < pages.length ? { href: pages[i + 1].file, title: titleOf(i + 1) } : undefined,
      run: p.run,
    };
    const file = join(dir, p.file);
    writeFileSync(
      file,
      pageHtml(`${titleOf(i)} · ${options.title}`, notebookBody(p.notebook, { trustedOutputs: true }), { nav }),
    );
    written.push(file);
  });
  const items = summaries
    .map(
      (s, i) =>
        `<li><a class="title" href="${escapeHtml(s.file)}">${escapeHtml(titleOf(i))}</a>${pages[i].run ? ` <a class="run" href="${escapeHtml(pages[i].run!)}">open and run it</a>` : ""}${s.summary ? `<div class="covers">${renderMarkdown(s.summary)}</div>` : ""}</li>`,
    )
    .join("\n");
  const body = `<h1>${escapeHtml(options.title)}</h1>\n${options.introduction ? renderMarkdown(options.introduction) : ""}\n<ul class="course">\n${items}\n</ul>`;
  const indexFile = join(dir, "index.html");
  writeFileSync(indexFile, pageHtml(options.title, body, { nav: { index } }));
  written.push(indexFile);
  return written;
}
