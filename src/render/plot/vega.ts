// SVG from a Vega-Lite specification by vega and vega-lite themselves, so that classic Notebook,
// nbconvert HTML and the terminal's files show the very chart JupyterLab draws from the spec.
// Vega renders asynchronously and sessions run synchronously: the rendering happens in a helper
// thread, and this thread waits for its answer on a shared flag, then takes the SVG from a message
// port synchronously (receiveMessageOnPort). No answer in time, or no vega: null, and the caller
// draws its own SVG instead.
import { createRequire } from "node:module";
import { MessageChannel, Worker, receiveMessageOnPort } from "node:worker_threads";
import type { VegaLite } from "./spec.js";

const HELPER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
let vega, vl, missing = null;
try {
  vega = require(workerData.vega);
  vl = require(workerData.vegaLite);
} catch (err) {
  missing = String(err && err.message || err);
}
parentPort.on("message", async ({ spec, port, flag }) => {
  let answer;
  if (missing) answer = { error: missing, fatal: true };
  else try {
    const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: "none" });
    answer = { svg: await view.toSVG() };
    view.finalize();
  } catch (err) {
    answer = { error: String(err && err.message || err) };
  }
  port.postMessage(answer);
  port.close();
  const f = new Int32Array(flag);
  Atomics.store(f, 0, 1);
  Atomics.notify(f, 0);
});`;

/** The first chart also waits for the helper to load vega (about 0.2 s here). */
const FIRST_WAIT_MS = 20_000;
const WAIT_MS = 10_000;

let helper: Worker | null = null;
let started = false;
let unavailable = false;

function startHelper(): Worker | null {
  try {
    const require = createRequire(import.meta.url);
    const paths = { vega: require.resolve("vega"), vegaLite: require.resolve("vega-lite") };
    const w = new Worker(HELPER_SOURCE, { eval: true, workerData: paths });
    w.unref();
    w.on("error", () => {
      if (helper === w) helper = null;
    });
    return w;
  } catch {
    unavailable = true;
    return null;
  }
}

export function vegaSvg(spec: VegaLite): string | null {
  if (unavailable) return null;
  const first = !started;
  helper ??= startHelper();
  started = true;
  if (!helper) return null;
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  try {
    helper.postMessage({ spec: { background: "white", ...spec }, port: port2, flag: flag.buffer }, [port2]);
    if (Atomics.wait(flag, 0, 0, first ? FIRST_WAIT_MS : WAIT_MS) === "timed-out") {
      // A helper that does not answer is not asked again: the built-in SVG serves from now on.
      void helper.terminate();
      helper = null;
      unavailable = true;
      return null;
    }
    const answer = receiveMessageOnPort(port1)?.message as
      { svg?: string; error?: string; fatal?: boolean } | undefined;
    if (answer?.fatal) unavailable = true;
    return answer?.svg ?? null;
  } finally {
    port1.close();
  }
}
