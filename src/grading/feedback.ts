// Feedback for a student: their notebook with what their cells printed and, per question, the
// points, ✓/✗, the hint of the branch that fired and, for a wrong answer, where it differs; as a
// notebook (nbformat 4.5, every cell with an id) and as an HTML page (the course pages' writer).
// Hidden tests stay hidden: a grading cell is shown as the students got it from `assign`, its
// statements' own outputs are not shown, and a hidden test appears only as "hidden test k" with
// its points and the hint of the branch that matched: none of the engine's words on the answer, which
// would name the key's values. The instructors' version (`rubric`) shows every cell of the key as it ran.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { ASSETS, pageHtml } from "../render/page/site.js";
import { notebookBody, type PageNotebook } from "../render/page/notebook.js";
import { PAGE_CSS } from "../render/page/style.js";
import { hiddenTests, removeHiddenTests } from "./assign.js";
import type { CellGrade, CellRun, ExpectVerdict, Key, StudentResult } from "./grade-one.js";
import { emptyNotebook, gradeId, sourceOf, toSourceLines, type Cell, type Notebook } from "./notebook.js";

export interface FeedbackOptions {
  /** Instructors: hidden tests, every statement's output, the key's cells as they ran. */
  rubric?: boolean;
}

const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));
const mark = (earned: number, possible: number) => (possible > 0 && earned >= possible ? "✓" : earned > 0 ? "◐" : "✗");

/**
 * Text from a student (or about their answer) inside a Markdown line that starts with our own marker:
 * no links, images, HTML, entities, math or emphasis.
 */
export function markdownText(text: string): string {
  return text.replace(/[\\`*_[\]<>!~$&]/g, (ch) => `\\${ch}`).replace(/\n/g, " ");
}

const squash = (text: string) => text.replace(/\s+/g, " ").trim();

/** A URL that would fetch from another host: http(s) or protocol-relative. */
const REMOTE = /^\s*(?:https?:)?\/\//i;

/** What stands for an image: a link one may follow (remote) or a plain label, never a fetch. */
function imagePlaceholder(alt: string, url: string): string {
  const label = markdownText(`image: ${alt.trim() || "no description"}`);
  return REMOTE.test(url) ? `[${label}](<${url.replace(/[<>\s]/g, encodeURIComponent)}>)` : `\\[${label}\\]`;
}

/**
 * A student's Markdown for the feedback notebook without anything a front end would fetch by itself:
 * Markdown images (inline and by reference) become a placeholder link, and raw HTML tags that carry
 * a URL (img, picture/source, svg image, video poster, styles with url(…)) are shown as text. The
 * feedback pages render Markdown without raw HTML and replace images again (`withoutImages`).
 */
export function withoutRemoteContent(markdown: string): string {
  const references = new Map<string, string>();
  for (const m of markdown.matchAll(/^ {0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s|$)/gm))
    references.set(m[1].trim().toLowerCase(), m[2]);
  return (
    markdown
      // ![alt](url "title") and ![alt](<url>)
      .replace(/!\[((?:[^\]\\]|\\.)*)\]\(\s*(<[^>]*>|[^\s)]*)[^)]*\)/g, (_, alt: string, url: string) =>
        imagePlaceholder(alt, url.replace(/^<|>$/g, "")),
      )
      // ![alt][ref], ![alt][] and ![alt]
      .replace(/!\[((?:[^\]\\]|\\.)*)\](?:\[([^\]]*)\])?/g, (whole, alt: string, ref?: string) => {
        const url = references.get((ref || alt).trim().toLowerCase());
        return url === undefined ? whole.slice(1) : imagePlaceholder(alt, url);
      })
      // raw HTML tags with a URL-bearing attribute or a style, shown as text
      .replace(
        /<(?=\/?[A-Za-z][^>]*?\b(?:src|srcset|href|background|poster|data|style|lowsrc|dynsrc|action)\s*=)/gi,
        "&lt;",
      )
  );
}

/**
 * A rendered Markdown cell's HTML with every image replaced by its placeholder. Markdown is rendered
 * without raw HTML (src/render/page/markdown.ts), so an `<img>` there comes only from image syntax.
 */
function withoutImages(html: string): string {
  return html.replace(/<img\b[^>]*>/gi, (tag) => {
    const attr = (name: string) => new RegExp(`\\s${name}="([^"]*)"`, "i").exec(tag)?.[1] ?? "";
    const src = attr("src");
    const label = `[image: ${attr("alt").trim() || "no description"}]`;
    return REMOTE.test(src.replace(/&amp;/g, "&"))
      ? `<a class="image-placeholder" href="${src}" rel="noopener noreferrer nofollow">${label}</a>`
      : `<span class="image-placeholder">${label}</span>`;
  });
}

