// One `check` pair run in a fresh session, as the corpus tests read it: the verdict (or the error),
// the tier that decided, the counterexample's point and the words.
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
