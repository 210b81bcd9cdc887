// A grading worker thread: receives the key once, then one submission's text at a time (the
// coordinator reads files; a worker never opens one). What it sends back is bounded
// (`boundResult`), so a notebook with huge cells cannot grow the coordinator or its feedback files.
import { parentPort, workerData } from "node:worker_threads";
import { gradeSubmission, type StudentResult } from "./grade-one.js";
import { gradeId, parseNotebook, type Notebook } from "./notebook.js";
import { ParameterKeys } from "./params.js";

export interface Job {
  student: string;
  file: string;
  text: string;
}

/** Caps on what one student's result may hold, in characters. */
export const RESULT_LIMITS = {
  /** One cell's source, one printed result, one error message, as shown in feedback. */
  text: 20_000,
  /** A verdict's feedback or a problem. */
  line: 2_000,
  /** Problems kept (a student can make many: unknown grade_ids, duplicates…); the coordinator holds them. */
  problems: 20,
  runs: 1_000,
  resultsPerRun: 200,
  /** Everything the cells printed and held, together. */
  total: 2_000_000,
} as const;

export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters not shown)`;
}

/** The result with every text cut to the caps above, and the cells past the total shown as omitted. */
export function boundResult(r: StudentResult): StudentResult {
  const L = RESULT_LIMITS;
  let budget: number = L.total;
  const take = (text: string, max: number) => {
    const cut = clip(text, Math.max(0, Math.min(max, budget)));
    budget -= Math.min(cut.length, budget);
    return cut;
  };
  const problems = r.problems.slice(0, L.problems).map((p) => clip(p, L.line));
  if (r.problems.length > L.problems) problems.push(`… and ${r.problems.length - L.problems} more problems`);
  const runs = r.runs.slice(0, L.runs).map((run) => ({
    ...run,
    source: take(run.source, L.text),
    results: run.results.slice(0, L.resultsPerRun).map((res) => {
      const pretty = take(res.pretty ?? "", L.text);
      // A cut LaTeX string would not typeset: an over-long one is left out and `pretty` shown.
      const latex = (res.latex ?? "").length <= Math.min(L.text, budget) ? take(res.latex ?? "", L.text) : "";
      const error = res.error
        ? { ...res.error, message: clip(res.error.message, L.line), excerpt: clip(res.error.excerpt ?? "", L.line) }
        : res.error;
      return { ...res, pretty, latex, error };
    }),
  }));
  if (r.runs.length > L.runs)
    problems.push(`the notebook has ${r.runs.length} cells; feedback shows the first ${L.runs}`);
  const grades = r.grades.map((g) => ({
    ...g,
    verdicts: g.verdicts
      .slice(0, L.resultsPerRun)
      .map((v) => ({ ...v, source: clip(v.source, L.line), feedback: clip(v.feedback, L.line) })),
  }));
  return { ...r, problems, runs, grades };
}

/**
 * For the locked cells a student kept as released while the key changed (grade-one's `keyChanged`),
 * the checksums their notebook records: the coordinator compares them across the class, so one
 * student who edited a locked cell and its recorded checksum stands out from the rest.
 */
export function recordedChecksums(text: string, ids: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  if (!ids.length) return out;
  try {
    for (const cell of parseNotebook(text).cells) {
      const id = gradeId(cell);
      const sum = cell.metadata.nbgrader?.checksum;
      if (id && ids.includes(id) && typeof sum === "string" && !(id in out)) out[id] = sum;
    }
  } catch {
    // graded already, so it parses; nothing to record otherwise
  }
  return out;
}

/**
 * One submission, graded with its student's key (per-student parameters: params.ts), its result
 * bounded, with the checksums its notebook records and whose values it was graded with.
 */
export function gradeJob(keys: ParameterKeys, job: Job, statementMs: number): StudentResult {
  let who: ReturnType<ParameterKeys["studentOf"]> | null = null;
  if (keys.params.length) {
    let nb: Notebook | null = null;
    try {
      nb = parseNotebook(job.text);
    } catch {
      // graded below, where the reason is given
    }
    who = keys.studentOf(nb, job.student);
  }
  const { key, values } = keys.forStudent(who?.student ?? job.student);
  const graded = gradeSubmission(key, job.student, job.file, job.text, { statementMs });
  return {
    ...boundResult(graded),
    recordedChecksums: recordedChecksums(job.text, graded.keyChanged ?? []),
    ...(who ? { parameters: { ...who, values } } : {}),
  } as StudentResult;
}

/** Grades the submissions this worker thread is sent until the pool ends it. */
export function serveGrading(): void {
  const { keyText, statementMs, seed } = workerData as { keyText: string; statementMs: number; seed?: string };
  const keys = new ParameterKeys(parseNotebook(keyText), seed);
  parentPort!.on("message", (job: Job) => {
    let result: StudentResult;
    try {
      result = gradeJob(keys, job, statementMs);
    } catch (err) {
      parentPort!.postMessage({ failed: `${(err as Error).name}: ${(err as Error).message}`.slice(0, 500) });
      return;
    }
    parentPort!.postMessage({ result });
  });
}
