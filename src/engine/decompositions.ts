// eig, svd and diagonalize: exact where the eigenvalues are rational or quadratic radicals, numeric
// (and said to be) otherwise.
import { mathError } from "../errors.js";
import { add, float, mul, num, sqrt, struct, str, sym, tuple } from "../graph/construct.js";
import type { Node } from "../graph/node.js";
import { asFloats, asRationals, fromFloats, fromRationals, requireSquare, vectorOf } from "../graph/ops/arrays.js";
import * as exact from "../numeric/exact-linalg.js";
import * as floats from "../numeric/float-linalg.js";
import { Rational } from "../numeric/rational.js";

type QuadNum = { a: Rational; b: Rational; d: bigint };

/** The imaginary unit of complex eigenvalues: printed i, so `2 + 3i` reads back as the same value. */
const IMAGINARY = sym("i");

/** a + b√d, with √d = √|d|·i for d < 0. */
function quadNode(q: QuadNum): Node {
  if (q.b.isZero() || q.d === 1n) return num(q.a.add(q.d === 1n ? q.b : Rational.ZERO));
  if (q.d === -1n) return add(num(q.a), mul(num(q.b), IMAGINARY));
  if (q.d < 0n) return add(num(q.a), mul(num(q.b), sqrt(num(Rational.int(-q.d))), IMAGINARY));
  return add(num(q.a), mul(num(q.b), sqrt(num(Rational.int(q.d)))));
}

/** re + im·i in floating point. */
function complexFloat(re: number, im: number): Node {
  return im === 0 ? float(re) : add(float(re), mul(float(im), IMAGINARY));
}

/** Eigenvectors are shown with their last nonzero entry positive, as the exact ones are. */
function lastPositive(v: number[]): number[] {
  const last = [...v].reverse().find((x) => Math.abs(x) > 1e-12) ?? 1;
  return last < 0 ? v.map((x) => -x) : v;
}

function requireNumericSquare(name: string, A: Node): void {
  if (A.kind !== "tensor") throw mathError(`${name} needs a matrix of numbers`);
  requireSquare(name, A);
}

export function eigen(A: Node): Node {
  requireNumericSquare("eig", A);
  if (A.kind !== "tensor") throw mathError("eig needs a matrix of numbers");
  const q = asRationals(A);
  if (q) {
    const result = exact.exactEigen(q);
    if (result) {
      const values: Node[] = [];
      const vectors: Node[] = [];
      result.values.forEach((v, i) => {
        for (const basis of result.vectors[i]) {
          values.push(quadNode(v.value));
          vectors.push(vectorOf(basis.map(quadNode)));
        }
        if (result.vectors[i].length === 0) values.push(quadNode(v.value));
      });
      return struct("eig", [
        { name: "values", value: tuple(values) },
        { name: "vectors", value: tuple(vectors) },
      ]);
    }
  }
  const f = asFloats(A);
  if (!f) throw mathError("eig needs a matrix of numbers");
  const symmetric = f.every((row, i) => row.every((x, j) => Math.abs(x - f[j][i]) <= 1e-12 * (1 + Math.abs(x))));
  if (!symmetric) {
    const values = floats.eigenvalues(f);
    if (values.some((v) => Math.abs(v.im) > 1e-12)) {
      return struct("eig", [
        {
          name: "values",
          value: tuple(values.map((v) => complexFloat(v.re, v.im))),
        },
        { name: "method", value: str("numeric (Hessenberg QR)") },
      ]);
    }
    const vecs = floats.eigenvectors(
      f,
      values.map((v) => v.re),
    );
    return struct("eig", [
      { name: "values", value: tuple(values.map((v) => float(v.re))) },
      { name: "vectors", value: tuple(vecs.map((v) => vectorOf(v.map(float)))) },
    ]);
  }
  const { values, vectors } = floats.symmetricEigen(f);
  return struct("eig", [
    { name: "values", value: tuple(values.map(float)) },
    { name: "vectors", value: tuple(vectors.map((v) => vectorOf(lastPositive(v).map(float)))) },
  ]);
}

export function singularValues(A: Node): Node {
  if (A.kind !== "tensor") throw mathError("svd needs a matrix of numbers");
  const f = asFloats(A);
  if (!f) throw mathError("svd needs a matrix of numbers");
  const { U, S, V } = floats.svd(f);
  return struct("svd", [
    { name: "U", value: fromFloats(U) },
    // The min(m, n) singular values: A = U Σ Vᵀ with Σ the m × n matrix that has them on its diagonal.
    { name: "Σ", value: vectorOf(S.map(float)) },
    { name: "V", value: fromFloats(V) },
  ]);
}

export function diagonalize(A: Node): Node {
  requireNumericSquare("diagonalize", A);
  const q = A.kind === "tensor" ? asRationals(A) : null;
  if (!q) throw mathError("diagonalize needs a matrix of rational numbers");
  const d = exact.diagonalize(q);
  if (!d) throw mathError("this matrix is not diagonalizable over the rationals");
  return struct("diagonalization", [
    { name: "V", value: fromRationals(d.V) },
    { name: "Λ", value: fromRationals(d.D) },
    { name: "Vinv", value: fromRationals(d.Vinv) },
  ]);
}
