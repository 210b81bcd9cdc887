// Exact solution of A X = B for a nonsingular rational A by Dixon's p-adic lifting: A⁻¹ mod one
// word-sized prime p, then X = Σ Xᵢpⁱ digit by digit (Xᵢ = C·Rᵢ mod p, Rᵢ₊₁ = (Rᵢ − A·Xᵢ)/p, exact),
// until pᵏ exceeds twice the square of Hadamard's bound on A's minors; each entry is then the unique
// fraction n/d with |n|, d ≤ √(pᵏ/2) congruent to X mod pᵏ (rational reconstruction), tried first
// with the denominator already found so most entries cost one product. The lifting works on small
// integers (A's own entries and digits below p) where Gauss–Jordan over ℚ or fraction-free
// elimination carries integers of n·log|A| bits through O(n³) operations.
import { Rational, bigintGcd } from "./rational.js";
import { integerRows, invertModP, primeAt } from "./modular.js";
import { checkBudget } from "../budget.js";

/** How many primes are tried for A⁻¹ mod p before A is taken as singular. */
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

/** Cᵢ·(R mod p) mod p: the next p-adic digit of every entry. */
function digit(C: number[][], Rm: number[][], p: number, k: number): number[][] {
  return C.map((crow) => {
    const out = new Array<number>(k).fill(0);
    for (let j = 0; j < crow.length; j++) {
      const c = crow[j];
      if (c === 0) continue;
      const rrow = Rm[j];
      for (let t = 0; t < k; t++) if (rrow[t] !== 0) out[t] = (out[t] + ((c * rrow[t]) % p)) % p;
    }
    return out;
  });
}

/**
 * The lifting in doubles: with |M| ≤ 2²⁰, n ≤ 64 and |R| ≤ 2²⁶ every product and sum stays below
 * 2⁵³, and R stays small (|R′| ≤ (|R| + n|M|p)/p), so no BigInt is made until the digits combine.
 * C·(R mod p) splits C = 2¹³C₁ + C₀, so each half's products (below 2³⁹) add up without a reduction.
 */
function liftSmall(M: bigint[][], R0: bigint[][], C: number[][], p: number, steps: number): number[][][] {
  const n = M.length;
  const k = R0[0].length;
  const Mf = Float64Array.from(M.flat().map(Number));
  const C0 = Float64Array.from(C.flat().map((c) => c % 8192));
  const C1 = Float64Array.from(C.flat().map((c) => Math.floor(c / 8192)));
  let R = Float64Array.from(R0.flat().map(Number));
  const Rm = new Float64Array(n * k);
  const digits: number[][][] = [];
  for (let step = 0; step < steps; step++) {
    checkBudget();
    for (let e = 0; e < n * k; e++) Rm[e] = ((R[e] % p) + p) % p;
    const Xi = new Float64Array(n * k);
    const low = new Float64Array(k);
    const high = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      low.fill(0);
      high.fill(0);
      for (let j = 0; j < n; j++) {
        const [c0, c1] = [C0[i * n + j], C1[i * n + j]];
        if (c0 === 0 && c1 === 0) continue;
        const base = j * k;
        for (let t = 0; t < k; t++) {
          const r = Rm[base + t];
          low[t] += c0 * r;
          high[t] += c1 * r;
        }
      }
      for (let t = 0; t < k; t++) Xi[i * k + t] = ((((high[t] % p) * 8192) % p) + (low[t] % p)) % p;
    }
    const next = new Float64Array(n * k);
    for (let i = 0; i < n; i++)
      for (let t = 0; t < k; t++) {
        let sum = 0;
        for (let j = 0; j < n; j++) sum += Mf[i * n + j] * Xi[j * k + t];
        next[i * k + t] = (R[i * k + t] - sum) / p;
      }
    R = next;
    digits.push(Array.from({ length: n }, (_, i) => Array.from(Xi.subarray(i * k, (i + 1) * k))));
  }
  return digits;
}

/** The same lifting with BigInt remainders, for large entries. */
function liftBig(M: bigint[][], R0: bigint[][], C: number[][], p: number, steps: number): number[][][] {
  const n = M.length;
  const k = R0[0].length;
  const P = BigInt(p);
  const R = R0.map((row) => [...row]);
  const digits: number[][][] = [];
  for (let step = 0; step < steps; step++) {
    checkBudget();
    const Xi = digit(
      C,
      R.map((row) => row.map((x) => Number(((x % P) + P) % P))),
      p,
      k,
    );
    for (let i = 0; i < n; i++)
      for (let t = 0; t < k; t++) {
        let product = 0n;
        for (let j = 0; j < n; j++) if (Xi[j][t] !== 0) product += M[i][j] * BigInt(Xi[j][t]);
        R[i][t] = (R[i][t] - product) / P;
      }
    digits.push(Xi);
  }
  return digits;
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
  let C: number[][] | null = null;
  let p = 0;
  for (let i = 0; i < PRIMES_TRIED && !C; i++) {
    p = primeAt(i);
    const P = BigInt(p);
    const a = Float64Array.from(M.flat(), (x) => Number(((x % P) + P) % P));
    if (invertModP(a, n, p) !== 0) C = Array.from({ length: n }, (_, r) => Array.from(a.subarray(r * n, (r + 1) * n)));
  }
  if (!C) return null;
  const P = BigInt(p);
  // Hadamard: every minor of [M | R] is at most Π‖row‖; the solution's numerators and denominator too.
  let bits = 0;
  for (let i = 0; i < n; i++) {
    const squares = [...M[i], ...R[i]].reduce((s, x) => s + x * x, 0n);
    bits += log2(squares) / 2 + 1;
  }
  const steps = Math.ceil((2 * bits + 2) / Math.log2(p)) + 1;
  const small =
    n <= 64 &&
    k <= 8192 &&
    M.every((row) => row.every((x) => log2(x < 0n ? -x : x) <= 20)) &&
    R.every((row) => row.every((x) => log2(x < 0n ? -x : x) <= 26));
  const digits = small ? liftSmall(M, R, C, p, steps) : liftBig(M, R, C, p, steps);
  const power = P ** BigInt(steps);
  // X = Σ digitᵢ pⁱ, two digits at a time (d₀ + d₁p < 2⁵² is exact in a double).
  const X: bigint[][] = Array.from({ length: n }, (_, i) =>
    Array.from({ length: k }, (_, t) => {
      let x = 0n;
      const P2 = P * P;
      for (let step = steps - (steps % 2 === 0 ? 2 : 1); step >= 0; step -= 2) {
        const pair = digits[step][i][t] + (step + 1 < steps ? digits[step + 1][i][t] * p : 0);
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
