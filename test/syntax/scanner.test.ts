// Where statements end: at a newline or `;` outside brackets, except before `else` and after an
// operator or a continuing word.
import { describe, expect, it } from "vitest";
import { scan } from "../../src/syntax/scanner.js";

/** The statements, spaces run together (a joined line break reads as a space). */
const statements = (cell: string) => scan(cell).statements.map((s) => s.text.replace(/\s+/g, " ").trim());

describe("scan", () => {
  it("ends a statement at a newline or a semicolon", () => {
    expect(statements("x = 1\ny = 2; z")).toEqual(["x = 1", "y = 2", "z"]);
  });
  it("goes on after an operator or a continuing word at the end of a line", () => {
    expect(statements("y = 1 +\n  2")).toEqual(["y = 1 + 2"]);
    // The printed minus and × continue a line like - and *.
    expect(statements("y = 1 −\n  2")).toEqual(["y = 1 − 2"]);
    expect(statements("y = 3 ×\n  2")).toEqual(["y = 3 × 2"]);
    expect(statements("maximize x y subject\n  to x + y = 10")).toEqual(["maximize x y subject to x + y = 10"]);
    expect(statements("maximize x y subject to\n  x + y = 10")).toEqual(["maximize x y subject to x + y = 10"]);
  });
  it("ends the line when the last word only ends like a continuing word", () => {
    expect(statements("into\nx")).toEqual(["into", "x"]);
    expect(statements("x_to\ny")).toEqual(["x_to", "y"]);
  });
  it("joins a line that starts with else, past blank lines and comments", () => {
    const cell = 'expect q ≡ 2x points 2\n\n  # the usual slip\n  else "sign"\nz';
    expect(statements(cell)).toEqual(['expect q ≡ 2x points 2 else "sign"', "z"]);
  });
  it("does not join a line that starts with a longer word", () => {
    expect(statements("x\nelsewhere")).toEqual(["x", "elsewhere"]);
    expect(statements("x\n# else\ny")).toEqual(["x", "y"]);
  });
  it("turns a line break inside [ ] into a row break, unless the row goes on or the matrix ends", () => {
    expect(statements("A = [1, 2\n 3, 4]")).toEqual(["A = [1, 2; 3, 4]"]);
    expect(statements("A = [1, 2,\n 3, 4]")).toEqual(["A = [1, 2, 3, 4]"]);
    expect(statements("A = [1, 2 +\n 3, 4]")).toEqual(["A = [1, 2 + 3, 4]"]);
    expect(statements("A = [\n 1, 2\n 3, 4\n  ]")).toEqual(["A = [ 1, 2; 3, 4 ]"]);
  });

  it("reads a pasted data matrix of 20,000 lines, a row a line, in one pass", () => {
    // Each line break used to join the matrix so far into a string (20,000 lines: minutes).
    const rows = Array.from({ length: 20_000 }, (_, i) => `${i}, ${i % 7}, -${i % 3} # row ${i + 1}`);
    const cell = `X = [${rows.join("\n")}\n]\nsize(X)`;
    const [matrix, size] = scan(cell).statements;
    expect(matrix.text.split(";")).toHaveLength(20_000);
    expect(matrix.text.startsWith("X = [0, 0, -0 ")).toBe(true);
    expect(matrix.text).not.toContain("#");
    expect(size).toEqual({ text: "size(X)", offset: cell.length - "size(X)".length, silent: false });
  });
});
