// Exact solution of A X = B for a nonsingular rational A by Dixon's p-adic lifting: A = P·L·U mod one
// word-sized prime p, then X = Σ Xᵢpⁱ digit by digit (Xᵢ = A⁻¹Rᵢ mod p by substitution with the
// factors, Rᵢ₊₁ = (Rᵢ − A·Xᵢ)/p, exact),
// until pᵏ exceeds twice the square of Hadamard's bound on A's minors; each entry is then the unique
// fraction n/d with |n|, d ≤ √(pᵏ/2) congruent to X mod pᵏ (rational reconstruction), tried first
// with the denominator already found so most entries cost one product. The lifting works on small
// integers (A's own entries and digits below p) where Gauss–Jordan over ℚ or fraction-free
// elimination carries integers of n·log|A| bits through O(n³) operations.
import { Rational, bigintGcd } from "./rational.js";
import { asDoubles, hadamardBits, integerRows, isPrime, modInverse, mulMod, reduce } from "./modular.js";
import { checkBudget } from "../budget.js";

/** How many primes are tried for A's factors mod p before A is taken as singular. */
const PRIMES_TRIED = 5;

/** The fraction n/d ≡ x (mod m) with |n| ≤ bound and 0 < d ≤ bound, or null. */
function reconstruct(x: bigint, m: bigint, bound: bigint): { n: bigint; d: bigint } | null {
  let [r0, r1] = [m, ((x % m) + m) % m];
  let [t0, t1] = [0n, 1n];
  while (r1 > bound) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [t0, t1] = [t1, t0 - q * t1];
  }
  if (t1 === 0n) return null;
  const [n, d] = t1 < 0n ? [-r1, -t1] : [r1, t1];
  return d <= bound ? { n, d } : null;
}

const log2 = (x: bigint) => (x === 0n ? 0 : x.toString(2).length);

/**
 * Primes below 2²², largest first: a product of two residues is below 2⁴⁴, so 256 of them add up
 * exactly in a double and a dot product is reduced once per 256 terms, not once per term (the
 * lifting then takes 26/22 as many digits, each at half the work of one split for 2²⁶).
 */
const PRIME_BITS = 22;
const TERMS_PER_REDUCTION = 256;
const primes: number[] = [];

export function dixonPrime(i: number): number {
  let candidate = primes.length ? primes[primes.length - 1] - 2 : 2 ** PRIME_BITS - 1;
  while (primes.length <= i) {
    while (!isPrime(candidate)) candidate -= 2;
    primes.push(candidate);
    candidate -= 2;
  }
  return primes[i];
}

/** Σ a[ai + m·as]·b[bi + m·bs] over m < count, mod p (entries residues mod p < 2²²). */
export function dotMod(
  a: Float64Array,
  ai: number,
  as: number,
  b: Float64Array,
  bi: number,
  bs: number,
  count: number,
  p: number,
): number {
  let total = 0;
  for (let from = 0; from < count; from += TERMS_PER_REDUCTION) {
    const to = Math.min(count, from + TERMS_PER_REDUCTION);
    let sum = 0;
    for (let m = from, x = ai + from * as, y = bi + from * bs; m < to; m++, x += as, y += bs) sum += a[x] * b[y];
    total = (total + (sum % p)) % p;
  }
  return total;
}

/**
 * A mod p as P·L·U: U unit upper triangular (above the diagonal), L lower triangular (on and
 * below it, its diagonal the pivots, whose inverses are kept), P the row swaps made on the way.
 */
interface Factors {
  readonly p: number;
  readonly n: number;
  readonly lu: Float64Array;
  readonly swaps: readonly number[];
  readonly pivotInverses: Float64Array;
}

/**
 * The factors of the n × n residues a (row-major, overwritten) by Crout's order: each entry of L
 * and U is one dot product of what is already known, reduced once, where elimination reduces every
 * entry at every step. Null when a is singular mod p.
 */
