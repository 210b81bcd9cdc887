// Tier 1 of `check`: a proof that two expressions are the same function, by rewriting both to a
// canonical basis and testing the difference for zero as a rational function over ℚ.
//
// The basis: σ, tanh, sinh, cosh and softplus are written with exp (σ(u) = 1/(1 + e^(−u)), …);
// tan, sec, csc, cot with sin and cos; b^u with a symbolic exponent as e^(u·log b) when b > 0 is
// shown (positivity.ts; the `for` conditions count), and log of positive products and powers split;
// e^(c·log v) as v^c. Then every e^(c·m) (m a monomial, c rational) becomes Eᵏ for a fresh symbol E standing for
// e^(g·m), g the gcd of every coefficient m carries on either side, so e^(2x), e^x and e^(−x) are
// powers of one symbol; and sin(c·m), cos(c·m) become sin(kθ), cos(kθ) of θ = g·m, written through
// the angle-sum formulas and the tangent half-angle t = tan(θ/2) (sin θ = 2t/(1+t²),
// cos θ = (1−t²)/(1+t²)), which turns sin² + cos² = 1 into an identity of rational functions.
//
// Sound on the reals: each rewrite holds wherever the original is defined (e^(c·log v) = v^c needs
// v > 0, which log v already does), and a rational function that is zero in independent symbols is
// zero at every value of them. Where the two sides' domains differ is decided apart, on the
// original expressions (domain.ts). Logs, roots and piecewise functions stay opaque generators
// (their arguments canonical): log(x²) = 2·log|x| is not used, so no proof rests on it.
import {
  MINUS_ONE,
  ONE,
  ZERO,
  add,
  apply,
  constant,
  div,
  int,
  mul,
  neg,
  num,
  pow,
  sub,
  sym,
  tuple,
} from "../../graph/construct.js";
import type { Node } from "../../graph/node.js";
import { freeSymbols, rewrite } from "../../graph/traverse.js";
import { type Value, certainlyDifferent, evaluatePrecise } from "./precise.js";
import { Rational, bigintGcd } from "../../numeric/rational.js";
import { MathFailure, isStop } from "../../errors.js";
import { substitute } from "../substitute.js";
import { expand } from "../expand.js";
import { generatorsOf, toRational } from "../polynomial.js";
import { cosOfPiTimes, sinOfPiTimes } from "../../graph/pi-angles.js";
import { type Signs, isPositive, signsFrom } from "./positivity.js";

const E = () => constant("e");
const expOf = (u: Node) => pow(E(), u);

/**
 * Step 1: every function written with exp, sin, cos, log and the opaque rest. b^u becomes e^(u·log b)
 * only where b > 0 is shown (x^a of a negative x is real for some a, and (x^a)^b = x^(ab) is false
 * there: x = −1, a = 2, b = 1/2); logs of products and powers of positive parts are split.
 */
function toBasis(signs: Signs): (n: Node) => Node | undefined {
  return (n) => {
    if (n.kind === "apply" && n.args.length === 1 && n.shape.length === 0) {
      const [u] = n.args;
      switch (n.op) {
        case "sigmoid":
          return div(ONE, add(ONE, expOf(neg(u))));
        case "tanh":
          return div(sub(expOf(mul(int(2), u)), ONE), add(expOf(mul(int(2), u)), ONE));
        case "sinh":
          return div(sub(expOf(u), expOf(neg(u))), int(2));
        case "cosh":
          return div(add(expOf(u), expOf(neg(u))), int(2));
        case "softplus":
          return apply("log", [add(ONE, expOf(u))]);
        case "tan":
          return div(apply("sin", [u]), apply("cos", [u]));
        case "sec":
          return div(ONE, apply("cos", [u]));
        case "csc":
          return div(ONE, apply("sin", [u]));
        case "cot":
          return div(apply("cos", [u]), apply("sin", [u]));
        case "log": {
          const split = logOf(u, signs);
          return split === n ? undefined : split;
        }
      }
    }
    if (n.kind !== "pow" || n.shape.length > 0 || isE(n.base)) return undefined;
    // (e^u)^c = e^(c·u) for every real c: e^u > 0.
    if (n.base.kind === "pow" && isE(n.base.base) && n.exp.kind === "num" && !n.exp.value.isInteger())
      return expOf(mul(n.base.exp, n.exp));
    if (n.exp.kind !== "num" && n.exp.kind !== "float" && isPositive(n.base, signs))
      return expOf(mul(n.exp, logOf(n.base, signs)));
    return undefined;
  };
}

const isE = (n: Node) => n.kind === "const" && n.name === "e";

/** Primes tried when a rational's log is split (log 12 = 2 log 2 + log 3). */
const SMALL_PRIMES = [2n, 3n, 5n, 7n, 11n, 13n, 17n, 19n, 23n, 29n, 31n, 37n, 41n, 43n, 47n];

