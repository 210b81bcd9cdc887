// Elementary functions: exp, log, roots, trigonometric and hyperbolic functions, abs, sign, step.
import type { Rational } from "../../numeric/rational.js";
import { HALF, MINUS_ONE, ONE, ZERO, add, apply, constant, div, int, neg, num, pow, sub, tensor } from "../construct.js";
import type { Node } from "../node.js";
import { isScalar } from "../shape.js";
import type { OperatorEntry } from "./entry.js";
import { scalarFunction } from "./scalar-function.js";

// Lazy: entries are built while construct.ts may still be loading, so constants are read at call time.
const atZero = (value: () => Node) => (q: Rational) => (q.isZero() ? value() : undefined);

export const ELEMENTARY: OperatorEntry[] = [
  {
    name: "exp",
    arity: [1, 1],
    shape: ([x]) => x,
    // eˣ for a scalar; on a symbolic array exp stays an entrywise function, like σ.
    fold: ([x]) => {
      if (x.kind === "tensor") return tensor(x.shape, x.entries.map((e) => pow(constant("e"), e)));
      return isScalar(x.shape) ? pow(constant("e"), x) : undefined;
    },
    float: Math.exp,
    partials: ([x]) => [apply("exp", [x])],
    help: { syntax: "exp(x)", description: "The exponential function eˣ.", examples: ["exp(0)", "d/dx exp(2x)"] },
  },
  scalarFunction({
    name: "log",
    aliases: ["ln"],
    float: Math.log,
    exact: (q) => (q.isOne() ? ZERO : undefined),
    simplify: (x) => {
      if (x.kind === "const" && x.name === "e") return ONE;
      if (x.kind === "pow" && x.base.kind === "const" && x.base.name === "e") return x.exp;
      return undefined;
    },
    derivative: (x) => pow(x, MINUS_ONE),
    latex: (x) => `\\ln\\left(${x}\\right)`,
    help: { syntax: "log(x), ln(x)", description: "The natural logarithm.", examples: ["log(1)", "d/dx log(x^2)"] },
  }),
  {
    name: "sqrt",
    arity: [1, 1],
    shape: ([x]) => x,
    fold: ([x]) => (x.kind === "tensor" ? tensor(x.shape, x.entries.map((e) => pow(e, HALF))) : pow(x, HALF)),
    float: Math.sqrt,
    partials: ([x]) => [div(HALF, pow(x, HALF))],
    help: { syntax: "sqrt(x), √x", description: "The square root; exact for rationals (√12 = 2√3).", examples: ["sqrt(12)", "sqrt(30)"] },
  },
  scalarFunction({
    name: "sin",
    float: Math.sin,
    exact: atZero(() => ZERO),
    derivative: (x) => apply("cos", [x]),
    help: { syntax: "sin(x)", description: "The sine.", examples: ["d/dx sin(x^2)"] },
  }),
  scalarFunction({
    name: "cos",
    float: Math.cos,
    exact: atZero(() => ONE),
    derivative: (x) => neg(apply("sin", [x])),
    help: { syntax: "cos(x)", description: "The cosine.", examples: ["cos(0)", "d/dx cos(x)"] },
  }),
  scalarFunction({
    name: "tan",
    float: Math.tan,
    exact: atZero(() => ZERO),
    derivative: (x) => add(ONE, pow(apply("tan", [x]), int(2))),
    help: { syntax: "tan(x)", description: "The tangent.", examples: ["d/dx tan(x)"] },
  }),
  scalarFunction({
    name: "sinh",
    float: Math.sinh,
    exact: atZero(() => ZERO),
    derivative: (x) => apply("cosh", [x]),
    help: { syntax: "sinh(x)", description: "The hyperbolic sine.", examples: ["d/dx sinh(x)"] },
  }),
  scalarFunction({
    name: "cosh",
    float: Math.cosh,
    exact: atZero(() => ONE),
    derivative: (x) => apply("sinh", [x]),
    help: { syntax: "cosh(x)", description: "The hyperbolic cosine.", examples: ["d/dx cosh(x)"] },
  }),
  scalarFunction({
    name: "tanh",
    float: Math.tanh,
    exact: atZero(() => ZERO),
    derivative: (x) => sub(ONE, pow(apply("tanh", [x]), int(2))),
    help: {
      syntax: "tanh(x)",
      description: "The hyperbolic tangent, an activation with outputs in (−1, 1); its derivative is 1 − tanh²(x).",
      examples: ["tanh(0)", "d/dx tanh(x)"],
    },
  }),
  {
    ...scalarFunction({
      name: "abs",
      float: Math.abs,
      exact: (q) => num(q.abs()),
      simplify: (x) => (x.kind === "apply" && x.op === "abs" ? x : undefined),
      derivative: (x) => apply("sign", [x]),
      latex: (x) => `\\left|${x}\\right|`,
      help: { syntax: "abs(x), |x|", description: "The absolute value; its derivative is sign(x) (undefined at 0).", examples: ["|-3|", "d/dx abs(x)"] },
    }),
    delimited: true,
  },
  scalarFunction({
    name: "sign",
    float: Math.sign,
    exact: (q) => int(q.sign()),
    derivative: () => ZERO,
    latex: (x) => `\\operatorname{sign}\\left(${x}\\right)`,
    help: { syntax: "sign(x)", description: "−1, 0 or 1 by the sign of x.", examples: ["sign(-2)"] },
  }),
  scalarFunction({
    name: "step",
    aliases: ["heaviside"],
    float: (x) => (x > 0 ? 1 : 0),
    exact: (q) => (q.sign() > 0 ? ONE : ZERO),
    derivative: () => ZERO,
    latex: (x) => `\\operatorname{step}\\left(${x}\\right)`,
    help: {
      syntax: "step(x)",
      description: "The unit step: 1 for x > 0, else 0. It is the perceptron's activation and relu's derivative.",
      examples: ["step(2)", "step(-1)"],
    },
  }),
];
