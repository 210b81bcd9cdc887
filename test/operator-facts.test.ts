// The facts an operator's row states about it (`breaks`, `sign`, `turnsAtZero`: read by the
// checker's test points, critical points and convexity) hold of its own float kernel, and the
// engine's decisions follow the rows: a fact is stated once, in the row.
import { describe, expect, it } from "vitest";
import { madeOfPieces, operators } from "../src/graph/operators.js";
import type { OperatorEntry } from "../src/graph/operators.js";
import { float, num } from "../src/graph/construct.js";
import { floatValue } from "../src/graph/evalf.js";
import { apply } from "../src/graph/operators.js";
import { Rational } from "../src/numeric/rational.js";
import { Session } from "../src/session.js";

/** f(x) of a row at a float, its other arguments at their defaults (leaky_relu's slope 0.01). */
const at = (row: OperatorEntry, x: number): number => {
  try {
    return floatValue(apply(row.name, [float(x)])) ?? NaN;
  } catch {
    return NaN; // outside its domain (acosh(0.5))
  }
};
const GRID = Array.from({ length: 241 }, (_, k) => -30 + k / 4).filter((x) => x !== 0);
const scalarRows = operators().filter((row) => row.float !== undefined && row.arity[0] === 1);

describe("a row's sign holds at every point of a grid", () => {
  const signed = scalarRows.filter((row) => row.sign !== undefined);
  it("some rows state a sign", () =>
    expect(signed.map((r) => r.name)).toEqual(expect.arrayContaining(["exp", "relu"])));
  it.each(signed.map((row) => [row.name, row] as const))("%s", (_, row) => {
    for (const x of [...GRID, 0]) {
      const y = at(row, x);
      if (row.sign === "positive") expect(y, `${row.name}(${x})`).toBeGreaterThan(0);
      else expect(y, `${row.name}(${x})`).toBeGreaterThanOrEqual(0);
    }
  });
});

describe("a row's breaks: linear pieces meeting at 0 (kink), constant pieces with a jump", () => {
  const pieces = scalarRows.filter((row) => row.breaks === "kink" || row.breaks === "jump");
  it.each(pieces.map((row) => [row.name, row] as const))("%s", (_, row) => {
    // Each side of 0 (and of ±1, hardtanh's other corners) is one line: equal second differences vanish.
    for (const [a, b, c] of [
      [2, 3, 4],
      [-4, -3, -2],
      [0.25, 0.5, 0.75],
      [-0.75, -0.5, -0.25],
    ])
      expect(at(row, a) - 2 * at(row, b) + at(row, c), `${row.name} is linear on [${a}, ${c}]`).toBeCloseTo(0, 12);
    const gap = Math.abs(at(row, 1e-9) - at(row, -1e-9));
    if (row.breaks === "kink") expect(gap, `${row.name} is continuous at 0`).toBeLessThan(1e-8);
    else {
      expect(gap, `${row.name} jumps at 0`).toBeGreaterThan(0.5);
      expect(at(row, 5) - at(row, 0.5), `${row.name} is constant on each side`).toBe(0);
    }
  });

  it("pieces keep rational arguments rational", () => {
    for (const row of operators().filter((r) => madeOfPieces(r.name))) {
      const args = Array.from({ length: row.arity[0] }, (_, k) => num(Rational.of(2 * k - 3, 7)));
      expect(row.fold?.(args)?.kind, `${row.name}(${args.length} rationals)`).toBe("num");
    }
  });

  it("smooth rows state no breaks: no corner between nearby slopes at 0.5, −0.5 and 2", () => {
    for (const row of scalarRows.filter((r) => r.breaks === undefined && r.arity[1] === 1)) {
      for (const x of [0.5, -0.5, 2]) {
        const h = 1e-4;
        const [l, m, r] = [at(row, x - h), at(row, x), at(row, x + h)];
        if (![l, m, r].every(Number.isFinite)) continue;
        const left = (m - l) / h;
        const right = (r - m) / h;
        expect(Math.abs(right - left), `${row.name} at ${x}`).toBeLessThan(1e-2 * (1 + Math.abs(left)));
      }
    }
  });
});

describe("the engine reads the rows", () => {
  const run = (code: string) => {
    const results = new Session().run(code);
    return results.map((r) => r.error?.message ?? r.text).join("\n");
  };

  it("a kink and a jump from the rows: critical points of |x − 1| + x²; a step refused", () => {
    expect(run("critical(abs(x - 1) + x^2, x)")).toContain("1/2");
    expect(run("critical(step(x) + x^2, x)")).toMatch(/jump \(step\)/);
  });

  it("a positive row proves a guard is defined everywhere: log(exp(x)), √σ(x)²; tanh is not positive", () => {
    expect(run("check log(exp(x)) == x")).toMatch(/^✓ equivalent \(proved/);
    expect(run("check sqrt(sigmoid(x))^2 == sigmoid(x)")).toMatch(/^✓ equivalent \(proved/);
    expect(run("check sqrt(tanh(x))^2 == tanh(x)")).toMatch(/^✗ not equivalent/);
  });

  it("a turn at 0 is tried: tanh(x − 10⁶) is not sign(x − 10⁶)'s shadow everywhere", () => {
    expect(run("check tanh(x - 10^6) == 1")).toMatch(/^✗/);
  });

  it("a function with a kink or a corner closes the Hessian route of convex (|x|'s second derivative is not 0)", () => {
    expect(run("convex(x^2 + 1, x)")).toMatch(/Hessian/);
    expect(run("convex(abs(x) + x^2, x)")).not.toMatch(/Hessian/);
    expect(run("convex(norm([x, y]) + x^2, [x, y])")).not.toMatch(/Hessian/);
  });
});
