// critical of piecewise functions (abs, relu, max, min, hardtanh, leaky_relu): the kinks are
// candidates, labelled by one-sided behaviour and said to be non-differentiable. Generated problems:
// in one variable every label is checked by exact values on both sides, and every local extremum a
// fine grid shows is among the points; in two variables, for convex f (positive weights on |ℓ(x, y)|
// plus a positive definite quadratic) exactly one minimum is reported, below f at random points, and
// every label agrees with f along 64 directions.
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";
import type { Node } from "../src/graph/node.js";
import { floatValue } from "../src/graph/evalf.js";
import { seededRandom } from "./helpers/random.js";
import { field, run } from "./helpers/results.js";

interface Reported {
  at: number[];
  kind: string;
  corner: boolean;
}

function reported(value: Node, names: string[]): Reported[] {
  const items = field(value, "items") as Node & { kind: "tuple" };
  return items.items.map((p) => {
    const at = field(p, "at") as Node & { kind: "tuple" };
    const byName = new Map(
      at.items.map((r) => {
        const rel = r as Node & { kind: "rel" };
        return [(rel.left as { name: string }).name, floatValue(rel.right)!];
      }),
    );
    const fields = (p as Node & { kind: "record" }).fields;
    return {
      at: names.map((v) => byName.get(v)!),
      kind: (field(p, "kind") as { value: string }).value,
      corner: fields.some((f) => f.name === "corner"),
    };
  });
}

