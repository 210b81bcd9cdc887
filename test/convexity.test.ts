// convex(f) is never wrong: a "true" is never refuted by a numeric search for a midpoint above a
// chord, and a "false" carries a witness — two points whose midpoint value lies above the chord (or
// outside the domain) — which the test re-evaluates on its own. Generated compositions of the
// non-smooth atoms (abs, relu, max, min, leaky_relu, hardtanh, norms) with smooth ones.
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";
import type { Node } from "../src/graph/node.js";
import { sym } from "../src/graph/construct.js";
import { evaluateAt } from "../src/engine/numeric-eval.js";
import { seededRandom } from "./helpers/random.js";

function convex(s: Session, f: string): { answer: string; reason: string } {
  const [r] = s.run(`convex(${f})`);
  if (r.status !== "ok" || r.value?.kind !== "record") throw new Error(`convex(${f}): ${r.error?.message}`);
  const get = (name: string) =>
    ((r.value as Node & { kind: "record" }).fields.find((x) => x.name === name)!.value as { value: string }).value;
  return { answer: get("convex"), reason: get("reason") };
}

function value(s: Session, f: string): Node {
  const [r] = s.run(f);
  if (r.status !== "ok" || !r.value) throw new Error(`${f}: ${r.error?.message}`);
  return r.value;
}

/** −23/64, 0.25, −1.5e-3 (Unicode minus as printed). */
function parseNumber(text: string): number {
  const t = text.replace(/−/g, "-").trim();
  if (t.includes("/")) {
    const [a, b] = t.split("/");
    return Number(a) / Number(b);
  }
  return Number(t);
}

/** The variables and the two points of a witness: "at x = a and x = b" or "at (x, y) = (a, b) and (x, y) = (c, d)". */
function witnessPoints(reason: string): { names: string[]; points: number[][] } | null {
  const point = String.raw`(?:\(([^)]*)\) = \(([^)]*)\)|(\w+) = (\S+?))`;
  const m = reason.match(new RegExp(`(?:at|defined at) ${point} and ${point}(?: the| but|,|$)`, "u"));
  if (!m) return null;
  const names = m[1] !== undefined ? m[1].split(",").map((v) => v.trim()) : [m[3]];
  const first = m[2] !== undefined ? m[2].split(",").map(parseNumber) : [parseNumber(m[4])];
  const second = m[6] !== undefined ? m[6].split(",").map(parseNumber) : [parseNumber(m[8])];
  return { names, points: [first, second] };
}

const ATOMS: ((a: string, b: string, next: () => number) => string)[] = [
  (a) => `abs(${a})`,
  (a) => `relu(${a})`,
  (a, b) => `max(${a}, ${b})`,
  (a, b) => `min(${a}, ${b})`,
  (a) => `-(${a})`,
  (a, b) => `${a} + ${b}`,
  (a) => `(${a})^2`,
  (a) => `exp(${a})`,
  (a, _b, next) => `leaky_relu(${a}, ${[0.1, 0.5, 2, -0.5][Math.floor(next() * 4)]})`,
  (a) => `hardtanh(${a})`,
  (a, b) => `‖[${a}, ${b}]‖`,
  (a) => `softplus(${a})`,
  (a, _b, next) => `${[2, -3, 1 / 2][Math.floor(next() * 3)]} (${a})`,
];

const AFFINE = ["x", "y", "x - y", "2x + 1", "y - 3", "x + y", "-x", "1 - y", "x/2 + y"];

function composition(next: () => number, depth: number): string {
  if (depth === 0 || next() < 0.25) return AFFINE[Math.floor(next() * AFFINE.length)];
  const atom = ATOMS[Math.floor(next() * ATOMS.length)];
  return atom(composition(next, depth - 1), composition(next, depth - 1), next);
}

/** The largest f(midpoint) − chord over random pairs (positive: not convex). */
function worstMidpoint(f: Node, next: () => number): number {
  const xs = [sym("x"), sym("y")];
  const at = (p: number[]) => evaluateAt(f, new Map(xs.map((x, i) => [x, p[i]])));
  let worst = -Infinity;
  for (let k = 0; k < 1500; k++) {
    const scale = [1, 5, 0.1][k % 3];
    const a = [next(), next()].map((v) => (v * 2 - 1) * scale);
    const b = [next(), next()].map((v) => (v * 2 - 1) * scale);
    const [fa, fb, fm] = [at(a), at(b), at(a.map((v, i) => (v + b[i]) / 2))];
    if (!Number.isFinite(fa) || !Number.isFinite(fb) || !Number.isFinite(fm)) continue;
    worst = Math.max(worst, (fm - (fa + fb) / 2) / Math.max(1, Math.abs(fa), Math.abs(fb)));
  }
  return worst;
}

describe("convex is sound", () => {
  it("the issue's cases are not convex, with a witness", () => {
    const s = new Session();
    for (const f of ["-abs(x)", "-relu(x)", "min(x, y)", "x^3", "hardtanh(x)", "sin(x)", "1/x", "x y"]) {
      const v = convex(s, f);
      expect(v.answer, f).toBe("false");
      expect(witnessPoints(v.reason), `${f}: ${v.reason}`).not.toBeNull();
    }
  });

  it("convex compositions are proved", () => {
    const s = new Session();
    for (const f of [
      "abs(x)",
      "relu(x - 1) + max(x, 2y)",
      "‖[x, y]‖",
      "x^2 + y^2",
      "exp(x) + x^4",
      "log(exp(x) + exp(y))",
      "-log(x)",
      "-sqrt(x)",
      "leaky_relu(x, 0.1)",
      "max(abs(x), y^2)",
      "x^4 - 4x^3 + 6x^2",
      "softplus(x - y)",
      "(abs(x) + 1)^2",
    ]) {
      expect(convex(s, f).answer, f).toBe("true");
    }
  });

  const next = seededRandom(777);
  const cases = Array.from({ length: 100 }, () => composition(next, 3));
  it(`${cases.length} generated compositions: no "true" refuted, every "false" with a witness that holds`, () => {
    const s = new Session();
    const failures: string[] = [];
    let decided = 0;
    for (const f of cases) {
      const verdict = convex(s, f);
      const node = value(s, f);
      if (verdict.answer === "true") {
        decided++;
        const worst = worstMidpoint(node, next);
        if (worst > 1e-9) failures.push(`${f}: said convex, but a midpoint lies ${worst} above a chord`);
      } else if (verdict.answer === "false") {
        decided++;
        const points = witnessPoints(verdict.reason);
        if (!points) {
          failures.push(`${f}: said not convex without a witness (${verdict.reason})`);
          continue;
        }
        const xs = points.names.map((v) => sym(v));
        const at = (p: number[]) => evaluateAt(node, new Map(xs.map((x, i) => [x, p[i]])));
        const [a, b] = points.points;
        const m = a.map((v, i) => (v + b[i]) / 2);
        const [fa, fb, fm] = [at(a), at(b), at(m)];
        const holds = Number.isFinite(fa) && Number.isFinite(fb) && (!Number.isFinite(fm) || fm > (fa + fb) / 2);
        if (!holds) failures.push(`${f}: the witness does not hold (${verdict.reason})`);
      }
    }
    expect(failures).toEqual([]);
    expect(decided).toBeGreaterThan(cases.length * 0.8);
  }, 120_000);
});
