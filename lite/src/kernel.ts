// The Nabla kernel of the JupyterLite site: a BaseKernel in the page that runs each cell in a Web
// Worker (./worker.ts) holding the engine and one Session, and turns what the session reports into
// Jupyter messages as the ZeroMQ kernel does (kernel/server.ts): streams, display_data with KaTeX
// HTML, SVG and Vega-Lite, the last shown value as execute_result, errors with their line.
//
// An interrupt ends the worker (a page cannot stop a busy worker any other way) and starts a new
// one that restores each name from the statement that makes it again, as the ZeroMQ kernel does
// when a cell does not stop in time.
import { BaseKernel, type IKernel } from "@jupyterlite/services";
import type { KernelMessage } from "@jupyterlab/services";
import { CellOutput } from "../../kernel/cell-output.js";
import type { Effect, StatementResult } from "../../src/results.js";
import { NameSnapshot, restoredWords, stoppedResult } from "../../kernel/name-snapshot.js";
import type { Completion, FromWorker, Inspection, ToWorker } from "./protocol.js";

type ExecuteContent = KernelMessage.IExecuteRequestMsg["content"];
type ExecuteReply = KernelMessage.IExecuteReplyMsg["content"];
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Request = DistributiveOmit<ToWorker, "id">;

interface Pending {
  resolve: (value: unknown) => void;
  onEffect?: (effect: Effect) => void;
  onResult?: (result: StatementResult) => void;
}

export const LANGUAGE_INFO = {
  name: "nabla",
  version: "0.1.0",
  mimetype: "text/x-nabla",
  file_extension: ".nabla",
  codemirror_mode: "nabla",
  pygments_lexer: "julia",
  nbconvert_exporter: "script",
};

/** The kernels of this page by id, for the interrupt the kernel client receives (./plugin.ts). */
export const RUNNING = new Map<string, NablaKernel>();

export class NablaKernel extends BaseKernel {
  private worker!: Worker;
  private readonly workerUrl: string;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly snapshot = new NameSnapshot();
  private running: number | null = null;
  private restoring: Promise<void> | null = null;
  private started!: Promise<void>;
  private lostNotice: string | null = null;
  /** Whether the worker runs the engine's WebAssembly SIMD kernels (else their JavaScript twins). */
  private simd = false;

  constructor(options: IKernel.IOptions & { workerUrl: string }) {
    super(options);
    this.workerUrl = options.workerUrl;
    this.start();
    RUNNING.set(this.id, this);
  }

  override get ready(): Promise<void> {
    return this.started;
  }

  override dispose(): void {
    if (this.isDisposed) return;
    RUNNING.delete(this.id);
    this.worker.terminate();
    super.dispose();
  }

  private start(): void {
    this.worker = new Worker(this.workerUrl);
    // A worker that dies (its stack or memory exhausted by a cell) is replaced like an interrupted one.
    this.worker.onerror = (event) => {
      event.preventDefault();
      // Dying while it restored the names: they are what kills it, and are given up.
      if (this.running === null && this.restoring) this.snapshot.clear();
      this.replace(`the evaluation worker stopped (${event.message || "it ran out of memory or stack"})`, "internal");
    };
    this.started = new Promise((ready) => {
      this.worker.onmessage = (event: MessageEvent<FromWorker>) => {
        const msg = event.data;
        if (msg.type === "ready") {
          this.simd = msg.simd;
          return ready();
        }
        const p = this.pending.get(msg.id);
        if (!p) return;
        if (msg.type === "effect") return p.onEffect?.(msg.effect);
        if (msg.type === "result") return p.onResult?.(msg.result);
        this.pending.delete(msg.id);
        if (msg.type === "results") {
          this.snapshot.record(msg.snapshot);
          p.resolve(msg.results);
        } else p.resolve(msg.value);
      };
    });
  }

  private send(
    request: Request,
    onEffect?: (e: Effect) => void,
    onResult?: (r: StatementResult) => void,
  ): { id: number; answer: Promise<unknown> } {
    const id = this.nextId++;
    const answer = new Promise((resolve) => {
      this.pending.set(id, { resolve, onEffect, onResult });
      this.worker.postMessage({ ...request, id } as ToWorker);
    });
    return { id, answer };
  }

  /** Stops the running cell: the worker is replaced and the names come back from their values. */
  interrupt(): void {
    if (this.running !== null) this.replace("interrupted: the evaluation worker was replaced", "interrupt");
  }

