// `forbid` (STACK's forbidden words): an answer computed with a forbidden operator anywhere in the
// chain of the student's statements that defined it earns nothing from that expect, with the reason.
// Written from the side of a student who lets Nabla do the work the question asks them to do.
import { describe, expect, it } from "vitest";
import { parseStatement } from "../../src/syntax/to-ast.js";
import { Session } from "../../src/session.js";
import { sourceOf, gradeId } from "../../src/grading/notebook.js";
import { feedbacks, grade, keyOf, points } from "./key-submission.js";

const ALL = "forbid d/dx, ∂, ∇, hessian, jacobian, diff, gd, solve, lagrange, critical";

const KEY = keyOf([
  { setup: "f(x, y) = x^2 y + 3y^2\nhelper(x) = d/dx x^3" },
  { answer: "q1 = 2x cos(x^2)", id: "q1" },
  {
    test: `expect q1 ≡ d/dx sin(x^2) points 2 else if q1 ≡ cos(x^2) points 1 "missing the chain-rule factor" ${ALL}`,
    id: "q1_test",
    points: 2,
  },
  { answer: "r = [2; -2]", id: "q2" },
  { test: "expect r ≡ solve(x^2 = 4, x) points 1 forbid solve", id: "q2_test", points: 1 },
  { answer: "H = [6x, 0; 0, 6y]", id: "q3" },
  {
    test: "### BEGIN HIDDEN TESTS\nexpect H ≡ hessian(x^3 + y^3) points 3 forbid hessian\n### END HIDDEN TESTS",
    id: "q3_test",
    points: 3,
  },
  { answer: "g = [2x y, x^2 + 6y]", id: "q4" },
  { test: "expect g ≡ ∇f points 2 forbid ∇", id: "q4_test", points: 2 },
]);

const RIGHT = { q1: "q1 = 2x cos(x^2)", q2: "r = [2; -2]", q3: "H = [6x, 0; 0, 6y]", q4: "g = [2x y, x^2 + 6y]" };

/** Ways to get q1 = d/dx sin(x²) from Nabla rather than by hand, each one statement or a chain. */
const Q1_WITH_NABLA = [
  "q1 = d/dx sin(x^2)",
  "q1 = d/dx (sin(x^2))",
  "q1 = ∂/∂x sin(x^2)",
  "q1 = diff(sin(x^2), x)",
  "s(x) = sin(x^2)\nq1 = s'(x)",
  "s(x) = sin(x^2)\nq1 = ∂s/∂x",
  "q1 = (∇ sin(x^2))[1]",
  "q1 = (∇_x sin(x^2))[1]",
  "q1 = hessian(sin(x^2))[1, 1] * 0 + d/dx sin(x^2)",
  "q1 = jacobian([sin(x^2)], [x])[1, 1]",
  "a = d/dx sin(x^2)\nq1 = a",
  "a = d/dx sin(x^2)\nb = 3a\nc = b / 3\nq1 = c + 0",
  "k(u) = d/du sin(u^2)\nq1 = k(x)",
  "k(u) = d/du sin(u^2)\nm(v) = k(v) + 1\nq1 = m(x) - 1",
  "q1 = 2x cos(x^2)\nq1 = q1 + d/dx x - 1",
  // A derivative as the limit of its difference quotient is differentiation too.
  "q1 = limit((sin((x + h)^2) - sin(x^2))/h, h → 0)",
  "s(x) = sin(x^2)\nq1 = limit((s(x + h) - s(x))/h, h → 0)",
  "dq(t) = limit((sin((t + h)^2) - sin(t^2))/h, h → 0)\nq1 = dq(x)",
];

