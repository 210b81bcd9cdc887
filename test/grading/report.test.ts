// Item analysis: report.json for a small class computed by hand (means, distributions, the
// discrimination index over the top and bottom 27 %, branch and error counts, wrong answers grouped
// by equivalence), and the same quantities from a class really graded.
import { describe, expect, it } from "vitest";
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildReport, extremeGroups, type ClassReport, type ReportStudent } from "../../src/grading/report.js";
import { reportHtml } from "../../src/grading/report-page.js";
import { gradeClass } from "../../src/grading/grade.js";
import { parseNotebook } from "../../src/grading/notebook.js";
import { withAnswers } from "./class.js";

const Q1 = 'expect q1 ≡ d/dx sin(x^2) points 2 else if q1 ≡ cos(x^2) points 1 "missing the chain-rule factor 2x"';
const Q2 = "expect q2 ≡ ∂f/∂y points 3";

type V = { earned: number; verdict: string; branch?: number; kind?: string; answer?: string; feedback?: string };
const right = (earned: number): V => ({ earned, verdict: "correct", branch: 0 });
const known = (answer: string): V => ({
  earned: 1,
  verdict: "partial",
  branch: 1,
  answer,
  feedback: "missing the chain-rule factor 2x",
});
const wrong = (kind: string, answer?: string): V => ({ earned: 0, verdict: "incorrect", branch: -1, kind, answer });
const missing: V = { earned: 0, verdict: "missing", branch: -1, kind: "missing" };

function student(id: string, q1: V | null, q2: V | null): ReportStudent {
  const cell = (gradeId: string, source: string, possible: number, v: V | null) => ({
    gradeId,
    earned: v?.earned ?? 0,
    possible,
    verdicts: v ? [{ source, possible, feedback: "", ...v } as never] : [],
  });
  const grades = [cell("q1_test", Q1, 2, q1), cell("q2_test", Q2, 3, q2)];
  return { student: id, total: grades.reduce((s, g) => s + g.earned, 0), grades };
}

// q1: 3 right, 2 the anticipated mistake, 4 other wrong or missing, one not graded; q2: 4 right.
const CLASS = [
  student("s01", right(2), right(3)),
  student("s02", right(2), right(3)),
  student("s03", right(2), wrong("different", "x²")),
  student("s04", known("cos(x²)"), right(3)),
  student("s05", known("cos(x^2)"), wrong("different", "x²")),
  student("s06", wrong("negated", "−2x cos(x²)"), right(3)),
  student("s07", wrong("different", "2x sin(x²)"), wrong("different", "x²")),
  student("s08", wrong("different", "sin(x²) 2x"), missing),
  student("s09", missing, missing),
  student("s10", null, null),
];
const CELLS = [
  { id: "q1_test", points: 2 },
  { id: "q2_test", points: 3 },
];

describe("item analysis", () => {
  const report = buildReport(CLASS, CELLS);

  it("ranks by total with ties by id, and takes round(27 %) from each end", () => {
    // totals: s01 5, s02 5, s03 2, s04 4, s05 1, s06 3, the rest 0
    const { upper, lower } = extremeGroups(CLASS);
    expect(upper.map((s) => s.student)).toEqual(["s01", "s02", "s04"]);
    expect(lower.map((s) => s.student)).toEqual(["s08", "s09", "s10"]);
  });

  it("matches the hand computation", () => {
    expect(report.students).toBe(10);
    expect(report.possible).toBe(5);
    expect(report.mean).toBe(2); // (5 + 5 + 2 + 4 + 1 + 3) / 10
    expect(report.distribution).toEqual([
      { points: 0, students: 4 },
      { points: 1, students: 1 },
      { points: 2, students: 1 },
      { points: 3, students: 1 },
      { points: 4, students: 1 },
      { points: 5, students: 2 },
    ]);
    const [q1, q2] = report.items;
    expect(q1.mean).toBe(0.8); // (3·2 + 2·1) / 10
    expect(q1.distribution).toEqual([
      { points: 0, students: 5 },
      { points: 1, students: 2 },
      { points: 2, students: 3 },
    ]);
    // upper (2, 2, 1) − lower (0, 0, 0), over 2 points: (5/3) / 2
    expect(q1.discrimination).toBeCloseTo(5 / 6, 6);
    expect(q1.notGraded).toBe(1);
    expect(q2.mean).toBe(1.2);
    expect(q2.discrimination).toBe(1); // upper 3, 3, 3; lower 0, 0, 0
    const [e1] = q1.expects;
    expect(e1.source).toBe(Q1);
    expect(e1.branches).toEqual([
      { branch: 0, students: 3 },
      { branch: 1, feedback: "missing the chain-rule factor 2x", students: 2 },
      { branch: -1, students: 4 },
    ]);
    expect(e1.errors).toEqual([
      { value: "anticipated mistake", students: 2 },
      { value: "different", students: 2 },
      { value: "missing", students: 1 },
      { value: "negated", students: 1 },
    ]);
  });

  it("groups wrong answers by the engine's equivalence, most frequent first", () => {
    expect(report.items[0].expects[0].wrongAnswers).toEqual([
      { answer: "2x sin(x²)", students: 2, forms: ["2x sin(x²)", "sin(x²) 2x"] },
      { answer: "cos(x^2)", students: 2, forms: ["cos(x^2)", "cos(x²)"] },
      { answer: "−2x cos(x²)", students: 1, forms: ["−2x cos(x²)"] },
    ]);
    expect(report.items[1].expects[0].wrongAnswers).toEqual([{ answer: "x²", students: 3, forms: ["x²"] }]);
  });

  it("keeps answers that only look alike apart, and an answer that injects statements in a group of its own", () => {
    const texts = ["x + 1", "1 + x", "x + 1.0000001", "x); y = (2", "(x + 1)"];
    const r = buildReport(
      texts.map((t, i) => student(`t${i}`, wrong("different", t), null)),
      CELLS,
    );
    const groups = r.items[0].expects[0].wrongAnswers.map((w) => w.forms);
    expect(groups).toContainEqual(["(x + 1)", "1 + x", "x + 1"]);
    expect(groups).toContainEqual(["x + 1.0000001"]);
    expect(groups).toContainEqual(["x); y = (2"]);
  });

  it("writes a page with the charts as SVG", () => {
    const html = reportHtml(report);
    expect(html).toMatch(/<svg[\s\S]*<\/svg>/);
    expect(html).toContain("else if #1");
    expect(html).toContain("2x sin(x²)");
    expect(html).not.toMatch(/<script/);
  });
});

