// Symbolic differentiation of scalar expressions: sum, product and power rules here, every function's
// partials from its operator-table entry, the chain rule joining them. Memoised per call, so a shared
// subexpression is differentiated once.
import { mathError } from "../errors.js";
import { ONE, ZERO, add, addAll, apply, indexed, int, mul, pow, sub, sym, tensor } from "../graph/construct.js";
import { rewrite } from "../graph/traverse.js";
import { sumOf } from "./sums.js";
import { matrixGradient, matrixJacobian } from "./matrix-calculus.js";
import type { Node } from "../graph/node.js";
import { lookupOperator } from "../graph/operators.js";
import { isScalar } from "../graph/shape.js";
import { mayDependOn } from "../graph/symbols.js";
import { isDigits } from "../syntax/names.js";
import { type Poly, expandedPolynomial } from "./polynomial.js";

/** Kinds whose derivative is 0 when x does not occur in them (a tensor's is a zero tensor). */
const CONSTANT_IF_FREE = new Set<Node["kind"]>(["add", "mul", "pow", "apply"]);

export function differentiate(expr: Node, wrt: Node, order = 1): Node {
  let result = expr;
  for (let k = 0; k < order; k++) result = derivative(result, wrt);
  return result;
}

function derivative(root: Node, x: Node): Node {
  const memo = new Map<Node, Node>();
  const d = (n: Node): Node => {
    const seen = memo.get(n);
    if (seen) return seen;
    const result = rule(n);
    memo.set(n, result);
    return result;
  };
  const rule = (n: Node): Node => {
    if (n === x) return ONE;
    if (CONSTANT_IF_FREE.has(n.kind) && isScalar(n.shape) && !mayDependOn(n, x)) return ZERO;
    switch (n.kind) {
      case "num":
      case "float":
      case "const":
      case "str":
        return ZERO;
      case "sym":
        return ZERO;
      case "indexed":
        return ZERO;
      case "add":
        return addAll(n.terms.map(d));
      case "mul": {
        const terms = n.factors.map((f, i) => {
          const df = d(f);
          return df === ZERO ? ZERO : mul(...n.factors.slice(0, i), df, ...n.factors.slice(i + 1));
        });
        return addAll(terms);
      }
      case "pow": {
        const { base, exp } = n;
        const dBase = d(base);
        const dExp = d(exp);
        if (dExp === ZERO) return dBase === ZERO ? ZERO : mul(exp, pow(base, sub(exp, ONE)), dBase);
        // d(b^u) = b^u (u' ln b + u b'/b)
        return mul(n, add(mul(dExp, apply("log", [base])), mul(exp, dBase, pow(base, int(-1)))));
      }
      case "apply": {
        const entry = lookupOperator(n.op);
        if (!entry?.partials) throw mathError(`Nabla cannot yet differentiate ${n.op}`);
        const partials = entry.partials(n.args);
        return add(
          ...n.args.map((a, i) => {
            const da = d(a);
            return da === ZERO ? ZERO : mul(partials[i], da);
          }),
        );
      }
      case "tensor":
        return tensor(n.shape, n.entries.map(d));
      case "bigop":
        return sumDerivative(n, x);
      case "tuple":
      case "rel":
      case "record":
        throw mathError(`cannot differentiate a ${n.kind === "rel" ? "relation" : n.kind}`);
    }
  };
  // By a vector: the gradient of a scalar, the Jacobian of a vector (∂(A x + b)/∂x = A).
  if (!isScalar(x.shape)) return isScalar(root.shape) ? matrixGradient(root, x) : matrixJacobian(root, x);
  return d(root);
}

/**
 * d/dv Σ_i body = Σ_i ∂body/∂v, and when v is x_k for an x the body indexes as x_i, the term i = k
 * adds (∂body/∂x_i) at i = k: ∂/∂x_k Σ_i x_i² = 2x_k (k is taken to lie within the bounds).
 */
function sumDerivative(n: Node & { kind: "bigop" }, v: Node): Node {
  if (n.op !== "sum") throw mathError("Nabla differentiates Σ, not yet ∏");
  const inner = differentiate(n.body, v);
  const parts: Node[] = [inner === ZERO ? ZERO : sumOf(n.index, n.from, n.to, inner)];
  if (v.kind === "sym" && v.name.includes("_")) {
    const [base, k] = [v.name.slice(0, v.name.indexOf("_")), v.name.slice(v.name.indexOf("_") + 1)];
    const xi = indexed(base, n.index);
    const partial = differentiate(n.body, xi);
    if (partial !== ZERO) {
      const kNode = isDigits(k) ? int(Number(k)) : sym(k);
      parts.push(
        rewrite(partial, (m) =>
          m === n.index ? kNode : m.kind === "indexed" && m.index === kNode ? sym(`${m.base}_${k}`) : undefined,
        ),
      );
    }
  }
  return addAll(parts);
}

/**
 * An expanded polynomial in scalar symbols, to be differentiated as a polynomial (the same nodes
 * the rules give, built once instead of term by term), with where each of `vars` stands among its
 * generators (−1: absent, the partial is 0); null otherwise.
 */
function asPolynomial(expr: Node, vars: readonly Node[]): { p: Poly; at: number[] } | null {
  if (!vars.every((v) => v.kind === "sym" && isScalar(v.shape))) return null;
  const p = expandedPolynomial(expr);
  return p && { p, at: vars.map((v) => p.gens.indexOf(v)) };
}

/** ∇f: the vector of first partials, in the order of `vars`; by a vector symbol, in matrix form. */
export function gradient(expr: Node, vars: readonly Node[]): Node {
  if (vars.length === 1 && !isScalar(vars[0].shape)) return matrixGradient(expr, vars[0]);
  if (!isScalar(expr.shape)) throw mathError("∇ needs a scalar expression; use jacobian for a vector");
  const poly = asPolynomial(expr, vars);
  if (poly)
    return tensor(
      [vars.length],
      poly.at.map((k) => (k < 0 ? ZERO : poly.p.derivative(k).toNode())),
    );
  return tensor(
    [vars.length],
    vars.map((v) => differentiate(expr, v)),
  );
}

/** ∇²f: the matrix of second partials (symmetric; each pair computed once). */
export function hessian(expr: Node, vars: readonly Node[]): Node {
  if (vars.length === 1 && !isScalar(vars[0].shape)) return matrixJacobian(matrixGradient(expr, vars[0]), vars[0]);
  const n = vars.length;
  const poly = asPolynomial(expr, vars);
  const second = poly
    ? (() => {
        const first = poly.at.map((k) => (k < 0 ? null : poly.p.derivative(k)));
        return (i: number, j: number) => {
          const d = first[i];
          return d && poly.at[j] >= 0 ? d.derivative(poly.at[j]).toNode() : ZERO;
        };
      })()
    : (() => {
        const first = vars.map((v) => differentiate(expr, v));
        return (i: number, j: number) => differentiate(first[i], vars[j]);
      })();
  const entries: Node[] = new Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const h = second(i, j);
      entries[i * n + j] = h;
      entries[j * n + i] = h;
    }
  }
  return tensor([n, n], entries);
}

export function jacobian(exprs: readonly Node[], vars: readonly Node[]): Node {
  // A vector expression by a vector symbol: the Jacobian in matrix form (jacobian(A x + b, x) = A).
  if (exprs.length === 1 && vars.length === 1 && vars[0].shape.length === 1) return matrixJacobian(exprs[0], vars[0]);
  return tensor(
    [exprs.length, vars.length],
    exprs.flatMap((e) => vars.map((v) => differentiate(e, v))),
  );
}
