// Exact linear algebra over ℚ, checked against known values and algebraic identities.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Rational } from "../../src/numeric/rational.js";
import {
  charPoly,
  det,
  exactEigen,
  identity,
  inverse,
  inverseOverRationals,
  matMul,
  nullspace,
  rank,
} from "../../src/numeric/exact-linalg.js";

const Q = (rows: (number | string)[][]) =>
  rows.map((r) =>
    r.map((x) =>
      typeof x === "string" ? Rational.of(BigInt(x.split("/")[0]), BigInt(x.split("/")[1] ?? "1")) : Rational.int(x),
    ),
  );
const hilbert = (n: number) =>
  Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => Rational.of(1, i + j + 1)));
const str = (m: Rational[][]) => m.map((r) => r.map(String).join(" ")).join("; ");

describe("determinants by Bareiss elimination", () => {
  it("det [1, 2; 3, 4] = −2", () =>
    expect(
      det(
        Q([
          [1, 2],
          [3, 4],
        ]),
      ),
    ).toEqual(Rational.int(-2)));
  it("gives the Hilbert matrices' determinants exactly", () => {
    expect(det(hilbert(3)).toString()).toBe("1/2160");
    expect(det(hilbert(4)).toString()).toBe("1/6048000");
    expect(det(hilbert(6)).toString()).toBe("1/186313420339200000");
  });
  it("is zero for a singular matrix", () =>
    expect(
      det(
        Q([
          [1, 2],
          [2, 4],
        ]),
      ).isZero(),
    ).toBe(true));
});

describe("inverses", () => {
  it("inverts [4, 7; 2, 6] to (1/10)[6, −7; −2, 4]", () =>
    expect(
      str(
        inverse(
          Q([
            [4, 7],
            [2, 6],
          ]),
        ),
      ),
    ).toBe("3/5 -7/10; -1/5 2/5"));
  it("inverts the 6×6 Hilbert matrix to integers, and H·H⁻¹ = I", () => {
    const inv = inverse(hilbert(6));
    expect(inv.flat().every((x) => x.isInteger())).toBe(true);
    expect(inv[0][0].toString()).toBe("36");
    expect(str(matMul(hilbert(6), inv))).toBe(str(identity(6)));
  });
  it("refuses a singular matrix", () =>
    expect(() =>
      inverse(
        Q([
          [1, 2],
          [2, 4],
        ]),
      ),
    ).toThrow(/singular/));

  // Entries: small integers and fractions; a third of the matrices made singular (a row a
  // combination of two others, or a zero column), some with a zero in the first pivot.
  const entry = fc.oneof(
    fc.integer({ min: -9, max: 9 }).map((k) => Rational.int(k)),
    fc.tuple(fc.integer({ min: -9, max: 9 }), fc.integer({ min: 1, max: 7 })).map(([p, q]) => Rational.of(p, q)),
  );
  const matrix = fc.integer({ min: 1, max: 12 }).chain((n) =>
    fc
      .tuple(
        fc.array(fc.array(entry, { minLength: n, maxLength: n }), { minLength: n, maxLength: n }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: -3, max: 3 }),
      )
      .map(([rows, how, c]) => {
        if (n >= 3 && how === 0) rows[n - 1] = rows[0].map((x, j) => x.add(rows[1][j].mul(Rational.int(c))));
        if (n >= 2 && how === 1) rows.forEach((r) => (r[n - 1] = Rational.ZERO));
        if (how === 2) rows[0][0] = Rational.ZERO;
        return rows;
      }),
  );
  it("the inverse (fraction-free to 8 × 8, by primes above) equals Gauss–Jordan over ℚ on 500 generated matrices, singular ones included", () => {
    let singular = 0;
    fc.assert(
      fc.property(matrix, (A) => {
        let reference: Rational[][];
        try {
          reference = inverseOverRationals(A);
        } catch {
          singular++;
          expect(() => inverse(A)).toThrow(/singular/);
          expect(det(A).isZero()).toBe(true);
          return;
        }
        expect(str(inverse(A))).toBe(str(reference));
      }),
      { numRuns: 500, seed: 18 },
    );
    expect(singular).toBeGreaterThan(50);
  });
  it("inverts a 30×30 integer matrix: A·A⁻¹ = I", () => {
    const A = Array.from({ length: 30 }, (_, i) =>
      Array.from({ length: 30 }, (_, j) => Rational.int(((i * 7 + j * 13 + i * j) % 19) - 9 + (i === j ? 300 : 0))),
    );
    expect(str(matMul(A, inverse(A)))).toBe(str(identity(30)));
  });
});

describe("rank, null space, characteristic polynomial", () => {
  it("rank", () => {
    expect(
      rank(
        Q([
          [1, 2],
          [2, 4],
        ]),
      ),
    ).toBe(1);
    expect(
      rank(
        Q([
          [1, 2, 3],
          [4, 5, 6],
          [7, 8, 9],
        ]),
      ),
    ).toBe(2);
  });
  it("null space of [1, 2; 2, 4] is spanned by [−2, 1]", () =>
    expect(
      str(
        nullspace(
          Q([
            [1, 2],
            [2, 4],
          ]),
        ),
      ),
    ).toBe("-2 1"));
  it("det(λI − A) of [1, 2; 3, 4] is λ² − 5λ − 2", () =>
    expect(
      charPoly(
        Q([
          [1, 2],
          [3, 4],
        ]),
      ).map(String),
    ).toEqual(["1", "-5", "-2"]));
});

describe("exact eigenvalues", () => {
  it("[2, 1; 1, 2]: 3 with [1, 1], 1 with [−1, 1]", () => {
    const e = exactEigen(
      Q([
        [2, 1],
        [1, 2],
      ]),
    )!;
    expect(e.values.map((v) => v.value.a.toString())).toEqual(["3", "1"]);
    expect(e.vectors.map((b) => b[0].map((x) => x.a.toString()))).toEqual([
      ["1", "1"],
      ["-1", "1"],
    ]);
  });
  it("[1, 2; 3, 4]: (5 ± √33)/2", () => {
    const e = exactEigen(
      Q([
        [1, 2],
        [3, 4],
      ]),
    )!;
    expect(e.values.map((v) => `${v.value.a} + ${v.value.b}√${v.value.d}`)).toEqual(["5/2 + 1/2√33", "5/2 + -1/2√33"]);
  });
  it("gives up (null) on an irreducible cubic", () =>
    expect(
      exactEigen(
        Q([
          [0, 1, 0],
          [0, 0, 1],
          [1, 1, 0],
        ]),
      ),
    ).toBeNull());
});

describe("identities on random integer matrices", () => {
  const matrix = (n: number) =>
    fc.array(fc.array(fc.integer({ min: -6, max: 6 }), { minLength: n, maxLength: n }), { minLength: n, maxLength: n });
  it("det(AB) = det(A) det(B), and A·A⁻¹ = I when det A ≠ 0", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((n) => fc.tuple(matrix(n), matrix(n))),
        ([a, b]) => {
          const A = Q(a);
          const B = Q(b);
          expect(det(matMul(A, B)).equals(det(A).mul(det(B)))).toBe(true);
          if (!det(A).isZero()) expect(str(matMul(A, inverse(A)))).toBe(str(identity(A.length)));
        },
      ),
      { numRuns: 200, seed: 3 },
    );
  });
});
