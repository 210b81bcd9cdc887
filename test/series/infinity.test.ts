// taylor(f, x = ±∞, n): the expansion in powers of 1/x where one exists, a plain error where none does.
// Generated rational functions are checked exactly: at X = 10⁶ and 10⁹ the remainder
// f(X) − expansion(X) times Xⁿ⁺¹ stays bounded (it tends to the next coefficient), and xⁿ times
// the expansion is a polynomial (no term below 1/xⁿ).
import { describe, expect, it } from "vitest";
import { Session } from "../../src/session.js";
import { int, mul, pow, sym } from "../../src/graph/construct.js";
import { expandedPolynomial } from "../../src/engine/polynomial.js";
import { expand } from "../../src/engine/expand.js";
import { substitute } from "../../src/engine/substitute.js";
import { seriesSum } from "../../src/engine/series.js";
import { Rational } from "../../src/numeric/rational.js";
import type { Node } from "../../src/graph/node.js";
import { seededRandom } from "../helpers/random.js";
import { run } from "../helpers/results.js";

const x = sym("x");

function exactAt(n: Node, X: bigint): Rational {
  const v = substitute(n, new Map([[x, int(X)]]));
  if (v.kind !== "num") throw new Error(`not a rational at ${X}: ${v.kind}`);
  return v.value;
}

describe("taylor at infinity", () => {
  it("expands where an expansion in 1/x exists", () => {
    const s = new Session();
    expect(run(s, "taylor(1/(1 + x), x = ∞, 3)").text).toBe("1/x - 1/x^2 + 1/x^3");
    expect(run(s, "taylor(x^2/(x + 1), x = ∞, 2)").text).toBe("x - 1 + 1/x - 1/x^2");
    expect(run(s, "taylor(exp(1/x), x = -∞, 2)").text).toBe("1 + 1/x + 1/(2*x^2)");
    expect(run(s, "taylor(sqrt(x^2 + 1), x = ∞, 3)").text).toBe("x + 1/(2*x) - 1/(8*x^3)");
    expect(run(s, "taylor(sqrt(x^2 + 1), x = -∞, 3)").text).toBe("-x - 1/(2*x) + 1/(8*x^3)");
  });

  it("says so where there is none", () => {
    const s = new Session();
    const error = (code: string) => {
      const [r] = s.run(code);
      expect(r.status).toBe("error");
      return r.error!.message;
    };
    expect(error("taylor(sin(x), x = ∞, 2)")).toMatch(/no expansion in powers of 1\/x as x → ∞: sin/);
    expect(error("taylor(exp(x), x = ∞, 2)")).toMatch(/no expansion in powers of 1\/x as x → ∞: exp/);
    expect(error("taylor(log(x), x = -∞, 2)")).toMatch(/no expansion in powers of 1\/x as x → −∞/);
    expect(error("taylor(sqrt(x), x = ∞, 2)")).toMatch(/half-integer powers/);
    expect(error("taylor(x y, [x, y] = [∞, 0], 2)")).toMatch(/one variable only/);
  });

  it("on generated rational functions the remainder is O(1/xⁿ⁺¹) at both ends (40 cases)", () => {
    const random = seededRandom(31);
    const coefficient = () => BigInt(Math.floor(random() * 11) - 5);
    const polynomial = (degree: number) => {
      const cs = Array.from({ length: degree + 1 }, coefficient);
      if (cs[degree] === 0n) cs[degree] = 1n;
      return cs.map((c, k) => `(${c}) x^${k}`).join(" + ");
    };
    const s = new Session();
    for (let c = 0; c < 40; c++) {
      const q = 1 + Math.floor(random() * 3);
      const p = Math.floor(random() * (q + 3));
      const n = Math.floor(random() * 4);
      const sign = c % 2 === 0 ? 1n : -1n;
      const f = `(${polynomial(p)})/(${polynomial(q)})`;
      const { value } = run(s, `taylor(${f}, x = ${sign < 0 ? "-" : ""}∞, ${n})`);
      const expansion = seriesSum(value);
      const fNode = run(s, f).value;
      for (const X of [10n ** 6n, 10n ** 9n].map((v) => sign * v)) {
        const remainder = exactAt(fNode, X).sub(exactAt(expansion, X));
        const scaled = remainder.mul(Rational.of(X ** BigInt(n + 1), 1n)).abs();
        expect(scaled.compare(Rational.of(10n ** 6n, 1n)), `${f} at ${X}, order ${n}`).toBeLessThan(0);
      }
      // No term below 1/xⁿ: xⁿ times the expansion is a polynomial.
      expect(expandedPolynomial(expand(mul(expansion, pow(x, int(n)))))).not.toBeNull();
    }
  });
});
