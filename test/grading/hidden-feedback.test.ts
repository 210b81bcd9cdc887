// A hidden test's feedback names nothing of the key. A wrong answer to one used to read "your answer
// gives 0; the expected value there is 5" or "off by a constant factor: it is 1/5 times the expected
// one": the hidden answer itself. Now a student reads the hint of the branch that fired, or only
// "incorrect"; the rubric keeps the engine's words for instructors. Visible tests still explain.
import { describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gradeClass } from "../../src/grading/grade.js";
import { parseNotebook } from "../../src/grading/notebook.js";
import { HOMEWORK_MASTER as MASTER, HOMEWORK_RELEASED as RELEASED, HOMEWORK_RIGHT, withAnswers } from "./class.js";

/** The hidden test of q5 expects lam = 5; each of these is wrong in a way the engine would describe. */
const WRONG_LAMBDAS = { zero: "0", fifth: "1", double: "10", symbol: "x" };

/** The verdict lines of a feedback notebook: its Markdown, line by line. */
function verdictLines(file: string): string[] {
  const nb = parseNotebook(readFileSync(file, "utf8"));
  return nb.cells.flatMap((c) => [c.source].flat().join("").split("\n")).filter((l) => /^- [✓✗◐] /.test(l));
}

describe("feedback on hidden tests", () => {
  const dir = mkdtempSync(join(tmpdir(), "nabla-hidden-"));
  const sub = join(dir, "submitted");
  const out = join(dir, "graded");
  mkdirSync(sub);
  for (const [name, lam] of Object.entries(WRONG_LAMBDAS))
    writeFileSync(
      join(sub, `${name}.ipynb`),
      JSON.stringify(withAnswers(RELEASED, { ...HOMEWORK_RIGHT, q5: `fmax = 24\nlam = ${lam}` })),
    );

  it("say only incorrect to a student, while the visible test of the same cell explains", async () => {
    await gradeClass({ key: MASTER, submissions: [sub], out, jobs: 1, statementMs: 20_000, quiet: true, rubric: true });
    for (const name of Object.keys(WRONG_LAMBDAS)) {
      const lines = verdictLines(join(out, "feedback", `${name}.ipynb`));
      const hidden = lines.filter((l) => l.includes("hidden test") && l.includes("0 / 1"));
      expect(hidden, name).toEqual(["- ✗ hidden test 1 — 0 / 1: incorrect"]);
      // The visible test of the same cell (fmax ≡ 25) says where the answer parts from the key, as before.
      expect(
        lines.find((l) => l.includes("0 / 2")),
        name,
      ).toMatch(/expected value there is 25/);
    }
  }, 240_000);

  it("keep the engine's words in the rubric, for instructors", () => {
    const hidden = verdictLines(join(out, "rubric", "zero.ipynb")).filter((l) => l.includes("(hidden) — 0 / 1"));
    expect(hidden).toHaveLength(1);
    expect(hidden[0]).toMatch(/expect lam ≡ 5 .*: your answer gives 0; the expected value there is 5$/);
  });
});
