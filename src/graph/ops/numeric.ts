// N(x): the floating-point value of an exact expression. Past the double range (±1.8e308, or a
// nonzero value below 2.2e-308) the value is computed in decimal and held as N(q), q the value to 17
// significant digits (graph/numeric-value.ts): it prints as a float does, 1e+400, and N leaves it be.
import { decimalOfRational, decimalContext, scientific } from "../../numeric/big-float.js";
import type { Node } from "../node.js";
import { isHeldValue } from "../numeric-value.js";
import { latexScientific } from "../print/style.js";
import type { Build, OperatorEntry } from "./entry.js";

/** The digits of a held value, in the float's notation: 6 significant digits shown, 17 in the text that reads back. */
function heldDigits(x: Node, digits: number): string | null {
  if (x.kind !== "num" || !isHeldValue(x.value)) return null;
  return scientific(decimalOfRational(decimalContext(digits + 10), x.value), digits);
}

export function numericRows({ evalf }: Build): OperatorEntry[] {
  return [
    {
      name: "N",
      arity: [1, 1],
      shape: ([x]) => x,
      fold: ([x]) => (x.kind === "num" && isHeldValue(x.value) ? undefined : evalf(x)),
      // N(1e+400) in text reads back to this very value (a bare 1e+400 would be the exact number).
      text: (args, [x]) => `N(${heldDigits(x, 17) ?? args[0]})`,
      unicode: (args, [x]) => heldDigits(x, 6) ?? `N(${args[0]})`,
      latex: (args, [x]) => {
        const digits = heldDigits(x, 6);
        return digits === null ? `\\operatorname{N}\\left(${args[0]}\\right)` : latexScientific(digits);
      },
      help: {
        syntax: "N(x), ≈ x",
        description:
          "The value of x in floating point (double precision). A value past the doubles (beyond ±1.8e308, or nonzero below 2.2e-308) is computed in decimal and kept to 17 digits: N(10^400) is 1e+400, never ∞, and N(10^-400) is 1e-400, never 0.",
        examples: ["N(sqrt(2))", "≈ ‖[1, 2; 3, 4]‖_F", "N(exp(1000))"],
      },
    },
  ];
}
