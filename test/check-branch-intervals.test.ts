// The interval bounds that show a branch is never taken (check/intervals.ts) must hold for the exact
// value at every point of the box. Generated expressions over the operators the bounds know, on
// boxes of several sizes and places: every value at points inside, computed at 40 digits, lies
// within the bounds; and ends that are exact stay exact (sin(x) − 1 is ≤ 0, not ≤ 10⁻³²⁴).
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";
import type { Node } from "../src/graph/node.js";
import { freeSymbols } from "../src/graph/traverse.js";
import { Rational } from "../src/numeric/rational.js";
import { evaluatePrecise } from "../src/engine/check/precise.js";
import { type Interval, bounds } from "../src/engine/check/intervals.js";
import { random } from "../src/engine/check/points.js";

const LEAVES = ["x", "y", "2", "1/3", "0.7", "pi", "-5"];
const UNARY = [
  "sin",
  "cos",
  "exp",
  "log",
  "sqrt",
  "abs",
  "relu",
  "step",
  "sign",
  "tanh",
  "sigmoid",
  "atan",
  "hardtanh",
];
const BINARY = ["+", "-", "*", "/", "max", "min"];

function expression(next: () => number, depth: number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
  if (depth === 0 || next() < 0.2) return pick(LEAVES);
  const r = next();
  if (r < 0.4) return `${pick(UNARY)}(${expression(next, depth - 1)})`;
  if (r < 0.5) return `(${expression(next, depth - 1)})^${pick(["2", "3", "-1", "1/2", "4"])}`;
  const op = pick(BINARY);
  const [a, b] = [expression(next, depth - 1), expression(next, depth - 1)];
  return op === "max" || op === "min" ? `${op}(${a}, ${b})` : `(${a}) ${op} (${b})`;
}

const BOXES: [number, number][] = [
  [-1, 1],
  [0.5, 0.5000001],
  [-100, -3],
  [2, 1e4],
  [-Infinity, 0],
  [-Infinity, Infinity],
];

/** A point inside [lo, hi] as an exact decimal (unbounded ends stand at ±10⁴). */
function inside(next: () => number, [lo, hi]: [number, number]): Rational {
  const a = Number.isFinite(lo) ? lo : -1e4;
  const b = Number.isFinite(hi) ? hi : 1e4;
  const t = Math.min(b, Math.max(a, a + (b - a) * next()));
  return Rational.fromFloat(t);
}

describe("interval bounds", () => {
  it("hold every exact value inside the box, for generated expressions", () => {
    const s = new Session();
    const next = random(20261201);
    const wrong: string[] = [];
    for (let k = 0; k < 150; k++) {
      const code = expression(next, 4);
      const r = s.run(code)[0] as { value?: Node };
      const node = r.value;
      if (!node || node.shape.length > 0) continue;
      const vars = freeSymbols(node);
      for (const [lo, hi] of BOXES) {
        const box = new Map<Node, Interval>(vars.map((v) => [v, { lo, hi }]));
        const b = bounds(node, box);
        for (let i = 0; i < 6; i++) {
          const point = new Map(vars.map((v) => [v as Node, inside(next, [lo, hi])]));
          const value = evaluatePrecise(node, point, 40);
          if (typeof value === "string") continue;
          const v = value.d.toNumber();
          if (!(v >= b.lo && v <= b.hi) && Number.isFinite(v))
            wrong.push(
              `${code} on [${lo}, ${hi}] at ${[...point.values()].join(", ")}: ${v} not in [${b.lo}, ${b.hi}]`,
            );
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it("keep exact ends exact", () => {
    const s = new Session();
    const whole = new Map<Node, Interval>();
    for (const [code, hi] of [
      ["sin(x) - 1", 0],
      ["sin(x^3) - 1", 0],
      ["exp(-x^2) - 1", 0],
      ["cos(x) + cos(y) - 2", 0],
      ["-(x^2) - 1", -1],
      ["sigmoid(x) - 1", 0],
    ] as const) {
      const node = (s.run(code)[0] as { value?: Node }).value!;
      expect(bounds(node, whole).hi, code).toBe(hi);
    }
  });
});
