// LMS exports: Canvas's gradebook import (Student, ID, SIS User ID, SIS Login ID, Section, the
// assignment; a "Points Possible" row) and Moodle's CSV grade import (an identifier column, the
// grade item, its feedback), read back with Python's csv module; names from students cannot
// become spreadsheet formulas.
import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { canvasCsv, moodleCsv, writeExports, type ExportRow } from "../../src/grading/export.js";
import { readCsv } from "./read-back.js";

const ROWS: ExportRow[] = [
  { student: "bob", name: "Bob", total: 7.5, possible: 12, problems: [] },
  { student: "alice@uni.edu", name: "Alice, A.", total: 12, possible: 12, problems: [] },
  {
    student: "mallory",
    name: '=HYPERLINK("http://x")',
    total: 0,
    possible: 12,
    problems: ["the file is not valid JSON"],
  },
];

const dir = mkdtempSync(join(tmpdir(), "nabla-export-"));
function parsed(text: string): string[][] {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(path, text);
  return readCsv(path);
}

describe("LMS exports", () => {
  it("writes Canvas's import columns, the Points Possible row, and a row per student by id", () => {
    const rows = parsed(canvasCsv(ROWS, "Homework 1", 12));
    expect(rows[0]).toEqual(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Homework 1"]);
    expect(rows[1]).toEqual(["    Points Possible", "", "", "", "", "12"]);
    expect(rows.slice(2)).toEqual([
      ["Alice, A.", "", "alice@uni.edu", "", "", "12"],
      ["Bob", "", "bob", "", "", "7.50"],
      ['\'=HYPERLINK("http://x")', "", "mallory", "", "", "0"],
    ]);
  });

  it("writes Moodle's: an identifier, the grade item and its feedback", () => {
    const rows = parsed(moodleCsv(ROWS, "Homework 1"));
    expect(rows[0]).toEqual(["ID number", "Email address", "Homework 1", "Homework 1 feedback"]);
    expect(rows.slice(1)).toEqual([
      ["alice@uni.edu", "alice@uni.edu", "12", "12 of 12"],
      ["bob", "", "7.50", "7.50 of 12"],
      ["mallory", "", "0", "0 of 12; the file is not valid JSON"],
    ]);
  });

  it("neutralises formulas and escapes controls in every cell, the assignment's name included", () => {
    const rows = parsed(canvasCsv([{ student: "+1\r\n2", total: 1, possible: 1, problems: [] }], "@SUM(A1)", 1));
    expect(rows[0][5]).toBe("'@SUM(A1)");
    expect(rows[2][0]).toBe("'+1\\x0d\\x0a2");
    expect(rows).toHaveLength(3);
  });

  it("writes OUT/canvas.csv and OUT/moodle.csv once each", () => {
    const out = mkdtempSync(join(tmpdir(), "nabla-export-out-"));
    expect(writeExports(out, ["moodle", "canvas", "moodle"], ROWS, "hw", 12)).toEqual([
      join(out, "moodle.csv"),
      join(out, "canvas.csv"),
    ]);
    expect(readCsv(join(out, "canvas.csv"))[0][5]).toBe("hw");
  });
});
