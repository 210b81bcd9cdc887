// Built-in commands: calls that need their arguments unevaluated (sum binds an index, help takes a
// name) or that act on the notebook (print, clear). Each takes the argument ASTs and the evaluator.
import { mathError } from "../errors.js";
import { ONE, add, int, mul, num, str, sym, tuple } from "../graph/construct.js";
import type { Node } from "../graph/node.js";
import { print } from "../render/printer.js";
import { PRETTY } from "../render/style.js";
import type { Expr } from "../syntax/ast.js";
import { helpFor } from "../help.js";
import { differentiate, gradient, hessian, jacobian } from "./differentiate.js";
import { freeSymbols } from "../graph/traverse.js";
import { eigen, singularValues, diagonalize } from "./decompositions.js";
import type { Evaluator } from "./evaluate.js";
import { expandBigop } from "./evaluate.js";
import { taylor } from "./series.js";
import { expand } from "./expand.js";
import { simplify } from "./simplify.js";
import { factor } from "./factor.js";
import { collect } from "./collect.js";
import { descentMethod, gradientDescent, type Method } from "./descent.js";
import { convexity } from "./convexity.js";
import { plotCommand } from "./plots.js";
import { accuracyOf, backpropOf, datasetNode, dense, layersOf, loadNode, perceptronOf } from "./networks.js";
import { solveSystem } from "./solve/system.js";
import { criticalPoints, lagrange } from "./solve/optimize.js";
import { apply, relation, struct } from "../graph/construct.js";

export type Command = (args: Expr[], ev: Evaluator) => Node;

const SILENT = tuple([]);

function show(n: Node): string {
  return n.kind === "str" ? n.value : print(n, PRETTY);
}

function requireArgs(name: string, args: Expr[], min: number, max = min): void {
  if (args.length < min || args.length > max) {
    throw mathError(`${name} takes ${min === max ? min : `${min} to ${max}`} argument${max === 1 ? "" : "s"}, not ${args.length}`);
  }
}

function variablesOf(ev: Evaluator, args: Expr[], body: Node): Node[] {
  if (args.length === 0) return freeSymbols(body);
  return args.flatMap((a) => {
    const v = ev.expr(a);
    return v.kind === "tensor" ? [...v.entries] : [v];
  });
}

/** The body of f when f names a user function, else the expression itself. */
function bodyOf(ev: Evaluator, e: Expr): { body: Node; params: Node[] | null } {
  if (e.kind === "name") {
    const fn = ev.env.functions.get(e.name);
    if (fn) return { body: fn.body, params: fn.params };
  }
  return { body: ev.expr(e), params: null };
}

/** sum(body, i = a..b): the index is bound while the body is built. */
function bigCommand(op: "sum" | "prod"): Command {
  return (args, ev) => {
    requireArgs(op, args, 1, 2);
    if (args.length === 1) {
      const v = ev.expr(args[0]);
      if (op === "sum" && v.kind !== "tensor" && v.shape.length > 0) return apply("sum", [v]);
      if (v.kind !== "tensor") throw mathError(`${op} of one argument needs an array`);
      return op === "sum" ? add(...v.entries) : mul(...v.entries);
    }
    const spec = args[1];
    if (spec.kind !== "relation" || spec.left.kind !== "name" || spec.right.kind !== "range") {
      throw mathError(`write ${op}(body, i = 1..n)`);
    }
    const index = spec.left.name;
    const from = ev.expr(spec.right.from);
    const to = ev.expr(spec.right.to);
    ev.env.boundIndices.push(index);
    try {
      return expandBigop(op, sym(index), from, to, ev.expr(args[0]));
    } finally {
      ev.env.boundIndices.pop();
    }
  };
}

const METHOD_PARAMS = ["η", "γ", "β", "β_1", "β_2", "ε", "steps"];

/** `name = value` arguments, and the positional ones. */
function splitArgs(args: Expr[]): { positional: Expr[]; named: Map<string, Expr> } {
  const positional: Expr[] = [];
  const named = new Map<string, Expr>();
  for (const a of args) {
    if (a.kind === "relation" && a.op === "=" && a.left.kind === "name") named.set(a.left.name, a.right);
    else if (!(a.kind === "relation" && a.op === "=")) positional.push(a);
  }
  return { positional, named };
}

let progressCount = 0;

/**
 * A display that updates in place while a long run goes (Jupyter's update_display_data): shown
 * for runs of 100 steps or more, updated about every 5%, replaced by the final point.
 */
function progressFor(ev: Evaluator, label: string, steps: number): ((step: number, point: Node) => void) | undefined {
  if (steps < 100) return undefined;
  const displayId = `nabla-progress-${process.pid}-${++progressCount}`;
  const every = Math.max(1, Math.floor(steps / 20));
  ev.env.emit({ kind: "display", text: `${label}: step 0 of ${steps}`, displayId });
  return (step, point) => {
    if (step % every === 0 || step === steps) {
      ev.env.emit({ kind: "display", text: `${label}: step ${step} of ${steps}, at ${show(point)}`, displayId, update: true });
    }
  };
}

