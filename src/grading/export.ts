// `nabla grade --export canvas|moodle`: the gradebook in an LMS's own CSV import format, beside
// gradebook.csv. One assignment column, named after the key, holds each student's total.
// - Canvas (Grades → Import): Student, ID, SIS User ID, SIS Login ID, Section, then one column per
//   assignment; the second row is "Points Possible". Canvas matches a row by any of Student, ID or
//   SIS User ID: the student's id goes in SIS User ID, their name in Student.
// - Moodle (Grade administration → Import → CSV file): a column that identifies the user (here
//   "ID number", and "Email address" when the id is one), a column per grade item, and its feedback;
//   the import form maps each column to the user field or grade item.
// Cells are written as in gradebook.csv: csv-stringify, control characters escaped, formulas
// neutralised (names and ids come from students).
import { stringify } from "csv-stringify/sync";
import { join } from "node:path";
import { writeAtomic } from "./files.js";
import { csvCell } from "./gradebook.js";
import type { StudentResult } from "./grade-one.js";

export const EXPORT_FORMATS = ["canvas", "moodle"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type ExportRow = Pick<StudentResult, "student" | "total" | "possible" | "problems"> & { name?: string };

const points = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));
const byId = (a: ExportRow, b: ExportRow) => (a.student < b.student ? -1 : a.student > b.student ? 1 : 0);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function csv(rows: string[][]): string {
  return stringify(
    rows.map((row) => row.map(csvCell)),
    { record_delimiter: "\n" },
  );
}

export function canvasCsv(results: ExportRow[], assignment: string, possible: number): string {
  const rows = [
    ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", assignment],
    ["    Points Possible", "", "", "", "", points(possible)],
    ...[...results].sort(byId).map((r) => [r.name ?? r.student, "", r.student, "", "", points(r.total)]),
  ];
  return csv(rows);
}

export function moodleCsv(results: ExportRow[], assignment: string): string {
  const rows = [
    ["ID number", "Email address", assignment, `${assignment} feedback`],
    ...[...results]
      .sort(byId)
      .map((r) => [
        r.student,
        EMAIL.test(r.student) ? r.student : "",
        points(r.total),
        `${points(r.total)} of ${points(r.possible)}${r.problems.length ? `; ${r.problems.join("; ")}` : ""}`,
      ]),
  ];
  return csv(rows);
}

/** Writes OUT/canvas.csv, OUT/moodle.csv as asked; returns the paths. */
export function writeExports(
  out: string,
  formats: readonly ExportFormat[],
  results: ExportRow[],
  assignment: string,
  possible: number,
): string[] {
  const paths: string[] = [];
  for (const format of [...new Set(formats)]) {
    const path = join(out, `${format}.csv`);
    writeAtomic(path, format === "canvas" ? canvasCsv(results, assignment, possible) : moodleCsv(results, assignment));
    paths.push(path);
  }
  return paths;
}
