// Reduced lex Gröbner bases over ℚ (src/engine/solve/groebner.ts) against SymPy's on generated
// systems: the basis is unique, so every polynomial and every coefficient must agree.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { groebner, type Polynomial } from "../../src/engine/solve/groebner.js";
import { Rational } from "../../src/numeric/rational.js";
import { seededRandom } from "../helpers/random.js";

const PYTHON = "/usr/bin/python3";
const sympyAvailable = spawnSync(PYTHON, ["-c", "import sympy"]).status === 0;

type Terms = [number[], string][];

function askSympy(systems: { n: number; polys: Terms[] }[]): Terms[][] {
  const r = spawnSync(PYTHON, [join(import.meta.dirname, "../oracle/groebner_oracle.py")], {
    input: JSON.stringify({ systems }),
    encoding: "utf8",
    timeout: 600_000,
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0) throw new Error(`SymPy failed: ${r.stderr.slice(-2000)}`);
  return (JSON.parse(r.stdout) as { bases: Terms[][] }).bases;
}

/** n variables, a few polynomials of degree ≤ 2 with small coefficients; like terms may repeat, as typed. */
function generateSystems(count: number, seed: number): { n: number; polys: Terms[] }[] {
  const next = seededRandom(seed);
  const pick = (k: number) => Math.floor(next() * k);
  return Array.from({ length: count }, () => {
    const n = 2 + pick(2);
    const polys = Array.from({ length: 2 + pick(2) }, () =>
      Array.from({ length: 1 + pick(4) }, (): [number[], string] => {
        const m = new Array<number>(n).fill(0);
        for (let d = pick(3); d > 0; d--) m[pick(n)]++;
        const c = pick(9) - 4;
        return [m, pick(4) === 0 ? `${c}/${1 + pick(3)}` : String(c)];
      }),
    );
    return { n, polys };
  });
}

const rational = (text: string) => {
  const [num, den = "1"] = text.split("/");
  return Rational.of(BigInt(num), BigInt(den));
};
const asPolynomial = (terms: Terms): Polynomial => terms.map(([m, c]) => ({ m: [...m], c: rational(c) }));
const asTerms = (p: Polynomial): Terms => p.map((t) => [t.m, t.c.toString()]);

describe.skipIf(!sympyAvailable)("Gröbner bases against SymPy's", () => {
  it("agree on 300 generated systems in 2 and 3 variables, repeated and cancelling terms included", () => {
    const systems = generateSystems(300, 18);
    const expected = askSympy(systems);
    systems.forEach((system, k) => {
      const basis = groebner(system.polys.map(asPolynomial));
      expect({ system, basis: basis.map(asTerms) }).toEqual({ system, basis: expected[k] });
    });
  });

  it("give the Lagrange system of abc on a + b + c = 3 its triangular form", () => {
    // bc − λ, ac − λ, ab − λ, a + b + c − 3 in a > b > c > λ
    const system: Terms[] = [
      [
        [[0, 1, 1, 0], "1"],
        [[0, 0, 0, 1], "-1"],
      ],
      [
        [[1, 0, 1, 0], "1"],
        [[0, 0, 0, 1], "-1"],
      ],
      [
        [[1, 1, 0, 0], "1"],
        [[0, 0, 0, 1], "-1"],
      ],
      [
        [[1, 0, 0, 0], "1"],
        [[0, 1, 0, 0], "1"],
        [[0, 0, 1, 0], "1"],
        [[0, 0, 0, 0], "-3"],
      ],
    ];
    const basis = groebner(system.map(asPolynomial)).map(asTerms);
    expect(basis).toEqual(askSympy([{ n: 4, polys: system }])[0]);
    // The last is λ² − λ: λ is 0 (the saddles on the axes) or 1 (a = b = c = 1).
    expect(basis.at(-1)).toEqual([
      [[0, 0, 0, 2], "1"],
      [[0, 0, 0, 1], "-1"],
    ]);
  });
});