describe("item analysis of a class graded for real", () => {
  const ROOT = join(import.meta.dirname, "..", "..");
  const MASTER = join(ROOT, "notebooks", "homework", "master.ipynb");
  const student = parseNotebook(readFileSync(join(ROOT, "notebooks", "homework", "student.ipynb"), "utf8"));
  const dir = mkdtempSync(join(tmpdir(), "nabla-report-"));
  const submitted = join(dir, "submitted");
  mkdirSync(submitted);
  const perfect = { q1: "q1 = 2x cos(x^2)", q2: "q2 = x^2 + 6y", q3: "H = [6x, 0; 0, 6y]", q4: "x1 = 3.2" };
  const answers: Record<string, Record<string, string>> = {
    a: { ...perfect, q5: "fmax = 25\nlam = 5" },
    b: { ...perfect, q1: "q1 = cos(x^2)", q5: "fmax = 25\nlam = -5" },
    c: { ...perfect, q1: "q1 = 2x sin(x^2)", q2: "q2 = x^2", q5: "fmax = 5\nlam = 5" },
    d: { ...perfect, q1: "q1 = sin(x^2) (x + x)", q2: "q2 = x*x", q3: "H = [6, 0; 0, 6]" },
  };
  for (const [name, a] of Object.entries(answers))
    writeFileSync(join(submitted, `${name}.ipynb`), JSON.stringify(withAnswers(student, a)));

  it("counts branches, kinds and wrong answers from the grader's verdicts", async () => {
    const out = join(dir, "graded");
    await gradeClass({ key: MASTER, submissions: [submitted], out, jobs: 2, quiet: true });
    const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8")) as ClassReport;
    const q1 = report.items.find((i) => i.gradeId === "q1_test")!;
    expect(q1.mean).toBe(0.75); // 2 + 1 + 0 + 0 over 4
    expect(q1.expects[0].branches.map((b) => [b.branch, b.students])).toEqual([
      [0, 1],
      [1, 1],
      [-1, 2],
    ]);
    // 2x sin(x²) twice, in whatever printed forms: one group
    expect(q1.expects[0].wrongAnswers[0].students).toBe(2);
    expect(q1.expects[0].wrongAnswers[0].forms).toContain("2x sin(x²)");
    const q2 = report.items.find((i) => i.gradeId === "q2_test")!;
    expect(q2.expects[0].wrongAnswers).toEqual([{ answer: "x²", students: 2, forms: ["x²"] }]);
    const q5 = report.items.find((i) => i.gradeId === "q5_test")!;
    expect(q5.expects).toHaveLength(2); // fmax and lam, each its own statement
    expect(q5.expects[1].branches.find((b) => b.branch === 1)?.students).toBe(1); // lam = −5
    expect(readFileSync(join(out, "report.html"), "utf8")).toContain("<svg");
  }, 120_000);
});
