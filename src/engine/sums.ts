// Closed forms of Σ with symbolic bounds: polynomials in the index by Faulhaber's formula
// (Σ_{i=1}^{n} i^k through Bernoulli numbers), geometric terms r^i, and linearity over the rest.
import { ONE, add, addAll, bigop, div, int, mul, mulAll, num, pow, sub } from "../graph/construct.js";
import type { Node, Sym } from "../graph/node.js";
import { childrenOf } from "../graph/traverse.js";
import { Rational } from "../numeric/rational.js";
import { expand } from "./expand.js";
import { factor } from "./factor.js";

function binomial(n: number, k: number): Rational {
  let r = Rational.ONE;
  for (let i = 1; i <= k; i++) r = r.mul(Rational.of(n - k + i, i));
  return r;
}

/** Bernoulli numbers B₀…B_m with B₁ = +1/2 (the convention that makes Faulhaber's sum start at 1). */
function bernoulli(m: number): Rational[] {
  const B: Rational[] = [Rational.ONE];
  for (let k = 1; k <= m; k++) {
    let s = Rational.ZERO;
    for (let j = 0; j < k; j++) s = s.add(binomial(k + 1, j).mul(B[j]));
    B.push(s.neg().div(Rational.int(k + 1)));
  }
  if (m >= 1) B[1] = Rational.of(1, 2);
  return B;
}

/** Σ_{i=1}^{n} i^k = 1/(k+1) Σ_j C(k+1, j) B_j n^{k+1−j}. */
function powerSum(k: number, n: Node): Node {
  if (k === 0) return n;
  const B = bernoulli(k);
  const terms: Node[] = [];
  for (let j = 0; j <= k; j++)
    terms.push(
      mul(
        num(
          binomial(k + 1, j)
            .mul(B[j])
            .div(Rational.int(k + 1)),
        ),
        pow(n, int(k + 1 - j)),
      ),
    );
  return addAll(terms);
}

function contains(n: Node, x: Node): boolean {
  if (n === x) return true;
  if (n.kind === "indexed" && n.index === x) return true;
  return childrenOf(n).some((c) => contains(c, x));
}

/** Σ_{i=a}^{b} body, in closed form when the body is a polynomial in i or c·r^i; else undefined. */
export function closedSum(index: Sym, from: Node, to: Node, body: Node): Node | undefined {
  if (!contains(body, index)) return mul(add(sub(to, from), ONE), body);
  const e = expand(body);
  const terms = e.kind === "add" ? e.terms : [e];
  const parts: Node[] = [];
  let geometric = false;
  for (const t of terms) {
    const factors = t.kind === "mul" ? t.factors : [t];
    const constant = factors.filter((f) => !contains(f, index));
    const varying = factors.filter((f) => contains(f, index));
    // A term without the index is added once per value of it.
    if (varying.length === 0) {
      parts.push(mul(add(sub(to, from), ONE), t));
      continue;
    }
    if (varying.length !== 1) return undefined;
    const v = varying[0];
    const c = mulAll(constant);
    if (v === index) parts.push(mul(c, sub(powerSum(1, to), powerSum(1, sub(from, ONE)))));
    else if (
      v.kind === "pow" &&
      v.base === index &&
      v.exp.kind === "num" &&
      v.exp.value.isInteger() &&
      v.exp.value.sign() > 0
    ) {
      const k = Number(v.exp.value.num);
      if (k > 30) return undefined;
      parts.push(mul(c, sub(powerSum(k, to), powerSum(k, sub(from, ONE)))));
    } else if (v.kind === "pow" && v.exp === index && !contains(v.base, index)) {
      // Σ r^i = (r^{b+1} − r^a)/(r − 1)
      geometric = true;
      parts.push(mul(c, div(sub(pow(v.base, add(to, ONE)), pow(v.base, from)), sub(v.base, ONE))));
    } else return undefined;
  }
  if (geometric) return addAll(parts);
  const total = expand(addAll(parts));
  const factored = factor(total);
  return factored === total ? total : factored;
}

/** Σ with constant factors outside: Σ_i c·f(i) = c Σ_i f(i). */
export function sumOf(index: Sym, from: Node, to: Node, body: Node): Node {
  if (body.kind === "mul") {
    const outside = body.factors.filter((f) => !contains(f, index));
    if (outside.length)
      return mul(...outside, bigop("sum", index, from, to, mulAll(body.factors.filter((f) => contains(f, index)))));
  }
  return bigop("sum", index, from, to, body);
}