/** `x = a` or `[x, y] = [a, b]`: the variables and the point. */
function pointArg(ev: Evaluator, e: Expr | undefined, what: string): { vars: Node[]; at: Node[] } {
  if (!e || e.kind !== "relation" || e.op !== "=") throw mathError(`${what} needs the point, as in x = 0 or [x, y] = [0, 0]`);
  if (e.left.kind === "name") return { vars: [ev.variable(e.left.name)], at: [ev.expr(e.right)] };
  const vars = ev.expr(e.left);
  const at = ev.expr(e.right);
  if (vars.kind !== "tensor" || at.kind !== "tensor" || vars.entries.length !== at.entries.length) {
    throw mathError(`${what} needs as many values as variables: [x, y] = [0, 0]`);
  }
  return { vars: [...vars.entries], at: [...at.entries] };
}

function wholeNumber(ev: Evaluator, e: Expr | undefined, fallback: number, what: string): number {
  if (!e) return fallback;
  const n = ev.expr(e);
  if (n.kind !== "num" || !n.value.isInteger()) throw mathError(`${what} must be a whole number`);
  return Number(n.value.num);
}

function listOf(n: Node): Node[] {
  return n.kind === "tensor" || n.kind === "tuple" ? [...(n.kind === "tensor" ? n.entries : n.items)] : [n];
}

/** `[a = b, c = d]` parses as a matrix of relations; its entries are the equations. */
function equationsOf(ev: Evaluator, e: Expr): Node[] {
  if (e.kind === "matrix") return e.rows.flat().map((x) => ev.expr(x));
  return [ev.expr(e)];
}

