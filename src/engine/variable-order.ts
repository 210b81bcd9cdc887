// The variables of an expression in the order they were typed (LANGUAGE.md §3: ∇(x^2 y + y^3 - 3x)
// is [∂/∂x, ∂/∂y]). The graph keeps sums and products canonical, so x^2 y + y^3 and y^3 + x^2 y are
// one node and its symbols come out in the graph's order; the typed order has to come from the
// source. The evaluator notes the expression each piece of the running statement was built from
// (`noteSource`), and an assignment keeps its value's with the name (`noteTyping`); asked for a
// node's variables, this walks that source, following names to how their values were typed, and
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
 * The expression each node of the running statement was built from (the latest, where one node was
 * typed twice). Forgotten when the next statement starts: across statements only names carry their
 * typing (Environment.typings), so nothing one notebook typed orders another's variables — the
 * grader runs a key and many students in one thread, and a student's retyping of the key's
 * expression (y^3 + y x^2 for x^2 y + y^3) reordered the key's ∇ when notes were kept by node.
 */
const built = new Map<Node, Source>();

/** Called as each statement starts (Session). */
export function startStatement(): void {
  built.clear();
}

/**
 * Nodes whose typed symbols do not depend on how they were typed: a symbol's are itself, a number's, a
 * constant's and a string's none. Most built pieces are these.
 */
const SOURCE_FREE: ReadonlySet<Node["kind"]> = new Set(["sym", "num", "float", "const", "str"]);

/**
 * Called by the evaluator for each expression it builds. A name passes on how its value was typed
 * (∇L is ordered as L was typed); a function's name, nothing.
 */
export function noteSource(node: Node, expr: Expr, env: Environment): void {
  if (SOURCE_FREE.has(node.kind)) return;
  if (expr.kind === "name" && (env.values.has(expr.name) || env.functions.has(expr.name))) {
    const typed = env.typings.get(expr.name);
    if (typed?.value === node) built.set(node, { expr: typed.expr, env: typed.env });
    return;
  }
  built.set(node, { expr, env });
}

/** After `name = …`: the name keeps how its value was typed in this statement. */
export function noteTyping(env: Environment, name: string, value: Node): void {
  const source = built.get(value);
  if (source) env.typings.set(name, { value, ...source });
  else env.typings.delete(name);
}

/** The free symbols of the nodes, in the order of first appearance as typed. */
export function typedSymbols(...nodes: readonly Node[]): Node[] {
  const present = nodes.flatMap((n) => freeSymbols(n));
  // A typed name stands for the symbol of that name, whatever its shape (x, or a declared x ∈ ℝⁿ).
  const byName = new Map<string, Node[]>();
  for (const s of present) {
    if (s.kind !== "sym") continue;
    const list = byName.get(s.name);
    if (list) list.push(s);
    else byName.set(s.name, [s]);
  }
  const named = (name: string): readonly Node[] => byName.get(name) ?? [];
  const seen: Node[] = [];
  // One push a symbol: push(...symbols) overflows the stack past ~100,000 (Σ of 100,000 x_i).
  const note = (symbols: readonly Node[]): void => {
    for (const s of symbols) seen.push(s);
  };
  const visiting = new Set<Node>();
  const ofNode = (n: Node): void => {
    const source = built.get(n);
    if (source && !visiting.has(n)) {
      visiting.add(n);
      ofExpr(source.expr, source.env);
      visiting.delete(n);
    }
    note(freeSymbols(n));
  };
  /** A name's value: as the name's own statement typed it, else as this statement built it. */
  const ofValue = (name: string, value: Node, env: Environment): void => {
    const typed = env.typings.get(name);
    if (typed?.value !== value || visiting.has(value)) return ofNode(value);
    visiting.add(value);
    ofExpr(typed.expr, typed.env);
    visiting.delete(value);
    note(freeSymbols(value));
  };
  const ofExpr = (e: Expr, env: Environment): void => {
    switch (e.kind) {
      case "number":
      case "string":
        return;
      case "name": {
        const value = env.values.get(e.name);
        if (value) return ofValue(e.name, value, env);
        const fn = env.functions.get(e.name);
        if (fn) return void note([...fn.params, ...freeSymbols(fn.body)]);
        return void note(named(e.name));
      }
      case "call": {
        const fn = env.functions.get(e.callee);
        if (!fn) {
          const value = env.values.get(e.callee);
          if (value) ofValue(e.callee, value, env);
          else note(named(e.callee));
        }
        for (const a of e.args) ofExpr(a, env);
        if (fn) note(freeSymbols(fn.body).filter((s) => !(fn.params as readonly Node[]).includes(s)));
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
