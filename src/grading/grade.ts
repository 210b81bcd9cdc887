// `nabla grade --key MASTER SUBMISSIONS…`: grades a class in parallel and writes the gradebook and
// one feedback notebook and page per student. Files are read here, one at a time and size-checked
// (files.ts); workers get the text. Each student's result is kept in OUT/.results/ as it arrives and
// their feedback written then, so the coordinator holds only the grades (a few KB a student) and a
// run that is interrupted resumes where it stopped and ends with the same gradebook.
import { readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import type { CellGrade, StudentResult } from "./grade-one.js";
import { findSubmissions, keyIdentity, readSubmission, writeAtomic, type Submission } from "./files.js";
import { feedbackHtml, feedbackNotebook } from "./feedback.js";
import { GradebookWriter } from "./gradebook.js";
import { hashText, parseNotebook } from "./notebook.js";
import { ParameterKeys } from "./params.js";
import { applyOverrides, keepOtherQuestions, readEarlierGrades, readOverrides } from "./overrides.js";
import { defaultJobs, gradeAll } from "./pool.js";
import { Progress } from "./progress.js";
import { writeAssets } from "../render/page/site.js";
import { boundResult, clip, type Job } from "./worker.js";
import { queueGrader, type QueueChoice } from "./queue/index.js";
import { ItemAnalysis } from "./report.js";
import { writeReport } from "./report-page.js";
import { writeExports, type ExportFormat } from "./export.js";

export interface GradeCommandOptions {
  key: string;
  submissions: string[];
  out: string;
  jobs?: number;
  statementMs?: number;
  submissionMs?: number;
  /** The largest submission read, bytes. */
  maxBytes?: number;
  /** Each worker thread's heap limit, MB. */
  workerMemoryMb?: number;
  /** The coordinator's heap cap, MB (`nabla grade` runs it in a thread of that size: capped.ts). */
  coordinatorMemoryMb?: number;
  feedback?: boolean;
  /** Also write OUT/rubric/: feedback for instructors, with hidden tests and every branch. */
  rubric?: boolean;
  quiet?: boolean;
  /** Tests: another worker script. */
  workerUrl?: URL;
  /** The secret of per-student parameters, as given to `assign --seed` (params.ts). */
  seed?: string;
  /** Re-grade this grade_id only; the other questions keep their points from OUT/gradebook.json. */
  only?: string;
  /** Grading on a BullMQ queue (queue/): `--queue`, `--no-local`. */
  queue?: QueueChoice;
  /** Also the gradebook in these LMS's import formats (export.ts): `--export`. */
  export?: ExportFormat[];
}

export const DEFAULTS = {
  statementMs: 5_000,
  submissionMs: 60_000,
  maxBytes: 20_000_000,
  workerMemoryMb: 1024,
} as const;

/**
 * What the coordinator keeps of a student: the points per question, not the verdicts or cells, and
 * the first problems cut short (the gradebook and feedback have them whole, from OUT/.results/).
 */
export type GradedStudent = Pick<StudentResult, "student" | "file" | "total" | "possible" | "grades" | "problems"> & {
  name: string;
};

/** How much of a student's problems the coordinator keeps in memory. */
const KEPT_PROBLEMS = { count: 3, chars: 200 } as const;

function compact(r: StudentResult, s: { student: string; name: string; file: string }): GradedStudent {
  const problems = r.problems.slice(0, KEPT_PROBLEMS.count).map((p) => clip(p, KEPT_PROBLEMS.chars));
  if (r.problems.length > KEPT_PROBLEMS.count) problems.push(`… ${r.problems.length - KEPT_PROBLEMS.count} more`);
  return {
    student: s.student,
    name: s.name,
    file: s.file,
    total: r.total,
    possible: r.possible,
    grades: r.grades.map(({ gradeId, earned, possible, override }) => ({
      gradeId,
      earned,
      possible,
      verdicts: [],
      ...(override ? { override } : {}),
    })),
    problems,
  };
}

export interface GradeSummary {
  graded: number;
  resumed: number;
  refused: number;
  out: string;
  results: GradedStudent[];
  /** Submissions whose id is not their name, and why. */
  renamed: string[];
  /** Locked cells of the key that changed since `assign` released them. */
  keyChanged: string[];
  /** overrides.csv: how many grades it set, and the rows it could not apply. */
  overrides: { applied: number; problems: string[] };
}

export async function gradeClass(o: GradeCommandOptions): Promise<GradeSummary> {
  let keyIsFile: boolean;
  try {
    keyIsFile = statSync(o.key).isFile();
  } catch {
    throw new Error(`the key ${o.key} cannot be read (no such file)`);
  }
  if (!keyIsFile) throw new Error(`the key ${o.key} is not a regular file`);
  const keyBytes = readFileSync(o.key);
  const keyText = keyBytes.toString("utf8");
  const keys = new ParameterKeys(parseNotebook(keyText), o.seed);
  const key = keys.base;
  const keyId = keyIdentity(o.key, keyBytes);
  // Results kept from an earlier run are for this key and this seed only.
  const keyHash = hashText(o.seed === undefined ? keyText : `${keyText}\u0000seed\u0000${o.seed}`);
  const maxBytes = o.maxBytes ?? DEFAULTS.maxBytes;
  const { submissions, renamed } = findSubmissions(o.submissions, keyId, [o.out]);
  const byStudent = new Map(submissions.map((s) => [s.student, s]));
  if (o.only !== undefined && !key.gradeCells.some((g) => g.id === o.only))
    throw new Error(
      `--only ${o.only}: the key has no grading cell with that grade_id (it has ${key.gradeCells.map((g) => g.id).join(", ")})`,
    );
  // overrides.csv and --only (overrides.ts): what every result is shown and counted as.
  const overrides = readOverrides(join(o.out, "overrides.csv"), new Set(byStudent.keys()), key.gradeCells);
  const earlier = o.only === undefined ? null : readEarlierGrades(join(o.out, "gradebook.json"));
  const present = (r: StudentResult): StudentResult =>
    applyOverrides(earlier ? keepOtherQuestions(r, earlier, o.only!) : r, overrides);
  const cacheDir = join(o.out, ".results");
  const possible = key.gradeCells.reduce((s, g) => s + g.points, 0);
  const zeroGrades = (): CellGrade[] =>
    key.gradeCells.map((g) => ({ gradeId: g.id, earned: 0, possible: g.points, verdicts: [] }));
  const zero = (s: { student: string; file: string }, reason: string): StudentResult => ({
    student: s.student,
    file: s.file,
    total: 0,
    possible,
    grades: zeroGrades(),
    problems: [reason],
    runs: [],
  });

  const results: GradedStudent[] = [];
  /** Locked cell → checksum recorded by assign in a student's notebook → students, where the key changed. */
  const claims = new Map<string, Map<string, string[]>>();
  const fileHashes = new Map<string, string>();
  /** Per-student parameters: the student a notebook says it was released to → the submissions that say so. */
  const releasedClaims = new Map<string, string[]>();
  /** Locked cell → how many submissions hand it in as the key has it now. */
  const kept = new Map<string, number>();
  let resumed = 0;
  let refused = 0;
  let graded = 0;
  const progress = o.quiet ? null : new Progress(submissions.length);
  const analysis = new ItemAnalysis(key.gradeCells); // report.json, report.html (report.ts)

  const finish = (r: StudentResult, cache: boolean) => {
    const s = byStudent.get(r.student);
    if (!s) return;
    // Every result goes to disk (a refused file's too, with no file hash, so it is never resumed):
    // the gradebook is written from there, and the coordinator keeps only the grades.
    writeAtomic(
      join(cacheDir, `${s.student}.json`),
      JSON.stringify({ keyHash, fileHash: cache ? fileHashes.get(s.student) : undefined, result: r }),
    );
    fileHashes.delete(s.student);
    for (const [id, sum] of Object.entries(
      (r as { recordedChecksums?: Record<string, string> }).recordedChecksums ?? {},
    )) {
      const bySum = claims.get(id) ?? new Map<string, string[]>();
      claims.set(id, bySum.set(sum, [...(bySum.get(sum) ?? []), s.student]));
    }
    for (const id of r.kept ?? []) kept.set(id, (kept.get(id) ?? 0) + 1);
    if (r.parameters?.from === "metadata")
      releasedClaims.set(r.parameters.student, [...(releasedClaims.get(r.parameters.student) ?? []), s.student]);
    writeFeedback(r);
    results.push(compact(present(r), s));
    analysis.add(present(r)); // the points as in the gradebook (overrides included)
    progress?.tick(s.student);
  };

  const writeFeedback = (graded: StudentResult) => {
    if (o.feedback === false) return;
    const r = present(graded);
    // A student with parameters sees their own locked cells.
    const key = r.parameters ? keys.forStudent(r.parameters.student).key : keys.base;
    for (const [dir, options] of [
      ["feedback", {}],
      ...(o.rubric ? [["rubric", { rubric: true }] as const] : []),
    ] as const) {
      const nb = feedbackNotebook(r, key, options);
      writeAtomic(join(o.out, dir, `${r.student}.ipynb`), JSON.stringify(nb, null, 1));
      writeAtomic(join(o.out, dir, `${r.student}.html`), feedbackHtml(r, key, options, nb));
    }
  };

  const blame = (student: string, problem: string) => {
    const kept = results.find((r) => r.student === student);
    if (!kept) return;
    if (!kept.problems.includes(problem)) kept.problems.push(problem);
    const path = join(cacheDir, `${student}.json`);
    try {
      const saved = JSON.parse(readFileSync(path, "utf8")) as { result: StudentResult };
      if (saved.result.problems.includes(problem)) return;
      saved.result.problems.push(problem);
      writeAtomic(path, JSON.stringify(saved));
      writeFeedback(saved.result);
    } catch {
      // no cache entry: the gradebook still says it
    }
  };

  const cached = (s: Submission, fileHash: string): StudentResult | null => {
    try {
      const saved = JSON.parse(readFileSync(join(cacheDir, `${s.student}.json`), "utf8")) as {
        keyHash: string;
        fileHash: string;
        result: StudentResult;
      };
      return saved.keyHash === keyHash && saved.fileHash === fileHash && saved.result.student === s.student
        ? saved.result
        : null;
    } catch {
      return null; // none yet, or damaged: graded again
    }
  };

  let next = 0;
  const take = (): Job | null => {
    while (next < submissions.length) {
      const s = submissions[next++];
      const read = readSubmission(s, maxBytes, keyId);
      if ("refused" in read) {
        refused++;
        finish(zero(s, read.refused), false);
        continue;
      }
      const fileHash = hashText(read.text);
      const saved = cached(s, fileHash);
      if (saved) {
        resumed++;
        finish(saved, false);
        continue;
      }
      fileHashes.set(s.student, fileHash);
      graded++;
      return { student: s.student, file: s.file, text: read.text };
    }
    return null;
  };

  const grade = o.queue ? queueGrader(o.queue, submissions) : gradeAll; // the queue's hook: queue/
  await grade({
    keyText,
    jobs: Math.max(1, Math.min(o.jobs ?? defaultJobs(), submissions.length)),
    statementMs: o.statementMs ?? DEFAULTS.statementMs,
    submissionMs: o.submissionMs ?? DEFAULTS.submissionMs,
    workerMemoryMb: o.workerMemoryMb ?? DEFAULTS.workerMemoryMb,
    take,
    onResult: (r) => finish(boundResult(r), true),
    zeroResult: (job, reason) => zero(job, reason),
    log: o.quiet ? undefined : (line) => process.stderr.write(`nabla grade: ${line}\n`),
    workerUrl: o.workerUrl,
    seed: o.seed,
  });
  if (o.feedback !== false) {
    writeAssets(join(o.out, "feedback"));
    if (o.rubric) writeAssets(join(o.out, "rubric"));
  }
  for (const [to, students] of releasedClaims) {
    if (students.length > 1)
      for (const student of students)
        blame(
          student,
          `this notebook was released to ${to}, and so were ${students.length - 1} other submission(s) (${students.filter((x) => x !== student).join(", ")}): graded with ${to}'s values`,
        );
    // Handed in under another id, alone (the one it was released to handed in nothing, or elsewhere):
    // a copy of someone's notebook whose values it carries. A file named for its student by a course
    // site keeps the id in its name (carol_1234_attempt), and is not reported.
    else if (!students[0].toLowerCase().includes(to.toLowerCase()))
      blame(
        students[0],
        `this notebook was released to ${to}, but handed in as ${students[0]}: graded with ${to}'s values`,
      );
  }
  const gradeIds = key.gradeCells.map((g) => g.id);
  const keyChanged: string[] = [];
  for (const id of [...claims.keys()].sort()) {
    const ranked = [...claims.get(id)!.entries()].sort((a, b) => b[1].length - a[1].length);
    const changed = (students: readonly string[]) => {
      for (const student of students) blame(student, `the locked cell ${id} was changed; it was restored from the key`);
    };
    // More of the class hands the cell in as the key has it than records any other checksum: the key
    // did not change, and whoever records another edited the cell and its checksum both.
    if ((kept.get(id) ?? 0) > ranked[0][1].length) {
      for (const [, students] of ranked) changed(students);
      continue;
    }
    // Otherwise what most notebooks record is what assign released; a notebook that records another
    // checksum (and whose cell matches it) edited both: reported after all.
    keyChanged.push(id);
    if (ranked.length < 2 || ranked[1][1].length === ranked[0][1].length) continue;
    for (const [, students] of ranked.slice(1)) changed(students);
  }
  const applied = results.reduce((n, r) => n + r.grades.filter((g) => g.override).length, 0);
  const notes = {
    renamed,
    keyChanged,
    overrides: { applied, problems: overrides.problems },
    ...(o.only === undefined ? {} : { only: o.only }),
  };
  const book = new GradebookWriter(join(o.out, "gradebook.csv"), join(o.out, "gradebook.json"), gradeIds, notes);
  for (const kept of [...results].sort((a, b) => (a.student < b.student ? -1 : a.student > b.student ? 1 : 0))) {
    let full: StudentResult | null = null;
    try {
      full = (JSON.parse(readFileSync(join(cacheDir, `${kept.student}.json`), "utf8")) as { result: StudentResult })
        .result;
    } catch {
      // the disk lost it: the grades kept here still go in
    }
    book.add(full?.student === kept.student ? { ...present(full), name: kept.name, file: kept.file } : kept);
  }
  book.close();
  writeReport(o.out, analysis);
  if (o.export) writeExports(o.out, o.export, results, basename(o.key).replace(/\.ipynb$/i, ""), possible);
  return { graded, resumed, refused, out: o.out, results, ...notes };
}
