// The multimodular determinant and inverse (src/numeric/modular.ts) against the previous exact
// paths — Bareiss's determinant and fraction-free Gauss–Jordan — on generated matrices of sizes
// 1–30: small and large integers (either side of 2⁵³, where residues stop being taken in doubles),
// fractions, singular matrices of several kinds, determinants divisible by the primes used (the
// primes that must be skipped), and Hadamard matrices, whose determinant meets Hadamard's bound.
import { describe, expect, it } from "vitest";
import { Rational } from "../../src/numeric/rational.js";
import {
  det,
  detBareiss,
  detByPrimes,
  identity,
  inverse,
  inverseByPrimes,
  inverseFractionFree,
  matMul,
} from "../../src/numeric/exact-linalg.js";
import { primeAt } from "../../src/numeric/modular.js";
import { seededRandom } from "../helpers/random.js";

type Matrix = Rational[][];
const str = (m: Matrix) => m.map((r) => r.map(String).join(" ")).join("; ");
const Z = (rows: bigint[][]): Matrix => rows.map((r) => r.map((x) => Rational.int(x)));

/** The reference's answer: the inverse, or "singular". */
function reference(A: Matrix): string {
  try {
    return str(inverseFractionFree(A));
  } catch (err) {
    if (err instanceof RangeError) return "singular";
    throw err;
  }
}

function multimodular(A: Matrix): string {
  try {
    return str(inverseByPrimes(A));
  } catch (err) {
    if (err instanceof RangeError) return "singular";
    throw err;
  }
}

describe("multimodular determinant and inverse, against Bareiss and fraction-free Gauss–Jordan", () => {
  const random = seededRandom(18);
  const below = (k: number) => Math.floor(random() * k);
  const int = (bound: bigint) => () => ((BigInt(below(2 ** 30)) * BigInt(below(2 ** 30))) % (2n * bound + 1n)) - bound;
  // Each kind of entry with the largest size tried (sizes cycle from 1).
  const kinds: [string, () => Rational, number][] = [
    ["small integers", () => Rational.int(below(19) - 9), 30],
    ["integers up to 10⁶", () => Rational.int(int(10n ** 6n)()), 30],
    [
      "integers just below and above 2⁵³",
      () => Rational.int((2n ** 53n - 2n + BigInt(below(4))) * (random() < 0.5 ? -1n : 1n)),
      30,
    ],
    ["integers of 300 bits", () => Rational.int((int(2n ** 60n)() << 240n) + int(2n ** 40n)()), 12],
    ["fractions", () => Rational.of(below(41) - 20, 1 + below(12)), 30],
    ["mostly zeros", () => (random() < 0.7 ? Rational.ZERO : Rational.int(below(7) - 3)), 30],
  ];
  // How each matrix is made singular, or not: a row a combination of two others, a zero column,
  // two equal rows, rank n − 2.
  const singular: [string, (A: Matrix) => void][] = [
    ["as generated", () => {}],
    [
      "a row a combination of others",
      (A) => {
        if (A.length < 3) return;
        const c = Rational.of(below(7) - 3, 1 + below(3));
        A[A.length - 1] = A[0].map((x, j) => x.add(A[1][j].mul(c)));
      },
    ],
    [
      "a zero column",
      (A) => {
        const j = below(A.length);
        A.forEach((row) => (row[j] = Rational.ZERO));
      },
    ],
    [
      "two equal rows",
      (A) => {
        if (A.length >= 2) A[A.length - 1] = [...A[0]];
      },
    ],
    [
      "rank n − 2",
      (A) => {
        if (A.length < 4) return;
        A[A.length - 1] = [...A[0]];
        A[A.length - 2] = A[1].map((x) => x.neg());
      },
    ],
  ];

  for (const [kind, entry, largest] of kinds)
    it(`${kind}: the same inverse (or none) and determinant, 75 matrices of sizes 1–${largest}`, () => {
      let singulars = 0;
      for (let c = 0; c < 75; c++) {
        const n = 1 + (c % largest);
        const [how, make] = singular[c % singular.length];
        const A = Array.from({ length: n }, () => Array.from({ length: n }, entry));
        make(A);
        const expected = reference(A);
        const label = `${kind}, ${how}, n = ${n}`;
        expect(multimodular(A), label).toBe(expected);
        expect(detByPrimes(A).equals(detBareiss(A)), label).toBe(true);
        if (expected === "singular") {
          singulars++;
          expect(detByPrimes(A).isZero(), label).toBe(true);
        }
      }
      expect(singulars).toBeGreaterThan(20);
    });

  it("a determinant divisible by the first primes (skipped for the adjugate) still gives the inverse", () => {
    // U·diag(p₀p₁, p₂, 1, …)·V with U, V unimodular (triangular with unit diagonal): det = p₀p₁p₂.
    for (const n of [3, 6, 12, 20]) {
      const U = Array.from({ length: n }, (_, i) =>
        Array.from({ length: n }, (_, j) => (i === j ? 1n : i > j ? BigInt(below(7) - 3) : 0n)),
      );
      const V = Array.from({ length: n }, (_, i) =>
        Array.from({ length: n }, (_, j) => (i === j ? 1n : i < j ? BigInt(below(7) - 3) : 0n)),
      );
      const D = Array.from({ length: n }, (_, i) =>
        Array.from({ length: n }, (_, j) =>
          i !== j ? 0n : i === 0 ? BigInt(primeAt(0)) * BigInt(primeAt(1)) : i === 1 ? BigInt(primeAt(2)) : 1n,
        ),
      );
      const A = matMul(matMul(Z(U), Z(D)), Z(V));
      expect(detByPrimes(A).num).toBe(BigInt(primeAt(0)) * BigInt(primeAt(1)) * BigInt(primeAt(2)));
      expect(multimodular(A)).toBe(reference(A));
      expect(str(matMul(A, inverse(A)))).toBe(str(identity(n)));
    }
  });

  it("Hadamard matrices (|det| equal to Hadamard's bound): H⁻¹ = Hᵀ/n and det H = ±n^(n/2)", () => {
    let H: bigint[][] = [[1n]];
    while (H.length < 32) {
      H = [...H.map((row) => [...row, ...row]), ...H.map((row) => [...row, ...row.map((x) => -x)])];
      const n = H.length;
      const A = Z(H);
      const d = detByPrimes(A);
      expect(d.abs().equals(Rational.int(BigInt(n) ** BigInt(n / 2))), `n = ${n}`).toBe(true);
      expect(d.equals(detBareiss(A))).toBe(true);
      const transposeOverN = A.map((_, i) => A.map((row) => row[i].div(Rational.int(n))));
      expect(multimodular(A), `n = ${n}`).toBe(str(transposeOverN));
    }
  });

  it("the 0 × 0 matrix has determinant 1 and an empty inverse, by either path", () => {
    for (const d of [det, detByPrimes]) expect(d([]).isOne()).toBe(true);
    for (const inv of [inverse, inverseByPrimes]) expect(inv([])).toEqual([]);
  });
});
