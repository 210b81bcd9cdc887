// The real roots of a polynomial over ℚ, exactly: its square-free part (p / gcd(p, p′)), a Sturm
// sequence, and bisection with dyadic ends until each interval holds one root. A rational root is
// found exactly: either a bisection lands on it, or its interval is narrowed below 1/L (L the leading
// coefficient of the integer polynomial, which every rational root's denominator divides) and the one
// candidate inside is tried. An irrational root is left as an interval (lo, hi) whose ends are on its
// two sides, about 10⁻¹² of its size wide. `check` uses them to try every sign region of a piecewise
// function's argument, however close its roots (|x² − 10⁻¹⁰| at ±10⁻⁵, relu((x² − 2)² − 10⁻⁴⁰)
// between the two roots 10⁻²⁰ apart beside √2).
import { Rational, bigintGcd } from "../../numeric/rational.js";

/** A root: exact, or strictly inside (lo, hi), where the polynomial has opposite signs at the ends. */
export interface RealRoot {
  exact: Rational | null;
  lo: Rational;
  hi: Rational;
}

/** Integer coefficients, lowest degree first, the last nonzero. */
type IntPoly = bigint[];

/** Above this degree or size the search falls back to its numeric scan. */
const MAX_DEGREE = 24;
const MAX_BITS = 4096;
/** The most bisections spent on one polynomial (isolating and narrowing all its roots). */
const MAX_STEPS = 20000;
/** Rational roots are looked for inside intervals while the leading coefficient is within this many bits. */
const MAX_LEAD_BITS = 2000;

const abs = (n: bigint) => (n < 0n ? -n : n);
/** The number of bits of |n|, to within three (from its hexadecimal digits). */
const bitLength = (n: bigint) => (n === 0n ? 0 : abs(n).toString(16).length * 4);

function trim(p: IntPoly): IntPoly {
  let k = p.length;
  while (k > 0 && p[k - 1] === 0n) k--;
  return p.slice(0, k);
}

/** Divided by the positive gcd of its coefficients (the sign is kept: Sturm sequences need it). */
function content(p: IntPoly): IntPoly {
  let g = 0n;
  for (const c of p) g = bigintGcd(g, abs(c));
  return g > 1n ? p.map((c) => c / g) : p;
}

function fromRationals(c: readonly Rational[]): IntPoly {
  let lcm = 1n;
  for (const a of c) lcm = (lcm * a.den) / bigintGcd(lcm, a.den);
  return content(trim(c.map((a) => (a.num * lcm) / a.den)));
}

const derivative = (p: IntPoly): IntPoly => trim(p.slice(1).map((c, i) => c * BigInt(i + 1)));

/** A positive multiple of the remainder of a by b (b's leading coefficient made positive first). */
function pseudoRemainder(a: IntPoly, b: IntPoly): IntPoly {
  const lead = b[b.length - 1];
  const [bb, lc] = lead < 0n ? [b.map((c) => -c), -lead] : [b, lead];
  let r = [...a];
  while (r.length >= bb.length) {
    const shift = r.length - bb.length;
    const top = r[r.length - 1];
    r = r.map((c) => c * lc);
    for (let i = 0; i < bb.length; i++) r[i + shift] -= top * bb[i];
    r = trim(r);
    if (r.length === 0) break;
    r = content(r);
  }
  return r;
}

function gcd(a: IntPoly, b: IntPoly): IntPoly {
  while (b.length > 0) [a, b] = [b, pseudoRemainder(a, b)];
  return content(a);
}

/** a / b over ℚ, when b divides a, as an integer polynomial. */
function exactQuotient(a: IntPoly, b: IntPoly): IntPoly {
  const r = a.map((c) => Rational.int(c));
  const q: Rational[] = new Array<Rational>(a.length - b.length + 1).fill(Rational.ZERO);
  const lead = Rational.int(b[b.length - 1]);
  for (let k = a.length - b.length; k >= 0; k--) {
    const f = r[k + b.length - 1].div(lead);
    q[k] = f;
    for (let j = 0; j < b.length; j++) r[k + j] = r[k + j].sub(f.mul(Rational.int(b[j])));
  }
  return fromRationals(q);
}

/** A dyadic rational n/2^k: bisection's points, with no gcd to take. */
interface Dyadic {
  n: bigint;
  k: number;
}

