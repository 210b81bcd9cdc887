// What travels through the grading queue, and the checks on it. A run (the key and the limits) is
// written once under its id; each job names its run and carries one submission's text. Workers act
// on nothing else: a job of another name, with other fields, a wrong checksum or a run whose key
// does not match its checksum is refused without being run. Ids are derived, never random, so a
// coordinator started again for the same key and submissions finds its earlier run and jobs.
import { createHash } from "node:crypto";
import type { StudentResult } from "../grade-one.js";

export const QUEUE_NAME = "grading";
export const QUEUE_PREFIX = "nabla";
export const JOB_NAME = "grade";
export const PROTOCOL = 1;
/** How long a run's key stays in Redis without its coordinator renewing it. */
export const RUN_TTL_SECONDS = 7 * 24 * 3600;

const LIMITS = {
  student: 1_000,
  file: 4_096,
  /** A submission's text (the coordinator refuses larger files before they get here). */
  text: 1_000_000_000,
  key: 100_000_000,
} as const;

export interface RunLimits {
  statementMs: number;
  submissionMs: number;
  workerMemoryMb: number;
}

export interface RunRecord extends RunLimits {
  v: typeof PROTOCOL;
  keyText: string;
  keySha256: string;
  /**
   * The secret of per-student parameters (`grade --seed`, params.ts), or null. It travels like the
   * key (whose hidden tests are no less secret): Redis must be private.
   */
  seed: string | null;
}

export interface GradingJob {
  v: typeof PROTOCOL;
  run: string;
  keySha256: string;
  student: string;
  file: string;
  text: string;
  textSha256: string;
}

export function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** The run: the key, the seed, the limits and the list of submissions (ids and files), hashed. */
export function runIdOf(
  keySha256: string,
  limits: RunLimits,
  submissions: { student: string; file: string }[],
  seed: string | null = null,
): string {
  const list = submissions.map((s) => [s.student, s.file]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const { statementMs, submissionMs, workerMemoryMb } = limits;
  const seedSha = seed === null ? null : sha256(seed);
  return sha256(JSON.stringify([PROTOCOL, keySha256, seedSha, [statementMs, submissionMs, workerMemoryMb], list]));
}

/** One job per submission and text: a changed file is a new job, the same one is the same job. */
export function jobIdOf(run: string, student: string, textSha256: string): string {
  return `${run.slice(0, 24)}.${sha256(student).slice(0, 16)}.${textSha256.slice(0, 16)}`;
}

export function runKeyOf(run: string): string {
  return `${QUEUE_PREFIX}:run:${run}`;
}

const HEX64 = /^[0-9a-f]{64}$/;
// eslint-disable-next-line no-control-regex -- control characters are what it refuses
const CONTROL = /[\u0000-\u001f\u007f]/;

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x) && Object.getPrototypeOf(x) === Object.prototype;
}

function exactKeys(x: Record<string, unknown>, keys: readonly string[]): boolean {
  const own = Object.keys(x);
  return own.length === keys.length && keys.every((k) => Object.prototype.hasOwnProperty.call(x, k));
}

const wholeIn = (x: unknown, min: number, max: number) =>
  typeof x === "number" && Number.isInteger(x) && x >= min && x <= max;

/** The job, or why it is not a grading job of this format. */
export function validateJob(name: string, data: unknown): GradingJob | string {
  if (name !== JOB_NAME) return `not a grading job (its name is ${JSON.stringify(String(name).slice(0, 40))})`;
  const keys = ["v", "run", "keySha256", "student", "file", "text", "textSha256"] as const;
  if (!isPlainObject(data) || !exactKeys(data, keys)) return "not a grading job (its fields are not the format's)";
  const d = data;
  if (d.v !== PROTOCOL)
    return `a grading job of another version (${JSON.stringify(d.v)}, this worker reads ${PROTOCOL})`;
  if (typeof d.run !== "string" || !HEX64.test(d.run)) return "the job's run id is not a checksum";
  if (typeof d.keySha256 !== "string" || !HEX64.test(d.keySha256)) return "the job's key checksum is malformed";
  if (typeof d.textSha256 !== "string" || !HEX64.test(d.textSha256)) return "the job's text checksum is malformed";
  if (typeof d.student !== "string" || d.student === "" || d.student.length > LIMITS.student || CONTROL.test(d.student))
    return "the job's student id is malformed";
  if (typeof d.file !== "string" || d.file.length > LIMITS.file) return "the job's file name is malformed";
  if (typeof d.text !== "string" || d.text.length > LIMITS.text) return "the job's text is malformed";
  if (sha256(d.text) !== d.textSha256) return "the submission's text does not match its checksum";
  return d as unknown as GradingJob;
}

/** The run, or why it cannot be graded: the key's checksum is verified here. */
export function validateRun(raw: string | null, job: GradingJob): RunRecord | string {
  if (raw === null) return "the run's key is not in the queue (expired or removed)";
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return "the run's record is not JSON";
  }
  const keys = ["v", "keyText", "keySha256", "seed", "statementMs", "submissionMs", "workerMemoryMb"] as const;
  if (!isPlainObject(data) || !exactKeys(data, keys) || data.v !== PROTOCOL) return "the run's record is malformed";
  if (typeof data.keyText !== "string" || data.keyText.length > LIMITS.key) return "the run's key is malformed";
  if (data.seed !== null && (typeof data.seed !== "string" || data.seed.length > LIMITS.student))
    return "the run's seed is malformed";
  if (!wholeIn(data.statementMs, 1, 3_600_000) || !wholeIn(data.submissionMs, 1, 86_400_000))
    return "the run's time limits are malformed";
  if (!wholeIn(data.workerMemoryMb, 64, 16_384)) return "the run's memory limit is malformed";
  const sum = sha256(data.keyText);
  if (data.keySha256 !== sum || job.keySha256 !== sum) return "the key does not match its checksum";
  return data as unknown as RunRecord;
}

const finite = (x: unknown) => typeof x === "number" && Number.isFinite(x);

/** A worker's answer for `job`, or why it is not a grading result for that student. */
export function validateResult(value: unknown, student: string): StudentResult | string {
  if (!isPlainObject(value)) return "the worker's answer is not a result";
  const r = value;
  if (r.student !== student) return "the worker's answer is for another student";
  if (typeof r.file !== "string" || !finite(r.total) || !finite(r.possible)) return "the worker's answer is malformed";
  if (!Array.isArray(r.problems) || !r.problems.every((p) => typeof p === "string"))
    return "the worker's answer is malformed";
  if (!Array.isArray(r.runs) || !Array.isArray(r.grades)) return "the worker's answer is malformed";
  const gradesOk = r.grades.every(
    (g: unknown) =>
      isPlainObject(g) &&
      typeof g.gradeId === "string" &&
      finite(g.earned) &&
      finite(g.possible) &&
      Array.isArray(g.verdicts) &&
      g.verdicts.every(
        (v: unknown) =>
          isPlainObject(v) &&
          typeof v.source === "string" &&
          typeof v.feedback === "string" &&
          finite(v.earned) &&
          finite(v.possible),
      ),
  );
  if (!gradesOk) return "the worker's answer is malformed";
  return r as unknown as StudentResult;
}
