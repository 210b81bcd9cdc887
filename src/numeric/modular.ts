// Integer matrices by multimodular arithmetic: the determinant and the adjugate modulo word-sized
// primes (elimination on doubles: every product of two residues below 2²⁶ is exact), combined by
// the Chinese remainder theorem (Garner's mixed radix) once the primes' product exceeds twice
// Hadamard's bound. Each prime costs O(n³) double operations, so an n × n matrix whose entries have
// b bits takes O(n³·(n·b)/26) word operations, and BigInt is used only to reduce the entries and to
// assemble the n² + 1 results, where fraction-free elimination carries integers of n·b bits through
// O(n³) BigInt operations.
import { checkBudget } from "../budget.js";
import { bigintGcd, type Rational } from "./rational.js";

/** Rows scaled to integers: A = S⁻¹M with S = diag(scales), each scale its row's denominators' lcm. */
export function integerRows(A: readonly (readonly Rational[])[]): { rows: bigint[][]; scales: bigint[] } {
  const scales: bigint[] = [];
  const rows = A.map((row) => {
    let lcm = 1n;
    for (const x of row) if (x.den !== 1n) lcm = (lcm * x.den) / bigintGcd(lcm, x.den);
    scales.push(lcm);
    return lcm === 1n ? row.map((x) => x.num) : row.map((x) => (x.num * lcm) / x.den);
  });
  return { rows, scales };
}

/** Primes below 2²⁶, largest first, found by trial division as they are asked for. */
const PRIMES: number[] = [];
let candidate = 2 ** 26 - 1;

export function primeAt(i: number): number {
  while (PRIMES.length <= i) {
    while (!isPrime(candidate)) candidate -= 2;
    PRIMES.push(candidate);
    candidate -= 2;
  }
  return PRIMES[i];
}

export function isPrime(n: number): boolean {
  if (n % 2 === 0) return n === 2;
  for (let d = 3; d * d <= n; d += 2) if (n % d === 0) return false;
  return true;
}

/** a·b mod p for residues below 2²⁶ (the product is exact; the quotient from p's reciprocal is off by at most one). */
export function mulMod(a: number, b: number, p: number, reciprocal: number): number {
  const product = a * b;
  const r = product - Math.floor(product * reciprocal) * p;
  return r < 0 ? r + p : r >= p ? r - p : r;
}

export function modInverse(a: number, p: number): number {
  // Plain assignments, not [r0, r1] = [r1, …]: a cold run interprets this, and each swap made an array.
  let r0 = a;
  let r1 = p;
  let s0 = 1;
  let s1 = 0;
  while (r1 !== 0) {
    const q = Math.floor(r0 / r1);
    const r = r0 - q * r1;
    r0 = r1;
    r1 = r;
    const s = s0 - q * s1;
    s0 = s1;
    s1 = s;
  }
  return ((s0 % p) + p) % p;
}

/** The first row from k down with a nonzero in column k, swapped into row k; −1 when there is none. */
function swapPivotIn(a: Float64Array, n: number, k: number): number {
  for (let i = k; i < n; i++)
    if (a[i * n + k] !== 0) {
      if (i !== k)
        for (let j = 0; j < n; j++) {
          const t = a[k * n + j];
          a[k * n + j] = a[i * n + j];
          a[i * n + j] = t;
        }
      return i;
    }
  return -1;
}

/**
 * In place, the n × n matrix a (row-major residues mod p) becomes a⁻¹ mod p by Gauss–Jordan; the
 * determinant mod p is returned, 0 when a is singular mod p (a is then left partly reduced).
 */
