// Which symbols a node contains, found once per node (nodes are immutable and interned): lets
// differentiation skip, in O(1), every subexpression that does not mention the variable — most of
// a Hessian's n² derivatives of a sum of many terms.
import type { Node } from "./node.js";
import { childrenOf } from "./traverse.js";

/** "any": the node holds a Σ or ∏, whose derivative by x_k can come from its bound x_i. */
type Symbols = ReadonlySet<Node> | "any";

const NONE: ReadonlySet<Node> = new Set();
const cache = new WeakMap<Node, Symbols>();

function symbolsOf(n: Node): Symbols {
  const known = cache.get(n);
  if (known !== undefined) return known;
  let found: Symbols = NONE;
  if (n.kind === "sym" || n.kind === "indexed") found = new Set([n]);
  else if (n.kind === "bigop") found = "any";
  else {
    let union: ReadonlySet<Node> = NONE;
    // The union is copied once, when a second child adds to it, then grown in place: a copy per
    // child made a sum of 30,000 symbols' derivative a minute and a half.
    let own: Set<Node> | null = null;
    const children = childrenOf(n);
    for (let k = 0; k < children.length; k++) {
      const inner = symbolsOf(children[k]);
      if (inner === "any") {
        union = NONE;
        found = "any";
        break;
      }
      if (inner.size === 0 || inner === union) continue;
      if (union.size === 0) union = inner;
      else {
        if (own === null) union = own = new Set(union);
        for (const s of inner) own.add(s);
      }
    }
    if (found !== "any") found = union;
  }
  cache.set(n, found);
  return found;
}

/** False only when `n` certainly does not mention the symbol `x` (a sym or an indexed x_i). */
export function mayDependOn(n: Node, x: Node): boolean {
  if (x.kind !== "sym" && x.kind !== "indexed") return true;
  const symbols = symbolsOf(n);
  return symbols === "any" || symbols.has(x);
}

/** True only when the symbol `x` is certainly free in `n` (no Σ or ∏ inside that could bind it). */
export function mentions(n: Node, x: Node): boolean {
  if (x.kind !== "sym") return false;
  const symbols = symbolsOf(n);
  return symbols !== "any" && symbols.has(x);
}
