// Matrix calculus in closed matrix form. The gradient of a scalar with respect to a vector or matrix
// symbol is a reverse sweep over the expression (adjoints are matrix expressions: for C = AB,
// Ā += C̄Bᵀ and B̄ += AᵀC̄); the Jacobian of a vector expression is a forward sweep
// (J(Mu) = M J(u), J(φ(u)) = diag(φ'(u)) J(u)). Results print in matrix notation: ∇ₓ(xᵀAx) = (A + Aᵀ)x.
import { mathError } from "../errors.js";
import { ONE, ZERO, add, addAll, apply, mul, mulAll, pow, sub, sym } from "../graph/construct.js";
import type { Apply, Node } from "../graph/node.js";
import { lookupOperator } from "../graph/operators.js";
import { isScalar, showShape, type Dim } from "../graph/shape.js";
import { childrenOf, rewrite } from "../graph/traverse.js";
import { expand } from "./expand.js";
import { toPretty } from "../graph/print/forms.js";
import { FINISHING_RULES, MATRIX_RULES } from "./matrix-calculus-rules.js";
import { applyRules } from "./simplify.js";

const transpose = (a: Node) => apply("transpose", [a]);
const matmul = (a: Node, b: Node) => (isScalar(a.shape) || isScalar(b.shape) ? mul(a, b) : apply("matmul", [a, b]));
/** ⟨a, b⟩ = Σ aᵢⱼbᵢⱼ: the scalar a scalar factor's adjoint collects from an array product. */
const inner = (a: Node, b: Node) => (isScalar(a.shape) ? mul(a, b) : apply("sum", [mul(a, b)]));

function dependsOn(n: Node, x: Node, memo: Map<Node, boolean>): boolean {
  if (n === x) return true;
  const seen = memo.get(n);
  if (seen !== undefined) return seen;
  const result = childrenOf(n).some((c) => dependsOn(c, x, memo));
  memo.set(n, result);
  return result;
}

/** Nodes reachable from the root, children before parents. */
function topological(root: Node): Node[] {
  const order: Node[] = [];
  const done = new Set<Node>();
  const stack: [Node, boolean][] = [[root, false]];
  while (stack.length) {
    const [n, expanded] = stack.pop()!;
    if (done.has(n)) continue;
    if (expanded) {
      done.add(n);
      order.push(n);
      continue;
    }
    stack.push([n, true]);
    for (const c of childrenOf(n)) if (!done.has(c)) stack.push([c, false]);
  }
  return order;
}

/** Collapses a sum Σ Mᵢ v into (Σ Mᵢ) v: Aᵀx + Ax = (A + Aᵀ)x. */
function collectRight(n: Node): Node {
  if (n.kind !== "add") return n;
  const groups = new Map<Node, Node[]>();
  const rest: Node[] = [];
  for (const t of n.terms) {
    if (t.kind === "apply" && t.op === "matmul") {
      const right = t.args[1];
      groups.set(right, [...(groups.get(right) ?? []), t.args[0]]);
    } else rest.push(t);
  }
  const collected = [...groups].map(([right, lefts]) =>
    lefts.length > 1 ? matmul(addAll(lefts), right) : matmul(lefts[0], right),
  );
  return add(...collected, ...rest);
}

/** ∂f/∂X for a scalar f and a vector or matrix symbol X, in the shape of X. */
export function matrixGradient(f: Node, x: Node): Node {
  if (!isScalar(f.shape))
    throw mathError(`the gradient needs a scalar expression, not a ${showShape(f.shape)}; use jacobian`);
  const memo = new Map<Node, boolean>();
  const adjoint = new Map<Node, Node>([[f, ONE]]);
  const accumulate = (n: Node, contribution: Node) => {
    if (!dependsOn(n, x, memo) || contribution === ZERO) return;
    const prior = adjoint.get(n);
    adjoint.set(n, prior ? add(prior, contribution) : contribution);
  };
  const order = topological(f).reverse();
  for (const n of order) {
    const bar = adjoint.get(n);
    if (!bar || n === x) continue;
    switch (n.kind) {
      case "add":
        for (const t of n.terms) accumulate(t, isScalar(t.shape) && !isScalar(n.shape) ? apply("sum", [bar]) : bar);
        break;
      case "mul":
        n.factors.forEach((factor, i) => {
          if (!dependsOn(factor, x, memo)) return;
          const others = mulAll(n.factors.filter((_, j) => j !== i));
          accumulate(factor, isScalar(factor.shape) && !isScalar(n.shape) ? inner(bar, others) : mul(bar, others));
        });
        break;
      case "pow":
        // d(bᵘ) = bᵘ (ln b du + u db/b): e^(−‖x‖²/2) as well as x².
        if (dependsOn(n.exp, x, memo)) {
          const share = mul(n, apply("log", [n.base]));
          accumulate(n.exp, isScalar(n.exp.shape) && !isScalar(n.shape) ? inner(bar, share) : mul(bar, share));
        }
        accumulate(n.base, mul(bar, n.exp, pow(n.base, sub(n.exp, ONE))));
        break;
      case "apply":
        applyAdjoint(n, bar, accumulate);
        break;
      case "num":
      case "float":
      case "const":
      case "sym":
        break;
      default:
        throw mathError(`Nabla cannot differentiate a ${n.kind} by a ${showShape(x.shape)}`);
    }
  }
  return tidy(adjoint.get(x) ?? ZERO);
}

