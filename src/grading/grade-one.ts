// Grades one submission against the key, in-process, in two sessions (./key.ts): the student's
// cells run in their order (locked cells replaced by the key's), and the key's own session runs the
// master's setup, locked and grading cells (hidden tests included), reading only the answers from
// the student's. Both run under the time and size limits. Whatever cannot be graded scores zero
// with its reason.
import type { Environment, Limits } from "../environment.js";
import { Session } from "../session.js";
import type { StatementResult } from "../results.js";
import { assign, withHiddenTests } from "./assign.js";
import { StudentTrace, answerInfo, type AnswerKeyInfo } from "./key.js";
import {
  NotebookError,
  gradeId,
  lockedCellChange,
  isGradeCell,
  isLocked,
  isSolutionCell,
  parseNotebook,
  sourceOf,
  type Cell,
  type Notebook,
} from "./notebook.js";

export interface ExpectVerdict {
  source: string;
  earned: number;
  possible: number;
  verdict: "correct" | "partial" | "incorrect" | "missing" | "error";
  feedback: string;
  /** The branch that matched: 0 the right answer, k ≥ 1 a named mistake, -1 none (feedback then is the engine's). */
  branch?: number;
}

export interface CellGrade {
  gradeId: string;
  earned: number;
  possible: number;
  verdicts: ExpectVerdict[];
  /** An instructor's override (overrides.ts): `earned` is its points; `graded` what grading gave. */
  override?: { points: number; comment: string; graded: number };
}

/** What one cell printed, for the feedback notebook. */
export interface CellRun {
  gradeId: string | null;
  source: string;
  kind: "answer" | "grading" | "locked" | "other" | "markdown";
  results: Pick<StatementResult, "status" | "pretty" | "latex" | "silent" | "score" | "error">[];
}

export interface StudentResult {
  student: string;
  file: string;
  total: number;
  possible: number;
  grades: CellGrade[];
  problems: string[];
  /** Locked cells kept as `assign` released them, where the key has changed since. */
  keyChanged?: string[];
  /** Locked cells handed in as the key has them now: counted across the class, they tell a key change from a forger. */
  kept?: string[];
  /** Per-student parameters: whose values the key was computed with, found where, and the values. */
  parameters?: { student: string; from: "metadata" | "file name"; values: Record<string, string> };
  runs: CellRun[];
}

export interface GradeOptions {
  /** Time limit per statement, ms. */
  statementMs: number;
}

export interface Key {
  master: Notebook;
  /** The student version, for checksums of locked cells. */
  released: Notebook;
  gradeCells: { id: string; points: number }[];
  /** The answers the master's solution cells define. */
  answers: AnswerKeyInfo;
}

export function prepareKey(master: Notebook): Key {
  const released = assign(master);
  const gradeCells = master.cells
    .filter(isGradeCell)
    .map((c) => ({ id: gradeId(c) ?? "?", points: Number(c.metadata.nbgrader?.points ?? 0) }));
  return { master, released, gradeCells, answers: answerInfo(master) };
}

function keyCellById(key: Key, id: string): { master: Cell; released: Cell } | undefined {
  const i = key.master.cells.findIndex((c) => gradeId(c) === id);
  return i < 0 ? undefined : { master: key.master.cells[i], released: key.released.cells[i] };
}

function zeroGrades(key: Key): CellGrade[] {
  return key.gradeCells.map((g) => ({ gradeId: g.id, earned: 0, possible: g.points, verdicts: [] }));
}

