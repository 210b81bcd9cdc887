// Labelled answer pairs for `check`: a derivative question and a student's answer, right in another
// form or wrong in a typical way (sign, missing chain-rule factor, dropped constant, wrong power).
export interface Pair {
  a: string;
  b: string;
  equivalent: boolean;
  why: string;
}

interface Question {
  f: string;
  right: string[];
  wrong: [string, string][];
}

const QUESTIONS: Question[] = [
  {
    f: "sin(x^2)",
    right: ["2x cos(x^2)", "2*x*cos(x^2)", "cos(x^2) 2x", "x cos(x^2) + x cos(x^2)"],
    wrong: [
      ["-2x cos(x^2)", "sign"],
      ["cos(x^2)", "missing chain factor"],
      ["2x sin(x^2)", "wrong outer derivative"],
      ["x cos(x^2)", "dropped constant"],
    ],
  },
  {
    f: "x^3",
    right: ["3x^2", "3*x*x", "x^2 + 2x^2", "(3/2)(2x^2)"],
    wrong: [
      ["3x^3", "wrong power"],
      ["x^2", "dropped constant"],
      ["-3x^2", "sign"],
      ["3x", "wrong power"],
    ],
  },
  {
    f: "exp(2x)",
    right: ["2exp(2x)", "2e^(2x)", "exp(2x) + exp(2x)", "2exp(x)^2"],
    wrong: [
      ["exp(2x)", "missing chain factor"],
      ["2x exp(2x)", "wrong factor"],
      ["-2exp(2x)", "sign"],
      ["exp(2)", "nonsense"],
    ],
  },
  {
    f: "σ(x)",
    right: ["σ(x)(1 - σ(x))", "σ(x) - σ(x)^2", "exp(-x)/(1 + exp(-x))^2", "σ(x) σ(-x)"],
    wrong: [
      ["σ(x)(1 + σ(x))", "sign"],
      ["σ(x)", "forgot the derivative"],
      ["1 - σ(x)", "missing factor"],
      ["σ(x)^2", "wrong form"],
    ],
  },
  {
    f: "tanh(x)",
    right: ["1 - tanh(x)^2", "cosh(x)^(-2)", "1/cosh(x)^2", "(1 - tanh(x))(1 + tanh(x))"],
    wrong: [
      ["1 + tanh(x)^2", "sign"],
      ["tanh(x)^2", "wrong form"],
      ["1 - tanh(x)", "missing power"],
      ["sech", "nonsense"],
    ],
  },
  {
    f: "log(x^2 + 1)",
    right: ["2x/(x^2 + 1)", "2*x*(x^2 + 1)^(-1)", "x/(x^2 + 1) + x/(x^2 + 1)", "2/(x + 1/x)"],
    wrong: [
      ["1/(x^2 + 1)", "missing chain factor"],
      ["2x/(x^2 - 1)", "sign"],
      ["2x log(x^2 + 1)", "wrong rule"],
      ["x/(x^2 + 1)", "dropped constant"],
    ],
  },
  {
    f: "x^2 y + 3y^2",
    right: ["2x y", "2*y*x", "x y + y x", "2(x y)"],
    wrong: [
      ["2x y + 6y", "differentiated every term in y too"],
      ["x^2", "wrong variable"],
      ["2x", "dropped y"],
      ["-2x y", "sign"],
    ],
  },
  {
    f: "cos(3x)",
    right: ["-3sin(3x)", "-3*sin(3*x)", "3sin(-3x)", "-(sin(3x) + 2sin(3x))"],
    wrong: [
      ["3sin(3x)", "sign"],
      ["-sin(3x)", "missing chain factor"],
      ["-3cos(3x)", "wrong function"],
      ["sin(3x)", "two mistakes"],
    ],
  },
  {
    f: "x exp(x)",
    right: ["exp(x)(1 + x)", "exp(x) + x exp(x)", "(x + 1) e^x", "e^x x + e^x"],
    wrong: [
      ["x exp(x)", "forgot the product rule"],
      ["exp(x)", "half the product rule"],
      ["exp(x)(x - 1)", "sign"],
      ["2x exp(x)", "wrong"],
    ],
  },
  {
    f: "sqrt(x^2 + 4)",
    right: ["x/sqrt(x^2 + 4)", "x (x^2 + 4)^(-1/2)", "2x/(2sqrt(x^2 + 4))", "x/(x^2 + 4)^(1/2)"],
    wrong: [
      ["1/(2sqrt(x^2 + 4))", "missing chain factor"],
      ["2x/sqrt(x^2 + 4)", "extra factor 2"],
      ["x sqrt(x^2 + 4)", "wrong power"],
      ["-x/sqrt(x^2 + 4)", "sign"],
    ],
  },
  {
    f: "1/x",
    right: ["-1/x^2", "-x^(-2)", "-(1/x)^2", "(-1)/(x x)"],
    wrong: [
      ["1/x^2", "sign"],
      ["log(x)", "integrated"],
      ["-1/x", "wrong power"],
      ["-2/x^3", "second derivative"],
    ],
  },
  {
    f: "relu(x) + x^2",
    right: ["step(x) + 2x", "2x + step(x)", "step(x) + x + x", "heaviside(x) + 2x"],
    wrong: [
      ["relu(x) + 2x", "derivative of relu is not relu"],
      ["step(x) + x^2", "forgot x^2"],
      ["1 + 2x", "ignored the kink"],
      ["step(x) - 2x", "sign"],
    ],
  },
  {
    f: "softplus(x)",
    right: ["σ(x)", "1/(1 + exp(-x))", "exp(x)/(1 + exp(x))", "1 - σ(-x)"],
    wrong: [
      ["σ(-x)", "sign"],
      ["softplus(x)", "forgot to differentiate"],
      ["exp(x)", "missing denominator"],
      ["σ(x)(1 - σ(x))", "second derivative"],
    ],
  },
  {
    f: "(2x + 1)^3",
    right: ["6(2x + 1)^2", "24x^2 + 24x + 6", "3(2x + 1)^2 * 2", "6(4x^2 + 4x + 1)"],
    wrong: [
      ["3(2x + 1)^2", "missing chain factor"],
      ["6(2x + 1)^3", "wrong power"],
      ["(2x + 1)^2", "two mistakes"],
      ["-6(2x + 1)^2", "sign"],
    ],
  },
  {
    f: "sin(x) cos(x)",
    right: ["cos(x)^2 - sin(x)^2", "cos(2x)", "1 - 2sin(x)^2", "2cos(x)^2 - 1"],
    wrong: [
      ["cos(x)^2 + sin(x)^2", "sign"],
      ["-sin(x) cos(x)", "wrong"],
      ["sin(2x)", "wrong function"],
      ["cos(x) sin(x)", "forgot to differentiate"],
    ],
  },
  {
    f: "x^2 exp(-x)",
    right: ["(2x - x^2) exp(-x)", "2x exp(-x) - x^2 exp(-x)", "x(2 - x) e^(-x)", "exp(-x) x (2 - x)"],
    wrong: [
      ["(2x + x^2) exp(-x)", "sign of the inner derivative"],
      ["2x exp(-x)", "half the product rule"],
      ["-2x exp(-x)", "wrong"],
      ["x^2 exp(-x)", "forgot to differentiate"],
    ],
  },
  {
    f: "log(x)",
    right: ["1/x", "x^(-1)", "2/(2x)", "exp(-log(abs(x))) sign(x)"],
    wrong: [
      ["-1/x", "sign"],
      ["log(x)/x", "wrong"],
      ["1/x^2", "wrong power"],
      ["x", "inverted"],
    ],
  },
  {
    f: "x/(1 + x^2)",
    right: [
      "(1 - x^2)/(1 + x^2)^2",
      "1/(1 + x^2) - 2x^2/(1 + x^2)^2",
      "(1 - x^2)(1 + x^2)^(-2)",
      "-(x^2 - 1)/(x^2 + 1)^2",
    ],
    wrong: [
      ["(1 + x^2)/(1 + x^2)^2", "sign in the quotient rule"],
      ["1/(2x)", "divided derivatives"],
      ["(x^2 - 1)/(1 + x^2)^2", "sign"],
      ["1/(1 + x^2)", "half the quotient rule"],
    ],
  },
  {
    f: "exp(sin(x))",
    right: ["cos(x) exp(sin(x))", "exp(sin(x)) cos(x)", "cos(x) e^sin(x)", "cos(x) exp(sin(x)) + 0"],
    wrong: [
      ["exp(sin(x))", "missing chain factor"],
      ["sin(x) exp(sin(x))", "wrong inner derivative"],
      ["exp(cos(x))", "wrong"],
      ["-cos(x) exp(sin(x))", "sign"],
    ],
  },
  {
    f: "x^3 - 3x + y^2",
    right: ["3x^2 - 3", "3(x^2 - 1)", "3(x - 1)(x + 1)", "3x^2 - 3 + 0 y"],
    wrong: [
      ["3x^2 - 3 + 2y", "differentiated y^2 too"],
      ["3x^2", "dropped -3x"],
      ["3x^2 + 3", "sign"],
      ["x^2 - 3", "dropped constant"],
    ],
  },
  {
    f: "cosh(x)^2",
    right: ["2cosh(x) sinh(x)", "sinh(2x)", "2sinh(x) cosh(x)", "sinh(x) cosh(x) + cosh(x) sinh(x)"],
    wrong: [
      ["2cosh(x)", "missing chain factor"],
      ["2sinh(x) sinh(x)", "wrong"],
      ["-sinh(2x)", "sign"],
      ["cosh(2x)", "wrong function"],
    ],
  },
  {
    f: "tanh(2x)",
    right: ["2(1 - tanh(2x)^2)", "2 - 2tanh(2x)^2", "2/cosh(2x)^2", "2cosh(2x)^(-2)"],
    wrong: [
      ["1 - tanh(2x)^2", "missing chain factor"],
      ["2(1 + tanh(2x)^2)", "sign"],
      ["2tanh(2x)", "wrong"],
      ["(1 - tanh(2x)^2)/2", "divided by 2"],
    ],
  },
  {
    f: "abs(x) + x",
    right: ["sign(x) + 1", "1 + sign(x)", "sign(x) + 1 + 0", "abs(x)/x + 1"],
    wrong: [
      ["sign(x)", "forgot x"],
      ["abs(x) + 1", "derivative of |x| is not |x|"],
      ["1 - sign(x)", "sign"],
      ["2", "ignored the kink"],
    ],
  },
  {
    f: "(x + y)^2",
    right: ["2(x + y)", "2x + 2y", "2y + 2x", "(x + y) + (x + y)"],
    wrong: [
      ["2x", "dropped y"],
      ["(x + y)", "dropped constant"],
      ["2(x - y)", "sign"],
      ["2(x + y)^2", "wrong power"],
    ],
  },
  {
    f: "sin(x)^2",
    right: ["2sin(x) cos(x)", "sin(2x)", "2cos(x) sin(x)", "sin(x) cos(x) + cos(x) sin(x)"],
    wrong: [
      ["2sin(x)", "missing chain factor"],
      ["cos(x)^2", "wrong"],
      ["-sin(2x)", "sign"],
      ["2cos(x)", "two mistakes"],
    ],
  },
];

/** a is `d/dx f` (∂/∂x for functions of x and y); b the student's answer. */
export const PAIRS: Pair[] = QUESTIONS.flatMap((q) => [
  ...q.right.map((b) => ({ a: `d/dx (${q.f})`, b, equivalent: true, why: "right, in another form" })),
  ...q.wrong.map(([b, why]) => ({ a: `d/dx (${q.f})`, b, equivalent: false, why })),
]);

/** The same pairs for SymPy: d/dx (f) becomes diff(f, x); σ, e and friends are spelled out. */
export function sympyForm(text: string): string {
  return text
    .replace(/^d\/dx \((.*)\)$/, "diff($1, x)")
    .replace(/σ/g, "sigmoid")
    .replace(/heaviside/g, "step")
    .replace(/e\^/g, "E^")
    .replace(/\bexp\(/g, "exp(");
}
