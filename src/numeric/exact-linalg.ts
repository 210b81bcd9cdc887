// Exact linear algebra over ℚ: fraction-free determinant (Bareiss), inverse, rank, nullspace, the
// characteristic polynomial, and eigenvalues that are rational or quadratic radicals with their
// eigenvectors over ℚ(√d).
import { Rational } from "./rational.js";
import { QuadField, type QuadNum } from "./quadratic-field.js";
import { checkBudget } from "../budget.js";
import { adjugateMultimodular, detMultimodular, integerRows } from "./modular.js";

export type Matrix = Rational[][];
export type { QuadNum };

const Q0 = Rational.ZERO;
/** Up to this size elimination on bigints is as fast as the primes' machinery, whatever the entries' size. */
const SMALL = 8;
const Q1 = Rational.ONE;

/**
 * det A: rows scaled to integers, then the integer determinant modulo word-sized primes
 * (src/numeric/modular.ts); up to 8 × 8 by Bareiss.
 */
export function det(A: Matrix): Rational {
  return A.length <= SMALL ? detBareiss(A) : detByPrimes(A);
}

export function detByPrimes(A: Matrix): Rational {
  const { rows, scales } = integerRows(A);
  return Rational.of(detMultimodular(rows), product(scales));
}

/** Bareiss elimination: every division exact, every intermediate an integer (`detByPrimes` is tested against it). */
export function detBareiss(A: Matrix): Rational {
  const n = A.length;
  if (n === 0) return Q1;
  const { rows: M, scales } = integerRows(A);
  let sign = 1n;
  let previous = 1n;
  for (let k = 0; k < n - 1; k++) {
    if (M[k][k] === 0n) {
      const swap = M.findIndex((row, i) => i > k && row[k] !== 0n);
      if (swap < 0) return Q0;
      [M[k], M[swap]] = [M[swap], M[k]];
      sign = -sign;
    }
    for (let i = k + 1; i < n; i++) {
      checkBudget();
      for (let j = k + 1; j < n; j++) M[i][j] = (M[i][j] * M[k][k] - M[i][k] * M[k][j]) / previous;
    }
    previous = M[k][k];
  }
  return Rational.of(sign * M[n - 1][n - 1], product(scales));
}

/** Reduced row echelon form over ℚ, with the pivot columns. */
export function rref(A: Matrix): { R: Matrix; pivots: number[] } {
  const R = A.map((row) => [...row]);
  const m = R.length;
  const n = m ? R[0].length : 0;
  const pivots: number[] = [];
  let r = 0;
  for (let c = 0; c < n && r < m; c++) {
    const p = R.findIndex((row, i) => i >= r && !row[c].isZero());
    if (p < 0) continue;
    [R[r], R[p]] = [R[p], R[r]];
    const inv = R[r][c].inv();
    R[r] = R[r].map((x) => x.mul(inv));
    for (let i = 0; i < m; i++) {
      checkBudget();
      if (i !== r && !R[i][c].isZero()) {
        const f = R[i][c];
        R[i] = R[i].map((x, j) => x.sub(f.mul(R[r][j])));
      }
    }
    pivots.push(c);
    r++;
  }
  return { R, pivots };
}

export function rank(A: Matrix): number {
  return rref(A).pivots.length;
}

export function identity(n: number): Matrix {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? Q1 : Q0)));
}

/**
 * A⁻¹ = adj(M)·S / det M, M = S·A the rows scaled to integers: det M and the integer adjugate
 * modulo word-sized primes, combined by the Chinese remainder theorem (src/numeric/modular.ts),
 * O(n³) double operations per prime and BigInt only for the n² + 1 results; one gcd per entry
 * then reduces adj·S/det (matrices up to 8 × 8: fraction-free). Throws a RangeError when A is singular.
 */
export function inverse(A: Matrix): Matrix {
  return A.length <= SMALL ? inverseFractionFree(A) : inverseByPrimes(A);
}

export function inverseByPrimes(A: Matrix): Matrix {
  // A = S⁻¹M with S = diag(row scales), so A⁻¹ = M⁻¹S: column j of M⁻¹ times the scale of row j.
  const { rows: integers, scales } = integerRows(A);
  const { adjugate, det: d } = adjugateMultimodular(integers);
  return adjugate.map((row) => row.map((x, j) => Rational.of(x * scales[j], d)));
}

/**
 * A⁻¹ by fraction-free Gauss–Jordan on [M | I] (the reference the multimodular inverse is tested
 * against): every division is exact, every intermediate an integer minor, and at the end [M | I]
 * is [d·I | d·M⁻¹] with d = ±det M. O(n³) operations on integers of O(n log) bits.
 */
export function inverseFractionFree(A: Matrix): Matrix {
  if (A.length === 0) return [];
  // A = S⁻¹M with S = diag(row scales), so A⁻¹ = M⁻¹S: column j of M⁻¹ times the scale of row j.
  const { rows: integers, scales } = integerRows(A);
  const { adjugate, det: d } = adjugateFractionFree(integers);
  return adjugate.map((row) => row.map((x, j) => Rational.of(x * scales[j], d)));
}

