// A name that holds a value is not a variable. Where a statement takes it as one (taylor's x = 0,
// limit's x → 0, solve's unknowns, ∇_x, …) that is an error that says so, never a silent answer
// about the value (taylor(exp(x), x = 0, 3) after x = 3 was exp(3)); where it binds a name (Σ's
// index, a function's parameters) the binding wins over the value.
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";

function shown(s: Session, code: string): string {
  const [r] = s.run(code);
  return r.error ? `error: ${r.error.message}` : r.pretty;
}

/** Statements that take x as their variable, each with what it says of itself. */
const TAKES_X: [string, string][] = [
  ["taylor(exp(x), x = 0, 3)", "taylor"],
  ["taylor(sin(x) cos(y), [x, y] = [0, 0], 2)", "taylor"],
  ["limit(sin(x)/x, x → 0)", "limit"],
  ['limit(1/x, x → 0, "+")', "limit"],
  ["solve(x^2 = 4, x)", "solve"],
  ["solve([x + y = 3, x - y = 1], [x, y])", "solve"],
  ["critical(x^2 + 1, [x])", "critical"],
  ["∇_x (x^2)", "∇"],
  ["∇(x^2)", "∇"],
  ["grad(x^2)", "grad"],
  ["grad(x^2 y, [x, y])", "grad"],
  ["hessian(x^3)", "hessian"],
  ["hessian(x^2 y, [x, y])", "hessian"],
  ["jacobian([x^2, x], [x])", "jacobian"],
  ["jacobian([x^2, 3x])", "jacobian"],
];

const VALUES = ["3", "-1/2", "π", "[1; 2]", "[1, 2; 3, 4]"];

describe("a command's variable that holds a value", () => {
  const cases = VALUES.flatMap((v) => TAKES_X.map(([code, what]) => [v, code, what] as const));
  it.each(cases)("after x = %s, %s is an error naming x's value", (value, code, what) => {
    const s = new Session();
    s.run(`x = ${value}`);
    const said = shown(s, code);
    // An array value may be refused earlier, for its shape; never answered.
    expect(said).toMatch(/^error: /);
    if (!value.startsWith("["))
      expect(said).toBe(
        `error: ${what} takes x as a variable, but x holds a value (${value === "π" ? "π" : shown(new Session(), value)}); use a name without a value`,
      );
  });

  it.each(TAKES_X)("in a fresh session %s answers", (code) => {
    expect(shown(new Session(), code)).not.toMatch(/^error/);
  });

  it("other names may hold values: they are constants there", () => {
    const s = new Session();
    s.run("a = 3");
    expect(shown(s, "taylor(exp(a x), x = 0, 2)")).toBe(shown(new Session(), "taylor(exp(3x), x = 0, 2)"));
    expect(shown(s, "∇(a x^2 y)")).toBe(shown(new Session(), "∇(3 x^2 y)"));
    expect(shown(s, "solve(x^2 = a + 1, x)")).toBe("x = −2, x = 2");
  });
});

describe("a bound index wins over the value its name holds", () => {
  const INDEX_VALUES = ["5", "[1; 2]", "x + 1"];
  it.each(INDEX_VALUES)("after i = %s, Σ and ∏ over i read i as their index", (value) => {
    const s = new Session();
    s.run(`i = ${value}`);
    expect(shown(s, "Σ_{i=1}^{3} i")).toBe("6");
    expect(shown(s, "∏_{i=1}^{4} i")).toBe("24");
    expect(shown(s, "Σ_{i=1}^{3} i^2")).toBe("14");
    expect(shown(s, "sum(i, i = 1..4)")).toBe("10");
    expect(shown(s, "Σ_{i=1}^{3} x_i")).toBe("x₁ + x₂ + x₃");
    expect(shown(s, "Σ_{i=1}^{n} i")).toBe(shown(new Session(), "Σ_{i=1}^{n} i"));
  });

  it("the bounds are read outside the index's scope", () => {
    const s = new Session();
    s.run("n = 4");
    expect(shown(s, "Σ_{i=1}^{n} i")).toBe("10");
    s.run("i = 2");
    expect(shown(s, "Σ_{j=1}^{i} j")).toBe("3");
  });

  it("a function's parameters are its own", () => {
    const s = new Session();
    s.run("x = 3");
    expect(shown(s, "f(x) = x^2 + 1")).toBe("f(x) = x² + 1");
    expect(shown(s, "f(2)")).toBe("5");
  });
});
