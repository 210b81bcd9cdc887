// What `check` answers: the verdict, its reason, the tier that decided and a counterexample. A leaf,
// so the tiers in check/ and check.ts, which joins them, both import it and neither imports the other.
import type { Verdict } from "../../results.js";

export interface Comparison {
  verdict: Verdict;
  reason: string;
  /** Which tier decided: "proof" (exact normal forms, or an exactly evaluated counterexample) or "sampling". */
  method?: "proof" | "sampling";
  /** Something worth saying besides the verdict: a single point where only one side is defined. */
  note?: string;
  /** In arrays, the entry that differs, as [i, j] (1-based). */
  entry?: string;
  /** Where they differ: each variable's value, and both sides' values there ("undefined" off a side's domain). */
  counterexample?: { point: Record<string, string>; left: string; right: string };
}
