// sign and step of a closed expression, computed numerically (≈, N): the argument's sign certified
// in decimal, not read off a double. An argument that is 0 but not written so (exp(log 2) − 2, before
// the graph built it as 0, rounded to −2·10⁻¹⁶ in doubles) gave sign −1 and step 0; now no value is
// shown (≈) or N says why. A nonzero argument has its sign down to 10⁻¹⁰⁰ of it (certified to 240
// digits, so ≈ stays quick).
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";

function one(code: string) {
  const [r] = new Session().run(code);
  return r;
}

/** Closed expressions that are 0, each written so that no constructor folds it. */
const ZEROS: string[] = [];
for (const c of ["1/3", "-2/5", "7/10"]) ZEROS.push(`sin(π - asin(${c})) - ${c}`, `cos(acos(${c}) + 2π) - ${c}`);
for (const [a, k] of [
  ["2", 3],
  ["3", 5],
  ["7", 2],
] as const)
  ZEROS.push(`log(${a}^${k}) - ${k} log(${a})`);
ZEROS.push("sin(π/7)^2 + cos(π/7)^2 - 1", "2^(log(3)/log(2)) - 3");

/** Zeros the graph builds as 0 (exp(log q) is q, cos(acos c) is c): their sign is 0 exactly. */
const FOLDED = ["exp(log(3/7)) - 3/7", "exp(2 log(3)) - 9", "cos(acos(1/3)) - 1/3", "tanh(atanh(-2/5)) + 2/5"];

describe("sign and step where the argument is exactly 0 but not written so", () => {
  it.each(ZEROS.flatMap((z) => [`sign(${z})`, `step(${z})`, `2 + sign(${z})`]))("%s shows no decimal", (code) => {
    const r = one(code);
    expect(r.status, r.pretty).toBe("ok");
    expect(r.pretty, code).not.toContain("≈");
  });

  it.each(ZEROS.map((z) => `N(sign(${z}))`))("%s says its value cannot be computed", (code) => {
    const r = one(code);
    expect(r.status).toBe("error");
    expect(r.error?.message).toBe(
      "sign(…) is taken where its argument is 0, or too close to 0 to tell at 240 digits: its value cannot be computed numerically",
    );
  });
});

describe("sign and step of a zero the graph folds", () => {
  it.each(FOLDED)("sign(%s) is 0 and step of it 1, exactly", (z) => {
    expect(one(`sign(${z})`).text).toBe("0");
    expect(one(`step(${z})`).text).toBe("1");
  });
});

describe("sign and step of a small nonzero argument", () => {
  const cases: [string, number][] = [];
  for (const z of ZEROS)
    for (const k of [20, 50, 90]) {
      cases.push([`N(sign(${z} + 10^-${k}))`, 1], [`N(sign(${z} - 10^-${k}))`, -1]);
      cases.push([`N(step(${z} - 10^-${k}))`, 0]);
    }
  cases.push(["N(sign(π - 355/113))", -1], ["N(step(exp(-1000)))", 1], ["N(sign(sqrt(2) - 665857/470832))", -1]);
  it.each(cases)("%s is %d", (code, value) => {
    const r = one(code);
    expect(r.status, r.pretty).toBe("ok");
    expect(Number(r.text)).toBe(value);
  });
});
