// Probability commands: distributions as values (X = Bernoulli(p)), expectations and variances of
// functions of random variables, pmf/pdf, likelihoods of data and seeded samples.
import { mathError } from "../../errors.js";
import type { Struct } from "../../graph/node.js";
import type { Expr } from "../../syntax/ast.js";
import {
  bernoulli,
  categorical,
  density,
  expectation,
  isDistribution,
  likelihood,
  logLikelihood,
  normal,
  randomVariablesIn,
  sample,
  uniform,
  variance,
} from "../probability.js";
import { wholeOption } from "./args.js";
import type { CommandEntry, Evaluation } from "./entry.js";

function distributionArg(e: Expr | undefined, ev: Evaluation, what: string): Struct {
  const d = e ? ev.expr(e) : undefined;
  if (!isDistribution(d)) throw mathError(`${what} needs a distribution first, as in ${what}(Bernoulli(p), …)`);
  return d;
}

/** Commands the notes write with brackets, 𝔼[X] and Var[X], as well as with parentheses. */
export const BRACKET_COMMANDS = ["E", "𝔼", "Var"];

export const PROBABILITY: CommandEntry[] = [
  {
    name: "Bernoulli",
    arity: [1, 1],
    help: {
      syntax: "Bernoulli(p)",
      description: "The distribution of a 0/1 variable that is 1 with probability p.",
      examples: ["X = Bernoulli(3/10)\nE(X), Var(X)"],
    },
    run: ({ args }, ev) => bernoulli(ev.expr(args[0])),
  },
  {
    name: "Categorical",
    arity: [1, 1],
    help: {
      syntax: "Categorical([p₀, p₁, …])",
      description: "The distribution of a class label 0, 1, … taken with the given probabilities (0-based, as onehot).",
      examples: ["C = Categorical([1/2, 1/4, 1/4])\nE(C), pmf(C, 2)"],
    },
    run: ({ args }, ev) => categorical(ev.expr(args[0])),
  },
  {
    name: "Normal",
    aliases: ["Gaussian"],
    arity: [2, 2],
    help: {
      syntax: "Normal(μ, σ²)",
      description: "The Gaussian distribution with mean μ and variance σ² (the second parameter is the variance).",
      examples: ["Y = Normal(1, 4)\nE(Y^2), Var(2Y + 1)"],
    },
    run: ({ args }, ev) => normal(ev.expr(args[0]), ev.expr(args[1])),
  },
  {
    name: "Uniform",
    arity: [2, 2],
    help: {
      syntax: "Uniform(a, b)",
      description: "The uniform distribution on [a, b].",
      examples: ["U = Uniform(0, 1)\nE(U), Var(U)"],
    },
    run: ({ args }, ev) => uniform(ev.expr(args[0]), ev.expr(args[1])),
  },
  {
    name: "E",
    aliases: ["𝔼", "expectation"],
    arity: [1, 1],
    help: {
      syntax: "E(X), 𝔼[X], E(g(X)), E(g(X, Y))",
      description:
        "The expectation of a function of random variables (names bound to distributions; several are independent). Exact: a sum over the support for Bernoulli and Categorical, moments for polynomials of Normal and Uniform variables.",
      examples: ["X = Bernoulli(p)\nE(X), E(X^2)", "Y = Normal(μ, s)\nE(Y^2)"],
    },
    // Every distribution in the argument is a random variable: a name bound to one, one inside
    // another value (Y = 3X) or one written in place; the same one wherever its value appears.
    run: ({ args }, ev) => {
      const { g, variables } = randomVariablesIn(ev.expr(args[0]));
      return expectation(g, variables);
    },
  },
  {
    name: "Var",
    aliases: ["Variance"],
    arity: [1, 1],
    help: {
      syntax: "Var(X), Var[X], Var(g(X))",
      description: "The variance E(g²) − E(g)² of a function of random variables (see var for data).",
      examples: ["X = Bernoulli(p)\nVar(X)", "U = Uniform(0, 1)\nVar(2U)"],
    },
    run: ({ args }, ev) => {
      const { g, variables } = randomVariablesIn(ev.expr(args[0]));
      return variance(g, variables);
    },
  },
  {
    name: "pmf",
    aliases: ["pdf"],
    arity: [2, 2],
    help: {
      syntax: "pmf(X, k), pdf(X, x)",
      description:
        "The probability of a value (discrete) or the density at a point (continuous); the point may be a symbol.",
      examples: ["pmf(Bernoulli(p), y)", "pdf(Normal(0, 1), x)"],
    },
    run: ({ args }, ev) => density(distributionArg(args[0], ev, "pmf"), ev.expr(args[1])),
  },
  {
    name: "likelihood",
    arity: [2, 2],
    help: {
      syntax: "likelihood(X, data)",
      description: "The probability of independent observations: Π p(yᵢ).",
      examples: ["likelihood(Bernoulli(p), [1, 0, 1])"],
    },
    run: ({ args }, ev) => likelihood(distributionArg(args[0], ev, "likelihood"), ev.expr(args[1])),
  },
  {
    name: "loglik",
    aliases: ["loglikelihood"],
    arity: [2, 2],
    help: {
      syntax: "loglik(X, data)",
      description:
        "The log-likelihood Σ ln p(yᵢ); its negative for Bernoulli(σ(z)) is the binary cross-entropy, for Normal(ŷ, σ²) the squared error over 2σ² plus a constant.",
      examples: ["-loglik(Bernoulli(σ(z)), y)", "-loglik(Normal(yhat, 1), y)"],
    },
    run: ({ args }, ev) => logLikelihood(distributionArg(args[0], ev, "loglik"), ev.expr(args[1])),
  },
  {
    name: "sample",
    arity: [2, 2],
    options: [{ name: "seed", type: "whole", default: "1", description: "the random seed" }],
    help: {
      syntax: "sample(X, n, seed = s)",
      description: "n independent draws from a distribution, the same for the same seed.",
      examples: ["mean(sample(Bernoulli(3/10), 1000, seed = 2))"],
    },
    run: (call, ev) => {
      const n = ev.expr(call.args[1]);
      if (n.kind !== "num" || !n.value.isInteger() || n.value.num < 1n)
        throw mathError("sample's count is a whole number ≥ 1");
      return sample(distributionArg(call.args[0], ev, "sample"), Number(n.value.num), wholeOption(call, "seed"));
    },
  },
];
