// sign and step of a closed expression, computed numerically (≈, N): the argument's sign certified
// in decimal, not read off a double. An argument that is 0 exactly but not written so (exp(log 2) − 2
// rounds to −2·10⁻¹⁶ in doubles) gave sign −1 and step 0; now no value is shown (≈) or N says why.
// A nonzero argument has its sign down to 10⁻¹⁰⁰ of it (certified to 240 digits, so ≈ stays quick).
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";

function one(code: string) {
  const [r] = new Session().run(code);
  return r;
}

/** Closed expressions that are 0, each written so that no constructor folds it. */
const ZEROS: string[] = [];
for (const q of ["2", "3/7", "10", "1/1000"]) ZEROS.push(`exp(log(${q})) - ${q}`);
for (const c of ["1/3", "-2/5", "7/10"]) ZEROS.push(`cos(acos(${c})) - ${c}`, `tanh(atanh(${c})) - ${c}`);
for (const [a, k] of [
  ["2", 3],
  ["3", 5],
  ["7", 2],
] as const)
  ZEROS.push(`log(${a}^${k}) - ${k} log(${a})`);
ZEROS.push("sin(π/7)^2 + cos(π/7)^2 - 1", "exp(2 log(3)) - 9");

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
