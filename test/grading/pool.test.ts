// The pool from the grader's side: a worker that exhausts its memory limit or fails is that
// student's zero with the reason; everyone else is graded and the run ends.
import { describe, expect, it } from "vitest";
import { gradeAll } from "../../src/grading/pool.js";
import type { StudentResult } from "../../src/grading/grade-one.js";
import type { Job } from "../../src/grading/worker.js";

const WORKER = new URL("./fixtures/greedy-worker.mjs", import.meta.url);

describe("grading pool", () => {
  it("turns a worker that runs out of memory or fails into that student's zero, and grades the rest", async () => {
    const texts = ["ok", "ALLOCATE", "ok", "THROW", "ok", "ALLOCATE", "ok", "ok"];
    const jobs: Job[] = texts.map((text, i) => ({ student: `s${i}`, file: `s${i}.ipynb`, text }));
    const results: StudentResult[] = [];
    let next = 0;
    await gradeAll({
      keyText: "{}",
      jobs: 2,
      statementMs: 1000,
      submissionMs: 60_000,
      workerMemoryMb: 64,
      take: () => jobs[next++] ?? null,
      onResult: (r) => results.push(r),
      zeroResult: (job, reason) => ({
        student: job.student,
        file: job.file,
        total: 0,
        possible: 1,
        grades: [],
        problems: [reason],
        runs: [],
      }),
      workerUrl: WORKER,
    });
    const by = new Map(results.map((r) => [r.student, r]));
    expect(results).toHaveLength(texts.length);
    texts.forEach((text, i) => {
      const r = by.get(`s${i}`)!;
      if (text === "ok") expect(r.total).toBe(1);
      else expect(r.total).toBe(0);
    });
    expect(by.get("s1")!.problems).toEqual(["grading used more than the memory limit (64 MB) and was stopped"]);
    expect(by.get("s3")!.problems[0]).toMatch(/could not be graded/);
    expect(by.get("s3")!.problems[0]).not.toMatch(/boom|Error/);
  }, 60_000);

  it("ends when there is nothing to grade", async () => {
    await gradeAll({
      keyText: "{}",
      jobs: 2,
      statementMs: 1000,
      submissionMs: 1000,
      workerMemoryMb: 64,
      take: () => null,
      onResult: () => undefined,
      zeroResult: () => {
        throw new Error("no job");
      },
      workerUrl: WORKER,
    });
  });
});
