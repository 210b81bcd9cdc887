// Algebra commands: rewriting an expression (or a user function's body) into another form.
import { collect } from "../collect.js";
import { expand } from "../expand.js";
import { factor } from "../factor.js";
import { simplify } from "../simplify.js";
import { bodyOf } from "./args.js";
import type { CommandEntry } from "./entry.js";

export const ALGEBRA: CommandEntry[] = [
  {
    name: "expand",
    arity: [1, 1],
    help: {
      syntax: "expand(f)",
      description: "Multiplies out products and whole powers of sums.",
      examples: ["expand((x + 1)^3)", "expand((a - b)(a + b))"],
    },
    run: ({ args }, ev) => expand(bodyOf(ev, args[0]).body),
  },
  {
    name: "simplify",
    arity: [1, 1],
    help: {
      syntax: "simplify(f)",
      description: "A simpler equal form: like terms combined, common factors cancelled, identities applied.",
      examples: ["simplify((x^2 - 1)/(x - 1))", "simplify(sin(x)^2 + cos(x)^2)"],
    },
    run: ({ args }, ev) => simplify(bodyOf(ev, args[0]).body),
  },
  {
    name: "factor",
    arity: [1, 1],
    help: {
      syntax: "factor(f)",
      description: "Factors a polynomial over the rationals.",
      examples: ["factor(x^2 - 5x + 6)", "factor(x^3 - x)"],
    },
    run: ({ args }, ev) => factor(bodyOf(ev, args[0]).body),
  },
  {
    name: "collect",
    arity: [2, 2],
    help: {
      syntax: "collect(f, x)",
      description: "Groups the terms of f by powers of x.",
      examples: ["collect(a x + b x + x^2 + a x^2, x)"],
    },
    run: ({ args }, ev) => collect(bodyOf(ev, args[0]).body, ev.expr(args[1])),
  },
];
