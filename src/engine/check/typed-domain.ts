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
import type { Evaluator } from "../evaluate.js";
import { lookupOperator } from "../../graph/operators.js";
import { lookupCommand } from "../commands/table.js";

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
}

/** Raw nodes, not folded: (x^(1/2))^2 must stay what it says. */
const rawPow = (base: Node, exp: Node): Node => intern({ kind: "pow", base, exp, shape: base.shape });
const rawApply = (op: string, args: readonly Node[]): Node => intern({ kind: "apply", op, args, shape: args[0].shape });

const positiveWhole = (e: Expr) => e.kind === "number" && /^[0-9]+$/.test(e.text) && !/^0+$/.test(e.text);

/**
 * The guards of a typed scalar expression: one unfolded node per restricting operation, in the
 * order met. Pieces the walk cannot rebuild safely (commands, derivatives, user functions' bodies)
 * are not entered; their own domain is what the graph kept.
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
      case "binary":
        walk(e.left);
        walk(e.right);
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
        walk(e.arg);
        return;
      case "call": {
        e.args.forEach(walk);
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

/** Built from numbers, names, arithmetic and operator calls only: rebuilding it runs no command. */
function simple(e: Expr, builder: TypedBuilder): boolean {
  switch (e.kind) {
    case "number":
    case "name":
      return true;
    case "binary":
      return simple(e.left, builder) && simple(e.right, builder);
    case "neg":
    case "abs":
      return simple(e.arg, builder);
    case "call":
      return builder.operatorOf(e.callee) !== null && e.args.every((a) => simple(a, builder));
    default:
      return false;
  }
}

/** The guards of a typed side of `check`, built by the notebook's evaluator. */
export function guardsOf(e: Expr, ev: Evaluator): Node[] {
  return typedGuards(e, {
    build: (x) => ev.expr(x),
    operatorOf: (callee) =>
      ev.env.isUserName(callee) || lookupCommand(callee) ? null : (lookupOperator(callee)?.name ?? null),
  });
}
