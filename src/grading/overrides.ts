// Instructors' overrides, OUT/overrides.csv (`student,grade_id,points,comment`): applied to every
// grade and re-grade, shown in the student's feedback and marked in gradebook.json. The grades kept
// in OUT/.results/ stay as graded, so an override removed from the file is gone at the next run.
// A row that cannot apply (an unknown student or question, points that are not a number from 0 to
// the question's points) is reported with its line and skipped; nothing in the file stops a run.
// `--only GRADE_ID`: the other questions keep their points from the earlier gradebook.json.
import { existsSync, readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import type { CellGrade, StudentResult } from "./grade-one.js";

export interface Override {
  points: number;
  comment: string;
  /** The line of overrides.csv it came from. */
  line: number;
}

export interface Overrides {
  /** Student → grade_id → override. */
  byStudent: Map<string, Map<string, Override>>;
  /** Rows that were not applied, and why. */
  problems: string[];
}

export const NO_OVERRIDES: Overrides = { byStudent: new Map(), problems: [] };

const COLUMNS = ["student", "grade_id", "points", "comment"];

export function readOverrides(
  path: string,
  students: ReadonlySet<string>,
  cells: readonly { id: string; points: number }[],
): Overrides {
  if (!existsSync(path)) return NO_OVERRIDES;
  let rows: string[][];
  try {
    rows = parse(readFileSync(path, "utf8"), {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      // A quote inside an unquoted field (typed by hand: 2" wide) is kept as text, not a broken file.
      relax_quotes: true,
    }) as string[][];
  } catch (err) {
    return {
      byStudent: new Map(),
      problems: [`overrides.csv is not readable CSV, so no override was applied: ${(err as Error).message}`],
    };
  }
  const out: Overrides = { byStudent: new Map(), problems: [] };
  const header = rows[0]?.map((h) => h.toLowerCase());
  if (!header || !["student", "grade_id", "points"].every((c) => header.includes(c))) {
    out.problems.push(`overrides.csv needs a header row ${COLUMNS.join(",")}; no override was applied`);
    return out;
  }
  const col = (row: string[], name: string) => row[header.indexOf(name)] ?? "";
  const possible = new Map(cells.map((c) => [c.id, c.points]));
  rows.slice(1).forEach((row, i) => {
    const line = i + 2;
    const bad = (why: string) => out.problems.push(`overrides.csv line ${line}: ${why}; not applied`);
    const student = col(row, "student");
    const gradeId = col(row, "grade_id");
    const text = col(row, "points");
    if (row.length > header.length)
      return bad(`${row.length} cells for ${header.length} columns (a comment with a comma needs quotes)`);
    if (!students.has(student)) return bad(`no submission has the id ${JSON.stringify(student)}`);
    const max = possible.get(gradeId);
    if (max === undefined) return bad(`the key has no grading cell ${JSON.stringify(gradeId)}`);
    const points = /^[+-]?(\d+\.?\d*|\.\d+)$/.test(text) ? Number(text) : NaN;
    if (!(points >= 0 && points <= max))
      return bad(`points must be a number from 0 to ${max}, not ${JSON.stringify(text)}`);
    const forStudent = out.byStudent.get(student) ?? new Map<string, Override>();
    const earlier = forStudent.get(gradeId);
    if (earlier)
      out.problems.push(
        `overrides.csv line ${line}: a second override of ${gradeId} for ${student}; it replaces line ${earlier.line}`,
      );
    out.byStudent.set(student, forStudent.set(gradeId, { points, comment: col(row, "comment"), line }));
  });
  return out;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

function withTotal(r: StudentResult, grades: CellGrade[]): StudentResult {
  return { ...r, grades, total: round(grades.reduce((s, g) => s + g.earned, 0)) };
}

/** The result with the instructor's points where an override says so, the automatic grade kept beside. */
export function applyOverrides(r: StudentResult, overrides: Overrides): StudentResult {
  const mine = overrides.byStudent.get(r.student);
  if (!mine) return r;
  return withTotal(
    r,
    r.grades.map((g) => {
      const o = mine.get(g.gradeId);
      return o ? { ...g, earned: o.points, override: { points: o.points, comment: o.comment, graded: g.earned } } : g;
    }),
  );
}

/** The earlier gradebook.json's grades, by student, for `--only`. */
export function readEarlierGrades(path: string): Map<string, CellGrade[]> {
  let book: { students?: { student?: unknown; grades?: unknown }[] };
  try {
    book = JSON.parse(readFileSync(path, "utf8")) as typeof book;
  } catch {
    throw new Error(`--only re-grades one question of an earlier run, but ${path} cannot be read`);
  }
  const out = new Map<string, CellGrade[]>();
  for (const s of book.students ?? [])
    if (typeof s.student === "string" && Array.isArray(s.grades)) out.set(s.student, s.grades as CellGrade[]);
  return out;
}

/**
 * `--only GRADE_ID`: the new grade of that question, the earlier grades of the others (as graded,
 * without the earlier overrides, which apply again). A student new since the earlier run is graded in full.
 */
export function keepOtherQuestions(
  r: StudentResult,
  earlier: ReadonlyMap<string, CellGrade[]>,
  only: string,
): StudentResult {
  const before = earlier.get(r.student);
  if (!before) return r;
  const grades = r.grades.map((g) => {
    if (g.gradeId === only) return g;
    const kept = before.find((b) => b.gradeId === g.gradeId);
    if (!kept) return g;
    const { override, ...graded } = kept;
    return { ...graded, earned: override ? override.graded : graded.earned };
  });
  return withTotal(r, grades);
}
