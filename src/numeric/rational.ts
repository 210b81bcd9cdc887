// Exact rational numbers on bigint: always reduced, denominator always positive.
import { checkBudget } from "../budget.js";

const SAFE = 2n ** 53n;

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  if (a < b) [a, b] = [b, a];
  // Lehmer's algorithm (Knuth, TAOCP 4.5.2, Algorithm L): Euclid's quotients are found from the
  // leading 52 bits in doubles while they are certain, and applied to the bigints as one 2 × 2
  // step, so a BigInt operation retires about 20 bits where Euclid's retires one or two. Euclid on
  // numbers of 100,000 bits takes seconds: the statement's budget is asked as it goes, so an
  // interrupt or the time limit stops it (inv([1, 2; 3, 4])^1000000 ignored both).
  let bits = bitLength(a, Infinity);
  for (let steps = 1; b >= SAFE; steps++) {
    if ((steps & 255) === 0) checkBudget();
    bits = bitLength(a, bits);
    const shift = bits - 52;
    let x = Number(a >> BigInt(shift));
    let y = Number(b >> BigInt(shift));
    let A = 1;
    let B = 0;
    let C = 0;
    let D = 1;
    while (y + C !== 0 && y + D !== 0) {
      const q = Math.floor((x + A) / (y + C));
      if (q !== Math.floor((x + B) / (y + D))) break;
      const t = A - q * C;
      A = C;
      C = t;
      const u = B - q * D;
      B = D;
      D = u;
      const r = x - q * y;
      x = y;
      y = r;
    }
    const r = B === 0 ? a % b : BigInt(C) * a + BigInt(D) * b;
    a = B === 0 ? b : BigInt(A) * a + BigInt(B) * b;
    b = r;
  }
  if (b === 0n) return a;
  // The rest in doubles: integers below 2⁵³ and their remainders are exact.
  let x = Number(a % b);
  let y = Number(b);
  while (x !== 0) {
    const r = y % x;
    y = x;
    x = r;
  }
  return BigInt(y);
}

/**
 * The number of bits of a positive integer, or one more (a double's rounding up to a power of
 * two), given a bound on it: the leading bits below the bound are read as a double, not printed.
 */
function bitLength(n: bigint, bound: number): number {
  const shift = bound > 1000 && bound !== Infinity ? bound - 1000 : 0;
  const f = Number(shift ? n >> BigInt(shift) : n);
  return f >= 1 && f < 2 ** 1000 ? shift + Math.floor(Math.log2(f)) + 1 : n.toString(16).length * 4;
}

export class Rational {
  readonly num: bigint;
  readonly den: bigint;

