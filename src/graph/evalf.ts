// Numeric evaluation: every exact number becomes a float and the constructors fold the rest.
import { float, isNumber, toFloat } from "./construct.js";
import type { Node } from "./node.js";
import { rewrite } from "./traverse.js";

export function rewriteToFloat(root: Node): Node {
  return rewrite(root, (n) => {
    if (n.kind === "num") return float(n.value.toNumber());
    if (n.kind === "const") return float(n.name === "π" ? Math.PI : Math.E);
    return undefined;
  });
}

/** The float value of a closed expression, or null when symbols remain. */
export function floatValue(n: Node): number | null {
  const f = rewriteToFloat(n);
  return isNumber(f) ? toFloat(f) : null;
}
