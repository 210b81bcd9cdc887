// Calculus commands: derivatives by name (diff, grad, hessian, jacobian), Taylor polynomials, and
// sums and products over an index (the index is bound while the body is built).
import { mathError } from "../../errors.js";
import { addAll, apply, mulAll, sym } from "../../graph/construct.js";
import { freeSymbols } from "../../graph/traverse.js";
import { expandBigop } from "../bigops.js";
import { differentiate, gradient, hessian, jacobian } from "../differentiate.js";
import { taylor } from "../series.js";
import { bodyOf, pointArg, variablesFor, wholeNumber } from "./args.js";
import type { CommandEntry } from "./entry.js";

function bigCommand(op: "sum" | "prod"): CommandEntry["run"] {
  return ({ args }, ev) => {
    if (args.length === 1) {
      const v = ev.expr(args[0]);
      if (op === "sum" && v.kind !== "tensor" && v.shape.length > 0) return apply("sum", [v]);
      if (v.kind !== "tensor") throw mathError(`${op} of one argument needs an array`);
      return op === "sum" ? addAll(v.entries) : mulAll(v.entries);
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

export const CALCULUS: CommandEntry[] = [
  {
    name: "diff",
    arity: [1, Infinity],
    help: {
      syntax: "diff(f, x), diff(f, x, y), diff(f, x, k)",
      description: "Partial derivatives, in order; a number after a variable repeats it.",
      examples: ["diff(x^2 y, x)", "diff(x^3, x, 2)"],
    },
    run: ({ args }, ev) => {
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
    },
  },
  {
    name: "grad",
    arity: [1, Infinity],
    help: {
      syntax: "∇f, ∇(expr), grad(f), grad(f, [x, y])",
      description:
        "The gradient: a function's parameters in order, or an expression's symbols in order of appearance, or the variables given.",
      examples: ["∇(x^2 + y^2)", "grad(x^2 y, [y, x])"],
    },
    run: ({ args }, ev) => {
      const { body, params } = bodyOf(ev, args[0]);
      return gradient(body, variablesFor(ev, args, body, params, "grad"));
    },
  },
  {
    name: "hessian",
    arity: [1, 2],
    help: {
      syntax: "∇²f, hessian(expr), hessian(expr, [x, y])",
      description: "The matrix of second partial derivatives.",
      examples: ["hessian(x^3 + y^3)"],
    },
    run: ({ args }, ev) => {
      const { body, params } = bodyOf(ev, args[0]);
      return hessian(body, variablesFor(ev, args, body, params, "hessian"));
    },
  },
  {
    name: "jacobian",
    arity: [1, 2],
    help: {
      syntax: "jacobian([f, g], [x, y])",
      description: "The matrix of first partials of a vector function.",
      examples: ["jacobian([x y, x + y], [x, y])"],
    },
    run: ({ args }, ev) => {
      const f = ev.expr(args[0]);
      const exprs = f.kind === "tensor" ? [...f.entries] : [f];
      const vars = variablesFor(ev, args, f, null, "jacobian");
      return jacobian(exprs, vars);
    },
  },
  {
    name: "taylor",
    arity: [2, 3],
    relations: { kind: "point", places: [1, 1] },
    help: {
      syntax: "taylor(f, x = a, k), taylor(f, [x, y] = [a, b], k)",
      description: "The Taylor polynomial of order k (2 when omitted) about a point.",
      examples: ["taylor(exp(x), x = 0, 3)", "taylor(sin(x) cos(y), [x, y] = [0, 0], 2)"],
    },
    run: ({ args }, ev) => {
      const { body } = bodyOf(ev, args[0]);
      const { vars, at } = pointArg(ev, args[1], "taylor");
      return taylor(body, vars, at, wholeNumber(ev, args[2], 2, "the order"));
    },
  },
  {
    name: "sum",
    arity: [1, 2],
    relations: { kind: "range", places: [1, 1] },
    help: {
      syntax: "Σ_{i=1}^{n} body, sum(body, i = 1..n), sum(v)",
      description: "A sum over an index (expanded for number bounds), or of a vector's entries.",
      examples: ["sum(i^2, i = 1..4)", "Σ_{k=1}^{3} k"],
    },
    run: bigCommand("sum"),
  },
  {
    name: "prod",
    arity: [1, 2],
    relations: { kind: "range", places: [1, 1] },
    help: {
      syntax: "∏_{i=1}^{n} body, prod(body, i = 1..n)",
      description: "A product over an index.",
      examples: ["prod(k, k = 1..5)"],
    },
    run: bigCommand("prod"),
  },
];
