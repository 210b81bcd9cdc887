// Sparse multivariate polynomials over ℚ in a list of generators. A generator is any node that is
// not a sum, product or whole-number power (a symbol, sin(x), √2, x^(1/2)…), so every expression
// is a polynomial in its generators, or a quotient of two.
import { ZERO, addAll, int, isNumber, mulAll, num, pow } from "../graph/construct.js";
import type { Node } from "../graph/node.js";
import { compareNodes } from "../graph/order.js";
import { Rational } from "../numeric/rational.js";
import { checkBudget, grouped, limitOf, overLimit, tick } from "../budget.js";
import { powerTooLarge } from "./expand.js";

/** Exponent vector (one entry per generator) → coefficient. */
export type Terms = Map<string, Rational>;

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
      const ea = exponentsOf(ka);
      for (const [kb, cb] of o.terms) {
        const eb = exponentsOf(kb);
        const k = ea.map((e, i) => e + eb[i]).join(",");
        const s = (terms.get(k) ?? Rational.ZERO).add(ca.mul(cb));
        if (s.isZero()) terms.delete(k);
        else terms.set(k, s);
      }
      if (terms.size > limitOf("expansionTerms"))
        throw overLimit("expansionTerms", `the expansion has more than ${grouped(limitOf("expansionTerms"))} terms`);
    }
    checkBudget();
    return new Poly(this.gens, terms);
  }

  pow(k: number): Poly {
    let result: Poly | null = null;
    let base: Poly = this;
    while (k > 0) {
      if (k & 1) result = result ? result.mul(base) : base;
      k >>= 1;
      if (k) base = base.mul(base);
    }
    return result ?? Poly.constant(this.gens, Rational.ONE);
  }

  /** Total degree, and degree in one generator. */
  degree(index?: number): number {
    let d = 0;
    for (const k of this.terms.keys()) {
      const e = exponentsOf(k);
      d = Math.max(d, index === undefined ? e.reduce((s, x) => s + x, 0) : e[index]);
    }
    return d;
  }

  /** ∂/∂(generator `index`). */
  derivative(index: number): Poly {
    const terms: Terms = new Map();
    for (const [k, c] of this.terms) {
      const e = exponentsOf(k);
      const power = e[index];
      if (power === 0) continue;
      e[index] = power - 1;
      terms.set(e.join(","), c.mul(Rational.int(power)));
    }
    return new Poly(this.gens, terms);
  }

  /** The exact value with `values[i]` for generator i. */
  evaluate(values: readonly Rational[]): Rational {
    let sum = Rational.ZERO;
    for (const [k, c] of this.terms) {
      const e = exponentsOf(k);
      let term = c;
      for (let i = 0; i < e.length; i++) if (e[i] !== 0) term = term.mul(values[i].pow(e[i]));
      sum = sum.add(term);
    }
    return sum;
  }

  /** The value in floating point with `values[i]` for generator i. */
  evaluateFloat(values: readonly number[]): number {
    let sum = 0;
    for (const [k, c] of this.terms) {
      const e = exponentsOf(k);
      let term = c.toNumber();
      for (let i = 0; i < e.length; i++) if (e[i] !== 0) term *= values[i] ** e[i];
      sum += term;
    }
    return sum;
  }

  /**
   * The sum of the terms' sizes in floating point at `values`: the scale a value of the polynomial
   * there is measured against (x² − 10³¹ is 10³¹-sized at √10³¹, and its rounding error with it).
   */
  evaluateFloatScale(values: readonly number[]): number {
    let sum = 0;
    for (const [k, c] of this.terms) {
      const e = exponentsOf(k);
      let term = Math.abs(c.toNumber());
      for (let i = 0; i < e.length; i++) if (e[i] !== 0) term *= Math.abs(values[i]) ** e[i];
      sum += term;
    }
    return sum;
  }

  toNode(): Node {
    const terms: Node[] = [];
    for (const [k, c] of this.terms) {
      const e = exponentsOf(k);
      const factors: Node[] = [num(c)];
      for (let i = 0; i < e.length; i++)
        if (e[i] !== 0) factors.push(e[i] === 1 ? this.gens[i] : pow(this.gens[i], int(e[i])));
      terms.push(mulAll(factors));
    }
    return terms.length ? addAll(terms) : ZERO;
  }
}

/**
 * A sum of rational multiples of products of scalar symbols' whole powers (an expanded polynomial,
 * as the graph's constructors write one), as a polynomial in those symbols; null for anything else.
 */
