// The messages between the Nabla kernel in the page (./kernel.ts) and its evaluation worker
// (./worker.ts). The cell, restore and snapshot messages are the ZeroMQ kernel's own (kernel/worker.ts);
// completion, inspection and is_complete are answered by the worker too, since the engine's tables
// live there and the page's bundle stays free of the engine.
import type { Snapshot } from "../../kernel/worker.js";
import type { Effect, StatementResult } from "../../src/results.js";

export type { Snapshot };

export type ToWorker =
  | { type: "run"; id: number; code: string }
  | { type: "restore"; id: number; statements: [key: string, statement: string][] }
  | { type: "complete"; id: number; code: string; cursor: number }
  | { type: "inspect"; id: number; code: string; cursor: number }
  | { type: "is_complete"; id: number; code: string };

export interface Completion {
  matches: string[];
  cursor_start: number;
  cursor_end: number;
}

export interface Inspection {
  found: boolean;
  data: Record<string, string>;
}

export type FromWorker =
  | { type: "ready"; id: 0; simd: boolean }
  | { type: "effect"; id: number; effect: Effect }
  | { type: "result"; id: number; result: StatementResult }
  | { type: "results"; id: number; results: StatementResult[]; snapshot: Snapshot }
  | { type: "answer"; id: number; value: unknown };
