// A sampled "equivalent" needs every side of every branch of the piecewise functions compared.
// `check relu(sin(x) + sin(√2 x) − 1.9999) == 0` was "equivalent (not proved: equal at 60 points)":
// the argument is positive only on short intervals where both sines are near 1 at once (x ≈ 45.54,
// 485.4, …), and no point tried fell there, so the branch where relu is not 0 was never compared. An
// analytic difference cannot hide so; a branch can. Now each side of each branch argument (abs,
// relu, leaky_relu, sign, step, hardtanh, max, min) must be taken at a compared point, be shown never
// to be taken (interval bounds, signs, exact roots), or be found by a search aimed at it and compared
// there; otherwise the verdict is undecided and names the branch.
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";
import type { Node } from "../src/graph/node.js";
import { evaluatePrecise, signOf } from "../src/engine/check/precise.js";

/** Functions with their largest value, reached (or nearly) only where two waves are in phase. */
const PEAKED: [string, number][] = [
  ["sin(x) + sin(√2 x)", 2],
  ["cos(x) + cos(√3 x)", 2],
  ["sin(x) + sin(√5 x)", 2],
  ["sin(x) + sin(√2 x) + sin(y)", 3],
];
/** How far below the top the level is: the bump is narrower, and further out, the smaller the depth. */
const DEPTHS = ["1e-4", "1e-11"];

/** Pairs that differ exactly where g > level, for a piece of every kind. */
const HIDDEN = [
  (g: string, c: string) => [`relu(${g} - ${c})`, "0"],
  (g: string, c: string) => [`step(${g} - ${c})`, "0"],
  (g: string, c: string) => [`max(${g}, ${c})`, c],
  (g: string, c: string) => [`min(${g}, ${c})`, g],
  (g: string, c: string) => [`abs(${g} - ${c})`, `${c} - (${g})`],
  (g: string, c: string) => [`sign(${g} - ${c})`, "-1"],
  (g: string, c: string) => [`relu(relu(${g} - ${c}))`, "0"],
  (g: string, c: string) => [`step(-relu(${g} - ${c}))`, "1"],
  (g: string, c: string) => [`relu(${g} - ${c}) + x`, "x"],
  // A root of an even power is |v| (or a power of it): piecewise without a piecewise function.
  (g: string, c: string) => [`sqrt((${g} - ${c})^2)`, `${c} - (${g})`],
];

const level = (top: number, depth: string) => `(${top} - ${depth})`;

/** Whether a − b is certainly nonzero at the counterexample (its coordinates put in exactly), to 100 digits. */
function differAt(a: string, b: string, counterexample: Record<string, string>): boolean {
  const at = new Session();
  for (const [name, value] of Object.entries(counterexample)) at.run(`${name} = ${value}`);
  const gap = (at.run(`(${a}) - (${b})`)[0] as { value?: Node }).value!;
  const v = evaluatePrecise(gap, new Map(), 100);
  return typeof v !== "string" && signOf(v) !== null && signOf(v) !== 0;
}

