// Floating-point linear algebra for matrices with float entries: LU determinant and inverse,
// SVD-based rank, Jacobi eigen-decomposition of symmetric matrices, QR eigenvalues otherwise, and
// the SVD by one-sided Jacobi.
import { rethrowStop } from "../errors.js";
import { checkBudget } from "../budget.js";

export type FloatMatrix = number[][];

const clone = (A: FloatMatrix) => A.map((row) => [...row]);

function transpose(A: FloatMatrix): FloatMatrix {
  return A[0].map((_, j) => A.map((row) => row[j]));
}

function matMul(A: FloatMatrix, B: FloatMatrix): FloatMatrix {
  return A.map((row) => B[0].map((_, j) => row.reduce((s, x, k) => s + x * B[k][j], 0)));
}

/** LU with partial pivoting: returns the determinant. */
export function det(A: FloatMatrix): number {
  const M = clone(A);
  const n = M.length;
  let d = 1;
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(M[i][k]) > Math.abs(M[p][k])) p = i;
    if (M[p][k] === 0) return 0;
    if (p !== k) {
      [M[p], M[k]] = [M[k], M[p]];
      d = -d;
    }
    d *= M[k][k];
    for (let i = k + 1; i < n; i++) {
      const f = M[i][k] / M[k][k];
      for (let j = k; j < n; j++) M[i][j] -= f * M[k][j];
    }
  }
  return d;
}

/** Gauss–Jordan with partial pivoting; throws a RangeError for a (numerically) singular matrix. */
export function inverse(A: FloatMatrix): FloatMatrix {
  const n = A.length;
  const M = A.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  const scale = A.reduce((most, row) => row.reduce((m, x) => Math.max(m, Math.abs(x)), most), 1e-300);
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(M[i][k]) > Math.abs(M[p][k])) p = i;
    if (Math.abs(M[p][k]) <= 1e-14 * scale) throw new RangeError("matrix is singular");
    [M[p], M[k]] = [M[k], M[p]];
    const pivot = M[k][k];
    for (let j = 0; j < 2 * n; j++) M[k][j] /= pivot;
    for (let i = 0; i < n; i++) {
      if (i === k) continue;
      const f = M[i][k];
      for (let j = 0; j < 2 * n; j++) M[i][j] -= f * M[k][j];
    }
  }
  return M.map((row) => row.slice(n));
}

