// gradebook.csv (a row per student, a column per graded cell, the total) and gradebook.json
// (every verdict with its reason), in a stable order: students by name, cells by the key.
import type { StudentResult } from "./grade-one.js";

function csvField(value: string | number): string {
  const s = String(value);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));

export function gradebookCsv(results: StudentResult[], gradeIds: string[]): string {
  const rows = [["student", ...gradeIds, "total", "possible", "problems"].map(csvField).join(",")];
  for (const r of [...results].sort((a, b) => a.student.localeCompare(b.student))) {
    const byId = new Map(r.grades.map((g) => [g.gradeId, g.earned]));
    rows.push([r.student, ...gradeIds.map((id) => fmt(byId.get(id) ?? 0)), fmt(r.total), fmt(r.possible), r.problems.join("; ")].map(csvField).join(","));
  }
  return rows.join("\n") + "\n";
}

export function gradebookJson(results: StudentResult[]): string {
  const students = [...results]
    .sort((a, b) => a.student.localeCompare(b.student))
    .map(({ student, file, total, possible, grades, problems }) => ({ student, file, total, possible, grades, problems }));
  return JSON.stringify({ students }, null, 1) + "\n";
}
