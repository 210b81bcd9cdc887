// Rational arithmetic: Henrici's sums and products equal the textbook ones reduced by one gcd.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Rational } from "../../src/numeric/rational.js";

const big = fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n });
// Denominators with shared factors (products of small primes) as well as large ones.
const den = fc.oneof(
  fc.bigInt({ min: 1n, max: 10n ** 30n }),
  fc.array(fc.constantFrom(2n, 3n, 5n, 7n), { maxLength: 12 }).map((ps) => ps.reduce((a, b) => a * b, 1n)),
);
const rational = fc.tuple(big, den).map(([n, d]) => Rational.of(n, d));

function same(a: Rational, b: Rational): void {
  expect([a.num, a.den]).toEqual([b.num, b.den]);
}

describe("exact rationals", () => {
  it("a + b, a − b, a·b, a/b equal the unreduced formulas reduced once (2,000 generated pairs)", () => {
    fc.assert(
      fc.property(rational, rational, (a, b) => {
        same(a.add(b), Rational.of(a.num * b.den + b.num * a.den, a.den * b.den));
        same(a.sub(b), Rational.of(a.num * b.den - b.num * a.den, a.den * b.den));
        same(a.mul(b), Rational.of(a.num * b.num, a.den * b.den));
        if (!b.isZero()) same(a.div(b), Rational.of(a.num * b.den, a.den * b.num));
      }),
      { numRuns: 2000, seed: 18 },
    );
  });
  it("keeps zero as 0/1 and the denominator positive", () => {
    const half = Rational.of(1, 2);
    same(half.sub(half), Rational.ZERO);
    same(half.mul(Rational.ZERO), Rational.ZERO);
    same(Rational.of(-3, 4).inv(), Rational.of(-4, 3));
    expect(() => Rational.ZERO.inv()).toThrow(/division by zero/);
  });
});
