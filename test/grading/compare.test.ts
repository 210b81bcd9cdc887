// Comparisons by meaning, as `expect` grades them, and what a student is told when an answer is wrong.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/session.js";
import { feedbacks, grade, keyOf, points } from "./key-submission.js";

/** One question: the master's answer cell, its test, and how the student's answers score. */
function question(answer: string, test: string) {
  const key = keyOf([
    { answer, id: "q" },
    { test, id: "t", points: 1 },
  ]);
  return {
    score: (student: string) => points(grade(key, { q: student })).t,
    feedback: (student: string) => feedbacks(grade(key, { q: student }))[0],
  };
}

describe("tolerances apply entry by entry", () => {
  const vector = question("v = [1, 2]", "expect v ≡ [1, 2] tol 1e-3");
  const matrix = question("M = [100, 0; 0, 1000]", "expect M ≡ [100, 0; 0, 1000] rtol 0.01");
  const both = question("p = 0.5", "expect p ≡ 0.5 tol 0.01 rtol 0.1");

  it("absolute: vectors, columns and rows", () => {
    for (const ok of ["v = [1.0004, 2]", "v = [1, 1.9991]", "v = [0.9995; 2.0005]", "v = [1, 2]"])
      expect(vector.score(ok), ok).toBe(1);
    for (const bad of ["v = [1.01, 2]", "v = [1, 2.002]", "v = [2, 1]", "v = 1", "v = [1, 2, 0]"])
      expect(vector.score(bad), bad).toBe(0);
    expect(vector.feedback("v = [1, 2.1]")).toBe("your answer is off by 0.100 in entry [2] (allowed ±0.001)");
  });

  it("relative: each entry against its own size", () => {
    for (const ok of ["M = [100.9, 0; 0, 1009]", "M = [99.5, 0; 0, 991]"]) expect(matrix.score(ok), ok).toBe(1);
    // 1% of 1000 is 10, of 100 is 1: an error of 5 passes in one entry and fails in the other.
    expect(matrix.score("M = [100, 0; 0, 1005]")).toBe(1);
    expect(matrix.score("M = [105, 0; 0, 1000]")).toBe(0);
    // A zero entry allows no relative error at all.
    expect(matrix.score("M = [100, 1e-9; 0, 1000]")).toBe(0);
  });

  it("both: |answer − key| ≤ tol + rtol·|key|", () => {
    expect(both.score("p = 0.555")).toBe(1);
    expect(both.score("p = 0.445")).toBe(1);
    expect(both.score("p = 0.565")).toBe(0);
    expect(both.score("p = 0.435")).toBe(0);
  });

  it("point sets, from gd", () => {
    const q = question("x3 = 2.048", "expect x3 ≡ gd(x^2, x = 4, η = 0.1, steps = 3)[3] tol 1e-6");
    expect(q.score("x3 = 2.0480001")).toBe(1);
    expect(q.score("x3 = gd(x^2, x = 4, η = 0.1, steps = 3)[3]")).toBe(1);
    expect(q.score("x3 = 2.05")).toBe(0);
  });
});

