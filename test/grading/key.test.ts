// The key is not the student's: every expected value is computed from the master's own cells, and
// only the answers named on the left of ≡ come from the student. Written from the side of a student
// who wants marks without the work: redefine the built-ins, setup functions, setup names and free
// symbols the key uses, then give a wrong (zero) answer. And from the side of an honest student who
// assigns a free symbol after answering: the answer still means the expression it was.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { namesIn } from "../../src/engine/expect.js";
import { withHiddenTests } from "../../src/grading/assign.js";
import { prepareKey } from "../../src/grading/grade-one.js";
import { isSolutionCell, parseNotebook, sourceOf, type Notebook } from "../../src/grading/notebook.js";
import { scan } from "../../src/syntax/scanner.js";
import { parseStatement } from "../../src/syntax/to-ast.js";
import { feedbacks, grade, keyOf, points } from "./key-submission.js";

const KEY = keyOf([
  { setup: "f(x, y) = x^2 y + 3y^2\nL = (b_1 + w b_2 - t)^2\nLg(x, λ) = x^2 + λ(1 - x)" },
  { answer: "q1 = 2x cos(x^2)", id: "q1" },
  { test: "expect q1 ≡ d/dx sin(x^2) points 2", id: "q1_test", points: 2 },
  { answer: "q2 = x^2 + 6y", id: "q2" },
  { test: "expect q2 ≡ ∂f/∂y points 2", id: "q2_test", points: 2 },
  { answer: "H = [6x, 0; 0, 6y]", id: "q3" },
  { test: "expect H ≡ hessian(x^3 + y^3) points 3", id: "q3_test", points: 3 },
  { answer: "d2 = 2w(b_1 + w b_2 - t)", id: "q4" },
  { test: "expect d2 ≡ ∂L/∂b_2 points 2", id: "q4_test", points: 2 },
  { answer: "dLdx = 2x - λ", id: "q5" },
  { test: "expect dLdx ≡ ∂Lg/∂x points 1", id: "q5_test", points: 1 },
  { answer: "sol = solve(x^2 = 4, x)", id: "q6" },
  { test: "expect sol ≡ solve(x^2 - 4 = 0, x) points 1", id: "q6_test", points: 1 },
]);

const RIGHT = {
  q1: "q1 = 2x cos(x^2)",
  q2: "q2 = x^2 + 6y",
  q3: "H = [6x, 0; 0, 6y]",
  q4: "d2 = 2w(b_1 + w b_2 - t)",
  q5: "dLdx = 2x - λ",
  q6: "sol = [2; -2]",
};
const ZEROS = { q1: "q1 = 0", q2: "q2 = 0", q3: "H = [0, 0; 0, 0]", q4: "d2 = 0", q5: "dLdx = 0", q6: "sol = 0" };
const FULL = { q1_test: 2, q2_test: 2, q3_test: 3, q4_test: 2, q5_test: 1, q6_test: 1 };
const NONE = { q1_test: 0, q2_test: 0, q3_test: 0, q4_test: 0, q5_test: 0, q6_test: 0 };

/** Every name the key's expressions use: built-ins, setup functions and values, free symbols. */
const KEY_NAMES = [
  "sin",
  "cos",
  "hessian",
  "solve",
  "diff",
  "f",
  "L",
  "Lg",
  "x",
  "y",
  "t",
  "w",
  "b_1",
  "b_2",
  "λ",
  "d",
  "dx",
  "e",
  "π",
];

/** Ways to redefine a name so that a wrong answer would match a key computed in the student's scope. */
function riggings(name: string): string[] {
  return [`${name} = 0`, `${name}(u) = 0`, `${name}(u, v) = 0`, `${name} = [0, 0; 0, 0]`];
}

