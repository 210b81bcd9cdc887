// What each name was computed with: the operators and commands (as `forbidKey`s) that the chain of
// statements defining it used, each with one statement that used it. `expect … forbid OP` reads it,
// in the grader (the student's statements only) and in a notebook's own session (its visible tests).
import type { Expr, Statement } from "../syntax/ast.js";
import { forbidKey, namesIn, type Operators } from "./expect.js";

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

function definingExprs(s: Statement): unknown[] {
  switch (s.kind) {
    case "assign":
      return [s.expr];
    case "define":
      return [s.body];
    case "layer":
      return [s.expr];
    case "train":
      return [s.net, s.data, s.targets, s.options];
    default:
      return [];
  }
}

/** The operators an expression uses, as `forbidKey`s, found anywhere in its syntax tree. */
export function operatorsIn(e: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(e)) {
    for (const x of e) operatorsIn(x, out);
    return out;
  }
  if (e === null || typeof e !== "object") return out;
  const node = e as Expr;
  switch (node.kind) {
    case "derivative":
    case "partialOf":
      out.add("d/dx");
      break;
    case "grad":
      out.add("∇");
      if (node.order >= 2) out.add("∇²");
      break;
    case "call":
      out.add(node.callee);
      out.add(forbidKey(node.callee));
      if (node.primes > 0) out.add("d/dx");
      break;
  }
  for (const [key, value] of Object.entries(node))
    if (key !== "span" && key !== "calleeSpan" && typeof value === "object") operatorsIn(value, out);
  return out;
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
    for (const op of operatorsIn(definingExprs(st))) used.set(op, text);
    for (const ref of namesIn(definingExprs(st))) {
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
