// The variables of an expression in the order they were typed (LANGUAGE.md §3: ∇(x^2 y + y^3 - 3x)
// is [∂/∂x, ∂/∂y]). The graph keeps sums and products canonical, so x^2 y + y^3 and y^3 + x^2 y are
// one node and its symbols come out in the graph's order; the typed order has to come from the
// source. The evaluator notes the expression each value was built from (`noteSource`); asked for a
// node's variables, this walks that source, following names to the sources of their values, and
// keeps the symbols the node really has: a typed name that cancelled is dropped, and a symbol the
// walk did not see (a value built elsewhere) comes after the typed ones, in the graph's order.
import type { Node } from "../graph/node.js";
import { freeSymbols } from "../graph/traverse.js";
import type { Expr } from "../syntax/ast.js";
import { binaryOperands } from "../syntax/walk.js";
import type { Environment } from "../environment.js";

interface Source {
  expr: Expr;
  env: Environment;
}

/**
 * The latest expression each node was built from. Nodes are interned: `y + x` typed after `x + y` is the same node, and
 * the latest typing wins.
 */
const sources = new WeakMap<Node, Source>();

/**
 * Nodes whose typed symbols do not depend on how they were typed: a symbol's are itself, a number's, a
 * constant's and a string's none. Most built pieces are these, and a WeakMap entry each is work for
 * the collector too.
 */
const SOURCE_FREE: ReadonlySet<Node["kind"]> = new Set(["sym", "num", "float", "const", "str"]);

/** Called by the evaluator for each expression it builds (a bare name only passes its value on). */
export function noteSource(node: Node, expr: Expr, env: Environment): void {
  if (SOURCE_FREE.has(node.kind)) return;
  if (expr.kind === "name" && (env.values.has(expr.name) || env.functions.has(expr.name))) return;
  sources.set(node, { expr, env });
}

/** The free symbols of the nodes, in the order of first appearance as typed. */
export function typedSymbols(...nodes: readonly Node[]): Node[] {
  const present = nodes.flatMap((n) => freeSymbols(n));
  // A typed name stands for the symbol of that name, whatever its shape (x, or a declared x ∈ ℝⁿ).
  const named = (name: string): Node[] => present.filter((s) => s.kind === "sym" && s.name === name);
  const seen: Node[] = [];
  const visiting = new Set<Node>();
  const ofNode = (n: Node): void => {
    const source = sources.get(n);
    if (source && !visiting.has(n)) {
      visiting.add(n);
      ofExpr(source.expr, source.env);
      visiting.delete(n);
    }
    seen.push(...freeSymbols(n));
  };
  const ofExpr = (e: Expr, env: Environment): void => {
    switch (e.kind) {
      case "number":
      case "string":
        return;
      case "name": {
        const value = env.values.get(e.name);
        if (value) return ofNode(value);
        const fn = env.functions.get(e.name);
        if (fn) return void seen.push(...fn.params, ...freeSymbols(fn.body));
        return void seen.push(...named(e.name));
      }
      case "call": {
        const fn = env.functions.get(e.callee);
        if (!fn) {
          const value = env.values.get(e.callee);
          if (value) ofNode(value);
          else seen.push(...named(e.callee));
        }
        for (const a of e.args) ofExpr(a, env);
        if (fn) seen.push(...freeSymbols(fn.body).filter((s) => !(fn.params as readonly Node[]).includes(s)));
        return;
      }
      case "binary":
        for (const x of binaryOperands(e)) ofExpr(x, env);
        return;
      case "relation":
        ofExpr(e.left, env);
        return ofExpr(e.right, env);
      case "range":
        ofExpr(e.from, env);
        return ofExpr(e.to, env);
      case "neg":
      case "approx":
      case "transpose":
      case "norm":
      case "abs":
      case "derivative":
      case "grad":
        return ofExpr(e.arg, env);
      case "member":
        return ofExpr(e.target, env);
      case "index":
        ofExpr(e.target, env);
        for (const i of e.indices) if (i !== "all") ofExpr(i, env);
        return;
      case "matrix":
        for (const row of e.rows) for (const x of row) ofExpr(x, env);
        return;
      case "partialOf":
        return ofExpr({ kind: "name", name: e.fn[0], span: e.span }, env);
      case "bigop":
        ofExpr(e.body, env);
        if (e.from) ofExpr(e.from, env);
        if (e.to) ofExpr(e.to, env);
        return;
      case "arrow":
        for (const x of e.items) ofExpr(x, env);
        return;
    }
  };
  for (const n of nodes) ofNode(n);
  const wanted = new Set<Node>(present);
  const ordered: Node[] = [];
  for (const s of seen) {
    if (wanted.has(s)) {
      ordered.push(s);
      wanted.delete(s);
    }
  }
  return ordered;
}
