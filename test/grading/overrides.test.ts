// Instructors' overrides and `--only`, from the side of an instructor who types overrides.csv by
// hand (typos, odd numbers, commas, formulas) and re-grades after fixing the key: every good row
// applies on every run and shows in feedback and gradebook.json; every bad row is reported with its
// line, and nothing stops the run; `--only` re-grades one question and keeps the others' points.
import { describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gradeClass } from "../../src/grading/grade.js";
import { gradeId, toSourceLines, type Notebook } from "../../src/grading/notebook.js";
import { assign } from "../../src/grading/assign.js";
import { masterOf } from "./key-submission.js";

const CELLS = [
  { setup: "f(x) = x^3", id: "setup" },
  { answer: "q1 = 3x^2", id: "q1" },
  { test: "expect q1 ≡ d/dx f(x) points 2", id: "q1_test", points: 2 },
  { answer: "v = 6", id: "q2" },
  { test: "expect v ≡ 6 points 2", id: "q2_test", points: 2 },
];
const ANSWERS: Record<string, Record<string, string>> = {
  ann: { q1: "q1 = 3x^2", q2: "v = 6" },
  ben: { q1: "q1 = x^2", q2: "v = 6" },
  cat: { q1: "q1 = 3x^2", q2: "v = 5" },
  dan: { q1: "q1 = 0", q2: "v = 0" },
};

type Book = {
  overrides?: { applied: number; problems: string[] };
  only?: string;
  students: {
    student: string;
    total: number;
    grades: { gradeId: string; earned: number; override?: { points: number; comment: string; graded: number } }[];
  }[];
};

