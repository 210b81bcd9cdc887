// The key is computed once per worker and copied for each student (grade-one's keyPlan), and still
// out of every student's reach. Written from the side of students graded one after another by the
// same worker: whatever one of them defines, redefines or answers must not reach the key's names,
// nor the next student's grade.
import { describe, expect, it } from "vitest";
import { gradeSubmission, keyPlan, type Key, type StudentResult } from "../../src/grading/grade-one.js";
import { keyOf, submission } from "./key-submission.js";

const CELLS = [
  { setup: "f(x, y) = x^2 y + 3y^2\nL = (b_1 + w b_2 - t)^2\nx0 = 2" },
  { answer: "q1 = 2x cos(x^2)", id: "q1" },
  // A grading cell with a name of its own, used by a later one.
  { test: "g = ∂f/∂x\nexpect q1 ≡ d/dx sin(x^2) points 2", id: "q1_test", points: 2 },
  { answer: "q2 = 2x y", id: "q2" },
  { test: "expect q2 ≡ g points 2", id: "q2_test", points: 2 },
  { answer: "v = 8", id: "q3" },
  { test: "expect v ≡ g(x0, x0) points 1\nexpect v ≡ 8 points 1", id: "q3_test", points: 2 },
  { answer: "d2 = 2w(b_1 + w b_2 - t)", id: "q4" },
  { test: "expect d2 ≡ ∂L/∂b_2 points 2", id: "q4_test", points: 2 },
];
const RIGHT = { q1: "q1 = 2x cos(x^2)", q2: "q2 = 2x y", q3: "v = 8", q4: "d2 = 2w(b_1 + w b_2 - t)" };
const BLANK = {
  q1: "# YOUR ANSWER HERE",
  q2: "# YOUR ANSWER HERE",
  q3: "# YOUR ANSWER HERE",
  q4: "# YOUR ANSWER HERE",
};
const ZEROS = { q1: "q1 = 0", q2: "q2 = 0", q3: "v = 0", q4: "d2 = 0" };
const NAMES = ["sin", "f", "g", "L", "x", "y", "w", "t", "b_2", "x0", "q1", "q2", "v", "d2", "hessian"];

/** Students who try to change what the key holds for whoever comes next, and ordinary ones. */
function classOf(): { name: string; answers: Record<string, string>; after?: Record<string, string[]> }[] {
  const students: { name: string; answers: Record<string, string>; after?: Record<string, string[]> }[] = [
    { name: "right", answers: RIGHT },
    { name: "blank", answers: BLANK },
    { name: "zeros", answers: ZEROS },
  ];
  for (const n of NAMES)
    for (const rig of [`${n} = 0`, `${n}(u) = 0`, `${n}(u, v) = 0`, `${n} = [0, 0; 0, 0]`])
      students.push({ name: `rig ${rig}`, answers: ZEROS, after: { "": [rig], q2: [rig], q4: [rig] } });
  // A student who answers right and then redefines every name the key uses.
  students.push({ name: "right then rig", answers: RIGHT, after: { q4_test: NAMES.map((n) => `${n} = 0`) } });
  return students;
}

const grade = (key: Key, s: ReturnType<typeof classOf>[number]): StudentResult =>
  gradeSubmission(key, s.name, `${s.name}.ipynb`, submission(key, s.answers, s.after), { statementMs: 5000 });

const scores = (r: StudentResult) => Object.fromEntries(r.grades.map((g) => [g.gradeId, g.earned]));

describe("the key, computed once and reused", () => {
  it("is computed once per key and limits: every student's grading cells start from the same saved names", () => {
    const key = keyOf(CELLS);
    const plan = keyPlan(key, { timeMs: 5000 });
    expect(plan.map((s) => s.id)).toEqual(["q1_test", "q2_test", "q3_test", "q4_test"]);
    grade(key, classOf()[0]);
    grade(key, classOf()[3]);
    expect(keyPlan(key, { timeMs: 5000 })).toBe(plan);
    // The grading cell's own name is in the key's names for the cells after it, never an answer.
    expect(plan[1].before.values.has("g")).toBe(true);
    for (const step of plan)
      for (const answer of ["q1", "q2", "v", "d2"]) expect(step.before.values.has(answer)).toBe(false);
  });

  it("gives every student of a class graded one after another by one worker what a fresh key gives them", () => {
    const students = classOf();
    const shared = keyOf(CELLS);
    // An order where every rigging student is followed by an honest one and a blank one.
    const order = students.flatMap((s, i) => (i < 3 ? [s] : [s, students[0], students[1]]));
    const saved = keyPlan(shared, { timeMs: 5000 }).map((s) => [...s.before.values.entries()]);
    for (const s of order) {
      const alone = grade(keyOf(CELLS), s);
      const afterOthers = grade(shared, s);
      expect(afterOthers.grades, s.name).toEqual(alone.grades);
    }
    // What the key saved is unchanged, name for name and value for value.
    expect(keyPlan(shared, { timeMs: 5000 }).map((s) => [...s.before.values.entries()])).toEqual(saved);
  }, 300_000);

  it("an honest student after any rigging gets full marks, a blank one after a right one gets nothing", () => {
    const key = keyOf(CELLS);
    const students = classOf();
    for (const s of students.slice(3, -1)) {
      expect(scores(grade(key, s)), s.name).toEqual({ q1_test: 0, q2_test: 0, q3_test: 0, q4_test: 0 });
      expect(scores(grade(key, students[0])), `right after ${s.name}`).toEqual({
        q1_test: 2,
        q2_test: 2,
        q3_test: 2,
        q4_test: 2,
      });
      const blank = grade(key, students[1]);
      expect(blank.total, `blank after right after ${s.name}`).toBe(0);
      expect(blank.grades.flatMap((g) => g.verdicts.map((v) => v.verdict))).toEqual(
        blank.grades.flatMap((g) => g.verdicts.map(() => "missing")),
      );
    }
    expect(scores(grade(key, students.at(-1)!))).toEqual({ q1_test: 2, q2_test: 2, q3_test: 2, q4_test: 2 });
  }, 300_000);
});
