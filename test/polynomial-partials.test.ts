// ∇ and ∇² of an expanded polynomial are taken on polynomials, not rule by rule through the graph.
// They must be the very nodes the rules give: checked on generated polynomials (rational
// coefficients, constants, variables absent from f, repeated and cancelling terms).
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";
import { sym } from "../src/graph/construct.js";
import type { Node } from "../src/graph/node.js";
import { differentiate, gradient, hessian } from "../src/engine/differentiate.js";
import { expandedPolynomial } from "../src/engine/polynomial.js";
import { Random } from "../src/nn/random.js";

const NAMES = ["x", "y", "z", "w_1", "w_2"];

function randomPolynomial(rng: Random): string {
  const pick = (k: number) => Math.floor(rng.next() * k);
  const terms: string[] = [];
  for (let t = 1 + pick(8); t > 0; t--) {
    const coefficient = [`${1 + pick(9)}`, `-${1 + pick(9)}`, `${1 + pick(5)}/${2 + pick(5)}`][pick(3)];
    const factors = Array.from({ length: pick(4) }, () => `${NAMES[pick(NAMES.length)]}^${1 + pick(4)}`);
    terms.push([coefficient, ...factors].join("*"));
  }
  return terms.join(" + ");
}

const entries = (n: Node) => (n as Node & { kind: "tensor" }).entries;

describe("∇ and ∇² of expanded polynomials", () => {
  it("give the nodes the differentiation rules give, on 300 generated polynomials", () => {
    const rng = new Random(20261126);
    const session = new Session();
    const vars = ["x", "y", "z", "w_1", "w_2", "v"].map((v) => sym(v));
    let onPolynomials = 0;
    for (let k = 0; k < 300; k++) {
      const code = randomPolynomial(rng);
      const [r] = session.run(code);
      const f = r.value!;
      if (expandedPolynomial(f)) onPolynomials++;
      const g = entries(gradient(f, vars));
      const H = entries(hessian(f, vars));
      vars.forEach((xi, i) => {
        expect(g[i], `∂/∂${xi.kind === "sym" && xi.name} of ${code}`).toBe(differentiate(f, xi));
        vars.forEach((xj, j) =>
          expect(H[i * vars.length + j], `∂²/∂${i}∂${j} of ${code}`).toBe(differentiate(differentiate(f, xi), xj)),
        );
      });
    }
    expect(onPolynomials).toBeGreaterThan(280);
  });

  it("leaves anything else to the rules", () => {
    const [r] = new Session().run("x^2 sin(y) + (x + 1)^3");
    expect(expandedPolynomial(r.value!)).toBeNull();
    expect(entries(hessian(r.value!, [sym("x"), sym("y")]))[0]).toBe(
      differentiate(differentiate(r.value!, sym("x")), sym("x")),
    );
  });
});