/** The cells to run: the student's order, with the key's locked and grading cells put back. */
function cellsToRun(
  key: Key,
  nb: Notebook,
  problems: string[],
  keyChanged: string[] = [],
  kept: string[] = [],
): { cell: Cell; kind: CellRun["kind"] }[] {
  const seen = new Set<string>();
  const out: { cell: Cell; kind: CellRun["kind"] }[] = [];
  for (const cell of nb.cells) {
    const id = gradeId(cell);
    const fromKey = id ? keyCellById(key, id) : undefined;
    if (id && seen.has(id)) {
      problems.push(`grade_id ${id} appears twice; the second copy was ignored`);
      continue;
    }
    if (id) seen.add(id);
    if (cell.cell_type !== "code") {
      out.push({ cell, kind: "markdown" });
      continue;
    }
    if (fromKey && (isLocked(fromKey.master) || isGradeCell(fromKey.master)) && !isSolutionCell(fromKey.master)) {
      const change = lockedCellChange(cell, fromKey.released);
      if (change === "changed") problems.push(`the locked cell ${id} was changed; it was restored from the key`);
      else if (change === "key changed") keyChanged.push(id!);
      else kept.push(id!);
      out.push({ cell: fromKey.master, kind: isGradeCell(fromKey.master) ? "grading" : "locked" });
    } else if (fromKey && isSolutionCell(fromKey.master)) {
      out.push({ cell, kind: "answer" });
    } else {
      out.push({ cell, kind: id && !fromKey ? "other" : "other" });
      if (id && !fromKey)
        problems.push(`the cell ${id} is not in the key (a renamed grade_id?); it ran but earns nothing`);
    }
  }
  for (const cell of key.master.cells) {
    const id = gradeId(cell);
    if (!id || seen.has(id)) continue;
    if (isSolutionCell(cell)) problems.push(`the answer cell ${id} is missing`);
    if (isGradeCell(cell) || isLocked(cell)) {
      if (!isSolutionCell(cell))
        problems.push(
          `the ${isGradeCell(cell) ? "grading" : "locked"} cell ${id} was missing; it was restored from the key`,
        );
      if (cell.cell_type === "code" && !isSolutionCell(cell))
        out.push({ cell, kind: isGradeCell(cell) ? "grading" : "locked" });
    }
  }
  return out;
}

export function gradeSubmission(
  key: Key,
  student: string,
  file: string,
  text: string,
  options: GradeOptions,
): StudentResult {
  const problems: string[] = [];
  const possible = key.gradeCells.reduce((s, g) => s + g.points, 0);
  let nb: Notebook;
  try {
    nb = parseNotebook(text);
  } catch (err) {
    const reason = err instanceof NotebookError ? err.message : `the file could not be read: ${(err as Error).message}`;
    return { student, file, total: 0, possible, grades: zeroGrades(key), problems: [reason], runs: [] };
  }
  const limits = { timeMs: options.statementMs };
  const trace = new StudentTrace(key.answers);
  const studentSession = new Session({ limits, onStatement: (st, code) => trace.record(st, code) });
  const grades = new Map<string, CellGrade>(zeroGrades(key).map((g) => [g.gradeId, g]));
  const keyChanged: string[] = [];
  const kept: string[] = [];
  const runs: CellRun[] = [];
  // The student's cells, in their order: each grading cell only notes the answers as they stand there.
  const answersAt = new Map<string, ReturnType<StudentTrace["snapshot"]>>();
  const gradingRuns = new Map<string, CellRun>();
  for (const { cell, kind } of cellsToRun(key, nb, problems, keyChanged, kept)) {
    const id = gradeId(cell) ?? null;
    const source = sourceOf(cell);
    if (kind === "markdown") {
      runs.push({ gradeId: id, source, kind, results: [] });
      continue;
    }
    if (kind === "grading") {
      const run: CellRun = { gradeId: id, source, kind, results: [] };
      runs.push(run);
      if (id) {
        answersAt.set(id, trace.snapshot(studentSession.env));
        gradingRuns.set(id, run);
      }
      continue;
    }
    trace.studentCell = kind !== "locked";
    const results = studentSession.run(source);
    if (kind === "answer" && id) trace.answerCell(id, results);
    runs.push({ gradeId: id, source, kind, results: results.map(shown) });
  }
  // The key: each grading cell runs in a session of its own, started from the key's names as they
  // stood before that cell (computed once per worker, keyPlan), reading the student's answers.
  const final = trace.snapshot(studentSession.env);
  for (const { id, source, before } of keyPlan(key, limits)) {
    trace.use(answersAt.get(id) ?? final);
    const keySession = new Session({ limits, answers: trace });
    restoreNames(keySession.env, before);
    const results = keySession.run(source);
    const run = gradingRuns.get(id);
    if (run) run.results = results.map(shown);
    const grade = grades.get(id);
    if (grade) scoreCell(grade, results);
  }
  const all = [...grades.values()];
  return {
    student,
    file,
    total: Math.round(all.reduce((s, g) => s + g.earned, 0) * 1e6) / 1e6,
    possible,
    grades: all,
    problems,
    runs,
    ...(keyChanged.length ? { keyChanged } : {}),
    ...(kept.length ? { kept } : {}),
  };
}

