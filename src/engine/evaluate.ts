// From AST expressions to graph nodes, in an environment: names resolve to values, user functions
// apply by substitution, operators go through the table, calculus through the engine.
import { memberOf } from "./members.js";
import { BRACKET_COMMANDS } from "./commands/probability.js";
import { MathFailure, mathError, nameError, rethrowStop, shapeError } from "../errors.js";
import type { Environment, UserFunction } from "../environment.js";
import {
  ONE,
  add,
  addAll,
  apply,
  constant,
  decimal,
  div,
  indexed,
  mul,
  mulAll,
  neg,
  num,
  pow,
  relation,
  str,
  struct,
  sub,
  sym,
  tensor,
  tuple,
} from "../graph/construct.js";
import type { Node } from "../graph/node.js";
import { lookupOperator } from "../graph/operators.js";
import { isScalar, sameShape, showShape, type Shape } from "../graph/shape.js";
import { Rational } from "../numeric/rational.js";
import type { DiffVar, Expr, Statement } from "../syntax/ast.js";
import { isDigits } from "../syntax/names.js";
import { namesIn } from "../syntax/walk.js";
import { differentiate, gradient, hessian } from "./differentiate.js";
import { didYouMean } from "./suggest.js";
import {
  ELEMENTARY,
  bareFunctionBefore,
  bareFunctionWarning,
  juxtapositionWarning,
  looksLikeFunction,
} from "./juxtaposition.js";
import { toPretty } from "../graph/print/forms.js";
import { lookupCommand, vocabulary } from "./commands/table.js";
import { runCommand } from "./commands/dispatch.js";
import { expandBigop } from "./bigops.js";
import { substitute } from "./substitute.js";
import { noteSource, typedSymbols } from "./variable-order.js";
import { isNetworkNode, network } from "./networks.js";
import { applyNetwork, parameterVariable, targetOfOutput } from "./networks-apply.js";
import { LOSS_NAMES as LOSS_ROWS } from "./networks-data.js";
import { findInside, freeSymbols } from "../graph/traverse.js";
import { mentions } from "../graph/symbols.js";
import { matrixGradient, subgradientNotes } from "./matrix-calculus.js";
import { resultItems } from "./command-values.js";
import { bareDefaults, sizeBareArrays, sizedArray, subscriptedArray } from "./matrix-calculus-sizes.js";

/** False only when the text certainly names no bare I or 𝟏 (the grammar spells them with those characters). */
export function mayNameBareArray(text: string): boolean {
  return text.includes("I") || text.includes("𝟏");
}

export class Evaluator {
  /** The statement's bare I and 𝟏 whose use forces a size (A + I, Aᵀ 𝟏), by name node. */
  private bareShapes: Map<Expr, Shape> | null = null;

  constructor(readonly env: Environment) {}

  /**
   * Sizes a statement's bare I and 𝟏 from their use, before it runs (matrix-calculus-sizes.ts). Given the statement's
   * text, one without the letter I or 𝟏 is not walked: a bare I or 𝟏 is always spelled so (#13: a walk per statement).
   */
  sizeBareArrays(st: Statement, text?: string): void {
    if (text !== undefined && !mayNameBareArray(text)) {
      this.bareShapes = null;
      return;
    }
    const sized = new Map<Expr, Shape>();
    this.bareShapes = sized;
    const emit = this.env.emit;
    this.env.emit = () => {};
    try {
      sizeBareArrays(st, { isBare: (name) => !this.env.isUserName(name), shapeOf: (e) => this.shapeOf(e) }, sized);
    } finally {
      this.env.emit = emit;
      this.bareShapes = sized.size > 0 ? sized : null;
    }
  }

  private shapeOf(e: Expr): Shape | null {
    try {
      return this.expr(e).shape;
    } catch (err) {
      rethrowStop(err);
      return null;
    }
  }

  expr(e: Expr): Node {
    try {
      const node = this.build(e);
      noteSource(node, e, this.env);
      return node;
    } catch (err) {
      if (err instanceof MathFailure && err.span === null) err.span = e.span;
      throw err;
    }
  }

