// The second-order test at a stationary point: the Hessian of the Lagrangian restricted to the
// tangent space of the constraints (the null space of their Jacobian), M = Zᵀ H Z. By Sylvester's
// law of inertia the signs of M's eigenvalues do not depend on the basis Z: all positive, a strict
// local minimum on the constraint; all negative, a strict local maximum; both signs, a saddle;
// otherwise a zero eigenvalue leaves the second-order test inconclusive ("degenerate").
// Leading principal minors of the bordered Hessian decide the same question only when none of them
// vanishes, which depends on the order of the variables: (0, 0, 6) and (6, 0, 0) of xyz on
// x + y + z = 6 are the same point up to symmetry and must get the same label.
import { ZERO, add, int, mul, num } from "../../graph/construct.js";
import type { Node } from "../../graph/node.js";
import { charPoly, matMul, nullspace } from "../../numeric/exact-linalg.js";
import { expand } from "../expand.js";
import { symmetricEigen } from "../../numeric/float-linalg.js";
import { Rational } from "../../numeric/rational.js";
import { certifiedSign } from "./sign.js";

// "isolated point": the constraints' Jacobian has rank n there, so no feasible point is near it and it is
// both a strict local minimum and a strict local maximum on the constraint set (x = y on the unit circle).
export type Classification = "minimum" | "maximum" | "saddle point" | "degenerate" | "isolated point";

export interface Inertia {
  positive: number;
  negative: number;
  zero: number;
}

export function fromInertia(i: Inertia): Classification {
  if (i.positive > 0 && i.negative > 0) return "saddle point";
  if (i.zero > 0 || i.positive + i.negative === 0) return "degenerate";
  return i.positive > 0 ? "minimum" : "maximum";
}

function transpose<T>(A: T[][], columns: number): T[][] {
  return Array.from({ length: columns }, (_, j) => A.map((row) => row[j]));
}

/** Sign changes of a sequence, zeros skipped. */
function signChanges(signs: number[]): number {
  let changes = 0;
  let last = 0;
  for (const s of signs) {
    if (s === 0) continue;
    if (last !== 0 && s !== last) changes++;
    last = s;
  }
  return changes;
}

/**
 * The inertia of a symmetric rational matrix, exactly: its characteristic polynomial has only real
 * roots, so Descartes' rule of signs counts the positive ones exactly (and the negative ones on p(−t)).
 */
export function exactInertia(M: Rational[][]): Inertia {
  const k = M.length;
  if (k === 0) return { positive: 0, negative: 0, zero: 0 };
  const p = charPoly(M); // highest degree first
  let zero = 0;
  while (zero < k && p[p.length - 1 - zero].isZero()) zero++;
  const rest = p.slice(0, p.length - zero);
  const positive = signChanges(rest.map((c) => c.sign()));
  const negative = signChanges(rest.map((c, i) => c.sign() * ((rest.length - 1 - i) % 2 === 0 ? 1 : -1)));
  return { positive, negative, zero };
}

/** H restricted to the null space of J (all of ℝⁿ without constraints), exactly. */
export function classifyExact(H: Rational[][], J: Rational[][]): Classification {
  const n = H.length;
  const Z = J.length
    ? transpose(nullspace(J), n)
    : H.map((_, i) => H.map((_, j) => (i === j ? Rational.ONE : Rational.ZERO)));
  const columns = Z[0]?.length ?? 0;
  if (columns === 0) return J.length ? "isolated point" : "degenerate";
  const M = matMul(matMul(transpose(Z, columns), H), Z);
  return fromInertia(exactInertia(M));
}

/**
 * The same in floating point: Z orthonormal (eigenvectors of JᵀJ for the eigenvalue 0), eigenvalues of ZᵀHZ against a
 * tolerance relative to H's size.
 */
