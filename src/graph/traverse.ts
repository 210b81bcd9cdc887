// Children of a node and rebuilding a node from new children through the constructors, so every
// transformation (substitution, numeric evaluation, differentiation) gets canonical results. The
// walk itself is graph/rebuild.ts's; here it goes through the operator table's apply.
import { apply } from "./operators.js";
import type { Node, Sym } from "./node.js";
import { childrenOf, rewriteWith } from "./rebuild.js";

export { childrenOf };

/**
 * Rewrites bottom-up: `visit` may return a replacement for a node (its children already
 * rewritten) or undefined to keep it. Memoised per call, so a shared subexpression is done once.
 */
export function rewrite(root: Node, visit: (n: Node) => Node | undefined): Node {
  return rewriteWith(apply, root, visit);
}

/** Free symbols in order of first appearance (depth-first, left to right). */
export function freeSymbols(root: Node): Sym[] {
  const found: Sym[] = [];
  const seen = new Set<Node>();
  const bound: Sym[] = [];
  // Past a few symbols, a set beside the list: a sum of 100,000 asked the growing list of each.
  let foundSet: Set<Sym> | null = null;
  const walk = (n: Node) => {
    if (seen.has(n)) return;
    seen.add(n);
    if (n.kind === "sym") {
      if (bound.includes(n) || (foundSet ? foundSet.has(n) : found.includes(n))) return;
      found.push(n);
      if (foundSet) foundSet.add(n);
      else if (found.length > 16) foundSet = new Set(found);
      return;
    }
    if (n.kind === "bigop") {
      bound.push(n.index);
      walk(n.from);
      walk(n.to);
      walk(n.body);
      bound.pop();
      return;
    }
    for (const k of childrenOf(n)) walk(k);
  };
  walk(root);
  return found;
}

/** The first node inside root (root included, depth-first) that satisfies the test, each shared node tried once. */
export function findInside(root: Node, test: (n: Node) => boolean): Node | undefined {
  const stack = [root];
  const seen = new Set<Node>();
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    if (test(n)) return n;
    for (const child of childrenOf(n)) stack.push(child);
  }
  return undefined;
}