  private build(e: Expr): Node {
    switch (e.kind) {
      case "number":
        return decimal(e.text);
      case "string":
        return str(e.value);
      case "name": {
        const sized = this.bareShapes?.get(e);
        return sized ? sizedArray(e.name as "I" | "𝟏", sized) : this.name(e.name);
      }
      case "binary":
        return e.op === "^" ? this.binary(e.op, this.expr(e.left), this.expr(e.right)) : this.chain(e);
      case "neg":
        return neg(this.expr(e.arg));
      case "approx":
        return apply("N", [this.expr(e.arg)]);
      case "call":
        return this.call(e);
      case "index": {
        // 𝔼[X], Var[X]: the notes' brackets around an expectation's argument are a call.
        const t = e.target;
        if (
          t.kind === "name" &&
          BRACKET_COMMANDS.includes(t.name) &&
          !this.env.isUserName(t.name) &&
          e.indices.every((i) => i !== "all")
        ) {
          return this.call({
            kind: "call",
            callee: t.name,
            primes: 0,
            args: e.indices as Expr[],
            span: e.span,
            calleeSpan: t.span,
          });
        }
        return this.index(
          this.expr(e.target),
          e.indices.map((i) => (i === "all" ? "all" : this.expr(i))),
        );
      }
      case "member":
        return memberOf(this.expr(e.target), e.name, this.env);
      case "transpose":
        return apply("transpose", [this.expr(e.arg)]);
      case "matrix":
        return this.matrix(e.rows.map((row) => row.map((x) => this.expr(x))));
      case "norm":
        return apply("norm", e.p === null ? [this.expr(e.arg)] : [this.expr(e.arg), normKind(e.p)]);
      case "abs":
        return apply("abs", [this.expr(e.arg)]);
      case "derivative":
        return this.derivative(this.expr(e.arg), e.vars, e.arg.kind === "name" ? e.arg.name : null);
      case "partialOf":
        return this.derivative(this.functionBody(e.fn), e.vars, e.fn.join("."));
      case "grad":
        return this.gradient(e.arg, e.order, e.wrt);
      case "bigop":
        return this.bigop(e);
      case "relation":
        return relation(e.op, this.expr(e.left), this.expr(e.right));
      case "range":
        return struct("range", [
          { name: "from", value: this.expr(e.from) },
          { name: "to", value: this.expr(e.to) },
        ]);
      case "arrow": {
        const items = e.items.map((i) => this.expr(i));
        return items.every(isNetworkNode) ? network(items) : tuple(items);
      }
    }
  }

  name(name: string): Node {
    // Σ_{i=1}^{3} i is 6 whatever i holds outside: the index is bound while its body is built.
    if (this.env.boundIndices.includes(name)) return sym(name);
    const value = this.env.values.get(name);
    if (value) return value;
    if (this.env.functions.has(name)) return this.env.functions.get(name)!.body;
    if (name === "π" || name === "pi") return constant("π");
    if (name === "e") return constant("e");
    const shape = this.env.shapes.get(name);
    if (shape) return sym(name, shape);
    const underscore = name.indexOf("_");
    if (underscore > 0) {
      const base = name.slice(0, underscore);
      const subscript = name.slice(underscore + 1);
      if (this.env.boundIndices.includes(subscript)) return indexed(base, sym(subscript));
      // I_n, I_3, 𝟏_n, 𝟏_{m,n}: the identity and all-ones of that size, as matrix calculus writes them
      // (a name the user gave is theirs, above).
      const array = subscriptedArray(base, subscript, (d) => this.name(d));
      if (array) return array;
    }
    // A bare I or 𝟏 whose use does not size it (2I alone): the declarations' sizes, if they say.
    if (name === "I" || name === "𝟏") {
      const defaults = bareDefaults(this.env.shapes.values());
      const size = name === "I" ? defaults.identity : defaults.ones;
      if (size !== null) return sizedArray(name, name === "I" ? [size, size] : [size]);
      if (name === "𝟏")
        throw shapeError(
          "𝟏 is the all-ones vector of the length declared (x ∈ ℝ^n); with several, write 𝟏_n (or ones(n))",
        );
    }
    if (ELEMENTARY.has(name)) this.warnOnce(bareFunctionWarning(name));
    return sym(name);
  }

