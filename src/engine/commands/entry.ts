// One row of the command table: a call that takes its arguments unevaluated (sum binds an index,
// help takes a name, gd reads a starting point) or acts on the notebook (print, clear). Like an
// operator row, everything Nabla knows about a command lives in its entry: names, arity, options
// with their types and defaults, help, and the function that runs it.
import type { Environment } from "../../environment.js";
import type { Node } from "../../graph/node.js";
import type { Help } from "../../graph/ops/entry.js";
import type { Expr } from "../../syntax/ast.js";

/** What a command may ask of the evaluator: the environment, and AST → node under it. */
export interface Evaluation {
  readonly env: Environment;
  expr(e: Expr): Node;
  /** The node a name stands for as a variable of differentiation (a symbol, or an indexed one). */
  variable(name: string, what?: string): Node;
  /** Throws when the name holds a value: `what` (a command) takes it as a variable. */
  refuseHeld(name: string, what: string): void;
}

/**
 * A keyword argument `name = value`. "expression" takes any value, "number" a real number, "whole" a
 * whole number; the dispatcher evaluates and checks it, and fills in the default when it is absent.
 */
export interface CommandOption {
  name: string;
  /** Other spellings: `eta` for η, `β` for momentum's γ (the notes use both). */
  aliases?: string[];
  type: "expression" | "number" | "whole";
  /** The value when the option is absent, in Nabla's syntax (parsed as an exact decimal). */
  default?: string;
  required?: boolean;
  description: string;
}

/** A call's arguments after the dispatcher has checked them. */
export interface CommandCall {
  /** The positional arguments, in order (a point `x = 4`, a range or an equation the row accepts among them). */
  args: Expr[];
  /** Every declared option by its canonical name: given, else its default (absent when it has none). */
  options: ReadonlyMap<string, Node>;
}

export interface RelationArguments {
  /** A range's right side is `a..b`; an equation's bare name must occur in another argument. */
  kind: "point" | "range" | "equation";
  /** The positional places one may stand in, first and last inclusive (0 is the first argument). */
  places: [number, number];
}

export interface CommandEntry {
  name: string;
  aliases?: string[];
  /** Accepted numbers of positional arguments, inclusive (Infinity for any number). */
  arity: [number, number];
  options?: CommandOption[];
  /**
   * The `name = value` arguments the command reads as positional, and where: a point (gd's and
   * taylor's `x = 4`, limit's `x = 0`), a range (sum's and plot's `x = a..b`) or an equation
   * (solve's `x = 4`, lagrange's constraints). Every other `name = value` is an option, and one the
   * command does not declare is an error with a did-you-mean.
   */
  relations?: RelationArguments;
  help: Help;
  run: (call: CommandCall, ev: Evaluation) => Node;
}
