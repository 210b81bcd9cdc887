// `check` of two equations: equivalent when one side-difference is a nonzero constant multiple of the
// other. The multiple is read exactly at a point and the differences compared in tiers, so an offset
// of 10⁻¹² is a difference (x + y = 1 against x + y = 1 + 10⁻¹² was called equivalent when the
// ratio was compared in floating point). Generated pairs; SymPy confirms every label (the ratio of the
// differences simplifies to a nonzero constant exactly when the pair is equivalent).
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";
import { random } from "../src/engine/check/points.js";
import { sympyAvailable, sympyScript } from "./oracle/sympy.js";

interface EquationPair {
  a: [string, string];
  b: [string, string];
  equivalent: boolean;
}

function generated(): EquationPair[] {
  const next = random(0xe9a7);
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const out: EquationPair[] = [];
  for (let k = 0; k < 12; k++) {
    const [p, q, r] = [int(-5, 5) || 1, int(-5, 5), int(-9, 9)];
    const left = `${p} x^2 + ${q} x y`;
    const right = `${r} y - 3`;
    const e = int(8, 40);
    const factor = ["2", "-3", "0.5", "pi", "(1 + 10^-30)", "sqrt(2)"][k % 6];
    out.push(
      { a: [left, right], b: [`${factor} (${left})`, `${factor} (${right})`], equivalent: true },
      { a: [left, right], b: [right, left], equivalent: true },
      { a: [left, right], b: [left, `${right} + 10^-${e}`], equivalent: false },
      { a: [left, right], b: [`${left} + 10^-${e} x`, right], equivalent: false },
      { a: [left, right], b: [`(1 + 10^-${e}) (${left})`, right], equivalent: false },
      { a: [`sin(x) + ${left}`, right], b: [`sin(x) + ${left}`, `${right} + 10^-${e}`], equivalent: false },
    );
  }
  return out;
}

const PAIRS = generated();
const statement = (p: EquationPair) => `check (${p.a[0]} = ${p.a[1]}) == (${p.b[0]} = ${p.b[1]})`;

describe("check of equations", () => {
  const outcomes = PAIRS.map((p) => ({ pair: p, result: new Session().run(statement(p))[0] }));

  it("calls multiples equivalent and nothing else", () => {
    const wrong = outcomes
      .filter((o) => o.result.verdict !== (o.pair.equivalent ? "equivalent" : "not equivalent"))
      .map((o) => `${statement(o.pair)}: ${o.result.pretty}`);
    expect(wrong).toEqual([]);
  });

  it("says what the multiple is, and where they part", () => {
    const text = (code: string) => new Session().run(code)[0].pretty;
    expect(text("check (x = 1) == (2 x = 2)")).toBe("✓ equivalent (one equation is 1/2 times the other)");
    expect(text("check (pi x = pi) == (x = 1)")).toBe("✓ equivalent (one equation is pi times the other)");
    expect(text("check (x = 1) == (x = 1 + 10^-12)")).toMatch(/^✗ not equivalent: at x = 1 /);
    expect(text("check (x + y = 1) == (x + y = 1 + 1e-12)")).toMatch(/^✗ not equivalent/);
  });

  it.skipIf(!sympyAvailable)(
    "has every label confirmed by SymPy",
    () => {
      const truth = sympyScript<boolean[]>(
        [
          "out = []",
          "for (al, ar), (bl, br) in data:",
          "    ratio = sp.simplify((P(al) - P(ar)) / (P(bl) - P(br)))",
          "    out.append(bool(not ratio.free_symbols and ratio != 0))",
          "print(json.dumps(out))",
        ],
        PAIRS.map((p) => [p.a, p.b]),
      );
      expect(PAIRS.filter((p, i) => truth[i] !== p.equivalent).map(statement)).toEqual([]);
    },
    240_000,
  );
});
