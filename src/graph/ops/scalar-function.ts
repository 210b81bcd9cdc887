// The common shape of a scalar function (sin, σ, relu): it applies entrywise to concrete arrays,
// keeps the shape of a symbolic array argument, computes floats from floats, and knows its exact
// special values (sin 0 = 0) through `exact`.
import type { Rational } from "../../numeric/rational.js";
import { floatOverflow, floatText } from "../../numeric/big-float.js";
import { float, tensor } from "../primitives.js";
import { heldFunctionValue, heldValueOf } from "../numeric-value.js";
import type { Node } from "../node.js";
import type { Build, Help, OperatorEntry } from "./entry.js";

export interface ScalarFunctionSpec extends Pick<OperatorEntry, "breaks" | "sign" | "turnsAtZero" | "decimal"> {
  name: string;
  aliases?: string[];
  float: (x: number) => number;
  /** Exact value at a rational point, when it has one. */
  exact?: (q: Rational) => Node | undefined;
  /** Symbolic simplification of f(x) for a non-number x. */
  simplify?: (x: Node) => Node | undefined;
  derivative: (x: Node) => Node;
  latex?: (x: string) => string;
  unicode?: (x: string) => string;
  help: Help;
}

/** The row of a scalar function; `build` applies it to each entry of a concrete array. */
export function scalarFunction({ apply }: Build, spec: ScalarFunctionSpec): OperatorEntry {
  return {
    name: spec.name,
    aliases: spec.aliases,
    breaks: spec.breaks,
    sign: spec.sign,
    turnsAtZero: spec.turnsAtZero,
    arity: [1, 1],
    shape: ([x]) => x,
    fold: ([x]) => {
      if (x.kind === "tensor")
        return tensor(
          x.shape,
          x.entries.map((e) => apply(spec.name, [e])),
        );
      if (x.kind === "float") {
        const y = spec.float(x.value);
        if (y === Infinity || y === -Infinity) throw floatOverflow(`${spec.name}(${floatText(x.value)})`);
        return float(y);
      }
      if (x.kind === "num") return spec.exact?.(x.value);
      // A float past the double range, as N holds it, is a float: f of it is a float too (sin(1e+400)).
      const held = spec.decimal ? heldValueOf(x) : null;
      if (held) return heldFunctionValue(apply, spec.decimal!, held) ?? spec.simplify?.(x);
      return spec.simplify?.(x);
    },
    float: spec.float,
    decimal: spec.decimal,
    partials: ([x]) => [spec.derivative(x)],
    latex: spec.latex ? ([x]) => spec.latex!(x) : undefined,
    unicode: spec.unicode ? ([x]) => spec.unicode!(x) : undefined,
    help: spec.help,
  };
}
