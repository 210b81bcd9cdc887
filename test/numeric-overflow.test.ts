// Floats past the double range. The exact value of N(10^400) is finite and that of N(10^-400) is not 0:
// neither may be shown as ∞, Infinity, NaN or 0.0. N computes such a value in decimal and shows it
// as a float is shown (1e+400), or says plainly why it cannot; float arithmetic past the range says so.
// Genuine infinities (∞ typed, limits that diverge) stay ∞.
import DecimalModule from "decimal.js";
import type { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";
import { Rational } from "../src/numeric/rational.js";

const D = (DecimalModule as unknown as typeof Decimal).clone({
  precision: 80,
  toExpNeg: -9e15,
  toExpPos: 9e15,
  minE: -9e15,
  maxE: 9e15,
});

/** The last result of `code` in a session of its own (or in `session`). */
const one = (code: string, session = new Session()) => {
  const results = session.run(code);
  return results[results.length - 1];
};

/** What no finite, nonzero value may be shown as. */
const NOT_A_VALUE = /∞|Infinity|NaN|\\infty/;

/**
 * The value N shows for `source`, read from its text form after checking it is a value: a float
 * (1e+300) or, past the doubles, N of its 17 digits (N(1e+400)), which reads back to the same value.
 */
function shownValue(source: string): Decimal {
  const r = one(`N(${source})`);
  expect(r.status, `N(${source}): ${r.error?.message}`).toBe("ok");
  for (const form of [r.text, r.pretty, r.latex]) expect(form, `N(${source})`).not.toMatch(NOT_A_VALUE);
  const digits = /^(-?)(?:N\((.*)\)|(.*))$/.exec(r.text)!;
  const value = digits[2] ?? digits[3];
  expect(value, `N(${source}) = ${r.text}`).toMatch(/^\d+(\.\d+)?(e[+-]\d+)?$/);
  return new D(digits[1] + value);
}

/**
 * The exponent exactly, and |shown − exact| ≤ 2⁻⁵⁰·|exact| past the doubles (17 digits kept). Inside
 * them the double N has always given stands: exp(k) there is e^k in doubles, e's rounding to the kth power (10⁻¹³).
 */
function expectClose(source: string, exact: Decimal): void {
  const shown = shownValue(source);
  expect(shown.isZero(), `N(${source}) is ${shown}, the exact value ${exact.toSignificantDigits(6)}`).toBe(false);
  expect(shown.e, `the exponent of N(${source})`).toBe(exact.e);
  const error = shown.sub(exact).abs().div(exact.abs());
  const inDoubles = exact.abs().lte(Number.MAX_VALUE) && exact.abs().gte(2 ** -1022);
  expect(
    error.lte(inDoubles ? 1e-13 : 2 ** -50),
    `N(${source}) = ${shown}, exactly ${exact.toSignificantDigits(20)}`,
  ).toBe(true);
}

/** log₁₀ of a power of two by its digits, with BigInt: 2^n has ⌊n·log₁₀2⌋ + 1 digits. */
function powerOfTwo(n: number): Decimal {
  return new D((2n ** BigInt(n)).toString());
}

describe("N past the double range", () => {
  const exponents = Array.from({ length: 40 }, (_, i) => 300 + i * 43); // 300 … 1977

  it.each(exponents)("k = %i: 10^±k, −10^k, exp(±k), 2^(4k), 3^k/7 have their value, mantissa and exponent", (k) => {
    expectClose(`10^${k}`, new D(10).pow(k));
    expectClose(`-10^${k}`, new D(10).pow(k).neg());
    expectClose(`10^-${k}`, new D(10).pow(-k));
    expectClose(`exp(${k})`, D.exp(k));
    expectClose(`-exp(${k})`, D.exp(k).neg());
    expectClose(`exp(-${k})`, D.exp(-k));
    expectClose(`2^(4*${k})`, powerOfTwo(4 * k));
    expectClose(`3^${k}/7`, new D(3).pow(k).div(7));
  });

  it("near the edges of the doubles: the largest, the smallest normal, the subnormals", () => {
    expect(one("N(2^1023)").text).toBe(String(2 ** 1023));
    expect(one("N(2^1024)").text).toBe("N(1.7976931348623159e+308)");
    expectClose("2^1024", powerOfTwo(1024));
    expect(one("N(10^308)").text).toBe("1e+308");
    expect(one("N(2*10^308)").pretty).toBe("2e+308");
    expect(one("N(2^-1022)").text).toBe(String(2 ** -1022));
    // Below 2.2e-308 a double keeps fewer digits: 10^-320 was 9.99989e-321, and 0 before that.
    for (const k of [309, 315, 320, 323, 324, 330]) expectClose(`10^-${k}`, new D(10).pow(-k));
  });

  it("reads like a float in every form", () => {
    expect(one("N(10^400)").pretty).toBe("1e+400");
    expect(one("N(10^400)").latex).toBe("1 \\times 10^{400}");
    expect(one("N(exp(1000))").pretty).toBe("1.97007e+434");
    expect(one("N(exp(1000))").text).toBe("N(1.970071114017047e+434)");
    expect(one("N(-10^400)").text).toBe("-N(1e+400)");
    expect(one("≈ exp(1000)").pretty).toBe("1.97007e+434");
    expect(one("N(-exp(1000))").pretty).toBe("−1.97007e+434");
    expect(one("N(10^-400)").pretty).toBe("1e-400");
    expect(one("N(exp(-1000))").pretty).toBe("5.07596e-435");
    expect(one("N(-10^-400)").latex).toBe("-1 \\times 10^{-400}");
    expect(one("x = N(10^400)").pretty).toBe("x = 1e+400");
  });

  it("entry by entry in a matrix or a vector", () => {
    expect(one("N([10^400, 10^-400; 1, 2])").text).toBe("[N(1e+400), N(1e-400); 1.0, 2.0]");
    expect(one("≈ [exp(1000), -exp(1000), 1/3]").pretty).toBe("[1.97007e+434, −1.97007e+434, 0.333333]");
  });

  it("through functions of arguments past the range", () => {
    expectClose("log(10^400)", D.ln(new D(10).pow(400)));
    expectClose("sqrt(10^701)", new D(10).pow(701).sqrt());
    expectClose("sin(10^400)", D.sin(new D(10).pow(400)));
    expectClose("atan(10^400)", D.acos(-1).div(2));
    expectClose("sinh(1000)", D.sinh(1000));
    expectClose("1/(1 + exp(1000))", new D(1).div(D.exp(1000).add(1)));
    expectClose("tanh(1000) - 1", new D(-2).div(D.exp(2000).add(1)));
    // Terms equal to 434 digits: the difference is seen only past them.
    expectClose("cosh(1000) - sinh(1000)", D.exp(-1000));
    expect(one("N(10^400 x)").text).toBe("N(1e+400)*x");
  });

  it("keeps its value: N of it is itself, and further N computes on", () => {
    const s = new Session();
    one("a = N(10^400)", s);
    expect(one("N(a)", s).pretty).toBe("1e+400");
    expect(one("N(2a)", s).pretty).toBe("2e+400");
    expect(one("N(a/10^390)", s).text).toBe("10000000000.0");
    expect(one("N(a·a)", s).pretty).toBe("1e+800");
    expect(one("2a", s).pretty).toBe("2e+400");
    expect(one("a y", s).pretty).toBe("1e+400 y");
    // The text reads back to the same value.
    expect(one(one("N(-exp(1000)) y", s).text, s).value).toBe(one("N(-exp(1000)) y", s).value);
  });

  it("says plainly where no value can be had", () => {
    expect(one("N(exp(10^6))").error?.message).toMatch(
      /^the value ≈ 3\.03e\+434294 is beyond double precision \(±1\.8e308\), and past the largest/,
    );
    expect(one("N(exp(-10^6))").error?.message).toMatch(/^the value ≈ 3\.3e-434295 is below double precision/);
    expect(one("N(sin(10^2000))").error?.message).toMatch(/beyond double precision \(±1\.8e308\)/);
  });

  it("is 0.0 where the value is 0", () => {
    expect(one("N(0)").text).toBe("0.0");
    expect(one("N(10^-400 - 10^-400)").text).toBe("0.0");
    expect(one("N(sin(π)^30)").text).toBe("0.0");
  });

  it("is a float in the double range as before", () => {
    expect(one("N(10^300)").text).toBe("1e+300");
    expect(one("N(sqrt(2))").text).toBe(String(Math.SQRT2));
    expect(one("N(1/3)").pretty).toBe("0.333333");
    expect(one("N(exp(700))").text).toBe(String(Math.pow(Math.E, 700)));
  });
});

describe("float arithmetic past the double range", () => {
  it("is an error that names the operation and its exact size", () => {
    const s = new Session();
    one("x = N(10^200)", s);
    const message = (code: string) => one(code, s).error?.message;
    expect(message("x*x")).toBe(
      "the float product 1e+200·1e+200 ≈ 1e+400 is beyond double precision (±1.8e308); N(…) of the exact expression gives values past it",
    );
    expect(message("x*10^200")).toMatch(/^the float product .* ≈ 1e\+400 is beyond double precision/);
    expect(message("10^400 + x")).toMatch(/^the float sum .* ≈ 1e\+400 is beyond double precision/);
    expect(message("x^2")).toMatch(/^the float power 1e\+200\^2 is beyond double precision/);
    expect(message("sinh(N(1000))")).toMatch(/^sinh\(1000\.0\) is beyond double precision/);
    for (const code of ["x*x", "x^2", "sinh(N(1000))"]) expect(one(code, s).pretty).not.toMatch(NOT_A_VALUE);
  });

  it("combines a float with an exact number no double holds exactly, rounding once", () => {
    expect(one("N(10^-300)*10^400").text).toBe("1e+100");
    expect(one("N(10^300)/10^400").text).toBe("1e-100");
    expect(one("N(0)*10^400").text).toBe("0.0");
  });
});

describe("genuine infinities stay", () => {
  it("as typed and as limits", () => {
    expect(one("∞").pretty).toBe("∞");
    expect(one("-∞").pretty).toBe("−∞");
    expect(one("N(∞)").pretty).toBe("∞");
    expect(one("limit(1/x^2, x → 0)").pretty).toBe("∞");
    expect(one("limit(x, x → ∞)").pretty).toBe("∞");
    expect(one("1/0").error?.message).toMatch(/division by zero/);
  });

  it("while an exact value past the doubles shows no decimal rather than ≈ ∞", () => {
    expect(one("exp(1000)").pretty).toBe("exp(1000)");
    expect(one("exp(-1000)").pretty).not.toMatch(/≈ 0/);
  });
});

/** The doubles just below and above x (x finite). */
function neighbours(x: number): [number, number] {
  const bits = new BigInt64Array(new Float64Array([x]).buffer)[0];
  const at = (b: bigint) => new Float64Array(new BigInt64Array([b]).buffer)[0];
  if (x === 0) return [-(2 ** -1074), 2 ** -1074];
  return x > 0 ? [at(bits - 1n), at(bits + 1n)] : [at(bits + 1n), at(bits - 1n)];
}

describe("an exact number's double", () => {
  it("is the nearest double, subnormals and the edges included (400 generated rationals)", () => {
    let seed = 11;
    const next = (k: number) => ((seed = (seed * 48271) % 2147483647), seed % k);
    const digits = (n: number) => BigInt("1" + Array.from({ length: n }, () => next(10)).join(""));
    for (let i = 0; i < 400; i++) {
      const q = Rational.of(digits(1 + next(40)) * (i % 2 ? -1n : 1n), digits(1 + next(40)) * 10n ** BigInt(next(340)));
      const x = q.toNumber();
      expect(Number.isFinite(x), q.toString()).toBe(true);
      const distance = (y: number) => q.sub(Rational.fromFloat(y)).abs();
      for (const y of neighbours(x)) expect(distance(x).compare(distance(y)), `${q} → ${x}`).toBeLessThanOrEqual(0);
    }
    expect(Rational.of(1n, 10n ** 320n).toNumber()).toBe(1e-320);
    expect(Rational.of(1n, 10n ** 400n).toNumber()).toBe(0);
    expect(Rational.int(10n ** 400n).toNumber()).toBe(Infinity);
    expect(Rational.of(2n ** 1024n - 2n ** 970n).toNumber()).toBe(Infinity); // rounds up past the largest
    expect(Rational.of(2n ** 1024n - 2n ** 970n - 1n).toNumber()).toBe(Number.MAX_VALUE);
  });
});
