// Small homeworks written in a test, and submissions to them: a master from a list of cells, its
// student version by `assign`, and a submission with the student's answers (and any cells they
// add), graded in-process as the grader's workers do.
import { assign } from "../../src/grading/assign.js";
import { gradeSubmission, prepareKey, type Key, type StudentResult } from "../../src/grading/grade-one.js";
import { emptyNotebook, gradeId, toSourceLines, type Cell, type Notebook } from "../../src/grading/notebook.js";

export type MasterCell =
  | { setup: string; id?: string }
  | { answer: string; id: string }
  | { test: string; id: string; points: number }
  | { markdown: string };

function code(source: string, nbgrader: Cell["metadata"]["nbgrader"]): Cell {
  return {
    cell_type: "code",
    source: toSourceLines(source),
    metadata: { nbgrader },
    outputs: [],
    execution_count: null,
  } as Cell;
}

export function masterOf(cells: MasterCell[]): Notebook {
  let setups = 0;
  const nb = emptyNotebook();
  nb.cells = cells.map((c): Cell => {
    if ("markdown" in c) return { cell_type: "markdown", source: toSourceLines(c.markdown), metadata: {} } as Cell;
    if ("setup" in c)
      return code(c.setup, {
        schema_version: 3,
        grade: false,
        solution: false,
        locked: true,
        grade_id: c.id ?? `setup${++setups}`,
      });
    if ("answer" in c)
      return code(`### BEGIN SOLUTION\n${c.answer}\n### END SOLUTION`, {
        schema_version: 3,
        grade: false,
        solution: true,
        locked: false,
        grade_id: c.id,
      });
    return code(c.test, {
      schema_version: 3,
      grade: true,
      solution: false,
      locked: true,
      grade_id: c.id,
      points: c.points,
    });
  });
  return nb;
}

/**
 * The student version with each answer cell's text replaced (by grade_id); `after` inserts cells of
 * the student's own after the cell with that grade_id (or at the top, for "").
 */
export function submission(key: Key, answers: Record<string, string>, after: Record<string, string[]> = {}): string {
  const cells: Cell[] = [];
  const own = (source: string): Cell =>
    ({ cell_type: "code", source: toSourceLines(source), metadata: {}, outputs: [], execution_count: null }) as Cell;
  for (const text of after[""] ?? []) cells.push(own(text));
  for (const cell of key.released.cells) {
    const id = gradeId(cell);
    cells.push(id && id in answers ? { ...cell, source: toSourceLines(answers[id]) } : cell);
    for (const text of (id && after[id]) || []) cells.push(own(text));
  }
  return JSON.stringify({ ...key.released, cells });
}

export function keyOf(cells: MasterCell[]): Key {
  return prepareKey(masterOf(cells));
}

export function grade(key: Key, answers: Record<string, string>, after: Record<string, string[]> = {}): StudentResult {
  return gradeSubmission(key, "student", "student.ipynb", submission(key, answers, after), { statementMs: 5000 });
}

/** Points per grading cell, { q1_test: 2, … }. */
export function points(r: StudentResult): Record<string, number> {
  return Object.fromEntries(r.grades.map((g) => [g.gradeId, g.earned]));
}

/** Every verdict's feedback, in order. */
export function feedbacks(r: StudentResult): string[] {
  return r.grades.flatMap((g) => g.verdicts.map((v) => v.feedback));
}

export { assign };
