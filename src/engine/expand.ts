// expand: products of sums and whole powers of sums multiplied out; the constructors collect the
// like terms. Works for float coefficients too.
import { ONE, addAll, int, mul, pow } from "../graph/construct.js";
import type { Node } from "../graph/node.js";
import { rewrite } from "../graph/traverse.js";
import { grouped, limitOf, overLimit } from "../budget.js";

function multiplyOut(factors: readonly Node[], maxTerms: number): Node {
  let terms: Node[] = [ONE];
  for (const f of factors) {
    const parts = f.kind === "add" ? f.terms : [f];
    const next: Node[] = [];
    for (const t of terms) for (const p of parts) next.push(mul(t, p));
    if (next.length > maxTerms)
      throw overLimit("expansionTerms", `the expansion has more than ${grouped(maxTerms)} terms`);
    terms = [addAll(next)].flatMap((s) => (s.kind === "add" ? [...s.terms] : [s]));
  }
  return addAll(terms);
}

/** The power of a sum that is not multiplied out: over the expandPower limit. */
export function powerTooLarge(k: number): Error {
  return overLimit(
    "expandPower",
    `the power ${k} is too large to expand; the limit is ${grouped(limitOf("expandPower"))}`,
  );
}

export function expand(root: Node, maxTerms = limitOf("expansionTerms")): Node {
  return rewrite(root, (n) => {
    if (n.kind === "mul" && n.factors.some((f) => f.kind === "add")) return multiplyOut(n.factors, maxTerms);
    if (n.kind === "pow" && n.base.kind === "add" && n.exp.kind === "num" && n.exp.value.isInteger()) {
      const k = Number(n.exp.value.num);
      if (k > 0) {
        if (k > limitOf("expandPower")) throw powerTooLarge(k);
        return multiplyOut(new Array<Node>(k).fill(n.base), maxTerms);
      }
      if (k < 0) return pow(expand(pow(n.base, int(-k)), maxTerms), int(-1));
    }
    return undefined;
  });
}
