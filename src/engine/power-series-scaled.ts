// The inner loops of power-series arithmetic over ℚ, on integers. Coefficients of exp, sin, cos,
// log … are naturally aₖ = (integer)/k!: a series is kept as numerators over one scale,
//
//     aₖ = nₖ / (c·dᵏ·k!)        (c, d whole; the exponential-generating form of a(t·d)·c),
//
// in which the recurrences for products, quotients, exp, sin/cos, tan-like Riccati equations and
// powers have whole-number coefficients (binomials): the loops are bigint multiply-adds, and each
// coefficient is reduced once when it is read back as a Rational (by the primes of its known
// denominator). With a Rational per coefficient, every step of the same loops took gcds of
// denominators that grow as k!. Products and quotients may use the ordinary form aₖ = nₖ/(c·dᵏ)
// instead, where the result's scale is smaller (rational functions: 1/(3 − t)² has no k!).
//
// Each kernel reads Rationals and returns Rationals (the same values the Rational loops give: a
// series' coefficients are unique), or null where the Rational loops are cheaper (integer or
// two-term factors) or the scale of its input would be too large (then the caller runs them).
import { checkBudget } from "../budget.js";
import { Rational } from "../numeric/rational.js";

/**
 * aₖ = n[k] / (c·dᵏ·(k + shift)!), or n[k] / (c·dᵏ) in the ordinary form (shift null). A shift
 * keeps a series stored from its leading power t^shift in the exponential-generating form of its
 * own powers (sin t from t: 1, 0, −1/6, … is 1, 0, −1, … over (k + 1)!).
 */
interface Scaled {
  n: bigint[];
  c: bigint;
  d: bigint;
  shift: number | null;
}

function factorial(k: number): bigint {
  let f = 1n;
  for (let i = 2; i <= k; i++) f *= BigInt(i);
  return f;
}

/** Scales above this many bits are left to the Rational loops (their powers would swamp the gain). */
const MAX_SCALE = 1n << 64n;

/** q / gcd(q, s): how much of the denominator q the scale s lacks. */
function lacking(q: bigint, s: bigint): bigint {
  return s % q === 0n ? 1n : Rational.of(s, q).den;
}

/**
 * The first `len` coefficients of r (zeros past its end) over one scale. The first nonzero
 * coefficient's missing denominator goes into c, a later one's into d (denominators that grow
 * geometrically, as 1/(3 − t)'s 3ᵏ⁺¹, need only d = 3). null when c or d grows past MAX_SCALE.
 */
function toScaled(r: readonly Rational[], len: number, shift: number | null = 0): Scaled | null {
  let c = 1n;
  let d = 1n;
  const n: bigint[] = [];
  let dk = 1n;
  let fk = shift === null ? 1n : factorial(shift);
  let first = true;
  for (let k = 0; k < len; k++) {
    if ((k & 15) === 15) checkBudget();
    if (k > 0) {
      dk *= d;
      if (shift !== null) fk *= BigInt(k + shift);
    }
    const x = k < r.length ? r[k] : Rational.ZERO;
    if (x.isZero()) {
      n.push(0n);
      continue;
    }
    let s = c * dk * fk;
    const e = lacking(x.den, s);
    if (e !== 1n) {
      if (first) c *= e;
      else {
        d *= e;
        let ei = 1n;
        for (let i = 1; i < k; i++) {
          ei *= e;
          n[i] *= ei;
        }
        dk *= ei * e;
      }
      if (c > MAX_SCALE || d > MAX_SCALE) return null;
      s = c * dk * fk;
    }
    first = false;
    n.push(x.num * (s / x.den));
  }
  return { n, c, d, shift };
}

/**
 * The Rationals n[k] / (c·dᵏ·(k + shift)!) (n[k] / (c·dᵏ) in the ordinary form), each reduced by
 * its numerator's divisibility by the primes of its denominator when c and d have no prime factor
 * above SMALL_PRIME (the denominator's factorisation is then known), else by the primes up to
 * k + shift and one gcd with c·dᵏ.
 */