const product = (xs: bigint[]) => xs.reduce((a, b) => a * b, 1n);

function adjugateFractionFree(integers: bigint[][]): { adjugate: bigint[][]; det: bigint } {
  const n = integers.length;
  const M: bigint[][] = integers.map((row, i) => {
    const right = new Array<bigint>(n).fill(0n);
    right[i] = 1n;
    return [...row, ...right];
  });
  const width = 2 * n;
  let previous = 1n;
  for (let k = 0; k < n; k++) {
    if (M[k][k] === 0n) {
      let swap = -1;
      for (let i = k + 1; i < n; i++)
        if (M[i][k] !== 0n) {
          swap = i;
          break;
        }
      if (swap < 0) throw new RangeError("matrix is singular");
      [M[k], M[swap]] = [M[swap], M[k]];
    }
    const pivotRow = M[k];
    const pivot = pivotRow[k];
    for (let i = 0; i < n; i++) {
      if (i === k) continue;
      checkBudget();
      const row = M[i];
      const factor = row[k];
      if (factor === 0n) {
        // Only the common scale changes: row ← row·pivot/previous (exact).
        for (let j = k + 1; j < width; j++) if (row[j] !== 0n) row[j] = (row[j] * pivot) / previous;
      } else {
        for (let j = k + 1; j < width; j++) row[j] = (row[j] * pivot - factor * pivotRow[j]) / previous;
        row[k] = 0n;
      }
      if (i < k) row[i] = pivot;
    }
    previous = pivot;
  }
  // [M | I] is now [d·I | d·M⁻¹] with d the last pivot: d·M⁻¹ = adj(M)·(d/det M), and d = ±det M.
  return { adjugate: M.map((row) => row.slice(n)), det: previous };
}

/** Gauss–Jordan over ℚ on [A | I] (the reference the fraction-free inverse is tested against). */
export function inverseOverRationals(A: Matrix): Matrix {
  const n = A.length;
  const I = identity(n);
  const { R, pivots } = rref(A.map((row, i) => [...row, ...I[i]]));
  if (pivots.length < n || pivots[n - 1] !== n - 1) throw new RangeError("matrix is singular");
  return R.map((row) => row.slice(n));
}

export function matMul(A: Matrix, B: Matrix): Matrix {
  return (
    safeIntegerMatMul(A, B) ??
    A.map((row) => {
      checkBudget();
      return B[0].map((_, j) => row.reduce((s, x, k) => s.add(x.mul(B[k][j])), Q0));
    })
  );
}

/**
 * AB in doubles when every entry is a whole number and no sum of products can pass 2^53, so each
 * is exact: two 1000 × 1000 matrices of small integers multiply in a second, where a billion
 * rational products ran past any time limit. Null when the entries do not allow it.
 */
function safeIntegerMatMul(A: Matrix, B: Matrix): Matrix | null {
  const n = A.length;
  const inner = B.length;
  const m = B[0]?.length ?? 0;
  const a = wholeFloats(A);
  const b = a && wholeFloats(B);
  if (!a || !b || a.largest * b.largest * inner > Number.MAX_SAFE_INTEGER) return null;
  const out: Matrix = [];
  const row = new Float64Array(m);
  const left = a.values;
  const right = b.values;
  for (let i = 0; i < n; i++) {
    checkBudget();
    row.fill(0);
    for (let k = 0; k < inner; k++) {
      const x = left[i * inner + k];
      if (x === 0) continue;
      const offset = k * m;
      for (let j = 0; j < m; j++) row[j] += x * right[offset + j];
    }
    const entries: Rational[] = new Array<Rational>(m);
    for (let j = 0; j < m; j++) entries[j] = row[j] === 0 ? Q0 : Rational.int(row[j]);
    out.push(entries);
  }
  return out;
}

/** A matrix's entries as doubles, row after row, and the largest magnitude; null unless all are safe integers. */
function wholeFloats(A: Matrix): { values: Float64Array; largest: number } | null {
  const cols = A[0]?.length ?? 0;
  const values = new Float64Array(A.length * cols);
  let largest = 0;
  for (let i = 0; i < A.length; i++) {
    for (let j = 0; j < cols; j++) {
      const q = A[i][j];
      if (q.den !== 1n) return null;
      const x = Number(q.num);
      if (!Number.isSafeInteger(x)) return null;
      values[i * cols + j] = x;
      largest = Math.max(largest, Math.abs(x));
    }
  }
  return { values, largest };
}

/** A basis of {x : Ax = 0}. */
export function nullspace(A: Matrix): Matrix {
  const n = A[0]?.length ?? 0;
  const { R, pivots } = rref(A);
  const free = Array.from({ length: n }, (_, j) => j).filter((j) => !pivots.includes(j));
  return free.map((f) => {
    const v = new Array<Rational>(n).fill(Q0);
    v[f] = Q1;
    pivots.forEach((p, i) => (v[p] = R[i][f].neg()));
    return v;
  });
}

