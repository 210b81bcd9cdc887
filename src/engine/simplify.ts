// simplify: named rewrite rules run to a fixed point under an iteration limit, then the smallest of
// the expression, its expansion and its factored form.
import { rethrowStop } from "../errors.js";
import { ONE, add, apply, constant, neg, sub } from "../graph/construct.js";
import type { Node } from "../graph/node.js";
import { rewrite, childrenOf } from "../graph/traverse.js";
import { expand } from "./expand.js";
import { factor } from "./factor.js";

export interface Rule {
  name: string;
  apply: (n: Node) => Node | undefined;
}

const square = (n: Node, op: string): Node | undefined =>
  n.kind === "pow" &&
  n.base.kind === "apply" &&
  n.base.op === op &&
  n.exp.kind === "num" &&
  n.exp.value.num === 2n &&
  n.exp.value.den === 1n
    ? n.base.args[0]
    : undefined;

/** The identities a student's answer most often needs. */
export const RULES: Rule[] = [
  {
    name: "sin²+cos²",
    apply: (n) => {
      if (n.kind !== "add") return undefined;
      for (const t of n.terms) {
        const x = square(t, "sin");
        if (x && n.terms.some((u) => square(u, "cos") === x)) {
          return add(...n.terms.filter((u) => u !== t && square(u, "cos") !== x), ONE);
        }
      }
      return undefined;
    },
  },
  {
    name: "cosh²−sinh²",
    apply: (n) => {
      if (n.kind !== "add") return undefined;
      for (const t of n.terms) {
        const x = square(t, "cosh");
        const minus = n.terms.find(
          (u) =>
            u.kind === "mul" &&
            u.factors.length === 2 &&
            u.factors[0].kind === "num" &&
            u.factors[0].value.num === -1n &&
            square(u.factors[1], "sinh") === x,
        );
        if (x && minus) return add(...n.terms.filter((u) => u !== t && u !== minus), ONE);
      }
      return undefined;
    },
  },
  {
    name: "exp-log",
    apply: (n) =>
      n.kind === "pow" && n.base === constant("e") && n.exp.kind === "apply" && n.exp.op === "log"
        ? n.exp.args[0]
        : undefined,
  },
  {
    name: "sigmoid-complement",
    // σ(−x) = 1 − σ(x)
    apply: (n) => {
      if (n.kind !== "apply" || n.op !== "sigmoid") return undefined;
      const x = n.args[0];
      if (x.kind === "mul" && x.factors[0].kind === "num" && x.factors[0].value.sign() < 0) {
        return sub(ONE, apply("sigmoid", [neg(x)]));
      }
      return undefined;
    },
  },
];

function size(n: Node): number {
  let count = 0;
  const seen = new Set<Node>();
  const walk = (x: Node) => {
    if (seen.has(x)) return;
    seen.add(x);
    count++;
    childrenOf(x).forEach(walk);
  };
  walk(n);
  return count;
}

export function applyRules(root: Node, rules: readonly Rule[] = RULES, maxRounds = 8): Node {
  let current = root;
  for (let round = 0; round < maxRounds; round++) {
    const next = rewrite(current, (n) => {
      for (const rule of rules) {
        const r = rule.apply(n);
        if (r) return r;
      }
      return undefined;
    });
    if (next === current) break;
    current = next;
  }
  return current;
}

export function simplify(root: Node): Node {
  const ruled = applyRules(root);
  const candidates = [ruled, applyRules(expand(ruled))];
  try {
    candidates.push(factor(ruled));
  } catch (err) {
    // factor gives up on what it cannot read; the other forms remain. A limit or an interrupt stops.
    rethrowStop(err);
  }
  return candidates.reduce((best, c) => (size(c) < size(best) ? c : best));
}
