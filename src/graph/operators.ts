// The operator table: one explicit array of entries, looked up by name or alias.
import type { OperatorEntry } from "./ops/entry.js";
import { ELEMENTARY } from "./ops/elementary.js";
import { ACTIVATIONS } from "./ops/activations.js";
import { LINEAR_ALGEBRA } from "./ops/linear-algebra.js";
import { NUMERIC } from "./ops/numeric.js";
import { LOSSES } from "./ops/losses.js";
import { STATISTICS } from "./ops/statistics.js";

export type { OperatorEntry } from "./ops/entry.js";

let table: OperatorEntry[] | null = null;
let byName: Map<string, OperatorEntry> | null = null;

/** Every operator, in the order help lists them. Built on first use (the entries import constructors). */
export function operators(): readonly OperatorEntry[] {
  table ??= [...ELEMENTARY, ...ACTIVATIONS, ...LINEAR_ALGEBRA, ...STATISTICS, ...LOSSES, ...NUMERIC];
  return table;
}

export function lookupOperator(name: string): OperatorEntry | undefined {
  if (!byName) {
    byName = new Map();
    for (const entry of operators()) {
      byName.set(entry.name, entry);
      for (const alias of entry.aliases ?? []) byName.set(alias, entry);
    }
  }
  return byName.get(name);
}