function fromScaled({ n, c, d, shift }: Scaled): Rational[] {
  const cf = smallFactors(c);
  const df = smallFactors(d);
  const smooth = cf.rest === 1n && df.rest === 1n;
  const out: Rational[] = [];
  let cd = c;
  let f = shift === null ? 1n : factorial(shift);
  for (let k = 0; k < n.length; k++) {
    if ((k & 15) === 15) checkBudget();
    if (k > 0) {
      cd *= d;
      if (shift !== null) f *= BigInt(k + shift);
    }
    if (n[k] === 0n) {
      out.push(Rational.ZERO);
      continue;
    }
    const m = shift === null ? 0 : k + shift;
    if (smooth) {
      // p divides the denominator vₚ(c) + k vₚ(d) + ⌊m/p⌋ + ⌊m/p²⌋ + … times.
      const g = smoothGcd(n[k], Math.max(m, cf.largest, df.largest), (p) => {
        let e = (cf.exponents.get(p) ?? 0) + k * (df.exponents.get(p) ?? 0);
        for (let q = p; q <= m; q *= p) e += Math.floor(m / q);
        return e;
      });
      const den = (cd * f) / g;
      out.push(den < 0n ? Rational.reduced(-n[k] / g, -den) : Rational.reduced(n[k] / g, den));
      continue;
    }
    // gcd(n, c dᵏ m!) = g·gcd(n/g, c dᵏ) for g = gcd(n, m!), as n/g and m!/g are coprime.
    const g = smoothGcd(n[k], m, (p) => {
      let e = 0;
      for (let q = p; q <= m; q *= p) e += Math.floor(m / q);
      return e;
    });
    const r = Rational.of(n[k] / g, cd);
    out.push(Rational.reduced(r.num, r.den * (f / g)));
  }
  return out;
}

/** Trial division of a positive x by the primes up to this bound. */
const SMALL_PRIME = 1000;

/** x's prime factors up to SMALL_PRIME with their exponents, the largest of them, and the cofactor left. */
function smallFactors(x: bigint): { exponents: Map<number, number>; largest: number; rest: bigint } {
  const exponents = new Map<number, number>();
  let largest = 0;
  let rest = x < 0n ? -x : x;
  for (const { primes } of primeGroupsTo(SMALL_PRIME)) {
    for (const p of primes) {
      if (rest === 1n) return { exponents, largest, rest };
      const P = BigInt(p);
      while (rest % P === 0n) {
        rest /= P;
        exponents.set(p, (exponents.get(p) ?? 0) + 1);
        largest = p;
      }
    }
  }
  return { exponents, largest, rest };
}

/** The primes in groups whose products stay below 2⁵³ (one bigint remainder tests a group). */
const primeGroups: { product: bigint; primes: number[] }[] = [];
let largestPrime = 1;

function primeGroupsTo(k: number): typeof primeGroups {
  for (let p = largestPrime + 1; p <= k; p++) {
    if (!isPrime(p)) continue;
    largestPrime = p;
    const last = primeGroups[primeGroups.length - 1];
    if (last && Number(last.product) * p < 2 ** 53) {
      last.primes.push(p);
      last.product *= BigInt(p);
    } else primeGroups.push({ product: BigInt(p), primes: [p] });
  }
  if (largestPrime < k) largestPrime = k;
  return primeGroups;
}

function isPrime(p: number): boolean {
  for (let q = 2; q * q <= p; q++) if (p % q === 0) return false;
  return p > 1;
}

/**
 * gcd(n, D) for D = Πₚ p^bound(p) over the primes p up to `upTo`, from n's remainders by groups of
 * primes and its divisibility by p, p², p⁴, … (numerators that share most of k!, as 1/(2 + t)·cosh t's
 * rₖ = αₖ − k rₖ₋₁, hold a small p about k/(p − 1) times).
 */
