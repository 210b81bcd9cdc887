// The evaluation thread: one Session, fed cells by the kernel's main thread, which stays free to
// answer heartbeats, interrupts and shutdowns while a cell runs. The thread's entry is
// ./worker-thread.ts; this is what it runs.
//
// After each cell it sends the main thread a snapshot of what the cell changed: for each name, the
// statement that makes it again from its value (`A = [1, 2; 3, 4]`, `f(x) = x^2 + 1`,
// `x ∈ ℝ^(3)`), or null where the value cannot be written down (a trained network's weights, a data
// set). When a cell does not stop and the thread is replaced, the new thread runs those statements:
// the names come back from their values, not by running the notebook's cells again.
import { parentPort, workerData } from "node:worker_threads";
import { Session } from "../src/session.js";
import { scan } from "../src/syntax/scanner.js";
import { parseStatement } from "../src/syntax/to-ast.js";
import { readDataFile } from "../src/nn/read-file.js";
import { mathHtml } from "./math-html.js";
import { DISPLAY_CHARS, tooLargeToShow } from "./mime.js";
import { nestedDeeperThan } from "./nesting.js";
import { toText } from "../src/graph/print/forms.js";
import type { Node } from "../src/graph/node.js";
import type { Shape } from "../src/graph/shape.js";
import type { UserFunction } from "../src/environment.js";
import type { Effect, StatementResult } from "../src/results.js";
import { MathFailure, type ErrorKind } from "../src/errors.js";

export type ToWorker =
  | { type: "run"; id: number; code: string }
  | { type: "restore"; id: number; statements: [key: string, statement: string][] }
  | { type: "describe"; id: number; name: string }
  | { type: "expression"; id: number; code: string }
  | { type: "names"; id: number };

/** What a cell changed: a key (`name:A`, `shape:x`) and its statement (null: cannot be kept), and keys removed. */
export interface Snapshot {
  set: [key: string, statement: string | null][];
  removed: string[];
}

export type FromWorker =
  | { type: "effect"; id: number; effect: Effect }
  | { type: "result"; id: number; result: StatementResult }
  /** The end of a request: the results not already sent one by one as `result`. */
  | { type: "results"; id: number; results: StatementResult[]; snapshot: Snapshot }
  | { type: "answer"; id: number; value: unknown };

/** A value's statement longer than this is not kept (a snapshot must stay cheap to take and send). */
const MAX_STATEMENT = 1_000_000;

/**
 * The value (a graph node) stays in this thread: it is not plain data. The HTML sent to Jupyter
 * is KaTeX's with MathML (./math-html.ts): typeset where KaTeX's stylesheet is loaded, MathML elsewhere.
 */
function plain(r: StatementResult): StatementResult {
  const copy: Record<string, unknown> = {};
  // Copied by hand: reading `html` would render KaTeX's HTML, which is replaced here.
  for (const key of Object.keys(r)) if (key !== "value" && key !== "html") copy[key] = r[key as keyof StatementResult];
  const tooLarge = tooLargeToShow(r);
  return {
    ...(copy as Omit<StatementResult, "html">),
    ...(tooLarge ? { latex: "", text: r.text.slice(0, DISPLAY_CHARS) } : {}),
    html: r.silent || !r.latex || tooLarge ? "" : mathHtml(r.latex),
    effects: [],
  };
}

function shapeText(shape: Shape): string {
  return shape.length === 0 ? "ℝ" : `ℝ^(${shape.join("×")})`;
}

function bounded(statement: string): string | null {
  return statement.length <= MAX_STATEMENT ? statement : null;
}

function valueStatement(name: string, value: Node): string | null {
  if (value.kind === "record") return value.tag === "layer" ? bounded(`layer ${name} = ${toText(value)}`) : null;
  return bounded(`${name} = ${toText(value)}`);
}

function functionStatement(name: string, fn: UserFunction): string | null {
  return bounded(`${name}(${fn.params.map((p) => p.name).join(", ")}) = ${toText(fn.body)}`);
}

/** Tracks which of the session's names changed since the last snapshot (by identity: values are interned). */
class Snapshots {
  private seen = new Map<string, unknown>();

  constructor(private readonly session: Session) {}

  take(): Snapshot {
    const env = this.session.env;
    const now = new Map<string, [unknown, () => string | null]>();
    for (const [n, shape] of env.shapes) now.set(`shape:${n}`, [shape, () => `${n} ∈ ${shapeText(shape)}`]);
    for (const [n, value] of env.values) now.set(`name:${n}`, [value, () => valueStatement(n, value)]);
    for (const [n, fn] of env.functions) now.set(`name:${n}`, [fn, () => functionStatement(n, fn)]);
    const set: [string, string | null][] = [];
    for (const [key, [identity, statement]] of now) {
      if (this.seen.get(key) === identity) continue;
      let text: string | null;
      try {
        text = statement();
      } catch {
        text = null; // not printable: not kept
      }
      set.push([key, text]);
    }
    const removed = [...this.seen.keys()].filter((k) => !now.has(k));
    this.seen = new Map([...now].map(([k, [identity]]) => [k, identity]));
    return { set, removed };
  }
}

/** Statements that only read: an expression, a check, an optimisation. */
const READ_ONLY = new Set(["exprs", "check", "optimize"]);
/** What the others are, for the message that refuses them. */
const CHANGES: Record<string, string> = {
  assign: "an assignment",
  define: "a definition",
  declare: "a declaration",
  layer: "a layer's definition",
  train: "training",
  expect: "a graded test",
};