  /**
   * σ′(x), tanh′′(0): a built-in function of one variable differentiated, then applied, as the notes
   * write σ′(z) = σ(z)(1 − σ(z)). Anything else with primes (a name that is no function) is an error.
   */
  private builtinDerivative(e: Extract<Expr, { kind: "call" }>): Node {
    const entry = this.env.values.has(e.callee) ? undefined : lookupOperator(e.callee);
    const primes = "'".repeat(e.primes);
    if (!entry || entry.arity[0] !== 1 || entry.arity[1] !== 1 || !entry.partials || !entry.float)
      throw nameError(`${e.callee} is not a function, so ${e.callee}${primes} means nothing`);
    if (e.args.length !== 1) throw mathError(`${e.callee}${primes} takes one argument, not ${e.args.length}`);
    const arg = this.expr(e.args[0]);
    if (!isScalar(arg.shape)) throw shapeError(`${e.callee}${primes} takes a scalar, not a ${showShape(arg.shape)}`);
    // A variable no one can type stands for the argument while the derivative is taken.
    const t = sym("t′");
    return substitute(differentiate(apply(entry.name, [t]), t, e.primes), new Map([[t, arg]]));
  }

  /** `sin x`, `grad f`: a function's or command's name juxtaposed with its would-be argument is an error. */
  private refuseBareFunction(before: Expr): void {
    const found = bareFunctionBefore(
      before,
      (name) => this.env.values.has(name) || this.env.functions.has(name) || this.env.shapes.has(name),
      (name) => lookupCommand(name)?.help.syntax,
    );
    if (found) throw mathError(found.message, found.span);
  }

  /** A warning on standard error, once per statement however often the evaluator meets its cause. */
  private warnOnce(message: string): void {
    const text = `warning: ${message}\n`;
    if (!this.env.effects.some((e) => e.kind === "stderr" && e.text === text)) this.env.emit({ kind: "stderr", text });
  }

  /**
   * a + b − c + … (and a·b/c…) as one n-ary sum (product): the parser nests them to the left, and
   * adding one term at a time re-sorts the growing sum each time, quadratic in the number of terms.
   * The operands of one precedence level are gathered by a loop, not by recursion down the nest,
   * so a chain of 20,000 divisions or entrywise products is no deeper to work out than two. Shapes
   * are checked term by term, so an error is the one the pairwise sums would report.
   */
  private chain(e: Extract<Expr, { kind: "binary" }>): Node {
    const operands: { op: string; expr: Expr }[] = [];
    let left: Expr = e;
    const additive = e.op === "+" || e.op === "-";
    const level = additive ? ADDITIVE_OPS : MULTIPLICATIVE_OPS;
    while (left.kind === "binary" && level.has(left.op)) {
      if (left.implicit)
        this.refuseBareFunction(left.left.kind === "binary" && level.has(left.left.op) ? left.left.right : left.left);
      operands.push({ op: left.op, expr: left.right });
      left = left.left;
    }
    operands.reverse();
    let value = this.expr(left);
    // (h → o)(x), net (x): a network followed by its input is the forward pass, not a product.
    if (isNetworkNode(value) && operands[0]?.op === "*")
      value = applyNetwork(value, [this.expr(operands.shift()!.expr)], this, "the network");
    let terms: Node[] | null = isScalar(value.shape) || additive ? [value] : null;
    let shape = isScalar(value.shape) ? null : value.shape;
    for (const { op, expr } of operands) {
      const right = this.expr(expr);
      refuseNetworkOperand(value, right);
      if (additive && !isScalar(right.shape)) {
        if (shape !== null && !sameShape(shape, right.shape))
          throw shapeError(`cannot add a ${showShape(shape)} and a ${showShape(right.shape)}`);
        shape ??= right.shape;
      }
      if (terms && (additive || (isScalar(right.shape) && (op === "*" || op === "/")))) {
        terms.push(op === "-" ? neg(right) : op === "/" ? div(ONE, right) : right);
        continue;
      }
      // A product that meets an array is a matrix product: from here on, one pair at a time.
      if (terms) value = terms.length === 1 ? terms[0] : mulAll(terms);
      terms = null;
      value = this.binary(op, value, right);
    }
    return terms === null ? value : terms.length === 1 ? terms[0] : additive ? addAll(terms) : mulAll(terms);
  }

