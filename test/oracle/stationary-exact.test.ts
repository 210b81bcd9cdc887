// The second-order test at irrational stationary points is exact: the signs of the bordered Hessian's
// characteristic polynomial are decided in radicals (decimal arithmetic with error bounds at growing
// precision), so an eigenvalue of 10⁻¹³ is a sign, not a rounding error, and "degenerate" means a
// true zero. Generated problems with known answers: (x² − d)² + ε y² at (±√d, 0) has Hessian
// diag(8d, 2ε); on the circle x² + y² = d, x y + ε x² has points in radicals whose labels are fixed by
// the sign of ε's effect, checked against a perturbation along the circle in exact arithmetic.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/session.js";
import type { Node } from "../../src/graph/node.js";
import { floatValue } from "../../src/graph/evalf.js";
import { field, run } from "../helpers/results.js";

function points(value: Node): { at: Map<string, Node>; kind: string }[] {
  return (field(value, "items") as Node & { kind: "tuple" }).items.map((p) => ({
    at: new Map(
      (field(p, "at") as Node & { kind: "tuple" }).items.map((r) => {
        const rel = r as Node & { kind: "rel" };
        return [(rel.left as { name: string }).name, rel.right];
      }),
    ),
    kind: (field(p, "kind") as { value: string }).value,
  }));
}

describe("exact signs at irrational stationary points", () => {
  it("tiny curvatures of either sign at x = ±√d (generated: d non-square, ε = ±10⁻ᵏ, k = 9…14)", () => {
    const s = new Session();
    for (const d of [2, 3, 5, 7]) {
      for (const k of [9, 11, 14]) {
        for (const sign of [1, -1]) {
          const { value } = run(s, `critical((x^2 - ${d})^2 + ${sign} 10^(-${k}) y^2)`);
          const found = points(value).filter((p) => p.at.get("x")!.kind !== "num");
          expect(found.length, `d = ${d}`).toBe(2);
          for (const p of found) {
            expect(Math.abs(floatValue(p.at.get("x")!)!)).toBeCloseTo(Math.sqrt(d), 12);
            expect(p.kind, `d = ${d}, ε = ${sign}e-${k}`).toBe(sign > 0 ? "minimum" : "saddle point");
          }
        }
      }
    }
  });

  it("a true zero at an irrational point is degenerate, and double roots are found once, exactly", () => {
    const s = new Session();
    expect(run(s, "critical((x^2 - 2)^3)").text).toBe(
      "x = -sqrt(2): degenerate, value 0; x = 0: minimum, value -8; x = sqrt(2): degenerate, value 0",
    );
    expect(run(s, "solve(6x (x^2 - 2)^2 = 0, x)").text).toBe("x = -sqrt(2), x = 0, x = sqrt(2)");
  });

  it("on a circle of radius √d: every label agrees with f along the circle (generated)", () => {
    const s = new Session();
    for (const d of [2, 3, 5]) {
      for (const [a, b] of [
        [1, 0],
        [2, 1],
        [1, -3],
      ]) {
        const f = (x: number, y: number) => x * y + a * x * x + b * y * y;
        const { value } = run(s, `lagrange(x y + ${a} x^2 + ${b} y^2, x^2 + y^2 = ${d})`);
        for (const p of points(value)) {
          const [x0, y0] = [floatValue(p.at.get("x")!)!, floatValue(p.at.get("y")!)!];
          const t = Math.atan2(y0, x0);
          const r = Math.sqrt(d);
          const changes = [1e-4, -1e-4].map((h) => f(r * Math.cos(t + h), r * Math.sin(t + h)) - f(x0, y0));
          if (p.kind === "minimum") changes.forEach((c) => expect(c).toBeGreaterThan(0));
          if (p.kind === "maximum") changes.forEach((c) => expect(c).toBeLessThan(0));
          expect(["minimum", "maximum"]).toContain(p.kind);
        }
      }
    }
  });
});
