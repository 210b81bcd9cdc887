// Sparse multivariate polynomials over ℚ in a list of generators. A generator is any node that is
// not a sum, product or whole-number power (a symbol, sin(x), √2, x^(1/2)…), so every expression
// is a polynomial in its generators, or a quotient of two.
import { ONE, ZERO, add, int, isNumber, mul, num, pow } from "../graph/construct.js";
import type { Node } from "../graph/node.js";
import { compareNodes } from "../graph/order.js";
import { Rational } from "../numeric/rational.js";
import { checkBudget } from "../graph/budget.js";
import { limitError } from "../errors.js";

/** Exponent vector (one entry per generator) → coefficient. */
export type Terms = Map<string, Rational>;

const MAX_TERMS = 20_000;

export class Poly {
  constructor(
    readonly gens: readonly Node[],
    readonly terms: Terms,
  ) {}

  static constant(gens: readonly Node[], c: Rational): Poly {
    const terms: Terms = new Map();
    if (!c.isZero()) terms.set(gens.map(() => 0).join(","), c);
    return new Poly(gens, terms);
  }

  static generator(gens: readonly Node[], index: number): Poly {
    return new Poly(gens, new Map([[gens.map((_, i) => (i === index ? 1 : 0)).join(","), Rational.ONE]]));
  }

  isZero(): boolean {
    return this.terms.size === 0;
  }

  constantValue(): Rational | null {
    if (this.terms.size === 0) return Rational.ZERO;
    if (this.terms.size > 1) return null;
    const [[key, c]] = this.terms;
    return key.split(",").every((e) => e === "0" || e === "") ? c : null;
  }

  add(o: Poly): Poly {
    const terms = new Map(this.terms);
    for (const [k, c] of o.terms) {
      const s = (terms.get(k) ?? Rational.ZERO).add(c);
      if (s.isZero()) terms.delete(k);
      else terms.set(k, s);
    }
    return new Poly(this.gens, terms);
  }

  scale(c: Rational): Poly {
    if (c.isZero()) return new Poly(this.gens, new Map());
    return new Poly(this.gens, new Map([...this.terms].map(([k, v]) => [k, v.mul(c)])));
  }

  mul(o: Poly): Poly {
    const terms: Terms = new Map();
    for (const [ka, ca] of this.terms) {
      const ea = ka.split(",").map(Number);
      for (const [kb, cb] of o.terms) {
        const eb = kb.split(",").map(Number);
        const k = ea.map((e, i) => e + eb[i]).join(",");
        const s = (terms.get(k) ?? Rational.ZERO).add(ca.mul(cb));
        if (s.isZero()) terms.delete(k);
        else terms.set(k, s);
      }
      if (terms.size > MAX_TERMS) throw limitError(`the expansion has more than ${MAX_TERMS} terms`);
    }
    checkBudget();
    return new Poly(this.gens, terms);
  }

  pow(k: number): Poly {
    let result = Poly.constant(this.gens, Rational.ONE);
    let base: Poly = this;
    while (k > 0) {
      if (k & 1) result = result.mul(base);
      k >>= 1;
      if (k) base = base.mul(base);
    }
    return result;
  }

  /** Total degree, and degree in one generator. */
  degree(index?: number): number {
    let d = 0;
    for (const k of this.terms.keys()) {
      const e = k.split(",").map(Number);
      d = Math.max(d, index === undefined ? e.reduce((s, x) => s + x, 0) : e[index]);
    }
    return d;
  }

  toNode(): Node {
    const terms: Node[] = [];
    for (const [k, c] of this.terms) {
      const e = k.split(",").map(Number);
      terms.push(mul(num(c), ...this.gens.map((g, i) => (e[i] === 0 ? ONE : e[i] === 1 ? g : pow(g, int(e[i]))))));
    }
    return terms.length ? add(...terms) : ZERO;
  }
}

/** The generators of an expression: its maximal non-polynomial parts, in canonical order. */
export function generatorsOf(nodes: readonly Node[]): Node[] {
  const found = new Set<Node>();
  const walk = (n: Node): void => {
    if (isNumber(n) && n.kind === "num") return;
    if (n.kind === "add") return n.terms.forEach(walk);
    if (n.kind === "mul") return n.factors.forEach(walk);
    if (n.kind === "pow" && n.exp.kind === "num" && n.exp.value.isInteger()) return walk(n.base);
    found.add(n);
  };
  nodes.forEach(walk);
  return [...found].sort(compareNodes);
}

/**
 * An expression as numerator and denominator polynomials (negative powers go below the line).
 * Floats make it inexact: null then.
 */
export function toRational(n: Node, gens: readonly Node[]): { num: Poly; den: Poly } | null {
  const one = () => Poly.constant(gens, Rational.ONE);
  const index = new Map(gens.map((g, i) => [g, i]));
  const walk = (x: Node): { num: Poly; den: Poly } | null => {
    if (x.kind === "num") return { num: Poly.constant(gens, x.value), den: one() };
    if (x.kind === "float") return null;
    if (x.kind === "add") {
      let acc = { num: Poly.constant(gens, Rational.ZERO), den: one() };
      for (const t of x.terms) {
        const r = walk(t);
        if (!r) return null;
        acc = sameDen(acc.den, r.den) ? { num: acc.num.add(r.num), den: acc.den } : { num: acc.num.mul(r.den).add(r.num.mul(acc.den)), den: acc.den.mul(r.den) };
      }
      return acc;
    }
    if (x.kind === "mul") {
      let acc = { num: one(), den: one() };
      for (const f of x.factors) {
        const r = walk(f);
        if (!r) return null;
        acc = { num: acc.num.mul(r.num), den: acc.den.mul(r.den) };
      }
      return acc;
    }
    if (x.kind === "pow" && x.exp.kind === "num" && x.exp.value.isInteger()) {
      const k = Number(x.exp.value.num);
      if (Math.abs(k) > 200) throw limitError(`the power ${k} is too large to expand`);
      const b = walk(x.base);
      if (!b) return null;
      return k >= 0 ? { num: b.num.pow(k), den: b.den.pow(k) } : { num: b.den.pow(-k), den: b.num.pow(-k) };
    }
    const i = index.get(x);
    if (i === undefined) return null;
    return { num: Poly.generator(gens, i), den: one() };
  };
  return walk(n);
}

function sameDen(a: Poly, b: Poly): boolean {
  if (a.terms.size !== b.terms.size) return false;
  for (const [k, c] of a.terms) if (!b.terms.get(k)?.equals(c)) return false;
  return true;
}
