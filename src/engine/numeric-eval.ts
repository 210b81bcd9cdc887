// Fast float evaluation of a node at a point, for equivalence checks and plots: a memoised walk
// using each operator's float kernel. NaN stands for "undefined here" (log of a negative, a pole).
import type { Node } from "../graph/node.js";
import { lookupOperator } from "../graph/operators.js";

export function evaluateAt(root: Node, point: ReadonlyMap<Node, number>): number {
  const memo = new Map<Node, number>();
  const walk = (n: Node): number => {
    const seen = memo.get(n);
    if (seen !== undefined) return seen;
    let v: number;
    switch (n.kind) {
      case "num":
        v = n.value.toNumber();
        break;
      case "float":
        v = n.value;
        break;
      case "const":
        v = n.name === "π" ? Math.PI : Math.E;
        break;
      case "sym":
      case "indexed":
        v = point.get(n) ?? NaN;
        break;
      case "add":
        v = n.terms.reduce((s, t) => s + walk(t), 0);
        break;
      case "mul":
        v = n.factors.reduce((p, f) => p * walk(f), 1);
        break;
      case "pow": {
        const b = walk(n.base);
        const e = walk(n.exp);
        v = b === 0 && e < 0 ? NaN : Math.pow(b, e);
        break;
      }
      case "apply": {
        const kernel = lookupOperator(n.op)?.float;
        v = kernel ? kernel(...n.args.map(walk)) : NaN;
        break;
      }
      default:
        v = NaN;
    }
    if (!Number.isFinite(v)) v = NaN;
    memo.set(n, v);
    return v;
  };
  return walk(root);
}
