// Numeric evaluation: every exact number becomes a float and the constructors fold the rest, as N(x)
// does (graph/numeric-value.ts): a value past the double range is computed in decimal, never ∞ or 0.
import { FloatOverflow } from "../numeric/big-float.js";
import { isNumber, toFloat } from "./primitives.js";
import type { Node } from "./node.js";
import { apply, lookupOperator } from "./operators.js";
import { numericValue } from "./numeric-value.js";

export function rewriteToFloat(root: Node): Node {
  return numericValue(apply, lookupOperator, root);
}

/**
 * The float value of a closed expression, or null when symbols remain or no double holds it (past
 * ±1.8e308, or nonzero below 2.2e-308): a caller never reads ∞ or 0 for a finite, nonzero value.
 */
export function floatValue(n: Node): number | null {
  let f: Node;
  try {
    f = rewriteToFloat(n);
  } catch (err) {
    if (err instanceof FloatOverflow) return null;
    throw err;
  }
  return isNumber(f) ? toFloat(f) : null;
}