  binary(op: string, a: Node, b: Node): Node {
    refuseNetworkOperand(a, b);
    switch (op) {
      case "+":
        return add(a, b);
      case "-":
        return sub(a, b);
      case "*":
        return isScalar(a.shape) || isScalar(b.shape) ? mul(a, b) : apply("matmul", [a, b]);
      case "/":
        return div(a, b);
      case "·":
        return a.shape.length === 1 && b.shape.length === 1
          ? apply("dot", [a, b])
          : isScalar(a.shape) || isScalar(b.shape)
            ? mul(a, b)
            : apply("matmul", [a, b]);
      case "⊙":
        return apply("hadamard", [a, b]);
      case "⊗":
        return apply("outer", [a, b]);
      // A matrix to a power is the matrix power (A⁻¹ the inverse); entrywise powers are a.^k's business.
      // A vector has no matrix power: v^2 is entrywise.
      case "^":
        return a.shape.length < 2 ? pow(a, b) : apply("matpow", [a, b]);
      default:
        throw mathError(`unknown operator ${op}`);
    }
  }

  call(e: Extract<Expr, { kind: "call" }>): Node {
    const fn = this.env.functions.get(e.callee);
    if (fn) {
      const args = e.args.map((a) => this.expr(a));
      const body = e.primes ? differentiate(fn.body, fn.params[0], e.primes) : fn.body;
      return this.applyUser(fn, body, args);
    }
    if (e.primes) return this.builtinDerivative(e);
    // net(x): a network (or a layer) applied to an input is its forward pass.
    const held = this.env.values.get(e.callee);
    if (held && isNetworkNode(held))
      return applyNetwork(
        held,
        e.args.map((a) => this.expr(a)),
        this,
        e.callee,
      );
    const command = lookupCommand(e.callee);
    if (command && !this.env.values.has(e.callee)) return runCommand(command, e.args, this);
    const entry = lookupOperator(e.callee);
    if (entry && !this.env.values.has(e.callee)) {
      const args = e.args.map((a) => this.expr(a));
      const [min, max] = entry.arity;
      if (args.length < min || args.length > max) {
        const wanted = min === max ? `${min}` : `${min} to ${max}`;
        throw mathError(
          `${e.callee} takes ${wanted} argument${max === 1 ? "" : "s"}, not ${args.length}: ${entry.help.syntax}`,
        );
      }
      return apply(entry.name, LOSS_ROWS.includes(entry.name) ? targetOfOutput(args, this.env) : args);
    }
    // Not a function: juxtaposition, as in n(n + 1); said so when the name looks like a function's.
    const unknown = !this.env.values.has(e.callee) && !this.env.shapes.has(e.callee);
    // A built-in function's name holding a value (sin = 3, N = 100): the call is a product, said so.
    const hidden = (command || entry) && this.env.values.has(e.callee);
    if (e.args.length !== 1) {
      const suggestion = unknown ? didYouMean(e.callee, this.knownFunctions()) : null;
      throw nameError(
        hidden
          ? `${e.callee} holds a value, so it is not the built-in ${e.callee} here: clear(${e.callee}) gives the function back`
          : `${e.callee} is not a function${suggestion ? `; did you mean ${suggestion}?` : ""}`,
      );
    }
    if (hidden) this.warnHidden(e.callee);
    const factor = this.expr(e.args[0]);
    const product = this.binary("*", this.name(e.callee), factor);
    if (unknown && looksLikeFunction(e.callee)) {
      // An array is named by its shape (a pasted data matrix would fill the screen), a long scalar cut short.
      const printed = isScalar(factor.shape)
        ? toPretty(factor)
        : `a ${showShape(factor.shape)} ${factor.shape.length === 1 ? "" : "matrix"}`.trim();
      const arg = printed.length > 60 ? `${printed.slice(0, 57)}…` : printed;
      const read = `${toPretty(sym(e.callee))}·${factor.kind === "sym" || (factor.kind === "num" && factor.value.sign() >= 0) ? arg : `(${arg})`}`;
      this.env.emit({
        kind: "stderr",
        text: `warning: ${juxtapositionWarning(e.callee, read, this.knownFunctions())}\n`,
      });
    }
    return product;
  }

