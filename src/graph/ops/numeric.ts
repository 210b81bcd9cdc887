// N(x): the floating-point value of an exact expression.
import type { Build, OperatorEntry } from "./entry.js";

export function numericRows({ evalf }: Build): OperatorEntry[] {
  return [
    {
      name: "N",
      arity: [1, 1],
      shape: ([x]) => x,
      fold: ([x]) => evalf(x),
      help: {
        syntax: "N(x), ≈ x",
        description: "The value of x in floating point (double precision).",
        examples: ["N(sqrt(2))", "≈ ‖[1, 2; 3, 4]‖_F"],
      },
    },
  ];
}
