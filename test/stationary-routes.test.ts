// critical and lagrange do their calculus on polynomials over ℚ when f and the constraints are
// such, and on expressions otherwise. The two routes must agree: same points, same values, same
// classification, printed alike.
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";
import { sub, sym } from "../src/graph/construct.js";
import type { Node } from "../src/graph/node.js";
import { toText } from "../src/graph/print/forms.js";
import { stationaryPoints } from "../src/engine/solve/optimize.js";
import { PROBLEMS } from "./oracle/stationary-problems.js";

const value = (code: string): Node => {
  const [r] = new Session().run(code);
  if (r.status !== "ok" || !r.value) throw new Error(`${code}: ${r.error?.message}`);
  return r.value;
};

/** More problems: rational and irrational points, a degenerate one, a continuum, none at all. */
const MORE = [
  { f: "x^2/2 + y^2/3 - x*y/5", constraints: ["x + y = 1/7"], vars: ["x", "y"] },
  { f: "x^2 + y^2", constraints: ["x^2 - y = 2"], vars: ["x", "y"] },
  { f: "x^4 + y^4", constraints: [], vars: ["x", "y"] },
  { f: "(x + y)^2", constraints: [], vars: ["x", "y"] },
  { f: "x + y", constraints: ["x + y = 1"], vars: ["x", "y"] },
  { f: "x", constraints: ["x^2 + 1 = 0"], vars: ["x"] },
];

describe("stationary points on polynomials and on expressions", () => {
  for (const p of [...PROBLEMS, ...MORE]) {
    const name = p.constraints.length ? `lagrange(${p.f}, ${p.constraints.join(", ")})` : `critical(${p.f})`;
    it(name, () => {
      const f = value(p.f);
      const gs = p.constraints.map((c) => {
        const [left, right] = c.split("=");
        return sub(value(right), value(left));
      });
      const xs = p.vars.map((v) => sym(v));
      const viaPolynomials = stationaryPoints(f, gs, xs);
      const viaExpressions = stationaryPoints(f, gs, xs, "graph");
      expect(toText(viaPolynomials)).toBe(toText(viaExpressions));
      expect(viaPolynomials).toBe(viaExpressions);
    });
  }
});