describe("solution sets", () => {
  const roots = question("r = solve(x^2 = 4, x)", "expect r ≡ solve(x^2 - 4 = 0, x)");
  const system = question("s = [1, 1; -1, -1]", "expect s ≡ solve([x^2 + y^2 = 2, x = y], [x, y])");
  const lag = question("p = [5, 5]", "expect p ≡ lagrange(x y, x + y = 10)");

  it("compare with a list of values, a column, a row or another solve, in any order", () => {
    for (const ok of [
      "r = [2, -2]",
      "r = [-2, 2]",
      "r = [2; -2]",
      "r = [-2; 2]",
      "r = solve(x^2 = 4, x)",
      "r = solve(4 = x^2)",
    ])
      expect(roots.score(ok), ok).toBe(1);
    for (const bad of ["r = [2]", "r = 2", "r = [2, -2, 0]", "r = [2, 2]", "r = [4, -4]"])
      expect(roots.score(bad), bad).toBe(0);
  });

  it("points of several variables: one per row, in any order", () => {
    for (const ok of ["s = [1, 1; -1, -1]", "s = [-1, -1; 1, 1]", "s = solve([x = y, x^2 + y^2 = 2], [x, y])"])
      expect(system.score(ok), ok).toBe(1);
    for (const bad of ["s = [1, 1]", "s = [1, -1; -1, 1]", "s = [1, 1; -1, -1; 0, 0]"])
      expect(system.score(bad), bad).toBe(0);
  });

  it("Lagrange points with or without the multiplier", () => {
    for (const ok of [
      "p = [5, 5]",
      "p = [5, 5, 5]",
      "p = lagrange(x y, x + y = 10)",
      "p = lagrange(x y, x + y = 10)[1]",
    ])
      expect(lag.score(ok), ok).toBe(1);
    for (const bad of ["p = [5, 6]", "p = [5, 5, -5]", "p = 25"]) expect(lag.score(bad), bad).toBe(0);
  });

  it("names a missing or an extra solution", () => {
    expect(roots.feedback("r = [2]")).toBe("your answer is missing a solution");
    expect(roots.feedback("r = [2, -2, 0]")).toBe("your answer has a point that is not a solution: 0");
    expect(system.feedback("s = [1, 1; -1, -1; 0, 0]")).toBe("your answer has a point that is not a solution: (0, 0)");
  });
});

describe("functions compare by the position of their parameters", () => {
  const one = question("q(x) = x^2 sin(x)", "expect q ≡ x^2 sin(x)");
  const two = question("g(x, y) = x y^2", "expect g ≡ x y^2");

  it("whatever the student calls them", () => {
    for (const ok of ["q(x) = x^2 sin(x)", "q(t) = t^2 sin(t)", "q(u) = sin(u) u u"]) expect(one.score(ok), ok).toBe(1);
    for (const ok of ["g(x, y) = x y^2", "g(a, b) = a b^2", "g(y, x) = y x^2"]) expect(two.score(ok), ok).toBe(1);
  });

  it("swapped or free parameters are wrong", () => {
    for (const bad of ["q(t) = x^2 sin(t)", "q(t) = t^2 sin(x)"]) expect(one.score(bad), bad).toBe(0);
    for (const bad of ["g(b, a) = a b^2", "g(x, y) = y x^2"]) expect(two.score(bad), bad).toBe(0);
    expect(two.feedback("g(x) = x^3")).toBe(
      "your answer could not be evaluated: g takes 1 argument; the question asks for a function of 2",
    );
  });

  it("a value answer reads as the expression it is", () => {
    expect(one.score("q = x^2 sin(x)")).toBe(1);
  });
});

describe("results of commands are values", () => {
  it("index, compare and use in expect", () => {
    const s = new Session();
    const shown = (code: string) =>
      s
        .run(code)
        .map((r) => r.pretty)
        .join(" | ");
    expect(shown("sol = solve(x^2 = 4, x)")).toBe("sol = x = −2, x = 2");
    expect(shown("sol[1] + sol[2]")).toBe("0");
    expect(shown("two = solve([x + y = 3, x - y = 1], [x, y])")).toBe("two = x = 2, y = 1");
    expect(shown("two[1]")).toBe("[2, 1]");
    expect(shown("two[1, 2]")).toBe("1");
    expect(shown("c = critical(x^3 - 3x)")).toContain("maximum");
    expect(shown("c[2]")).toBe("1");
    expect(shown("g = gd(x^2, x = 4, η = 0.1, steps = 2)")).toBe("g = 4 → 3.2 → 2.56");
    expect(shown("g[2]")).toBe("64/25");
    expect(shown("sol[3]")).toContain("index 3 is out of range 1..2");
    expect(shown("expect sol ≡ [2, -2]")).toContain("✓ 1/1 point");
  });
});

