// Activation functions of neural networks and the max/min/softmax family.
import * as adjoints from "../../numeric/float-adjoints.js";
import * as kernels from "../../numeric/float-kernels.js";
import { Rational } from "../../numeric/rational.js";
import { DECIMAL } from "../../numeric/decimal-kernels.js";
import {
  ONE,
  add,
  addAll,
  constant,
  div,
  float,
  isNumber,
  mul,
  num,
  pow,
  sub,
  tensor,
  toFloat,
} from "../primitives.js";
import type { Node } from "../node.js";
import { shapeError } from "../../errors.js";
import { isScalar, showShape } from "../shape.js";
import type { Build, OperatorEntry } from "./entry.js";
import { scalarFunction } from "./scalar-function.js";

const sigmoidFloat = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

function numbersOf(args: readonly Node[]): number[] | null {
  return args.every(isNumber) ? args.map((a) => toFloat(a as never)) : null;
}

/** ∂max/∂aᵢ is the step of aᵢ over every other argument (ties go to the first). */
function extremumPartials({ apply }: Build, name: "max" | "min", args: readonly Node[]): Node[] {
  return args.map((a, i) => {
    const others = args.filter((_, j) => j !== i);
    const rival = others.length === 1 ? others[0] : apply(name, others);
    return apply("step", [name === "max" ? sub(a, rival) : sub(rival, a)]);
  });
}

/** max and min over their arguments, or over the entries of one array. */
function extremum(build: Build, name: "max" | "min", pick: (a: Rational, b: Rational) => boolean): OperatorEntry {
  const { apply } = build;
  return {
    name,
    breaks: "kink",
    arity: [1, 64],
    fold: (args) => {
      const items = args.length === 1 && args[0].kind === "tensor" ? args[0].entries : args;
      // max(v) of a symbolic array stays whole (its largest entry), it is not v.
      if (items.length === 1) return isScalar(items[0].shape) ? items[0] : undefined;
      if (items.every((a) => a.kind === "num")) {
        return items.reduce((best, a) =>
          pick((a as { value: Rational }).value, (best as { value: Rational }).value) ? a : best,
        );
      }
      const floats = numbersOf(items);
      if (floats)
        return float(
          name === "max"
            ? floats.reduce((m, v) => Math.max(m, v), -Infinity)
            : floats.reduce((m, v) => Math.min(m, v), Infinity),
        );
      return items === args ? undefined : apply(name, items);
    },
    float: name === "max" ? Math.max : Math.min,
    // The largest entry of one array: its gradient is 1 there, 0 elsewhere, where that entry is unique.
    adjoint: (n, bar) => {
      const [v] = n.args;
      if (n.args.length === 1 && !isScalar(v.shape))
        return [mul(bar, apply("step", [name === "max" ? sub(v, n) : sub(n, v)]))];
      return extremumPartials(build, name, n.args).map((p) => mul(bar, p));
    },
    latex: (args) => `\\${name}\\left(${args.join(", ")}\\right)`,
    partials: (args) => extremumPartials(build, name, args),
    help: {
      syntax: `${name}(a, b, …), ${name}(v)`,
      description: `The ${name === "max" ? "largest" : "smallest"} of its arguments or of a vector's entries.`,
      examples: [`${name}(3, 1/2, 2)`, `${name}([4, 7, 1])`],
    },
  };
}

function vectorArgument(name: string, x: Node): void {
  if (x.shape.length !== 1) throw shapeError(`${name} needs a vector, not a ${showShape(x.shape)}`);
}

