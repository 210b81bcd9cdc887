// A node's children, a node rebuilt from new children through the constructors, and a graph
// rewritten bottom-up. The constructor of an operator's application is passed in: it looks the
// operator up in the table, whose rows rewrite graphs too (N(x) makes x's numbers floats), so this
// module sits below the rows. graph/traverse.ts and graph/evalf.ts bind it to the table's apply.
import { addAll, bigop, float, indexed, mulAll, pow, relation, struct, tensor, tuple } from "./primitives.js";
import type { Node, Sym } from "./node.js";

/** An operator's application, as graph/operators.ts builds it. */
export type ApplyOperator = (op: string, args: readonly Node[]) => Node;

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

/** `n` made anew from new children, through the constructors (which fold what they can). */
export function rebuild(apply: ApplyOperator, n: Node, kids: readonly Node[]): Node {
  switch (n.kind) {
    case "add":
      return addAll(kids);
    case "mul":
      return mulAll(kids);
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
export function rewriteWith(apply: ApplyOperator, root: Node, visit: (n: Node) => Node | undefined): Node {
  const done = new Map<Node, Node>();
  const walk = (n: Node): Node => {
    const seen = done.get(n);
    if (seen) return seen;
    const kids = childrenOf(n);
    const newKids = kids.map(walk);
    const same = newKids.every((k, i) => k === kids[i]);
    const rebuilt = same ? n : rebuild(apply, n, newKids);
    const result = visit(rebuilt) ?? rebuilt;
    done.set(n, result);
    return result;
  };
  return walk(root);
}

/**
 * N(x) in doubles: every exact number (and π, e) becomes a float and the constructors fold the rest.
 * graph/numeric-value.ts runs it where the doubles hold the value, and decimal where they do not.
 */
export function toFloats(apply: ApplyOperator, root: Node): Node {
  return rewriteWith(apply, root, (n) => {
    if (n.kind === "num") return float(n.value.toNumber());
    if (n.kind === "const") return float(n.name === "π" ? Math.PI : Math.E);
    return undefined;
  });
}
