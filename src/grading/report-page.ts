// OUT/report.html: the item analysis as a page for instructors, one self-contained file. Charts are
// Vega-Lite specifications rendered to SVG offline by vega itself (render/plot/vega.ts), as the
// notebooks' plots are; where vega is unavailable the tables say the same.
import { join } from "node:path";
import { vegaSvg } from "../render/plot/vega.js";
import { escapeHtml } from "../render/page/html.js";
import { pageHtml } from "../render/page/site.js";
import { PAGE_CSS } from "../render/page/style.js";
import { writeAtomic } from "./files.js";
import type { ClassReport, ItemAnalysis, ItemReport } from "./report.js";

function barChart(title: string, rows: { x: string | number; y: number }[], xTitle: string, yTitle: string): string {
  const svg = vegaSvg({
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title,
    width: 260,
    height: 140,
    data: { values: rows },
    mark: { type: "bar", color: "#4c6ef5" },
    encoding: {
      x: { field: "x", type: "ordinal", title: xTitle, sort: null },
      y: { field: "y", type: "quantitative", title: yTitle },
    },
  });
  return svg ? `<figure class="chart">${svg}</figure>` : "";
}

const pct = (x: number) => `${Math.round(x * 100)} %`;
const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));

function table(head: string[], rows: (string | number)[][]): string {
  const th = head.map((h) => `<th>${escapeHtml(h)}</th>`).join("");
  const body = rows
    .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(typeof c === "number" ? num(c) : c)}</td>`).join("")}</tr>`)
    .join("\n");
  return `<table><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

function itemHtml(item: ItemReport, students: number): string {
  const d = item.discrimination === null ? "—" : item.discrimination.toFixed(2);
  const parts = [
    `<h2>${escapeHtml(item.gradeId)}</h2>`,
    `<p>Mean ${num(item.mean)} of ${num(item.possible)} (${item.possible ? pct(item.mean / item.possible) : "—"}); discrimination ${d}${item.notGraded ? `; ${item.notGraded} without a verdict` : ""}.</p>`,
    barChart(
      `${item.gradeId}: points`,
      item.distribution.map((b) => ({ x: num(b.points), y: b.students })),
      "points",
      "students",
    ),
    table(
      ["points", "students"],
      item.distribution.map((b) => [b.points, b.students]),
    ),
  ];
  for (const e of item.expects) {
    parts.push(`<h3><code>${escapeHtml(e.source)}</code></h3>`);
    parts.push(
      table(
        ["branch", "feedback", "students", "share"],
        e.branches.map((b) => [
          b.branch === 0 ? "right answer" : b.branch > 0 ? `else if #${b.branch}` : "no branch",
          b.feedback ?? "",
          b.students,
          students ? pct(b.students / students) : "",
        ]),
      ),
    );
    if (e.errors.length)
      parts.push(
        table(
          ["kind of error", "students"],
          e.errors.map((x) => [x.value, x.students]),
        ),
      );
    if (e.wrongAnswers.length)
      parts.push(
        table(
          ["wrong answer", "students", "equivalent forms"],
          e.wrongAnswers.map((w) => [w.answer, w.students, w.forms.slice(1).join("   ·   ")]),
        ),
      );
  }
  return `<section class="item">${parts.join("\n")}</section>`;
}

export function reportHtml(report: ClassReport): string {
  const summary = `<p>${report.students} students; mean ${num(report.mean)} of ${num(report.possible)}. Discrimination: the mean points of the top ${pct(report.groupShare)} by total minus those of the bottom ${pct(report.groupShare)}, over the cell's points.</p>`;
  const overview = barChart(
    "mean share of points and discrimination per cell",
    report.items.flatMap((i) => [
      { x: `${i.gradeId} mean`, y: i.possible ? i.mean / i.possible : 0 },
      { x: `${i.gradeId} discrimination`, y: i.discrimination ?? 0 },
    ]),
    "",
    "",
  );
  const totals = barChart(
    "totals",
    report.distribution.map((b) => ({ x: num(b.points), y: b.students })),
    "total",
    "students",
  );
  const body = [
    "<h1>Item analysis</h1>",
    summary,
    report.grouping ? `<p><em>${escapeHtml(report.grouping)}</em></p>` : "",
    totals,
    overview,
    ...report.items.map((i) => itemHtml(i, report.students)),
  ].join("\n");
  const css = `${PAGE_CSS}\ntable { border-collapse: collapse; margin: .5rem 0 1rem; } td, th { border: 1px solid #ddd; padding: .2rem .5rem; text-align: left; } figure.chart { margin: .5rem 0; }`;
  return pageHtml("Item analysis", body)
    .replace(/<link rel="stylesheet" href="[^"]*">\n?/g, "")
    .replace("</head>", `<style>${css}</style>\n</head>`);
}

/** OUT/report.json and OUT/report.html. */
export function writeReport(out: string, analysis: ItemAnalysis): ClassReport {
  const report = analysis.build();
  writeAtomic(join(out, "report.json"), JSON.stringify(report, null, 1) + "\n");
  writeAtomic(join(out, "report.html"), reportHtml(report));
  return report;
}
