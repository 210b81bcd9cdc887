// The domain of an expression as it was typed. The graph folds as it builds (x/x is 1, √x·√x is x,
// log(x) − log(x) is 0), and a fold can drop a condition on the domain: x/x is not defined at 0.
// `check` reads the typed expression (its AST) for every operation that restricts the domain — a
// division, a power whose exponent is not a positive whole number, log, √, tan, asin, … — and keeps
// each one, unfolded, as a guard: a side is defined at a point only where its guards are too.
import { intern } from "../../graph/node.js";
import type { Node } from "../../graph/node.js";
import { HALF, MINUS_ONE } from "../../graph/construct.js";
import { isScalar } from "../../graph/shape.js";
import { rethrowStop } from "../../errors.js";
import type { Expr } from "../../syntax/ast.js";
import { binaryOperands } from "../../syntax/walk.js";
import type { Evaluator } from "../evaluate.js";
import { lookupOperator } from "../../graph/operators.js";
import { lookupCommand } from "../commands/table.js";
import type { Environment } from "../../environment.js";
import { substitute } from "../substitute.js";

/** Functions defined at every real number: they restrict nothing. */
export const TOTAL_FUNCTIONS: ReadonlySet<string> = new Set([
  "sin",
  "cos",
  "exp",
  "abs",
  "sign",
  "step",
  "relu",
  "leaky_relu",
  "hardtanh",
  "max",
  "min",
  "sigmoid",
  "tanh",
  "sinh",
  "cosh",
  "softplus",
  "atan",
  "asinh",
]);

/** Functions defined only on part of the line: each call to one is a guard. */
const RESTRICTING: ReadonlySet<string> = new Set([
  "log",
  "sqrt",
  "tan",
  "sec",
  "csc",
  "cot",
  "asin",
  "acos",
  "atanh",
  "acosh",
]);

export interface TypedBuilder {
  /** The graph of a piece of the typed expression (folded, as the evaluator builds it). */
  build(e: Expr): Node;
  /** The operator a call names (its canonical name), when the call is an operator's and not a user's. */
  operatorOf(callee: string): string | null;
  /**
   * The typed domain kept with a name assigned or defined earlier (`g = sqrt(x)`, `f(x) = log(x)`):
   * its guards, over the function's parameters when it is one. Null when none is kept.
   */
  stored?(name: string, call: boolean): StoredDomain | null;
  /** Whether a call names a user function (f(x) = …): building it substitutes into the body. */
  isUserFunction?(callee: string): boolean;
}

/** A name's domain as it was typed: the guards of its value or body, and the body's parameters. */
export interface StoredDomain {
  params: readonly Node[] | null;
  guards: readonly Node[];
}

/** Raw nodes, not folded: (x^(1/2))^2 must stay what it says. */
const rawPow = (base: Node, exp: Node): Node => intern({ kind: "pow", base, exp, shape: base.shape });
const rawApply = (op: string, args: readonly Node[]): Node => intern({ kind: "apply", op, args, shape: args[0].shape });

const positiveWhole = (e: Expr) => e.kind === "number" && /^[0-9]+$/.test(e.text) && !/^0+$/.test(e.text);

/**
 * A guard over a function's parameters, at the call's arguments: the restricting operation kept raw
 * on top (√ of the argument stays √ of it), its operands substituted (and folded, as built).
 */
function atArguments(guard: Node, params: readonly Node[], args: readonly Node[]): Node {
  const map = new Map(params.map((p, i) => [p, args[i]]));
  if (guard.kind === "pow") return rawPow(substitute(guard.base, map), substitute(guard.exp, map));
  if (guard.kind === "apply")
    return rawApply(
      guard.op,
      guard.args.map((a) => substitute(a, map)),
    );
  return substitute(guard, map);
}

/**
 * The guards of a typed scalar expression: one unfolded node per restricting operation, in the
 * order met, and those kept with the names it uses (a value's, or a user function's at the call's
 * arguments). Pieces the walk cannot rebuild safely (commands, derivatives) are not entered; their
 * own domain is what the graph kept.
 */
