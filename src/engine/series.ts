// Taylor polynomials: taylor(f, x = a, n) = Σₖ f⁽ᵏ⁾(a)/k! (x − a)ᵏ, and in several variables the sum
// over multi-indices |α| ≤ n of ∂^α f(a)/α! Δ^α (to second order: f(a) + ∇f(a)ᵀΔ + ½ΔᵀH(a)Δ).
import { mathError } from "../errors.js";
import { ZERO, add, div, int, mul, pow, struct, sub, tuple } from "../graph/construct.js";
import type { Node } from "../graph/node.js";
import { differentiate } from "./differentiate.js";
import { substitute } from "./substitute.js";

function factorial(k: number): Node {
  let f = 1n;
  for (let i = 2n; i <= BigInt(k); i++) f *= i;
  return int(f);
}

/** Multi-indices α with |α| = total over `n` variables, in graded lexicographic order. */
function multiIndices(n: number, total: number): number[][] {
  if (n === 1) return [[total]];
  const out: number[][] = [];
  for (let first = total; first >= 0; first--) for (const rest of multiIndices(n - 1, total - first)) out.push([first, ...rest]);
  return out;
}

export function taylor(f: Node, vars: readonly Node[], at: readonly Node[], order: number): Node {
  if (order < 0 || order > 30) throw mathError("the order of a Taylor polynomial must be between 0 and 30");
  if (vars.length !== at.length) throw mathError("give one expansion point per variable");
  const point = new Map(vars.map((v, i) => [v, at[i]]));
  const deltas = vars.map((v, i) => sub(v, at[i]));
  const terms: Node[] = [];
  const derivatives = new Map<string, Node>([["", f]]);
  const derivative = (alpha: number[]): Node => {
    const key = alpha.join(",");
    const known = derivatives.get(key);
    if (known) return known;
    const i = alpha.findIndex((a) => a > 0);
    const lower = alpha.map((a, j) => (j === i ? a - 1 : a));
    const d = differentiate(lower.every((a) => a === 0) ? f : derivative(lower), vars[i]);
    derivatives.set(key, d);
    return d;
  };
  for (let k = 0; k <= order; k++) {
    for (const alpha of multiIndices(vars.length, k)) {
      const coefficient = substitute(alpha.every((a) => a === 0) ? f : derivative(alpha), point);
      if (coefficient === ZERO) continue;
      const denominator = mul(...alpha.map(factorial));
      terms.push(mul(div(coefficient, denominator), ...alpha.map((a, i) => pow(deltas[i], int(a)))));
    }
  }
  return struct("series", [{ name: "terms", value: tuple(terms) }, { name: "order", value: int(order) }]);
}

/** The polynomial a series struct stands for. */
export function seriesSum(s: Node): Node {
  if (s.kind === "record" && s.tag === "series") {
    const terms = s.fields[0].value;
    return terms.kind === "tuple" ? add(...terms.items) : terms;
  }
  return s;
}
