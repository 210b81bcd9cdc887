// A 1×1 matrix is a matrix of one row and one column: the Hessian of one variable, the Jacobian of
// one function of one variable, [[a]], [a]ᵀ. It prints as the one-column matrix of one row, [[a]]
// (text [[a]]), not as the transposed row [a]ᵀ; a 1-vector (the gradient of one variable, [a])
// prints [a]; a one-row matrix [a, b]ᵀ and a one-column matrix [[a], [b]]. LaTeX writes each as a
// bmatrix of its rows. Every text and pretty form reads back to the same value, shape included.
import katex from "katex";
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";
import type { StatementResult } from "../src/results.js";

const bmatrix = (rows: string[][]) =>
  `\\begin{bmatrix} ${rows.map((r) => r.join(" & ")).join(" \\\\ ")} \\end{bmatrix}`;

function shown(program: string): StatementResult {
  const results = new Session().run(program);
  const last = results.at(-1)!;
  expect(last.status, last.error?.message).toBe("ok");
  return last;
}

/** Text and pretty both parse, in a fresh session, to the very node printed (shape included). */
function expectReadsBack(r: StatementResult): void {
  for (const printed of [r.text, r.pretty]) {
    const [back] = new Session().run(printed);
    expect(back.status, `${printed}: ${back.error?.message}`).toBe("ok");
    expect(back.value, `${printed} reads back`).toBe(r.value);
    expect(back.value?.shape).toEqual(r.value?.shape);
  }
  expect(() => katex.renderToString(r.latex, { throwOnError: true })).not.toThrow();
}

/** The program's value has this shape, these printed forms, and reads back. */
function expectForms(program: string, shape: number[], pretty: string, text: string, rows: string[][]) {
  const r = shown(program);
  expect(r.value?.shape).toEqual(shape);
  expect(r.pretty).toBe(pretty);
  expect(r.text).toBe(text);
  expect(r.latex).toBe(bmatrix(rows));
  expectReadsBack(r);
  return r;
}

// [program, shape, pretty, text, LaTeX rows]
const ONE_BY_ONE: [string, number[], string, string, string[][]][] = [
  ["f(x) = x^4\nhessian(f)", [1, 1], "[[12x²]]", "[[12*x^2]]", [["12 x^{2}"]]],
  ["hessian(x^4)", [1, 1], "[[12x²]]", "[[12*x^2]]", [["12 x^{2}"]]],
  ["∇²(sin(t))", [1, 1], "[[−sin(t)]]", "[[-sin(t)]]", [["-\\sin\\left(t\\right)"]]],
  ["jacobian([x^2], [x])", [1, 1], "[[2x]]", "[[2*x]]", [["2 x"]]],
  ["[[a]]", [1, 1], "[[a]]", "[[a]]", [["a"]]],
  ["[a]ᵀ", [1, 1], "[[a]]", "[[a]]", [["a"]]],
  ["[5]'", [1, 1], "[[5]]", "[[5]]", [["5"]]],
  ["zeros(1, 1)", [1, 1], "[[0]]", "[[0]]", [["0"]]],
  ["[[1/2]]", [1, 1], "[[1/2]]", "[[1/2]]", [["\\frac{1}{2}"]]],
  ["[[-3]]", [1, 1], "[[−3]]", "[[-3]]", [["-3"]]],
  ["[[x + 1]]", [1, 1], "[[x + 1]]", "[[x + 1]]", [["x + 1"]]],
];

const OTHERS: [string, number[], string, string, string[][]][] = [
  // A 1-vector: the gradient of one variable, [a].
  ["f(x) = x^4\n∇f", [1], "[4x³]", "[4*x^3]", [["4 x^{3}"]]],
  ["grad(x^4)", [1], "[4x³]", "[4*x^3]", [["4 x^{3}"]]],
  ["[a]", [1], "[a]", "[a]", [["a"]]],
  ["[[a]]ᵀ", [1], "[a]", "[a]", [["a"]]],
  // 1×n: the Jacobian of one function, a row.
  ["jacobian([x^2 y], [x, y])", [1, 2], "[2x y, x²]ᵀ", "transpose([2*x*y, x^2])", [["2 x y", "x^{2}"]]],
  ["[[a, b]]", [1, 2], "[a, b]ᵀ", "transpose([a, b])", [["a", "b"]]],
  ["[a, b]ᵀ", [1, 2], "[a, b]ᵀ", "transpose([a, b])", [["a", "b"]]],
  ["ones(1, 3)", [1, 3], "[1, 1, 1]ᵀ", "transpose([1, 1, 1])", [["1", "1", "1"]]],
  // n×1: the Jacobian of n functions of one variable, a column matrix.
  ["jacobian([x^2, x^3], [x])", [2, 1], "[[2x], [3x²]]", "[[2*x], [3*x^2]]", [["2 x"], ["3 x^{2}"]]],
  ["[[a], [b]]", [2, 1], "[[a], [b]]", "[[a], [b]]", [["a"], ["b"]]],
  ["zeros(3, 1)", [3, 1], "[[0], [0], [0]]", "[[0], [0], [0]]", [["0"], ["0"], ["0"]]],
  // n-vectors and n×n: unchanged.
  ["grad(x^2 + y^2)", [2], "[2x, 2y]", "[2*x, 2*y]", [["2 x"], ["2 y"]]],
  [
    "hessian(x^3 + y^3)",
    [2, 2],
    "[6x, 0; 0, 6y]",
    "[6*x, 0; 0, 6*y]",
    [
      ["6 x", "0"],
      ["0", "6 y"],
    ],
  ],
];

describe("a 1×1 matrix prints as [[a]]", () => {
  it.each(ONE_BY_ONE)("%s", (...form) => {
    expect(expectForms(...form).pretty).not.toContain("ᵀ");
  });

  it("an assignment shows it the same way", () => {
    const r = shown("H = hessian(x^4)");
    expect(r.pretty).toBe("H = [[12x²]]");
    expect(r.latex).toBe(`H = ${bmatrix([["12 x^{2}"]])}`);
  });

  it("and checks as the matrix it is", () => {
    expect(shown("check hessian(x^4) == [[12x^2]]").verdict).toBe("equivalent");
    expect(shown("check hessian(x^4) == [12x^2]ᵀ").verdict).toBe("equivalent");
  });
});

describe("1-vectors, 1×n and n×1 keep their forms", () => {
  it.each(OTHERS)("%s", (...form) => void expectForms(...form));
});

describe("generated one-row, one-column and 1×1 matrices read back", () => {
  const entries = ["0", "7", "-2", "1/3", "x", "x^2 + 1", "sin(y)", "2x y"];
  const cases: string[] = [];
  for (let m = 1; m <= 3; m++)
    for (let n = 1; n <= 3; n++) {
      if (m > 1 && n > 1) continue;
      const pick = (i: number, j: number) => entries[(3 * i + 5 * j + m + n) % entries.length];
      const rows = Array.from(
        { length: m },
        (_, i) => `[${Array.from({ length: n }, (_, j) => pick(i, j)).join(", ")}]`,
      );
      cases.push(`[${rows.join(", ")}]`);
    }

  it.each(cases)("%s", (typed) => {
    const r = shown(typed);
    const [m, n] = r.value!.shape as number[];
    expect(r.value?.shape.length).toBe(2);
    if (m === 1 && n === 1) expect(r.pretty).toMatch(/^\[\[[^\]]*\]\]$/);
    if (m === 1 && n > 1) expect(r.pretty.endsWith("]ᵀ")).toBe(true);
    if (n === 1) expect(r.pretty.startsWith("[[")).toBe(true);
    expectReadsBack(r);
  });
});
