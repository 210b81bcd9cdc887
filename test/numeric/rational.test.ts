// Rational arithmetic: Henrici's sums and products equal the textbook ones reduced by one gcd, and
// Lehmer's gcd equals Euclid's.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Rational, bigintGcd, isqrt } from "../../src/numeric/rational.js";

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

describe("gcd by Lehmer's algorithm", () => {
  function euclid(a: bigint, b: bigint): bigint {
    if (a < 0n) a = -a;
    if (b < 0n) b = -b;
    while (b !== 0n) [a, b] = [b, a % b];
    return a;
  }
  // Integers of 1 to 5,000 bits, of either sign, often with a large common factor; equal, zero,
  // one a multiple of the other, and powers of two either side of 2⁵³ and 2¹⁰⁰⁰ (where the
  // leading bits are found differently).
  const integer = (bits: number) => fc.bigInt({ min: -(1n << BigInt(bits)), max: 1n << BigInt(bits) });
  const sized = fc.constantFrom(8, 52, 53, 54, 64, 200, 999, 1000, 1001, 3000, 5000).chain(integer);
  const special = fc.constantFrom(0n, 1n, -1n, 2n ** 53n, 2n ** 53n - 1n, 2n ** 1000n, 2n ** 1000n + 1n, 3n ** 700n);
  const operand = fc.oneof(sized, special);
  it("equals Euclid's on 3,000 generated pairs", () => {
    fc.assert(
      fc.property(operand, operand, operand, fc.integer({ min: 0, max: 3 }), (a, b, c, how) => {
        const [x, y] = how === 0 ? [a * c, b * c] : how === 1 ? [a, a * b] : how === 2 ? [a, a] : [a, b];
        expect(bigintGcd(x, y)).toBe(euclid(x, y));
        expect(bigintGcd(y, x)).toBe(euclid(x, y));
      }),
      { numRuns: 3000, seed: 18 },
    );
  });
  it("gcd of consecutive Fibonacci numbers (Euclid's worst case) of 3,000 bits is 1", () => {
    let [a, b] = [0n, 1n];
    while (b < 1n << 3000n) [a, b] = [b, a + b];
    expect(bigintGcd(a, b)).toBe(1n);
    expect(bigintGcd(a * 12345n, b * 12345n)).toBe(12345n);
  });
});

describe("integer square roots", () => {
  const big = fc.bigInt({ min: 0n, max: 1n << 4000n });

  it("⌊√n⌋ for n up to 2⁴⁰⁰⁰: r² ≤ n < (r + 1)²", () =>
    fc.assert(
      fc.property(big, (n) => {
        const r = isqrt(n);
        return r * r <= n && n < (r + 1n) * (r + 1n);
      }),
      { numRuns: 300 },
    ));

  it("squares and their neighbours", () =>
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 1n << 2000n }), (k) => {
        expect(isqrt(k * k)).toBe(k);
        expect(isqrt(k * k - 1n)).toBe(k - 1n);
        expect(isqrt(k * k + 2n * k)).toBe(k);
      }),
      { numRuns: 200 },
    ));

  it("√(1 + 10⁻⁵⁰)'s numerator, 10⁵⁰ + 1 over 10⁵⁰: no square, found at once (stepping from a double's guess took ~2¹¹⁰ steps)", () => {
    const n = (10n ** 50n + 1n) * 10n ** 50n;
    const r = isqrt(n);
    expect(r * r < n && n < (r + 1n) * (r + 1n)).toBe(true);
  });
});
