// `nabla worker --queue redis://…`: grades jobs from the queue until stopped (Ctrl-C or SIGTERM
// let the jobs in hand finish; SIGKILL loses nothing either: those jobs go to another worker).
import { defaultJobs } from "../pool.js";
import { reachable, type QueueAddress } from "./connection.js";
import { serveQueue } from "./serve.js";

export interface WorkerCommandOptions {
  address: QueueAddress;
  jobs?: number;
  lockMs?: number;
  verbose?: boolean;
  /** Tests: stop after this signal instead of the process's own. */
  stop?: Promise<void>;
}

/** The longest a worker waits for its jobs in hand when told to stop. */
const STOP_MS = 120_000;

export async function workerCommand(o: WorkerCommandOptions): Promise<number> {
  const log = (line: string) => process.stderr.write(`nabla worker: ${line}\n`);
  const unreachable = await reachable(o.address);
  if (unreachable) {
    log(unreachable);
    return 1;
  }
  const jobs = o.jobs ?? defaultJobs();
  const worker = await serveQueue({ address: o.address, jobs, lockMs: o.lockMs, log, verbose: o.verbose });
  log(`grading jobs from ${o.address.shown} with ${jobs} thread(s); Ctrl-C stops after the jobs in hand`);
  await (o.stop ??
    new Promise<void>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    }));
  log("stopping: finishing the jobs in hand (a second Ctrl-C stops at once; the queue gives them to others)");
  // Without Redis, BullMQ's close would wait for it forever: the jobs in hand get their own time limit.
  const stopped = await Promise.race([
    worker.close().then(() => true),
    new Promise<false>((resolve) => {
      process.once("SIGINT", () => resolve(false));
      process.once("SIGTERM", () => resolve(false));
      setTimeout(() => resolve(false), STOP_MS).unref();
    }),
  ]);
  const { user, system } = process.cpuUsage();
  log(
    `${stopped ? "stopped" : "stopped without waiting"} after grading ${worker.graded()} submission(s), CPU ${((user + system) / 1e6).toFixed(2)} s`,
  );
  return 0;
}