describe("overrides.csv and --only", () => {
  const dir = mkdtempSync(join(tmpdir(), "nabla-overrides-"));
  const key = join(dir, "master.ipynb");
  const master = masterOf(CELLS);
  writeFileSync(key, JSON.stringify(master));
  const submitted = join(dir, "submitted");
  mkdirSync(submitted);
  const released = assign(master);
  for (const [student, answers] of Object.entries(ANSWERS)) {
    const nb: Notebook = structuredClone(released);
    for (const c of nb.cells) if (gradeId(c) && gradeId(c)! in answers) c.source = toSourceLines(answers[gradeId(c)!]);
    writeFileSync(join(submitted, `${student}.ipynb`), JSON.stringify(nb));
  }
  const out = join(dir, "graded");
  const run = (extra: { only?: string } = {}) =>
    gradeClass({ key, submissions: [submitted], out, jobs: 1, quiet: true, ...extra });
  const book = () => JSON.parse(readFileSync(join(out, "gradebook.json"), "utf8")) as Book;
  const points = (b: Book) =>
    Object.fromEntries(b.students.map((s) => [s.student, [...s.grades.map((g) => g.earned), s.total]]));
  const editKey = (id: string, source: string) => {
    const changed = structuredClone(master);
    for (const c of changed.cells) if (gradeId(c) === id) c.source = toSourceLines(source);
    writeFileSync(key, JSON.stringify(changed));
  };

  it("applies good rows on every (re-)grade, reports every bad one by line, and never stops", async () => {
    await run();
    expect(points(book())).toEqual({ ann: [2, 2, 4], ben: [0, 2, 2], cat: [2, 0, 2], dan: [0, 0, 0] });
    writeFileSync(
      join(out, "overrides.csv"),
      [
        "student,grade_id,points,comment",
        'ben,q1_test,1.5,"partial credit: the power rule, missing the 3"',
        'cat,q2_test,2,=HYPERLINK("http://evil.example")',
        "zed,q1_test,2,no such student",
        "dan,q9_test,2,no such question",
        "dan,q1_test,abc,not a number",
        "dan,q1_test,-1,negative",
        "dan,q1_test,3,more than the question's points",
        "dan,q1_test,1e3,",
        "dan,q1_test,2,a comment, with a comma",
        "dan,q2_test,1,first",
        "dan,q2_test,0.5,second",
        "",
      ].join("\n"),
    );
    const summary = await run();
    expect(summary.resumed).toBe(4);
    const b = book();
    expect(points(b)).toEqual({ ann: [2, 2, 4], ben: [1.5, 2, 3.5], cat: [2, 2, 4], dan: [0, 0.5, 0.5] });
    expect(b.students.find((s) => s.student === "ben")!.grades[0].override).toEqual({
      points: 1.5,
      comment: "partial credit: the power rule, missing the 3",
      graded: 0,
    });
    expect(b.overrides!.applied).toBe(3);
    const problems = b.overrides!.problems.join("\n");
    for (const expected of [
      /line 4: no submission has the id "zed"/,
      /line 5: the key has no grading cell "q9_test"/,
      /line 6: points must be a number from 0 to 2, not "abc"/,
      /line 7: points must be a number from 0 to 2, not "-1"/,
      /line 8: points must be a number from 0 to 2, not "3"/,
      /line 9: points must be a number from 0 to 2, not "1e3"/,
      /line 10: 5 cells for 4 columns/,
      /line 12: a second override of q2_test for dan; it replaces line 11/,
    ])
      expect(problems).toMatch(expected);
    expect(summary.overrides.problems).toEqual(b.overrides!.problems);
    // The CSV has the points set; the feedback says who set them and why, as text.
    expect(readFileSync(join(out, "gradebook.csv"), "utf8")).toContain("ben,ben,1.50,2,3.50,4,");
    const feedback = readFileSync(join(out, "feedback", "ben.ipynb"), "utf8");
    expect(feedback).toContain("Set by your instructor: 1.50 / 2");
    expect(feedback).toContain("graded automatically: 0");
    expect(feedback).toContain("partial credit: the power rule, missing the 3");
    const cat = readFileSync(join(out, "feedback", "cat.html"), "utf8");
    expect(cat).not.toMatch(/<a [^>]*evil\.example/);
  }, 120_000);

  it("survives a re-grade after the key changed, and goes when its row goes", async () => {
    // The instructor fixes q2's test: every submission is graded again.
    editKey("q2_test", "expect v ≡ 6 tol 0.5 points 2");
    const summary = await run();
    expect(summary.graded).toBe(4);
    expect(points(book())).toEqual({ ann: [2, 2, 4], ben: [1.5, 2, 3.5], cat: [2, 2, 4], dan: [0, 0.5, 0.5] });
    writeFileSync(join(out, "overrides.csv"), "student,grade_id,points,comment\nben,q1_test,1.5,kept\n");
    await run();
    expect(points(book())).toEqual({ ann: [2, 2, 4], ben: [1.5, 2, 3.5], cat: [2, 0, 2], dan: [0, 0, 0] });
  }, 120_000);

  it("--only re-grades one question: the others keep their points, overrides apply again", async () => {
    // The key changes for both questions, but only q2 is graded again.
    const changed = structuredClone(master);
    for (const c of changed.cells) {
      if (gradeId(c) === "q1_test") c.source = toSourceLines("expect q1 ≡ 0 points 2");
      if (gradeId(c) === "q2_test") c.source = toSourceLines("expect v ≡ 5 points 2");
    }
    writeFileSync(key, JSON.stringify(changed));
    const summary = await run({ only: "q2_test" });
    expect(summary.graded).toBe(4);
    const b = book();
    // q1 as before (ben's override included), q2 by the new test.
    expect(points(b)).toEqual({ ann: [2, 0, 2], ben: [1.5, 0, 1.5], cat: [2, 2, 4], dan: [0, 0, 0] });
    expect(b.only).toMatch(/only q2_test was graded again/);
    // A second --only merges with this gradebook.
    await run({ only: "q1_test" });
    expect(points(book())).toEqual({ ann: [0, 0, 0], ben: [1.5, 0, 1.5], cat: [0, 2, 2], dan: [2, 0, 2] });
  }, 120_000);

  it("refuses --only for a question the key does not have, or without an earlier gradebook", async () => {
    await expect(run({ only: "q7" })).rejects.toThrow(/--only q7: the key has no grading cell with that grade_id/);
    await expect(
      gradeClass({ key, submissions: [submitted], out: join(dir, "fresh"), quiet: true, only: "q1_test" }),
    ).rejects.toThrow(/--only re-grades one question of an earlier run, but .*gradebook.json cannot be read/);
  });

  it("a file that is not CSV is reported, and the run ends with a gradebook", async () => {
    writeFileSync(join(out, "overrides.csv"), 'student,grade_id,points,comment\nben,q1_test,1,"never closed\n');
    const summary = await run();
    expect(summary.overrides.problems[0]).toMatch(/overrides.csv is not readable CSV, so no override was applied/);
    writeFileSync(join(out, "overrides.csv"), "who,what\nben,1\n");
    expect((await run()).overrides.problems[0]).toMatch(/needs a header row student,grade_id,points,comment/);
    rmSync(join(out, "overrides.csv"));
    expect((await run()).overrides).toEqual({ applied: 0, problems: [] });
  }, 120_000);
});