/** Coefficients of det(λI − A), highest degree first (Faddeev–LeVerrier). */
export function charPoly(A: Matrix): Rational[] {
  const n = A.length;
  const coefficients: Rational[] = [Q1];
  let M = identity(n).map((row) => row.map(() => Q0));
  for (let k = 1; k <= n; k++) {
    const AM = matMul(A, M);
    M = AM.map((row, i) => row.map((x, j) => (i === j ? x.add(coefficients[k - 1]) : x)));
    const AMk = matMul(A, M);
    const trace = AMk.reduce((s, row, i) => s.add(row[i]), Q0);
    coefficients.push(trace.div(Rational.int(-k)));
  }
  return coefficients;
}

function evaluate(p: Rational[], x: Rational): Rational {
  return p.reduce((acc, c) => acc.mul(x).add(c), Q0);
}

/** p divided by (x − r), for a root r. */
function deflate(p: Rational[], r: Rational): Rational[] {
  const out: Rational[] = [];
  let acc = Q0;
  for (let i = 0; i < p.length - 1; i++) {
    acc = acc.mul(r).add(p[i]);
    out.push(acc);
  }
  return out;
}

function divisors(n: bigint): bigint[] {
  if (n < 0n) n = -n;
  if (n === 0n) return [0n];
  const out: bigint[] = [];
  for (let d = 1n; d * d <= n && d < 1_000_000n; d++) {
    if (n % d === 0n) {
      out.push(d);
      if (d * d !== n) out.push(n / d);
    }
  }
  return out;
}

/** Rational roots with multiplicity (rational root theorem) and what is left. */
function rationalRoots(p: Rational[]): { roots: Rational[]; rest: Rational[] } {
  let poly = p;
  const roots: Rational[] = [];
  while (poly.length > 1 && poly[poly.length - 1].isZero()) {
    roots.push(Q0);
    poly = poly.slice(0, -1);
  }
  let found = true;
  while (found && poly.length > 1) {
    found = false;
    const { rows } = integerRows([poly]);
    const ints = rows[0];
    for (const num of divisors(ints[ints.length - 1])) {
      for (const den of divisors(ints[0])) {
        for (const sign of [1n, -1n]) {
          const r = Rational.of(sign * num, den);
          if (evaluate(poly, r).isZero()) {
            roots.push(r);
            poly = deflate(poly, r);
            found = true;
            break;
          }
        }
        if (found) break;
      }
      if (found) break;
    }
  }
  return { roots, rest: poly };
}

export interface ExactEigen {
  values: { value: QuadNum; multiplicity: number }[];
  /** A basis of each eigenspace, vectors scaled to coprime integers with the last nonzero entry positive. */
  vectors: QuadNum[][][];
}

/**
 * Eigenvalues and eigenvectors when every eigenvalue is rational or a quadratic radical (complex ones too), else null.
 */
export function exactEigen(A: Matrix): ExactEigen | null {
  const { roots, rest } = rationalRoots(charPoly(A));
  const values: QuadNum[] = roots.map((r) => QuadField.rational(r));
  if (rest.length === 3) {
    values.push(...QuadField.quadraticRoots(rest[0], rest[1], rest[2]));
  } else if (rest.length > 3) {
    return null;
  }
  const distinct: { value: QuadNum; multiplicity: number }[] = [];
  for (const v of values) {
    const seen = distinct.find((d) => QuadField.equals(d.value, v));
    if (seen) seen.multiplicity++;
    else distinct.push({ value: v, multiplicity: 1 });
  }
  distinct.sort((a, b) => QuadField.toNumber(b.value) - QuadField.toNumber(a.value));
  const vectors = distinct.map(({ value }) => QuadField.nullspace(A, value).map(QuadField.normalise));
  return { values: distinct, vectors };
}

/** A = V D V⁻¹ when A has rational eigenvalues and a full set of eigenvectors, else null. */
export function diagonalize(A: Matrix): { V: Matrix; D: Matrix; Vinv: Matrix } | null {
  const eig = exactEigen(A);
  if (!eig || eig.values.some((v) => !v.value.b.isZero())) return null;
  const columns: Rational[][] = [];
  const diagonal: Rational[] = [];
  eig.values.forEach((v, i) => {
    for (const vec of eig.vectors[i]) {
      columns.push(vec.map((x) => x.a));
      diagonal.push(v.value.a);
    }
  });
  const n = A.length;
  if (columns.length < n) return null;
  const V = Array.from({ length: n }, (_, i) => columns.map((c) => c[i]));
  const D = identity(n).map((row, i) => row.map((x, j) => (i === j ? diagonal[i] : Q0)));
  return { V, D, Vinv: inverse(V) };
}
