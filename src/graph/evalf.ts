// Numeric evaluation: every exact number becomes a float and the constructors fold the rest.
import { isNumber, toFloat } from "./primitives.js";
import type { Node } from "./node.js";
import { apply } from "./operators.js";
import { toFloats } from "./rebuild.js";

export function rewriteToFloat(root: Node): Node {
  return toFloats(apply, root);
}

/** The float value of a closed expression, or null when symbols remain. */
export function floatValue(n: Node): number | null {
  const f = rewriteToFloat(n);
  return isNumber(f) ? toFloat(f) : null;
}
