// The evaluation thread: one Session, fed cells by the kernel's main thread, which stays free to
// answer heartbeats, interrupts and shutdowns while a cell runs. The thread's entry is
// ./worker-thread.ts; this is what it runs.
import { parentPort, workerData } from "node:worker_threads";
import { readDataFile } from "../src/nn/read-file.js";
import { Session } from "../src/session.js";
import { renderMathml } from "../src/render/katex.js";
import type { Effect, StatementResult } from "../src/results.js";

export type ToWorker =
  | { type: "run"; id: number; code: string }
  | { type: "describe"; id: number; name: string }
  | { type: "names"; id: number };

export type FromWorker =
  | { type: "effect"; id: number; effect: Effect }
  | { type: "result"; id: number; result: StatementResult }
  | { type: "results"; id: number; results: StatementResult[] }
  | { type: "answer"; id: number; value: unknown };

/**
 * The value (a graph node) stays in this thread: it is not plain data. The HTML sent to Jupyter
 * is MathML, which every front end and exported page renders without KaTeX's CSS.
 */
function plain(r: StatementResult): StatementResult {
  const copy: Record<string, unknown> = {};
  // Copied by hand: reading `html` would render KaTeX's HTML, which is replaced here.
  for (const key of Object.keys(r)) if (key !== "value" && key !== "html") copy[key] = r[key as keyof StatementResult];
  return { ...(copy as Omit<StatementResult, "html">), html: r.silent || !r.latex ? "" : renderMathml(r.latex), effects: [] };
}

/** Serves this worker thread's messages until the kernel ends it. */
export function serveEvaluation(): void {
  const { interrupt } = workerData as { interrupt: Int32Array };
  let current = -1;
  // In a notebook a cell may run for minutes (training); NABLA_STATEMENT_SECONDS bounds it.
  const seconds = Number(process.env.NABLA_STATEMENT_SECONDS ?? 600);
  const session = new Session({
    limits: { timeMs: seconds * 1000 },
    // Files relative to the kernel's directory (the notebook's folder, as Jupyter starts it).
    readFile: readDataFile,
    interrupt,
    onEffect: (effect) => parentPort!.postMessage({ type: "effect", id: current, effect } satisfies FromWorker),
    onResult: (result) => parentPort!.postMessage({ type: "result", id: current, result: plain(result) } satisfies FromWorker),
  });

  parentPort!.on("message", (msg: ToWorker) => {
    if (msg.type === "run") {
      current = msg.id;
      Atomics.store(interrupt, 0, 0);
      const results = session.run(msg.code).map(plain);
      parentPort!.postMessage({ type: "results", id: msg.id, results } satisfies FromWorker);
    } else if (msg.type === "describe") {
      parentPort!.postMessage({ type: "answer", id: msg.id, value: session.describe(msg.name) ?? null } satisfies FromWorker);
    } else {
      parentPort!.postMessage({ type: "answer", id: msg.id, value: session.names().map((n) => n.name) } satisfies FromWorker);
    }
  });
}