export function typedGuards(root: Expr, builder: TypedBuilder): Node[] {
  const guards: Node[] = [];
  const keep = (g: Node | null) => {
    if (g && isScalar(g.shape) && g.kind !== "num" && !guards.includes(g)) guards.push(g);
  };
  const built = (e: Expr): Node | null => {
    if (!simple(e, builder)) return null;
    try {
      return builder.build(e);
    } catch (err) {
      rethrowStop(err);
      return null;
    }
  };
  const walk = (e: Expr): void => {
    switch (e.kind) {
      case "name": {
        builder.stored?.(e.name, false)?.guards.forEach(keep);
        return;
      }
      case "binary":
        binaryOperands(e).forEach(walk); // a 20,000-term sum in a loop, not 20,000 frames deep
        if (e.op === "/") {
          const d = built(e.right);
          keep(d && rawPow(d, MINUS_ONE));
        } else if (e.op === "^" && !positiveWhole(e.right)) {
          const b = built(e.left);
          const x = b && built(e.right);
          keep(b && x && isScalar(x.shape) ? rawPow(b, x) : null);
        }
        return;
      case "neg":
      case "abs":
      case "approx":
      case "transpose":
        walk(e.arg);
        return;
      case "matrix":
        e.rows.forEach((row) => row.forEach(walk));
        return;
      case "call": {
        e.args.forEach(walk);
        const stored = e.primes === 0 ? builder.stored?.(e.callee, true) : null;
        if (stored?.params && stored.params.length === e.args.length) {
          const args = e.args.map(built);
          if (args.some((a) => a === null)) return;
          for (const g of stored.guards) {
            try {
              keep(atArguments(g, stored.params, args as Node[]));
            } catch (err) {
              rethrowStop(err);
            }
          }
          return;
        }
        const op = builder.operatorOf(e.callee);
        if (!op || !RESTRICTING.has(op)) return;
        const args = e.args.map(built);
        if (args.length === 0 || args.some((a) => a === null || !isScalar(a.shape))) return;
        keep(op === "sqrt" ? rawPow(args[0]!, HALF) : rawApply(op, args as Node[]));
        return;
      }
      default:
        return;
    }
  };
  walk(root);
  return guards;
}

/** Built from numbers, names, arithmetic and calls of operators and user functions: rebuilding it runs no command. */
function simple(e: Expr, builder: TypedBuilder): boolean {
  switch (e.kind) {
    case "number":
    case "name":
      return true;
    case "binary":
      return binaryOperands(e).every((x) => simple(x, builder));
    case "neg":
    case "abs":
      return simple(e.arg, builder);
    case "call":
      return (
        e.primes === 0 &&
        (builder.operatorOf(e.callee) !== null || builder.isUserFunction?.(e.callee) === true) &&
        e.args.every((a) => simple(a, builder))
      );
    default:
      return false;
  }
}

/** The domains kept with each notebook's names, by its environment. */
const kept = new WeakMap<Environment, Map<string, StoredDomain & { of: Node }>>();

function evaluatorBuilder(ev: Evaluator): TypedBuilder {
  const env = ev.env;
  return {
    build: (x) => ev.expr(x),
    operatorOf: (callee) =>
      env.isUserName(callee) || lookupCommand(callee) ? null : (lookupOperator(callee)?.name ?? null),
    isUserFunction: (callee) => env.functions.has(callee),
    stored: (name, call) => {
      const domain = kept.get(env)?.get(name);
      if (!domain) return null;
      // Only while the name still holds what it held then (a later assignment replaces it).
      const now = domain.params ? env.functions.get(name)?.body : env.values.get(name);
      if (now !== domain.of || (call && !domain.params)) return null;
      return domain;
    },
  };
}

/** The guards of a typed side of `check`, built by the notebook's evaluator. */
export function guardsOf(e: Expr, ev: Evaluator): Node[] {
  return typedGuards(e, evaluatorBuilder(ev));
}

/**
 * After `name = expr` or `name(params) = expr`: the guards of the typed right side, kept with the
 * name, so `g = sqrt(x)` then `check g^2 == x` knows g is defined only for x ≥ 0 (g² is built as x),
 * and `f(x) = x/x` keeps x ≠ 0 for f(y − 1). Call it while the parameters shadow notebook values.
 */
export function rememberDomain(
  ev: Evaluator,
  name: string,
  e: Expr,
  value: Node,
  params: readonly Node[] | null,
): void {
  let names = kept.get(ev.env);
  const guards = typedGuards(e, evaluatorBuilder(ev));
  if (guards.length === 0) {
    names?.delete(name);
    return;
  }
  if (!names) kept.set(ev.env, (names = new Map()));
  names.set(name, { params, guards, of: value });
}