/** The names a session holds between statements. */
type Names = Pick<Environment, "values" | "typings" | "functions" | "shapes" | "models" | "datasets">;

function saveNames(env: Environment): Names {
  return {
    values: new Map(env.values),
    typings: new Map(env.typings),
    functions: new Map(env.functions),
    shapes: new Map(env.shapes),
    // Training changes a network's weights in place: each copy has its own.
    models: structuredClone(env.models),
    datasets: new Map(env.datasets),
  };
}

/** Puts saved names into a fresh session's environment; graph nodes are immutable, weights copied. */
function restoreNames(env: Environment, names: Names): void {
  for (const [k, v] of names.values) env.values.set(k, v);
  for (const [k, v] of names.typings) env.typings.set(k, v);
  for (const [k, v] of names.functions) env.functions.set(k, v);
  for (const [k, v] of names.shapes) env.shapes.set(k, v);
  for (const [k, v] of names.models.size ? structuredClone(names.models) : names.models) env.models.set(k, v);
  for (const [k, v] of names.datasets) env.datasets.set(k, v);
}

/** A grading cell of the key and the key's names just before it. */
interface KeyStep {
  id: string;
  source: string;
  before: Names;
}

const plans = new WeakMap<Key, Map<string, KeyStep[]>>();

/**
 * The key does not depend on the student: the master's setup, locked and grading cells run once (per
 * worker and limits) in a session that has no answers, and the names before each grading cell are
 * kept. Each student's grading cells then run on a copy of those names with the student's answers,
 * so nothing one student defines reaches the key or the next student. Only `expect` reads answers;
 * the key's other statements give the same names for everyone.
 */
export function keyPlan(key: Key, limits: Partial<Limits>): KeyStep[] {
  const byLimits = plans.get(key) ?? new Map<string, KeyStep[]>();
  plans.set(key, byLimits);
  const known = byLimits.get(JSON.stringify(limits));
  if (known) return known;
  const template = new Session({ limits, answers: new StudentTrace(key.answers) });
  const steps: KeyStep[] = [];
  for (const cell of key.master.cells) {
    if (cell.cell_type !== "code" || isSolutionCell(cell) || !(isLocked(cell) || isGradeCell(cell))) continue;
    const id = gradeId(cell);
    if (!isGradeCell(cell) || !id) {
      template.run(sourceOf(cell));
      continue;
    }
    const source = withHiddenTests(sourceOf(cell));
    steps.push({ id, source, before: saveNames(template.env) });
    template.run(source);
  }
  byLimits.set(JSON.stringify(limits), steps);
  return steps;
}

function shown({ status, pretty, latex, silent, score, error }: StatementResult): CellRun["results"][number] {
  return { status, pretty, latex, silent, score, error };
}

function scoreCell(grade: CellGrade, results: readonly StatementResult[]): void {
  const verdicts: ExpectVerdict[] = [];
  for (const r of results) {
    if (r.score) verdicts.push({ source: r.source, ...r.score });
    else if (r.status === "error")
      verdicts.push({ source: r.source, earned: 0, possible: 0, verdict: "error", feedback: r.error!.message });
  }
  const declared = verdicts.reduce((s, v) => s + v.possible, 0);
  grade.verdicts = verdicts;
  if (declared > 0) {
    grade.earned = verdicts.reduce((s, v) => s + v.earned, 0) * (grade.possible > 0 ? grade.possible / declared : 1);
    if (grade.possible === 0) grade.possible = declared;
  } else {
    // No expect statements: nbgrader's rule, full points when the cell runs without an error.
    grade.earned = results.every((r) => r.status === "ok") ? grade.possible : 0;
  }
  grade.earned = Math.round(grade.earned * 1e6) / 1e6;
}
