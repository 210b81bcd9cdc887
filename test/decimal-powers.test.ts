// Decimals under decimal powers: 0.01^0.001 is (1/100)^(1/1000), exact and small, with its decimal
// value. Making its radicand an integer would need 100^999 under a 1000th root, which printed as a
// 999-digit number whose decimal value overflowed (≈ ∞), and (0.0112^0.0131)^0.0159 ran for minutes.
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";

const value = (source: string) => {
  const [r] = new Session().run(`N(${source})`);
  expect(r.status, `${source}: ${r.error?.message}`).toBe("ok");
  return Number(r.text);
};

describe("decimal powers", () => {
  it("have the value of the power of the decimals", () => {
    expect(value("0.01^0.001")).toBeCloseTo(Math.pow(0.01, 0.001), 14);
    expect(value("(0.0112^0.0131)^0.0159")).toBeCloseTo(Math.pow(Math.pow(0.0112, 0.0131), 0.0159), 14);
    expect(value("0.0112^(0.0131*0.0159)")).toBeCloseTo(Math.pow(0.0112, 0.0131 * 0.0159), 14);
  });

  it("agree with floating point on 60 generated bases and exponents", () => {
    let s = 7;
    const next = (k: number) => ((s = (s * 48271) % 2147483647), s % k);
    for (let i = 0; i < 60; i++) {
      const base = `${next(100)}.${String(1 + next(9999)).padStart(4, "0")}`;
      const exp = `${next(3)}.${String(1 + next(99999)).padStart(5, "0")}`;
      const source = `${base}^${i % 2 ? "-" : ""}${exp}`;
      const expected = Math.pow(Number(base), (i % 2 ? -1 : 1) * Number(exp));
      expect(value(source) / expected, source).toBeCloseTo(1, 12);
    }
  });

  it("stay exact where the root is small, and whole powers of them are exact again", () => {
    const run = (source: string) => new Session().run(source).map((r) => r.text);
    expect(run("0.01^0.001")).toEqual(["(1/100)^(1/1000)"]);
    expect(run("x = 0.01^0.001\nx^1000")[1]).toBe("1/100");
    expect(run("(2^1000)^(1/1000)")).toEqual(["2"]);
    expect(run("8^(2/3)")).toEqual(["4"]);
    expect(run("0.25^0.5")).toEqual(["1/2"]);
  });

  it("with a huge whole part are refused before they are computed", () => {
    const [r] = new Session().run("2^(10^9 + 1/2)");
    expect(r.error?.message).toMatch(/more than .* digits/);
  });
});
