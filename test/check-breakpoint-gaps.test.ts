// Answers that differ from the key only between two breakpoints, or only near an argument's peak.
// `check (x ≤ 1) == (x < 1 + 10⁻³⁰)` was "equivalent": each side's breakpoints were tried, and beside
// them, but not between a root of one argument and a root of another. Now the roots of all the
// arguments along a line are put in order (those one double apart narrowed in precise arithmetic)
// and the shortest decimal between neighbours is tried. And `check relu(sin(x³) − 0.9999) == 0` was
// "equivalent": the scan for the argument's turns stopped at 8 "roots" of 3x² cos(x³) below 10⁻¹⁶²,
// where it underflows to 0. Now a run of zeros is one root at each end, a dip toward 0 between scanned
// points is refined by golden-section search to its top, and the scan goes in from 1 toward 0 as
// well as outward (sin(1/x)'s last bump is at 2/π). A top that floats see touching 0 is narrowed in
// precise arithmetic (relu(sin x − 1 + 10⁻⁴⁰) is positive only within 10⁻²⁰ of π/2). Every
// counterexample is re-evaluated here.
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";
import type { Node, Sym } from "../src/graph/node.js";
import { freeSymbols } from "../src/graph/traverse.js";
import { Rational } from "../src/numeric/rational.js";
import { evaluatePrecise, signOf } from "../src/engine/check/precise.js";

const GAPS = ["1e-3", "1e-12", "1e-30"];
const CENTRES = ["1", "-5/2", "1/3", "pi"];

/** Pairs that part only on an interval of width G at C (a relation, a step, a kink, a tent). */
const PARTED = [
  "(x <= C) == (x < C + G)",
  "(x > C) == (x >= C + G)",
  "step(x - C) == step(x - C - G)",
  "abs(x - C) + abs(x - C - G) == abs(2x - 2C - G)",
  "min(relu(x - C), relu(C + G - x)) == 0",
  "hardtanh((x - C)/G) == sign(x - C)",
];
/** Pairs with the same close breakpoints that are equal everywhere. */
const EQUAL = [
  "abs(x - C) + abs(x - C - G) == max(abs(2x - 2C - G), G)",
  "step(x - C) step(x - C - G) == step(x - C - G)",
  "min(relu(x - C), relu(C + G - x)) == relu(min(x - C, C + G - x))",
];

const fill = (form: string, c: string, gap: string) => form.replaceAll("C", `(${c})`).replaceAll("G", gap);

/** Arguments with their largest value: a bump of relu(f − level) is narrow when the level is near it. */
const PEAKS: [string, string][] = [
  ["sin(x^3)", "1"],
  ["sin(x^2)", "1"],
  ["cos(5x)", "1"],
  ["exp(-x^2)", "1"],
  ["sin(7x^3)", "1"],
  ["sin(1/x)", "1"],
  ["cos(x^2 - 10)", "1"],
  ["x exp(-x)", "exp(-1)"],
];
const SHALLOW = "1e-5";
const DEEP = "1e-40";

function point(counterexample: Record<string, string>, node: Node): Map<Node, Rational> {
  const at = new Map<Node, Rational>();
  for (const v of freeSymbols(node)) {
    const text = counterexample[(v as Sym).name];
    const negative = text.startsWith("-");
    const [p, q] = text.replace(/^-/, "").split("/");
    const magnitude = q ? Rational.of(BigInt(p), BigInt(q)) : Rational.parseDecimal(p);
    at.set(v, negative ? magnitude.neg() : magnitude);
  }
  return at;
}

/** Whether a − b is certainly nonzero at the counterexample, to 100 digits. */
function differAt(s: Session, a: string, b: string, counterexample: Record<string, string>): boolean {
  const [r] = s.run(`(${a}) - (${b})`);
  const node = (r as { value?: Node }).value!;
  const v = evaluatePrecise(node, point(counterexample, node), 100);
  return typeof v !== "string" && signOf(v) !== null && signOf(v) !== 0;
}

/** Whether the counterexample lies strictly between C and C + G. */
function inside(s: Session, c: string, gap: string, counterexample: Record<string, string>): boolean {
  const sign = (code: string) => {
    const node = (s.run(code)[0] as { value?: Node }).value!;
    const v = evaluatePrecise(node, point(counterexample, node), 100);
    return typeof v === "string" ? null : signOf(v);
  };
  return sign(`x - (${c})`) === 1 && sign(`x - (${c}) - ${gap}`) === -1;
}