function smoothGcd(n: bigint, upTo: number, bound: (p: number) => number): bigint {
  let g = 1n;
  let m = n < 0n ? -n : n;
  if (m === 1n) return g;
  for (const { product, primes } of primeGroupsTo(upTo)) {
    const r = Number(m % product);
    for (const p of primes) {
      if (p > upTo) return g;
      if (r % p !== 0) continue;
      let e = bound(p);
      const taken: [bigint, number][] = [];
      let q = BigInt(p);
      for (let step = 1; step <= e && m % q === 0n; step *= 2, q *= q) {
        m /= q;
        g *= q;
        e -= step;
        taken.push([q, step]);
      }
      for (let i = taken.length - 1; i >= 0; i--) {
        const [qi, step] = taken[i];
        if (step <= e && m % qi === 0n) {
          m /= qi;
          g *= qi;
          e -= step;
        }
      }
    }
  }
  return g;
}

/** a and b over one d (the least common multiple of theirs). */
function sameD(a: Scaled, b: Scaled): [Scaled, Scaled] {
  if (a.d === b.d) return [a, b];
  const g = Rational.of(a.d, b.d);
  const D = a.d * g.den;
  const widen = (s: Scaled, f: bigint): Scaled => {
    let fk = 1n;
    return { ...s, n: s.n.map((x, k) => (k === 0 ? x : x * (fk *= f))), d: D };
  };
  return [widen(a, g.den), widen(b, g.num)];
}

/**
 * Row m of Pascal's triangle from row `start`, one row per next() (all ones for the ordinary form).
 * Given `columns` (the only entries read, when they are few), those alone are kept, each by
 * binomial(m + 1, i) = binomial(m, i)·(m + 1)/(m + 1 − i): sin t's argument t reads one column,
 * where a whole row costs m additions.
 */
class Binomials {
  row: bigint[] = [1n];
  private m = 0;
  constructor(
    private readonly ones: boolean,
    start: number,
    private readonly columns?: readonly number[],
  ) {
    if (columns && !ones) {
      this.row = Array<bigint>(Math.max(0, ...columns) + 1).fill(0n);
      for (const i of columns) {
        let b = i <= start ? 1n : 0n;
        for (let t = 1; t <= i && b !== 0n; t++) b = (b * BigInt(start - i + t)) / BigInt(t);
        this.row[i] = b;
      }
      this.m = start;
    } else for (let m = 0; m < start; m++) this.next();
  }
  /** Row m + 1 from row m. */
  next(): void {
    const r = this.row;
    if (this.columns && !this.ones) {
      const m1 = ++this.m;
      for (const i of this.columns) {
        if (i < m1) r[i] = (r[i] * BigInt(m1)) / BigInt(m1 - i);
        else if (i === m1) r[i] = 1n;
      }
      return;
    }
    r.push(1n);
    if (!this.ones) for (let i = r.length - 2; i > 0; i--) r[i] += r[i - 1];
  }
}

/** The columns to keep when they are few against the rows to come, else all. */
function fewColumns(columns: number[], rows: number): number[] | undefined {
  return columns.length * 4 < rows ? columns : undefined;
}

/**
 * The first lenA and lenB coefficients of a and b over one scale, in the form whose result has
 * the smallest scale at its last term (c·dᵏ·(k + s)! there): ordinary (aₖ = nₖ/(c·dᵏ)) for
 * rational functions, as 1/(3 − t)² (no k! to carry), or exponential-generating with one of the
 * pairs of shifts offered (exp, sin, …: d would need every prime up to k). `shiftOf` gives the
 * result's shift from the pair's. null when no form has a scale within bounds.
 */
function bothScaled(
  a: readonly Rational[],
  b: readonly Rational[],
  lenA: number,
  lenB: number,
  len: number,
  shifts: readonly (readonly [number, number])[],
  shiftOf: (sa: number, sb: number) => number,
): [Scaled, Scaled] | null {
  let best: [Scaled, Scaled] | null = null;
  let bestBits = Infinity;
  for (const [sa, sb] of [[null, null] as const, ...shifts]) {
    const A = toScaled(a, lenA, sa);
    const B = A && toScaled(b, lenB, sb);
    if (!A || !B) continue;
    const pair = sameD(A, B);
    let bits = Math.log2(Number(pair[0].c)) + Math.log2(Number(pair[1].c)) + (len - 1) * Math.log2(Number(pair[0].d));
    if (sa !== null) for (let i = 2; i < len + shiftOf(sa, sb); i++) bits += Math.log2(i);
    if (bits < bestBits) [best, bestBits] = [pair, bits];
  }
  return best;
}

