// Solutions of any size: a root is a root whether it is 10⁻²⁰ or 10³⁰. Each equation below has its
// real roots known in closed form; the answer must have exactly those, to rounding, and no others.
// (x² = 10³¹ had answered "no real solution": the check of each solution in floats used an absolute
// bound, and x² − 10³¹ is ~10¹⁵ in floats at √10³¹. x² = π·10⁻¹⁴ had a third root, x = 0.)
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";
import type { Node } from "../src/graph/node.js";
import { floatValue } from "../src/graph/evalf.js";

/** The values of `x = …` in a solve's answer, in floats, sorted. */
function roots(code: string): number[] {
  const [r] = new Session().run(code);
  if (r.status !== "ok" || !r.value) throw new Error(`${code}: ${r.error?.message}`);
  const found: number[] = [];
  const walk = (n: unknown): void => {
    if (!n || typeof n !== "object") return;
    const node = n as Node;
    if (node.kind === "rel") {
      found.push(floatValue(node.right) ?? NaN);
      return;
    }
    for (const v of Object.values(node)) {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === "object" && "kind" in v) walk(v);
      else if (v && typeof v === "object" && "value" in v) walk((v as { value: unknown }).value);
    }
  };
  walk(r.value);
  return found.sort((a, b) => a - b);
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.abs(b);

describe("roots at every scale", () => {
  const cases: [string, number[]][] = [];
  for (const c of [2, 3, 5, 7]) {
    for (let k = -40; k <= 60; k += 5) {
      const v = c * 10 ** k;
      cases.push([`solve(x^2 = ${c}*10^(${k}), x)`, [-Math.sqrt(v), Math.sqrt(v)]]);
      cases.push([`solve(x^2 - ${c}*10^(${k}) = 0, x)`, [-Math.sqrt(v), Math.sqrt(v)]]);
      cases.push([`solve(x^3 = ${c}*10^(${k}), x)`, [Math.cbrt(v)]]);
      cases.push([`solve(x^4 = ${c}*10^(${k}), x)`, [-(v ** 0.25), v ** 0.25]]);
    }
    // π makes the equation other than a polynomial over ℚ: its roots ±√(cπ·10ᵏ) are exact, at any size
    // (they were searched numerically in [−10, 10], which missed those outside).
    for (const k of [-12, -9, -6, -3, 0, 1, 4, 30]) {
      const v = Math.PI * c * 10 ** k;
      cases.push([`solve(x^2 = ${c} π 10^(${k}), x)`, [-Math.sqrt(v), Math.sqrt(v)]]);
    }
  }

  it.each(cases)("%s has exactly its real roots", (code, expected) => {
    const got = roots(code);
    expect(got.length, `${code}: ${got.join(", ")}`).toBe(expected.length);
    got.forEach((g, i) => expect(close(g, expected[i]), `${code}: ${g} against ${expected[i]}`).toBe(true));
  });

  it("a system whose solution is large: x y = 10³¹, x = y", () => {
    const got = roots("solve([x*y = 10^31, x = y], [x, y])");
    const r = Math.sqrt(1e31);
    expect(got.length).toBe(4);
    for (const [g, e] of got.map((g, i) => [g, [-r, -r, r, r][i]])) expect(close(g, e)).toBe(true);
  });

  it.each([
    ["solve(x^2 = 10^400, x)", [-1e200, 1e200]],
    ["solve(x^2 = 3*10^401, x)", [-Math.sqrt(30) * 1e200, Math.sqrt(30) * 1e200]],
    ["solve(x^2 = 10^-400, x)", [-1e-200, 1e-200]],
    ["solve([x*y = 10^400, x = y], [x, y])", [-1e200, -1e200, 1e200, 1e200]],
  ] as [string, number[]][])("%s: equations past the doubles are checked exactly", (code, expected) => {
    const got = roots(code);
    expect(got.length, got.join(", ")).toBe(expected.length);
    got.forEach((g, i) => expect(close(g, expected[i]), `${g} against ${expected[i]}`).toBe(true));
  });

  it("says it cannot find roots past the doubles without a closed form, rather than that there are none", () => {
    // (x³ = 10⁶⁰⁰ has one now: x = 10²⁰⁰, as solve-exact-constants.test.ts asserts.)
    const [r] = new Session().run("solve(x^3 + x = 10^600, x)");
    expect(r.status).toBe("error");
    expect(r.error?.message).toMatch(/could not be found/);
  });
});
