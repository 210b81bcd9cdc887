// The Nabla kernel: tslab's ZmqServer owns the sockets, the heartbeat and the message loops; this
// subclass answers every shell and control message of the messaging protocol 5.3 itself
// (tslab's own answers omit execute_input, execute_result, error, history and interrupts).
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import Module from "node:module";
import { EvaluationThread } from "./evaluation-thread.js";
import { Message, SignatureHistory } from "./message.js";
import { DEFAULT_LIMITS } from "../src/budget.js";
import { History } from "./history.js";
import { nestedDeeperThan } from "./nesting.js";
import { CellOutput } from "./cell-output.js";
import { bundleOf, errorContent } from "./mime.js";
import type { ConnectionInfo, Socket, Sockets, ZmqSocket } from "./sockets.js";

// The grammar, help and completion load on first use, not at start: the kernel answers
// kernel_info while the evaluation thread is still loading the engine.
const lazy = {
  isComplete: async () => (await import("../src/syntax/complete.js")).isComplete,
  complete: async () => (await import("./complete.js")).complete,
  inspect: async () => (await import("./inspect.js")).inspect,
};

const require = createRequire(import.meta.url);

/**
 * tslab's jupyter module loads its TypeScript converter for its own handler, which this kernel
 * does not use; empty stand-ins in the module cache keep the compiler (and ~250 ms) out of start-up.
 */
function loadTslabServer(): new (handler: object, configPath: string) => TslabServer {
  const dir = dirname(require.resolve("tslab/dist/jupyter.js"));
  for (const name of ["converter.js", "inspect.js"]) {
    const file = join(dir, name);
    const stub = new (Module as unknown as new (id: string) => NodeJS.Module)(file);
    stub.filename = file;
    stub.loaded = true;
    stub.exports = {};
    require.cache[file] = stub;
  }
  return (require("tslab/dist/jupyter.js") as { ZmqServer: new (handler: object, configPath: string) => TslabServer })
    .ZmqServer;
}

interface TslabServer {
  connInfo: ConnectionInfo;
  iopub: Socket;
  shell: Socket;
  control: Socket;
  stdin: Socket;
  hb: Socket;
  init(): Promise<void>;
  close(): void;
}

export const KERNEL_INFO = {
  status: "ok",
  protocol_version: "5.3",
  implementation: "nabla",
  implementation_version: "0.1.0",
  language_info: {
    name: "nabla",
    version: "0.1.0",
    mimetype: "text/x-nabla",
    file_extension: ".nabla",
    // nbconvert highlights with Pygments, which has no Nabla lexer. Julia's reads Nabla honestly:
    // `#` comments, strings, numbers, Unicode names and operators, `f(x) = …`, `[1, 2; 3, 4]` (no
    // error tokens on any course notebook's cell, test/kernel/pygments-lexer.test.ts).
    pygments_lexer: "julia",
    // Defined by the kernelspec's kernel.js (./install.ts) for Notebook 6.
    codemirror_mode: "nabla",
    nbconvert_exporter: "script",
  },
  banner: "Nabla — the math of machine learning: ∇, ∂, Σ, matrices, Lagrange problems and checks, typeset.",
  help_links: [{ text: "Nabla language", url: "https://github.com/nabla-lang/nabla/blob/main/README.md" }],
};

const { sourceChars: MAX_CHARS, depth: MAX_DEPTH } = DEFAULT_LIMITS;

/**
 * A cell the session would refuse unread is not parsed on the main thread either (a 10 MB cell
 * took 8 s there, and 2 million nested brackets overflowed its stack): it cannot run as it is.
 */
function tooLargeToRead(code: string): "invalid" | null {
  return code.length > MAX_CHARS || nestedDeeperThan(code, MAX_DEPTH) ? "invalid" : null;
}

