// One `check` pair run in a fresh session, as the corpus tests read it: the verdict (or the error),
// the tier that decided, the counterexample's point and the words.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { expect } from "vitest";
import { Session } from "../../src/session.js";
import type { CheckPair } from "./check-corpus.js";

export interface Outcome {
  pair: CheckPair;
  verdict: string;
  method?: string;
  point?: Record<string, string>;
  text: string;
}

export const statement = (p: CheckPair) => `check ${p.a} == ${p.b}${p.where ? ` for ${p.where}` : ""}`;

export function runPair(p: CheckPair): Outcome {
  const [r] = new Session().run(statement(p));
  return {
    pair: p,
    verdict: r.status === "ok" ? (r.verdict ?? "none") : `error: ${r.error?.message}`,
    method: r.method,
    point: r.counterexample,
    text: r.pretty,
  };
}

export const show = (o: Outcome) => `${statement(o.pair)} (${o.pair.why}): ${o.text}`;

/** One request to a SymPy script of this folder (check_oracle.py, check_truth.py): its JSON answer. */
export function askCheckScript(script: string, request: unknown): unknown[] {
  const r = spawnSync("/usr/bin/python3", [join(import.meta.dirname, script)], {
    input: JSON.stringify(request),
    encoding: "utf8",
    maxBuffer: 64 << 20,
    timeout: 240_000,
    cwd: import.meta.dirname,
  });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as unknown[];
}

/** step(0) as Nabla prints it, for SymPy's step. */
export const step0 = () => new Session().run("step(0)")[0].text;