/** The smaller of the adjoint and its expansion (entrywise algebra cancels σ/σ and the like), with Σ Mᵢv collected. */
function tidy(raw: Node): Node {
  const n = applyRules(raw, MATRIX_RULES);
  const candidates = [n, expand(n), expand(rewrite(n, distributeOverQuotients))]
    .map((c) => (c === n ? c : applyRules(c, MATRIX_RULES)))
    .map(collectRight);
  // Shared scalar factors come out last, once the form is chosen: (σ(z) − y)/n.
  return applyRules(
    candidates.reduce((best, c) => (size(c) < size(best) ? c : best)),
    FINISHING_RULES,
  );
}

/**
 * σ ⊙ (a/(1 − σ) − b/σ) ⊙ (1 − σ): multiply the other factors into the sum whose terms divide, so
 * the quotients cancel before anything else is expanded.
 */
function distributeOverQuotients(n: Node): Node | undefined {
  if (n.kind !== "mul") return undefined;
  const hasQuotient = (t: Node) =>
    (t.kind === "mul" ? t.factors : [t]).some(
      (f) => f.kind === "pow" && f.exp.kind === "num" && f.exp.value.sign() < 0,
    );
  const i = n.factors.findIndex((f) => f.kind === "add" && f.terms.some(hasQuotient));
  if (i < 0) return undefined;
  const others = n.factors.filter((_, j) => j !== i);
  return addAll((n.factors[i] as Node & { kind: "add" }).terms.map((t) => mul(...others, t)));
}

function size(n: Node): number {
  const seen = new Set<Node>();
  const walk = (m: Node) => {
    if (seen.has(m)) return;
    seen.add(m);
    childrenOf(m).forEach(walk);
  };
  walk(n);
  return seen.size;
}

/** An application's share of its arguments' adjoints: the row's own rule (array operators), else its partials. */
function applyAdjoint(n: Node & { kind: "apply" }, bar: Node, accumulate: (n: Node, c: Node) => void): void {
  const entry = lookupOperator(n.op);
  if (entry?.adjoint) {
    entry.adjoint(n, bar).forEach((share, i) => accumulate(n.args[i], share));
    return;
  }
  if (!entry?.partials) throw mathError(`Nabla cannot yet differentiate ${n.op} in matrix form`);
  const partials = entry.partials(n.args);
  n.args.forEach((arg, i) => accumulate(arg, mul(bar, partials[i])));
}

/** The n×n identity as matrix calculus writes it: the symbol I, which matrix products drop. */
export function identitySymbol(n: Dim): Node {
  return sym("I", [n, n]);
}

/**
 * ∂u/∂x for a vector (or scalar) u and a vector symbol x: the m×n Jacobian, by forward rules —
 * J(Mu) = M J(u), J(φ(u)) = diag(φ′(u)) J(u), J(u ⊙ v) = diag(v) J(u) + diag(u) J(v), J(s u) =
 * s J(u) + u ∇sᵀ for a scalar s, and a vector operator's own Jacobian from its row (softmax:
 * diag(s) − s sᵀ). A scalar's Jacobian is its gradient as a row.
 */
