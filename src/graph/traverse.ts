// Children of a node and rebuilding a node from new children through the constructors, so every
// transformation (substitution, numeric evaluation, differentiation) gets canonical results.
import { add, apply, bigop, indexed, mul, pow, relation, struct, tensor, tuple } from "./construct.js";
import type { Node, Sym } from "./node.js";

export function childrenOf(n: Node): readonly Node[] {
  switch (n.kind) {
    case "add":
      return n.terms;
    case "mul":
      return n.factors;
    case "pow":
      return [n.base, n.exp];
    case "apply":
      return n.args;
    case "tensor":
      return n.entries;
    case "indexed":
      return [n.index];
    case "bigop":
      return [n.index, n.from, n.to, n.body];
    case "rel":
      return [n.left, n.right];
    case "tuple":
      return n.items;
    case "record":
      return n.fields.map((f) => f.value);
    default:
      return [];
  }
}

export function rebuild(n: Node, kids: readonly Node[]): Node {
  switch (n.kind) {
    case "add":
      return add(...kids);
    case "mul":
      return mul(...kids);
    case "pow":
      return pow(kids[0], kids[1]);
    case "apply":
      return apply(n.op, kids);
    case "tensor":
      return tensor(n.shape, kids);
    case "indexed":
      return indexed(n.base, kids[0], n.shape);
    case "bigop":
      return bigop(n.op, kids[0] as Sym, kids[1], kids[2], kids[3]);
    case "rel":
      return relation(n.op, kids[0], kids[1]);
    case "tuple":
      return tuple(kids);
    case "record":
      return struct(
        n.tag,
        n.fields.map((f, i) => ({ name: f.name, value: kids[i] })),
      );
    default:
      return n;
  }
}

/**
 * Rewrites bottom-up: `visit` may return a replacement for a node (its children already
 * rewritten) or undefined to keep it. Memoised per call, so a shared subexpression is done once.
 */
export function rewrite(root: Node, visit: (n: Node) => Node | undefined): Node {
  const done = new Map<Node, Node>();
  const walk = (n: Node): Node => {
    const seen = done.get(n);
    if (seen) return seen;
    const kids = childrenOf(n);
    const newKids = kids.map(walk);
    const same = newKids.every((k, i) => k === kids[i]);
    const rebuilt = same ? n : rebuild(n, newKids);
    const result = visit(rebuilt) ?? rebuilt;
    done.set(n, result);
    return result;
  };
  return walk(root);
}

/** Free symbols in order of first appearance (depth-first, left to right). */
export function freeSymbols(root: Node): Sym[] {
  const found: Sym[] = [];
  const seen = new Set<Node>();
  const bound: Sym[] = [];
  const walk = (n: Node) => {
    if (seen.has(n)) return;
    seen.add(n);
    if (n.kind === "sym") {
      if (!bound.includes(n) && !found.includes(n)) found.push(n);
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
    stack.push(...childrenOf(n));
  }
  return undefined;
}
