// A broken statement spoils itself only: an unclosed bracket, a stray closer or an unclosed string
// in one statement of a file or an answer cell does not take the statements after it along.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/session.js";

type StatementResult = ReturnType<Session["run"]>[number];
import { scan, scanAll } from "../../src/syntax/scanner.js";

/** Statements that start as nothing inside a bracket does: they end an unclosed bracket's statement. */
const GOOD = ["a = 2", "f(x) = x^2 + 1", "w_1 = [1, 2; 3, 4]", "check d/dx sin(x) == cos(x)", "g(x, y) = x y", "θ = 3"];

/** Each broken the way a hurried user breaks one, on one line or two. */
const BROKEN = [
  "A = [1, 2; 3, 4",
  "A = [1, 2;\n 3, 4",
  "h(x) = (x + 1",
  "v = [1, 2, (3",
  "u = (1 + 2))",
  "B = [1, 2]]",
  's = "unfinished',
  "t = sin(x]",
];

function shown(r: StatementResult): string {
  return r.error ? `error ${r.error.kind} at line ${r.error.line}` : r.pretty;
}

/** What the good statements print when run alone, in order, in one session. */
function alone(statements: string[]): string[] {
  const s = new Session();
  return statements.flatMap((st) => s.run(st).map(shown));
}

describe("a broken statement spoils only itself", () => {
  const cells: [string, string, string][] = [];
  for (const broken of BROKEN)
    for (let k = 0; k < GOOD.length; k++) cells.push([broken, GOOD[k], GOOD[(k + 1) % GOOD.length]]);

  it.each(cells)("%j, then %j and %j", (broken, first, second) => {
    const cell = [first, broken, second, first].join("\n");
    const results = new Session().run(cell).map(shown);
    const brokenLine = 2;
    expect(results).toEqual([
      ...alone([first]),
      `error parse at line ${brokenLine + (broken.includes("\n") ? 1 : 0)}`,
      ...alone([first, second, first]).slice(1),
    ]);
  });

  it.each(BROKEN)("%j at the end of a cell is one error after the statements before it", (broken) => {
    const results = new Session().run(`a = 1\n${broken}`).map(shown);
    expect(results).toEqual(["a = 1", expect.stringMatching(/^error parse at line [23]$/)]);
  });

  it("an unclosed bracket with no statement after it takes the rest, as before", () => {
    const results = new Session().run("A = [1, 2\n3, 4\n5, 6").map(shown);
    expect(results).toEqual(["error parse at line 3"]);
  });

  it("the error names the bracket left open, not a closer lines later", () => {
    const [first] = new Session().run("A = [1, 2;\n 3, 4\nb = 2\nx = (1 + 2))");
    expect(first.error?.message).toBe("expected `]` to close the matrix opened at 1:5");
  });

  it("an answer cell keeps its later answers", () => {
    const s = new Session();
    const results = s.run("q1 = [1, 2; 3, 4\nq2 = 2x cos(x^2)\nq3 = 7").map(shown);
    expect(results).toEqual(["error parse at line 1", "q2 = 2x cos(x²)", "q3 = 7"]);
  });

  it("a thousand broken statements end in one error for the rest, not a pass each", () => {
    const cell = Array.from({ length: 1000 }, (_, i) => `x${i} = (${i}`).join("\n");
    const parts = scanAll(cell);
    expect(parts.length).toBe(100);
    expect(parts.every((p) => p.kind === "problem")).toBe(true);
  });

  it("a cell being typed is still incomplete while a bracket is open", () => {
    const scanned = scan("A = [1, 2;\nb = 2");
    expect(scanned.ok).toBe(false);
  });
});