/** The indices of nonzero entries (sin's odd coefficients halve every sum over them). */
function nonzeroIndices(n: readonly bigint[], from: number): number[] {
  const out: number[] = [];
  for (let j = from; j < n.length; j++) if (n[j] !== 0n) out.push(j);
  return out;
}

/** 1, x, x², …, x^(len − 1). */
function powers(x: bigint, len: number): bigint[] {
  const out = [1n];
  for (let k = 1; k < len; k++) out.push(out[k - 1] * x);
  return out;
}

function allIntegers(r: readonly Rational[]): boolean {
  return r.every((x) => x.den === 1n);
}

/**
 * Whether r has at most two nonzero terms among its first len (a constant factor, 1 + t, t + t³):
 * then the Rational loops take O(len) steps, fewer than reading the result back from a scale.
 */
function sparse(r: readonly Rational[], len: number): boolean {
  let count = 0;
  for (let i = 0; i < Math.min(len, r.length); i++) if (!r[i].isZero() && ++count > 2) return false;
  return true;
}

/**
 * cₖ = Σᵢ aᵢ bₖ₋ᵢ for k < len, a and b stored from t^va and t^vb. Integer coefficients and sparse
 * factors stay with the Rational loops (they take no gcd there, and k! would only make them longer).
 */
export function mulScaled(
  a: readonly Rational[],
  b: readonly Rational[],
  len: number,
  va: number,
  vb: number,
): Rational[] | null {
  if ((allIntegers(a) && allIntegers(b)) || sparse(a, len) || sparse(b, len)) return null;
  const shifts: [number, number][] = [[0, 0]];
  if (va > 0 || vb > 0) shifts.push([Math.max(0, va), Math.max(0, vb)]);
  const both = bothScaled(a, b, Math.min(a.length, len), Math.min(b.length, len), len, shifts, (sa, sb) => sa + sb);
  if (!both) return null;
  const [A, B] = both;
  // With shifts s, r: aᵢbⱼ = nᵃᵢnᵇⱼ / (cₐc_b d^(i+j) (i + s)! (j + r)!), and (i + s)! (j + r)! is
  // (i + j + s + r)! over binomial(i + j + s + r, i + s).
  const sa = A.shift ?? 0;
  const S = sa + (B.shift ?? 0);
  const out: bigint[] = [];
  const bin = new Binomials(A.shift === null, S);
  for (let k = 0; k < len; k++) {
    if (k > 0) bin.next();
    checkBudget();
    const row = bin.row;
    const lo = Math.max(0, k - B.n.length + 1);
    const hi = Math.min(k, A.n.length - 1);
    let s = 0n;
    for (let i = lo; i <= hi; i++) {
      const x = A.n[i];
      const y = B.n[k - i];
      if (x !== 0n && y !== 0n) s += row[i + sa] * x * y;
    }
    out.push(s);
  }
  return fromScaled({ n: out, c: A.c * B.c, d: A.d, shift: A.shift === null ? null : S });
}

/**
 * q with a = b q to len terms (b[0] ≠ 0; a stored from t^va), as (a/b₀)/(b/b₀): a monic divisor's
 * scale has c = 1 (and 1/(9 − 6t + t²) needs d = 3, not 9). In u = t/d, with A = Σ αₖuᵏ⁺ˢ/(k + s)!
 * and B = Σ βₖuᵏ/k! (a = A/cₐ, b = B/c_b; no factorials in the ordinary form), A/B has the
 * coefficients rₖ/β₀ᵏ⁺¹ over (k + s)!, rₖ = αₖβ₀ᵏ − Σⱼ binomial(k + s, j) βⱼ rₖ₋ⱼ β₀ʲ⁻¹.
 */
