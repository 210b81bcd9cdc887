// The grading coordinator under a stated memory cap. `nabla grade` runs the coordinator (gradeClass:
// reading files, collecting results, writing feedback and the gradebook) in a thread of its own whose
// heap V8 limits to the cap, as each grading worker's is limited; the main thread only waits. A
// coordinator that would go over is stopped by V8, not the machine, and the run ends with a plain
// message: what was graded is kept in OUT/.results/ and a new run resumes from it. By design the
// coordinator holds one file at a time and a few hundred bytes a student, so the cap is met with a
// wide margin (bench/README gives the measured peak).
import { Worker } from "node:worker_threads";
import type { GradeCommandOptions, GradeSummary } from "./grade.js";

export const COORDINATOR_MEMORY_MB = 512;

/** Base heap of the coordinator (the engine's code, the key, the page writer), MB, measured with margin. */
const BASE_MB = 96;

export class CoordinatorMemoryError extends Error {}

export interface CappedSummary extends GradeSummary {
  /** The coordinator's largest heap in use, sampled once a second and at the end, MB. */
  peakHeapMb: number;
  capMb: number;
}

/** One file is held as bytes, as text and as the copy sent to a worker: the largest must fit the cap. */
export function checkCap(capMb: number, maxBytes: number): void {
  const needed = BASE_MB + Math.ceil((4 * maxBytes) / 1e6);
  if (needed > capMb)
    throw new CoordinatorMemoryError(
      `a coordinator memory cap of ${capMb} MB cannot read submissions of up to ${Math.round(maxBytes / 1e6)} MB (it needs about ${needed} MB): raise --coordinator-memory or lower --max-size`,
    );
}

function threadUrl(): URL {
  const ts = import.meta.url.endsWith(".ts");
  return new URL(ts ? "./capped-boot.mjs" : "./capped-thread.js", import.meta.url);
}

export function gradeClassCapped(o: GradeCommandOptions, capMb = COORDINATOR_MEMORY_MB): Promise<CappedSummary> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(threadUrl(), {
      workerData: {
        options: { ...o, workerUrl: o.workerUrl?.href },
        stderrIsTTY: process.stderr.isTTY === true,
      },
      resourceLimits: {
        maxOldGenerationSizeMb: capMb,
        maxYoungGenerationSizeMb: Math.min(32, Math.max(4, Math.floor(capMb / 16))),
      },
    });
    let settled = false;
    const settle = (f: () => void) => {
      if (!settled) {
        settled = true;
        f();
      }
    };
    worker.on("message", (msg: { summary?: GradeSummary & { peakHeapMb: number }; error?: string }) => {
      if (msg.summary) settle(() => resolve({ ...msg.summary!, capMb }));
      else settle(() => reject(new Error(msg.error ?? "the grading coordinator failed")));
    });
    worker.on("error", (err: Error & { code?: string }) =>
      settle(() =>
        reject(
          err.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? new CoordinatorMemoryError(
                `the grading coordinator went over its memory cap (${capMb} MB) and was stopped; what was graded is kept in ${o.out}/.results/ and a new run resumes from it (--coordinator-memory sets the cap)`,
              )
            : new Error(`the grading coordinator failed: ${err.message}`),
        ),
      ),
    );
    worker.on("exit", (code) =>
      settle(() => reject(new Error(`the grading coordinator stopped unexpectedly (exit code ${code})`))),
    );
  });
}