describe("a clean key", () => {
  it("gives full marks to the right answers and none to zeros", () => {
    expect(points(grade(KEY, RIGHT))).toEqual(FULL);
    expect(points(grade(KEY, ZEROS))).toEqual(NONE);
  });

  it("the issue's riggings earn nothing", () => {
    expect(points(grade(KEY, { ...ZEROS, q1: "sin(u) = 0\nq1 = 0" }))).toEqual(NONE);
    expect(points(grade(KEY, { ...ZEROS, q2: "f(x, y) = 0\nq2 = 0" }))).toEqual(NONE);
    expect(points(grade(KEY, { ...ZEROS, q3: "hessian(p) = 0\nH = 0" }))).toEqual(NONE);
    expect(points(grade(KEY, { ...ZEROS, q1: "x = 0\nq1 = 0" }))).toEqual(NONE);
    expect(points(grade(KEY, { ...ZEROS, q4: "L = 0\nd2 = 0" }))).toEqual(NONE);
  });

  for (const name of KEY_NAMES) {
    it(`redefining ${name}, anywhere in the notebook, earns nothing for wrong answers`, () => {
      for (const rig of riggings(name)) {
        // Before the answers, between them, and after the last one.
        expect(points(grade(KEY, ZEROS, { "": [rig] })), rig).toEqual(NONE);
        expect(points(grade(KEY, ZEROS, { q2: [rig], q4: [rig] })), rig).toEqual(NONE);
        expect(points(grade(KEY, ZEROS, { q6: [rig] })), rig).toEqual(NONE);
      }
    });
  }

  for (const name of KEY_NAMES) {
    it(`redefining ${name} after answering costs a right answer nothing`, () => {
      for (const rig of [...riggings(name), `${name} = 1/2`]) {
        expect(points(grade(KEY, RIGHT, { q6: [rig] })), rig).toEqual(FULL);
        // Right after each answer too: the later answers do not use the name.
        expect(points(grade(KEY, { ...RIGHT, q1: `${RIGHT.q1}\n${rig}` })).q1_test, rig).toBe(2);
      }
    });
  }

  it("the honest student of the issue: x = 1 or λ = 1/2 after answering", () => {
    expect(points(grade(KEY, RIGHT, { q6: ["x = 1"] }))).toEqual(FULL);
    expect(points(grade(KEY, RIGHT, { q5: ["λ = 1/2"] }))).toEqual(FULL);
  });

  it("an answer means the value it had when it was assigned", () => {
    // x assigned before the answer: the answer is the number it computed, and that is wrong.
    const early = grade(KEY, { ...RIGHT, q1: "x = 1\nq1 = 2x cos(x^2)" });
    expect(points(early).q1_test).toBe(0);
    // Answers are read where the test cell sits: a re-assignment before it counts, one after it does not.
    expect(points(grade(KEY, RIGHT, { q1: ["q1 = 0"] })).q1_test).toBe(0);
    expect(points(grade(KEY, RIGHT, { q1_test: ["q1 = 0"] })).q1_test).toBe(2);
    expect(points(grade(KEY, RIGHT, { "": ["q1 = 0"] })).q1_test).toBe(2);
  });

  it("the student's setup changes reach only the student's own answers", () => {
    // Redefining f and computing with it: the answer is the student's f's derivative, not the key's.
    expect(points(grade(KEY, { ...RIGHT, q2: "f(x, y) = x^2 y\nq2 = ∂f/∂y" })).q2_test).toBe(0);
    // Computing with the restored setup f is right.
    expect(points(grade(KEY, { ...RIGHT, q2: "q2 = ∂f/∂y" })).q2_test).toBe(2);
  });

  it("a tampered grading cell is restored: a student's own expect earns nothing", () => {
    const r = grade(KEY, ZEROS, { q1: ["expect q1 ≡ 0 points 100"] });
    expect(points(r)).toEqual(NONE);
    expect(r.total).toBe(0);
  });

  it("a key that mentions an answer on the right of ≡ is an error for the instructor, not a silent zero", () => {
    const key = keyOf([
      { answer: "a = 2", id: "qa" },
      { answer: "b = 4", id: "qb" },
      { test: "expect b ≡ 2a points 1", id: "t", points: 1 },
    ]);
    const r = grade(key, { qa: "a = 2", qb: "b = 4" });
    expect(r.grades[0].verdicts[0].verdict).toBe("error");
    expect(r.grades[0].verdicts[0].feedback).toContain("the expected value mentions a, an answer");
  });

  it("says which answer cell had a parse error, with its line and column", () => {
    const r = grade(KEY, { ...RIGHT, q1: "q1 = 2x cos(x^2" });
    expect(points(r).q1_test).toBe(0);
    expect(feedbacks(r)[0]).toMatch(/^your answer cell q1 has a parse error at line 1, column \d+/);
    const blank = grade(KEY, { ...RIGHT, q1: "# YOUR ANSWER HERE" });
    expect(feedbacks(blank)[0]).toBe("q1 is not defined: no answer was given in cell q1");
  });
});

/** Every name the key's own cells mention (setup, locked and grading cells): what a student would redefine. */
function namesUsedByKey(master: Notebook): string[] {
  const names: string[] = [];
  for (const cell of master.cells) {
    if (cell.cell_type !== "code" || isSolutionCell(cell)) continue;
    for (const st of scan(withHiddenTests(sourceOf(cell))).statements) {
      const parsed = parseStatement(st.text, st.offset);
      if (parsed.ok) for (const n of namesIn(parsed.statement)) if (!names.includes(n)) names.push(n);
    }
  }
  return names;
}

describe("a clean key for homework 2, against every name its key uses", () => {
  const master = parseNotebook(
    readFileSync(join(import.meta.dirname, "..", "..", "notebooks", "homework", "hw2-master.ipynb"), "utf8"),
  );
  const key = prepareKey(master);
  const names = namesUsedByKey(master);
  const zeros = {
    q1: "q1 = 0",
    q2: "gb2 = 0\ngw1 = 0",
    q3: "p2 = [0, 0]",
    q4: "Lval = 0",
    q5: "crit = [0]",
    q6: "dtanh(t) = 0",
  };
  const right = {
    q1: "q1 = 2σ(2x)(1 - σ(2x))",
    q2: "gb2 = 2(yhat(x) - y) yhat(x)(1 - yhat(x))\ngw1 = gb2 w_2 a_1(x)(1 - a_1(x)) x",
    q3: "p2 = [0.64, 0.16]",
    q4: "Lval = 0.3764",
    q5: "crit = [2, -2]",
    q6: "dtanh(t) = 1 - tanh(t)^2",
  };

  it("finds the names: built-ins, setup functions and values, free symbols, commands", () => {
    for (const n of ["σ", "L", "yhat", "a_1", "f", "x", "y", "b_2", "w_1", "t", "tanh", "gd", "critical"])
      expect(names).toContain(n);
  });

  it("redefining them before answering wrongly earns nothing", () => {
    for (const name of names) {
      for (const rig of [`${name} = 0`, `${name}(u, v) = 1`]) {
        expect(grade(key, zeros, { "": [rig] }).total, rig).toBe(0);
      }
    }
  }, 180_000);

  it("redefining all of them after answering rightly costs nothing", () => {
    const rigs = names.flatMap((name) => [`${name} = 1/2`, `${name}(u) = 0`]);
    expect(grade(key, right, { q6_test: rigs }).total).toBe(12);
  }, 180_000);
});
