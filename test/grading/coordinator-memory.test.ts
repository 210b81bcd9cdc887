// The coordinator's memory has a stated cap, enforced: `nabla grade` runs it in a thread whose heap V8
// limits (capped.ts). Written from the side of a class built to grow the coordinator: every student
// hands in many distinct long cells (what feedback typesets and caches) and as many problems as a
// result may carry (unknown grade_ids with long names), so whatever the coordinator kept per student
// or per cell would add up. The run stays under a small cap and loses nothing; a cap too small for
// the grader itself stops the run with a plain message, not a crash.
import { describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CoordinatorMemoryError, checkCap, gradeClassCapped } from "../../src/grading/capped.js";
import { toSourceLines, type Cell, type Notebook } from "../../src/grading/notebook.js";
import { withAnswers } from "./class.js";

const ROOT = join(import.meta.dirname, "..", "..");
const MASTER = join(ROOT, "notebooks", "homework", "master.ipynb");
const STUDENT = JSON.parse(readFileSync(join(ROOT, "notebooks", "homework", "student.ipynb"), "utf8")) as Notebook;
const RIGHT = {
  q1: "q1 = 2x cos(x^2)",
  q2: "q2 = x^2 + 6y",
  q3: "H = [6x, 0; 0, 6y]",
  q4: "x1 = 3.2",
  q5: "fmax = 25\nlam = 5",
};

// 30 students of 100 distinct 19,000-character cells: with the feedback cache bounded by entries
// only, the coordinator went over 128 MB on this class (checked when the bound by characters came).
const STUDENTS = 30;
const CELLS = 100;

/** A student's notebook: right answers, then many distinct long cells and 25 long unknown grade_ids. */
function bloated(k: number): Notebook {
  const nb = withAnswers(STUDENT, RIGHT);
  const cell = (source: string, gradeId?: string): Cell =>
    ({
      cell_type: "code",
      source: toSourceLines(source),
      metadata: gradeId ? { nbgrader: { grade_id: gradeId, grade: false, solution: false, locked: false } } : {},
      outputs: [],
      execution_count: null,
    }) as Cell;
  for (let i = 0; i < CELLS; i++)
    nb.cells.push(cell(`# student ${k} cell ${i} ${"abcdefghij".repeat(1900)}\nz${i} = ${k * 1000 + i}`));
  for (let i = 0; i < 25; i++) nb.cells.push(cell(`w${i} = ${i}`, `unknown-${k}-${i}-${"x".repeat(1900)}`));
  return nb;
}

describe("the coordinator's memory cap", () => {
  const dir = mkdtempSync(join(tmpdir(), "nabla-coordinator-"));
  const submitted = join(dir, "submitted");
  mkdirSync(submitted);
  for (let k = 0; k < STUDENTS; k++)
    writeFileSync(join(submitted, `s${String(k).padStart(3, "0")}.ipynb`), JSON.stringify(bloated(k)));

  it("grades a class built to grow it under a 128 MB cap, and loses no grade, problem or feedback", async () => {
    const out = join(dir, "graded");
    const summary = await gradeClassCapped(
      { key: MASTER, submissions: [submitted], out, jobs: 2, statementMs: 5000, quiet: true },
      128,
    );
    expect(summary.graded).toBe(STUDENTS);
    expect(summary.peakHeapMb).toBeLessThan(128);
    const book = JSON.parse(readFileSync(join(out, "gradebook.json"), "utf8")) as {
      students: { student: string; total: number; problems: string[]; grades: { verdicts: unknown[] }[] }[];
    };
    expect(book.students).toHaveLength(STUDENTS);
    for (const s of book.students) {
      expect(s.total, s.student).toBe(12);
      // A result keeps 20 problems and says how many more: the gradebook has them whole.
      expect(s.problems, s.student).toHaveLength(21);
      expect(s.problems[0].length).toBeGreaterThan(1900);
      expect(s.grades.every((g) => g.verdicts.length > 0)).toBe(true);
    }
    const csv = readFileSync(join(out, "gradebook.csv"), "utf8");
    expect(csv.split("\n").filter((l) => l.startsWith("s0"))).toHaveLength(STUDENTS);
    expect(readFileSync(join(out, "feedback", "s029.html"), "utf8")).toContain("student 29 cell 99");
    // What the coordinator returns holds the points, not the verdicts, and the problems cut short.
    for (const r of summary.results) {
      expect(r.grades.every((g) => g.verdicts.length === 0)).toBe(true);
      expect(r.problems.join("").length).toBeLessThan(1000);
    }
  }, 600_000);

  it("stops a coordinator that goes over its cap with a plain message, not a crash", async () => {
    const out = join(dir, "graded-tiny");
    const run = gradeClassCapped({ key: MASTER, submissions: [submitted], out, jobs: 1, quiet: true }, 24);
    await expect(run).rejects.toBeInstanceOf(CoordinatorMemoryError);
    await expect(run).rejects.toThrow(/went over its memory cap \(24 MB\).*\.results\/ and a new run resumes/);
  }, 120_000);

  it("refuses a cap that cannot hold the largest submission it would read", () => {
    expect(() => checkCap(128, 200e6)).toThrow(/cap of 128 MB cannot read submissions of up to 200 MB/);
    expect(() => checkCap(512, 20e6)).not.toThrow();
  });
});
