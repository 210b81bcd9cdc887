// Visiting an expression's subexpressions, for checks that read the AST (which names a definition uses).
import type { BinaryOp, Expr } from "./ast.js";

/** Sums, differences and products: the chains users type long (a data row, a 1,000-term sum). */
const CHAINS: ReadonlySet<BinaryOp> = new Set<BinaryOp>(["+", "-", "*"]);

/**
 * The operands of a binary expression, in the order typed. A chain of + − · typed without brackets
 * (a + b − c + …) nests to the left a level a term: its operands are read along that spine in a
 * loop, so a walk that recurses into each of them goes one frame deep however long the chain
 * (20,000 terms overflowed the stack). Any other operator gives its left and right.
 */
export function binaryOperands(e: Extract<Expr, { kind: "binary" }>): Expr[] {
  if (!CHAINS.has(e.op)) return [e.left, e.right];
  const rights: Expr[] = [];
  let left: Expr = e;
  while (left.kind === "binary" && CHAINS.has(left.op)) {
    rights.push(left.right);
    left = left.left;
  }
  rights.push(left);
  return rights.reverse();
}

/** The direct subexpressions of `e`, left to right. */
export function childrenOf(e: Expr): Expr[] {
  switch (e.kind) {
    case "number":
    case "string":
    case "name":
    case "partialOf":
      return [];
    case "binary":
    case "relation":
      return [e.left, e.right];
    case "neg":
    case "approx":
    case "transpose":
    case "norm":
    case "abs":
    case "derivative":
    case "grad":
      return [e.arg];
    case "call":
      return e.args;
    case "index":
      return [e.target, ...e.indices.filter((i): i is Expr => i !== "all")];
    case "member":
      return [e.target];
    case "matrix":
      return e.rows.flat();
    case "bigop":
      return [...(e.from ? [e.from] : []), ...(e.to ? [e.to] : []), e.body];
    case "range":
      return [e.from, e.to];
    case "arrow":
      return e.items;
  }
}

/** Calls `visit` on `e` and on every subexpression of it, depth first, left to right. */
export function eachSubexpression(e: Expr, visit: (x: Expr) => void): void {
  visit(e);
  switch (e.kind) {
    case "binary":
      // A chain's own links first, as the recursion would meet them, then its operands.
      for (let link = e.left; CHAINS.has(e.op) && link.kind === "binary" && CHAINS.has(link.op); link = link.left)
        visit(link);
      for (const x of binaryOperands(e)) eachSubexpression(x, visit);
      return;
    default:
      for (const x of childrenOf(e)) eachSubexpression(x, visit);
  }
}

/** The first subexpression of `e` (itself included, depth first, left to right) that satisfies `test`. */
export function findExpr(e: Expr, test: (x: Expr) => boolean): Expr | null {
  const stack: Expr[] = [e];
  while (stack.length) {
    const x = stack.pop()!;
    if (test(x)) return x;
    const children = childrenOf(x);
    for (let k = children.length - 1; k >= 0; k--) stack.push(children[k]);
  }
  return null;
}

/** The name an expression refers to as a whole (`g`, `g(x)`, `∂g/∂x`), if any. */
export function referencedName(e: Expr): string | null {
  if (e.kind === "name") return e.name;
  if (e.kind === "call") return e.callee;
  if (e.kind === "partialOf") return e.fn[0];
  return null;
}

/** The names an expression mentions, as typed, each once (an iterative walk: long chains stay shallow). */
export function namesIn(e: Expr): string[] {
  const names = new Set<string>();
  const stack = [e];
  while (stack.length) {
    const x = stack.pop()!;
    if (x.kind === "name") names.add(x.name);
    else for (const child of childrenOf(x)) stack.push(child);
  }
  return [...names];
}
