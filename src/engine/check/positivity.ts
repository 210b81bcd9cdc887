// Which expressions are positive at every point where they are defined (and the `check … for`
// conditions hold): the bases for which b^u = e^(u·log b) and log(b·c) = log b + log c are true on
// the reals. A sufficient test, by the signs of the parts: a "no" only means "not shown".
import type { Node } from "../../graph/node.js";
import { lookupOperator } from "../../graph/operators.js";
import type { Rational } from "../../numeric/rational.js";
import { lowerBounds } from "./conditions.js";

/** Symbols the conditions keep positive or nonnegative. */
export type Signs = ReadonlyMap<Node, "positive" | "nonnegative">;

export function signsFrom(conditions: readonly Node[]): Signs {
  const signs = new Map<Node, "positive" | "nonnegative">();
  for (const [x, b] of lowerBounds(conditions)) {
    const s = b.at.sign();
    if (s > 0 || (s === 0 && b.strict)) signs.set(x, "positive");
    else if (s === 0) signs.set(x, "nonnegative");
  }
  return signs;
}

/** n > 0 wherever n is defined (under the conditions' signs). */
export function isPositive(n: Node, signs: Signs): boolean {
  switch (n.kind) {
    case "num":
      return n.value.sign() > 0;
    case "float":
      return n.value > 0;
    case "const":
      return true;
    case "sym":
      return signs.get(n) === "positive";
    case "mul":
      return n.factors.every((f) => isPositive(f, signs));
    case "add":
      return n.terms.every((t) => isNonnegative(t, signs)) && n.terms.some((t) => isPositive(t, signs));
    case "pow":
      if (isPositive(n.base, signs)) return true;
      // b^(2k) > 0 where b ≠ 0 is not known; b^(p/q) of a positive b is covered above.
      return false;
    case "apply":
      return lookupOperator(n.op)?.sign === "positive";
    default:
      return false;
  }
}

/** n ≥ 0 wherever n is defined. */
export function isNonnegative(n: Node, signs: Signs): boolean {
  if (isPositive(n, signs)) return true;
  switch (n.kind) {
    case "num":
      return n.value.sign() >= 0;
    case "sym":
      return signs.has(n);
    case "mul":
      return n.factors.every((f) => isNonnegative(f, signs));
    case "add":
      return n.terms.every((t) => isNonnegative(t, signs));
    case "pow": {
      if (isNonnegative(n.base, signs)) return true;
      const e = n.exp.kind === "num" ? n.exp.value : null;
      // An even power, or an even root (defined only where its base is ≥ 0).
      return e !== null && (evenNumerator(e) || e.den % 2n === 0n);
    }
    case "apply":
      return lookupOperator(n.op)?.sign !== undefined;
    default:
      return false;
  }
}

function evenNumerator(q: Rational): boolean {
  return q.num % 2n === 0n;
}
