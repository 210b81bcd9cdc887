// Named rewrite rules that bring matrix-calculus results to the forms of the references (The
// Matrix Cookbook, the notes): the logistic function recognised in 1/(1 + e⁻ᵘ), e^w σ(−w) = σ(w),
// and σ(−u) = 1 − σ(u) beside σ(u), so the logistic loss's Hessian reads diag(σ(u) ⊙ (1 − σ(u))).
import { MINUS_ONE, ONE, add, addAll, apply, isZero, mul, mulAll, neg, pow, sub, sym } from "../graph/construct.js";
import { isScalar } from "../graph/shape.js";
import type { Node } from "../graph/node.js";
import type { Rule } from "./simplify.js";

/** w when n is e^w (a scalar's power of e, or exp of an array), else undefined. */
function exponentOf(n: Node): Node | undefined {
  if (n.kind === "apply" && n.op === "exp") return n.args[0];
  if (n.kind === "pow" && n.base.kind === "const" && n.base.name === "e") return n.exp;
  return undefined;
}

const sigmoid = (u: Node) => apply("sigmoid", [u]);

/** σ(−u) or a power of it: a logistic of an argument with a leading minus sign. */
function looksNegated(f: Node): boolean {
  const [b] = baseAndPower(f);
  const u = b.kind === "apply" ? b.args[0] : b;
  return u.kind === "mul" && u.factors[0].kind === "num" && u.factors[0].value.sign() < 0;
}

/** A factor's base and whole exponent: σ(u)² is [σ(u), 2]. */
function baseAndPower(f: Node): [Node, Node] {
  return f.kind === "pow" ? [f.base, f.exp] : [f, ONE];
}

export const MATRIX_RULES: Rule[] = [
  {
    // (1 + e^w)⁻ᵏ = σ(−w)ᵏ: 1/(1 + e^(−u)) is σ(u).
    name: "logistic",
    apply: (n) => {
      if (n.kind !== "pow" || n.exp.kind !== "num" || !n.exp.value.isInteger() || n.exp.value.sign() >= 0) return;
      const base = n.base;
      if (base.kind !== "add" || base.terms.length !== 2) return;
      const one = base.terms.find((t) => t === ONE);
      const other = base.terms.find((t) => t !== ONE);
      const w = other && exponentOf(other);
      if (!one || !w) return;
      return pow(sigmoid(neg(w)), neg(n.exp));
    },
  },
  {
    // e^w σ(−w)ᵏ = σ(w) σ(−w)ᵏ⁻¹: e^w/(1 + e^w) is σ(w).
    name: "exp-times-logistic",
    apply: (n) => {
      if (n.kind !== "mul") return;
      for (const f of n.factors) {
        const w = exponentOf(f);
        if (!w) continue;
        const partner = n.factors.find((g) => {
          const [b] = baseAndPower(g);
          return b.kind === "apply" && b.op === "sigmoid" && b.args[0] === neg(w);
        });
        if (!partner) continue;
        const [b, k] = baseAndPower(partner);
        const rest = n.factors.filter((g) => g !== f && g !== partner);
        return mul(...rest, sigmoid(w), pow(b, sub(k, ONE)));
      }
      return;
    },
  },
  {
    // σ(u) ⊙ σ(−u) = σ(u) ⊙ (1 − σ(u)): σ′ as the references write it.
    name: "logistic-complement",
    apply: (n) => {
      if (n.kind !== "mul") return;
      // σ of a positive-looking argument is the one kept: σ(u) ⊙ (1 − σ(u)), not σ(−u) ⊙ (1 − σ(−u)).
      const ordered = [...n.factors].sort((f, g) => Number(looksNegated(f)) - Number(looksNegated(g)));
      for (const f of ordered) {
        const [b, k] = baseAndPower(f);
        if (b.kind !== "apply" || b.op !== "sigmoid") continue;
        const mirror = sigmoid(neg(b.args[0]));
        const partner = n.factors.find((g) => baseAndPower(g)[0] === mirror);
        if (!partner || isZero(k)) continue;
        const [, j] = baseAndPower(partner);
        const rest = n.factors.filter((g) => g !== partner);
        return mul(...rest, pow(sub(ONE, sigmoid(b.args[0])), j));
      }
      return;
    },
  },
  {
    // σ(−u) ⊙ (1 − σ(−u)) = σ(u) ⊙ (1 − σ(u)): σ′ is even, and the references write it with u.
    name: "logistic-derivative-even",
    apply: (n) => {
      if (n.kind !== "mul") return;
      for (const f of n.factors) {
        if (f.kind !== "apply" || f.op !== "sigmoid" || !looksNegated(f)) continue;
        const complement = sub(ONE, f);
        if (!n.factors.includes(complement)) continue;
        const u = neg(f.args[0]);
        const rest = n.factors.filter((g) => g !== f && g !== complement);
        return mul(...rest, sigmoid(u), sub(ONE, sigmoid(u)));
      }
      return;
    },
  },
  {
    // 1 − σ(−u) = σ(u), in a sum.
    name: "logistic-complement-sum",
    apply: (n) => {
      if (n.kind !== "add" || !n.terms.includes(ONE)) return;
      const t = n.terms.find(
        (m) =>
          m.kind === "mul" &&
          m.factors.length === 2 &&
          m.factors[0] === MINUS_ONE &&
          m.factors[1].kind === "apply" &&
          m.factors[1].op === "sigmoid" &&
          looksNegated(m.factors[1]),
      );
      if (!t || t.kind !== "mul") return;
      const s = t.factors[1] as Node & { kind: "apply" };
      return add(...n.terms.filter((m) => m !== t && m !== ONE), sigmoid(neg(s.args[0])));
    },
  },
  {
    // u sign(u) = |u| for a scalar u: ∂ log|det X| reads X⁻ᵀ.
    name: "sign-times-self",
    apply: (n) => {
      if (n.kind !== "mul") return;
      const s = n.factors.find(
        (f) => f.kind === "apply" && f.op === "sign" && isScalar(f.shape) && n.factors.includes(f.args[0]),
      );
      if (!s || s.kind !== "apply") return;
      return mul(...n.factors.filter((f) => f !== s && f !== s.args[0]), apply("abs", [s.args[0]]));
    },
  },
  {
    // M⁻¹ M = I inside a chain of matrix products (and M⁻ᵀ Mᵀ): ∂ tr(X⁻¹ A X)/∂X is 0.
    name: "inverse-cancels",
    apply: (n) => {
      if (n.kind !== "apply" || n.op !== "matmul") return;
      const chain = productChain(n);
      for (let i = 0; i + 1 < chain.length; i++) {
        if (!cancels(chain[i], chain[i + 1])) continue;
        const rest = [...chain.slice(0, i), ...chain.slice(i + 2)];
        const d = chain[i].shape[0];
        if (rest.length === 0) return sym("I", [d, d]);
        return rest.reduce((a, b) => apply("matmul", [a, b]));
      }
      return;
    },
  },
];

