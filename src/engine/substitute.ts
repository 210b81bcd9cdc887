// Substitution of values for symbols, through the constructors (so the result is simplified).
import type { Node } from "../graph/node.js";
import { rewrite } from "../graph/traverse.js";

export function substitute(body: Node, map: ReadonlyMap<Node, Node>): Node {
  if (map.size === 0) return body;
  return rewrite(body, (n) => map.get(n));
}
