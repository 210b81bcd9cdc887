// The coordinator's thread (capped.ts): runs gradeClass under the heap limit the thread was given and
// reports its summary and the largest heap it used.
import { getHeapStatistics } from "node:v8";
import { parentPort, workerData } from "node:worker_threads";
import { gradeClass, type GradeCommandOptions } from "./grade.js";

const { options, stderrIsTTY } = workerData as {
  options: Omit<GradeCommandOptions, "workerUrl"> & { workerUrl?: string };
  stderrIsTTY: boolean;
};
// The progress bar redraws in place when the real standard error is a terminal.
if (stderrIsTTY) Object.defineProperty(process.stderr, "isTTY", { value: true });

let peak = 0;
const sample = () => (peak = Math.max(peak, getHeapStatistics().used_heap_size));
const sampler = setInterval(sample, 1000);
try {
  const summary = await gradeClass({
    ...options,
    workerUrl: options.workerUrl ? new URL(options.workerUrl) : undefined,
  });
  sample();
  parentPort!.postMessage({ summary: { ...summary, peakHeapMb: Math.round(peak / 1e6) } });
} catch (err) {
  parentPort!.postMessage({ error: (err as Error).message });
} finally {
  clearInterval(sampler);
}