/** The key's grading cell: what students were given, and the text of its hidden tests. */
function keyCell(key: Key, id: string | null): { visible: string; hidden: string } | undefined {
  const cell = id ? key.master.cells.find((c) => gradeId(c) === id) : undefined;
  if (!cell) return undefined;
  const text = sourceOf(cell);
  return { visible: removeHiddenTests(text), hidden: hiddenTests(text) };
}

function isHidden(v: ExpectVerdict, cell: { visible: string; hidden: string } | undefined): boolean {
  if (!cell) return false;
  const s = squash(v.source);
  return s !== "" && squash(cell.hidden).includes(s) && !squash(cell.visible).includes(s);
}

/**
 * What a student reads of a hidden test: the words of the branch that matched (the instructor's hint,
 * or "correct"), never the engine's own, which name the key: "the expected value there is 5", "1/5
 * times the expected one", the test's text in an error.
 */
function hiddenFeedback(v: ExpectVerdict): string {
  if (v.branch !== undefined && v.branch >= 0) return v.feedback;
  switch (v.verdict) {
    case "missing":
      return "no answer was given";
    case "error":
      return "the test could not run";
    default:
      return v.verdict === "correct" ? "correct" : "incorrect";
  }
}

function verdictLines(
  grade: CellGrade,
  cell: { visible: string; hidden: string } | undefined,
  options: FeedbackOptions,
): string[] {
  const counts = { test: 0, "hidden test": 0 };
  return grade.verdicts.map((v) => {
    const kind = isHidden(v, cell) ? "hidden test" : "test";
    // The visible tests are in the cell above; hidden ones are only numbered.
    const what = options.rubric
      ? `\`${squash(v.source).replace(/`/g, "'")}\`${kind === "hidden test" ? " (hidden)" : ""}`
      : `${kind} ${++counts[kind]}`;
    const points = v.possible > 0 ? ` — ${fmt(v.earned)} / ${fmt(v.possible)}` : "";
    const said = kind === "hidden test" && !options.rubric ? hiddenFeedback(v) : v.feedback;
    return `- ${v.verdict === "error" ? "✗" : mark(v.earned, v.possible)} ${what}${points}: ${markdownText(said)}`;
  });
}

/** An instructor's override, under the question's verdicts: their points, the automatic grade, their comment. */
function overrideLines(grade: CellGrade): string[] {
  const o = grade.override;
  if (!o) return [];
  const comment = o.comment.trim() ? `: ${markdownText(o.comment)}` : "";
  return [
    "",
    `✎ **Set by your instructor: ${fmt(o.points)} / ${fmt(grade.possible)}** (graded automatically: ${fmt(o.graded)})${comment}`,
  ];
}

function summary(r: StudentResult): string {
  const lines = [
    `# Feedback for ${markdownText(r.student)}`,
    "",
    `**Total: ${fmt(r.total)} / ${fmt(r.possible)} points**`,
    "",
  ];
  for (const g of r.grades)
    lines.push(
      `- ${markdownText(g.gradeId)}: ${fmt(g.earned)} / ${fmt(g.possible)} ${mark(g.earned, g.possible)}${g.override ? " (set by your instructor)" : ""}`,
    );
  if (r.problems.length)
    lines.push("", "Problems with the submission:", "", ...r.problems.map((p) => `- ${markdownText(p)}`));
  return lines.join("\n");
}

function outputsOf(run: CellRun): unknown[] {
  return run.results
    .filter((res) => res.status === "error" || !res.silent)
    .map((res) =>
      res.status === "error"
        ? {
            output_type: "error",
            ename: `${res.error!.kind[0].toUpperCase()}${res.error!.kind.slice(1)}Error`,
            evalue: res.error!.message,
            traceback: [res.error!.excerpt, res.error!.message].filter(Boolean),
          }
        : {
            output_type: "display_data",
            metadata: {},
            data: { "text/plain": res.pretty, ...(res.latex ? { "text/latex": `$$${res.latex}$$` } : {}) },
          },
    );
}