  private constructor(num: bigint, den: bigint) {
    this.num = num;
    this.den = den;
  }

  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);
  static readonly MINUS_ONE = new Rational(-1n, 1n);

  static of(num: bigint | number, den: bigint | number = 1n): Rational {
    let n = BigInt(num);
    let d = BigInt(den);
    if (d === 0n) throw new RangeError("division by zero");
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    if (d === 1n) return new Rational(n, 1n);
    const g = gcd(n, d);
    return g === 1n ? new Rational(n, d) : new Rational(n / g, d / g);
  }

  static int(n: bigint | number): Rational {
    return new Rational(BigInt(n), 1n);
  }

  /** num/den that the caller knows to be in lowest terms with den > 0: no gcd is taken. */
  static reduced(num: bigint, den: bigint): Rational {
    return new Rational(num, den);
  }

  /** Parses a decimal literal exactly: "0.1" is 1/10, "1.5e-3" is 3/2000. */
  static parseDecimal(text: string): Rational {
    // Most literals are small whole numbers, read without the pattern below.
    const small = Number(text);
    if (Number.isSafeInteger(small) && String(small) === text) return new Rational(BigInt(small), 1n);
    const m = /^(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
    if (!m) throw new SyntaxError(`not a number: ${text}`);
    const whole = m[1] || "0";
    const frac = m[2] ?? "";
    const exp = Number(m[3] ?? "0") - frac.length;
    const digits = BigInt(whole + frac);
    return exp >= 0 ? Rational.of(digits * 10n ** BigInt(exp)) : Rational.of(digits, 10n ** BigInt(-exp));
  }

  /** The exact value of a finite double (every double is a dyadic rational). */
  static fromFloat(x: number): Rational {
    if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
    if (Number.isInteger(x)) return Rational.int(BigInt(x));
    let den = 1n;
    let v = x;
    while (!Number.isInteger(v)) {
      v *= 2;
      den *= 2n;
    }
    return Rational.of(BigInt(v), den);
  }

  isZero(): boolean {
    return this.num === 0n;
  }
  isOne(): boolean {
    return this.num === 1n && this.den === 1n;
  }
  isInteger(): boolean {
    return this.den === 1n;
  }
  isNegative(): boolean {
    return this.num < 0n;
  }
  sign(): -1 | 0 | 1 {
    return this.num < 0n ? -1 : this.num > 0n ? 1 : 0;
  }

  // Sums and products by Henrici's algorithms (Knuth, TAOCP 4.5.1): the gcds are taken of the
  // operands' parts, not of the product's, and a sum of fractions with coprime denominators needs none.
  add(o: Rational): Rational {
    if (this.den === 1n && o.den === 1n) return new Rational(this.num + o.num, 1n);
    const b = this.den;
    const d = o.den;
    const g = gcd(b, d);
    if (g === 1n) return new Rational(this.num * d + o.num * b, b * d);
    const bg = b / g;
    const t = this.num * (d / g) + o.num * bg;
    if (t === 0n) return Rational.ZERO;
    const g2 = gcd(t, g);
    return g2 === 1n ? new Rational(t, bg * d) : new Rational(t / g2, bg * (d / g2));
  }
  sub(o: Rational): Rational {
    return this.add(o.neg());
  }
  mul(o: Rational): Rational {
    if (this.den === 1n && o.den === 1n) return new Rational(this.num * o.num, 1n);
    if (this.num === 0n || o.num === 0n) return Rational.ZERO;
    const g1 = o.den === 1n ? 1n : gcd(this.num, o.den);
    const g2 = this.den === 1n ? 1n : gcd(o.num, this.den);
    return new Rational((this.num / g1) * (o.num / g2), (this.den / g2) * (o.den / g1));
  }
  div(o: Rational): Rational {
    if (o.num === 0n) throw new RangeError("division by zero");
    return this.mul(o.inv());
  }
  neg(): Rational {
    return new Rational(-this.num, this.den);
  }
  inv(): Rational {
    if (this.num === 0n) throw new RangeError("division by zero");
    return this.num < 0n ? new Rational(-this.den, -this.num) : new Rational(this.den, this.num);
  }
  abs(): Rational {
    return this.num < 0n ? this.neg() : this;
  }
  /** Integer powers only; the caller decides what a fractional power means. */
  pow(k: bigint | number): Rational {
    const e = BigInt(k);
    if (e < 0n) return this.inv().pow(-e);
    return new Rational(this.num ** e, this.den ** e);
  }

  compare(o: Rational): -1 | 0 | 1 {
    const d = this.num * o.den - o.num * this.den;
    return d < 0n ? -1 : d > 0n ? 1 : 0;
  }
  equals(o: Rational): boolean {
    return this.num === o.num && this.den === o.den;
  }

  floor(): bigint {
    const q = this.num / this.den;
    return this.num < 0n && q * this.den !== this.num ? q - 1n : q;
  }

  /**
   * The nearest double (ties to even), ±Infinity past the largest and a subnormal or 0 below the
   * smallest. Dividing two rounded doubles rounded twice and lost every value below 10⁻³⁰⁸ (10⁻³²⁰
   * was 0: its denominator alone overflowed), so only exact operands are divided.
   */
  toNumber(): number {
    const n = this.num;
    const d = this.den;
    // Both below 2⁵³: exact as doubles, and one IEEE division rounds correctly.
    if (n <= SAFE && n >= -SAFE && d <= SAFE) return Number(n) / Number(d);
    if (n === 0n) return 0;
    const a = n < 0n ? -n : n;
    // |q| lies in [2^top, 2^(top + 1)); its last bit as a double is 2^(top − 52), or 2^−1074 below the normal range.
    let top = bitLengthOf(a) - bitLengthOf(d);
    if ((top >= 0 ? a >> BigInt(top) : a << BigInt(-top)) < d) top--;
    if (top > 1023) return n < 0n ? -Infinity : Infinity;
    const ulp = Math.max(top - 52, -1074);
    const [scaledNum, scaledDen] = ulp >= 0 ? [a, d << BigInt(ulp)] : [a << BigInt(-ulp), d];
    let m = scaledNum / scaledDen;
    const twice = 2n * (scaledNum - m * scaledDen);
    if (twice > scaledDen || (twice === scaledDen && m % 2n === 1n)) m++;
    // m ≤ 2⁵³ and the power of two are exact, so the product is the rounded value (2⁵³·2^971 overflows, as it should).
    const magnitude = Number(m) * 2 ** ulp;
    return n < 0n ? -magnitude : magnitude;
  }

  toString(): string {
    return this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`;
  }
}

/** The number of bits of a positive integer. */
function bitLengthOf(n: bigint): number {
  const hex = n.toString(16);
  return (hex.length - 1) * 4 + Math.floor(Math.log2(parseInt(hex[0], 16))) + 1;
}

export function bigintGcd(a: bigint, b: bigint): bigint {
  return gcd(a, b);
}

/** Integer square root: the largest r with r² ≤ n. */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError("square root of a negative integer");
  if (n < 2n) return n;
  if (n < 1n << 52n) {
    // A double holds n exactly and its square root within one unit.
    let x = BigInt(Math.floor(Math.sqrt(Number(n))));
    while (x * x > n) x--;
    while ((x + 1n) * (x + 1n) <= n) x++;
    return x;
  }
  // Newton's method from above (2^⌈bits/2⌉ ≥ √n): it decreases to ⌊√n⌋ in O(log bits) steps. Stepping
  // one unit from a double's guess (53 bits) took ~2^(bits/2 − 53) steps: √(1 + 10⁻⁵⁰) never ended.
  let x = 1n << BigInt((n.toString(2).length + 1) >> 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}