describe("messages for students", () => {
  const q1 = question("q1 = 2x cos(x^2)", "expect q1 ≡ d/dx sin(x^2)");
  const hess = question("H = [6x, 1; 0, 6y]", "expect H ≡ [6x, 1; 0, 6y]");
  const anti = question("F = x^3/3", "expect F ≡ x^3/3");

  it("name the common mistakes before a counterexample", () => {
    expect(q1.feedback("q1 = -2x cos(x^2)")).toBe("your answer is the negative of the expected one: check the sign");
    expect(q1.feedback("q1 = x cos(x^2)")).toBe(
      "your answer is off by a constant factor: it is 1/2 times the expected one",
    );
    expect(q1.feedback("q1 = 6x cos(x^2)")).toBe(
      "your answer is off by a constant factor: it is 3 times the expected one",
    );
    expect(hess.feedback("H = [6x, 0; 1, 6y]")).toBe("your answer is the transpose of the expected matrix");
    expect(hess.feedback("H = -[6x, 1; 0, 6y]")).toBe(
      "your answer is the negative of the expected one: check the sign",
    );
    expect(anti.feedback("F = x^3/3 + 7")).toBe("your answer differs from the expected one by a constant (7)");
    expect(hess.feedback("H = [6x, 6y]")).toBe("your answer is a vector of length 2, but a 2×2 matrix was expected");
    expect(q1.feedback("q1 = dense(2 → 3, relu)")).toBe("your answer is a layer, but a scalar was expected");
    expect(q1.feedback('q1 = "2x cos(x^2)"')).toBe("your answer is text, but a scalar was expected");
    expect(q1.feedback("q1 = 2x sin(x^2)")).toMatch(
      /^your answer gives 1\.68294\d* at x = 1; the expected value there is 1\.08060\d*$/,
    );
  });

  it("says where an answer is not defined", () => {
    expect(q1.feedback("q1 = sqrt(-x^2 - 1)")).toMatch(
      /^your answer is not defined at x = [-\d.]+, where the expected value is [-\d.]+$/,
    );
  });

  it("a parse error in the answer cell is a parse error with its place", () => {
    expect(q1.feedback("q1 = 2x cos(x^2")).toMatch(/^your answer cell q has a parse error at line 1, column \d+: /);
    expect(q1.feedback("y = 1\nq1 = 2x * * cos(x^2)")).toMatch(
      /^your answer cell q has a parse error at line 2, column \d+: /,
    );
    expect(q1.feedback("q1 = foo(x, y)")).toMatch(/^your answer cell q stopped with an error at line 1, column \d+: /);
  });

  it("no engine wording reaches a student, whatever the answer", () => {
    const internal =
      /sample point|domain of both|canonical|generator|numerator|internal|rounding|undefined|NaN|Infinity|\[object|at Object|Error:/;
    const answers = [
      "q1 = 2x cos(x^2) + 1e-8",
      "q1 = sqrt(-x^2 - 1)",
      "q1 = log(-x^2 - 1)",
      "q1 = 1/0",
      "q1 = [1, 2]",
      'q1 = "text"',
      "q1 = x = 1",
      "q1 = solve(x^2 = 4, x)",
      "q1 = 0/0",
      "q1 = 10^400",
      "q1 = 2x cos(x^2 + 1e-12)",
      "q1 = asin(x + 5)",
      "q1 = ",
      "q1 = (",
      "q1(t) = t",
      "q1 = dense(2 → 3, relu)",
      "q1 = gd(x^2, x = 4, η = 0.1)",
      "q1 = [1, 2; 3, 4]",
      "q1 = x^x^x^x",
      "q1 = 2x cos(x^2) * (1 + 1e-7)",
    ];
    for (const a of answers) {
      const f = q1.feedback(a);
      expect(f, a).not.toMatch(internal);
      expect(q1.score(a), a).toBe(0);
    }
  });
});