  /**
   * Ends the worker and starts another that restores the names; the running cell (if any) ends
   * with an error that says why and what was kept. Whatever else waited on the old worker is answered empty.
   */
  private replace(why: string, kind: "interrupt" | "internal"): void {
    const id = this.running;
    const p = id === null ? undefined : this.pending.get(id);
    this.running = null;
    this.worker.terminate();
    for (const other of this.pending.values()) if (other !== p) other.resolve(null);
    this.pending.clear();
    this.start();
    const plan = this.snapshot.plan();
    const restore = async (): Promise<void> => {
      await this.started;
      const lost = (await this.send({ type: "restore", statements: plan.statements }).answer) as string[] | null;
      this.lostNotice = this.snapshot.settle(plan, lost, "the interrupt") ?? this.lostNotice;
      if (this.restoring === restoring) this.restoring = null;
    };
    const restoring = restore();
    this.restoring = restoring;
    const stopped = stoppedResult(`${why}; ${restoredWords(plan)}`, kind);
    p?.onResult?.(stopped);
    p?.resolve([stopped]);
  }

  /** Asks the worker something that does not change the session; while a cell runs, `idle` answers instead. */
  private async ask<T>(request: Request, idle: T): Promise<T> {
    if (this.running !== null) return idle;
    if (this.restoring) await this.restoring;
    return ((await this.send(request).answer) as T | null) ?? idle;
  }

  async kernelInfoRequest(): Promise<KernelMessage.IInfoReplyMsg["content"]> {
    return {
      status: "ok",
      protocol_version: "5.3",
      implementation: "nabla",
      implementation_version: "0.1.0",
      language_info: LANGUAGE_INFO,
      banner:
        "Nabla in the browser — the math of machine learning: ∇, ∂, Σ, matrices, Lagrange problems and checks. " +
        `(Numeric kernels: ${this.simd ? "WebAssembly SIMD" : "JavaScript; this browser has no WebAssembly SIMD"}.)`,
      help_links: [],
    };
  }

  async executeRequest(content: ExecuteContent): Promise<ExecuteReply> {
    const silent = content.silent === true;
    const count = this.executionCount;
    const out = new CellOutput(
      {
        stream: (name, text) => this.stream({ name, text }),
        clear: () => this.clearOutput({ wait: false }),
        display: (message, update) =>
          update
            ? this.updateDisplayData(message as KernelMessage.IUpdateDisplayDataMsg["content"])
            : this.displayData(message as KernelMessage.IDisplayDataMsg["content"]),
        error: (error) => this.publishExecuteError(error),
      },
      silent,
    );
    if (this.restoring) await this.restoring;
    if (this.lostNotice) {
      out.onEffect({ kind: "stderr", text: this.lostNotice });
      this.lostNotice = null;
    }
    const { id, answer } = this.send({ type: "run", code: content.code }, out.onEffect, out.onResult);
    this.running = id;
    await answer;
    if (this.running === id) this.running = null;
    const bundle = out.lastBundle();
    if (bundle) this.publishExecuteResult({ execution_count: count, data: bundle, metadata: {} });
    return out.error
      ? { status: "error", execution_count: count, ...out.error }
      : ({ status: "ok", execution_count: count, payload: out.payload, user_expressions: {} } as ExecuteReply);
  }

  async completeRequest(
    content: KernelMessage.ICompleteRequestMsg["content"],
  ): Promise<KernelMessage.ICompleteReplyMsg["content"]> {
    const { code, cursor_pos } = content;
    const none: Completion = { matches: [], cursor_start: cursor_pos, cursor_end: cursor_pos };
    const found = await this.ask<Completion>({ type: "complete", code, cursor: cursor_pos }, none);
    return { status: "ok", ...found, metadata: {} };
  }

  async inspectRequest(
    content: KernelMessage.IInspectRequestMsg["content"],
  ): Promise<KernelMessage.IInspectReplyMsg["content"]> {
    const found = await this.ask<Inspection>(
      { type: "inspect", code: content.code, cursor: content.cursor_pos },
      {
        found: false,
        data: {},
      },
    );
    return { status: "ok", ...found, metadata: {} };
  }

  async isCompleteRequest(
    content: KernelMessage.IIsCompleteRequestMsg["content"],
  ): Promise<KernelMessage.IIsCompleteReplyMsg["content"]> {
    const status = await this.ask<"complete" | "incomplete" | "invalid" | "unknown">(
      { type: "is_complete", code: content.code },
      "unknown",
    );
    return status === "incomplete" ? { status, indent: "" } : { status };
  }

  async commInfoRequest(): Promise<KernelMessage.ICommInfoReplyMsg["content"]> {
    return { status: "ok", comms: {} };
  }

  inputReply(): void {}

  async commOpen(): Promise<void> {}

  async commMsg(): Promise<void> {}

  async commClose(): Promise<void> {}
}
