// A scalar expression in given parameters as a plain function of numbers: the partial derivatives
// an operator's table entry gives symbolically (σ'(u) = σ(u)(1 − σ(u))) become the float kernels
// of reverse-mode differentiation.
import { mathError } from "../errors.js";
import type { Node } from "../graph/node.js";
import { lookupOperator } from "../graph/operators.js";
import { toText } from "../graph/print/forms.js";

export type ScalarKernel = (xs: readonly number[]) => number;

export function scalarKernel(n: Node, params: readonly Node[]): ScalarKernel {
  const k = params.indexOf(n);
  if (k >= 0) return (xs) => xs[k];
  switch (n.kind) {
    case "num": {
      const v = n.value.toNumber();
      return () => v;
    }
    case "float":
      return () => n.value;
    case "const": {
      const v = n.name === "π" ? Math.PI : Math.E;
      return () => v;
    }
    case "add": {
      const terms = n.terms.map((t) => scalarKernel(t, params));
      return (xs) => terms.reduce((s, t) => s + t(xs), 0);
    }
    case "mul": {
      const factors = n.factors.map((f) => scalarKernel(f, params));
      return (xs) => factors.reduce((p, f) => p * f(xs), 1);
    }
    case "pow": {
      const base = scalarKernel(n.base, params);
      const exp = scalarKernel(n.exp, params);
      return (xs) => Math.pow(base(xs), exp(xs));
    }
    case "apply": {
      const f = lookupOperator(n.op)?.float;
      if (!f) break;
      const args = n.args.map((a) => scalarKernel(a, params));
      return (xs) => f(...args.map((a) => a(xs)));
    }
    default:
  }
  throw mathError(`${toText(n)} has no float kernel`);
}