function factorsOf(a: Float64Array, n: number, p: number): Factors | null {
  const reciprocal = 1 / p;
  const swaps: number[] = [];
  const pivotInverses = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    checkBudget();
    // Column k of L: a_ik − Σ_{m<k} L_im U_mk, for the rows i ≥ k.
    for (let i = k; i < n; i++) {
      const r = a[i * n + k] - dotMod(a, i * n, 1, a, k, n, k, p);
      a[i * n + k] = r < 0 ? r + p : r;
    }
    let pivot = k;
    while (pivot < n && a[pivot * n + k] === 0) pivot++;
    if (pivot === n) return null;
    swaps.push(pivot);
    if (pivot !== k)
      for (let j = 0; j < n; j++) {
        const t = a[k * n + j];
        a[k * n + j] = a[pivot * n + j];
        a[pivot * n + j] = t;
      }
    const inv = modInverse(a[k * n + k], p);
    pivotInverses[k] = inv;
    // Row k of U: (a_kj − Σ_{m<k} L_km U_mj) / L_kk, for the columns j > k.
    for (let j = k + 1; j < n; j++) {
      const r = a[k * n + j] - dotMod(a, k * n, 1, a, j, n, k, p);
      a[k * n + j] = mulMod(r < 0 ? r + p : r, inv, p, reciprocal);
    }
  }
  return { p, n, lu: a, swaps, pivotInverses };
}

/**
 * A⁻¹·Rm mod p for residues Rm (n × k, row-major): the next p-adic digit of every entry, by
 * forward and back substitution with the factors.
 */
function digitOf(f: Factors, Rm: Float64Array, k: number): Float64Array {
  const { p, n, lu } = f;
  const reciprocal = 1 / p;
  const x = new Float64Array(n * k);
  const y = new Float64Array(n);
  for (let t = 0; t < k; t++) {
    for (let i = 0; i < n; i++) y[i] = Rm[i * k + t];
    for (let i = 0; i < n; i++) {
      const s = f.swaps[i];
      if (s === i) continue;
      const swapped = y[i];
      y[i] = y[s];
      y[s] = swapped;
    }
    // L y′ = P r, L's diagonal the pivots; then U x = y′, U unit upper triangular.
    for (let i = 0; i < n; i++) {
      const r = y[i] - dotMod(lu, i * n, 1, y, 0, 1, i, p);
      y[i] = mulMod(r < 0 ? r + p : r, f.pivotInverses[i], p, reciprocal);
    }
    for (let i = n - 1; i >= 0; i--) {
      const r = y[i] - dotMod(lu, i * n + i + 1, 1, y, i + 1, 1, n - i - 1, p);
      y[i] = r < 0 ? r + p : r;
    }
    for (let i = 0; i < n; i++) x[i * k + t] = y[i];
  }
  return x;
}

/**
 * The lifting in doubles: with |M| < 2²⁰, n ≤ 64, digits below 2²² and |R| < 2²⁶ every product
 * and sum stays below 2⁵³, and R stays small (|R′| ≤ (|R| + n|M|p)/p), so no BigInt is made until the digits combine.
 * Each step's digits are one row-major n × k array.
 */
function liftSmall(M: Float64Array, R0: Float64Array, f: Factors, k: number, steps: number): Float64Array[] {
  const { p, n } = f;
  let R = R0;
  const Rm = new Float64Array(n * k);
  const digits: Float64Array[] = [];
  for (let step = 0; step < steps; step++) {
    checkBudget();
    for (let e = 0; e < n * k; e++) Rm[e] = ((R[e] % p) + p) % p;
    const Xi = digitOf(f, Rm, k);
    const next = new Float64Array(n * k);
    for (let t = 0; t < k; t++)
      for (let i = 0; i < n; i++) {
        const row = i * n;
        let sum = 0;
        // One right-hand side (most systems) without the stride: a cold run interprets this loop.
        if (k === 1) for (let j = 0; j < n; j++) sum += M[row + j] * Xi[j];
        else for (let j = 0; j < n; j++) sum += M[row + j] * Xi[j * k + t];
        next[i * k + t] = (R[i * k + t] - sum) / p;
      }
    R = next;
    digits.push(Xi);
  }
  return digits;
}

/** The same lifting with BigInt remainders, for large entries. */
function liftBig(M: bigint[][], R0: bigint[][], f: Factors, k: number, steps: number): Float64Array[] {
  const { p, n } = f;
  const P = BigInt(p);
  const R = R0.map((row) => [...row]);
  const Rm = new Float64Array(n * k);
  const digits: Float64Array[] = [];
  for (let step = 0; step < steps; step++) {
    checkBudget();
    for (let i = 0; i < n; i++) for (let t = 0; t < k; t++) Rm[i * k + t] = Number(((R[i][t] % P) + P) % P);
    const Xi = digitOf(f, Rm, k);
    for (let i = 0; i < n; i++)
      for (let t = 0; t < k; t++) {
        let product = 0n;
        for (let j = 0; j < n; j++) if (Xi[j * k + t] !== 0) product += M[i][j] * BigInt(Xi[j * k + t]);
        R[i][t] = (R[i][t] - product) / P;
      }
    digits.push(Xi);
  }
  return digits;
}

