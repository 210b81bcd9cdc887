// Elementary functions: exp, log, roots, trigonometric and hyperbolic functions and their inverses,
// abs, sign, step.
import { Rational } from "../../numeric/rational.js";
import { DECIMAL } from "../../numeric/decimal-kernels.js";
import {
  HALF,
  MINUS_ONE,
  ONE,
  ZERO,
  add,
  constant,
  div,
  float,
  int,
  isNumber,
  mul,
  neg,
  num,
  pow,
  sub,
  tensor,
  toFloat,
} from "../primitives.js";
import type { Node } from "../node.js";
import { isScalar } from "../shape.js";
import type { Build, OperatorEntry } from "./entry.js";
import { scalarFunction } from "./scalar-function.js";
import { cosOfPiTimes, piMultiple, sinOfPiTimes } from "../pi-angles.js";

const atZero = (value: Node) => (q: Rational) => (q.isZero() ? value : undefined);

/**
 * The exact values of an inverse function at rational points: atan(1) = π/4. Made when asked: the
 * table is built as it is imported, and a row makes no nodes until it is used.
 */
const specialValues = (table: () => [Rational, Node][]) => (q: Rational) => table().find(([at]) => at.equals(q))?.[1];
const piTimes = (n: number, d: number) => mul(num(Rational.of(n, d)), constant("π"));
/** 1/√(a), the derivative of asin and its kind. */
const overRoot = (radicand: Node) => pow(radicand, num(Rational.of(-1, 2)));
const squared = (x: Node) => pow(x, int(2));
const operatorName = (name: string) => (x: string) => `\\operatorname{${name}}\\left(${x}\\right)`;
const latexFunction = (command: string) => (x: string) => `\\${command}\\left(${x}\\right)`;

