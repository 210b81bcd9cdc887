// The Nabla kernel's evaluation worker in the browser: the CLI's and the ZeroMQ kernel's Session,
// bundled by esbuild (scripts/site-lite.ts) with node's modules replaced by browser stand-ins
// (lite/src/node-stubs.ts). After each cell it sends the page a snapshot of what the cell changed,
// made by the ZeroMQ kernel's own Snapshots (kernel/worker.ts): when an interrupt ends this worker,
// the page starts a new one and restores the names from their values.
import "./simd-guard.js";
import * as zeromqWorker from "../../kernel/worker.js";
import { complete } from "../../kernel/complete.js";
import { inspect } from "../../kernel/inspect.js";
import type { EvaluationThread } from "../../kernel/evaluation-thread.js";
import { isComplete } from "../../src/syntax/complete.js";
import { Session } from "../../src/session.js";
import { hasWasmSimd } from "../../src/numeric/gram-parallel.js";
import type { StatementResult } from "../../src/results.js";
import type { FromWorker, Snapshot, ToWorker } from "./protocol.js";

/** This worker's global scope (the DOM library's types describe a window's). */
const scope = self as unknown as {
  postMessage(message: FromWorker): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  location: Location;
};
const post = (msg: FromWorker) => scope.postMessage(msg);

/**
 * The ZeroMQ kernel's snapshot tracker, module-private in kernel/worker.ts: the site's build exports it
 * (scripts/site-lite.ts), and this reads it either way.
 */
const { Snapshots } = zeromqWorker as unknown as { Snapshots: new (session: Session) => { take(): Snapshot } };

/** The value (a graph node) stays here: it is not plain data. `html` is KaTeX's HTML, read before the copy. */
function plain(r: StatementResult): StatementResult {
  const html = r.silent || !r.latex ? "" : r.html;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(r)) if (key !== "value" && key !== "html") copy[key] = r[key as keyof StatementResult];
  return { ...(copy as Omit<StatementResult, "html">), html, effects: [] };
}

/**
 * `load("data.csv")` reads the site's own files (files/ beside the notebook), synchronously as the
 * session asks: a synchronous request is allowed in a worker. Nothing outside the site is read.
 */
function readSiteFile(): (path: string) => string {
  return (path) => {
    const base = new URL("../files/", scope.location.href).href;
    if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(path)) throw new Error(`${path}: only the site's own files can be read`);
    const request = new XMLHttpRequest();
    request.open("GET", new URL(path, base).href, false);
    request.send();
    if (request.status !== 200) throw new Error(`${path}: no such file in the site (${request.status})`);
    return request.responseText;
  };
}

function serve(): void {
  let current = -1;
  let reported = 0;
  const session = new Session({
    // A notebook cell may train for minutes; the page's interrupt ends one sooner.
    limits: { timeMs: 600_000 },
    readFile: readSiteFile(),
    onEffect: (effect) => post({ type: "effect", id: current, effect }),
    onResult: (result) => {
      reported++;
      post({ type: "result", id: current, result: plain(result) });
    },
  });
  const snapshots = new Snapshots(session);

  scope.onmessage = (event) => {
    const msg = event.data;
    switch (msg.type) {
      case "run": {
        current = msg.id;
        reported = 0;
        const results = session.run(msg.code).map(plain);
        for (const r of results.slice(reported)) post({ type: "result", id: msg.id, result: r });
        return post({ type: "results", id: msg.id, results, snapshot: snapshots.take() });
      }
      case "restore": {
        current = msg.id;
        const lost: string[] = [];
        for (const [key, statement] of msg.statements)
          if (session.run(statement).some((r) => r.status === "error")) lost.push(key);
        snapshots.take();
        return post({ type: "answer", id: msg.id, value: lost });
      }
      case "complete":
        return post({
          type: "answer",
          id: msg.id,
          value: complete(
            msg.code,
            msg.cursor,
            session.names().map((n) => n.name),
          ),
        });
      case "inspect": {
        // The ZeroMQ kernel's inspect asks its evaluation thread to describe a name; here the session is at hand.
        const describer = { describe: async (name: string) => session.describe(name) ?? null };
        void inspect(msg.code, msg.cursor, describer as unknown as EvaluationThread).then((value) =>
          post({ type: "answer", id: msg.id, value }),
        );
        return;
      }
      case "is_complete":
        return post({ type: "answer", id: msg.id, value: isComplete(msg.code) });
    }
  };
  post({ type: "ready", id: 0, simd: hasWasmSimd() });
}

serve();
