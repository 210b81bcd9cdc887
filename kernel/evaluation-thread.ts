// The main thread's side of evaluation: one cell at a time in a worker thread. An interrupt sets a
// shared flag the engine polls; a worker that does not stop within half a second is replaced by a
// fresh one that replays every cell that ran before, so the notebook keeps its names.
import { Worker } from "node:worker_threads";
import type { Effect, StatementResult } from "../src/results.js";
import type { FromWorker, ToWorker } from "./worker.js";

interface Pending {
  resolve: (value: unknown) => void;
  onEffect?: (effect: Effect) => void;
  onResult?: (result: StatementResult) => void;
}

export class EvaluationThread {
  private worker!: Worker;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly ran: string[] = [];
  private running: number | null = null;
  private restarting: Promise<void> | null = null;

  constructor() {
    this.start();
  }

  private start(): void {
    const ts = import.meta.url.endsWith(".ts");
    this.worker = new Worker(new URL(ts ? "./worker-boot.mjs" : "./worker-thread.js", import.meta.url), { workerData: { interrupt: this.flag } });
    this.worker.on("message", (msg: FromWorker) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      if (msg.type === "effect") return p.onEffect?.(msg.effect);
      if (msg.type === "result") return p.onResult?.(msg.result);
      this.pending.delete(msg.id);
      p.resolve(msg.type === "results" ? msg.results : msg.value);
    });
    this.worker.on("error", (err) => process.stderr.write(`nabla kernel: evaluation thread failed: ${err.message}\n`));
  }

  private send(msg: ToWorker, onEffect?: (e: Effect) => void, onResult?: (r: StatementResult) => void): Promise<unknown> {
    return new Promise((resolve) => {
      this.pending.set(msg.id, { resolve, onEffect, onResult });
      this.worker.postMessage(msg);
    });
  }

  /** Runs a cell; effects and each statement's result are reported as they happen. */
  async run(code: string, onEffect: (e: Effect) => void, onResult: (r: StatementResult) => void): Promise<StatementResult[]> {
    if (this.restarting) await this.restarting;
    const id = this.nextId++;
    this.running = id;
    const results = (await this.send({ type: "run", id, code }, onEffect, onResult)) as StatementResult[];
    this.running = null;
    if (results.some((r) => r.status === "ok")) this.ran.push(code);
    return results;
  }

  /** Stops the running cell; the names survive. */
  interrupt(): void {
    const id = this.running;
    if (id === null) return;
    Atomics.store(this.flag, 0, 1);
    setTimeout(() => {
      if (this.running !== id) return;
      // The engine did not reach a check in time: replace the thread and replay the notebook.
      const p = this.pending.get(id);
      this.pending.delete(id);
      this.running = null;
      void this.worker.terminate();
      this.restarting = this.replay();
      const stopped = interruptedResult(this.restarting);
      p?.onResult?.(stopped);
      p?.resolve([stopped]);
    }, 500);
  }

  private async replay(): Promise<void> {
    this.start();
    for (const code of this.ran) await this.send({ type: "run", id: this.nextId++, code });
    this.restarting = null;
  }

  async restart(): Promise<void> {
    await this.worker.terminate();
    this.pending.clear();
    this.ran.length = 0;
    this.running = null;
    this.start();
  }

  async names(): Promise<string[]> {
    if (this.running !== null) return [];
    return (await this.send({ type: "names", id: this.nextId++ })) as string[];
  }

  async describe(name: string): Promise<{ text: string; latex: string; html: string; shape: string } | null> {
    if (this.running !== null) return null;
    return (await this.send({ type: "describe", id: this.nextId++, name })) as { text: string; latex: string; html: string; shape: string } | null;
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}

function interruptedResult(_restoring: Promise<void>): StatementResult {
  return {
    index: 0,
    line: 1,
    source: "",
    status: "error",
    silent: false,
    text: "",
    pretty: "interrupted",
    latex: "",
    html: "",
    effects: [],
    error: { kind: "interrupt", message: "interrupted (the evaluation thread was restarted; earlier cells were replayed, so every name is kept)", line: 1, column: 1, excerpt: "" },
  };
}
