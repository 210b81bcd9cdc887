// Grades submissions on all cores with worker threads. A worker that runs past the per-submission
// time limit is stopped and replaced; that student scores zero with the reason, the rest go on.
import { Worker } from "node:worker_threads";
import { availableParallelism } from "node:os";
import type { StudentResult } from "./grade-one.js";
import type { Submission } from "./files.js";

export interface PoolOptions {
  keyText: string;
  jobs: number;
  statementMs: number;
  submissionMs: number;
  maxBytes: number;
  onResult: (result: StudentResult) => void;
  zeroResult: (s: Submission, reason: string) => StudentResult;
}

/** From source, a small .mjs registers tsx first; compiled, the worker is plain JavaScript. */
function workerUrl(): { url: URL; execArgv: string[] } {
  const ts = import.meta.url.endsWith(".ts");
  return { url: new URL(ts ? "./worker-boot.mjs" : "./worker-thread.js", import.meta.url), execArgv: [] };
}

export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

export function gradeAll(submissions: Submission[], options: PoolOptions): Promise<void> {
  const queue = [...submissions];
  const { url, execArgv } = workerUrl();
  const maxBytes = options.maxBytes;
  return new Promise((resolve) => {
    let running = 0;
    const start = () => {
      const worker = new Worker(url, { workerData: { keyText: options.keyText, statementMs: options.statementMs, maxBytes }, execArgv, resourceLimits: { maxOldGenerationSizeMb: 1024 } });
      running++;
      let current: Submission | null = null;
      let timer: NodeJS.Timeout | null = null;
      const next = () => {
        current = queue.shift() ?? null;
        if (!current) {
          void worker.terminate();
          return;
        }
        timer = setTimeout(() => {
          const lost = current!;
          current = null;
          options.onResult(options.zeroResult(lost, `grading stopped after ${options.submissionMs / 1000} s (a cell that does not finish?)`));
          void worker.terminate();
        }, options.submissionMs);
        worker.postMessage(current);
      };
      worker.on("message", (msg: { result: StudentResult; tooLarge?: number }) => {
        if (timer) clearTimeout(timer);
        const result = msg.tooLarge ? options.zeroResult(current!, `the file has ${msg.tooLarge} bytes; the limit is ${maxBytes}`) : msg.result;
        current = null;
        options.onResult(result);
        next();
      });
      worker.on("error", (err) => {
        if (timer) clearTimeout(timer);
        if (current) options.onResult(options.zeroResult(current, `grading failed: ${err.message}`));
        current = null;
      });
      worker.on("exit", () => {
        if (timer) clearTimeout(timer);
        if (current) options.onResult(options.zeroResult(current, "the grading worker stopped unexpectedly"));
        running--;
        if (queue.length) start();
        else if (running === 0) resolve();
      });
      next();
    };
    const n = Math.min(options.jobs, Math.max(1, submissions.length));
    if (submissions.length === 0) resolve();
    for (let i = 0; i < n; i++) start();
  });
}
