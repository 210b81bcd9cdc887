// LANGUAGE.md §3: without a variable list, ∇, hessian, jacobian, critical, lagrange and solve take
// the free symbols in the order of first appearance as typed — not the graph's canonical order,
// which sorts x²y + y³ so that y can come first. Generated expressions whose typed order differs
// from the canonical one, each compared with the same command given the typed order explicitly.
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";
import { freeSymbols } from "../src/graph/traverse.js";
import type { Node } from "../src/graph/node.js";
import { seededRandom } from "./helpers/random.js";

const NAMES = ["x", "y", "z", "w", "u", "v", "a", "b", "t"];

/** A polynomial whose symbols first appear in the order of `vars`, written term by term. */
function polynomial(vars: string[], next: () => number): string {
  const terms: string[] = [];
  vars.forEach((v, i) => {
    // Each term introduces vars[i] and may reuse earlier ones, with a power ≥ 2 somewhere so the Hessian is not
    // constant.
    const earlier = vars.slice(0, i).filter(() => next() < 0.5);
    const coefficient = 1 + Math.floor(next() * 5);
    const power = 1 + Math.floor(next() * 3);
    terms.push([`${coefficient}`, ...earlier, `${v}^${power}`].join(" "));
  });
  terms.push(`${vars[vars.length - 1]} ${vars[0]}^2`);
  return terms.join(" + ");
}

function shuffled(next: () => number): string[] {
  const k = 2 + Math.floor(next() * 3);
  const pool = [...NAMES];
  const out: string[] = [];
  for (let i = 0; i < k; i++) out.push(pool.splice(Math.floor(next() * pool.length), 1)[0]);
  return out;
}

function run(session: Session, code: string): { text: string; value: Node } {
  const [r] = session.run(code);
  if (r.status !== "ok" || !r.value) throw new Error(`${code}: ${r.error?.message}`);
  return { text: r.text, value: r.value };
}

describe("free symbols in the order typed", () => {
  it("the issue's example: ∇(x^2 y + y^3 - 3x) is [∂/∂x, ∂/∂y]", () => {
    expect(run(new Session(), "∇(x^2 y + y^3 - 3x)").text).toBe("[2*x*y - 3, x^2 + 3*y^2]");
  });

  const next = seededRandom(20261130);
  const cases = Array.from({ length: 60 }, () => {
    const vars = shuffled(next);
    return { vars, f: polynomial(vars, next) };
  });

  it("the generated cases include typed orders the graph does not keep", () => {
    const s = new Session();
    const differing = cases.filter(
      ({ vars, f }) =>
        freeSymbols(run(s, f).value)
          .map((x) => (x as { name: string }).name)
          .join() !== vars.join(),
    );
    expect(differing.length).toBeGreaterThan(20);
  });

  for (const { vars, f } of cases) {
    const list = `[${vars.join(", ")}]`;
    it(`${f}: typed order ${vars.join(", ")}`, () => {
      const s = new Session();
      expect(run(s, `∇(${f})`).text).toBe(run(s, `grad(${f}, ${list})`).text);
      expect(run(s, `grad(${f})`).text).toBe(run(s, `grad(${f}, ${list})`).text);
      expect(run(s, `hessian(${f})`).text).toBe(run(s, `hessian(${f}, ${list})`).text);
      expect(run(s, `jacobian([${f}, ${vars[0]}])`).text).toBe(run(s, `jacobian([${f}, ${vars[0]}], ${list})`).text);
      // Through a name: the value keeps the order it was typed in.
      run(s, `q = ${f}`);
      expect(run(s, "∇q").text).toBe(run(s, `grad(${f}, ${list})`).text);
      // A function's parameters keep their declared order, whatever the body's.
      const params = [...vars].reverse().join(", ");
      run(s, `F(${params}) = ${f}`);
      expect(run(s, "∇F").text).toBe(run(s, `grad(${f}, [${params}])`).text);
    });
  }

  it("a name holding a bare symbol or a number passes the typed order on (symbols and numbers keep no source)", () => {
    for (const { vars, f } of cases.slice(0, 20)) {
      const s = new Session();
      const list = `[${vars.join(", ")}]`;
      run(s, `r = ${vars[0]}`);
      run(s, "c = 2");
      const through = f.replace(new RegExp(`\\b${vars[0]}\\b`, "g"), "r");
      expect(run(s, `∇(c (${through}))`).text).toBe(run(s, `grad(2 (${f}), ${list})`).text);
    }
  });

  it("critical, lagrange and solve list the unknowns as typed", () => {
    const s = new Session();
    expect(run(s, "critical(y^2 + x^2 - 2y)").text).toBe("y = 1, x = 0: minimum, value -1");
    expect(run(s, "lagrange(z + y x, x + y + z = 1)").text.startsWith("z = ")).toBe(true);
    expect(run(s, "solve([y + x = 3, y - x = 1])").text).toBe("y = 2, x = 1");
    expect(run(s, "lagrange(x^2 - y^2, y = 0)").text).toBe("x = 0, y = 0, λ = 0: minimum, value 0");
  });
});