/** log u, split over the positive factors and powers of u (sound only for those: log(−x·−y) ≠ log(−x) + …). */
function logOf(u: Node, signs: Signs): Node {
  if (isE(u)) return ONE;
  if (u.kind === "pow" && isE(u.base)) return u.exp;
  if (u.kind === "num" && u.value.sign() > 0 && !u.value.isOne()) return logOfRational(u.value);
  if (u.kind === "mul" && u.factors.every((f) => isPositive(f, signs)))
    return add(...u.factors.map((f) => logOf(f, signs)));
  if (u.kind === "pow" && isPositive(u.base, signs)) return mul(u.exp, logOf(u.base, signs));
  return apply("log", [u]);
}

function logOfRational(q: Rational): Node {
  const terms: Node[] = [];
  const take = (n: bigint, sign: 1n | -1n): bigint => {
    for (const p of SMALL_PRIMES) {
      let k = 0n;
      while (n % p === 0n) {
        n /= p;
        k++;
      }
      if (k > 0n) terms.push(mul(num(Rational.int(sign * k)), apply("log", [int(p)])));
    }
    return n;
  };
  const restNum = take(q.num, 1n);
  const restDen = take(q.den, -1n);
  if (restNum !== 1n) terms.push(apply("log", [int(restNum)]));
  if (restDen !== 1n) terms.push(neg(apply("log", [int(restDen)])));
  return add(...terms);
}

interface Term {
  c: Rational;
  m: Node;
}

/** u as c₀ + Σ cᵢ·mᵢ: rational coefficients apart from the rest of each term. */
function termsOf(u: Node): Term[] {
  const terms = u.kind === "add" ? u.terms : [u];
  return terms.map((t) => {
    if (t.kind === "num") return { c: t.value, m: ONE };
    if (t.kind === "mul" && t.factors[0].kind === "num")
      return { c: t.factors[0].value, m: mul(...t.factors.slice(1)) };
    return { c: Rational.ONE, m: t };
  });
}

function rationalGcd(a: Rational, b: Rational): Rational {
  const lcm = (a.den / bigintGcd(a.den, b.den)) * b.den;
  const abs = (n: bigint) => (n < 0n ? -n : n);
  return Rational.of(bigintGcd(abs(a.num) * (lcm / a.den), abs(b.num) * (lcm / b.den)), lcm);
}

/** The most multiple angles or exponential powers written out; past it the proof is not tried. */
const MAX_MULTIPLE = 24;

class Basis {
  private next = 0;
  /** Placeholders: one symbol per (kind, m, c) met, with its meaning. */
  readonly placeholders: { s: Node; kind: "exp" | "sin" | "cos"; m: Node; c: Rational }[] = [];
  private readonly byKey = new Map<string, Node>();
  readonly units = new Map<string, Rational>();

  placeholder(kind: "exp" | "sin" | "cos", m: Node, c: Rational): Node {
    const key = `${kind}|${m.id}|${c}`;
    let s = this.byKey.get(key);
    if (!s) {
      s = sym(`⟦${kind}${this.next++}⟧`);
      this.byKey.set(key, s);
      this.placeholders.push({ s, kind, m, c });
      const unitKey = `${kind === "exp" ? "exp" : "trig"}|${m.id}`;
      const g = this.units.get(unitKey);
      this.units.set(unitKey, g ? rationalGcd(g, c) : c.abs());
    }
    return s;
  }
}

/** sin and cos of c·π exactly when c is a multiple of 1/2 (then both are 0 or ±1). */
function piAngle(c: Rational): [Node, Node] | null {
  return c.den <= 2n ? [sinOfPiTimes(c)!, cosOfPiTimes(c)!] : null;
}

/** An exponent multiplied out (a·(log x + log y) is a log x + a log y), when that stays small. */
function expandedExponent(u: Node): Node {
  if (u.kind !== "mul") return u;
  try {
    return expand(u, 200);
  } catch (err) {
    if (err instanceof MathFailure && err.reason === "size") return u;
    throw err;
  }
}

/** Step 2: e^(Σcᵢmᵢ) and sin/cos(Σcᵢmᵢ) as products of placeholders (angle sums expanded). */
function toPlaceholders(root: Node, basis: Basis): Node {
  return rewrite(root, (n) => {
    if (n.kind === "pow" && n.base.kind === "const" && n.base.name === "e") {
      const factors: Node[] = [];
      for (const { c, m } of termsOf(expandedExponent(n.exp))) {
        if (m === ONE) factors.push(expOf(num(c)));
        else if (m.kind === "apply" && m.op === "log") factors.push(pow(m.args[0], num(c)));
        else factors.push(basis.placeholder("exp", m, c));
      }
      return mul(...factors);
    }
    if (n.kind === "apply" && (n.op === "sin" || n.op === "cos") && n.shape.length === 0) {
      let s: Node = ZERO;
      let co: Node = ONE;
      for (const { c, m } of termsOf(n.args[0])) {
        const exactly = m.kind === "const" && m.name === "π" ? piAngle(c) : null;
        const [sm, cm] = exactly ?? [basis.placeholder("sin", m, c), basis.placeholder("cos", m, c)];
        [s, co] = [add(mul(s, cm), mul(co, sm)), sub(mul(co, cm), mul(s, sm))];
      }
      return n.op === "sin" ? s : co;
    }
    return undefined;
  });
}