  /**
   * Once per statement and name: `name(…)` multiplies by the value the name holds, where without it
   * the name is a built-in function (sin = 3, then sin(x) is 3x, and sin^2(x) is 9x²).
   */
  private warnHidden(name: string): void {
    const text = `warning: ${name} holds a value, so ${name}(…) multiplies by it: the built-in ${name} is hidden until clear(${name})\n`;
    if (!this.env.effects.some((f) => f.kind === "stderr" && f.text === text)) this.env.emit({ kind: "stderr", text });
  }

  /** The names a call may mean: the user's functions, then the operator and command tables'. */
  knownFunctions(): string[] {
    return [...this.env.functions.keys(), ...vocabulary().map((w) => w.name)];
  }

  applyUser(fn: UserFunction, body: Node, args: Node[]): Node {
    if (args.length !== fn.params.length) {
      throw mathError(
        `${fn.name} takes ${fn.params.length} argument${fn.params.length === 1 ? "" : "s"}, not ${args.length}`,
      );
    }
    const map = new Map<Node, Node>(fn.params.map((p, i) => [p, args[i]]));
    return substitute(body, map);
  }

  functionBody(path: string[]): Node {
    const [name] = path;
    const fn = this.env.functions.get(name);
    if (fn) return fn.body;
    // ∂out.b/∂x and the like: a member read as written.
    return path.slice(1).reduce((value, member) => memberOf(value, member, this.env), this.name(name));
  }

  /**
   * The node a name stands for as a variable. `what` names a command that takes it as one (taylor,
   * limit, ∇_x): a name holding a value is then an error, not a fresh symbol the value never meets
   * (taylor(exp(x), x = 0, 3) after x = 3 was exp(3)). d/dx says so itself, naming the expression.
   */
  variable(v: DiffVar | string, what?: string): Node {
    const path = typeof v === "string" ? [v] : v.path;
    // ∂L/∂out.W: a layer's parameter.
    const parameter = parameterVariable(path, this);
    if (parameter) return parameter;
    if (path.length > 1) throw mathError(`${path.join(".")} is not a variable here`);
    if (what !== undefined) this.refuseHeld(path[0], what);
    return this.name(path[0]).kind === "sym" || this.name(path[0]).kind === "indexed"
      ? this.name(path[0])
      : sym(path[0]);
  }

  derivative(body: Node, vars: DiffVar[], label: string | null = null): Node {
    let result = body;
    for (const v of vars) {
      const variable = this.variable(v);
      const current = result;
      // The label is printed only when a message needs it (printing each operand was ~10 % of a check).
      this.independence(
        current,
        variable,
        v.path.join("."),
        () => (current === body ? label : null) ?? toPretty(current),
      );
      // A scalar parameter inside array expressions (a 1 → 1 layer's weight before a wider layer):
      // scalar rules do not reach through sum or softmax, matrix calculus does.
      result =
        v.order === 1 &&
        isScalar(variable.shape) &&
        isScalar(result.shape) &&
        findInside(result, (n) => !isScalar(n.shape)) !== undefined
          ? matrixGradient(result, variable)
          : differentiate(result, variable, v.order);
      if (!isScalar(variable.shape)) this.noteSubgradients(result);
    }
    return result;
  }

  /** A matrix-calculus result with a subgradient in it says so (sign(w) for the lasso's ‖w‖₁). */
  private noteSubgradients(result: Node): void {
    for (const note of subgradientNotes(result)) this.env.emit({ kind: "stderr", text: `note: ${note}\n` });
  }

  /** A command's variable that holds a value: an error that says which value and how to go on. */
  refuseHeld(name: string, what: string): void {
    const held = this.env.values.get(name);
    // z = [z₁, z₂, z₃] holds variables: jacobian(s, z) takes them.
    const variable = (n: Node) => n.kind === "sym" || n.kind === "indexed";
    if (!held || variable(held) || (held.kind === "tensor" && held.entries.every(variable))) return;
    throw mathError(
      `${what} takes ${name} as a variable, but ${name} holds a value (${heldText(held)}); use a name without a value`,
    );
  }