describe("critical points of piecewise functions", () => {
  it("classifies kinks by one-sided behaviour and says f is not differentiable there", () => {
    const s = new Session();
    expect(run(s, "critical(abs(x))").text).toBe("x = 0: minimum, not differentiable (abs), value 0");
    expect(run(s, "critical(-abs(x))").text).toBe("x = 0: maximum, not differentiable (abs), value 0");
    expect(run(s, "critical(relu(x) + x^2)").text).toBe("x = 0: minimum, not differentiable (relu), value 0");
    expect(run(s, "critical(x + abs(x)/2)").text).toBe("x = 0: not an extremum, not differentiable (abs), value 0");
    expect(run(s, "critical(abs(x) + y^2)").text).toBe("x = 0, y = 0: minimum, not differentiable (abs), value 0");
    expect(run(s, "critical(abs(x) - y^2)").text).toBe("x = 0, y = 0: saddle point, not differentiable (abs), value 0");
    expect(run(s, "critical(hardtanh(x) + x^2/4)").text).toContain("x = -1: minimum, not differentiable (hardtanh)");
    expect(run(s, "critical(leaky_relu(x, 0.1) + x^2)").text).toContain("x = -1/20: minimum, value -1/400");
    // The pieces of max(x, 0) − max(−x, 0) = x meet smoothly: no kink, no critical point.
    expect(run(s, "critical(max(x, 0) - max(-x, 0))").text).toBe("no real stationary point");
    expect(run(s, "critical(relu(x))").text).toBe(
      "x = 0: minimum, not differentiable (relu), value 0 (infinitely many more where x < 0)",
    );
    const [jump] = s.run("critical(step(x) + x^2)");
    expect(jump.status).toBe("error");
    // Under constraints the multiplier condition says nothing at a kink: refused, not searched and missed.
    const [constrained] = s.run("minimize abs(x) + abs(y) subject to x + y = 1");
    expect(constrained.error?.message).toMatch(/need differentiable functions/);
  });

  it("in one variable: exact one-sided values confirm every label, and no grid extremum is missed (40 functions)", () => {
    const random = seededRandom(1313);
    const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
    const s = new Session();
    for (let c = 0; c < 40; c++) {
      const terms: { text: string; f: (x: number) => number }[] = [];
      const count = 1 + Math.floor(random() * 3);
      for (let k = 0; k < count; k++) {
        const b = pick([-3, -2, -1, 0, 1, 2, 3, 0.5, -1.5]);
        const a = pick([-2, -1, 1, 2, 3]);
        const atom = pick(["abs", "relu", "max", "min", "hardtanh"]);
        const u = `(x - (${b}))`;
        const text = atom === "max" ? `max(${u}, 0.5 ${u})` : atom === "min" ? `min(${u}, -${u})` : `${atom}(${u})`;
        const g = (x: number) => {
          const v = x - b;
          if (atom === "abs") return Math.abs(v);
          if (atom === "relu") return Math.max(v, 0);
          if (atom === "max") return Math.max(v, 0.5 * v);
          if (atom === "min") return Math.min(v, -v);
          return Math.max(-1, Math.min(1, v));
        };
        terms.push({ text: `(${a}) ${text}`, f: (x) => a * g(x) });
      }
      const q = pick([0, 1, 1, 2, -1]);
      const d = pick([-1, 0, 1]);
      const text = `${terms.map((t) => t.text).join(" + ")} + (${q}) x^2 + (${d}) x`;
      const f = (x: number) => terms.reduce((sum, t) => sum + t.f(x), 0) + q * x * x + d * x;
      const { value } = run(s, `critical(${text})`);
      const points = reported(value, ["x"]);
      const note =
        (field(value, "items") as Node).kind &&
        (value as Node & { kind: "record" }).fields.find((x) => x.name === "note");
      for (const p of points) {
        const x0 = p.at[0];
        const h = 1e-4;
        const [left, here, right] = [f(x0 - h), f(x0), f(x0 + h)];
        const tolerance = 1e-12;
        if (p.kind === "minimum") expect(Math.min(left, right) - here, `${text} at ${x0}`).toBeGreaterThan(-tolerance);
        if (p.kind === "maximum") expect(here - Math.max(left, right), `${text} at ${x0}`).toBeGreaterThan(-tolerance);
        if (p.kind === "not an extremum") expect((left - here) * (right - here), `${text} at ${x0}`).toBeLessThan(0);
      }
      // A strict extremum on a grid of step 1/64 lies within one step of a reported point (or in a flat region the note
      // names).
      if (note) continue;
      const step = 1 / 64;
      for (let x = -6; x <= 6; x += step) {
        const [l, m, r] = [f(x - step), f(x), f(x + step)];
        if ((m < l && m < r) || (m > l && m > r))
          expect(
            points.some((p) => Math.abs(p.at[0] - x) <= step + 1e-12),
            `${text}: an extremum near ${x}`,
          ).toBe(true);
      }
    }
  });

  it("in two variables: a convex f has one minimum, below f elsewhere; labels agree with f along 64 directions (20 functions)", () => {
    const random = seededRandom(99);
    const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
    const s = new Session();
    for (let c = 0; c < 20; c++) {
      const lines = Array.from({ length: int(1, 3) }, () => [int(-2, 2), int(-2, 2), int(-2, 2), int(1, 3)]).filter(
        ([a, b]) => a !== 0 || b !== 0,
      );
      const [p, r] = [int(1, 3), int(1, 3)];
      const [u, v] = [int(-3, 3), int(-3, 3)];
      const text = `${lines.map(([a, b, k, w]) => `${w} abs(${a} x + ${b} y + ${k})`).join(" + ")} + ${p} x^2 + x y + ${r} y^2 + ${u} x + ${v} y`;
      const f = (x: number, y: number) =>
        lines.reduce((sum, [a, b, k, w]) => sum + w * Math.abs(a * x + b * y + k), 0) +
        p * x * x +
        x * y +
        r * y * y +
        u * x +
        v * y;
      const { value } = run(s, `critical(${text})`);
      const points = reported(value, ["x", "y"]);
      const minima = points.filter((q) => q.kind === "minimum");
      expect(minima.length, text).toBe(1);
      const [mx, my] = minima[0].at;
      for (let k = 0; k < 50; k++) {
        const [x, y] = [(random() - 0.5) * 10, (random() - 0.5) * 10];
        expect(f(x, y) - f(mx, my), text).toBeGreaterThan(-1e-9);
      }
      for (const q of points) {
        const [x0, y0] = q.at;
        const changes = Array.from({ length: 64 }, (_, k) => {
          const angle = (2 * Math.PI * (k + 0.5)) / 64;
          return f(x0 + 1e-4 * Math.cos(angle), y0 + 1e-4 * Math.sin(angle)) - f(x0, y0);
        });
        if (q.kind === "minimum") expect(Math.min(...changes), text).toBeGreaterThan(-1e-12);
        if (q.kind === "maximum") expect(Math.max(...changes), text).toBeLessThan(1e-12);
      }
    }
  });

  it("in two variables with weights of both signs: every label agrees with f along 64 directions and the kinks (30 functions)", () => {
    const random = seededRandom(7);
    const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
    const s = new Session();
    let labelled = 0;
    for (let c = 0; c < 30; c++) {
      const lines = Array.from({ length: int(1, 3) }, () => [int(-2, 2), int(-2, 2), int(-1, 1), int(-2, 2)]).filter(
        ([a, b, , w]) => (a !== 0 || b !== 0) && w !== 0,
      );
      const [p, r, u] = [int(-2, 2), int(-2, 2), int(-2, 2)];
      const text = `${lines.map(([a, b, k, w]) => `${w} abs(${a} x + ${b} y + ${k})`).join(" + ")} + ${p} x^2 + ${r} y^2 + ${u} x y`;
      const f = (x: number, y: number) =>
        lines.reduce((sum, [a, b, k, w]) => sum + w * Math.abs(a * x + b * y + k), 0) +
        p * x * x +
        r * y * y +
        u * x * y;
      const { value } = run(s, `critical(${text})`);
      // 64 directions, and both ways along every kink line (where a saddle may rise only at second order).
      const directions = [
        ...Array.from({ length: 64 }, (_, k) => (2 * Math.PI * (k + 0.5)) / 64).map((t) => [Math.cos(t), Math.sin(t)]),
        ...lines.flatMap(([a, b]) => [
          [b / Math.hypot(a, b), -a / Math.hypot(a, b)],
          [-b / Math.hypot(a, b), a / Math.hypot(a, b)],
        ]),
      ];
      for (const q of reported(value, ["x", "y"])) {
        const [x0, y0] = q.at;
        const changes = directions.map(([dx, dy]) => f(x0 + 1e-4 * dx, y0 + 1e-4 * dy) - f(x0, y0));
        const [low, high] = [Math.min(...changes), Math.max(...changes)];
        if (q.kind === "minimum") expect(low, `${text} at ${q.at}`).toBeGreaterThan(-1e-12);
        if (q.kind === "maximum") expect(high, `${text} at ${q.at}`).toBeLessThan(1e-12);
        if (q.kind === "saddle point" || q.kind === "not an extremum") {
          expect(low, `${text} at ${q.at}`).toBeLessThan(0);
          expect(high, `${text} at ${q.at}`).toBeGreaterThan(0);
        }
        if (q.kind !== "degenerate") labelled++;
      }
    }
    expect(labelled).toBeGreaterThan(15);
  });
});
