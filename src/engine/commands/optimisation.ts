// Optimisation commands: stationary points, Lagrange multipliers, convexity, and the descent
// methods run step by step (each option spelled as the notes spell it, with ASCII aliases).
import type { Node } from "../../graph/node.js";
import { convexity } from "../convexity.js";
import { descentMethod, gradientDescent, type Method } from "../descent.js";
import { criticalPoints, lagrange } from "../solve/optimize.js";
import { bodyOf, equationsOf, listOf, pointArg, show, unknownsOf, variablesOf, wholeOption } from "./args.js";
import type { CommandCall, CommandEntry, CommandOption, Evaluation } from "./entry.js";
import { OPTIMIZER_OPTIONS, STEPS } from "./options.js";

let progressCount = 0;

/**
 * A display that updates in place while a long run goes (Jupyter's update_display_data): shown
 * for runs of 100 steps or more, updated about every 5%, replaced by the final point.
 */
function progressFor(ev: Evaluation, label: string, steps: number): ((step: number, point: Node) => void) | undefined {
  if (steps < 100) return undefined;
  const displayId = `nabla-progress-${process.pid}-${++progressCount}`;
  const every = Math.max(1, Math.floor(steps / 20));
  ev.env.emit({ kind: "display", text: `${label}: step 0 of ${steps}`, displayId });
  return (step, point) => {
    if (step % every === 0 || step === steps) {
      ev.env.emit({
        kind: "display",
        text: `${label}: step ${step} of ${steps}, at ${show(point)}`,
        displayId,
        update: true,
      });
    }
  };
}

/** gd(f, x = 4, η = 0.1, steps = 10): positional f and the starting point. */
function start(call: CommandCall, ev: Evaluation, what: string): { body: Node; vars: Node[]; at: Node[] } {
  const { body } = bodyOf(ev, call.args[0]);
  const { vars, at } = pointArg(ev, call.args[1], what);
  return { body, vars, at };
}

const METHODS: { method: Method; options: CommandOption[]; description: string; example: string }[] = [
  {
    method: "momentum",
    options: [...OPTIMIZER_OPTIONS.momentum, STEPS],
    description: "Gradient descent with momentum: v ← γv + η∇f, x ← x − v.",
    example: "momentum(x^2, x = 4, η = 0.1, γ = 0.9, steps = 5)",
  },
  {
    method: "nesterov",
    options: [...OPTIMIZER_OPTIONS.nesterov, STEPS],
    description: "Nesterov's accelerated gradient: the gradient taken at the look-ahead point x − γv.",
    example: "nesterov(x^2, x = 4, η = 0.1, γ = 0.9, steps = 5)",
  },
  {
    method: "rmsprop",
    options: [...OPTIMIZER_OPTIONS.rmsprop, STEPS],
    description: "RMSprop: each step divided by the root of a running average of squared gradients.",
    example: "rmsprop(x^2, x = 4, η = 0.1, steps = 5)",
  },
  {
    method: "adam",
    options: [...OPTIMIZER_OPTIONS.adam, STEPS],
    description: "Adam: running averages of the gradient and its square, bias-corrected.",
    example: "adam(x^2 + 4y^2, [x, y] = [2, 1], η = 0.1, steps = 3)",
  },
];

export const OPTIMISATION: CommandEntry[] = [
  {
    name: "critical",
    arity: [1, 2],
    help: {
      syntax: "critical(f), critical(f, [x, y])",
      description:
        "The stationary points of f, each classified as a minimum, maximum or saddle by the Hessian; beyond polynomials, a numeric search in a stated box.",
      examples: ["critical(x^3 - 3x + y^2)", "critical(x^2 + y^2, [x, y])"],
    },
    run: ({ args }, ev) => {
      const { body, params } = bodyOf(ev, args[0]);
      return criticalPoints(body, args[1] ? listOf(unknownsOf(ev, args[1], "critical")) : (params ?? undefined));
    },
  },
  {
    name: "lagrange",
    arity: [2, Infinity],
    relations: { kind: "equation", places: [1, Infinity] },
    help: {
      syntax: "lagrange(f, g = c), lagrange(f, g₁ = c₁, g₂ = c₂)",
      description: "The stationary points of f under equality constraints, with their multipliers λ.",
      examples: ["lagrange(x y, x + y = 10)"],
    },
    run: ({ args }, ev) => {
      const { body } = bodyOf(ev, args[0]);
      const constraints = args.slice(1).flatMap((a) => equationsOf(ev, a));
      return lagrange(body, constraints);
    },
  },
  {
    name: "convex",
    arity: [1, 2],
    help: {
      syntax: "convex(f), convex(f, [x, y])",
      description:
        "Whether f is convex: true with a proof (composition rules or the Hessian), false with two points whose midpoint lies above the chord, or undecided with what was tried.",
      examples: ["convex(x^2 + y^2)", "convex(log(x), x)"],
    },
    run: ({ args }, ev) => {
      const { body, params } = bodyOf(ev, args[0]);
      return convexity(body, args[1] ? variablesOf(ev, args.slice(1), body, "convex") : (params ?? undefined));
    },
  },
  {
    name: "gd",
    arity: [2, 2],
    options: [...OPTIMIZER_OPTIONS.sgd, STEPS],
    relations: { kind: "point", places: [1, 1] },
    help: {
      syntax: "gd(f, x = a, η = 0.1), gd(f, [x, y] = [a, b], η = 0.1, steps = k)",
      description: "Gradient descent x ← x − η∇f from the starting point: one step, or the path of k steps.",
      examples: ["gd(x^2, x = 4, η = 0.1)", "gd(x^2 + 4y^2, [x, y] = [2, 1], η = 0.1, steps = 4)"],
    },
    run: (call, ev) => {
      const { body, vars, at } = start(call, ev, "gd");
      const steps = wholeOption(call, "steps");
      return gradientDescent(body, vars, at, call.options.get("η")!, steps, progressFor(ev, "gradient descent", steps));
    },
  },
  ...METHODS.map(({ method, options, description, example }): CommandEntry => ({
    name: method,
    arity: [2, 2],
    options,
    relations: { kind: "point", places: [1, 1] },
    help: {
      syntax: `${method}(f, x = a, ${options
        .filter((o) => o !== STEPS)
        .map((o) => `${o.name} = ${o.default ?? "0.1"}`)
        .join(", ")}, steps = k)`,
      description,
      examples: [example],
    },
    run: (call, ev) => {
      const { body, vars, at } = start(call, ev, method);
      const steps = wholeOption(call, "steps");
      const get = (name: string) => call.options.get(name);
      const params = {
        eta: get("η")!,
        gamma: get("γ"),
        beta: get("β"),
        beta1: get("β_1"),
        beta2: get("β_2"),
        epsilon: get("ε"),
      };
      return descentMethod(method, body, vars, at, params, steps, progressFor(ev, method, steps));
    },
  })),
];