export function invertModP(a: Float64Array, n: number, p: number): number {
  const reciprocal = 1 / p;
  const swaps: number[] = [];
  let det = 1;
  for (let k = 0; k < n; k++) {
    checkBudget();
    const pivotRow = swapPivotIn(a, n, k);
    if (pivotRow < 0) return 0;
    swaps.push(pivotRow);
    if (pivotRow !== k) det = p - det;
    const kk = k * n;
    const pivot = a[kk + k];
    det = mulMod(det, pivot, p, reciprocal);
    const inv = modInverse(pivot, p);
    a[kk + k] = 1;
    for (let j = 0; j < n; j++) if (a[kk + j] !== 0) a[kk + j] = mulMod(a[kk + j], inv, p, reciprocal);
    for (let i = 0; i < n; i++) {
      const ii = i * n;
      const f = a[ii + k];
      if (i === k || f === 0) continue;
      a[ii + k] = 0;
      for (let j = 0; j < n; j++) {
        // a − f·x is exact (above −2⁵²): one quotient reduces it.
        const y = a[ii + j] - f * a[kk + j];
        const r = y - Math.floor(y * reciprocal) * p;
        a[ii + j] = r < 0 ? r + p : r >= p ? r - p : r;
      }
    }
  }
  // Rows were swapped on the way: the inverse of the swapped matrix has its columns swapped back, last first.
  for (let k = n - 1; k >= 0; k--) {
    const s = swaps[k];
    if (s === k) continue;
    for (let i = 0; i < n; i++) {
      const t = a[i * n + k];
      a[i * n + k] = a[i * n + s];
      a[i * n + s] = t;
    }
  }
  return det;
}

/** det(a) mod p by elimination to triangular form (a is overwritten). */
function detModP(a: Float64Array, n: number, p: number): number {
  const reciprocal = 1 / p;
  let det = 1;
  for (let k = 0; k < n; k++) {
    checkBudget();
    const pivotRow = swapPivotIn(a, n, k);
    if (pivotRow < 0) return 0;
    if (pivotRow !== k) det = p - det;
    const kk = k * n;
    det = mulMod(det, a[kk + k], p, reciprocal);
    const inv = modInverse(a[kk + k], p);
    for (let i = k + 1; i < n; i++) {
      const ii = i * n;
      if (a[ii + k] === 0) continue;
      const f = mulMod(a[ii + k], inv, p, reciprocal);
      for (let j = k + 1; j < n; j++) {
        const y = a[ii + j] - f * a[kk + j];
        const r = y - Math.floor(y * reciprocal) * p;
        a[ii + j] = r < 0 ? r + p : r >= p ? r - p : r;
      }
    }
  }
  return det;
}

const bitLength = (x: bigint): number => (x === 0n ? 0 : (x < 0n ? -x : x).toString(16).length * 4);

/**
 * Bits of Hadamard's bound Π‖rowᵢ‖, an upper bound on |det M| and on every (n−1)-minor (a minor
 * leaves out one row, each of whose norms is at least 1 when no row is zero), rounded up.
 */
export function hadamardBits(M: readonly (readonly bigint[])[]): number {
  let bits = 0;
  for (const row of M) {
    let squares = 0n;
    for (const x of row) squares += x * x;
    // log₂ of a double is within 10⁻¹⁵ of the bigint's; past 2¹⁰⁰⁰ the hexadecimal length bounds it.
    bits += (squares < 1n << 1000n ? Math.log2(Number(squares)) + 1e-9 : bitLength(squares)) / 2;
  }
  return Math.ceil(bits) + 1;
}

/** M's entries modulo p, row-major; `small` holds them as doubles when every one is below 2⁵³. */
export function reduce(M: readonly (readonly bigint[])[], small: Float64Array | null, p: number): Float64Array {
  const n = M.length;
  const a = new Float64Array(n * n);
  if (small) {
    for (let e = 0; e < n * n; e++) {
      const r = small[e] % p;
      a[e] = r < 0 ? r + p : r;
    }
    return a;
  }
  const P = BigInt(p);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const r = M[i][j] % P;
      a[i * n + j] = Number(r < 0n ? r + P : r);
    }
  return a;
}

/** M's entries as doubles, row-major, or null when one is past 2⁵³. */
export function asDoubles(M: readonly (readonly bigint[])[]): Float64Array | null {
  const n = M.length;
  const width = n === 0 ? 0 : M[0].length;
  const out = new Float64Array(n * width);
  const limit = BigInt(Number.MAX_SAFE_INTEGER);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < width; j++) {
      const x = M[i][j];
      if (x > limit || x < -limit) return null;
      out[i * width + j] = Number(x);
    }
  return out;
}

/**
 * The integers with residues `residues[v][i]` modulo primes[i], taken in (−m/2, m/2] for m the
 * primes' product: Garner's mixed-radix digits in doubles, then Horner in BigInt, two digits a step.
 */
