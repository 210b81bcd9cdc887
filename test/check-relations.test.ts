// `check` of two relations (check/relations.ts). An inequality is not an equation: x < 1 and x > 1,
// x < 1 and x = 1, x ≠ 1 and x = 1 were all "equivalent (one equation is 1 times the other)", and
// an `expect` graded a flipped inequality correct. Now the relation counts: a multiple keeps an
// inequality only when it is positive (−x < −1 is x > 1), strict is not non-strict (x < 1 and x ≤ 1
// part at x = 1), and relations that are not multiples are compared as statements, true or false at
// each point. Generated pairs of univariate polynomial relations; SymPy's solution sets over ℝ
// confirm every label.
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";
import { random } from "../src/engine/check/points.js";
import { sympyAvailable, sympyScript } from "./oracle/sympy.js";

const MIRROR: Record<string, string> = { "<": ">", ">": "<", "<=": ">=", ">=": "<=", "=": "=", "≠": "≠" };
const STRICTNESS: Record<string, string> = { "<": "<=", "<=": "<", ">": ">=", ">=": ">" };

interface Pair {
  a: string;
  b: string;
  equivalent: boolean;
}

/** Relations p(x) op q(x) and a transformed partner, labelled by construction (SymPy confirms below). */
function generated(): Pair[] {
  const next = random(0x5e1a);
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const out: Pair[] = [];
  for (let k = 0; k < 16; k++) {
    // (x − r)(x − s) against q ≥ 1: p = q at two points, p < q on the interval between and p > q
    // outside, so strict and non-strict, = and ≠, and each direction all part somewhere.
    const [r, s] = [int(-4, 4), int(-4, 4)];
    const p = `x^2 - ${r + s} x + ${r * s}`;
    const q = `${int(1, 4)}`;
    const op = ["<", ">", "<=", ">="][k % 4];
    const rel = (l: string, o: string, rr: string) => `(${l} ${o} ${rr})`;
    const c = [2, 3, "1/2", "pi"][k % 4];
    out.push(
      { a: rel(p, op, q), b: rel(`${c} (${p})`, op, `${c} (${q})`), equivalent: true },
      { a: rel(p, op, q), b: rel(`-${c} (${p})`, MIRROR[op], `-${c} (${q})`), equivalent: true },
      { a: rel(p, op, q), b: rel(q, MIRROR[op], p), equivalent: true },
      { a: rel(p, op, q), b: rel(`-${c} (${p})`, op, `-${c} (${q})`), equivalent: false },
      { a: rel(p, op, q), b: rel(q, op, p), equivalent: false },
      { a: rel(p, op, q), b: rel(p, STRICTNESS[op], q), equivalent: false },
      { a: rel(p, op, q), b: rel(p, "=", q), equivalent: false },
      { a: rel(p, op, q), b: rel(p, "≠", q), equivalent: false },
    );
  }
  return out;
}

const PAIRS = generated();
const statement = (p: Pair) => `check ${p.a} == ${p.b}`;
const text = (code: string) => new Session().run(code).at(-1)!.pretty;

describe("check of relations", () => {
  it("the adversary's cases: the relation counts, not only its sides", () => {
    expect(text("check (x < 1) == (x > 1)")).toBe(
      "✗ not equivalent: at x = -0.847 the left side is true, the right side false",
    );
    expect(text("check (x < 1) == (x = 1)")).toBe(
      "✗ not equivalent: at x = 1 the left side is false, the right side true",
    );
    expect(text("check (x ≠ 1) == (x = 1)")).toMatch(/^✗ not equivalent/);
    expect(text("check (x < 1) == (-x < -1)")).toMatch(/^✗ not equivalent/);
    expect(text("check (x < 1) == (x <= 1)")).toBe(
      "✗ not equivalent: at x = 1 the left side is false, the right side true",
    );
    expect(text("check (x + y < 1) == (x + y <= 1)")).toMatch(/^✗ not equivalent/);
  });

  it("keeps what was right: positive multiples, mirrored sides, equations", () => {
    expect(text("check (x < 1) == (2x < 2)")).toBe("✓ equivalent (one inequality is 1/2 times the other)");
    expect(text("check (x > 1) == (-x < -1)")).toBe("✓ equivalent (one inequality is 1 times the other)");
    expect(text("check (x >= 1) == (1 <= x)")).toBe("✓ equivalent (one inequality is 1 times the other)");
    expect(text("check (pi x = pi) == (x = 1)")).toBe("✓ equivalent (one equation is pi times the other)");
    expect(text("check (x ≠ 1) == (2x ≠ 2)")).toBe("✓ equivalent (one equation is 1/2 times the other)");
  });

  it("compares inequalities that are not multiples as statements, and says when that is not a proof", () => {
    expect(text("check (x < 1) == (x^2 < 1)")).toBe(
      "✗ not equivalent: at x = -1 the left side is true, the right side false",
    );
    expect(text("check (x < 1) == (x^3 < 1)")).toMatch(/^✓ equivalent \(true at the same points: not proved/);
    // Both empty, both everything: the same statement, though not multiples.
    expect(text("check (x^2 + 2x + 1 <= -3) == (x^2 + 2x + 1 < -3)")).toMatch(
      /^✓ equivalent \(true at the same points/,
    );
    expect(text("check (x^2 + 1 > 0) == (x^2 + 1 >= 0)")).toMatch(/^✓ equivalent \(true at the same points/);
  });

  it("grades an answer that is a relation by its relation: a flipped inequality earns nothing", () => {
    const s = new Session();
    s.run("q = (x > 1)");
    expect(s.run("expect q ≡ (x < 1) points 2")[0].pretty).toMatch(/^✗ 0\/2 points/);
    expect(s.run("expect q ≡ (1 < x) points 2")[0].pretty).toBe("✓ 2/2 points: correct");
  });

  const outcomes = PAIRS.map((p) => ({ pair: p, result: new Session().run(statement(p))[0] }));

  it("labels every generated pair as constructed", () => {
    const wrong = outcomes
      .filter((o) => o.result.verdict !== (o.pair.equivalent ? "equivalent" : "not equivalent"))
      .map((o) => `${statement(o.pair)}: ${o.result.pretty}`);
    expect(wrong).toEqual([]);
  });

  it.skipIf(!sympyAvailable)(
    "has every label confirmed by SymPy (the solution sets over ℝ)",
    () => {
      const truth = sympyScript<boolean[]>(
        [
          "OPS = {'<': sp.Lt, '>': sp.Gt, '<=': sp.Le, '>=': sp.Ge, '=': sp.Eq, '≠': sp.Ne}",
          "def rel(s):",
          "    s = s.strip()[1:-1]",
          "    for op in ['<=', '>=', '≠', '<', '>', '=']:",
          "        if f' {op} ' in s:",
          "            l, r = s.split(f' {op} ')",
          "            return OPS[op](P(l), P(r), evaluate=False)",
          "    raise ValueError(s)",
          "sets = lambda s: sp.solveset(rel(s), x, sp.S.Reals)",
          "print(json.dumps([bool(sp.Eq(sets(a), sets(b)) == True) for a, b in data]))",
        ],
        PAIRS.map((p) => [p.a, p.b]),
      );
      expect(PAIRS.filter((p, i) => truth[i] !== p.equivalent).map(statement)).toEqual([]);
    },
    240_000,
  );
});
