// A grading worker on the queue (`nabla worker`, and the coordinator itself unless --no-local):
// BullMQ hands it jobs; each is checked (protocol.ts) and graded by the same pool of bounded,
// isolated worker threads as in-process grading (../pool.ts), one pool per run, with the run's key
// and limits. A pool with nothing to do for a minute is closed. A worker killed mid-job loses
// nothing: its lock on the job lapses and BullMQ's stalled-job check gives the job to another.
import { Queue, UnrecoverableError, Worker, type Job as QueueJob } from "bullmq";
import { prepareKey, type StudentResult } from "../grade-one.js";
import { parseNotebook } from "../notebook.js";
import { gradeAll } from "../pool.js";
import type { Job } from "../worker.js";
import type { QueueAddress } from "./connection.js";
import {
  QUEUE_NAME,
  QUEUE_PREFIX,
  runKeyOf,
  validateJob,
  validateRun,
  type GradingJob,
  type RunRecord,
} from "./protocol.js";

export interface ServeOptions {
  address: QueueAddress;
  /** Worker threads, and jobs graded at once. */
  jobs: number;
  /** How long a claim on a job lasts without renewal: a killed worker's job is graded again after this, ms. */
  lockMs?: number;
  log?: (line: string) => void;
  /** Each job as it starts and ends (`nabla worker --verbose`). */
  verbose?: boolean;
  /** Tests: another worker thread script. */
  workerUrl?: URL;
}

export const DEFAULT_LOCK_MS = 30_000;
/** A job whose worker vanished this many times fails (a zero with the reason) instead of going round again. */
export const MAX_STALLED = 2;
const IDLE_MS = 60_000;

export interface QueueWorker {
  /** Jobs this worker finished. */
  graded(): number;
  /** Stops taking jobs, lets the ones in hand finish, and ends the threads. */
  close(): Promise<void>;
}

/** The zero a student gets for what stopped their grading: the same as in-process (../grade.ts). */
export function zeroResult(gradeCells: { id: string; points: number }[], job: Job, reason: string): StudentResult {
  return {
    student: job.student,
    file: job.file,
    total: 0,
    possible: gradeCells.reduce((s, g) => s + g.points, 0),
    grades: gradeCells.map((g) => ({ gradeId: g.id, earned: 0, possible: g.points, verdicts: [] })),
    problems: [reason],
    runs: [],
  };
}

/** One run's threads: the pool takes jobs as they are handed in and answers each by its student. */
class RunPool {
  private readonly queued: Job[] = [];
  private readonly waiting: ((job: Job | null) => void)[] = [];
  private readonly answers = new Map<string, (r: StudentResult) => void>();
  /** The answer being computed per student, and for which text. */
  private readonly inHand = new Map<string, { textSha256: string; answer: Promise<StudentResult> }>();
  private closed = false;
  private idle: NodeJS.Timeout | null = null;
  readonly done: Promise<void>;

  constructor(
    run: RunRecord,
    jobs: number,
    private readonly onIdle: () => void,
    workerUrl?: URL,
    log?: (line: string) => void,
  ) {
    const gradeCells = prepareKey(parseNotebook(run.keyText)).gradeCells;
    this.done = gradeAll({
      keyText: run.keyText,
      jobs,
      statementMs: run.statementMs,
      submissionMs: run.submissionMs,
      workerMemoryMb: run.workerMemoryMb,
      seed: run.seed ?? undefined,
      take: () => this.take(),
      onResult: (r) => this.answer(r),
      zeroResult: (job, reason) => zeroResult(gradeCells, job, reason),
      log,
      workerUrl,
    });
    this.armIdle();
  }

  /**
   * The student's result; null when this pool is closed. A job handed back by the stalled-job check
   * to the worker still grading it (a lock renewed too late on a loaded machine) shares that grading.
   */
  grade(job: Job, textSha256: string): Promise<StudentResult> | null {
    if (this.closed) return null;
    const same = this.inHand.get(job.student);
    if (same?.textSha256 === textSha256) return same.answer;
    if (same) return same.answer.then(() => this.grade(job, textSha256) ?? Promise.reject(new Error("closed")));
    if (this.idle) clearTimeout(this.idle);
    const answer = new Promise<StudentResult>((resolve) => this.answers.set(job.student, resolve));
    this.inHand.set(job.student, { textSha256, answer });
    const thread = this.waiting.shift();
    if (thread) thread(job);
    else this.queued.push(job);
    return answer;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.idle) clearTimeout(this.idle);
    for (const thread of this.waiting.splice(0)) thread(null);
  }

  private take(): Job | null | Promise<Job | null> {
    const job = this.queued.shift();
    if (job) return job;
    if (this.closed) return null;
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private answer(r: StudentResult): void {
    const resolve = this.answers.get(r.student);
    this.answers.delete(r.student);
    this.inHand.delete(r.student);
    resolve?.(r);
    if (!this.answers.size) this.armIdle();
  }

  private armIdle(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = setTimeout(() => {
      if (this.answers.size) return;
      this.close();
      this.onIdle();
    }, IDLE_MS);
    this.idle.unref();
  }
}

export async function serveQueue(o: ServeOptions): Promise<QueueWorker> {
  const lockMs = o.lockMs ?? DEFAULT_LOCK_MS;
  const store = new Queue(QUEUE_NAME, { connection: o.address.connection, prefix: QUEUE_PREFIX });
  const client = await store.client;
  const runs = new Map<string, { record: RunRecord; pool: RunPool }>();
  let graded = 0;

  const poolFor = async (job: GradingJob): Promise<RunPool> => {
    const known = runs.get(job.run);
    if (known && known.record.keySha256 === job.keySha256) return known.pool;
    const record = validateRun(await client.get(runKeyOf(job.run)), job);
    if (typeof record === "string") throw new UnrecoverableError(record);
    const again = runs.get(job.run); // another job of the run may have started the pool meanwhile
    if (again && again.record.keySha256 === job.keySha256) return again.pool;
    const pool = new RunPool(record, o.jobs, () => runs.delete(job.run), o.workerUrl, o.log);
    runs.set(job.run, { record, pool });
    return pool;
  };

  const processor = async (queued: QueueJob): Promise<StudentResult> => {
    const job = validateJob(queued.name, queued.data);
    if (typeof job === "string") {
      o.log?.(`refused job ${String(queued.id).slice(0, 80)}: ${job}`);
      throw new UnrecoverableError(job);
    }
    const pool = await poolFor(job);
    const answer = pool.grade({ student: job.student, file: job.file, text: job.text }, job.textSha256);
    if (!answer) throw new Error("the run's threads were closing; tried again later");
    if (o.verbose) o.log?.(`grading ${job.student}`);
    const result = await answer;
    graded++;
    if (o.verbose) o.log?.(`graded ${job.student}: ${result.total}/${result.possible}`);
    return result;
  };

  const worker = new Worker(QUEUE_NAME, processor, {
    connection: o.address.connection,
    prefix: QUEUE_PREFIX,
    concurrency: o.jobs,
    lockDuration: lockMs,
    stalledInterval: Math.max(1_000, Math.floor(lockMs / 2)),
    maxStalledCount: MAX_STALLED,
  });
  worker.on("error", (err) => o.log?.(`queue: ${err.message}`));
  await worker.waitUntilReady();

  return {
    graded: () => graded,
    close: async () => {
      await worker.close();
      for (const { pool } of runs.values()) pool.close();
      await Promise.all([...runs.values()].map((r) => r.pool.done));
      runs.clear();
      await store.close();
    },
  };
}
