// A float past the double range as N keeps it (N(10^400) shows 1e+400) is a float: a function of it
// folds to a float, or to a value kept past the range, as a function of a float does, computed by the
// function's decimal kernel (numeric/decimal-kernels.ts). Symbols stay symbolic, and the checker stays
// honest about an approximate value against an exact one at a size no double holds.
//
// The reference values were computed offline with mpmath at 600 digits (/usr/bin/python3), to 25 digits.
import DecimalModule from "decimal.js";
import type { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";

const D = (DecimalModule as unknown as typeof Decimal).clone({
  precision: 60,
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

/** The value a result's text holds: a float (0.5, 1e-300) or a kept value (N(1e+400), -N(1e-400)); null otherwise. */
function numberIn(text: string): Decimal | null {
  const m = /^(-?)(?:N\(([0-9.e+-]+)\)|([0-9.]+(?:e[+-]\d+)?))$/.exec(text);
  return m ? new D(m[1] + (m[2] ?? m[3])) : null;
}

/** [function, x, f(x)] (mpmath). */
const MPMATH: [string, string, string][] = [
  ["log", "10^400", "9.210340371976182736071966e+2"],
  ["log", "10^-400", "-9.210340371976182736071966e+2"],
  ["log", "7*10^333", "7.687067461160725260830965e+2"],
  ["sin", "10^400", "-9.985382319830977229161593e-1"],
  ["sin", "-10^400", "9.985382319830977229161593e-1"],
  ["sin", "10^-400", "1.0e-400"],
  ["sin", "7*10^333", "9.712415756813138597052542e-1"],
  ["cos", "10^400", "-5.404997010239058172812434e-2"],
  ["cos", "10^-400", "1.0"],
  ["cos", "7*10^333", "-2.380962025486309225039535e-1"],
  ["tan", "10^400", "1.847435308644015830803943e+1"],
  ["tan", "10^-400", "1.0e-400"],
  ["sec", "10^400", "-1.850139783806783079762621e+1"],
  ["csc", "10^400", "-1.001463907910665778554758"],
  ["csc", "10^-400", "1.0e+400"],
  ["cot", "10^400", "5.412909428119472012160515e-2"],
  ["cot", "10^-400", "1.0e+400"],
  ["tanh", "10^400", "1.0"],
  ["tanh", "-10^400", "-1.0"],
  ["tanh", "10^-400", "1.0e-400"],
  ["atan", "10^400", "1.570796326794896619231322"],
  ["atan", "-10^400", "-1.570796326794896619231322"],
  ["atan", "10^-400", "1.0e-400"],
  ["asinh", "10^400", "9.217271843781782189166138e+2"],
  ["asinh", "-10^-400", "-1.0e-400"],
  ["acosh", "10^400", "9.217271843781782189166138e+2"],
  ["sigmoid", "10^400", "1.0"],
  ["sigmoid", "10^-400", "5.0e-1"],
  ["softplus", "10^400", "1.0e+400"],
  ["softplus", "10^-400", "6.931471805599453094172321e-1"],
  ["sinh", "10^-400", "1.0e-400"],
  ["sinh", "-10^-400", "-1.0e-400"],
  ["cosh", "10^-400", "1.0"],
  ["abs", "-10^400", "1.0e+400"],
  ["abs", "10^-400", "1.0e-400"],
  ["atanh", "10^-400", "1.0e-400"],
  ["asin", "-10^-400", "-1.0e-400"],
];

describe("a function of a value past the double range", () => {
  for (const [f, x, value] of MPMATH) {
    it(`${f}(N(${x})) is the float of ${f}(${x})`, () => {
      const r = one(`${f}(N(${x}))`);
      expect(r.status, r.error?.message).toBe("ok");
      const shown = numberIn(r.text);
      expect(shown, `${f}(N(${x})) = ${r.text}`).not.toBeNull();
      const truth = new D(value);
      // A double's rounding, or the 17 digits a value past the doubles keeps.
      expect(
        shown!
          .sub(truth)
          .abs()
          .lte(truth.abs().mul(2 ** -50)),
        `${f}(N(${x})) = ${r.text}, truly ${value}`,
      ).toBe(true);
      // N of the exact expression gives the same value.
      expect(r.text).toBe(one(`N(${f}(${x}))`).text);
    });
  }

  it("is exact where the function is flat there: relu and step of a negative one, sign", () => {
    expect(one("relu(-N(10^400))").text).toBe("0.0");
    expect(one("step(-N(10^400))").text).toBe("0.0");
    expect(one("step(N(10^-400))").text).toBe("1.0");
    expect(one("sign(-N(10^-400))").text).toBe("-1.0");
    expect(one("hardtanh(N(10^400))").text).toBe("1.0");
    expect(one("relu(N(10^400))").text).toBe("N(1e+400)");
  });

  it("combines with floats as floats do", () => {
    expect(one("sin(N(10^400))^2 + cos(N(10^400))^2").text).toBe("1.0");
    expect(one("tanh(N(10^400)) - 1").text).toBe("0.0");
  });

  it("stays as it stands outside the function's domain or past what Nabla holds", () => {
    expect(one("asin(N(10^400))").pretty).toBe("asin(1e+400)");
    expect(one("log(-N(10^400))").pretty).toBe("log(−1e+400)");
    expect(one("sinh(N(10^400))").pretty).toBe("sinh(1e+400)");
    expect(one("σ(-N(10^400))").pretty).toBe("σ(−1e+400)");
  });

  it("keeps a symbol symbolic", () => {
    expect(one("N(10^400) x").pretty).toBe("1e+400 x");
    expect(one("sin(N(10^400) x)").pretty).toBe("sin(1e+400 x)");
  });
});

describe("the checker with values past the double range", () => {
  it("does not call an approximate value equal to an exact one no double holds", () => {
    expect(one("check N(10^400) == 10^400").text).toMatch(/^\? undecided/);
    expect(one("check 2 N(10^400) == 2·10^400").text).toMatch(/^\? undecided/);
    const s = new Session();
    one("f = N(10^400)", s);
    expect(one("expect f == 10^400", s).text).toMatch(/could not decide/);
  });

  it("compares a function's float value as any float", () => {
    expect(one("check sin(N(10^400)) == sin(10^400)").text).toMatch(/^✓ equivalent \(not proved/);
    expect(one("check sin(N(10^400)) == -1").text).toMatch(/^✗ not equivalent/);
  });
});

describe("arithmetic with a value past the double range", () => {
  it("folds with numbers as float arithmetic does, rounded once to the 17 digits kept", () => {
    expect(one("N(10^400) + 1").pretty).toBe("1e+400");
    expect(one("2·N(10^400)").pretty).toBe("2e+400");
    expect(one("1/N(10^-400)").pretty).toBe("1e+400");
    expect(one("-N(10^400) + 1").pretty).toBe("−1e+400");
    expect(one("N(10^400)/N(10^399)").text).toBe("10.0");
    expect(one("N(10^400)·N(10^-400)").text).toBe("1.0");
    expect(one("N(10^-400) + 1").text).toBe("1.0");
    expect(one("N(10^400) - 10^400").text).toBe("0.0");
    expect(one("0·N(10^400)").text).toBe("0.0");
    expect(one("N(10^400)·N(1.5)").pretty).toBe("1.5e+400");
    expect(one("[1, 2]·N(10^400)").pretty).toBe("[1e+400, 2e+400]");
  });

  it("in powers, roots and e^x (mpmath's values)", () => {
    expect(one("N(10^400)^2").pretty).toBe("1e+800");
    expect(one("N(10^-400)^(-1/2)").pretty).toBe("1e+200");
    expect(one("(-N(10^400))^3").pretty).toBe("−1e+1200");
    expect(one("N(10^400)^(1/3)").text).toBe("2.1544346900318837e+133");
    expect(one("sqrt(N(10^401))").text).toBe("3.1622776601683794e+200");
    expect(one("N(7·10^-333)^(3/2)").text).toBe("N(5.8566201857385288e-499)");
    expect(one("exp(N(10^-400))").text).toBe("1.0");
    expect(one("2^N(10^-400)").text).toBe("1.0");
  });

  it("agrees with N of the exact expression (generated: a·10^k for a = 2, 3, 7 and k past the doubles)", () => {
    for (const a of [2, 3, 7])
      for (const k of [309, 400, 1000, -330, -400, -1000]) {
        const same = (kept: string, exact: string) => expect(one(kept).text, kept).toBe(one(`N(${exact})`).text);
        same(`${a}·N(10^${k})`, `${a}·10^${k}`);
        same(`N(10^${k}) + N(${a}·10^${k})`, `${a + 1}·10^${k}`);
        same(`N(${a}·10^${k})/${a}`, `10^${k}`);
        same(`N(${a}·10^${k})^2`, `${a * a}·10^${2 * k}`);
        same(`N(10^${k}) - N(${a}·10^${k})`, `${1 - a}·10^${k}`);
        same(`N(${a}·10^${k}) + 1`, `${a}·10^${k} + 1`);
      }
  });

  it("collects like terms whose coefficient is one, and keeps symbols", () => {
    expect(one("N(10^400) x + N(10^400) x").pretty).toBe("2e+400 x");
    expect(one("N(10^400) x + 1").pretty).toBe("1e+400 x + 1");
    expect(one("N(10^400)^x").pretty).toBe("1e+400^x");
    expect(one("d/dx (N(10^400) x^2)").pretty).toBe("2e+400 x");
  });

  it("says plainly where the value is past what Nabla holds", () => {
    expect(one("2^N(10^400)").error?.message).toMatch(/^the value ≈ 10\^\(3\.01e\+399\) is beyond double precision/);
    expect(one("exp(-N(10^400))").error?.message).toMatch(/is below double precision, and past the largest/);
  });

  it("leaves the checker undecided against an exact value no double holds", () => {
    expect(one("check N(10^400) + 1 == 10^400 + 1").text).toMatch(/^\? undecided/);
    const s = new Session();
    one("f = N(10^400)", s);
    expect(one("expect 2f == 2·10^400", s).text).toMatch(/could not decide/);
  });
});
