// `nabla grade --key MASTER SUBMISSIONS…`: grades a class in parallel and writes the gradebook and
// one feedback notebook and page per student. Each student's result is kept in OUT/.results/ as
// it arrives, so a run that is interrupted resumes where it stopped and ends with the same gradebook.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { gradeSubmission, prepareKey, type StudentResult } from "./grade-one.js";
import { findSubmissions, writeAtomic, type Submission } from "./files.js";
import { feedbackHtml, feedbackNotebook } from "./feedback.js";
import { gradebookCsv, gradebookJson } from "./gradebook.js";
import { hashText, parseNotebook } from "./notebook.js";
import { defaultJobs, gradeAll } from "./pool.js";
import { Progress } from "./progress.js";

export interface GradeCommandOptions {
  key: string;
  submissions: string[];
  out: string;
  jobs?: number;
  statementMs?: number;
  submissionMs?: number;
  maxBytes?: number;
  feedback?: boolean;
  quiet?: boolean;
}

export interface GradeSummary {
  graded: number;
  resumed: number;
  out: string;
  results: StudentResult[];
}

function safeName(student: string): string {
  return student.replace(/[^\p{L}\p{N}._-]/gu, "_");
}

export async function gradeClass(o: GradeCommandOptions): Promise<GradeSummary> {
  const keyText = readFileSync(o.key, "utf8");
  const key = prepareKey(parseNotebook(keyText));
  const keyHash = hashText(keyText);
  const submissions = findSubmissions(o.submissions);
  const cacheDir = join(o.out, ".results");
  const results: StudentResult[] = [];
  const pending: Submission[] = [];
  for (const s of submissions) {
    const cached = join(cacheDir, `${safeName(s.student)}.json`);
    let fileHash = "";
    try {
      fileHash = hashText(readFileSync(s.file, "utf8"));
    } catch {
      fileHash = "unreadable";
    }
    if (existsSync(cached)) {
      try {
        const saved = JSON.parse(readFileSync(cached, "utf8")) as { keyHash: string; fileHash: string; result: StudentResult };
        if (saved.keyHash === keyHash && saved.fileHash === fileHash) {
          results.push(saved.result);
          continue;
        }
      } catch {
        // A damaged cache entry is graded again.
      }
    }
    pending.push(s);
  }
  const resumed = results.length;
  const progress = o.quiet ? null : new Progress(pending.length);
  const statementMs = o.statementMs ?? 5_000;
  const save = (r: StudentResult) => {
    const sub = pending.find((p) => p.student === r.student);
    let fileHash = "unreadable";
    try {
      fileHash = hashText(readFileSync(sub?.file ?? r.file, "utf8"));
    } catch {
      // stays "unreadable"
    }
    writeAtomic(join(cacheDir, `${safeName(r.student)}.json`), JSON.stringify({ keyHash, fileHash, result: r }));
    results.push(r);
    progress?.tick(r.student);
  };
  await gradeAll(pending, {
    keyText,
    jobs: o.jobs ?? defaultJobs(),
    statementMs,
    submissionMs: o.submissionMs ?? 60_000,
    maxBytes: o.maxBytes ?? 20_000_000,
    onResult: save,
    zeroResult: (s, reason) => ({ ...gradeSubmission(key, s.student, s.file, "not a notebook", { statementMs }), problems: [reason], runs: [] }),
  });
  const gradeIds = key.gradeCells.map((g) => g.id);
  writeAtomic(join(o.out, "gradebook.csv"), gradebookCsv(results, gradeIds));
  writeAtomic(join(o.out, "gradebook.json"), gradebookJson(results));
  if (o.feedback !== false) {
    const css = readFileSync(createRequire(import.meta.url).resolve("katex/dist/katex.min.css"), "utf8");
    for (const r of results) {
      const name = safeName(r.student);
      writeAtomic(join(o.out, "feedback", `${name}.ipynb`), JSON.stringify(feedbackNotebook(r), null, 1));
      writeAtomic(join(o.out, "feedback", `${name}.html`), feedbackHtml(r, css));
    }
  }
  return { graded: pending.length, resumed, out: o.out, results };
}
