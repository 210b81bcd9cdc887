// Reading what the grader wrote with other programs' parsers: Python's csv module for the gradebook
// (as a spreadsheet import would split it) and nbformat's validator for feedback notebooks.
import { spawnSync } from "node:child_process";

const PYTHON = "/usr/bin/python3";

/** The rows of a CSV file as Python's csv module reads them. */
export function readCsv(path: string): string[][] {
  const r = spawnSync(
    PYTHON,
    [
      "-c",
      "import csv, json, sys\nwith open(sys.argv[1], newline='', encoding='utf-8') as f: print(json.dumps(list(csv.reader(f))))",
      path,
    ],
    { encoding: "utf8" },
  );
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as string[][];
}

/** gradebook.csv as student id → column → cell. */
export function readGradebook(path: string): Map<string, Record<string, string>> {
  const [header, ...rows] = readCsv(path);
  return new Map(rows.map((row) => [row[0], Object.fromEntries(header.map((h, i) => [h, row[i]]))]));
}

/** nbformat's validation errors for each notebook (an empty list when all are valid). */
export function nbformatErrors(paths: string[]): string[] {
  const script =
    "import json, sys, nbformat\nbad = []\nfor p in sys.argv[1:]:\n    try:\n        nbformat.validate(nbformat.read(p, as_version=4))\n    except Exception as e:\n        bad.append(p + ': ' + str(e)[:300])\nprint(json.dumps(bad))";
  const r = spawnSync(PYTHON, ["-c", script, ...paths], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as string[];
}