  /**
   * ∂L/∂W where W does not occur in L is 0, but never silently: a name holding a value (W = out.W
   * after training) is not a variable at all, and a symbol missing from a non-constant L is said.
   */
  private independence(body: Node, variable: Node, name: string, labelOf: () => string): void {
    if (mentions(body, variable)) return;
    const free = freeSymbols(body);
    if (free.includes(variable as (typeof free)[number])) return;
    const label = labelOf();
    const held = name.includes(".") ? undefined : this.env.values.get(name);
    if (held && held !== variable)
      throw mathError(
        `${label} does not depend on ${name}: ${name} holds a value (${heldText(held)}), not a variable${held.kind === "tensor" ? "; for a layer's weights write ∂L/∂out.W" : ""}`,
      );
    if (body.kind === "record")
      throw mathError(
        `${label} is a ${body.tag}, not an expression to differentiate${body.tag === "network" || body.tag === "layer" ? `: differentiate a loss on ${label}(x), as in L = cce(y, ${label}(x))` : ""}`,
      );
    // A layer's parameter missing from L: L was computed with numbers (net(x) of numbers after training).
    if (name.includes("."))
      throw mathError(
        `${label} does not depend on ${name}${free.length === 0 ? ` (${label} is a number: a network applied to numbers after training computes with its trained weights)` : ""}; differentiate a loss on net(x) with x declared, as in x ∈ ℝ^n`,
      );
    if (free.length > 0 || this.env.values.has(label) || this.env.functions.has(label))
      this.env.emit({ kind: "stderr", text: `warning: ${label} does not depend on ${name}, so its derivative is 0\n` });
  }

  gradient(arg: Expr, order: number, wrt: string[]): Node {
    const atPoint = this.gradientAtPoint(arg, order, wrt);
    if (atPoint) return atPoint;
    const fn = arg.kind === "name" ? this.env.functions.get(arg.name) : undefined;
    const body = fn ? fn.body : this.expr(arg);
    // ∇ takes the whole product that follows, as d/dx does: ∇f · v is ∇(f · v), not (∇f) · v.
    if (arg.kind === "binary" && arg.op !== "+" && arg.op !== "-" && !isScalar(body.shape))
      throw mathError(
        `∇ applies to the whole product that follows (as d/dx does), here a ${showShape(body.shape)}; ` +
          "for the gradient times a vector write (∇f) · v",
      );
    const vars: Node[] = wrt.length ? wrt.map((w) => this.variable(w, "∇")) : fn ? fn.params : typedSymbols(body);
    // ∇(x²) after x = 3 is ∇ of 9: no variable left, which [] would not say.
    if (vars.length === 0) for (const name of namesIn(arg)) this.refuseHeld(name, "∇");
    if (order === 1) {
      const g = gradient(body, vars);
      if (vars.length === 1 && !isScalar(vars[0].shape)) this.noteSubgradients(g);
      return g;
    }
    if (order === 2) return hessian(body, vars);
    throw mathError(`∇ of order ${order} is not supported; use ∇ or ∇²`);
  }

  /**
   * ∇f(1, 2), ∇²f(1, 2): f's gradient (Hessian) at that point, not that of the number f(1, 2) (which
   * was [], silently). Arguments with symbols keep the chain rule: ∇f(2x, y) differentiates f(2x, y).
   */
  private gradientAtPoint(arg: Expr, order: number, wrt: string[]): Node | null {
    if (arg.kind !== "call" || arg.primes > 0 || wrt.length > 0 || order > 2) return null;
    const fn = this.env.functions.get(arg.callee);
    if (!fn || fn.params.length !== arg.args.length) return null;
    const point = arg.args.map((a) => this.expr(a));
    if (point.some((p, i) => freeSymbols(p).length > 0 || !sameShape(p.shape, fn.params[i].shape))) return null;
    const at = order === 1 ? gradient(fn.body, fn.params) : hessian(fn.body, fn.params);
    return substitute(at, new Map(fn.params.map((p, i) => [p as Node, point[i]])));
  }

  bigop(e: Extract<Expr, { kind: "bigop" }>): Node {
    if (e.index === null) throw mathError("Σ needs an index, as in Σ_{i=1}^{n}");
    const index = sym(e.index);
    // The bounds are read outside the index's scope: Σ_{i=1}^{i} is up to the i of the session.
    const from = e.from ? this.expr(e.from) : ONE;
    const to = e.to ? this.expr(e.to) : sym("n");
    this.env.boundIndices.push(e.index);
    try {
      const body = this.expr(e.body);
      return expandBigop(e.op, index, from, to, body);
    } finally {
      this.env.boundIndices.pop();
    }
  }

