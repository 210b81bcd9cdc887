// The main thread's side of evaluation: one cell at a time in a worker thread. An interrupt sets a
// shared flag the engine polls; a thread that does not stop within half a second is replaced by a
// fresh one, into which the notebook's names are restored from the snapshot of their values the old
// thread sent after each cell (./worker.ts) — not by running earlier cells again. What could not be
// kept (a trained network's weights, a data set) is said.
import { Worker } from "node:worker_threads";
import type { Effect, StatementResult } from "../src/results.js";
import { NameSnapshot, restoredWords, stoppedResult } from "./name-snapshot.js";
import type { FromWorker, ToWorker } from "./worker.js";

interface Pending {
  resolve: (value: unknown) => void;
  /** The results reported one by one so far. */
  reported: StatementResult[];
  onEffect?: (effect: Effect) => void;
  onResult?: (result: StatementResult) => void;
}

/**
 * How long a cell may take to notice an interrupt before its thread is replaced (NABLA_INTERRUPT_GRACE_MS; 0 replaces
 * it at once).
 */
const GRACE_MS = Number(process.env.NABLA_INTERRUPT_GRACE_MS ?? 500);

export class EvaluationThread {
  private worker!: Worker;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly snapshot = new NameSnapshot();
  private running: number | null = null;
  private restoring: Promise<void> | null = null;
  /** Names the last restore could not bring back, said with the next cell's output. */
  private lostNotice: string | null = null;

  constructor() {
    this.start();
  }

  /**
   * A thread started when an interrupt arrives, loading the engine during the grace period: if the
   * running cell does not stop, it takes over at once (the next cell waited for a whole start under
   * load, ~1 s); if the cell stops, it stays ready for a later interrupt. After a replacement a new
   * one is started as soon as the names are restored.
   */
  private spare: Worker | null = null;
  /** Closed by the kernel's shutdown: a thread's end is expected. */
  private closed = false;
  /** A replacement thread ended before it was ready: no thread can run. */
  private broken = false;

  private start(): void {
    this.worker = this.spare ?? this.spawn();
    this.spare = null;
  }

