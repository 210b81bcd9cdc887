// The exact real zeros of a breakpoint's argument along one variable, where they are transcendental
// or periodic: exp(x) − 2 at log 2, cos(x) at ±π/2 and ±3π/2, sin(2x) − 1/3 at asin(1/3)/2 and
// (π − asin(1/3))/2. A jump (sign, step) differs from its neighbours only at such a point, which no
// decimal hits: sign(exp(x) − 2)² against 1 and sign(cos x)² against 1 were "equivalent" by sampling.
// Each zero is a closed expression the graph folds back to 0 when substituted (cos(π/2) is 0).
import { add, apply, constant, div, int, mul, neg, sub } from "../../graph/construct.js";
import type { Node } from "../../graph/node.js";
import { floatValue } from "../../graph/evalf.js";
import { findInside, freeSymbols } from "../../graph/traverse.js";
import { rethrowStop } from "../../errors.js";
import { solveExactUnivariate } from "../solve/exact-univariate.js";

/** Periodic zeros are taken in the periods on either side of the principal one. */
const PERIODS = [-1, 0, 1];
/** Enough zeros for a breakpoint: the search tries each, and points halfway between them. */
const MOST = 12;

const holds = (e: Node, v: Node) => findInside(e, (n) => n === v) !== undefined;

/**
 * Values of u where f(u) = c, c a closed constant: the principal solutions and their shifts by the
 * period; none outside f's range; null for a function not inverted here.
 */
function preimages(f: string, c: Node): Node[] | null {
  const value = floatValue(c);
  if (value === null) return null;
  const shifted = (roots: Node[], period: Node) =>
    roots.flatMap((r) => PERIODS.map((k) => (k === 0 ? r : add(r, mul(int(k), period)))));
  const twoPi = mul(int(2), constant("π"));
  switch (f) {
    case "sin":
      if (Math.abs(value) > 1) return [];
      return shifted([apply("asin", [c]), sub(constant("π"), apply("asin", [c]))], twoPi);
    case "cos":
      if (Math.abs(value) > 1) return [];
      return shifted([apply("acos", [c]), neg(apply("acos", [c]))], twoPi);
    case "tan":
      return shifted([apply("atan", [c])], constant("π"));
    case "tanh":
      return Math.abs(value) < 1 ? [apply("atanh", [c])] : [];
    case "sinh":
      return [apply("asinh", [c])];
    case "sigmoid":
      return value > 0 && value < 1 ? [apply("log", [div(c, sub(int(1), c))])] : [];
    default:
      return null;
  }
}

/** The exact real zeros of g along v (g free of every other variable), at most MOST of them. */
export function exactZeros(g: Node, v: Node, depth = 0): Node[] {
  if (depth > 2 || freeSymbols(g).some((w) => w !== v)) return [];
  try {
    const solved = solveExactUnivariate(g, v);
    if (solved?.kind === "finite")
      return solved.solutions
        .filter((s) => s.exact && freeSymbols(s.values[0]).length === 0)
        .map((s) => s.values[0])
        .slice(0, MOST);
    // k·f(u) + r = 0 with f inverted above: u = each preimage of −r/k, solved for v in turn.
    const terms = g.kind === "add" ? g.terms : [g];
    const holding = terms.filter((t) => holds(t, v));
    if (holding.length !== 1) return [];
    const inner = (holding[0].kind === "mul" ? holding[0].factors : [holding[0]]).filter((t) => holds(t, v));
    if (inner.length !== 1 || inner[0].kind !== "apply" || inner[0].args.length !== 1) return [];
    const c = div(neg(sub(g, holding[0])), div(holding[0], inner[0]));
    if (freeSymbols(c).length > 0) return [];
    const targets = preimages(inner[0].op, c);
    if (!targets) return [];
    const zeros: Node[] = [];
    for (const t of targets) {
      zeros.push(...exactZeros(sub(inner[0].args[0], t), v, depth + 1));
      if (zeros.length >= MOST) break;
    }
    return zeros.slice(0, MOST);
  } catch (err) {
    rethrowStop(err);
    return [];
  }
}