export function expandedPolynomial(n: Node): Poly | null {
  const gens: Node[] = [];
  const index = new Map<Node, number>();
  const monomials: { powers: Map<number, number>; c: Rational }[] = [];
  const terms = n.kind === "add" ? n.terms : [n];
  for (let t = 0; t < terms.length; t++) {
    const term = terms[t];
    const factors = term.kind === "mul" ? term.factors : [term];
    let c = Rational.ONE;
    const powers = new Map<number, number>();
    for (let k = 0; k < factors.length; k++) {
      const f = factors[k];
      if (f.kind === "num") {
        c = c.mul(f.value);
        continue;
      }
      const base = f.kind === "pow" ? f.base : f;
      const exp = f.kind === "pow" ? f.exp : null;
      const power =
        exp === null
          ? 1
          : exp.kind === "num" && exp.value.isInteger() && exp.value.sign() > 0
            ? Number(exp.value.num)
            : 0;
      if (base.kind !== "sym" || base.shape.length !== 0 || power === 0) return null;
      let i = index.get(base);
      if (i === undefined) {
        i = gens.length;
        gens.push(base);
        index.set(base, i);
      }
      powers.set(i, (powers.get(i) ?? 0) + power);
    }
    monomials.push({ powers, c });
  }
  const sum: Terms = new Map();
  for (const { powers, c } of monomials) {
    const key = gens.map((_, i) => powers.get(i) ?? 0).join(",");
    const s = (sum.get(key) ?? Rational.ZERO).add(c);
    if (s.isZero()) sum.delete(key);
    else sum.set(key, s);
  }
  return new Poly(gens, sum);
}

/** A term's key as its exponent vector, one entry per generator. */
export function exponentsOf(key: string): number[] {
  tick(); // a Hessian in a thousand variables reads millions of these: the statement's limit must reach it
  return key === "" ? [] : key.split(",").map(Number);
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
  const constantKey = gens.map(() => 0).join(",");
  const constant = (c: Rational) => new Poly(gens, c.isZero() ? new Map() : new Map([[constantKey, c]]));
  const index = new Map(gens.map((g, i) => [g, i]));
  // A denominator of 1 is null while walking: most expressions have no other, and 1·p is p.
  type Quotient = { num: Poly; den: Poly | null };
  const times = (a: Poly | null, b: Poly | null): Poly | null => (a && b ? a.mul(b) : (a ?? b));
  const walk = (x: Node): Quotient | null => {
    if (x.kind === "num") return { num: constant(x.value), den: null };
    if (x.kind === "float") return null;
    if (x.kind === "add") {
      let acc: Quotient = { num: constant(Rational.ZERO), den: null };
      for (const t of x.terms) {
        const r = walk(t);
        if (!r) return null;
        acc =
          r.den === acc.den || (r.den && acc.den && sameDen(acc.den, r.den))
            ? { num: acc.num.add(r.num), den: acc.den }
            : { num: times(acc.num, r.den)!.add(times(r.num, acc.den)!), den: times(acc.den, r.den) };
      }
      return acc;
    }
    if (x.kind === "mul") {
      let acc: Quotient | null = null;
      for (const f of x.factors) {
        const r = walk(f);
        if (!r) return null;
        acc = acc ? { num: acc.num.mul(r.num), den: times(acc.den, r.den) } : r;
      }
      return acc ?? { num: constant(Rational.ONE), den: null };
    }
    if (x.kind === "pow" && x.exp.kind === "num" && x.exp.value.isInteger()) {
      const k = Number(x.exp.value.num);
      if (Math.abs(k) > limitOf("expandPower")) throw powerTooLarge(k);
      const b = walk(x.base);
      if (!b) return null;
      const den = b.den ?? constant(Rational.ONE);
      return k >= 0 ? { num: b.num.pow(k), den: b.den && b.den.pow(k) } : { num: den.pow(-k), den: b.num.pow(-k) };
    }
    const i = index.get(x);
    if (i === undefined) return null;
    return { num: Poly.generator(gens, i), den: null };
  };
  const r = walk(n);
  return r && { num: r.num, den: r.den ?? constant(Rational.ONE) };
}

function sameDen(a: Poly, b: Poly): boolean {
  if (a.terms.size !== b.terms.size) return false;
  for (const [k, c] of a.terms) if (!b.terms.get(k)?.equals(c)) return false;
  return true;
}
