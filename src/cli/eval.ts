// `nabla eval [--json] FILE|-`: runs a file's statements; prints each result, or one JSON object per
// statement (LANGUAGE.md §9). Exit status 1 when any statement failed.
import { writeSync } from "node:fs";
import { readProgram } from "./read-program.js";
import { DEFAULT_LIMITS } from "../environment.js";
import { readDataFile } from "../nn/read-file.js";
import { Session } from "../session.js";
import type { StatementResult } from "../results.js";
import { PlotFiles } from "./plot-files.js";
import { HeldOutput } from "./held-output.js";

export interface JsonLine {
  index: number;
  line: number;
  source: string;
  status: "ok" | "error";
  name?: string;
  text: string;
  latex: string;
  verdict?: string;
  method?: "proof" | "sampling";
  counterexample?: Record<string, string>;
  error?: { kind: string; message: string; line: number; column: number };
}

export function toJsonLine(r: StatementResult): JsonLine {
  const line: JsonLine = {
    index: r.index,
    line: r.line,
    source: r.source,
    status: r.status,
    text: r.text,
    latex: r.latex,
  };
  if (r.name !== undefined) line.name = r.name;
  if (r.verdict !== undefined) line.verdict = r.verdict;
  if (r.method !== undefined) line.method = r.method;
  if (r.counterexample !== undefined) line.counterexample = r.counterexample;
  if (r.error)
    line.error = { kind: r.error.kind, message: r.error.message, line: r.error.line, column: r.error.column };
  return line;
}

/** A progress display (one that is later updated in place) shows only its last state here. */
function finalDisplays(r: StatementResult): Set<number> {
  const last = new Map<string, number>();
  r.effects.forEach((e, i) => {
    if (e.kind === "display" && e.displayId) last.set(e.displayId, i);
  });
  return new Set(last.values());
}

/** One result as the terminal shows it; pictures are saved by `plots` and shown as their path. */
export function formatResult(r: StatementResult, plots?: PlotFiles): string {
  const keep = finalDisplays(r);
  const effects = r.effects
    .map((e, i) => {
      if (e.kind === "stdout" || e.kind === "stderr") return e.text.replace(/\n$/, "");
      if (e.kind === "pager") return e.text;
      if (e.kind !== "display" || (e.displayId && !keep.has(i))) return "";
      if (!e.svg) return e.text;
      return plots ? `${e.text} → ${plots.save(e.svg)}` : e.text;
    })
    .filter(Boolean);
  if (r.status === "error" && r.error) {
    return [
      ...effects,
      `${r.error.kind === "parse" ? "Parse error" : "Error"} at ${r.error.line}:${r.error.column}: ${r.error.message}`,
      indent(r.error.excerpt),
    ].join("\n");
  }
  return [...effects, ...(r.silent ? [] : [r.pretty])].join("\n");
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((l) => `  ${l}`)
    .join("\n");
}

let stdoutClosed = false;
let pause: Int32Array | undefined; // made on first use: the start-up snapshot's maker has no SharedArrayBuffer

/**
 * Text to standard output, written to its descriptor: creating process.stdout (a stream over a
 * terminal, pipe or file) takes longer at start than a one-line eval's work. The writes block, as
 * Node's own do for files and, on Linux, pipes; a pipe left non-blocking by another process is
 * waited on. A reader that has gone (`nabla eval f | head -1`) ends the output quietly.
 */
export function writeStdout(text: string): void {
  const bytes = Buffer.from(text, "utf8");
  for (let done = 0; done < bytes.length && !stdoutClosed;) {
    try {
      done += writeSync(1, bytes, done);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "EAGAIN") Atomics.wait((pause ??= new Int32Array(new SharedArrayBuffer(4))), 0, 0, 1);
      else if (code === "EPIPE") stdoutClosed = true;
      else throw err;
    }
  }
}

/**
 * After this many statements a run is long: the compiled CLI's loaders (src/bundle/) then turn V8's
 * baseline compiler back on, which they keep off at start because a short run's few statements lose
 * more to its compiling batches than they gain (bench/README.md, calculus and check).
 */
const LONG_RUN = 64;
let onLongRun: (() => void) | null = null;

/**
 * Whether `nabla eval FILE` (argv from the command on) is long from its start: FILE has LONG_RUN
 * lines or more. The snapshot's start then leaves Sparkplug on (1,000 checks: 4 % faster cold than
 * turning it on at the 64th statement) and a one-line run keeps the short run's start.
 */
export function longRunAhead(argv: readonly string[]): boolean {
  if (argv[0] !== "eval") return false;
  for (const file of argv.slice(1)) {
    if (file.startsWith("-")) continue;
    let text: string;
    try {
      text = readProgram(file, DEFAULT_LIMITS.sourceChars);
    } catch {
      continue; // not a file (the --plots folder, say): evalCommand reports what it must
    }
    let lines = 1;
    for (let at = text.indexOf("\n"); at >= 0 && lines < LONG_RUN; at = text.indexOf("\n", at + 1)) lines++;
    return lines >= LONG_RUN;
  }
  return false;
}

/** What to do once a run has gone on for LONG_RUN statements (once per process). */
export function whenLongRun(f: () => void): void {
  onLongRun = f;
}

/**
 * How long a run computes before it gives the event loop a turn. A WeakRef keeps its target alive
 * until the running job ends, so the node table (src/graph/node.ts) frees nothing while one job
 * runs: a long file in one job kept every node it ever made and copied them through every
 * collection (1,000 checks: 8 MB kept, a fifth of the run in the collector).
 */
const TURN_MS = 4;

export async function evalCommand(
  file: string,
  json: boolean,
  write: (s: string) => void = writeStdout,
  plotDir?: string,
): Promise<number> {
  let source: string;
  try {
    source = readProgram(file, DEFAULT_LIMITS.sourceChars);
  } catch (err) {
    process.stderr.write(`nabla: cannot read ${file}: ${(err as Error).message}\n`);
    return 2;
  }
  let statements = 0;
  const onResult = () => {
    if (++statements !== LONG_RUN || !onLongRun) return;
    onLongRun();
    onLongRun = null;
  };
  const plots = PlotFiles.forInput(file, plotDir);
  let failed = false;
  let turn = performance.now();
  // Results are written as they are computed, in batches (held-output.ts): a long file shows its progress.
  const out = new HeldOutput(write);
  const flushAtExit = () => out.flush();
  process.on("exit", flushAtExit);
  try {
    for (const r of new Session({ readFile: readDataFile, onResult, onBusy: out.whileBusy }).runEach(source)) {
      failed ||= r.status === "error";
      if (json) out.add(JSON.stringify(toJsonLine(r)) + "\n");
      else {
        const shown = formatResult(r, plots);
        if (shown) out.add(shown + "\n");
      }
      if (performance.now() - turn >= TURN_MS) {
        await new Promise(setImmediate);
        turn = performance.now();
      }
    }
  } finally {
    process.off("exit", flushAtExit);
    out.flush();
  }
  return failed ? 1 : 0;
}
