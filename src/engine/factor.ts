// factor: pulls out the rational content and the common monomial, then, for one variable, every
// rational root as a linear factor (x − r)ᵏ; what is left stays as an irreducible-over-the-tried
// factor. Full factorization over ℚ (Zassenhaus) is not done.
import { ONE, addAll, int, mul, mulAll, num, pow, sub } from "../graph/construct.js";
import type { Node } from "../graph/node.js";
import { Rational, bigintGcd } from "../numeric/rational.js";
import { expand } from "./expand.js";
import { Poly, exponentsOf, generatorsOf, toRational } from "./polynomial.js";

/** Univariate coefficients, highest degree first. */
function coefficientsOf(p: Poly): Rational[] {
  const d = p.degree(0);
  const c = Array.from({ length: d + 1 }, () => Rational.ZERO);
  for (const [k, v] of p.terms) c[d - Number(k)] = v;
  return c;
}

function evaluate(c: Rational[], x: Rational): Rational {
  return c.reduce((acc, a) => acc.mul(x).add(a), Rational.ZERO);
}

function deflate(c: Rational[], r: Rational): Rational[] {
  const out: Rational[] = [];
  let acc = Rational.ZERO;
  for (let i = 0; i < c.length - 1; i++) out.push((acc = acc.mul(r).add(c[i])));
  return out;
}

function divisors(n: bigint): bigint[] {
  n = n < 0n ? -n : n;
  const out: bigint[] = [];
  for (let d = 1n; d * d <= n && d < 100_000n; d++) if (n % d === 0n) out.push(d, n / d);
  return out;
}

/** Rational roots with multiplicity, and the cofactor. */
export function rationalRootsOf(coefficients: Rational[]): { roots: Rational[]; rest: Rational[] } {
  let c = coefficients;
  const roots: Rational[] = [];
  while (c.length > 1 && c[c.length - 1].isZero()) {
    roots.push(Rational.ZERO);
    c = c.slice(0, -1);
  }
  outer: while (c.length > 1) {
    let lcm = 1n;
    for (const a of c) lcm = (lcm * a.den) / bigintGcd(lcm, a.den);
    const ints = c.map((a) => (a.num * lcm) / a.den);
    for (const p of divisors(ints[ints.length - 1])) {
      for (const q of divisors(ints[0])) {
        for (const r of [Rational.of(p, q), Rational.of(-p, q)]) {
          if (evaluate(c, r).isZero()) {
            roots.push(r);
            c = deflate(c, r);
            continue outer;
          }
        }
      }
    }
    break;
  }
  return { roots, rest: c };
}

function fromCoefficients(c: Rational[], x: Node): Node {
  return addAll(c.map((a, i) => mul(num(a), pow(x, int(c.length - 1 - i)))));
}

export function factor(expr: Node): Node {
  const e = expand(expr);
  const gens = generatorsOf([e]);
  const r = toRational(e, gens);
  if (!r || !r.den.constantValue()) return expr;
  const p = r.num.scale(r.den.constantValue()!.inv());
  if (p.isZero()) return p.toNode();
  // A number has nothing to factor (factorContent would take the exponents of no generators).
  if (gens.length === 0) return e;
  if (gens.length !== 1) return factorContent(p);
  const x = gens[0];
  const c = coefficientsOf(p);
  const lead = c[0];
  const { roots, rest } = rationalRootsOf(c.map((a) => a.div(lead)));
  const factors: Node[] = [num(lead)];
  const counted = new Map<string, { root: Rational; k: number }>();
  for (const root of roots) {
    const entry = counted.get(root.toString());
    if (entry) entry.k++;
    else counted.set(root.toString(), { root, k: 1 });
  }
  for (const { root, k } of counted.values()) {
    // (x − p/q) is written q·x − p with the q moved into the leading constant: n(n + 1)(2n + 1)/6.
    const linear = root.isInteger() ? sub(x, num(root)) : sub(mul(int(root.den), x), int(root.num));
    if (!root.isInteger()) factors[0] = mul(factors[0], pow(int(root.den), int(-k)));
    factors.push(pow(linear, int(k)));
  }
  if (rest.length > 1) factors.push(fromCoefficients(rest, x));
  return mulAll(factors);
}

/** Several variables: the rational content and the common monomial come out. */
function factorContent(p: Poly): Node {
  const exps = [...p.terms.keys()].map(exponentsOf);
  const common = exps[0].map((_, i) => exps.reduce((least, e) => Math.min(least, e[i]), Infinity));
  let lcmDen = 1n;
  let gcdNum = 0n;
  for (const c of p.terms.values()) {
    lcmDen = (lcmDen * c.den) / bigintGcd(lcmDen, c.den);
    gcdNum = bigintGcd(gcdNum, c.num);
  }
  const content = Rational.of(gcdNum, lcmDen);
  const monomial = mulAll(p.gens.map((g, i) => pow(g, int(common[i]))));
  const rest = new Poly(
    p.gens,
    new Map(
      [...p.terms].map(([k, c]) => [
        k
          .split(",")
          .map((e, i) => Number(e) - common[i])
          .join(","),
        c.div(content),
      ]),
    ),
  );
  return mul(num(content), monomial, rest.toNode() === ONE ? ONE : rest.toNode());
}