/** Cyclic Jacobi: eigenvalues (descending) and unit eigenvectors of a symmetric matrix. */
export function symmetricEigen(S: FloatMatrix): { values: number[]; vectors: number[][] } {
  const n = S.length;
  const A = clone(S);
  const V: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += A[p][q] ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (Math.abs(A[p][q]) < 1e-300) continue;
        const theta = (A[q][q] - A[p][p]) / (2 * A[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = A[k][p];
          const akq = A[k][q];
          A[k][p] = c * akp - s * akq;
          A[k][q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = A[p][k];
          const aqk = A[q][k];
          A[p][k] = c * apk - s * aqk;
          A[q][k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = V[k][p];
          const vkq = V[k][q];
          V[k][p] = c * vkp - s * vkq;
          V[k][q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => A[j][j] - A[i][i]);
  return { values: order.map((i) => A[i][i]), vectors: order.map((i) => V.map((row) => row[i])) };
}

/** Eigenvalues of a general real matrix by the shifted QR iteration on the matrix itself. */
export function eigenvalues(A: FloatMatrix): { re: number; im: number }[] {
  let M = clone(A);
  let n = M.length;
  const out: { re: number; im: number }[] = [];
  for (let iter = 0; n > 0 && iter < 10000; iter++) {
    checkBudget();
    if (n === 1) {
      out.push({ re: M[0][0], im: 0 });
      break;
    }
    const a = M[n - 2][n - 2],
      b = M[n - 2][n - 1],
      c = M[n - 1][n - 2],
      d = M[n - 1][n - 1];
    // Without a Hessenberg reduction the whole last row (left of the diagonal) must vanish to deflate.
    const scale = Math.abs(a) + Math.abs(d) + 1e-300;
    const lastRowSmall = M[n - 1].slice(0, n - 1).every((x) => Math.abs(x) < 1e-13 * scale);
    const lastTwoSmall =
      n > 2 && [M[n - 2], M[n - 1]].every((row) => row.slice(0, n - 2).every((x) => Math.abs(x) < 1e-13 * scale));
    if (lastRowSmall) {
      out.push({ re: d, im: 0 });
      M = M.slice(0, n - 1).map((row) => row.slice(0, n - 1));
      n--;
      continue;
    }
    const tr = a + d;
    const disc = (a - d) ** 2 / 4 + b * c;
    if (n === 2 || (iter > 50 && lastTwoSmall)) {
      if (disc < 0) out.push({ re: tr / 2, im: Math.sqrt(-disc) }, { re: tr / 2, im: -Math.sqrt(-disc) });
      else out.push({ re: tr / 2 + Math.sqrt(disc), im: 0 }, { re: tr / 2 - Math.sqrt(disc), im: 0 });
      M = M.slice(0, n - 2).map((row) => row.slice(0, n - 2));
      n -= 2;
      continue;
    }
    // Wilkinson's shift (the trailing 2×2's eigenvalue nearer d), with an exceptional shift now and
    // then so that cycles such as a permutation matrix's are broken.
    const wilkinson =
      disc >= 0
        ? Math.abs(tr / 2 + Math.sqrt(disc) - d) < Math.abs(tr / 2 - Math.sqrt(disc) - d)
          ? tr / 2 + Math.sqrt(disc)
          : tr / 2 - Math.sqrt(disc)
        : d;
    const mu = iter % 11 === 10 ? d + 0.75 * Math.abs(c) : wilkinson;
    const shifted = M.map((row, i) => row.map((x, j) => (i === j ? x - mu : x)));
    const { Q, R } = qr(shifted);
    M = matMul(R, Q).map((row, i) => row.map((x, j) => (i === j ? x + mu : x)));
  }
  return out.sort((x, y) => y.re - x.re);
}

function qr(A: FloatMatrix): { Q: FloatMatrix; R: FloatMatrix } {
  const n = A.length;
  const Q: FloatMatrix = [];
  const cols = transpose(A);
  const R = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    const v = [...cols[j]];
    for (let k = 0; k < j; k++) {
      R[k][j] = Q[k].reduce((s, q, i) => s + q * cols[j][i], 0);
      for (let i = 0; i < n; i++) v[i] -= R[k][j] * Q[k][i];
    }
    R[j][j] = Math.hypot(...v);
    Q.push(v.map((x) => (R[j][j] === 0 ? 0 : x / R[j][j])));
  }
  return { Q: transpose(Q), R };
}

/** Unit eigenvectors for real eigenvalues, by inverse iteration. */
export function eigenvectors(A: FloatMatrix, values: number[]): number[][] {
  const n = A.length;
  return values.map((lambda) => {
    const shifted = A.map((row, i) => row.map((x, j) => (i === j ? x - lambda - 1e-10 * (1 + Math.abs(lambda)) : x)));
    let v = Array.from({ length: n }, (_, i) => 1 / Math.sqrt(n) + i * 1e-3);
    let inv: FloatMatrix;
    try {
      inv = inverse(shifted);
    } catch (err) {
      rethrowStop(err);
      return v;
    }
    for (let k = 0; k < 20; k++) {
      const w = inv.map((row) => row.reduce((s, x, j) => s + x * v[j], 0));
      const norm = Math.hypot(...w);
      v = w.map((x) => x / norm);
    }
    const last = [...v].reverse().find((x) => Math.abs(x) > 1e-12) ?? 1;
    return v.map((x) => (last < 0 ? -x : x));
  });
}

/**
 * The full singular value decomposition A = U Σ Vᵀ of an m × n matrix: U (m × m) and V (n × n)
 * orthogonal, S the min(m, n) singular values in descending order (Σ is diag(S), m × n). One-sided
 * Jacobi (Hestenes): plane rotations of the columns until they are orthogonal, accurate for small
 * singular values too (AᵀA's eigenvalues would square the condition number and leave 10⁻⁸ where 0
 * belongs). Singular values below max(m, n)·ε·σ₁ are zero, and U is completed to an orthonormal basis.
 */
export function svd(A: FloatMatrix): { U: FloatMatrix; S: number[]; V: FloatMatrix } {
  const m = A.length;
  const n = A[0]?.length ?? 0;
  if (m < n) {
    const { U, S, V } = svd(transpose(A));
    return { U: V, S, V: U };
  }
  const W = clone(A);
  const V: FloatMatrix = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 80; sweep++) {
    checkBudget();
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        let [alpha, beta, gamma] = [0, 0, 0];
        for (let i = 0; i < m; i++) {
          alpha += W[i][p] * W[i][p];
          beta += W[i][q] * W[i][q];
          gamma += W[i][p] * W[i][q];
        }
        if (gamma === 0 || Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (const M of [W, V]) {
          for (const row of M) {
            const [x, y] = [row[p], row[q]];
            row[p] = c * x - s * y;
            row[q] = s * x + c * y;
          }
        }
      }
    }
    if (!rotated) break;
  }
  const norms = Array.from({ length: n }, (_, j) => Math.hypot(...W.map((row) => row[j])));
  const order = norms.map((_, j) => j).sort((a, b) => norms[b] - norms[a]);
  const tolerance = Math.max(m, n) * Number.EPSILON * (norms[order[0]] ?? 0);
  const S = order.map((j) => (norms[j] > tolerance ? norms[j] : 0));
  const columns: number[][] = [];
  order.forEach((j, k) => {
    if (S[k] > 0) columns.push(W.map((row) => row[j] / S[k]));
  });
  completeBasis(columns, m);
  return { U: transpose(columns), S, V: V.map((row) => order.map((j) => row[j])) };
}

/**
 * Extends orthonormal vectors of ℝᵐ to an orthonormal basis, with the standard basis vectors orthogonalised (twice, for
 * accuracy).
 */
function completeBasis(columns: number[][], m: number): void {
  for (let i = 0; i < m && columns.length < m; i++) {
    let v: number[] = Array.from({ length: m }, (_, k) => (k === i ? 1 : 0));
    for (let pass = 0; pass < 2; pass++) {
      for (const u of columns) {
        const d = u.reduce((s, x, k) => s + x * v[k], 0);
        v = v.map((x, k) => x - d * u[k]);
      }
    }
    const norm = Math.hypot(...v);
    if (norm > 1e-6) columns.push(v.map((x) => x / norm));
  }
}

export function rank(A: FloatMatrix): number {
  const { S } = svd(A);
  const tol = Math.max(A.length, A[0].length) * (S[0] ?? 0) * 1e-12;
  return S.filter((s) => s > tol).length;
}
