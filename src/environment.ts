// A notebook's names: values, user functions and declared shapes, plus the effects a statement
// asks of its front end and the limits it runs under.
import type { Node, Sym } from "./graph/node.js";
import type { Shape } from "./graph/shape.js";
import type { Effect } from "./results.js";
import type { Dense } from "./nn/network.js";
import type { Dataset } from "./nn/datasets.js";
import type { Expr } from "./syntax/ast.js";

export interface UserFunction {
  name: string;
  params: Sym[];
  body: Node;
}

/** The limits every cap reads: defined beside the budget that enforces them (budget.ts). */
export { DEFAULT_LIMITS, type Limits } from "./budget.js";

/**
 * How a name's value was typed: the expression, and the notebook whose names it reads. ∇, the Hessian
 * and the solvers take a value's variables in this order (engine/variable-order.ts).
 */
export interface Typing {
  value: Node;
  expr: Expr;
  env: Environment;
}

export class Environment {
  readonly values = new Map<string, Node>();
  /** How each name's value was typed (kept while the name holds that value). */
  readonly typings = new Map<string, Typing>();
  readonly functions = new Map<string, UserFunction>();
  readonly shapes = new Map<string, Shape>();
  /** A network's trained weights, by the network's id (the graph holds only its description). */
  readonly models = new Map<string, Dense[]>();
  readonly datasets = new Map<string, Dataset>();
  /** Names bound by an enclosing Σ or ∏ while its body is built. */
  readonly boundIndices: string[] = [];
  /** How `load("file.csv")` reads a file; absent where files are off limits (the grader). */
  readFile: ((path: string) => string) | null = null;
  effects: Effect[] = [];
  emit: (effect: Effect) => void = (effect) => this.effects.push(effect);

  isUserName(name: string): boolean {
    return this.values.has(name) || this.functions.has(name);
  }

  /** The name's value, definition, typing and declared shape forgotten: a plain symbol again (`clear(x)`). */
  forget(name: string): void {
    this.values.delete(name);
    this.typings.delete(name);
    this.functions.delete(name);
    this.shapes.delete(name);
    this.datasets.delete(name);
  }

  allNames(): string[] {
    return [
      ...this.values.keys(),
      ...this.functions.keys(),
      ...[...this.shapes.keys()].filter((n) => !this.values.has(n)),
    ];
  }
}