/**
 * Jupyter's user_expressions are read, never run as cells: a statement that would assign, define,
 * declare, make a layer, train or grade is refused, and whatever evaluating the rest touches (a
 * network's weights made on first use) is put back as it was.
 */
function evaluateExpression(session: Session, code: string): StatementResult {
  // What the session refuses unread (over the size or the nesting limit) it refuses here too.
  const scanned = code.length <= session.limits.sourceChars ? scan(code) : { statements: [] };
  for (const st of scanned.statements) {
    const parsed = nestedDeeperThan(st.text, session.limits.depth) ? null : parseStatement(st.text, st.offset);
    if (parsed?.ok && !READ_ONLY.has(parsed.statement.kind))
      return refused(
        code,
        `a user expression is only read: \`${st.text.trim()}\` is ${CHANGES[parsed.statement.kind] ?? "a statement"}, which would change the session`,
      );
  }
  const env = session.env;
  const kept = [env.values, env.functions, env.shapes, env.models, env.datasets].map(
    (map) => [map, [...map]] as [Map<string, unknown>, [string, unknown][]],
  );
  try {
    const results = session.run(code);
    return results.find((r) => r.status === "error") ?? results.at(-1) ?? refused(code, "the expression is empty");
  } finally {
    for (const [map, entries] of kept) {
      map.clear();
      for (const [key, value] of entries) map.set(key, value);
    }
  }
}

function refused(code: string, message: string): StatementResult {
  return failure(code, message, "name");
}

function failure(code: string, message: string, kind: ErrorKind): StatementResult {
  return {
    index: 0,
    line: 1,
    source: code,
    status: "error",
    silent: false,
    text: "",
    pretty: `Error at 1:1: ${message}`,
    latex: "",
    html: "",
    effects: [],
    error: { kind, message, line: 1, column: 1, excerpt: "" },
  };
}

/** Serves this worker thread's messages until the kernel ends it. */
export function serveEvaluation(): void {
  const { interrupt } = workerData as { interrupt: Int32Array };
  let current = -1;
  let reported = 0;
  // In a notebook a cell may run for minutes (training); NABLA_STATEMENT_SECONDS bounds it.
  const seconds = Number(process.env.NABLA_STATEMENT_SECONDS ?? 600);
  const post = (msg: FromWorker) => parentPort!.postMessage(msg);
  const session = new Session({
    limits: { timeMs: seconds * 1000 },
    // Files relative to the kernel's directory (the notebook's folder, as Jupyter starts it).
    readFile: readDataFile,
    interrupt,
    onEffect: (effect) => post({ type: "effect", id: current, effect }),
    onResult: (result) => {
      reported++;
      post({ type: "result", id: current, result: plain(result) });
    },
  });
  const snapshots = new Snapshots(session);

  parentPort!.on("message", (msg: ToWorker) => {
    try {
      handle(msg);
    } catch (err) {
      // Nothing a request does may end this thread or leave it unanswered (the main thread would
      // wait for the answer, and every later cell behind it): a failure is the request's result.
      const message = err instanceof MathFailure ? err.message : `internal error: ${(err as Error)?.message ?? err}`;
      const failed = failure(
        "",
        err instanceof RangeError ? "the input is too deeply nested to read" : message,
        err instanceof MathFailure ? err.kind : "internal",
      );
      if (msg.type === "run") post({ type: "result", id: msg.id, result: failed });
      if (msg.type === "run" || msg.type === "expression")
        post({ type: "results", id: msg.id, results: msg.type === "run" ? [] : [failed], snapshot: snapshots.take() });
      else
        post({ type: "answer", id: msg.id, value: msg.type === "restore" ? msg.statements.map(([key]) => key) : null });
    }
  });

  function handle(msg: ToWorker): void {
    if (msg.type === "run") {
      current = msg.id;
      reported = 0;
      Atomics.store(interrupt, 0, 0);
      const results = session.run(msg.code);
      // A result the session returned without reporting it (a cell over the size limit) is reported now.
      for (const r of results.slice(reported)) post({ type: "result", id: msg.id, result: plain(r) });
      // Every result went out as it came: the end carries none again (each is copied once, rendered once).
      post({ type: "results", id: msg.id, results: [], snapshot: snapshots.take() });
    } else if (msg.type === "restore") {
      current = msg.id;
      Atomics.store(interrupt, 0, 0);
      const lost: string[] = [];
      for (const [key, statement] of msg.statements)
        if (session.run(statement).some((r) => r.status === "error")) lost.push(key);
      snapshots.take();
      post({ type: "answer", id: msg.id, value: lost });
    } else if (msg.type === "expression") {
      // Its effects and the results the session reports as it goes are dropped: not a cell's output.
      current = -1;
      Atomics.store(interrupt, 0, 0);
      const results = [plain(evaluateExpression(session, msg.code))];
      post({ type: "results", id: msg.id, results, snapshot: snapshots.take() });
    } else if (msg.type === "describe") {
      const described = session.describe(msg.name);
      post({ type: "answer", id: msg.id, value: described ? { ...described, html: mathHtml(described.latex) } : null });
    } else {
      post({ type: "answer", id: msg.id, value: session.names().map((n) => n.name) });
    }
  }
}