describe("breakpoints of different arguments close together", () => {
  it("part answers that differ only between them, at a point between them", () => {
    const s = new Session();
    const wrong: string[] = [];
    for (const form of PARTED)
      for (const c of CENTRES)
        for (const gap of GAPS) {
          const code = `check ${fill(form, c, gap)}`;
          const r = s.run(code)[0];
          const [a, b] = fill(form, c, gap).split(" == ");
          const where = r.counterexample;
          const ok =
            r.verdict === "not equivalent" &&
            where !== undefined &&
            (a.includes("<") || a.includes(">") ? inside(s, c, gap, where) : differAt(s, a, b, where));
          if (!ok) wrong.push(`${code}: ${r.pretty}`);
        }
    expect(wrong).toEqual([]);
  }, 60_000);

  it("leave equal answers with the same close breakpoints equivalent", () => {
    const s = new Session();
    const wrong: string[] = [];
    for (const form of EQUAL)
      for (const c of CENTRES)
        for (const gap of GAPS) {
          const code = `check ${fill(form, c, gap)}`;
          const r = s.run(code)[0];
          if (r.verdict !== "equivalent") wrong.push(`${code}: ${r.pretty}`);
        }
    expect(wrong).toEqual([]);
  }, 60_000);

  it("tell roots one double apart from each other, and not from themselves", () => {
    const s = new Session();
    for (const [a, b] of [
      ["step(sin(x) - 1/2)", "step(sin(x) - 1/2 - 1e-30)"],
      ["(exp(x) <= 3)", "(exp(x) < 3 + 1e-30)"],
      ["step(x^2 - 2)", "step(x^2 - 2 - 1e-30)"],
      ["(x + y <= 1)", "(x + y < 1 + 1e-30)"],
    ])
      expect(s.run(`check ${a} == ${b}`)[0].verdict, `${a} == ${b}`).toBe("not equivalent");
    for (const [a, b] of [
      ["step(sin(x) - 1/2)", "step(2sin(x) - 1)"],
      ["(x <= pi)", "(x^3 <= pi^3)"],
    ])
      expect(s.run(`check ${a} == ${b}`)[0].verdict, `${a} == ${b}`).toBe("equivalent");
  }, 60_000);
});

describe("narrow bumps at an argument's peak", () => {
  it("are found, with a counterexample where the sides differ", () => {
    const s = new Session();
    const wrong: string[] = [];
    for (const [f, top] of PEAKS)
      for (const [a, b] of [
        [`relu(${f} - ${top} + ${SHALLOW})`, "0"],
        [`step(${f} - ${top} + ${SHALLOW})`, "0"],
        [`max(${f}, ${top} - ${SHALLOW})`, `${top} - ${SHALLOW}`],
        // Positive only within 10⁻²⁰ of the top: below what floats resolve.
        [`relu(${f} - ${top} + ${DEEP})`, "0"],
      ]) {
        const code = `check ${a} == ${b}`;
        const r = s.run(code)[0];
        if (r.verdict !== "not equivalent" || !r.counterexample || !differAt(s, a, b, r.counterexample))
          wrong.push(`${code}: ${r.pretty}`);
      }
    expect(wrong).toEqual([]);
  }, 60_000);

  it("are found in two variables and under other pieces", () => {
    const s = new Session();
    for (const code of [
      "check relu(sin(x^3) + sin(y) - 1.9999) == 0",
      "check hardtanh(1e6 (sin(x^3) - 0.9999)) == -1",
      "check leaky_relu(sin(x^3) - 0.9999, 0.1) == 0.1 (sin(x^3) - 0.9999)",
      "check relu(sin(x^3) - 0.9999) + x == x",
    ])
      expect(s.run(code)[0].verdict, code).toBe("not equivalent");
  });

  it("leave true identities of the same pieces equivalent", () => {
    const s = new Session();
    for (const [f, top] of PEAKS) {
      const g = `${f} - ${top} + 1e-4`;
      expect(s.run(`check relu(${g}) == (${g} + abs(${g}))/2`)[0].verdict, f).toBe("equivalent");
    }
  });

  it("leave tops that only touch 0 equivalent", () => {
    const s = new Session();
    for (const code of [
      "check relu(sin(x) - 1) == 0",
      "check relu(sin(x^3) - 1) == 0",
      "check relu(exp(-x^2) - 1) == 0",
      "check max(sin(x^2), 1) == 1",
    ])
      expect(s.run(code)[0].verdict, code).toBe("equivalent");
  });

  it("cost an answer with a spike its marks", () => {
    const s = new Session();
    s.run("q1 = 2x cos(x^2) + relu(sin(x^3) - 0.9999)");
    s.run("q2 = 2x cos(x^2) + 1e30 min(relu(x - 1), relu(1 + 1e-30 - x))");
    expect(s.run("expect q1 ≡ d/dx sin(x^2) points 2")[0].pretty).toMatch(/^✗ 0\/2 points/);
    expect(s.run("expect q2 ≡ d/dx sin(x^2) points 2")[0].pretty).toMatch(/^✗ 0\/2 points/);
  });
});
