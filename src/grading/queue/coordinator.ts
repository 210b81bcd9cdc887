// `nabla grade --queue redis://…`: the coordinator's side. It writes the run (the key, its checksum
// and the limits) under an id derived from the key, the limits and the submissions, then puts one
// job per submission on the queue, under ids derived from the run, the student and the text, a
// window at a time, and hands each result to the grader (../grade.ts) as it comes back, exactly
// once. Unless told --no-local it grades too, as one more worker. Started again after a crash it
// finds the same run and jobs: the results kept in OUT/.results are not asked for again, jobs
// finished meanwhile are collected, the rest are waited for.
import { Job as QueueJob, Queue, QueueEvents } from "bullmq";
import type { StudentResult } from "../grade-one.js";
import type { PoolOptions } from "../pool.js";
import type { Job } from "../worker.js";
import { reachable, type QueueAddress } from "./connection.js";
import {
  JOB_NAME,
  PROTOCOL,
  QUEUE_NAME,
  QUEUE_PREFIX,
  RUN_TTL_SECONDS,
  jobIdOf,
  runIdOf,
  runKeyOf,
  sha256,
  validateResult,
  type GradingJob,
  type RunRecord,
} from "./protocol.js";
import { MAX_STALLED, serveQueue, type QueueWorker } from "./serve.js";

export interface QueueRunOptions {
  address: QueueAddress;
  /** Grade here too (the default), or leave it all to `nabla worker`s. */
  local: boolean;
  /** Local worker threads. */
  jobs: number;
  lockMs?: number;
  /** Jobs on the queue at once, and their text, at most. */
  window?: { jobs: number; bytes: number };
  /** The submissions found, for the run's id. */
  submissions: { student: string; file: string }[];
}

/** The coordinator runs under a heap cap (capped.ts): the texts it keeps for the queue stay well inside. */
const DEFAULT_WINDOW = { jobs: 1_000, bytes: 32_000_000 };
/** Without news for this long, the coordinator asks the queue about each job it waits for. */
const RECONCILE_MS = 5_000;
const ADD_BATCH = 100;

