// The branches of the piecewise functions: the arguments whose signs pick a piece, and what each
// sign says in words. The search tries both sides of each (points.ts: their zeros are breakpoints),
// and a sampled verdict needs each side compared (coverage.ts).
import type { Node } from "../../graph/node.js";
import { MINUS_ONE, ONE, sub } from "../../graph/construct.js";
import { toPretty } from "../../graph/print/forms.js";

/** One argument whose sign picks a branch, and what each sign means in words. */
export interface Branch {
  u: Node;
  /** The argument named for people: "relu's argument x − 1", "max's argument x" (printed when asked). */
  subject: () => string;
  /** What u < 0 and u > 0 say of the subject: "negative"/"positive", "less than y"/"greater than y". */
  sides: () => { [-1]: string; 1: string };
}

const PLAIN = { [-1]: "negative", 1: "positive" } as const;

/**
 * A root (a power that is not whole) of an even power, v² under √ or under ^(1/6), is |v| or a power
 * of it: piecewise as abs is, with v's sign picking the piece (√((x − 1)²) + x − 1 is 2·relu(x − 1)).
 */
function rootsOfEvenPowers(n: Node): Branch[] {
  const base =
    n.kind === "pow" && !(n.exp.kind === "num" && n.exp.value.isInteger())
      ? n.base
      : n.kind === "apply" && n.op === "sqrt"
        ? n.args[0]
        : null;
  if (!base || n.shape.length > 0) return [];
  const factors = base.kind === "mul" ? base.factors : [base];
  return factors.flatMap((f) =>
    f.kind === "pow" && f.exp.kind === "num" && f.exp.value.isInteger() && f.exp.value.num % 2n === 0n
      ? [{ u: f.base, subject: () => `${toPretty(f.base)} in ${toPretty(n)}`, sides: () => PLAIN }]
      : [],
  );
}

/**
 * The branches a node picks between: an application of a piecewise function, or a root of an even
 * power (none for other nodes).
 */
export function branchArguments(n: Node): Branch[] {
  if (n.kind === "pow" || (n.kind === "apply" && n.op === "sqrt")) return rootsOfEvenPowers(n);
  if (n.kind !== "apply" || n.shape.length > 0) return [];
  const [u] = n.args;
  switch (n.op) {
    case "abs":
    case "sign":
    case "step":
    case "relu":
    case "leaky_relu":
      return [{ u, subject: () => `${n.op}'s argument ${toPretty(u)}`, sides: () => PLAIN }];
    case "hardtanh": {
      const subject = () => `hardtanh's argument ${toPretty(u)}`;
      return [
        { u: sub(u, ONE), subject, sides: () => ({ [-1]: "below 1", 1: "above 1" }) },
        { u: sub(u, MINUS_ONE), subject, sides: () => ({ [-1]: "below −1", 1: "above −1" }) },
      ];
    }
    case "max":
    case "min": {
      const found: Branch[] = [];
      for (let i = 0; i < n.args.length; i++)
        for (let j = i + 1; j < n.args.length; j++) {
          const [a, b] = [n.args[i], n.args[j]];
          found.push({
            u: sub(a, b),
            subject: () => `${n.op}'s argument ${toPretty(a)}`,
            sides: () => ({ [-1]: `less than ${toPretty(b)}`, 1: `greater than ${toPretty(b)}` }),
          });
        }
      return found;
    }
    default:
      return [];
  }
}
