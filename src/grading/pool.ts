// Grades submissions on all cores with worker threads, each under a stated memory limit (V8's heap
// limits for the thread). A worker that runs past the per-submission time limit, runs out of its
// memory or fails is stopped and replaced; that student scores zero with the reason, the rest go on.
import { Worker } from "node:worker_threads";
import { availableParallelism } from "node:os";
import type { StudentResult } from "./grade-one.js";
import type { Job } from "./worker.js";

export interface PoolOptions {
  keyText: string;
  jobs: number;
  statementMs: number;
  submissionMs: number;
  /** The heap limit of each worker thread, MB. */
  workerMemoryMb: number;
  /**
   * The next submission to grade, or null when there are no more (called lazily, one at a time). The
   * grading queue's workers (queue/) answer with a promise: a thread waits until a job arrives.
   */
  take: () => Job | null | Promise<Job | null>;
  onResult: (result: StudentResult) => void;
  zeroResult: (job: Job, reason: string) => StudentResult;
  /** Instructors' log: what went wrong inside the grader, for one student. */
  log?: (line: string) => void;
  /** Tests run another worker script here. */
  workerUrl?: URL;
  /** The seed of per-student parameters (params.ts). */
  seed?: string;
}

/** From source, a small .mjs registers tsx first; compiled, the worker is plain JavaScript. */
function defaultWorkerUrl(): URL {
  const ts = import.meta.url.endsWith(".ts");
  return new URL(ts ? "./worker-boot.mjs" : "./worker-thread.js", import.meta.url);
}

export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

/** Workers that die before grading anything, in a row, before the rest is given up as ungradable. */
const MAX_FAILED_STARTS = 3;

export function gradeAll(options: PoolOptions): Promise<void> {
  const url = options.workerUrl ?? defaultWorkerUrl();
  const limitMb = options.workerMemoryMb;
  let exhausted = false;
  let failedStarts = 0;
  /** Jobs taken for a thread that stopped while it waited for them: the next thread grades them. */
  const handedBack: Job[] = [];
  const take = async (): Promise<Job | null> => {
    if (handedBack.length) return handedBack.shift()!;
    if (exhausted) return null;
    const job = await options.take();
    if (!job) exhausted = true;
    return job;
  };
  return new Promise((resolve) => {
    let running = 0;
    const start = () => {
      const worker = new Worker(url, {
        workerData: { keyText: options.keyText, statementMs: options.statementMs, seed: options.seed },
        resourceLimits: {
          maxOldGenerationSizeMb: limitMb,
          maxYoungGenerationSizeMb: Math.min(64, Math.max(8, Math.floor(limitMb / 16))),
        },
      });
      running++;
      let current: Job | null = null;
      /** Submissions this worker got to (a result, a timeout, its memory limit): it did start. */
      let graded = 0;
      let timer: NodeJS.Timeout | null = null;
      let exited = false;
      const fail = (reason: string) => {
        if (timer) clearTimeout(timer);
        if (!current) return;
        const lost = current;
        current = null;
        options.onResult(options.zeroResult(lost, reason));
      };
      const next = async () => {
        const job = await take();
        if (exited && job) handedBack.push(job);
        if (exited) return;
        current = job;
        if (!current) {
          void worker.terminate();
          return;
        }
        timer = setTimeout(() => {
          graded++;
          fail(`grading stopped after ${options.submissionMs / 1000} s (a cell that does not finish?)`);
          void worker.terminate();
        }, options.submissionMs);
        worker.postMessage(current);
      };
      worker.on("message", (msg: { result?: StudentResult; failed?: string }) => {
        if (timer) clearTimeout(timer);
        if (!current) return;
        graded++;
        failedStarts = 0;
        if (msg.result) {
          current = null;
          options.onResult(msg.result);
        } else {
          options.log?.(`grading ${current.student} failed: ${msg.failed ?? "no result"}`);
          fail("this submission could not be graded (the grader failed on it; the instructor has the details)");
        }
        void next();
      });
      worker.on("error", (err: Error & { code?: string }) => {
        if (err.code === "ERR_WORKER_OUT_OF_MEMORY") {
          graded++;
          fail(`grading used more than the memory limit (${limitMb} MB) and was stopped`);
        } else {
          if (current) options.log?.(`grading ${current.student} failed: ${err.message}`);
          fail("this submission could not be graded (the grader failed on it; the instructor has the details)");
        }
      });
      worker.on("exit", async () => {
        exited = true;
        fail("the grading worker stopped unexpectedly");
        running--;
        if (graded === 0 && !exhausted) failedStarts++;
        if (failedStarts >= MAX_FAILED_STARTS) {
          for (let job = await take(); job; job = await take())
            options.onResult(options.zeroResult(job, "the grading workers could not start"));
        }
        if (!exhausted || handedBack.length) start();
        else if (running === 0) resolve();
      });
      void next();
    };
    for (let i = 0; i < Math.max(1, options.jobs); i++) start();
  });
}
