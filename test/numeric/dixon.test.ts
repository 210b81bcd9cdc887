// Dixon's p-adic lifting against Gauss–Jordan over ℚ on generated systems: integer and rational
// entries, small ones (the lifting in doubles) and large ones (BigInt), one and many right-hand
// sides (the inverse), singular matrices (null, so the caller's elimination decides); and `solve`
// of generated linear systems, whose answers satisfy every equation exactly.
import { describe, expect, it } from "vitest";
import { solveDixon } from "../../src/numeric/dixon.js";
import { identity, inverseOverRationals, rref } from "../../src/numeric/exact-linalg.js";
import { Rational } from "../../src/numeric/rational.js";
import { Session } from "../../src/session.js";
import { seededRandom } from "../helpers/random.js";
import { field, run } from "../helpers/results.js";
import type { Node } from "../../src/graph/node.js";

type Entry = () => Rational;

function matrix(n: number, k: number, entry: Entry): Rational[][] {
  return Array.from({ length: n }, () => Array.from({ length: k }, entry));
}

const equal = (X: Rational[][], Y: Rational[][]) => X.every((row, i) => row.every((x, j) => x.equals(Y[i][j])));

function invertible(A: Rational[][]): boolean {
  const { pivots } = rref(A);
  return pivots.length === A.length;
}

/** The values of a solve result's one solution, in order. */
function solutionOf(value: Node): Rational[] {
  const items = field(value, "items") as Node & { kind: "tuple" };
  expect(items.items.length).toBe(1);
  const set = items.items[0] as Node & { kind: "tuple" };
  return set.items.map((rel) => ((rel as Node & { kind: "rel" }).right as Node & { kind: "num" }).value);
}

describe("Dixon's lifting", () => {
  const random = seededRandom(18);
  const int = (bound: number) => () => Rational.int(Math.floor(random() * (2 * bound + 1)) - bound);
  const big = () => Rational.of(BigInt(Math.floor(random() * 1e9)) * 10n ** 12n + 7n, 1n);
  const fraction = () => Rational.of(BigInt(Math.floor(random() * 41) - 20), BigInt(1 + Math.floor(random() * 9)));
  const kinds: [string, Entry][] = [
    ["small integers", int(9)],
    ["integers up to 10⁶", int(1e6)],
    ["integers of 70 bits", big],
    ["fractions", fraction],
  ];

  for (const [name, entry] of kinds) {
    it(`solves A x = b as Gauss–Jordan over ℚ does: ${name} (25 systems, n = 1 … 25)`, () => {
      for (let c = 0; c < 25; c++) {
        const n = 1 + c;
        const A = matrix(n, n, entry);
        const b = matrix(n, 1, entry);
        const { R, pivots } = rref(A.map((row, i) => [...row, b[i][0]]));
        const x = solveDixon(A, b);
        if (pivots.length < n || pivots[n - 1] !== n - 1) {
          expect(x).toBeNull();
          continue;
        }
        expect(x, `${name}, n = ${n}`).not.toBeNull();
        expect(
          equal(
            x!,
            R.map((row) => [row[n]]),
          ),
        ).toBe(true);
      }
    });
  }

  it("inverts as Gauss–Jordan over ℚ does (16 matrices, n = 1 … 16)", () => {
    for (let n = 1; n <= 16; n++) {
      const A = matrix(n, n, n % 2 ? int(5) : fraction);
      const reference = invertible(A) ? inverseOverRationals(A) : null;
      const X = solveDixon(A, identity(n));
      if (!reference) expect(X).toBeNull();
      else expect(equal(X!, reference)).toBe(true);
    }
  });

  it("says null for singular matrices (a repeated row, a zero column, rank n − 2)", () => {
    for (let n = 2; n <= 12; n++) {
      const A = matrix(n, n, int(7));
      A[n - 1] = [...A[0]];
      expect(solveDixon(A, matrix(n, 1, int(7)))).toBeNull();
      const B = matrix(n, n, int(7)).map((row) => [Rational.ZERO, ...row.slice(1)]);
      expect(solveDixon(B, identity(n))).toBeNull();
    }
  });

  it("solve of a generated linear system in 12 unknowns satisfies every equation exactly (10 systems)", () => {
    const s = new Session();
    for (let c = 0; c < 10; c++) {
      const n = 12;
      const A = matrix(n, n, int(9)).map((row) => row.map((x) => Number(x.num)));
      const b = Array.from({ length: n }, () => Math.floor(random() * 21) - 10);
      const names = Array.from({ length: n }, (_, i) => `z${i + 1}`);
      const equations = A.map((row, i) => `${row.map((a, j) => `(${a}) ${names[j]}`).join(" + ")} = ${b[i]}`);
      const { value } = run(s, `solve([${equations.join(", ")}], [${names.join(", ")}])`);
      const x = solutionOf(value);
      A.forEach((row, i) =>
        expect(
          row.reduce((sum, a, j) => sum.add(Rational.int(a).mul(x[j])), Rational.ZERO).equals(Rational.int(b[i])),
        ).toBe(true),
      );
    }
  });
});
