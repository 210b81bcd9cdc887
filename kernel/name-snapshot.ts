// The notebook's names as the statements that make them again, kept on the kernel's main side from
// the snapshot the evaluation thread sends after each cell (./worker.ts), and replayed into a fresh
// thread when the old one is replaced. Shared by the ZeroMQ kernel (./evaluation-thread.ts) and the
// JupyterLite page (lite/src/kernel.ts), which differ only in how they replace a thread.
import type { StatementResult } from "../src/results.js";
import type { Snapshot } from "./worker.js";

/** What a replacement thread is sent, and what it cannot be sent. */
export interface RestorePlan {
  /** `[key, statement]`, shapes first (names may need them), then in the order last set. */
  statements: [key: string, statement: string][];
  /** Names whose values cannot be written down (a trained network, a data set). */
  unwritable: string[];
}

export class NameSnapshot {
  /** Each key's statement (null: it cannot be written down), in the order they were last set. */
  private readonly statements = new Map<string, string | null>();

  /** Takes in what a cell changed. */
  record(s: Snapshot): void {
    for (const key of s.removed) this.statements.delete(key);
    for (const [key, statement] of s.set) {
      this.statements.delete(key); // re-inserted last: restored after what it may use
      this.statements.set(key, statement);
    }
  }

  clear(): void {
    this.statements.clear();
  }

  plan(): RestorePlan {
    const shapesFirst = [...this.statements].sort(
      ([a], [b]) => Number(b.startsWith("shape:")) - Number(a.startsWith("shape:")),
    );
    return {
      statements: shapesFirst.filter((e): e is [string, string] => e[1] !== null),
      unwritable: shapesFirst.filter(([, s]) => s === null).map(([key]) => nameOf(key)),
    };
  }

  /**
   * After the restore: the keys the new thread could not restore are kept as unwritable, the names
   * that never were writable are dropped. Returns the warning for the next cell's output, if any.
   */
  settle(plan: RestorePlan, lost: string[] | null, after: string): string | null {
    for (const key of lost ?? []) this.statements.set(key, null);
    for (const name of plan.unwritable) this.statements.delete(`name:${name}`);
    return lost?.length
      ? `warning: these names could not be restored after ${after}: ${lost.map(nameOf).join(", ")}\n`
      : null;
  }
}

/** What a restore keeps, in words: "3 names were restored from their values; not kept (…): net". */
export function restoredWords(plan: RestorePlan): string {
  const n = plan.statements.length;
  const kept = n
    ? `${n} name${n === 1 ? " was" : "s were"} restored from ${n === 1 ? "its value" : "their values"}`
    : "no names were defined";
  const notKept = plan.unwritable.length
    ? `; not kept (a trained network or a data set cannot be written down): ${plan.unwritable.join(", ")}`
    : "";
  return `${kept}${notKept}`;
}

/** A request's result when its thread was replaced: interrupted, or the thread ended on its own. */
export function stoppedResult(message: string, kind: "interrupt" | "internal"): StatementResult {
  return {
    index: 0,
    line: 1,
    source: "",
    status: "error",
    silent: false,
    text: "",
    pretty: message,
    latex: "",
    html: "",
    effects: [],
    error: { kind, ...(kind === "interrupt" ? { reason: "interrupt" } : {}), message, line: 1, column: 1, excerpt: "" },
  };
}

function nameOf(key: string): string {
  return key.slice(key.indexOf(":") + 1);
}