describe("forbid", () => {
  it("parses its operators in the grammar", () => {
    const parsed = parseStatement("expect q1 ≡ 1 points 2 forbid d/dx, d²/dx², ∂, ∂/∂x, ∇, ∇², hessian, solve", 0);
    expect(parsed.ok && parsed.statement.kind === "expect" && parsed.statement.forbid).toEqual([
      "d/dx",
      "d²/dx²",
      "∂",
      "∂/∂x",
      "∇",
      "∇²",
      "hessian",
      "solve",
    ]);
    const plain = parseStatement("expect q1 ≡ 1 points 2", 0);
    expect(plain.ok && plain.statement.kind === "expect" && plain.statement.forbid).toEqual([]);
    // Words that begin with a keyword stay names.
    const name = parseStatement("forbidden = 1", 0);
    expect(name.ok && name.statement.kind).toBe("assign");
  });

  it("the right answer by hand earns full marks", () => {
    expect(points(grade(KEY, RIGHT))).toEqual({ q1_test: 2, q2_test: 1, q3_test: 3, q4_test: 2 });
  });

  for (const answer of Q1_WITH_NABLA) {
    it(`an answer computed with a forbidden operator earns nothing: ${answer.replace(/\n/g, "; ")}`, () => {
      const r = grade(KEY, { ...RIGHT, q1: answer });
      expect(points(r).q1_test).toBe(0);
      expect(feedbacks(r)[0]).toMatch(/^q1 was computed with .* which this question does not allow/);
    });
  }

  it("a forbidden operator in another cell, reached through the names the answer uses", () => {
    const r = grade(KEY, { ...RIGHT, q1: "q1 = t2 / 1" }, { "": ["t1 = d/dx sin(x^2)", "t2 = t1 + 0"] });
    expect(points(r).q1_test).toBe(0);
  });

  it("a forbidden operator also stops the partial-credit branches", () => {
    const r = grade(KEY, { ...RIGHT, q1: "q1 = d/dx sin(x)" });
    expect(points(r).q1_test).toBe(0);
  });

  it("operators used for other names, or the instructor's own setup, do not count", () => {
    expect(points(grade(KEY, { ...RIGHT, q1: "z = d/dx x^3\nq1 = 2x cos(x^2)" })).q1_test).toBe(2);
    // Worked out with d/dx, then typed by hand: the answer's own chain has no d/dx.
    expect(points(grade(KEY, { ...RIGHT, q1: "q1 = d/dx sin(x^2)\nq1 = 2x cos(x^2)" })).q1_test).toBe(2);
    // helper is a locked setup function defined with d/dx: not the student's statement.
    expect(points(grade(KEY, { ...RIGHT, q1: "q1 = 2x cos(x^2) + helper(x) - 3x^2" })).q1_test).toBe(2);
  });

  it("solve, hessian and ∇ under their other spellings", () => {
    expect(points(grade(KEY, { ...RIGHT, q2: "r = solve(x^2 = 4, x)" })).q2_test).toBe(0);
    expect(points(grade(KEY, { ...RIGHT, q2: "sol = solve(x^2 = 4, x)\nr = [sol[1]; sol[2]]" })).q2_test).toBe(0);
    expect(points(grade(KEY, { ...RIGHT, q3: "H = ∇²(x^3 + y^3)" })).q3_test).toBe(0);
    expect(points(grade(KEY, { ...RIGHT, q3: "H = hessian(x^3 + y^3)" })).q3_test).toBe(0);
    expect(points(grade(KEY, { ...RIGHT, q4: "g = ∇f" })).q4_test).toBe(0);
    expect(points(grade(KEY, { ...RIGHT, q4: "g = grad(f)" })).q4_test).toBe(0);
    // ∇ is not differentiation by d/dx: a question that forbids only ∇ accepts ∂.
    expect(points(grade(KEY, { ...RIGHT, q4: "g = [∂f/∂x, ∂f/∂y]" })).q4_test).toBe(2);
  });

  it("a visible test says the same in the student's own notebook as the grader will", () => {
    const s = new Session();
    const said = (code: string) =>
      s
        .run(code)
        .map((r) => r.pretty)
        .join(" | ");
    said("a = d/dx sin(x^2)\nq1 = a");
    expect(said("expect q1 ≡ d/dx sin(x^2) points 2 forbid d/dx")).toMatch(
      /^✗ 0\/2 points: q1 was computed with d\/dx \(in “a = d\/dx sin\(x\^2\)”\)/,
    );
    said("q1 = 2x cos(x^2)");
    expect(said("expect q1 ≡ d/dx sin(x^2) points 2 forbid d/dx")).toBe("✓ 2/2 points: correct");
  });

  it("assign keeps the clause where the test is visible, and hides the hidden test with it", () => {
    const visible = KEY.released.cells.find((c) => gradeId(c) === "q1_test")!;
    expect(sourceOf(visible)).toContain(ALL);
    const hidden = KEY.released.cells.find((c) => gradeId(c) === "q3_test")!;
    expect(sourceOf(hidden)).not.toContain("forbid");
  });
});
