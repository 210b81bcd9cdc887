// The key's variable order is the key's own. ∇L takes L's variables in the order L was typed
// (x^2 y + y^3: [∂/∂x, ∂/∂y]); that order was kept by expression node, so a student who typed the same
// expression the other way round (tmp = y^3 + y x^2) reordered the key's gradient for everyone graded
// after them in the same worker: a wrong answer (the entries swapped) earned the points, a right one
// lost them, and the grade depended on --jobs. Now an expression's typing lives for its statement and
// a name keeps its own, copied with the key's names.
import { describe, expect, it } from "vitest";
import { gradeSubmission, type StudentResult } from "../../src/grading/grade-one.js";
import { Session } from "../../src/session.js";
import { keyOf, submission } from "./key-submission.js";

const CELLS = [
  { setup: "L = x^2 y + y^3" },
  { answer: "g = [2x y, x^2 + 3y^2]", id: "q1" },
  { test: "expect g ≡ ∇L points 2", id: "q1_test", points: 2 },
];
const RIGHT = "g = [2x y, x^2 + 3y^2]";
const SWAPPED = "g = [x^2 + 3y^2, 2x y]";
/** Every way of typing L's expression again, in the answer cell before the answer. */
const RETYPINGS = ["tmp = y^3 + y x^2", "tmp = y^3 + x^2 y", "y^3 + y x^2", "tmp = ∇(y^3 + y x^2)", "L2 = y^3 + x^2 y"];

const points = (r: StudentResult) => r.grades.find((g) => g.gradeId === "q1_test")!.earned;

describe("the key's typed variable order", () => {
  it("is not changed by what students type, graded one after another by one worker", () => {
    const key = keyOf(CELLS);
    const grade = (name: string, answer: string) =>
      points(gradeSubmission(key, name, `${name}.ipynb`, submission(key, { q1: answer }), { statementMs: 5000 }));
    for (const retyped of RETYPINGS) {
      expect(grade("swapped", `${retyped}\n${SWAPPED}`), `${retyped}, then the entries swapped`).toBe(0);
      expect(grade("right", `${retyped}\n${RIGHT}`), `${retyped}, then the right answer`).toBe(2);
      expect(grade("plain", RIGHT)).toBe(2);
      expect(grade("plain swapped", SWAPPED)).toBe(0);
    }
  });

  it("is not changed within a notebook by typing the value's expression again, nor from another notebook", () => {
    const key = new Session();
    const student = new Session();
    key.run("L = x^2 y + y^3");
    student.run("tmp = y^3 + y x^2");
    key.run("y^3 + y x^2");
    expect(key.run("∇L")[0].text).toBe("[2*x*y, x^2 + 3*y^2]");
    expect(student.run("∇tmp")[0].text).toBe("[x^2 + 3*y^2, 2*x*y]");
    // A name holding another name's value takes that value's typing; a new typing replaces it.
    key.run("M = L");
    expect(key.run("∇M")[0].text).toBe("[2*x*y, x^2 + 3*y^2]");
    key.run("M = y^3 + y x^2");
    expect(key.run("∇M")[0].text).toBe("[x^2 + 3*y^2, 2*x*y]");
  });
});