export function divScaled(a: readonly Rational[], b: readonly Rational[], len: number, va: number): Rational[] | null {
  if ((allIntegers(a) && allIntegers(b) && (b[0].num === 1n || b[0].num === -1n)) || sparse(b, len)) return null;
  const lenA = Math.min(a.length, len);
  const lenB = Math.min(b.length, len);
  const b0 = b[0];
  const monic = b0.isOne()
    ? null
    : { a: a.slice(0, lenA).map((x) => x.div(b0)), b: b.slice(0, lenB).map((x) => x.div(b0)) };
  const shifts: [number, number][] = [[0, 0]];
  if (va > 0) shifts.push([va, 0]);
  const both = bothScaled(monic?.a ?? a, monic?.b ?? b, lenA, lenB, len, shifts, (sa) => sa);
  if (!both) return null;
  const [A, B] = both;
  const B0 = B.n[0];
  const p = powers(B0, len);
  const nz = nonzeroIndices(B.n, 1);
  const r: bigint[] = [];
  const bin = new Binomials(A.shift === null, A.shift ?? 0, fewColumns(nz, len));
  for (let k = 0; k < len; k++) {
    if (k > 0) bin.next();
    checkBudget();
    const row = bin.row;
    let s = k < A.n.length ? A.n[k] * p[k] : 0n;
    for (const j of nz) {
      if (j > k) break;
      s -= row[j] * B.n[j] * r[k - j] * p[j - 1];
    }
    r.push(s);
  }
  // The coefficient of tᵏ⁺ᵛᵃ⁻ᵛᵇ: (c_b/cₐ) rₖ / (β₀ᵏ⁺¹ dᵏ (k + s)!).
  return fromScaled({ n: B.c === 1n ? r : r.map((x) => x * B.c), c: A.c * B0, d: A.d * B0, shift: A.shift });
}

/**
 * The recurrences of F′ = h′G for h₀ = 0: in u = t/d, h = Σ ηⱼuʲ/(c·j!), and with F, G read as
 * Σ Fₖuᵏ/((qc)ᵏk!), Fₖ = Σⱼ binomial(k − 1, j − 1) ηⱼ (qc)ʲ⁻¹ Gₖ₋ⱼ (q: a further whole factor of
 * the scale, for Riccati's constant term). For k = 1 … n − 1, step(k, sum, row) gets that sum for
 * any G known below k, and row k − 1 of Pascal's triangle (whole only when asked for: else the
 * entries the sum reads). The scale q·c·d of the results, or null when h's is too large.
 */
function derivativeSteps(
  h: readonly Rational[],
  n: number,
  step: (k: number, sum: (G: readonly bigint[]) => bigint, row: readonly bigint[]) => void,
  q = 1n,
  wholeRows = false,
): bigint | null {
  const H = toScaled(h, n);
  if (!H) return null;
  const cp = powers(H.c * q, n);
  const nz = nonzeroIndices(H.n, 1);
  const eta = H.n.map((x, j) => (j > 0 ? x * cp[j - 1] : x));
  const bin = new Binomials(
    false,
    0,
    wholeRows
      ? undefined
      : fewColumns(
          nz.map((j) => j - 1),
          n,
        ),
  );
  for (let k = 1; k < n; k++) {
    if (k > 1) bin.next();
    checkBudget();
    const row = bin.row;
    step(
      k,
      (G) => {
        let s = 0n;
        for (const j of nz) {
          if (j > k) break;
          s += row[j - 1] * eta[j] * G[k - j];
        }
        return s;
      },
      row,
    );
  }
  return q * H.c * H.d;
}

/** exp(h) for h₀ = 0, n terms: E′ = h′E. */
export function expScaled(h: readonly Rational[], n: number): Rational[] | null {
  const E: bigint[] = n > 0 ? [1n] : [];
  const d = derivativeSteps(h, n, (_, sum) => E.push(sum(E)));
  return d === null ? null : fromScaled({ n: E, c: 1n, d, shift: 0 });
}

