// Grading the sample homework for a generated class of 240 ordinary and 10 broken submissions:
// the gradebook matches the expected scores exactly, every run finishes, and a re-run resumes.
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gradeClass } from "../../src/grading/grade.js";
import { writeClass } from "./class.js";
import { readGradebook as readGradebookCells } from "./read-back.js";

const ROOT = join(import.meta.dirname, "..", "..");
const MASTER = join(ROOT, "notebooks", "homework", "master.ipynb");
const STUDENT = join(ROOT, "notebooks", "homework", "student.ipynb");

function readGradebook(out: string): Map<string, Record<string, number>> {
  const gradeIds = ["q1_test", "q2_test", "q3_test", "q4_test", "q5_test"];
  return new Map(
    [...readGradebookCells(join(out, "gradebook.csv"))].map(([id, row]) => [
      id,
      Object.fromEntries(gradeIds.map((g) => [g, Number(row[g])])),
    ]),
  );
}

describe("grading a class", () => {
  const dir = mkdtempSync(join(tmpdir(), "nabla-class-"));
  const submissions = join(dir, "submitted");
  const out = join(dir, "graded");
  const students = writeClass(submissions, STUDENT, 240);

  it("grades every submission to its expected score", async () => {
    const summary = await gradeClass({
      key: MASTER,
      submissions: [submissions],
      out,
      jobs: 2,
      statementMs: 1500,
      quiet: true,
    });
    expect(summary.graded).toBe(students.length);
    const book = readGradebook(out);
    const wrong = students.filter((s) => JSON.stringify(book.get(s.name)) !== JSON.stringify(s.expected));
    expect(
      wrong.map((s) => `${s.name}: got ${JSON.stringify(book.get(s.name))}, expected ${JSON.stringify(s.expected)}`),
    ).toEqual([]);
    expect(readdirSync(join(out, "feedback")).filter((f) => f.endsWith(".ipynb"))).toHaveLength(students.length);
  }, 240_000);

  it("explains what could not be graded", () => {
    const json = JSON.parse(readFileSync(join(out, "gradebook.json"), "utf8")) as {
      students: { student: string; problems: string[] }[];
    };
    const problems = (name: string) => json.students.find((s) => s.student === name)!.problems.join(" | ");
    expect(problems("zz-broken-json")).toBe("the file is not valid JSON, so it is not a notebook");
    expect(problems("zz-not-a-notebook")).toBe("the file is JSON but not a notebook (it has no list of cells)");
    expect(problems("zz-missing-cell")).toBe("the answer cell q3 is missing");
    expect(problems("zz-renamed-grade-id")).toContain("the cell q2_renamed is not in the key");
    expect(problems("zz-tampered-test")).toBe("the locked cell q1_test was changed; it was restored from the key");
  });

  it("keeps where a wrong answer differs for the instructor, and a hidden test's key from the student", () => {
    const wrongOne = students.find(
      (s) =>
        s.expected.q1_test === 0 && readFileSync(join(submissions, `${s.name}.ipynb`), "utf8").includes("2x sin(x^2)"),
    );
    if (!wrongOne) return;
    // q1's test is hidden: the student reads that it failed, not the key's value at x = 1.
    const feedback = readFileSync(join(out, "feedback", `${wrongOne.name}.ipynb`), "utf8");
    expect(feedback).toContain("hidden test 1 — 0 / 2: incorrect");
    expect(feedback).not.toContain("1.08060");
    const book = readFileSync(join(out, "gradebook.json"), "utf8");
    expect(book).toMatch(/your answer gives 1\.68294\d* at x = 1; the expected[^"]* 1\.08060\d*/);
  });

  it("resumes: a second run grades nothing again and writes the same gradebook", async () => {
    const before = readFileSync(join(out, "gradebook.csv"), "utf8");
    rmSync(join(out, "gradebook.csv"));
    const cached = readdirSync(join(out, ".results"));
    for (const f of cached.slice(0, 20)) rmSync(join(out, ".results", f));
    const summary = await gradeClass({
      key: MASTER,
      submissions: [submissions],
      out,
      jobs: 2,
      statementMs: 1500,
      quiet: true,
      feedback: false,
    });
    expect(summary.graded).toBe(20);
    expect(summary.resumed).toBe(students.length - 20);
    expect(readFileSync(join(out, "gradebook.csv"), "utf8")).toBe(before);
  }, 120_000);
});
