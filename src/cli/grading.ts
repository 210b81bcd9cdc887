// `nabla assign` and `nabla grade`, after main.ts has parsed and checked their options. File names
// come from students: what is printed of them has its control characters escaped (no terminal codes).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { assign } from "../grading/assign.js";
import { writeAtomic } from "../grading/files.js";
import { COORDINATOR_MEMORY_MB, checkCap, gradeClassCapped } from "../grading/capped.js";
import { DEFAULTS, type GradeCommandOptions } from "../grading/grade.js";
import { escapeControls } from "../grading/gradebook.js";
import { parseNotebook, type Notebook } from "../grading/notebook.js";
import { ParameterError, masterParameters, readRoster, releaseForRoster } from "../grading/params.js";

export function assignCommand(master: string, out: string, roster?: string, seed?: string): number {
  try {
    const nb = parseNotebook(readFileSync(master, "utf8"));
    if (roster !== undefined || seed !== undefined) return assignRoster(nb, out, roster, seed);
    const params = masterParameters(nb);
    if (params.length)
      throw new ParameterError(
        `the master draws per-student values (${params.map((p) => p.name).join(", ")} = random(…)): release it with --roster ROSTER.csv --seed SECRET -o FOLDER`,
      );
    const student = assign(nb);
    writeAtomic(out, JSON.stringify(student, null, 1) + "\n");
    process.stdout.write(`${out}\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`nabla assign: ${(err as Error).message}\n`);
    return 1;
  }
}

/** `assign --roster --seed -o FOLDER`: FOLDER/<student>.ipynb for each roster row, with the student's values. */
function assignRoster(nb: Notebook, out: string, roster?: string, seed?: string): number {
  if (roster === undefined) throw new ParameterError("--seed goes with --roster ROSTER.csv");
  if (seed === undefined || seed === "")
    throw new ParameterError(
      "--roster needs --seed SECRET: the secret each student's values are drawn with (keep it for grading)",
    );
  const released = releaseForRoster(nb, readRoster(readFileSync(roster, "utf8")), seed);
  for (const { student, notebook } of released)
    writeAtomic(join(out, `${student}.ipynb`), JSON.stringify(notebook, null, 1) + "\n");
  const params = masterParameters(nb);
  process.stdout.write(
    `${released.length} notebook(s) in ${out}/${params.length ? `, each with its student's ${params.map((p) => p.name).join(", ")}` : ""}\n`,
  );
  return 0;
}

export async function gradeCommand(options: GradeCommandOptions): Promise<number> {
  try {
    const started = Date.now();
    checkCap(options.coordinatorMemoryMb ?? COORDINATOR_MEMORY_MB, options.maxBytes ?? DEFAULTS.maxBytes);
    const summary = await gradeClassCapped(options, options.coordinatorMemoryMb);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const out = options.out;
    process.stdout.write(
      `graded ${summary.graded} submission(s)${summary.resumed ? `, ${summary.resumed} from an earlier run` : ""}${summary.refused ? `, ${summary.refused} refused (zero, with the reason)` : ""} in ${seconds} s (the coordinator's heap at most ${summary.peakHeapMb} MB of its ${summary.capMb} MB cap)\n`,
    );
    if (summary.keyChanged.length)
      process.stdout.write(
        `the key changed since assign (locked cells ${summary.keyChanged.join(", ")}); students who kept the released cells are not reported for them\n`,
      );
    const { applied, problems } = summary.overrides;
    if (applied) process.stdout.write(`${applied} grade(s) set by ${out}/overrides.csv (marked in gradebook.json)\n`);
    if (problems.length)
      process.stdout.write(
        `${problems.length} row(s) of overrides.csv not applied:\n${problems.map((p) => `  ${escapeControls(p)}`).join("\n")}\n`,
      );
    if (options.only !== undefined)
      process.stdout.write(
        `only ${escapeControls(options.only)} was graded again; the other questions kept their points\n`,
      );
    if (summary.renamed.length)
      process.stdout.write(
        `${summary.renamed.length} submission(s) graded under another id (listed in gradebook.json):\n${summary.renamed.map((r) => `  ${escapeControls(r)}`).join("\n")}\n`,
      );
    process.stdout.write(
      `${out}/gradebook.csv, ${out}/gradebook.json, ${out}/feedback/${options.rubric ? `, ${out}/rubric/` : ""}, ${out}/report.html${[...new Set(options.export ?? [])].map((f) => `, ${out}/${f}.csv`).join("")}\n`,
    );
    return 0;
  } catch (err) {
    process.stderr.write(`nabla grade: ${(err as Error).message}\n`);
    return 1;
  }
}
