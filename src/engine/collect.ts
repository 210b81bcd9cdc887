// collect(expr, x): the expansion grouped by powers of x, highest first: (a + b)x² + c x + d.
import { ZERO, add, addAll, int, mul, mulAll, pow } from "../graph/construct.js";
import type { Node } from "../graph/node.js";
import { differentiate } from "./differentiate.js";
import { expand } from "./expand.js";

export function collect(expr: Node, x: Node): Node {
  const e = expand(expr);
  const terms = e.kind === "add" ? e.terms : [e];
  const byPower = new Map<number, Node[]>();
  for (const t of terms) {
    let k = 0;
    let rest = t;
    // The power of x in a term is how often it can be differentiated before x disappears.
    while (k < 50 && differentiate(rest, x) !== ZERO && rest !== x) {
      const factors = rest.kind === "mul" ? rest.factors : [rest];
      const xf = factors.find(
        (f) => f === x || (f.kind === "pow" && f.base === x && f.exp.kind === "num" && f.exp.value.isInteger()),
      );
      if (!xf) break;
      k = xf === x ? 1 : Number((xf as { exp: { value: { num: bigint } } }).exp.value.num);
      rest = mulAll(factors.filter((f) => f !== xf));
      break;
    }
    if (rest === x) {
      k = 1;
      rest = int(1);
    }
    byPower.set(k, [...(byPower.get(k) ?? []), rest]);
  }
  const powers = [...byPower.keys()].sort((a, b) => b - a);
  return addAll(powers.map((k) => mul(add(...byPower.get(k)!), pow(x, int(k)))));
}
