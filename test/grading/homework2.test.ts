// Homework 2 (forbid, tolerances, backpropagation) for a generated class of 300 submissions whose
// scores were decided before grading: the grader must agree on every cell of every student.
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assign } from "../../src/grading/assign.js";
import { gradeClass } from "../../src/grading/grade.js";
import { gradeSubmission, prepareKey } from "../../src/grading/grade-one.js";
import { gradeId, isSolutionCell, parseNotebook, sourceOf } from "../../src/grading/notebook.js";
import { submission } from "./key-submission.js";
import { writeClass2 } from "./homework2-class.js";

const HOMEWORK = join(import.meta.dirname, "..", "..", "notebooks", "homework");
const MASTER = join(HOMEWORK, "hw2-master.ipynb");
const STUDENT = join(HOMEWORK, "hw2-student.ipynb");

describe("homework 2", () => {
  it("the student version is the master assigned", () => {
    const master = parseNotebook(readFileSync(MASTER, "utf8"));
    expect(assign(master)).toEqual(JSON.parse(readFileSync(STUDENT, "utf8")));
  });

  it("the master's own answers earn every point", () => {
    const master = parseNotebook(readFileSync(MASTER, "utf8"));
    const key = prepareKey(master);
    // The student version with the master's solutions typed in.
    const solutions = Object.fromEntries(
      master.cells.filter(isSolutionCell).map((c) => [
        gradeId(c)!,
        sourceOf(c)
          .replace(/### (BEGIN|END) SOLUTION\n?/g, "")
          .trim(),
      ]),
    );
    const r = gradeSubmission(key, "master", "answers.ipynb", submission(key, solutions), { statementMs: 5000 });
    expect(r.problems).toEqual([]);
    expect(r.total).toBe(12);
  });

  it("grades a class of 300 to the scores decided before grading", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nabla-hw2-"));
    try {
      const students = writeClass2(join(dir, "submitted"), STUDENT, 300);
      const summary = await gradeClass({
        key: MASTER,
        submissions: [join(dir, "submitted")],
        out: join(dir, "graded"),
        jobs: 2,
        statementMs: 5000,
        quiet: true,
        feedback: false,
      });
      expect(summary.graded).toBe(students.length);
      const got = new Map(
        summary.results.map((r) => [r.student, Object.fromEntries(r.grades.map((g) => [g.gradeId, g.earned]))]),
      );
      const wrong = students.filter((s) => JSON.stringify(got.get(s.name)) !== JSON.stringify(s.expected));
      expect(
        wrong.map((s) => `${s.name}: got ${JSON.stringify(got.get(s.name))}, expected ${JSON.stringify(s.expected)}`),
      ).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