function combine(residues: Float64Array[], primes: number[], count: number): bigint[] {
  const k = primes.length;
  let m = 1n;
  for (const p of primes) m *= BigInt(p);
  const half = m / 2n;
  // digits[i] = (residue − (digits[0] + p₀digits[1] + … )) / (p₀ ⋯ pᵢ₋₁) mod pᵢ, all values at once.
  const digits: Float64Array[] = [];
  for (let i = 0; i < k; i++) {
    checkBudget();
    const p = primes[i];
    const reciprocal = 1 / p;
    const t = residues[i].slice(0, count);
    for (let j = 0; j < i; j++) {
      const dj = digits[j];
      const inverse = modInverse(primes[j] % p, p);
      for (let v = 0; v < count; v++) {
        // Both below 2²⁶ and the primes within a factor two of each other: one subtraction reduces dⱼ.
        const d = dj[v] >= p ? dj[v] - p : dj[v];
        const y = (t[v] - d) * inverse;
        const r = y - Math.floor(y * reciprocal) * p;
        t[v] = r < 0 ? r + p : r >= p ? r - p : r;
      }
    }
    digits.push(t);
  }
  const radix: bigint[] = [];
  for (let i = 0; i < k; i += 2) radix.push(i + 1 < k ? BigInt(primes[i] * primes[i + 1]) : BigInt(primes[i]));
  const out: bigint[] = new Array<bigint>(count);
  const top = (k - 1) & ~1;
  for (let v = 0; v < count; v++) {
    if ((v & 255) === 0) checkBudget();
    // Horner from the top digit, two digits a step (d + p·d′ < 2⁵² is exact).
    let x = 0n;
    for (let i = top; i >= 0; i -= 2) {
      const pair = i + 1 < k ? digits[i][v] + primes[i] * digits[i + 1][v] : digits[i][v];
      x = x * radix[i >> 1] + BigInt(pair);
    }
    out[v] = x > half ? x - m : x;
  }
  return out;
}

/**
 * det M and adj M (= det M · M⁻¹) of a nonsingular integer matrix, exactly. Throws a RangeError
 * when M is singular.
 */
export function adjugateMultimodular(M: readonly (readonly bigint[])[]): { adjugate: bigint[][]; det: bigint } {
  const n = M.length;
  // Residues modulo m determine integers of absolute value below m/2: the primes' product must
  // exceed 2·Hadamard. A prime dividing det M is skipped for the adjugate (M is singular modulo
  // it); the determinant's residue 0 there still counts. As many unlucky primes as needed would
  // make det M ≡ 0 modulo a product above 2·|det M|, so det M = 0.
  const bits = hadamardBits(M) + 2;
  const small = asDoubles(M);
  const detResidues: number[] = [];
  const detPrimes: number[] = [];
  const lucky: number[] = [];
  const adjugates: Float64Array[] = [];
  let luckyBits = 0;
  let unluckyBits = 0;
  for (let i = 0; luckyBits < bits; i++) {
    if (unluckyBits >= bits) throw new RangeError("matrix is singular");
    const p = primeAt(i);
    const a = reduce(M, small, p);
    const d = invertModP(a, n, p);
    detPrimes.push(p);
    detResidues.push(d);
    if (d === 0) {
      unluckyBits += Math.log2(p);
      continue;
    }
    const reciprocal = 1 / p;
    for (let e = 0; e < n * n; e++) a[e] = mulMod(a[e], d, p, reciprocal);
    lucky.push(p);
    adjugates.push(a);
    luckyBits += Math.log2(p);
  }
  const det = combine(
    detResidues.map((r) => Float64Array.of(r)),
    detPrimes,
    1,
  )[0];
  if (det === 0n) throw new RangeError("matrix is singular");
  const flat = combine(adjugates, lucky, n * n);
  const adjugate = Array.from({ length: n }, (_, i) => flat.slice(i * n, (i + 1) * n));
  return { adjugate, det };
}

/** det M of an integer matrix, exactly. */
export function detMultimodular(M: readonly (readonly bigint[])[]): bigint {
  const n = M.length;
  if (n === 0) return 1n;
  const bits = hadamardBits(M) + 2;
  const small = asDoubles(M);
  const primes: number[] = [];
  const residues: number[] = [];
  for (let i = 0, covered = 0; covered < bits; i++) {
    const p = primeAt(i);
    primes.push(p);
    residues.push(detModP(reduce(M, small, p), n, p));
    covered += Math.log2(p);
  }
  return combine(
    residues.map((r) => Float64Array.of(r)),
    primes,
    1,
  )[0];
}