/** Rules for the form once chosen (they would bias the choice of the smallest form if run before it). */
export const FINISHING_RULES: Rule[] = [
  {
    // Shared factors out of a sum, scalars and entrywise ones: σ(z)/n − y/n = (σ(z) − y)/n,
    // δ Wᵀ − δ a² ⊙ Wᵀ = δ (Wᵀ ⊙ (1 − a²)).
    name: "common-factor",
    apply: (n) => {
      if (n.kind !== "add") return;
      const factorsOf = (t: Node): readonly Node[] => (t.kind === "mul" ? t.factors : [t]);
      const [first, ...others] = n.terms.map(factorsOf);
      const common = first.filter(
        (f) => f.kind !== "num" && f.kind !== "float" && others.every((fs) => fs.includes(f)),
      );
      if (common.length === 0) return;
      const rest = n.terms.map((t) => {
        const fs = [...factorsOf(t)];
        for (const c of common) fs.splice(fs.indexOf(c), 1);
        return mulAll(fs);
      });
      return mul(...common, addAll(rest));
    },
  },
];

/** The factors of a chain of matrix products, left to right. */
function productChain(n: Node): Node[] {
  return n.kind === "apply" && n.op === "matmul" ? [...productChain(n.args[0]), ...productChain(n.args[1])] : [n];
}

/** Whether a b = I: a the inverse of b, or b of a (transposed or not). */
function cancels(a: Node, b: Node): boolean {
  const inverseOf = (m: Node): Node | undefined => {
    if (m.kind === "apply" && m.op === "inverse") return m.args[0];
    if (m.kind === "apply" && m.op === "transpose") {
      const inner = m.args[0];
      if (inner.kind === "apply" && inner.op === "inverse") return apply("transpose", [inner.args[0]]);
    }
    return undefined;
  };
  return inverseOf(a) === b || inverseOf(b) === a;
}