/** Whether every entry lies strictly between −2^bits and 2^bits. */
function below(rows: readonly bigint[][], bits: number): boolean {
  const bound = 1n << BigInt(bits);
  return rows.every((row) => row.every((x) => x < bound && x > -bound));
}

/**
 * X with A X = B for a nonsingular square rational A (B: n × k), exactly; null when A is singular
 * (its determinant vanishes modulo every prime tried, which for a nonsingular A would take a
 * determinant divisible by all of them).
 */
export function solveDixon(A: readonly Rational[][], B: readonly Rational[][]): Rational[][] | null {
  const n = A.length;
  if (n === 0) return [];
  const k = B[0].length;
  // Scale A's rows and B's rows alike: (S A) X = S B; then B's columns to integers: X = X' / c.
  const { rows: M, scales } = integerRows(A);
  const SB = B.map((row, i) => row.map((x) => x.mul(Rational.of(scales[i], 1n))));
  let columnScale = 1n;
  for (const row of SB) for (const x of row) columnScale = (columnScale * x.den) / bigintGcd(columnScale, x.den);
  const R: bigint[][] = SB.map((row) => row.map((x) => (x.num * columnScale) / x.den));
  // Small entries are lifted in doubles from the start (and reduced mod p without BigInt).
  const small = n <= 64 && k <= 8192 && below(M, 20) && below(R, 26);
  const Mf = small ? asDoubles(M) : null;
  let factors: Factors | null = null;
  let p = 0;
  for (let i = 0; i < PRIMES_TRIED && !factors; i++) {
    p = dixonPrime(i);
    factors = factorsOf(reduce(M, Mf, p), n, p);
  }
  if (!factors) return null;
  const P = BigInt(p);
  // Hadamard: every minor of [M | R] is at most Π‖row‖; the solution's numerators and denominator too.
  const bits = hadamardBits(M.map((row, i) => [...row, ...R[i]]));
  const steps = Math.ceil((2 * bits + 2) / Math.log2(p)) + 1;
  const digits = Mf ? liftSmall(Mf, asDoubles(R)!, factors, k, steps) : liftBig(M, R, factors, k, steps);
  const power = P ** BigInt(steps);
  // X = Σ digitᵢ pⁱ, two digits at a time (d₀ + d₁p < 2⁵² is exact in a double).
  const P2 = P * P;
  const X: bigint[][] = Array.from({ length: n }, (_, i) =>
    Array.from({ length: k }, (_, t) => {
      const e = i * k + t;
      let x = 0n;
      for (let step = steps - (steps % 2 === 0 ? 2 : 1); step >= 0; step -= 2) {
        const pair = digits[step][e] + (step + 1 < steps ? digits[step + 1][e] * p : 0);
        x = x * (step + 1 < steps ? P2 : P) + BigInt(pair);
      }
      return x;
    }),
  );
  const bound = sqrtFloor(power / 2n);
  let denominator = 1n;
  const out: Rational[][] = [];
  for (let i = 0; i < n; i++) {
    const row: Rational[] = [];
    for (let t = 0; t < k; t++) {
      // First with the denominator found so far: d·x mod pᵏ, taken symmetric, is the numerator when small.
      let y = (denominator * X[i][t]) % power;
      if (y > power / 2n) y -= power;
      let value: { n: bigint; d: bigint } | null = (y < 0n ? -y : y) <= bound ? { n: y, d: denominator } : null;
      if (!value) {
        value = reconstruct(X[i][t], power, bound);
        if (!value) return null;
        denominator = (denominator * value.d) / bigintGcd(denominator, value.d);
      }
      row.push(Rational.of(value.n, value.d * columnScale));
    }
    out.push(row);
  }
  return out;
}

function sqrtFloor(n: bigint): bigint {
  if (n < 2n) return n;
  // Newton's iteration from above: x₀ = 2^⌈bits/2⌉ ≥ √n.
  let x = 1n << BigInt(Math.ceil(log2(n) / 2));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}
