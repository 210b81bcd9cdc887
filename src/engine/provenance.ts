// What each name was computed with: the operators and commands (as `forbidKey`s) that the chain of
// statements defining it used, each with one statement that used it. `expect … forbid OP` reads it,
// in the grader (the student's statements only) and in a notebook's own session (its visible tests).
import type { Expr, Statement } from "../syntax/ast.js";
import { eachSubexpression } from "../syntax/walk.js";
import { forbidKey, type Operators } from "./expect.js";

export function definedName(s: Statement): string | null {
  switch (s.kind) {
    case "assign":
    case "define":
    case "layer":
    case "train":
      return s.name;
    default:
      return null;
  }
}

function definingExprs(s: Statement): Expr[] {
  switch (s.kind) {
    case "assign":
      return [s.expr];
    case "define":
      return [s.body];
    case "layer":
      return [s.expr];
    case "train":
      return [s.net, s.data, ...(s.targets ? [s.targets] : []), ...s.options];
    default:
      return [];
  }
}

/**
 * What expressions use, in one walk of their syntax trees: the operators, as `forbidKey`s (a call
 * counts under its own name too), and the names mentioned as values or functions.
 */
function usesOf(exprs: readonly Expr[]): { operators: Set<string>; names: Set<string> } {
  const operators = new Set<string>();
  const names = new Set<string>();
  const callees = new Set<string>();
  const visit = (node: Expr): void => {
    switch (node.kind) {
      case "name":
        names.add(node.name);
        break;
      case "derivative":
        operators.add("d/dx");
        break;
      case "partialOf":
        operators.add("d/dx");
        names.add(node.fn[0]);
        break;
      case "grad":
        operators.add("∇");
        if (node.order >= 2) operators.add("∇²");
        break;
      case "call":
        names.add(node.callee);
        if (!callees.has(node.callee)) {
          callees.add(node.callee);
          operators.add(node.callee).add(forbidKey(node.callee));
        }
        if (node.primes > 0) operators.add("d/dx");
        break;
    }
  };
  for (const e of exprs) eachSubexpression(e, visit);
  return { operators, names };
}

export type { Operators };

export class Provenance {
  private readonly byName = new Map<string, Map<string, string>>();

  /**
   * After a statement ran: the name it defines used what its expressions use plus what the names
   * they mention used. `traced` false (the grader's restored locked cells) clears the name instead.
   */
  record(st: Statement, code: string, traced = true): void {
    const name = definedName(st);
    if (!name) return;
    if (!traced) {
      this.byName.delete(name);
      return;
    }
    const text = code.slice(st.span.start, st.span.end);
    const params = st.kind === "define" ? st.params : [];
    const used = new Map<string, string>();
    const uses = usesOf(definingExprs(st));
    for (const op of uses.operators) used.set(op, text);
    for (const ref of uses.names) {
      if (params.includes(ref)) continue;
      for (const [op, where] of this.byName.get(ref) ?? []) if (!used.has(op)) used.set(op, where);
    }
    this.byName.set(name, used);
  }

  get(name: string): Operators {
    return this.byName.get(name) ?? new Map();
  }

  /** A copy as things stand now. */
  snapshot(): Map<string, Map<string, string>> {
    return new Map(this.byName);
  }
}