/** sin(h), cos(h) (or sinh, cosh) for h₀ = 0: S′ = h′C, C′ = ∓h′S (only: the other is left empty). */
export function sinCosScaled(
  h: readonly Rational[],
  n: number,
  hyperbolic: boolean,
  only?: "S" | "C",
): { S: Rational[]; C: Rational[] } | null {
  const S: bigint[] = n > 0 ? [0n] : [];
  const C: bigint[] = n > 0 ? [1n] : [];
  const d = derivativeSteps(h, n, (_, sum) => {
    const s = sum(C);
    const c = sum(S);
    S.push(s);
    C.push(hyperbolic ? c : -c);
  });
  if (d === null) return null;
  return {
    S: only === "C" ? [] : fromScaled({ n: S, c: 1n, d, shift: 0 }),
    C: only === "S" ? [] : fromScaled({ n: C, c: 1n, d, shift: 0 }),
  };
}

/**
 * F = f(h) for h₀ = 0 where f′ = α + βf + γf² and f(0) = F₀ = P/Q (tan: 1, 0, 1; tanh: 1, 0, −1;
 * σ: 0, 1, −1): F′ = h′G with G = α + βF + γF². With Fₖ = φₖ/Q (Q·c)ᵏ and Gₖ = Γₖ/Q²(Q·c)ᵏ in
 * the scaled form, Γₖ = αQ²[k = 0] + βQφₖ + γ Σᵢ binomial(k, i) φᵢφₖ₋ᵢ, all whole.
 */
export function riccatiScaled(
  h: readonly Rational[],
  n: number,
  F0: Rational,
  alpha: number,
  beta: number,
  gamma: number,
): Rational[] | null {
  const Q = F0.den;
  const phi: bigint[] = [F0.num];
  const G: bigint[] = [];
  const [a, b, g] = [BigInt(alpha), BigInt(beta), BigInt(gamma)];
  const d = derivativeSteps(
    h,
    n,
    (k, sum, row) => {
      // Γ at k − 1, now that φ is known there (row k − 1 holds its binomials).
      const m = k - 1;
      let square = 0n;
      for (let i = 0; i <= m; i++) square += row[i] * phi[i] * phi[m - i];
      G.push((m === 0 ? a * Q * Q : 0n) + b * Q * phi[m] + g * square);
      phi.push(sum(G));
    },
    Q,
    true,
  );
  return d === null ? null : fromScaled({ n: phi, c: Q, d, shift: 0 });
}

/**
 * B = A^p to len terms for p = P/Q and B₀ = A₀ᵖ = P₀/Q₀ (J. C. P. Miller's A B′ = p A′ B). In the
 * scaled form (A = Σ αₖuᵏ/(c·k!)), βₘ = Σⱼ (P·binomial(m − 1, j − 1) − Q·binomial(m − 1, j)) αⱼ βₘ₋ⱼ
 * / (Q α₀), so B's numerators are P₀ρₘ with ρₘ = Σⱼ (…) αⱼ ρₘ₋ⱼ (Qα₀)ʲ⁻¹ over Q₀ (Qα₀d)ᵐ m!.
 */
export function powerScaled(A: readonly Rational[], p: Rational, B0: Rational, len: number): Rational[] | null {
  // (A/A₀)ᵖ has α₀ = 1: no power of A₀ in its scale.
  const A0 = A[0];
  const lenA = Math.min(A.length, len);
  const S = toScaled(A0.isOne() ? A : A.slice(0, lenA).map((x) => x.div(A0)), lenA);
  if (!S) return null;
  const a0 = S.n[0];
  const qa = p.den * a0;
  const qp = powers(qa, len);
  const nz = nonzeroIndices(S.n, 1);
  const rho: bigint[] = [1n];
  const bin = new Binomials(false, 0);
  for (let m = 1; m < len; m++) {
    if (m > 1) bin.next();
    checkBudget();
    const row = bin.row;
    let s = 0n;
    for (const j of nz) {
      if (j > m) break;
      const w = p.num * row[j - 1] - (j < m ? p.den * row[j] : 0n);
      if (w !== 0n) s += w * S.n[j] * rho[m - j] * qp[j - 1];
    }
    rho.push(s);
  }
  return fromScaled({ n: rho.map((x) => x * B0.num), c: B0.den, d: qa * S.d, shift: 0 });
}
