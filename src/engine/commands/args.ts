// What commands share in reading their arguments: a user function's body, variables, a point
// `x = a` or `[x, y] = [a, b]`, a list of equations, the options the dispatcher checked.
import { mathError } from "../../errors.js";
import { tuple } from "../../graph/construct.js";
import type { Node } from "../../graph/node.js";
import { typedSymbols } from "../variable-order.js";
import { print } from "../../graph/print/printer.js";
import { PRETTY } from "../../graph/print/style.js";
import type { Expr } from "../../syntax/ast.js";
import { namesIn } from "../../syntax/walk.js";
import type { CommandCall, Evaluation } from "./entry.js";

/** What print, warn and clear return: no value shown. */
export const SILENT = tuple([]);

export function show(n: Node): string {
  return n.kind === "str" ? n.value : print(n, PRETTY);
}

/** The body of f when f names a user function, else the expression itself. */
export function bodyOf(ev: Evaluation, e: Expr): { body: Node; params: Node[] | null } {
  if (e.kind === "name") {
    const fn = ev.env.functions.get(e.name);
    if (fn) return { body: fn.body, params: fn.params };
  }
  return { body: ev.expr(e), params: null };
}

/** Variables given as arguments (a vector of them counts as its entries), else the body's symbols. */
export function variablesOf(ev: Evaluation, args: Expr[], body: Node, what: string): Node[] {
  if (args.length === 0) return typedSymbols(body);
  return args.flatMap((a) => {
    const v = unknownsOf(ev, a, what);
    return v.kind === "tensor" ? [...v.entries] : [v];
  });
}

/**
 * The variables of grad, hessian, jacobian and convex: those given after the body, else the
 * function's parameters, else the body's symbols. A body left with none because its names hold
 * values (∇(x²) after x = 3) is an error, not an empty gradient.
 */
export function variablesFor(ev: Evaluation, args: Expr[], body: Node, params: Node[] | null, what: string): Node[] {
  if (args.length > 1) return variablesOf(ev, args.slice(1), body, what);
  if (params) return params;
  const found = typedSymbols(body);
  if (found.length === 0) for (const name of namesIn(args[0])) ev.refuseHeld(name, what);
  return found;
}

/**
 * The value of an argument that names a command's variables (`x`, `[x, y]`): a name in it that
 * holds a value is an error (solve(x² = 4, x) after x = 3 solved 9 = 4 for the number 3).
 */
export function unknownsOf(ev: Evaluation, e: Expr, what: string): Node {
  const names = e.kind === "name" ? [e] : e.kind === "matrix" ? e.rows.flat() : [];
  for (const n of names) if (n.kind === "name") ev.refuseHeld(n.name, what);
  return ev.expr(e);
}

/** `x = a` or `[x, y] = [a, b]`: the variables and the point. */
export function pointArg(ev: Evaluation, e: Expr | undefined, what: string): { vars: Node[]; at: Node[] } {
  if (!e || e.kind !== "relation" || e.op !== "=")
    throw mathError(`${what} needs the point, as in x = 0 or [x, y] = [0, 0]`);
  if (e.left.kind === "name") return { vars: [ev.variable(e.left.name, what)], at: [ev.expr(e.right)] };
  const vars = unknownsOf(ev, e.left, what);
  const at = ev.expr(e.right);
  if (vars.kind !== "tensor" || at.kind !== "tensor" || vars.entries.length !== at.entries.length) {
    throw mathError(`${what} needs as many values as variables: [x, y] = [0, 0]`);
  }
  return { vars: [...vars.entries], at: [...at.entries] };
}

export function wholeNumber(ev: Evaluation, e: Expr | undefined, fallback: number, what: string): number {
  if (!e) return fallback;
  const n = ev.expr(e);
  if (n.kind !== "num" || !n.value.isInteger()) throw mathError(`${what} must be a whole number`);
  return Number(n.value.num);
}

/** A whole-number option the dispatcher has checked (and defaulted). */
export function wholeOption(call: CommandCall, name: string): number {
  const n = call.options.get(name);
  if (n?.kind !== "num") throw mathError(`the option ${name} has no value`);
  return Number(n.value.num);
}

export function listOf(n: Node): Node[] {
  return n.kind === "tensor" || n.kind === "tuple" ? [...(n.kind === "tensor" ? n.entries : n.items)] : [n];
}

/** `[a = b, c = d]` parses as a matrix of relations; its entries are the equations. */
export function equationsOf(ev: Evaluation, e: Expr): Node[] {
  if (e.kind === "matrix") return e.rows.flat().map((x) => ev.expr(x));
  return [ev.expr(e)];
}