const toRational = (x: Dyadic): Rational => Rational.of(x.n, 1n << BigInt(x.k));

function midpoint(a: Dyadic, b: Dyadic): Dyadic {
  const k = Math.max(a.k, b.k);
  return { n: (a.n << BigInt(k - a.k)) + (b.n << BigInt(k - b.k)), k: k + 1 };
}

/** The sign of p at num/den (den > 0), by Horner's rule on the homogenised polynomial: integers only. */
function signOf(p: IntPoly, num: bigint, den: bigint | null, shift: bigint): -1 | 0 | 1 {
  let acc = 0n;
  let dPower = 1n;
  for (let i = p.length - 1; i >= 0; i--) {
    acc = acc * num + p[i] * dPower;
    if (den === null) dPower <<= shift;
    else dPower *= den;
  }
  return acc > 0n ? 1 : acc < 0n ? -1 : 0;
}

const signAt = (p: IntPoly, x: Rational) => signOf(p, x.num, x.den, 0n);
const signAtDyadic = (p: IntPoly, x: Dyadic) => signOf(p, x.n, null, BigInt(x.k));

function sturmSequence(p: IntPoly): IntPoly[] {
  const seq = [p, content(derivative(p))];
  while (seq[seq.length - 1].length > 1) {
    const r = pseudoRemainder(seq[seq.length - 2], seq[seq.length - 1]);
    if (r.length === 0) break;
    seq.push(r.map((c) => -c));
  }
  return seq;
}

/** p / (d·x − n): the root n/d taken out. */
function deflate(p: IntPoly, root: Rational): IntPoly {
  return exactQuotient(p, [-root.num, root.den]);
}

/** The shortest decimal strictly between a and b (a < b): 1.4 between 1.38 and 1.41. */
export function shortestDecimalBetween(a: Rational, b: Rational): Rational {
  if (a.sign() < 0 && b.sign() > 0) return Rational.ZERO;
  let scale = 1n;
  for (let k = 0; k < 2000; k++, scale *= 10n) {
    const q = Rational.of(a.mul(Rational.int(scale)).floor() + 1n, scale);
    if (q.compare(b) < 0) return q;
  }
  return a.add(b).div(Rational.int(2));
}

/** An isolated root while it is narrowed: exact, or inside (lo, hi) with dyadic ends. */
interface Bracket {
  exact: Rational | null;
  lo: Dyadic;
  hi: Dyadic;
}

/** log₂ |x|, to within one (−∞ for 0). */
function log2(x: Dyadic): number {
  return x.n === 0n ? -Infinity : bitLength(x.n) - x.k;
}

function difference(a: Dyadic, b: Dyadic): Dyadic {
  const k = Math.max(a.k, b.k);
  return { n: (b.n << BigInt(k - b.k)) - (a.n << BigInt(k - a.k)), k };
}

/** Sign changes of the Sturm sequence at x, zeros skipped. */
function variations(sturm: readonly IntPoly[], x: Dyadic): number {
  let count = 0;
  let last = 0;
  for (const s of sturm) {
    const v = signAtDyadic(s, x);
    if (v === 0) continue;
    if (last !== 0 && v !== last) count++;
    last = v;
  }
  return count;
}

class TooHard extends Error {}

/** Isolating intervals of the distinct real roots of a square-free p, and the rational roots bisection hit. */
function isolate(p: IntPoly, found: Bracket[], budget: { steps: number }): void {
  if (p.length <= 1) return;
  if (p.length === 2) {
    const r = Rational.of(-p[0], p[1]);
    found.push({ exact: r, lo: { n: 0n, k: 0 }, hi: { n: 0n, k: 0 } });
    return;
  }
  const sturm = sturmSequence(p);
  // Every root lies inside (−2^e, 2^e), past the Cauchy bound 1 + max |cᵢ/cₙ|.
  let top = 0;
  for (const c of p) top = Math.max(top, bitLength(c));
  const e = Math.max(0, top - bitLength(p[p.length - 1]) + 2);
  const bound: Dyadic = { n: 1n << BigInt(e), k: 0 };
  const below: Dyadic = { n: -bound.n, k: 0 };
  const stack: [Dyadic, Dyadic, number, number][] = [
    [below, bound, variations(sturm, below), variations(sturm, bound)],
  ];
  const mine: Bracket[] = [];
  while (stack.length > 0) {
    const [lo, hi, vlo, vhi] = stack.pop()!;
    const count = vlo - vhi;
    if (count <= 0) continue;
    if (count === 1) {
      mine.push({ exact: null, lo, hi });
      continue;
    }
    if (--budget.steps < 0) throw new TooHard();
    const mid = midpoint(lo, hi);
    if (signAtDyadic(p, mid) === 0) {
      // A rational root: taken out exactly, and the rest isolated afresh.
      const r = toRational(mid);
      found.push({ exact: r, lo: mid, hi: mid });
      isolate(deflate(p, r), found, budget);
      return;
    }
    const vmid = variations(sturm, mid);
    stack.push([lo, mid, vlo, vmid], [mid, hi, vmid, vhi]);
  }
  found.push(...mine);
}

