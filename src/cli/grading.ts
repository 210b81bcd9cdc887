// `nabla assign` and `nabla grade`.
import { readFileSync } from "node:fs";
import { assign } from "../grading/assign.js";
import { writeAtomic } from "../grading/files.js";
import { gradeClass } from "../grading/grade.js";
import { NotebookError, parseNotebook } from "../grading/notebook.js";

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
}

export function assignCommand(argv: string[]): number {
  const args = [...argv];
  const out = option(args, "-o");
  if (!out || args.length !== 1) {
    process.stderr.write("usage: nabla assign MASTER.ipynb -o STUDENT.ipynb\n");
    return 2;
  }
  try {
    const student = assign(parseNotebook(readFileSync(args[0], "utf8")));
    writeAtomic(out, JSON.stringify(student, null, 1) + "\n");
    process.stdout.write(`${out}\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`nabla assign: ${err instanceof NotebookError ? err.message : (err as Error).message}\n`);
    return 1;
  }
}

export async function gradeCommand(argv: string[]): Promise<number> {
  const args = [...argv];
  const key = option(args, "--key");
  const out = option(args, "-o") ?? "graded";
  const jobs = option(args, "--jobs");
  const timeout = option(args, "--timeout");
  if (!key || args.length === 0) {
    process.stderr.write("usage: nabla grade --key MASTER.ipynb SUBMISSIONS… [-o DIR] [--jobs N] [--timeout SECONDS]\n");
    return 2;
  }
  try {
    const started = Date.now();
    const summary = await gradeClass({
      key,
      submissions: args,
      out,
      jobs: jobs ? Number(jobs) : undefined,
      statementMs: timeout ? Number(timeout) * 1000 : undefined,
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stdout.write(`graded ${summary.graded} submission(s)${summary.resumed ? `, ${summary.resumed} from an earlier run` : ""} in ${seconds} s\n`);
    process.stdout.write(`${out}/gradebook.csv, ${out}/gradebook.json, ${out}/feedback/\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`nabla grade: ${(err as Error).message}\n`);
    return 1;
  }
}