  private spawn(): Worker {
    const ts = import.meta.url.endsWith(".ts");
    const worker = new Worker(new URL(ts ? "./worker-boot.mjs" : "./worker-thread.js", import.meta.url), {
      workerData: { interrupt: this.flag },
    });
    worker.on("message", (msg: FromWorker) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      if (msg.type === "effect") return p.onEffect?.(msg.effect);
      if (msg.type === "result") {
        p.reported.push(msg.result);
        return p.onResult?.(msg.result);
      }
      this.pending.delete(msg.id);
      if (msg.type === "results") {
        this.snapshot.record(msg.snapshot);
        p.resolve([...p.reported, ...msg.results]);
      } else p.resolve(msg.value);
    });
    worker.on("error", (err) =>
      process.stderr.write(`nabla kernel: evaluation thread failed: ${err?.message ?? String(err)}\n`),
    );
    worker.on("exit", (code) => this.ended(worker, code));
    return worker;
  }

  private send(
    msg: ToWorker,
    onEffect?: (e: Effect) => void,
    onResult?: (r: StatementResult) => void,
  ): Promise<unknown> {
    return new Promise((resolve) => {
      this.pending.set(msg.id, { resolve, reported: [], onEffect, onResult });
      this.worker.postMessage(msg);
    });
  }

  /** Runs a cell; effects and each statement's result are reported as they happen. */
  async run(
    code: string,
    onEffect: (e: Effect) => void,
    onResult: (r: StatementResult) => void,
  ): Promise<StatementResult[] | null> {
    if (this.restoring) await this.restoring;
    if (this.lostNotice) {
      onEffect({ kind: "stderr", text: this.lostNotice });
      this.lostNotice = null;
    }
    return this.track((id) => this.send({ type: "run", id, code }, onEffect, onResult));
  }

  /** Evaluates a user expression without changing the session; interruptible like a cell. */
  async expression(code: string): Promise<StatementResult> {
    if (this.restoring) await this.restoring;
    const results = await this.track((id) => this.send({ type: "expression", id, code }));
    // null: the thread was replaced while this waited.
    return results?.[0] ?? interruptedResult("interrupted");
  }

  /** Sends a request that runs the session, as the one an interrupt stops. */
  private async track(send: (id: number) => Promise<unknown>): Promise<StatementResult[] | null> {
    if (this.broken)
      return [
        stoppedResult("the evaluation thread cannot start (it ended twice in a row): restart the kernel", "internal"),
      ];
    const id = this.nextId++;
    this.running = id;
    const results = (await send(id)) as StatementResult[] | null;
    if (this.running === id) this.running = null;
    return results;
  }

  /** Stops the running cell; the names survive. */
  interrupt(): void {
    const id = this.running;
    if (id === null) return;
    Atomics.store(this.flag, 0, 1);
    this.spare ??= this.spawn();
    setTimeout(() => {
      if (this.running !== id) return;
      // The engine did not reach a check in time: replace the thread and restore the names.
      const p = this.pending.get(id);
      this.pending.delete(id);
      this.running = null;
      const { restored } = this.replace();
      const stopped = interruptedResult(
        `interrupted: the cell did not stop within ${GRACE_MS / 1000} s, so the evaluation thread was replaced; ${restored}`,
      );
      p?.onResult?.(stopped);
      p?.resolve([stopped]);
    }, GRACE_MS).unref();
  }

  /**
   * The evaluation thread ended on its own (it ran out of memory, or failed where nothing caught
   * it): whatever it was doing gets an error, and a new thread takes over with the names restored,
   * as after an interrupt. A thread that ends again before its restore is done is not replaced
   * again (it cannot start): every request then says so.
   */
  private ended(worker: Worker, code: number): void {
    if (worker === this.spare) this.spare = null;
    if (worker !== this.worker || this.closed) return;
    process.stderr.write(`nabla kernel: the evaluation thread ended (exit code ${code}); starting another\n`);
    if (this.restoring) {
      this.broken = true;
      for (const p of this.pending.values()) p.resolve(null);
      this.pending.clear();
      return;
    }
    const id = this.running;
    const p = id === null ? undefined : this.pending.get(id);
    if (id !== null) this.pending.delete(id);
    this.running = null;
    const { restored } = this.replace();
    const failed = stoppedResult(
      `the evaluation thread stopped (exit code ${code}) and was replaced; ${restored}`,
      "internal",
    );
    p?.onResult?.(failed);
    p?.resolve([failed]);
  }

  /** A new thread with the snapshot's names; says what it restores and what it cannot keep. */
  private replace(): { restored: string } {
    void this.worker.terminate();
    for (const p of this.pending.values()) p.resolve(null);
    this.pending.clear();
    this.start();
    const plan = this.snapshot.plan();
    const id = this.nextId++;
    this.restoring = (async () => {
      const lost = (await this.send({ type: "restore", id, statements: plan.statements })) as string[] | null;
      this.lostNotice = this.snapshot.settle(plan, lost, "the evaluation thread was replaced") ?? this.lostNotice;
      this.restoring = null;
      // A cell that once would not stop may again: the next replacement finds a thread ready.
      this.spare ??= this.spawn();
    })();
    return { restored: restoredWords(plan) };
  }

  async names(): Promise<string[]> {
    if (this.running !== null || this.restoring || this.broken) return [];
    return ((await this.send({ type: "names", id: this.nextId++ })) as string[] | null) ?? [];
  }

  async describe(name: string): Promise<{ text: string; latex: string; html: string; shape: string } | null> {
    if (this.running !== null || this.restoring || this.broken) return null;
    return (await this.send({ type: "describe", id: this.nextId++, name })) as {
      text: string;
      latex: string;
      html: string;
      shape: string;
    } | null;
  }

  close(): Promise<number> {
    this.closed = true;
    void this.spare?.terminate();
    return this.worker.terminate();
  }
}

function interruptedResult(message: string): StatementResult {
  return stoppedResult(message, "interrupt");
}