/** Grades what `pool.take` gives on the queue; `pool.onResult` gets each result once. */
export async function gradeOnQueue(pool: PoolOptions, q: QueueRunOptions): Promise<void> {
  const { connection } = q.address;
  const window = q.window ?? DEFAULT_WINDOW;
  const unreachable = await reachable(q.address);
  if (unreachable) throw new Error(unreachable);
  const queue = new Queue(QUEUE_NAME, { connection, prefix: QUEUE_PREFIX });
  const events = new QueueEvents(QUEUE_NAME, { connection, prefix: QUEUE_PREFIX });
  let local: QueueWorker | null = null;
  try {
    const client = await queue.client;
    await events.waitUntilReady();
    const keySha256 = sha256(pool.keyText);
    const limits = {
      statementMs: Math.round(pool.statementMs),
      submissionMs: Math.round(pool.submissionMs),
      workerMemoryMb: pool.workerMemoryMb,
    };
    const seed = pool.seed ?? null;
    const run = runIdOf(keySha256, limits, q.submissions, seed);
    const record: RunRecord = { v: PROTOCOL, keyText: pool.keyText, keySha256, seed, ...limits };
    const saveRun = () => client.set(runKeyOf(run), JSON.stringify(record), { EX: RUN_TTL_SECONDS });
    /** A run begun before (this coordinator restarted): its jobs may have finished while no one listened. */
    const resumed = (await client.get(runKeyOf(run))) !== null;
    await saveRun();

    /** Jobs on the queue that have not come back, by id, with their text (to put back one that is lost). */
    const pending = new Map<string, GradingJob>();
    let pendingBytes = 0;
    let lastNews = Date.now();
    let wake: (() => void) | null = null;
    const settle = (id: string, result: StudentResult) => {
      const job = pending.get(id);
      if (!job) return; // collected already: a job is counted once
      pending.delete(id);
      pendingBytes -= job.text.length;
      lastNews = Date.now();
      pool.onResult(result);
      void queue.remove(id).catch(() => undefined);
      wake?.();
    };
    const completed = (id: string, value: unknown) => {
      const job = pending.get(id);
      if (!job) return;
      const result = validateResult(value, job.student);
      if (typeof result === "string") {
        pool.log?.(`the result for ${job.student} was refused: ${result}`);
        settle(id, pool.zeroResult(job, "this submission could not be graded (the instructor has the details)"));
      } else settle(id, result);
    };
    const collect = async (id: string) => {
      const job = pending.get(id);
      if (!job) return;
      const state = await queue.getJobState(id);
      if (state === "completed") completed(id, (await QueueJob.fromId(queue, id))?.returnvalue);
      else if (state === "failed") {
        const failed = await QueueJob.fromId(queue, id);
        const reason = failed?.failedReason ?? "";
        // A job of this run left from before its record expired: the record is back, so it can run.
        if (failed && /run's key is not in the queue/.test(reason)) return void (await failed.retry("failed"));
        pool.log?.(`grading ${job.student} failed on the queue: ${reason}`);
        settle(
          id,
          pool.zeroResult(
            job,
            /stalled/.test(reason)
              ? `the grading workers stopped while grading this submission, ${MAX_STALLED + 1} times`
              : "this submission could not be graded (the grader failed on it; the instructor has the details)",
          ),
        );
      } else if (state === "unknown") {
        // Removed from Redis behind our back (flushed, evicted): put it back.
        await add([job]);
      }
    };
    // The event carries the result: no further round trip for a job that completes while we listen.
    events.on("completed", ({ jobId, returnvalue }) => completed(jobId, returnvalue));
    events.on("failed", ({ jobId }) => void collect(jobId).catch((e: Error) => pool.log?.(e.message)));

    const add = async (jobs: GradingJob[]) => {
      await queue.addBulk(
        jobs.map((data) => ({
          name: JOB_NAME,
          data,
          opts: {
            jobId: jobIdOf(run, data.student, data.textSha256),
            attempts: 3,
            backoff: { type: "fixed", delay: 1_000 },
            removeOnComplete: { age: RUN_TTL_SECONDS },
            removeOnFail: { age: RUN_TTL_SECONDS },
          },
        })),
      );
    };

    pool.log?.(
      `queue ${q.address.shown}: run ${run.slice(0, 12)}, ${q.submissions.length} submission(s)${q.local ? ", grading here too" : ", graded by nabla worker processes"}`,
    );
    local = q.local
      ? await serveQueue({
          address: q.address,
          jobs: q.jobs,
          lockMs: q.lockMs,
          log: pool.log,
          workerUrl: pool.workerUrl,
        })
      : null;

    // A window of jobs at a time: Redis holds the texts of those only.
    let batch: GradingJob[] = [];
    const flush = async () => {
      if (!batch.length) return;
      const added = batch;
      batch = [];
      await add(added);
      // Jobs finished before this coordinator restarted send no event: ask once.
      if (resumed) for (const job of added) await collect(jobIdOf(run, job.student, job.textSha256));
    };
    for (;;) {
      while (pending.size >= window.jobs || pendingBytes >= window.bytes) {
        await flush();
        await waitForNews();
      }
      const next: Job | null = await pool.take();
      if (!next) break;
      const textSha256 = sha256(next.text);
      const data: GradingJob = { v: PROTOCOL, run, keySha256, ...next, textSha256 };
      pending.set(jobIdOf(run, next.student, textSha256), data);
      pendingBytes += next.text.length;
      batch.push(data);
      if (batch.length >= ADD_BATCH) await flush();
    }
    await flush();
    while (pending.size) await waitForNews();

    async function waitForNews(): Promise<void> {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          wake = null;
          resolve();
        }, RECONCILE_MS);
        wake = () => {
          clearTimeout(timer);
          wake = null;
          resolve();
        };
      });
      if (Date.now() - lastNews >= RECONCILE_MS) {
        lastNews = Date.now();
        await saveRun();
        for (const id of [...pending.keys()]) await collect(id);
      }
    }
  } finally {
    await local?.close();
    await events.close();
    await queue.close();
  }
}
