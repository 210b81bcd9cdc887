// gradebook.csv (a row per student: id, name as found, a column per graded cell, the total) and gradebook.json
// (every verdict with its reason, the ids given to the submissions, notes on the run), in a stable
// order: students by id, cells by the key. Names and grade_ids come from students: in the CSV every
// control character is written as an escape (a bare \r must not start a row) and a cell that a
// spreadsheet would run as a formula is neutralised (OWASP, "CSV injection").
import { closeSync, mkdirSync, openSync, renameSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { stringify } from "csv-stringify/sync";
import type { StudentResult } from "./grade-one.js";

/** Controls (C0, DEL, C1), line and paragraph separators, and bidirectional overrides that reorder text. */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

export function escapeControls(text: string): string {
  return text.replace(CONTROL, (ch) => {
    const code = ch.codePointAt(0)!;
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}

/** OWASP: a cell starting with = + - @ (or tab, CR) is prefixed with ' so that it is read as text. */
export function csvCell(value: string): string {
  const s = escapeControls(value);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));

type GradebookRow = Pick<StudentResult, "student" | "grades" | "total" | "possible" | "problems"> & { name?: string };

export function gradebookCsvHeader(gradeIds: string[]): string {
  return csvRows([["student", "name", ...gradeIds, "total", "possible", "problems"]]);
}

export function gradebookCsvRow(r: GradebookRow, gradeIds: string[]): string {
  const earned = new Map(r.grades.map((g) => [g.gradeId, g.earned]));
  return csvRows([
    [
      r.student,
      r.name ?? r.student,
      ...gradeIds.map((id) => fmt(earned.get(id) ?? 0)),
      fmt(r.total),
      fmt(r.possible),
      r.problems.join("; "),
    ],
  ]);
}

function csvRows(rows: string[][]): string {
  return stringify(
    rows.map((row) => row.map(csvCell)),
    { record_delimiter: "\n" },
  );
}

export interface RunNotes {
  /** Submissions whose id is not their name, and why. */
  renamed: string[];
  /** Locked cells whose key text differs from what `assign` released to the students. */
  keyChanged: string[];
  /** overrides.csv: grades set by the instructor, and rows not applied (overrides.ts). */
  overrides?: { applied: number; problems: string[] };
  /** `--only`: the question re-graded; the others kept their points. */
  only?: string;
}

type JsonRow = Pick<StudentResult, "student" | "file" | "total" | "possible" | "grades" | "problems" | "parameters"> & {
  name?: string;
};

function jsonEntry({ student, name, file, total, possible, grades, problems, parameters }: JsonRow) {
  return {
    student,
    name: name ?? student,
    file,
    total,
    possible,
    ...(parameters ? { parameters } : {}),
    grades,
    problems,
  };
}

function runNotes(notes: RunNotes): Record<string, unknown> {
  const run: Record<string, unknown> = {};
  if (notes.keyChanged.length)
    run.keyChanged = `the key changed since assign: the locked cells ${notes.keyChanged.join(", ")} differ from the released ones; students who kept the released cells are not reported for them`;
  if (notes.renamed.length) run.renamed = notes.renamed;
  if (notes.overrides && (notes.overrides.applied || notes.overrides.problems.length)) run.overrides = notes.overrides;
  if (notes.only !== undefined) run.only = `only ${notes.only} was graded again; the other questions kept their points`;
  return run;
}

/**
 * The gradebook written a student at a time, in the order given (by id): the coordinator reads each
 * student's full result from disk for it and holds none of them, whatever the class's size.
 */
export class GradebookWriter {
  private readonly csv: number;
  private readonly json: number;
  private students = 0;

  constructor(
    private readonly csvPath: string,
    private readonly jsonPath: string,
    private readonly gradeIds: string[],
    notes: RunNotes,
  ) {
    mkdirSync(dirname(csvPath), { recursive: true });
    this.csv = openSync(`${csvPath}.tmp-${process.pid}`, "w");
    this.json = openSync(`${jsonPath}.tmp-${process.pid}`, "w");
    writeSync(this.csv, gradebookCsvHeader(gradeIds));
    const head = JSON.stringify(runNotes(notes), null, 1).slice(0, -1).trimEnd();
    writeSync(this.json, `${head}${head === "{" ? "" : ","}\n "students": [`);
  }

  add(r: JsonRow): void {
    writeSync(this.csv, gradebookCsvRow(r, this.gradeIds));
    const entry = JSON.stringify(jsonEntry(r), null, 1).replace(/\n/g, "\n  ");
    writeSync(this.json, `${this.students++ ? "," : ""}\n  ${entry}`);
  }

  close(): void {
    writeSync(this.json, `${this.students ? "\n " : ""}]\n}\n`);
    closeSync(this.csv);
    closeSync(this.json);
    renameSync(`${this.csvPath}.tmp-${process.pid}`, this.csvPath);
    renameSync(`${this.jsonPath}.tmp-${process.pid}`, this.jsonPath);
  }
}