export function matrixJacobian(u: Node, x: Node): Node {
  if (x.shape.length !== 1) throw mathError("the Jacobian is taken with respect to a vector");
  if (u.shape.length > 1)
    throw mathError(
      `the Jacobian of a ${showShape(u.shape)} by a vector is a tensor of rank 3, which Nabla does not write`,
    );
  const memo = new Map<Node, boolean>();
  const known = new Map<Node, Node>();
  const identity = identitySymbol(x.shape[0]);
  const depends = (v: Node) => dependsOn(v, x, memo);
  /** A vector's Jacobian times a diagonal: diag(d) J, or d J for a scalar d. */
  const scaled = (d: Node, j: Node) => (isScalar(d.shape) ? mul(d, j) : matmul(apply("diag", [d]), j));
  const J = (v: Node): Node => {
    const seen = known.get(v);
    if (seen) return seen;
    const result = rule(v);
    known.set(v, result);
    return result;
  };
  const rule = (v: Node): Node => {
    if (v === x) return identity;
    if (!depends(v)) return ZERO;
    if (isScalar(v.shape)) return transpose(matrixGradient(v, x));
    switch (v.kind) {
      case "add":
        // A scalar term of a vector sum is added to every entry: its Jacobian is 𝟏 ∇sᵀ.
        return addAll(v.terms.map((t) => (isScalar(t.shape) ? matmul(sym("𝟏", v.shape), J(t)) : J(t))));
      case "mul":
        return add(
          ...v.factors.map((factor, i) => {
            if (!depends(factor)) return ZERO;
            const others = mulAll(v.factors.filter((_, j) => j !== i));
            return isScalar(factor.shape) ? matmul(others, J(factor)) : scaled(others, J(factor));
          }),
        );
      case "pow": {
        // A vector bˢ with a varying scalar exponent s: (bˢ ⊙ ln b) ∇sᵀ.
        const byExponent = depends(v.exp) ? matmul(mul(v, apply("log", [v.base])), J(v.exp)) : ZERO;
        return add(scaled(mul(v.exp, pow(v.base, sub(v.exp, ONE))), J(v.base)), byExponent);
      }
      case "apply":
        return applicationJacobian(v, J, scaled, depends);
      default:
        throw mathError(`Nabla cannot take the Jacobian of a ${v.kind}`);
    }
  };
  return tidy(simplifyIdentity(J(u)));
}

/**
 * The Jacobian of an application: a matrix product's two sides, a row's own Jacobian, else its partials entry by entry.
 */
function applicationJacobian(
  v: Apply,
  J: (v: Node) => Node,
  scaled: (d: Node, j: Node) => Node,
  depends: (v: Node) => boolean,
): Node {
  if (v.op === "matmul") {
    const [a, b] = v.args;
    const parts = [depends(b) ? matmul(a, J(b)) : ZERO];
    if (depends(a)) {
      // (u wᵀ) b = u (wᵀb) and diag(d) b = b ⊙ d: rewritten so that the varying side is a vector.
      if (a.kind === "apply" && a.op === "matmul" && a.args[1].shape.length === 2 && a.args[1].shape[0] === 1)
        parts.push(J(mul(a.args[0], matmul(a.args[1], b))));
      else if (a.kind === "apply" && a.op === "diag" && a.args[0].shape.length === 1) parts.push(J(mul(a.args[0], b)));
      else throw mathError("the Jacobian of M·u handles a matrix M that does not depend on the variable");
    }
    return addAll(parts);
  }
  const entry = lookupOperator(v.op);
  if (entry?.jacobian) {
    const own = entry.jacobian(v);
    return addAll(v.args.map((arg, i) => (depends(arg) ? matmul(own[i], J(arg)) : ZERO)));
  }
  if (entry?.partials) {
    const partials = entry.partials(v.args);
    return add(
      ...v.args.map((arg, i) => {
        if (!depends(arg)) return ZERO;
        return isScalar(arg.shape) ? matmul(partials[i], J(arg)) : scaled(partials[i], J(arg));
      }),
    );
  }
  throw mathError(`Nabla cannot yet take the Jacobian of ${v.op}`);
}

/** M I = M and I M = M for the identity symbol I. */
function simplifyIdentity(n: Node): Node {
  if (n.kind === "apply" && n.op === "matmul") {
    const [a, b] = n.args.map(simplifyIdentity);
    if (b.kind === "sym" && b.name === "I") return a;
    if (a.kind === "sym" && a.name === "I") return b;
    return matmul(a, b);
  }
  if (n.kind === "add") return addAll(n.terms.map(simplifyIdentity));
  return n;
}

/**
 * What a gradient's formula does not say by itself: sign(u) (from |u| or a 1-norm) is a
 * subgradient where an entry of u is 0, and the ∞-norm's gradient holds only where the largest
 * |vᵢ| is unique. One sentence per such place, for the session to show beside the result.
 */
export function subgradientNotes(result: Node): string[] {
  const notes: string[] = [];
  const seen = new Set<Node>();
  const visit = (n: Node) => {
    if (seen.has(n)) return;
    seen.add(n);
    if (n.kind === "apply" && n.op === "sign" && !isScalar(n.shape))
      notes.push(
        `sign(${toPretty(n.args[0])}) is a subgradient: where an entry of ${toPretty(n.args[0])} is 0 there is no derivative, and sign gives 0, one value of [−1, 1]`,
      );
    if (n.kind === "apply" && n.op === "step" && n.args[0].kind === "add") {
      const norm = n.args[0].terms.find(
        (t) => t.kind === "mul" && t.factors[1]?.kind === "apply" && t.factors[1].op === "norm",
      );
      if (norm)
        notes.push(
          `the ∞-norm's gradient ${toPretty(n)} holds where the largest |entry| is unique; at a tie there is none`,
        );
    }
    childrenOf(n).forEach(visit);
  };
  visit(result);
  return notes;
}