export function classifyFloat(H: number[][], J: number[][]): Classification {
  const n = H.length;
  let Z: number[][];
  if (J.length === 0) {
    Z = H.map((_, i) => H.map((_, j) => (i === j ? 1 : 0)));
  } else {
    const JtJ = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => J.reduce((s, row) => s + row[i] * row[j], 0)),
    );
    const { values, vectors } = symmetricEigen(JtJ);
    const scale = Math.max(1, ...values.map(Math.abs));
    const basis = vectors.filter((_, i) => Math.abs(values[i]) <= 1e-10 * scale);
    Z = transpose(basis, n);
  }
  const columns = Z[0]?.length ?? 0;
  if (columns === 0) return J.length ? "isolated point" : "degenerate";
  const M = Array.from({ length: columns }, (_, a) =>
    Array.from({ length: columns }, (_, b) => {
      let s = 0;
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) s += Z[i][a] * H[i][j] * Z[j][b];
      return s;
    }),
  );
  const scale = Math.max(1, ...H.flat().map(Math.abs));
  const tolerance = 1e-8 * scale;
  const { values } = symmetricEigen(M);
  return fromInertia({
    positive: values.filter((v) => v > tolerance).length,
    negative: values.filter((v) => v < -tolerance).length,
    zero: values.filter((v) => Math.abs(v) <= tolerance).length,
  });
}

/**
 * The exact sign of a real algebraic number written in radicals (sign.ts: exact, or its value in
 * decimal arithmetic with an error bound, 0 where no precision to 640 digits separates it from 0);
 * null when it cannot be decided.
 */
export function algebraicSign(e: Node): -1 | 0 | 1 | null {
  const sign = certifiedSign(e);
  return sign === "parameter" || sign === "undecided" ? null : sign;
}

/** det(tI − A)'s coefficients, highest degree first, over expressions (Faddeev–LeVerrier). */
function charPolyOf(A: Node[][]): Node[] {
  const n = A.length;
  const product = (X: Node[][], Y: Node[][]) =>
    X.map((row) => Y[0].map((_, j) => expand(add(...row.map((x, k) => mul(x, Y[k][j]))))));
  const coefficients: Node[] = [int(1)];
  let M: Node[][] = A.map((row) => row.map(() => ZERO));
  for (let k = 1; k <= n; k++) {
    const AM = product(A, M);
    M = AM.map((row, i) => row.map((x, j) => (i === j ? expand(add(x, coefficients[k - 1])) : x)));
    const trace = add(...product(A, M).map((row, i) => row[i]));
    coefficients.push(expand(mul(trace, num(Rational.of(-1, k)))));
  }
  return coefficients;
}

/**
 * The second-order test at a point whose coordinates are algebraic numbers in radicals (√2/2),
 * exactly: the bordered matrix B = [0 J; Jᵀ H] has the inertia of ZᵀHZ plus m positive and m
 * negative eigenvalues when J has full rank m, and its characteristic polynomial's coefficients
 * (symmetric B: all roots real) give that inertia by Descartes' rule once their signs are decided.
 * null when a sign cannot be decided or J is not of full rank (the caller falls back to floats).
 */
export function classifyAlgebraic(H: Node[][], J: Node[][]): Classification | null {
  const n = H.length;
  const m = J.length;
  const B: Node[][] = [
    ...J.map((row) => [...J.map(() => ZERO), ...row]),
    ...H.map((row, i) => [...J.map((g) => g[i]), ...row]),
  ];
  const p = charPolyOf(B);
  const signs = p.map(algebraicSign);
  if (signs.some((x) => x === null)) return null;
  const known = signs as number[];
  let zero = 0;
  while (zero < n + m && known[known.length - 1 - zero] === 0) zero++;
  const rest = known.slice(0, known.length - zero);
  const positive = signChanges(rest);
  const negative = signChanges(rest.map((c, i) => c * ((rest.length - 1 - i) % 2 === 0 ? 1 : -1)));
  if (positive < m || negative < m) return null;
  if (n - m === 0) return "isolated point";
  return fromInertia({ positive: positive - m, negative: negative - m, zero });
}