export function elementaryRows(build: Build): OperatorEntry[] {
  const { apply } = build;
  return [
    {
      name: "exp",
      sign: "positive",
      arity: [1, 1],
      shape: ([x]) => x,
      // eˣ for a scalar; on a symbolic array exp stays an entrywise function, like σ.
      fold: ([x]) => {
        if (x.kind === "tensor")
          return tensor(
            x.shape,
            x.entries.map((e) => pow(constant("e"), e)),
          );
        return isScalar(x.shape) ? pow(constant("e"), x) : undefined;
      },
      float: Math.exp,
      decimal: DECIMAL.exp,
      partials: ([x]) => [apply("exp", [x])],
      latex: ([x]) => latexFunction("exp")(x),
      help: { syntax: "exp(x)", description: "The exponential function eˣ.", examples: ["exp(0)", "d/dx exp(2x)"] },
    },
    scalarFunction(build, {
      name: "log",
      aliases: ["ln"],
      float: Math.log,
      decimal: DECIMAL.log,
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
      fold: ([x]) =>
        x.kind === "tensor"
          ? tensor(
              x.shape,
              x.entries.map((e) => pow(e, HALF)),
            )
          : pow(x, HALF),
      float: Math.sqrt,
      decimal: DECIMAL.sqrt,
      partials: ([x]) => [div(HALF, pow(x, HALF))],
      help: {
        syntax: "sqrt(x), √x",
        description: "The square root; exact for rationals (√12 = 2√3).",
        examples: ["sqrt(12)", "sqrt(30)"],
      },
    },
    scalarFunction(build, {
      name: "sin",
      float: Math.sin,
      decimal: DECIMAL.sin,
      latex: latexFunction("sin"),
      exact: atZero(ZERO),
      simplify: (x) => {
        const q = piMultiple(x);
        return q ? sinOfPiTimes(q) : undoing("asin", x);
      },
      derivative: (x) => apply("cos", [x]),
      help: { syntax: "sin(x)", description: "The sine.", examples: ["d/dx sin(x^2)"] },
    }),
    scalarFunction(build, {
      name: "cos",
      float: Math.cos,
      decimal: DECIMAL.cos,
      latex: latexFunction("cos"),
      exact: atZero(ONE),
      simplify: (x) => {
        const q = piMultiple(x);
        return q ? cosOfPiTimes(q) : undoing("acos", x);
      },
      derivative: (x) => neg(apply("sin", [x])),
      help: { syntax: "cos(x)", description: "The cosine.", examples: ["cos(0)", "d/dx cos(x)"] },
    }),
    scalarFunction(build, {
      name: "tan",
      float: Math.tan,
      decimal: DECIMAL.tan,
      latex: latexFunction("tan"),
      exact: atZero(ZERO),
      simplify: (x) => undoing("atan", x),
      derivative: (x) => add(ONE, pow(apply("tan", [x]), int(2))),
      help: { syntax: "tan(x)", description: "The tangent.", examples: ["d/dx tan(x)"] },
    }),
    scalarFunction(build, {
      name: "sinh",
      turnsAtZero: true,
      float: Math.sinh,
      decimal: DECIMAL.sinh,
      latex: latexFunction("sinh"),
      exact: atZero(ZERO),
      simplify: (x) => undoing("asinh", x),
      derivative: (x) => apply("cosh", [x]),
      help: { syntax: "sinh(x)", description: "The hyperbolic sine.", examples: ["d/dx sinh(x)"] },
    }),
    scalarFunction(build, {
      name: "cosh",
      sign: "positive",
      turnsAtZero: true,
      float: Math.cosh,
      decimal: DECIMAL.cosh,
      latex: latexFunction("cosh"),
      exact: atZero(ONE),
      derivative: (x) => apply("sinh", [x]),
      help: { syntax: "cosh(x)", description: "The hyperbolic cosine.", examples: ["d/dx cosh(x)"] },
    }),
    scalarFunction(build, {
      name: "tanh",
      turnsAtZero: true,
      float: Math.tanh,
      decimal: DECIMAL.tanh,
      latex: latexFunction("tanh"),
      exact: atZero(ZERO),
      simplify: (x) => undoing("atanh", x),
      derivative: (x) => sub(ONE, pow(apply("tanh", [x]), int(2))),
      help: {
        syntax: "tanh(x)",
        description: "The hyperbolic tangent, an activation with outputs in (−1, 1); its derivative is 1 − tanh²(x).",
        examples: ["tanh(0)", "d/dx tanh(x)"],
      },
    }),
    scalarFunction(build, {
      name: "sec",
      float: (x) => 1 / Math.cos(x),
      decimal: DECIMAL.sec,
      exact: atZero(ONE),
      derivative: (x) => mul(apply("sec", [x]), apply("tan", [x])),
      latex: latexFunction("sec"),
      help: {
        syntax: "sec(x)",
        description: "The secant 1/cos(x); its derivative is sec(x) tan(x).",
        examples: ["sec(0)", "d/dx sec(x)"],
      },
    }),
    scalarFunction(build, {
      name: "csc",
      float: (x) => 1 / Math.sin(x),
      decimal: DECIMAL.csc,
      derivative: (x) => neg(mul(apply("csc", [x]), apply("cot", [x]))),
      latex: latexFunction("csc"),
      help: {
        syntax: "csc(x)",
        description: "The cosecant 1/sin(x); its derivative is −csc(x) cot(x).",
        examples: ["d/dx csc(x)"],
      },
    }),
    scalarFunction(build, {
      name: "cot",
      float: (x) => Math.cos(x) / Math.sin(x),
      decimal: DECIMAL.cot,
      derivative: (x) => neg(add(ONE, squared(apply("cot", [x])))),
      latex: latexFunction("cot"),
      help: {
        syntax: "cot(x)",
        description: "The cotangent cos(x)/sin(x); its derivative is −(1 + cot²(x)).",
        examples: ["d/dx cot(x)"],
      },
    }),
    scalarFunction(build, {
      name: "asin",
      aliases: ["arcsin"],
      float: Math.asin,
      decimal: DECIMAL.asin,
      exact: specialValues(() => [
        [Rational.ZERO, ZERO],
        [Rational.ONE, piTimes(1, 2)],
        [Rational.MINUS_ONE, piTimes(-1, 2)],
        [Rational.of(1, 2), piTimes(1, 6)],
        [Rational.of(-1, 2), piTimes(-1, 6)],
      ]),
      derivative: (x) => overRoot(sub(ONE, squared(x))),
      latex: latexFunction("arcsin"),
      help: {
        syntax: "asin(x), arcsin(x)",
        description: "The inverse sine, with values in [−π/2, π/2]; its derivative is 1/√(1 − x²).",
        examples: ["asin(1)", "d/dx asin(x)"],
      },
    }),
    scalarFunction(build, {
      name: "acos",
      aliases: ["arccos"],
      float: Math.acos,
      decimal: DECIMAL.acos,
      exact: specialValues(() => [
        [Rational.ONE, ZERO],
        [Rational.ZERO, piTimes(1, 2)],
        [Rational.MINUS_ONE, constant("π")],
        [Rational.of(1, 2), piTimes(1, 3)],
        [Rational.of(-1, 2), piTimes(2, 3)],
      ]),
      derivative: (x) => neg(overRoot(sub(ONE, squared(x)))),
      latex: latexFunction("arccos"),
      help: {
        syntax: "acos(x), arccos(x)",
        description: "The inverse cosine, with values in [0, π]; its derivative is −1/√(1 − x²).",
        examples: ["acos(0)", "d/dx acos(x)"],
      },
    }),
    scalarFunction(build, {
      name: "atan",
      turnsAtZero: true,
      aliases: ["arctan"],
      float: Math.atan,
      decimal: DECIMAL.atan,
      exact: specialValues(() => [
        [Rational.ZERO, ZERO],
        [Rational.ONE, piTimes(1, 4)],
        [Rational.MINUS_ONE, piTimes(-1, 4)],
      ]),
      derivative: (x) => pow(add(ONE, squared(x)), MINUS_ONE),
      latex: latexFunction("arctan"),
      help: {
        syntax: "atan(x), arctan(x)",
        description: "The inverse tangent, with values in (−π/2, π/2); its derivative is 1/(1 + x²).",
        examples: ["atan(1)", "d/dx atan(x)"],
      },
    }),
    {
      name: "atan2",
      arity: [2, 2],
      shape: ([y, x]) => (y.length ? y : x),
      fold: ([y, x]) => {
        if (y.kind === "tensor" && x.kind === "tensor" && y.entries.length === x.entries.length)
          return tensor(
            y.shape,
            y.entries.map((e, i) => apply("atan2", [e, x.entries[i]])),
          );
        if (!isNumber(y) || !isNumber(x)) return undefined;
        if (y.kind === "num" && x.kind === "num") {
          // On the axes and the diagonals the angle is exact; elsewhere it stays atan2(y, x).
          const [sy, sx] = [y.value.sign(), x.value.sign()];
          if (sy === 0 && sx > 0) return ZERO;
          if (sy === 0 && sx < 0) return constant("π");
          if (sx === 0 && sy !== 0) return piTimes(sy, 2);
          if (sy !== 0 && y.value.abs().equals(x.value.abs())) return piTimes(sy * (sx > 0 ? 1 : 3), 4);
          return undefined;
        }
        return float(Math.atan2(toFloat(y), toFloat(x)));
      },
      float: Math.atan2,
      partials: ([y, x]) => {
        const r2 = add(squared(x), squared(y));
        return [div(x, r2), neg(div(y, r2))];
      },
      latex: ([y, x]) => `\\operatorname{atan2}\\left(${y}, ${x}\\right)`,
      help: {
        syntax: "atan2(y, x)",
        description:
          "The angle of the point (x, y) from the positive x-axis, in (−π, π]; its partials are x/(x² + y²) and −y/(x² + y²).",
        examples: ["atan2(1, -1)", "∇(atan2(y, x))"],
      },
    },
    scalarFunction(build, {
      name: "asinh",
      turnsAtZero: true,
      aliases: ["arsinh", "arcsinh"],
      float: Math.asinh,
      decimal: DECIMAL.asinh,
      exact: atZero(ZERO),
      derivative: (x) => overRoot(add(squared(x), ONE)),
      latex: operatorName("arsinh"),
      help: {
        syntax: "asinh(x), arsinh(x)",
        description: "The inverse hyperbolic sine ln(x + √(x² + 1)); its derivative is 1/√(x² + 1).",
        examples: ["asinh(0)", "d/dx asinh(x)"],
      },
    }),
    scalarFunction(build, {
      name: "acosh",
      aliases: ["arcosh", "arccosh"],
      float: Math.acosh,
      decimal: DECIMAL.acosh,
      exact: (q) => (q.isOne() ? ZERO : undefined),
      derivative: (x) => overRoot(sub(squared(x), ONE)),
      latex: operatorName("arcosh"),
      help: {
        syntax: "acosh(x), arcosh(x)",
        description: "The inverse hyperbolic cosine, for x ≥ 1; its derivative is 1/√(x² − 1).",
        examples: ["acosh(1)", "d/dx acosh(x)"],
      },
    }),
    scalarFunction(build, {
      name: "atanh",
      aliases: ["artanh", "arctanh"],
      float: Math.atanh,
      decimal: DECIMAL.atanh,
      exact: atZero(ZERO),
      derivative: (x) => pow(sub(ONE, squared(x)), MINUS_ONE),
      latex: operatorName("artanh"),
      help: {
        syntax: "atanh(x), artanh(x)",
        description: "The inverse hyperbolic tangent, for −1 < x < 1; its derivative is 1/(1 − x²).",
        examples: ["atanh(0)", "d/dx atanh(x)"],
      },
    }),
    {
      ...scalarFunction(build, {
        name: "abs",
        breaks: "kink",
        sign: "nonnegative",
        float: Math.abs,
        decimal: DECIMAL.abs,
        exact: (q) => num(q.abs()),
        simplify: (x) => (x.kind === "apply" && x.op === "abs" ? x : undefined),
        derivative: (x) => apply("sign", [x]),
        latex: (x) => `\\left|${x}\\right|`,
        unicode: (x) => `|${x}|`,
        help: {
          syntax: "abs(x), |x|",
          description: "The absolute value; its derivative is sign(x) (undefined at 0).",
          examples: ["|-3|", "d/dx abs(x)"],
        },
      }),
      notation: "delimited",
    },
    scalarFunction(build, {
      name: "sign",
      breaks: "jump",
      float: Math.sign,
      decimal: DECIMAL.sign,
      exact: (q) => int(q.sign()),
      derivative: () => ZERO,
      latex: (x) => `\\operatorname{sign}\\left(${x}\\right)`,
      help: { syntax: "sign(x)", description: "−1, 0 or 1 by the sign of x.", examples: ["sign(-2)"] },
    }),
    scalarFunction(build, {
      name: "step",
      breaks: "jump",
      sign: "nonnegative",
      aliases: ["heaviside"],
      // The notes' step: 1 for z ≥ 0 (the perceptron's activation), so step(0) = 1.
      float: (x) => (x >= 0 ? 1 : 0),
      decimal: DECIMAL.step,
      exact: (q) => (q.sign() >= 0 ? ONE : ZERO),
      derivative: () => ZERO,
      latex: (x) => `\\operatorname{step}\\left(${x}\\right)`,
      help: {
        syntax: "step(x)",
        description:
          "The unit step: 1 for x ≥ 0, else 0 (so step(0) = 1). It is the perceptron's activation and relu's derivative.",
        examples: ["step(2)", "step(0)", "step(-1)"],
      },
    }),
  ];
}

/**
 * f(g(u)) = u for g f's inverse on f's range (sin(asin u), tanh(atanh u), tan(atan u)): where g is
 * defined, the composition is u, so a closed zero (sin(asin(1/3)) − 1/3) is built as 0.
 */
function undoing(inverse: string, x: Node): Node | undefined {
  return x.kind === "apply" && x.op === inverse && x.args.length === 1 ? x.args[0] : undefined;
}