export function feedbackNotebook(r: StudentResult, key: Key, options: FeedbackOptions = {}): Notebook {
  const nb = emptyNotebook();
  const cells: Cell[] = [{ cell_type: "markdown", source: toSourceLines(summary(r)), metadata: {} }];
  let count = 0;
  for (const run of r.runs) {
    if (run.kind === "markdown") {
      cells.push({ cell_type: "markdown", source: toSourceLines(withoutRemoteContent(run.source)), metadata: {} });
      continue;
    }
    const fromKey = run.kind === "grading" || run.kind === "locked" ? keyCell(key, run.gradeId) : undefined;
    // A key cell is shown as released; its outputs only when nothing of it was hidden.
    const source = fromKey && !options.rubric ? fromKey.visible : run.source;
    const showOutputs = options.rubric || !fromKey || (run.kind === "locked" && fromKey.hidden === "");
    // A grading cell made only of hidden tests was empty for the students: it is left out.
    if (source.trim() !== "" || options.rubric)
      cells.push({
        cell_type: "code",
        source: toSourceLines(source),
        metadata: {},
        outputs: showOutputs ? outputsOf(run) : [],
        execution_count: ++count,
      });
    const grade = run.kind === "grading" ? r.grades.find((g) => g.gradeId === run.gradeId) : undefined;
    if (grade) {
      const text = [
        `**${markdownText(grade.gradeId)}: ${fmt(grade.earned)} / ${fmt(grade.possible)} points ${mark(grade.earned, grade.possible)}**`,
        "",
        ...verdictLines(grade, fromKey, options),
        ...overrideLines(grade),
      ].join("\n");
      cells.push({ cell_type: "markdown", source: toSourceLines(text), metadata: { nabla: { grade: true } } });
    }
  }
  // nbformat 4.5: every cell has an id (1–64 of letters, digits, - and _), unique in the notebook.
  nb.cells = cells.map((c, i) => ({ id: `cell-${i + 1}`, ...c }));
  return nb;
}

let styles: string | undefined;

/** KaTeX's stylesheet and the course pages' one, inlined: a feedback page is one file, sent alone. */
function inlineStyles(): string {
  if (styles === undefined) {
    // KaTeX's fonts are read from the assets folder beside the pages (grade.ts writes it there).
    const katexCss = readFileSync(createRequire(import.meta.url).resolve("katex/dist/katex.min.css"), "utf8").replace(
      /url\(fonts\//g,
      `url(${ASSETS}/katex/fonts/`,
    );
    styles = `${katexCss}\n${PAGE_CSS}\n.cell.markdown.grade { border-left: 4px solid var(--accent); padding: .1rem .9rem; background: #fafafd; }`;
  }
  return styles;
}

/**
 * Cells recur across a class (the questions, the common answers): each is typeset once. The cache is
 * bounded by its characters, not only its entries: a class of unique, long cells must not grow the
 * coordinator (its memory has a cap).
 */
const cellHtmlCache = new Map<string, string>();
const CELL_CACHE_ENTRIES = 5_000;
const CELL_CACHE_CHARS = 10_000_000;
let cellCacheChars = 0;

function cellHtml(cell: Cell, metadata: Notebook["metadata"]): string {
  const text = JSON.stringify(cell.id === undefined ? cell : { ...cell, id: undefined });
  const hit = cellHtmlCache.get(text);
  if (hit !== undefined) return hit;
  const body = notebookBody({ metadata, cells: [cell] } as PageNotebook, { trustedOutputs: false });
  const html = cell.cell_type === "markdown" ? withoutImages(body) : body;
  if (text.length <= 100_000) {
    if (cellHtmlCache.size >= CELL_CACHE_ENTRIES || cellCacheChars > CELL_CACHE_CHARS) {
      cellHtmlCache.clear();
      cellCacheChars = 0;
    }
    cellHtmlCache.set(text, html);
    cellCacheChars += text.length + html.length;
  }
  return html;
}

export function feedbackHtml(
  r: StudentResult,
  key: Key,
  options: FeedbackOptions = {},
  nb: Notebook = feedbackNotebook(r, key, options),
): string {
  const page = pageHtml(`Feedback: ${r.student}`, nb.cells.map((c) => cellHtml(c, nb.metadata)).join("\n"));
  return page
    .replace(/<link rel="stylesheet" href="[^"]*">\n?/g, "")
    .replace("</head>", `<style>${inlineStyles()}</style>\n</head>`);
}
