// The grading queue as grade.ts sees it: a grader that replaces the in-process pool.
import type { PoolOptions } from "../pool.js";
import type { QueueAddress } from "./connection.js";

export { parseQueueUrl, QueueUrlError, type QueueAddress } from "./connection.js";

export interface QueueChoice {
  address: QueueAddress;
  /** Grade here too (default), or leave it all to `nabla worker`s (--no-local). */
  local?: boolean;
  /** How long a worker's claim on a job lasts without renewal, ms. */
  lockMs?: number;
}

/** The pool's replacement for `gradeAll`, for these submissions. */
export function queueGrader(
  choice: QueueChoice,
  submissions: { student: string; file: string }[],
): (pool: PoolOptions) => Promise<void> {
  return async (pool) => {
    // The coordinator (and bullmq with it) is loaded only for a run on the queue.
    const { gradeOnQueue } = await import("./coordinator.js");
    return gradeOnQueue(pool, {
      address: choice.address,
      local: choice.local !== false,
      jobs: pool.jobs,
      lockMs: choice.lockMs,
      submissions: submissions.map((s) => ({ student: s.student, file: s.file })),
    });
  };
}
