// Feedback for a student: their notebook with every result, each graded cell's points and ✓/✗,
// and, for a wrong answer, where it differs; as a notebook and as an HTML page.
import { renderLatex } from "../render/katex.js";
import type { StudentResult } from "./grade-one.js";
import { emptyNotebook, toSourceLines, type Cell, type Notebook } from "./notebook.js";

const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[ch]!);
}

function summary(r: StudentResult): string {
  const lines = [`# Feedback for ${r.student}`, "", `**Total: ${fmt(r.total)} / ${fmt(r.possible)} points**`, ""];
  for (const g of r.grades) lines.push(`- ${g.gradeId}: ${fmt(g.earned)} / ${fmt(g.possible)} ${g.earned >= g.possible && g.possible > 0 ? "✓" : "✗"}`);
  if (r.problems.length) lines.push("", "Problems with the submission:", ...r.problems.map((p) => `- ${p}`));
  return lines.join("\n");
}

export function feedbackNotebook(r: StudentResult): Notebook {
  const nb = emptyNotebook();
  nb.cells.push({ cell_type: "markdown", source: toSourceLines(summary(r)), metadata: {} });
  let count = 0;
  for (const run of r.runs) {
    if (run.kind === "markdown") {
      nb.cells.push({ cell_type: "markdown", source: toSourceLines(run.source), metadata: {} });
      continue;
    }
    const outputs = run.results
      .filter((res) => res.status === "error" || !res.silent)
      .map((res) =>
        res.status === "error"
          ? { output_type: "error", ename: `${res.error!.kind[0].toUpperCase()}${res.error!.kind.slice(1)}Error`, evalue: res.error!.message, traceback: [res.error!.excerpt, res.error!.message] }
          : { output_type: "display_data", metadata: {}, data: { "text/plain": res.pretty, "text/latex": `$$${res.latex}$$` } },
      );
    const cell: Cell = { cell_type: "code", source: toSourceLines(run.source), metadata: {}, outputs, execution_count: ++count };
    nb.cells.push(cell);
    const grade = run.kind === "grading" ? r.grades.find((g) => g.gradeId === run.gradeId) : undefined;
    if (grade) {
      const text = [`**${grade.gradeId}: ${fmt(grade.earned)} / ${fmt(grade.possible)} points**`, ...grade.verdicts.map((v) => `- ${v.verdict === "correct" ? "✓" : v.verdict === "partial" ? "◐" : "✗"} ${v.feedback}`)].join("\n");
      nb.cells.push({ cell_type: "markdown", source: toSourceLines(text), metadata: {} });
    }
  }
  return nb;
}

export function feedbackHtml(r: StudentResult, css: string): string {
  const parts: string[] = [`<h1>Feedback for ${escapeHtml(r.student)}</h1>`, `<p class="total">Total: ${fmt(r.total)} / ${fmt(r.possible)} points</p>`];
  if (r.problems.length) parts.push(`<ul class="problems">${r.problems.map((p) => `<li>${escapeHtml(p)}</li>`).join("")}</ul>`);
  for (const run of r.runs) {
    if (run.kind === "markdown") {
      parts.push(`<div class="md"><pre>${escapeHtml(run.source)}</pre></div>`);
      continue;
    }
    parts.push(`<pre class="in">${escapeHtml(run.source)}</pre>`);
    for (const res of run.results) {
      if (res.status === "error") parts.push(`<pre class="error">${escapeHtml(`${res.error!.message}\n${res.error!.excerpt}`)}</pre>`);
      else if (!res.silent) {
        let html: string;
        try {
          html = renderLatex(res.latex);
        } catch {
          html = `<pre>${escapeHtml(res.pretty)}</pre>`;
        }
        parts.push(`<div class="out">${html}</div>`);
      }
    }
    const grade = run.kind === "grading" ? r.grades.find((g) => g.gradeId === run.gradeId) : undefined;
    if (grade) {
      const ok = grade.earned >= grade.possible && grade.possible > 0;
      parts.push(`<div class="grade ${ok ? "ok" : "bad"}"><b>${escapeHtml(grade.gradeId)}: ${fmt(grade.earned)} / ${fmt(grade.possible)}</b><ul>${grade.verdicts.map((v) => `<li>${escapeHtml(v.feedback)}</li>`).join("")}</ul></div>`);
    }
  }
  return `<!doctype html><html><head><meta charset="utf-8"><title>Feedback: ${escapeHtml(r.student)}</title><style>${css}
body{font-family:sans-serif;max-width:60em;margin:2em auto}pre.in{background:#f4f4f8;padding:.4em}.error{color:#b00}.grade.ok{border-left:4px solid #2a2}.grade.bad{border-left:4px solid #c22}.grade{padding:.2em .8em;margin:.5em 0}</style></head><body>${parts.join("\n")}</body></html>`;
}