/** (1 + i·t)^(2k) as [real part, imaginary part], polynomials in t. */
function halfAngleParts(t: Node, k: number): [Node, Node] {
  const re: Node[] = [];
  const im: Node[] = [];
  let binomial = 1n;
  for (let j = 0; j <= 2 * k; j++) {
    if (j > 0) binomial = (binomial * BigInt(2 * k - j + 1)) / BigInt(j);
    const term = mul(num(Rational.of(binomial)), pow(t, int(j)));
    // i^j: 1, i, −1, −i
    const r = j % 4;
    if (r === 0) re.push(term);
    else if (r === 1) im.push(term);
    else if (r === 2) re.push(neg(term));
    else im.push(neg(term));
  }
  return [add(...re), add(...im)];
}

/** Step 3: placeholders as powers of the basis symbols (rational functions of t for angles). */
function resolve(root: Node, basis: Basis): Node | null {
  const map = new Map<Node, Node>();
  const symbols = new Map<string, Node>();
  const unitSymbol = (key: string) => {
    let s = symbols.get(key);
    if (!s) symbols.set(key, (s = sym(`⟦${key.startsWith("exp") ? "E" : "t"}${symbols.size}⟧`)));
    return s;
  };
  for (const p of basis.placeholders) {
    const unitKey = `${p.kind === "exp" ? "exp" : "trig"}|${p.m.id}`;
    const g = basis.units.get(unitKey)!;
    const k = p.c.div(g);
    if (!k.isInteger() || Math.abs(k.toNumber()) > MAX_MULTIPLE) return null;
    const n = Number(k.num);
    const s = unitSymbol(unitKey);
    if (p.kind === "exp") {
      map.set(p.s, pow(s, int(n)));
      continue;
    }
    // sin(nθ), cos(nθ) = Im, Re of (1 + i t)^(2|n|) / (1 + t²)^|n|
    const [re, im] = halfAngleParts(s, Math.abs(n));
    const scale = pow(add(ONE, pow(s, int(2))), int(-Math.abs(n)));
    map.set(p.s, p.kind === "cos" ? mul(re, scale) : mul(n < 0 ? MINUS_ONE : ONE, im, scale));
  }
  return substitute(root, map);
}

/** The two sides in the canonical basis, or null when it does not apply (a multiple too large). */
export function canonicalPair(a: Node, b: Node, signs: Signs = new Map()): [Node, Node] | null {
  const basis = new Basis();
  const visit = toBasis(signs);
  const pa = toPlaceholders(rewrite(a, visit), basis);
  const pb = toPlaceholders(rewrite(b, visit), basis);
  const ra = resolve(pa, basis);
  const rb = ra && resolve(pb, basis);
  return ra && rb ? [ra, rb] : null;
}

/** The difference is zero as a rational function of its generators (exact: no floats). */
export function isZeroRationalFunction(d: Node): boolean {
  if (d === ZERO) return true;
  try {
    const e = expand(d, 2_000);
    if (e === ZERO) return true;
    const r = toRational(e, generatorsOf([e]));
    return r !== null && r.num.isZero();
  } catch (err) {
    // Too large to expand is no proof either way: the search decides.
    if (err instanceof MathFailure && err.reason === "size") return false;
    throw err;
  }
}

/**
 * a and b certainly differ at one generic rational point: no identity can hold, and the expansion
 * ((x + 1)^200 − ((x + 1)^200 + 10⁻¹⁰⁰) multiplied out took seconds) is not worth trying.
 */
function differAtGenericPoint(a: Node, b: Node): boolean {
  const point = new Map<Node, Rational>(freeSymbols(tuple([a, b])).map((v, i) => [v, Rational.of(137 + 21 * i, 100)]));
  const memo = new Map<Node, Value>();
  const va = evaluatePrecise(a, point, 30, memo);
  const vb = evaluatePrecise(b, point, 30, memo);
  return typeof va !== "string" && typeof vb !== "string" && certainlyDifferent(va, vb);
}

/**
 * Tier 1: a and b are proved to be the same function wherever both are defined (and the conditions
 * hold: their signs let log(x·y) = log x + log y be used for x > 0, y > 0).
 */
export function provedEqual(a: Node, b: Node, conditions: readonly Node[] = []): boolean {
  if (differAtGenericPoint(a, b)) return false;
  if (isZeroRationalFunction(sub(a, b))) return true;
  try {
    const pair = canonicalPair(a, b, signsFrom(conditions));
    return pair !== null && isZeroRationalFunction(sub(pair[0], pair[1]));
  } catch (err) {
    if (err instanceof MathFailure && !isStop(err)) return false;
    throw err;
  }
}
