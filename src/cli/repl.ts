// `nabla repl`: an interactive session with history and multi-line input (a statement continues
// while a bracket is open or the line ends with an operator).
import { createInterface } from "node:readline";
import { homedir } from "node:os";
import { join } from "node:path";
import { appendFileSync, readFileSync } from "node:fs";
import { readDataFile } from "../nn/read-file.js";
import { Session } from "../session.js";
import { isComplete } from "../syntax/complete.js";
import { formatResult } from "./eval.js";
import { PlotFiles } from "./plot-files.js";

/** Found when the REPL starts, not at load: the start-up snapshot (src/bundle/snapshot.ts) keeps no home folder. */
const history = () => join(homedir(), ".nabla_history");

function loadHistory(): string[] {
  try {
    return readFileSync(history(), "utf8").split("\n").filter(Boolean).reverse().slice(0, 1000);
  } catch {
    return [];
  }
}

export function replCommand(): Promise<number> {
  // Progress (training, long descents) redraws one line in place on a terminal.
  // Pictures go to the current directory: nabla.plot-1.svg, nabla.plot-2.svg, …
  const plots = PlotFiles.forInput("-");
  const session = new Session({
    readFile: readDataFile,
    onEffect: (e) => {
      if (e.kind === "display" && e.displayId && process.stdout.isTTY) process.stdout.write(`\r\x1b[2K${e.text}`);
    },
  });
  const rl = createInterface({
    input: process.stdin,
    output: process.stdout,
    history: loadHistory(),
    historySize: 1000,
    prompt: "∇> ",
  });
  let failed = false;
  /** Runs what was typed and prints its results; a failure is remembered for the exit status. */
  const run = (code: string) => {
    if (!code.trim()) return;
    try {
      appendFileSync(history(), code.replace(/\n/g, " ") + "\n");
    } catch {
      // History is a convenience; a read-only home must not stop the session.
    }
    for (const r of session.run(code)) {
      if (process.stdout.isTTY && r.effects.some((e) => e.kind === "display" && e.displayId))
        process.stdout.write("\n");
      failed ||= r.status === "error";
      const shown = formatResult(r, plots);
      if (shown) process.stdout.write(shown + "\n");
    }
  };
  let buffer = "";
  process.stdout.write("Nabla — type math, help() for operators, Ctrl-D to leave.\n");
  rl.prompt();
  rl.on("line", (line) => {
    buffer = buffer ? `${buffer}\n${line}` : line;
    if (isComplete(buffer) === "incomplete") {
      rl.setPrompt(".. ");
      rl.prompt();
      return;
    }
    const code = buffer;
    buffer = "";
    rl.setPrompt("∇> ");
    run(code);
    rl.prompt();
  });
  // At the end of input an unfinished statement (an open bracket) is run, so its error is said, not lost.
  return new Promise((resolve) =>
    rl.on("close", () => {
      run(buffer);
      resolve(failed ? 1 : 0);
    }),
  );
}
