// Polynomial equations whose coefficients are exact but not rational (π, e, √2, log 2) are solved in
// closed form: x² = π is x = ±√π, not two floats found by Newton's method in [−10, 10]. Generated
// families (x² = c, x³ = c, x⁴ = c, (x − c₁)(x − c₂) = 0, a x² + b x + c = 0, eˣ = c, log x = c) are
// compared with SymPy's real roots, each answer must print exactly (no float, no "numeric roots"),
// and each root, put back into its equation by Nabla's own check, must give 0.
import { spawnSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { Session } from "../src/session.js";
import type { Node } from "../src/graph/node.js";
import { evaluatePrecise } from "../src/engine/check/precise.js";
import { toText } from "../src/graph/print/forms.js";

const PYTHON = "/usr/bin/python3";
const sympyAvailable = spawnSync(PYTHON, ["-c", "import sympy"]).status === 0;

/** The real roots of each expression = 0 in x, by SymPy's solve, as 30-digit decimals, sorted. */
const ORACLE = `
import json, sys
from sympy import E, I, Rational, S, exp, im, log, pi, re, solve, sqrt, symbols, sympify, N
x = symbols("x")
out = []
for text in json.load(sys.stdin):
    e = sympify(text, locals={"x": x, "E": E, "pi": pi})
    roots = []
    for r in solve(e, x, check=False, simplify=False):
        v = N(r, 60)
        if abs(im(v)) < 1e-40 * max(1, abs(v)):
            roots.append(re(v))
    out.append([str(N(r, 30)) for r in sorted(roots)])
print(json.dumps(out))
`;

function askSympy(expressions: string[]): number[][] {
  const r = spawnSync(PYTHON, ["-c", ORACLE], {
    input: JSON.stringify(expressions),
    encoding: "utf8",
    timeout: 600_000,
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0) throw new Error(`SymPy failed: ${r.stderr.slice(-2000)}`);
  return (JSON.parse(r.stdout) as string[][]).map((roots) => roots.map(Number));
}

/** The constants, as Nabla and as SymPy write them. */
const CONSTANTS: [string, string][] = [
  ["π", "pi"],
  ["e", "E"],
  ["√2", "sqrt(2)"],
  ["√3", "sqrt(3)"],
  ["2π", "2*pi"],
  ["π/2", "pi/2"],
  ["ln(2)", "log(2)"],
  ["π^2", "pi**2"],
  ["e^2", "exp(2)"],
  ["-π", "-pi"],
  ["1 + √2", "1 + sqrt(2)"],
  ["π - 3", "pi - 3"],
  ["3 - π", "3 - pi"],
  ["-e", "-E"],
  ["√2 - 3/2", "sqrt(2) - Rational(3, 2)"],
  ["π - 355/113", "pi - Rational(355, 113)"],
  ["1/π", "1/pi"],
  ["ln(3) - 1", "log(3) - 1"],
  ["√π", "sqrt(pi)"],
  ["e π", "E*pi"],
];

interface Case {
  nabla: string;
  sympy: string;
}

function cases(): Case[] {
  const out: Case[] = [];
  const add = (nabla: string, sympy: string) => out.push({ nabla, sympy });
  for (const [c, s] of CONSTANTS) {
    add(`solve(x^2 = ${c}, x)`, `x**2 - (${s})`);
    add(`solve(x^2 - (${c}) = 0, x)`, `x**2 - (${s})`);
    add(`solve(x^3 = ${c}, x)`, `x**3 - (${s})`);
    add(`solve(x^4 = ${c}, x)`, `x**4 - (${s})`);
    add(`solve(x^5 = ${c}, x)`, `x**5 - (${s})`);
    add(`solve(e^x = ${c}, x)`, `exp(x) - (${s})`);
    add(`solve(ln(x) = ${c}, x)`, `log(x) - (${s})`);
    add(`solve((${c}) x = 1, x)`, `(${s})*x - 1`);
  }
  for (let i = 0; i < CONSTANTS.length; i += 2)
    for (let j = i; j < CONSTANTS.length; j += 3) {
      const [[c1, s1], [c2, s2]] = [CONSTANTS[i], CONSTANTS[j]];
      add(`solve((x - (${c1}))(x - (${c2})) = 0, x)`, `(x - (${s1}))*(x - (${s2}))`);
      if ((i + j) % 2 === 0) add(`solve(x^4 - (${c1})x^2 + (${c2}) = 0, x)`, `x**4 - (${s1})*x**2 + (${s2})`);
    }
  const A = CONSTANTS.filter((_, i) => i % 4 === 0);
  const B = CONSTANTS.filter((_, i) => i % 3 === 1);
  const K = CONSTANTS.filter((_, i) => i % 3 === 2);
  A.forEach(([a, sa], ia) =>
    B.forEach(([b, sb], ib) =>
      K.forEach(([k, sk], ik) => {
        if ((ia + ib + ik) % 2 === 0)
          add(`solve((${a}) x^2 + (${b}) x + (${k}) = 0, x)`, `(${sa})*x**2 + (${sb})*x + (${sk})`);
      }),
    ),
  );
  return out;
}

/** The values of `x = …` in a solve's answer, in floats, sorted; the answer as shown beside them. */
function answer(code: string): { text: string; roots: Node[]; values: number[] } {
  const [r] = new Session().run(code);
  if (r.status !== "ok" || !r.value) throw new Error(`${code}: ${r.error?.message}`);
  // The solutions struct: its first field holds one tuple of `x = …` per solution.
  const items = (r.value as Node & { kind: "record" }).fields[0].value as Node & { kind: "tuple" };
  const roots = items.items.flatMap((set) =>
    (set as Node & { kind: "tuple" }).items.map((rel) => (rel as Node & { kind: "rel" }).right),
  );
  return { text: r.pretty, roots, values: roots.map(precise).sort((a, b) => a - b) };
}

/** A root's value to 40 digits, rounded to a double: 1/(π − 355/113) in floats is off in its 9th digit. */
function precise(root: Node): number {
  const v = evaluatePrecise(root, new Map(), 40);
  return typeof v === "string" ? NaN : v.d.toNumber();
}

/** No float and no note of a numeric search: every root a closed form. */
function expectExact(code: string, text: string): void {
  expect(text, code).not.toMatch(/numeric|Newton|\d\.\d/);
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

/** The equation of a `solve(lhs = rhs, x)` as a function, and `check f(root) == 0` for each root. */
function expectRootsCheckOut(code: string, roots: readonly Node[]): void {
  const m = /^solve\((.*) = (.*), x\)$/.exec(code);
  if (!m) throw new Error(code);
  const s = new Session();
  s.run(`f(x) = (${m[1]}) - (${m[2]})`);
  for (const root of roots) {
    const [r] = s.run(`check f(${toText(root)}) == 0`);
    expect(r.text, `${code} at x = ${toText(root)}`).toMatch(/^✓ equivalent/);
  }
}

describe.skipIf(!sympyAvailable)("exact constants against SymPy", () => {
  const all = cases();
  // One SymPy run for every case (about 25 s), before the first of them.
  let expected: number[][] = [];
  beforeAll(() => {
    expected = askSympy(all.map((c) => c.sympy));
  }, 600_000);

  it.each(all.map((c, i) => [c.nabla, i] as const))("%s: SymPy's real roots, exactly", (code, i) => {
    const got = answer(code);
    const want = expected[i];
    expect(got.values.length, `${code}: ${got.text} against ${want.join(", ")}`).toBe(want.length);
    got.values.forEach((g, k) => expect(close(g, want[k]), `${code}: ${g} against ${want[k]}`).toBe(true));
    expectExact(code, got.text);
    expectRootsCheckOut(code, got.roots);
  });
});

describe("the discriminant's sign, decided exactly", () => {
  it.each([
    ["solve(x^2 - 2√2 x + 2 = 0, x)", "x = √2"],
    ["solve(x^2 - 2π x + π^2 = 0, x)", "x = π"],
    ["solve((x - e)^2 = 0, x)", "x = e"],
    ["solve(x^2 + 2e x + e^2 = 0, x)", "x = −e"],
    ["solve(x^4 - 2π x^2 + π^2 = 0, x)", "x = −√(π), x = √(π)"],
  ])("%s: a double root, once", (code, text) => {
    const got = answer(code);
    expect(got.text).toBe(text);
    expectRootsCheckOut(code, got.roots);
  });

  it.each([
    "solve(x^2 + π = 0, x)",
    "solve(x^4 = -π, x)",
    "solve(x^2 + x + π = 0, x)",
    "solve(e^x = 3 - π, x)",
    "solve(x^2 - 2·1414213562/10^9·x + 2 = 0, x)",
    "solve(x^2 - 2π x + 314159265358980/10^14·π = 0, x)",
  ])("%s: no real solution", (code) => {
    expect(answer(code).text).toBe("no real solution");
  });

  it.each([
    // 4π(π − 3.14159265358979): about 4·10⁻¹⁴ against 4π², which rounding would call 0.
    ["solve(x^2 - 2π x + 314159265358979/10^14·π = 0, x)", Math.PI],
    ["solve(x^2 - 2·1414213563/10^9·x + 2 = 0, x)", Math.SQRT2],
    ["solve(x^2 - 2(√2 + 10^-20) x + 2 = 0, x)", Math.SQRT2],
  ] as [string, number][])("%s: a discriminant barely above 0 gives two roots", (code, near) => {
    const got = answer(code);
    expect(got.values).toHaveLength(2);
    expect(got.values[0]).not.toBe(got.values[1]);
    for (const v of got.values) expect(Math.abs(v - near)).toBeLessThan(1e-4);
    expectExact(code, got.text);
    expectRootsCheckOut(code, got.roots);
  });

  it.each(["solve(x^2 = ln(2) + ln(3) - ln(6), x)", "solve((ln(2) + ln(3) - ln(6)) x = 1, x)"])(
    "%s: says so when a sign cannot be decided (0 to 640 digits, not simplified), rather than guessing",
    (code) => {
      const [r] = new Session().run(code);
      expect(r.status).toBe("error");
      expect(r.error?.message).toMatch(/could not decide .* undecided/);
    },
  );
});

describe("closed forms", () => {
  it.each([
    ["solve(x^2 = π, x)", "x = −√(π), x = √(π)"],
    ["solve(x^2 = 4π, x)", "x = −2 √(π), x = 2 √(π)"],
    ["solve(x^2 = π^2, x)", "x = −π, x = π"],
    ["solve(x^2 = e^2, x)", "x = −e, x = e"],
    ["solve(x^3 = -π, x)", "x = −∛(π)"],
    ["solve(x^3 - π x = 0, x)", "x = −√(π), x = 0, x = √(π)"],
    ["solve(x^6 - 3π x^3 + 2π^2 = 0, x)", "x = ∛(π), x = ∛(2π)"],
    ["solve((x - π)^2 (x + e) = 0, x)", "x = −e, x = π"],
    ["solve(e^x = π, x)", "x = log(π)"],
    ["solve(ln(x) = π, x)", "x = exp(π)"],
    ["solve(3 e^(2x) - 5 = 0, x)", "x = log(5/3)/2"],
    ["solve(2^x = 8, x)", "x = 3"],
    ["solve(1/x = π, x)", "x = 1/π"],
    ["solve((x^2 - 2)/(x - √2) = 0, x)", "x = −√2"],
    // Over ℚ too: pure powers and biquadratics were numeric roots.
    ["solve(x^3 = 2, x)", "x = ∛2"],
    ["solve(x^4 - 5x^2 + 6 = 0, x)", "x = −√3, x = −√2, x = √2, x = √3"],
    ["solve(x^6 - 3x^3 + 2 = 0, x)", "x = 1, x = ∛2"],
  ])("%s", (code, text) => {
    expect(answer(code).text).toBe(text);
  });

  it("a root past the doubles: x³ = 10⁶⁰⁰ is x = 10²⁰⁰", () => {
    const got = answer("solve(x^3 = 10^600, x)");
    expect(got.text).toBe(`x = 1${"0".repeat(200)}`);
  });

  it("no closed form: every real root numerically, said so, with no box", () => {
    const got = answer("solve(x^5 + π x + 1 = 0, x)");
    expect(got.text).toMatch(/^x = −0\.317\d* \(numeric roots, to about 1e-12\)$/);
  });
});

describe("stationary points of one variable", () => {
  it.each([
    ["critical(x^3 - π x)", /^x = −√\(π\/3\): maximum, .*; x = √\(π\/3\): minimum, /],
    ["critical(exp(x) - π x)", /^x = log\(π\): minimum, /],
    // eˣ + 1 = 0 has no real solution: proved, where Newton's method had only found none in [−10, 10].
    ["critical(exp(x) + x)", /^no real stationary point$/],
  ] as [string, RegExp][])("%s", (code, shown) => {
    const [r] = new Session().run(code);
    expect(r.pretty).toMatch(shown);
  });
});

describe("free parameters", () => {
  it.each([
    ["solve(x^2 = a, x)", "x = −√a, x = √a (real where a ≥ 0)"],
    ["solve(x^3 = a, x)", "x = ∛(|a|) sign(a)"],
    ["solve(e^x = a, x)", "x = log(a) (real where a > 0)"],
    ["solve(ln(x) = a, x)", "x = exp(a)"],
    [
      "solve(a x^2 + b x + c = 0, x)",
      "x = −b/(2a) − √(b² − 4a c)/(2a), x = √(b² − 4a c)/(2a) − b/(2a) (real where b² − 4a c ≥ 0)",
    ],
  ])("%s", (code, text) => {
    expect(answer(code).text).toBe(text);
  });
});