/** The kernel on sockets already bound (./sockets.ts). */
export function createServer(sockets: Sockets): { init(): Promise<void> } {
  const Base = loadTslabServer();

  class NablaServer extends Base {
    readonly evaluator = new EvaluationThread();
    readonly history = new History();
    /** Signatures seen, as jupyter_client's Session keeps them: a replayed message is refused. */
    private readonly signatures = new SignatureHistory();
    /** Execute requests in order of arrival; one that errs with stop_on_error aborts those before `abortBefore`. */
    private arrived = 0;
    private abortBefore = 0;
    private executionCount = 0;
    private queue: Promise<void> = Promise.resolve();

    // A zeromq socket takes one send at a time: each socket's messages queue behind each other.
    private readonly sending = new Map<Socket, Promise<void>>();

    /**
     * tslab's init makes and binds its own sockets while it starts receiving; these were bound
     * before the kernel's code loaded (./sockets.ts), and the loops start only now.
     */
    override async init(): Promise<void> {
      const { info, iopub, shell, control, stdin, hb } = sockets;
      this.connInfo = info;
      Object.assign(this, { iopub, shell, control, stdin, hb });
      // Requests are not awaited: an interrupt on control must be read while a cell runs.
      void this.serve(shell, (frames) => void this.handleShellMessage(shell, ...frames));
      void this.serve(control, (frames) => void this.handleShellMessage(control, ...frames));
      void this.serve(hb, (frames) => hb.send(frames));
      // An XPUB socket reads its subscriptions: the first one opens the gate below.
      void this.serve(iopub, ([frame]) => {
        if (frame?.[0] === 1) this.subscribed();
      });
    }

    /**
     * Until a client has subscribed to IOPub, what the kernel publishes is lost — for the first
     * kernel_info, the busy and idle a client waits for (jupyter_client then waits 0.2 s and asks
     * again). Requests that arrive before the subscription wait for it, a second at most.
     */
    private subscribed!: () => void;
    private readonly iopubReady = new Promise<void>((resolve) => {
      this.subscribed = resolve;
      setTimeout(resolve, 1000).unref();
    });

    private async serve(sock: ZmqSocket, handle: (frames: Buffer[]) => unknown): Promise<void> {
      try {
        for await (const frames of sock) await handle(frames);
      } catch (err) {
        if (!sock.closed) process.stderr.write(`nabla kernel: a socket stopped: ${(err as Error).message}\n`);
      }
    }

    private send(sock: Socket, msg: Message): void {
      const frames = msg.frames(this.connInfo.key);
      const previous = this.sending.get(sock) ?? Promise.resolve();
      const next = previous
        .then(() => sock.send(frames))
        .catch((err: Error) => {
          process.stderr.write(`nabla kernel: send failed: ${err.message}\n`);
        });
      this.sending.set(sock, next);
    }

    private publish(parent: Message, type: string, content: Record<string, unknown>): void {
      this.send(this.iopub, parent.child(type, content, [Buffer.from(type)]));
    }

    private status(parent: Message, state: "busy" | "idle"): void {
      this.publish(parent, "status", { execution_state: state });
    }

    /** Called by tslab's socket loops for shell and control; errors never escape (a bad frame is dropped). */
    async handleShellMessage(sock: Socket, ...frames: Buffer[]): Promise<void> {
      let msg: Message;
      try {
        msg = Message.parse(this.connInfo.key, frames, this.signatures);
      } catch (err) {
        process.stderr.write(`nabla kernel: ignored a message: ${(err as Error).message}\n`);
        return;
      }
      await this.iopubReady;
      try {
        await this.dispatch(sock, msg);
      } catch (err) {
        process.stderr.write(`nabla kernel: ${msg.header.msg_type} failed: ${(err as Error).stack}\n`);
      }
    }

    private async dispatch(sock: Socket, msg: Message): Promise<void> {
      const type = msg.header.msg_type;
      const reply = (content: Record<string, unknown>) =>
        this.send(sock, msg.child(type.replace(/_request$/, "_reply"), content));
      if (type === "execute_request") {
        // One cell at a time, in order; other requests are answered meanwhile.
        const seq = ++this.arrived;
        this.queue = this.queue.then(() => (seq <= this.abortBefore ? this.abort(sock, msg) : this.execute(sock, msg)));
        return this.queue;
      }
      this.status(msg, "busy");
      try {
        switch (type) {
          case "kernel_info_request":
            return reply(KERNEL_INFO);
          case "is_complete_request": {
            const code = String(msg.content.code ?? "");
            // The main thread answers heartbeats: a cell it cannot run is not parsed here.
            const status = tooLargeToRead(code) ?? (await lazy.isComplete())(code);
            return reply(status === "incomplete" ? { status, indent: "" } : { status });
          }
          case "complete_request": {
            const code = String(msg.content.code ?? "");
            const cursor = Number(msg.content.cursor_pos ?? 0);
            if (tooLargeToRead(code))
              return reply({ status: "ok", matches: [], cursor_start: cursor, cursor_end: cursor, metadata: {} });
            const names = await this.evaluator.names();
            return reply({ status: "ok", ...(await lazy.complete())(code, cursor, names), metadata: {} });
          }
          case "inspect_request": {
            const code = String(msg.content.code ?? "");
            if (tooLargeToRead(code)) return reply({ status: "ok", found: false, data: {}, metadata: {} });
            return reply({
              status: "ok",
              ...(await (
                await lazy.inspect()
              )(code, Number(msg.content.cursor_pos ?? 0), this.evaluator)),
              metadata: {},
            });
          }
          case "history_request":
            return reply({ status: "ok", history: this.history.query(msg.content) });
          case "comm_info_request":
            return reply({ status: "ok", comms: {} });
          case "comm_open":
            // No comm targets: close it, as the protocol asks.
            return this.publish(msg, "comm_close", { comm_id: msg.content.comm_id, data: {} });
          case "comm_msg":
          case "comm_close":
            return;
          case "interrupt_request":
            this.evaluator.interrupt();
            return reply({ status: "ok" });
          case "shutdown_request": {
            // As ipykernel: the kernel exits either way; with restart, its manager starts a new one.
            const restart = msg.content.restart === true;
            reply({ status: "ok", restart });
            this.publish(msg, "shutdown_reply", { status: "ok", restart });
            setTimeout(() => this.shutdown(), 50);
            return;
          }
          default:
            process.stderr.write(`nabla kernel: unsupported message ${type}\n`);
        }
      } finally {
        this.status(msg, "idle");
      }
    }

    /** A queued request after a cell failed with stop_on_error: not run, as ipykernel does. */
    private abort(sock: Socket, msg: Message): void {
      this.status(msg, "busy");
      this.send(sock, msg.child("execute_reply", { status: "aborted", execution_count: this.executionCount }));
      this.status(msg, "idle");
    }

    /** `user_expressions`: each evaluated after the cell, as a MIME bundle or an error; none changes the session. */
    private async userExpressions(expressions: unknown): Promise<Record<string, unknown>> {
      const out: Record<string, unknown> = {};
      if (!expressions || typeof expressions !== "object") return out;
      for (const [key, code] of Object.entries(expressions as Record<string, unknown>)) {
        const result = await this.evaluator.expression(String(code));
        out[key] =
          result.status === "error"
            ? { status: "error", ...errorContent(result) }
            : { status: "ok", data: bundleOf(result), metadata: {} };
      }
      return out;
    }

    private async execute(sock: Socket, msg: Message): Promise<void> {
      const code = String(msg.content.code ?? "");
      const silent = msg.content.silent === true;
      const storeHistory = msg.content.store_history !== false && !silent;
      this.status(msg, "busy");
      if (storeHistory) this.executionCount++;
      const count = this.executionCount;
      if (!silent) this.publish(msg, "execute_input", { code, execution_count: count });
      const out = new CellOutput(
        {
          stream: (name, text) => this.publish(msg, "stream", { name, text }),
          clear: () => this.publish(msg, "clear_output", { wait: false }),
          display: (content, update) =>
            this.publish(msg, update ? "update_display_data" : "display_data", { ...content }),
          error: (content) => this.publish(msg, "error", content),
        },
        silent,
        true,
      );
      try {
        await this.evaluator.run(code, out.onEffect, out.onResult);
      } catch (err) {
        process.stderr.write(`nabla kernel: evaluation failed: ${(err as Error).message}\n`);
      }
      const bundle = out.lastBundle();
      if (bundle) this.publish(msg, "execute_result", { execution_count: count, data: bundle, metadata: {} });
      const shownLast = out.last;
      if (storeHistory) this.history.add(count, code, shownLast ? shownLast.pretty : null);
      if (out.error && msg.content.stop_on_error !== false) this.abortBefore = this.arrived;
      const content = out.error
        ? { status: "error", execution_count: count, ...out.error, user_expressions: {} }
        : {
            status: "ok",
            execution_count: count,
            payload: out.payload,
            user_expressions: await this.userExpressions(msg.content.user_expressions),
          };
      this.send(sock, msg.child("execute_reply", content));
      this.status(msg, "idle");
    }

    private shutdown(): void {
      void this.evaluator.close();
      this.close();
      setTimeout(() => process.exit(0), 100).unref();
    }
  }

  // tslab reads the connection file only in its own init, which this one replaces.
  return new NablaServer({ close: () => undefined }, "");
}