  index(target: Node, indices: (Node | "all")[]): Node {
    // A command's result (solve, critical, lagrange, gd) indexes as the list of its points.
    const items = resultItems(target);
    if (items) {
      const [first, ...rest] = indices;
      if (first === "all" || first.kind !== "num" || !first.value.isInteger())
        throw mathError("pick one item of the result by its number: sol[1] (indices start at 1)");
      const k = Number(first.value.num);
      if (k < 1 || k > items.length) throw shapeError(`index ${k} is out of range 1..${items.length}`);
      return rest.length ? this.index(items[k - 1], rest) : items[k - 1];
    }
    if (target.kind !== "tensor")
      throw shapeError(`cannot index a ${showShape(target.shape)}${target.kind === "sym" ? " symbol" : ""}`);
    const shape = target.shape;
    if (indices.length !== shape.length) {
      throw shapeError(
        `a ${showShape(shape)} takes ${shape.length} ind${shape.length === 1 ? "ex" : "ices"}, not ${indices.length}`,
      );
    }
    const picks = indices.map((i, axis) => {
      if (i === "all") return Array.from({ length: shape[axis] }, (_, k) => k);
      if (i.kind !== "num" || !i.value.isInteger())
        throw mathError("an index must be a whole number (indices start at 1)");
      const k = Number(i.value.num);
      if (k < 1 || k > shape[axis]) throw shapeError(`index ${k} is out of range 1..${shape[axis]}`);
      return [k - 1];
    });
    const strides = shape.map((_, axis) => shape.slice(axis + 1).reduce((p, d) => p * d, 1));
    const entries: Node[] = [];
    const walk = (axis: number, offset: number) => {
      if (axis === shape.length) return void entries.push(target.entries[offset]);
      for (const k of picks[axis]) walk(axis + 1, offset + k * strides[axis]);
    };
    walk(0, 0);
    const kept = picks.map((p, axis) => (indices[axis] === "all" ? p.length : 0)).filter((d) => d > 0);
    return kept.length === 0 ? entries[0] : tensor(kept, entries);
  }

  matrix(rows: Node[][]): Node {
    const width = rows[0].length;
    rows.forEach((row, i) => {
      if (row.length !== width)
        throw shapeError(
          `row ${i + 1} of the matrix has ${row.length} ${row.length === 1 ? "entry" : "entries"} but row 1 has ${width}`,
        );
    });
    const all = rows.flat();
    if (all.every((x) => isScalar(x.shape))) {
      // [1, 3, 5] and [1; 3; 5] are the same vector (a column); a matrix has two columns or more.
      return rows.length === 1 || width === 1 ? tensor([all.length], all) : tensor([rows.length, width], all);
    }
    // [[1, 2], [3, 4]] and [A, B]: stacking arrays of one shape adds an axis.
    if (rows.length === 1 && all.every((x) => x.kind === "tensor" && x.shape.join() === all[0].shape.join())) {
      const inner = all[0].shape as number[];
      const stacked = all.flatMap((x) => (x as { entries: readonly Node[] }).entries);
      const shape = inner.length === 1 ? [all.length, inner[0]] : [all.length, ...inner];
      return tensor(shape, stacked);
    }
    throw shapeError("matrix entries must be numbers or expressions, or arrays of one shape to stack");
  }
}

/** The binary operators of one precedence level, as the grammar has them (Additive, Term). */
const ADDITIVE_OPS: ReadonlySet<string> = new Set(["+", "-"]);
const MULTIPLICATIVE_OPS: ReadonlySet<string> = new Set(["*", "/", "·", "⊙", "⊗"]);

/** A held value as an error shows it: an array by its shape, a scalar printed. */
export function heldText(held: Node): string {
  return held.shape.length ? `a ${showShape(held.shape)}` : toPretty(held);
}

/** A network or layer is applied (net(x)) or trained, never an operand of arithmetic. */
function refuseNetworkOperand(a: Node, b: Node): void {
  const held = isNetworkNode(a) ? a : isNetworkNode(b) ? b : null;
  if (held)
    throw mathError(
      `a ${held.kind === "record" ? held.tag : "network"} is not a number to compute with: apply it to an input, net(x), or train it`,
    );
}

function normKind(p: string): Node {
  if (isDigits(p)) return num(Rational.parseDecimal(p));
  return str(p === "inf" ? "∞" : p);
}
