// A counterexample a student can read: where the two sides differ visibly, not by 10⁻¹⁵ just past a
// breakpoint (asin(sin x) against x at π/2 + 10⁻¹⁵) or by 10⁻²⁶⁰⁵⁷⁶⁷ (softplus far left of its shift).
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";

function counterexample(claim: string): { left: number; right: number; text: string } {
  const [r] = new Session().run(`check ${claim}`);
  expect(r.verdict, r.pretty).toBe("not equivalent");
  const [, left, right] = /the left side is ([^,]+), the right side ([^,]+)/.exec(r.pretty) ?? [];
  return { left: Number(left), right: Number(right), text: r.pretty };
}

/** Apart by more than a millionth of their size and more than a double's smallest. */
function readable(left: number, right: number): boolean {
  const gap = Math.abs(left - right);
  return gap > 1e-6 * Math.max(Math.abs(left), Math.abs(right)) && gap > 1e-300;
}

describe("a counterexample shows a difference one can read", () => {
  it.each([
    "asin(sin(x)) == x",
    "acos(cos(x)) == x",
    "atan(tan(x)) == x",
    "sqrt(x^2) == x",
    "log(exp(x)) + relu(x - 3) == x",
  ])("%s", (claim) => {
    const { left, right, text } = counterexample(claim);
    expect(readable(left, right), text).toBe(true);
  });

  const shifted: string[] = [];
  for (const c of ["6*10^6", "3*10^8", "5*10^9", "7*10^11", "2*10^13"])
    shifted.push(`softplus(x - ${c}) == 0`, `σ(x - ${c}) == 0`, `tanh(x - ${c}) == -1`, `x + relu(x - ${c}) == x`);
  it.each(shifted)("%s, its switch far out", (claim) => {
    const { left, right, text } = counterexample(claim);
    expect(readable(left, right), text).toBe(true);
  });

  it("keeps a faint difference where no readable one exists", () => {
    const { text } = counterexample("x + 10^-40 == x");
    expect(text).toMatch(/^✗ not equivalent/);
  });
});

describe("sides that print alike say how far apart they are", () => {
  // A difference below every digit shown (1 + e⁻³⁰⁰¹ against 1): the two values printed the same,
  // "the left side is 1, the right side 1", until the difference was shown with them.
  const claims: string[] = [];
  for (const k of [40, 100, 300, 1000, 3000])
    for (const side of ["1", "x", "2x + 3", "sin(x)"]) claims.push(`${side} + exp(-x^2 - ${k}) == ${side}`);
  it.each(claims)("%s", (claim) => {
    const [r] = new Session().run(`check ${claim}`);
    expect(r.verdict, r.pretty).toBe("not equivalent");
    const [, left, right] = /the left side is (.+), the right side (.+)$/.exec(r.pretty) ?? [];
    expect(left, r.pretty).toBeDefined();
    if (left === right.replace(/, a difference of .*$/, "")) expect(right, r.pretty).toMatch(/, a difference of \d/);
  });
});