describe("a branch never taken at the points compared", () => {
  it("is never called equivalent: a difference there is found, or the verdict is undecided and names it", () => {
    const s = new Session();
    const wrong: string[] = [];
    let found = 0;
    for (const [g, top] of PEAKED)
      for (const depth of DEPTHS)
        for (const form of HIDDEN) {
          const [a, b] = form(g, level(top, depth));
          const code = `check ${a} == ${b}`;
          const r = s.run(code)[0];
          if (r.verdict === "not equivalent") {
            found++;
            if (!r.counterexample || !differAt(a, b, r.counterexample)) wrong.push(`${code}: ${r.pretty}`);
          } else if (
            r.verdict !== "undecided" ||
            !/((relu|step|max|min|abs|sign)'s argument|in √).* was never/.test(r.pretty)
          )
            wrong.push(`${code}: ${r.pretty}`);
        }
    expect(wrong).toEqual([]);
    // The shallow bumps of one variable are found by the search aimed at them.
    expect(found).toBeGreaterThan(PEAKED.length * HIDDEN.length);
  }, 600_000);

  it("finds the bump of relu(sin(x) + sin(√2 x) − 1.9999), near x = 45.54", () => {
    const s = new Session();
    const r = s.run("check relu(sin(x) + sin(√2 x) − 1.9999) == 0")[0];
    expect(r.verdict).toBe("not equivalent");
    const x = Number(r.counterexample!.x);
    expect(Math.sin(x) + Math.sin(Math.SQRT2 * x)).toBeGreaterThan(1.9999);
  });

  it("names the branch and the side when none is found", () => {
    const s = new Session();
    const cases: [string, RegExp][] = [
      ["relu(sin(x) + sin(√2 x) - 1.99999999999) == 0", /relu's argument sin\(x\) \+ sin\(√2 x\).* was never positive/],
      ["max(sin(x) + sin(√2 x), 1.99999999999) == 1.99999999999", /max's argument .* was never greater than/],
      ["step(1.99999999999 - sin(x) - sin(√2 x)) == 1", /step's argument .* was never negative/],
      [
        "sqrt((sin(x) + sin(√2 x) - 1.99999999999)^2) == 1.99999999999 - sin(x) - sin(√2 x)",
        /in √.* was never positive/,
      ],
    ];
    for (const [code, reason] of cases) {
      const r = s.run(`check ${code}`)[0];
      expect(r.verdict, code).toBe("undecided");
      expect(r.pretty, code).toMatch(reason);
      expect(r.pretty, code).toMatch(/the two sides were not compared/);
    }
  }, 60_000);

  it("in several variables, far out and under conditions", () => {
    const s = new Session();
    for (const code of [
      "check relu(x + y - 1e6) == 0",
      "check relu(x y - 1e12) == 0",
      "check relu(sin(x) + sin(√2 y) - 1.9999) == 0",
      "check max(x, y, 1e6) == 1e6",
      "check relu(sin(x) + sin(√2 x) - 1.9999) == 0 for x > 0",
      "check relu(sin(x) + sin(√2 x) - 1.9999) == 0 for x > 10, x < 100",
      "check relu(sin(x) + sin(y) - 1.9999) == 0 for x > y + 1",
      "check abs(x - y) == x - y for x > y - 1e-6",
    ])
      expect(s.run(code)[0].verdict, code).toBe("not equivalent");
  }, 60_000);
});

/** Arguments of several kinds, for identities that hold whatever their sign. */
const ARGUMENTS = ["x", "x - 3", "x^2 - 2", "sin(x)", "x y - 1", "x + y", "exp(x) - 5"];
/** Identities of pieces, U standing for the argument. */
const IDENTITIES = [
  "relu(U) == (U + abs(U))/2",
  "max(U, 1) == (U + 1 + abs(U - 1))/2",
  "min(U, 0) == (U - abs(U))/2",
  "abs(U)^2 == (U)^2",
  "relu(U) - relu(-(U)) == U",
  "sign(U) abs(U) == U",
  "step(U) (U) == relu(U)",
  "hardtanh(U) == max(-1, min(1, U))",
  "leaky_relu(U, 0.1) == max(U, 0.1 (U))",
  "sqrt((U)^2) == abs(U)",
  "((U)^2)^(1/6) == abs(U)^(1/3)",
];

describe("branches taken on both sides", () => {
  it("leave true identities equivalent", () => {
    const s = new Session();
    const wrong: string[] = [];
    for (const identity of IDENTITIES)
      for (const u of ARGUMENTS) {
        const code = `check ${identity.replaceAll("U", `(${u})`)}`;
        const r = s.run(code)[0];
        if (r.verdict !== "equivalent") wrong.push(`${code}: ${r.pretty}`);
      }
    expect(wrong).toEqual([]);
  }, 300_000);

  it("leave an identity equivalent where the search finds the narrow branch and compares there", () => {
    const s = new Session();
    const g = "sin(x) + sin(√2 x) - 1.9999";
    expect(s.run(`check relu(${g}) == (${g} + abs(${g}))/2`)[0].verdict).toBe("equivalent");
  });
});

describe("a branch shown never to be taken", () => {
  it("does not stand in the way of equivalence", () => {
    const s = new Session();
    const wrong: string[] = [];
    for (const code of [
      // Signs of the parts.
      "relu(-x^2 - 1) == 0",
      "abs(x^2 + 1) == x^2 + 1",
      "relu(-exp(x)) == 0",
      // Interval bounds, on pieces of the line where needed.
      "relu(sin(x) - 2) == 0",
      "relu(sin(x) + sin(√2 x) - 2) == 0",
      "relu(exp(-x^2) - 1) == 0",
      "max(sin(x^2), 1) == 1",
      "relu(exp(-x^2) sin(x) - 0.5) == 0",
      "relu(sin(x) exp(-x^2/100) - 0.99) == 0",
      "relu(x^2 + y^2 + 2x + 5) == x^2 + y^2 + 2x + 5",
      "relu(sin(x) + sin(√2 x) - 1.9999) == 0 for x > 0, x < 40",
      // Exact roots of a polynomial argument.
      "relu(-x^2 + 2x - 1) == 0",
      "step(x^2 + 2x + 4) == 1",
      "min(x^2 - 6x + 10, 1) == 1",
      // An argument that is 0 in canonical form, or a number once expanded.
      "relu(sin(x)^2 + cos(x)^2 - 1) == 0",
      "max(x, x + 1e-30) == x + 1e-30",
      // The conditions.
      "relu(-x) == 0 for x > 0",
      "abs(x) == x for x >= 0",
      // Conditions between variables.
      "abs(x - y) == x - y for x > y",
      "relu(y - x) == 0 for x >= y",
      "max(x, y) == x for x > y",
      // A relation's indicator: sign(d) inside abs.
      "(x^2 + 2x + 1 <= -3) == (x^2 + 2x + 1 < -3)",
    ]) {
      const r = s.run(`check ${code}`)[0];
      if (r.verdict !== "equivalent") wrong.push(`${code}: ${r.pretty}`);
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it("keeps proofs as they were", () => {
    const s = new Session();
    for (const code of [
      "sin(x)^2 + cos(x)^2 + relu(sin(x) + sin(√2 x) - 1.9999) == 1 + relu(sin(x) + sin(√2 x) - 1.9999)",
      "relu(x - 1)^2 - 1 == (relu(x - 1) - 1)(relu(x - 1) + 1)",
      "step(-x^2 + 2x - 1) == step(-(x - 1)^2)",
    ]) {
      const r = s.run(`check ${code}`)[0];
      expect([r.verdict, r.method], code).toEqual(["equivalent", "proof"]);
    }
  });
});