export const COMMANDS = new Map<string, Command>([
  ["plot", plotCommand],
  ["dense", dense],
  ["dataset", datasetNode],
  ["load", loadNode],
  ["accuracy", accuracyOf],
  ["perceptron", perceptronOf],
  ["backprop", backpropOf],
  ["params", (args, ev) => {
    requireArgs("params", args, 1);
    return int(layersOf(ev.expr(args[0])).reduce((s, l) => s + l.inputs * l.outputs + l.outputs, 0));
  }],
  ["solve", (args, ev) => {
    requireArgs("solve", args, 1, 2);
    const equations = equationsOf(ev, args[0]);
    const vars = args[1] ? listOf(ev.expr(args[1])) : freeSymbols(tuple(equations));
    const result = solveSystem(equations, vars);
    if (result.kind === "infinite") return struct("solutions", [{ name: "items", value: tuple([]) }, { name: "note", value: str(result.note) }]);
    const sets = result.solutions.map((s) => tuple(vars.map((v, i) => relation("=", v, s.values[i]))));
    const notes = [...(result.solutions.some((s) => !s.exact) ? ["numeric roots, to about 1e-12"] : []), ...(result.more ? [result.more] : [])];
    return struct("solutions", [{ name: "items", value: tuple(sets) }, ...(notes.length ? [{ name: "note", value: str(notes.join("; ")) }] : [])]);
  }],
  ["critical", (args, ev) => {
    requireArgs("critical", args, 1, 2);
    const { body, params } = bodyOf(ev, args[0]);
    return criticalPoints(body, args[1] ? listOf(ev.expr(args[1])) : params ?? undefined);
  }],
  ["lagrange", (args, ev) => {
    if (args.length < 2) throw mathError("write lagrange(f, g = c) or lagrange(f, g₁ = c₁, g₂ = c₂)");
    const { body } = bodyOf(ev, args[0]);
    const constraints = args.slice(1).flatMap((a) => equationsOf(ev, a));
    return lagrange(body, constraints);
  }],
  ["taylor", (args, ev) => {
    requireArgs("taylor", args, 2, 3);
    const { body } = bodyOf(ev, args[0]);
    const { vars, at } = pointArg(ev, args[1], "taylor");
    return taylor(body, vars, at, wholeNumber(ev, args[2], 2, "the order"));
  }],
  ["expand", (args, ev) => {
    requireArgs("expand", args, 1);
    return expand(bodyOf(ev, args[0]).body);
  }],
  ["simplify", (args, ev) => {
    requireArgs("simplify", args, 1);
    return simplify(bodyOf(ev, args[0]).body);
  }],
  ["factor", (args, ev) => {
    requireArgs("factor", args, 1);
    return factor(bodyOf(ev, args[0]).body);
  }],
  ["collect", (args, ev) => {
    requireArgs("collect", args, 2);
    return collect(bodyOf(ev, args[0]).body, ev.expr(args[1]));
  }],
  ["gd", (args, ev) => {
    const { positional, named } = splitArgs(args);
    if (positional.length !== 1) throw mathError("write gd(f, x = 4, η = 0.1) or gd(f, [x, y] = [1, 2], η = 0.1, steps = 10)");
    const { body, params } = bodyOf(ev, positional[0]);
    void params;
    const pointExpr = args.find((a) => a.kind === "relation" && (a.left.kind !== "name" || !METHOD_PARAMS.includes(a.left.name)));
    const { vars, at } = pointArg(ev, pointExpr, "gd");
    const eta = named.get("η");
    if (!eta) throw mathError("gd needs a learning rate: η = 0.1");
    const steps = wholeNumber(ev, named.get("steps"), 1, "steps");
    return gradientDescent(body, vars, at, ev.expr(eta), steps, progressFor(ev, "gradient descent", steps));
  }],
  ...(["momentum", "nesterov", "rmsprop", "adam"] as Method[]).map((method): [string, Command] => [
    method,
    (args, ev) => {
      const { positional, named } = splitArgs(args);
      if (positional.length !== 1) throw mathError(`write ${method}(f, x = 4, η = 0.1, steps = 10)`);
      const { body } = bodyOf(ev, positional[0]);
      const pointExpr = args.find((a) => a.kind === "relation" && (a.left.kind !== "name" || !METHOD_PARAMS.includes(a.left.name)));
      const { vars, at } = pointArg(ev, pointExpr, method);
      const get = (name: string) => (named.has(name) ? ev.expr(named.get(name)!) : undefined);
      const eta = get("η");
      if (!eta) throw mathError(`${method} needs a learning rate: η = 0.1`);
      const steps = wholeNumber(ev, named.get("steps"), 1, "steps");
      const params = { eta, gamma: get("γ"), beta: get("β"), beta1: get("β_1"), beta2: get("β_2"), epsilon: get("ε") };
      return descentMethod(method, body, vars, at, params, steps, progressFor(ev, method, steps));
    },
  ]),
  ["convex", (args, ev) => {
    requireArgs("convex", args, 1, 2);
    const { body, params } = bodyOf(ev, args[0]);
    return convexity(body, args[1] ? variablesOf(ev, args.slice(1), body) : params ?? undefined);
  }],
  ["print", (args, ev) => {
    ev.env.emit({ kind: "stdout", text: args.map((a) => show(ev.expr(a))).join(" ") + "\n" });
    return SILENT;
  }],
  ["warn", (args, ev) => {
    ev.env.emit({ kind: "stderr", text: args.map((a) => show(ev.expr(a))).join(" ") + "\n" });
    return SILENT;
  }],
  ["clear", (args, ev) => {
    requireArgs("clear", args, 0);
    ev.env.emit({ kind: "clear" });
    return SILENT;
  }],
  ["help", (args, ev) => {
    requireArgs("help", args, 0, 1);
    const topic = args[0] ? (args[0].kind === "name" || args[0].kind === "call" ? (args[0].kind === "name" ? args[0].name : args[0].callee) : args[0].kind === "string" ? args[0].value : "") : "";
    const entry = helpFor(topic);
    if (!entry) throw mathError(`no help for ${topic || "that"}; try help() for the list of operators`);
    ev.env.emit({ kind: "pager", text: entry.text, html: entry.html });
    return SILENT;
  }],
  ["diff", (args, ev) => {
    if (args.length < 1) throw mathError("write diff(f, x) or diff(f, x, y) or diff(f, x, k)");
    const { body, params } = bodyOf(ev, args[0]);
    const rest = args.slice(1).map((a) => ev.expr(a));
    if (rest.length === 0) {
      const vars = params ?? freeSymbols(body);
      if (vars.length !== 1) throw mathError("diff(f) needs the variable when f has more than one: diff(f, x)");
      return differentiate(body, vars[0]);
    }
    let result = body;
    for (let i = 0; i < rest.length; i++) {
      const next = rest[i + 1];
      if (next?.kind === "num" && next.value.isInteger()) {
        result = differentiate(result, rest[i], Number(next.value.num));
        i++;
      } else {
        result = differentiate(result, rest[i]);
      }
    }
    return result;
  }],
  ["grad", (args, ev) => {
    const { body, params } = bodyOf(ev, args[0]);
    return gradient(body, args.length > 1 ? variablesOf(ev, args.slice(1), body) : params ?? freeSymbols(body));
  }],
  ["hessian", (args, ev) => {
    requireArgs("hessian", args, 1, 2);
    const { body, params } = bodyOf(ev, args[0]);
    return hessian(body, args.length > 1 ? variablesOf(ev, args.slice(1), body) : params ?? freeSymbols(body));
  }],
  ["jacobian", (args, ev) => {
    requireArgs("jacobian", args, 1, 2);
    const f = ev.expr(args[0]);
    const exprs = f.kind === "tensor" ? [...f.entries] : [f];
    const vars = args.length > 1 ? variablesOf(ev, args.slice(1), f) : freeSymbols(f);
    return jacobian(exprs, vars);
  }],
  ["sum", bigCommand("sum")],
  ["prod", bigCommand("prod")],
  ["eig", (args, ev) => {
    requireArgs("eig", args, 1);
    return eigen(ev.expr(args[0]));
  }],
  ["svd", (args, ev) => {
    requireArgs("svd", args, 1);
    return singularValues(ev.expr(args[0]));
  }],
  ["diagonalize", (args, ev) => {
    requireArgs("diagonalize", args, 1);
    return diagonalize(ev.expr(args[0]));
  }],
]);

export { ONE, int, num, str };
