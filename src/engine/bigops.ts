// Σ and ∏ over an index: expanded term by term for whole-number bounds, else a closed form or a
// node. Shared by the Σ syntax (evaluate.ts) and the sum/prod commands.
import { addAll, bigop, mulAll, num, sym } from "../graph/construct.js";
import { grouped, limitOf, overLimit } from "../budget.js";
import type { Node, Sym } from "../graph/node.js";
import { rewrite } from "../graph/traverse.js";
import { Rational } from "../numeric/rational.js";
import { closedSum, sumOf } from "./sums.js";

/** Σ and ∏ with whole-number bounds expand; symbolic bounds stay (closed forms are the engine's). */
export function expandBigop(op: "sum" | "prod", index: Sym, from: Node, to: Node, body: Node): Node {
  if (from.kind === "num" && to.kind === "num" && from.value.isInteger() && to.value.isInteger()) {
    const lo = from.value.num;
    const hi = to.value.num;
    const cap = limitOf("bigopTerms");
    if (hi - lo + 1n > BigInt(cap)) {
      // Too long to write out, but a polynomial or geometric body has a closed form at these bounds.
      const closed = op === "sum" ? closedSum(index, from, to, body) : undefined;
      if (closed) return closed;
      throw overLimit(
        "bigopTerms",
        `a ${op === "sum" ? "Σ" : "∏"} over ${grouped(Number(hi - lo + 1n))} terms is too long to write out; the limit is ${grouped(cap)} terms`,
      );
    }
    const terms: Node[] = [];
    for (let k = lo; k <= hi; k++) {
      terms.push(substituteIndex(body, index, num(Rational.int(k))));
    }
    return op === "sum" ? addAll(terms) : mulAll(terms);
  }
  if (op === "sum") return closedSum(index, from, to, body) ?? sumOf(index, from, to, body);
  return bigop(op, index, from, to, body);
}

function substituteIndex(body: Node, index: Sym, value: Node): Node {
  return rewrite(body, (n) => {
    if (n === index) return value;
    if (n.kind === "indexed" && n.index.kind === "num") return sym(`${n.base}_${n.index.value.toString()}`);
    return undefined;
  });
}