export function activationRows(build: Build): OperatorEntry[] {
  const { apply } = build;
  const sigmoid = (x: Node) => apply("sigmoid", [x]);
  return [
    scalarFunction(build, {
      name: "sigmoid",
      sign: "positive",
      turnsAtZero: true,
      aliases: ["σ"],
      float: sigmoidFloat,
      decimal: DECIMAL.sigmoid,
      exact: (q) => (q.isZero() ? num(Rational.of(1, 2)) : undefined),
      // σ(log q) = q/(1 + q) for a positive rational q: a zero of σ(u) − c (u = log(c/(1 − c))) built as 0.
      simplify: (x) =>
        x.kind === "apply" && x.op === "log" && x.args[0].kind === "num" && x.args[0].value.sign() > 0
          ? num(x.args[0].value.div(x.args[0].value.add(Rational.ONE)))
          : undefined,
      derivative: (x) => mul(sigmoid(x), sub(ONE, sigmoid(x))),
      latex: (x) => `\\sigma\\left(${x}\\right)`,
      unicode: (x) => `σ(${x})`,
      help: {
        syntax: "sigmoid(x), σ(x)",
        description: "The logistic function 1/(1 + e⁻ˣ); its derivative is σ(x)(1 − σ(x)).",
        examples: ["σ(0)", "d/dx σ(x)"],
      },
    }),
    scalarFunction(build, {
      name: "relu",
      breaks: "kink",
      sign: "nonnegative",
      float: (x) => Math.max(0, x),
      decimal: DECIMAL.relu,
      exact: (q) => num(q.sign() > 0 ? q : Rational.ZERO),
      derivative: (x) => apply("step", [x]),
      latex: (x) => `\\operatorname{ReLU}\\left(${x}\\right)`,
      help: {
        syntax: "relu(x)",
        description: "The rectified linear unit max(0, x); its derivative is step(x): 1 for x > 0, 0 for x < 0.",
        examples: ["relu(-2)", "relu(3)", "d/dx relu(x)"],
      },
    }),
    {
      name: "leaky_relu",
      breaks: "kink",
      arity: [1, 2],
      shape: ([x]) => x,
      fold: ([x, alpha]) => {
        const a = alpha ?? num(Rational.of(1, 100));
        if (x.kind === "tensor")
          return tensor(
            x.shape,
            x.entries.map((e) => apply("leaky_relu", [e, a])),
          );
        if (x.kind === "num" && a.kind === "num") return x.value.sign() > 0 ? x : mul(a, x);
        const floats = numbersOf([x, a]);
        if (floats) return float(floats[0] > 0 ? floats[0] : floats[1] * floats[0]);
        return alpha ? undefined : apply("leaky_relu", [x, a]);
      },
      float: (x, a) => (x > 0 ? x : a * x),
      partials: ([x, a]) => [
        add(apply("step", [x]), mul(a, sub(ONE, apply("step", [x])))),
        mul(x, sub(ONE, apply("step", [x]))),
      ],
      help: {
        syntax: "leaky_relu(x, α)",
        description: "x for x > 0, αx otherwise (α defaults to 0.01); its derivative is 1 or α.",
        examples: ["leaky_relu(-2, 0.1)", "d/dx leaky_relu(x, 0.1)"],
      },
    },
    scalarFunction(build, {
      name: "hardtanh",
      breaks: "kink",
      float: (x) => Math.max(-1, Math.min(1, x)),
      decimal: DECIMAL.hardtanh,
      exact: (q) =>
        num(q.compare(Rational.ONE) > 0 ? Rational.ONE : q.compare(Rational.MINUS_ONE) < 0 ? Rational.MINUS_ONE : q),
      derivative: (x) => mul(apply("step", [add(x, ONE)]), apply("step", [sub(ONE, x)])),
      latex: (x) => `\\operatorname{hardtanh}\\left(${x}\\right)`,
      help: {
        syntax: "hardtanh(x)",
        description: "x clipped to [−1, 1]; its derivative is 1 inside, 0 outside.",
        examples: ["hardtanh(3)", "d/dx hardtanh(x)"],
      },
    }),
    scalarFunction(build, {
      name: "softplus",
      sign: "positive",
      turnsAtZero: true,
      float: (x) => (x > 30 ? x : Math.log1p(Math.exp(x))),
      decimal: DECIMAL.softplus,
      simplify: () => undefined,
      derivative: (x) => sigmoid(x),
      latex: (x) => `\\operatorname{softplus}\\left(${x}\\right)`,
      help: {
        syntax: "softplus(x)",
        description: "ln(1 + eˣ), a smooth relu; its derivative is σ(x).",
        examples: ["softplus(0)", "d/dx softplus(x)"],
      },
    }),
    extremum(build, "max", (a, b) => a.compare(b) > 0),
    extremum(build, "min", (a, b) => a.compare(b) < 0),
    {
      name: "softmax",
      vjp: adjoints.softmax,
      // ds = (diag(s) − s sᵀ) dz, a symmetric Jacobian: z̄ = s ⊙ (s̄ − sᵀs̄).
      adjoint: (n, bar) => [mul(n, sub(bar, apply("matmul", [apply("transpose", [n]), bar])))],
      jacobian: (n) => [sub(apply("diag", [n]), apply("matmul", [n, apply("transpose", [n])]))],
      array: ([x]) => kernels.softmax(x),
      arity: [1, 1],
      shape: ([x]) => {
        if (x.length !== 1) throw shapeError(`softmax needs a vector, not a ${showShape(x)}`);
        return x;
      },
      fold: ([x]) => {
        vectorArgument("softmax", x);
        if (x.kind !== "tensor") return undefined;
        const floats = numbersOf(x.entries);
        if (floats && x.entries.some((e) => e.kind === "float")) {
          const top = floats.reduce((m, v) => Math.max(m, v), -Infinity);
          const exps = floats.map((v) => Math.exp(v - top));
          const total = exps.reduce((s, v) => s + v, 0);
          return tensor(
            x.shape,
            exps.map((v) => float(v / total)),
          );
        }
        const exps = x.entries.map((e) => pow(constant("e"), e));
        const total = addAll(exps);
        return tensor(
          x.shape,
          exps.map((e) => div(e, total)),
        );
      },
      help: {
        syntax: "softmax(z)",
        description: "The vector e^{z_k} / Σ_j e^{z_j}: probabilities over classes. Its Jacobian is s_k(δ_kj − s_j).",
        examples: ["softmax([0, 0])", "N(softmax([2, 1, 0.1]))"],
      },
    },
    {
      name: "logsumexp",
      vjp: adjoints.logsumexp,
      adjoint: ({ args: [a] }, bar) => [mul(bar, apply("softmax", [a]))],
      array: ([x]) => kernels.logsumexp(x),
      arity: [1, 1],
      shape: () => [],
      fold: ([x]) => {
        vectorArgument("logsumexp", x);
        if (x.kind !== "tensor") return undefined;
        const floats = numbersOf(x.entries);
        if (floats && x.entries.some((e) => e.kind === "float")) {
          const top = floats.reduce((m, v) => Math.max(m, v), -Infinity);
          return float(top + Math.log(floats.reduce((s, v) => s + Math.exp(v - top), 0)));
        }
        return apply("log", [addAll(x.entries.map((e) => pow(constant("e"), e)))]);
      },
      help: {
        syntax: "logsumexp(z)",
        description: "ln Σ_j e^{z_j}, computed stably; its gradient is softmax(z).",
        examples: ["logsumexp([0, 0])"],
      },
    },
  ];
}