/**
 * An isolating interval of p's root bisected until log₂ of its width is below `bits`, landing on the
 * root when it is a dyadic rational.
 */
function narrow(p: IntPoly, root: Bracket, bits: number, budget: { steps: number }): Bracket {
  if (root.exact) return root;
  let { lo, hi } = root;
  const sLo = signAtDyadic(p, lo);
  // Each bisection halves the width; the count is known before the first.
  for (let steps = log2(difference(lo, hi)) - bits + 3; steps > 0 && budget.steps-- > 0; steps--) {
    const mid = midpoint(lo, hi);
    const s = signAtDyadic(p, mid);
    if (s === 0) return { exact: toRational(mid), lo: mid, hi: mid };
    if (s === sLo) lo = mid;
    else hi = mid;
  }
  return { exact: null, lo, hi };
}

/**
 * The distinct real roots of c[0] + c[1]x + … (rational coefficients), in increasing order; null
 * when the polynomial is too large to treat exactly (degree past 24, coefficients past 4096 bits).
 * Each irrational root's interval is narrowed to about 10⁻¹² of its size, apart from its neighbours'.
 */
export function realRootsExact(c: readonly Rational[]): RealRoot[] | null {
  const p0 = fromRationals(c);
  if (p0.length <= 1) return [];
  if (p0.length - 1 > MAX_DEGREE || p0.some((x) => bitLength(x) > MAX_BITS)) return null;
  const budget = { steps: MAX_STEPS };
  try {
    // Square-free: p / gcd(p, p′) has each root once.
    const g = gcd(p0, derivative(p0));
    const p = g.length > 1 ? exactQuotient(p0, g) : p0;
    const brackets: Bracket[] = [];
    isolate(p, brackets, budget);
    // What is left once the rational roots bisection hit are out, an integer polynomial with leading
    // coefficient L: a rational root a/b of it has b | L, so L·a/b is a whole number. Once an
    // interval is narrower than 1/L, the one whole number m inside L·(lo, hi) gives the only
    // candidate, m/L.
    let rest = p;
    for (const r of brackets) if (r.exact) rest = deflate(rest, r.exact);
    const lead = abs(rest[rest.length - 1]);
    const apart = bitLength(lead) <= MAX_LEAD_BITS ? -(bitLength(lead) + 1) : null;
    const out = brackets.map((r): RealRoot => {
      if (r.exact) return { exact: r.exact, lo: r.exact, hi: r.exact };
      let n = r;
      if (apart !== null) {
        n = narrow(rest, n, apart, budget);
        if (!n.exact) {
          const m = toRational(n.hi).mul(Rational.int(lead)).floor();
          const guess = Rational.of(m, lead);
          if (guess.compare(toRational(n.lo)) > 0 && signAt(rest, guess) === 0)
            return { exact: guess, lo: guess, hi: guess };
        }
      }
      // To about 10⁻¹² (2⁻⁴⁰) of its size: the points beside it are then beside it.
      n = narrow(rest, n, Math.max(log2(n.lo), log2(n.hi)) - 41, budget);
      return n.exact
        ? { exact: n.exact, lo: n.exact, hi: n.exact }
        : { exact: null, lo: toRational(n.lo), hi: toRational(n.hi) };
    });
    return out.sort((x, y) => x.lo.compare(y.lo));
  } catch (err) {
    if (err instanceof TooHard) return null;
    throw err;
  }
}
