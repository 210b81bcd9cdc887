// ∇, ∇_x, ∇² and ∇²_x take the whole product that follows, as d/dx and ∂/∂x do (LANGUAGE.md §1, §3):
// ∇_x x sin(x) is ∇_x (x sin(x)), not (∇_x x)·sin(x). A sum or a relation ends the operand.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Session } from "../../src/session.js";
import { run } from "../helpers/results.js";

describe("∇ binds like d/dx", () => {
  it("parses the whole product that follows as the operand", () => {
    expect("∇_x x sin(x)").toParseAs("(∇_x (* x (sin x)))");
    expect("∇ x^2 y").toParseAs("(∇ (* (^ x 2) y))");
    expect("∇²_x x^3 sin(x)").toParseAs("(∇2_x (* (^ x 3) (sin x)))");
    expect("∇² x y z").toParseAs("(∇2 (* (* x y) z))");
    expect("∇_x xᵀ A x").toParseAs("(∇_x (* (* (ᵀ x) A) x))");
    expect("∇ sin(x)/x").toParseAs("(∇ (/ (sin x) x))");
    expect("d/dx x sin(x)").toParseAs("(d/x (* x (sin x)))");
  });

  it("stops at a sum and at a relation, as d/dx does", () => {
    expect("∇_x x sin(x) + x").toParseAs("(+ (∇_x (* x (sin x))) x)");
    expect("∇f + 1").toParseAs("(+ (∇ f) 1)");
    expect("∇f = λ ∇g").toParseAs("(= (∇ f) (* λ (∇ g)))");
    expect("2 ∇_x x y").toParseAs("(* 2 (∇_x (* x y)))");
  });

  it("keeps the forms that were already whole: ∇f, ∇(…), ∇_x (…), ∇²f", () => {
    expect("∇f").toParseAs("(∇ f)");
    expect("∇²f").toParseAs("(∇2 f)");
    expect("∇(x^2 + y^2)").toParseAs("(∇ (+ (^ x 2) (^ y 2)))");
    expect("∇_x (xᵀ A x)").toParseAs("(∇_x (* (* (ᵀ x) A) x))");
  });

  it("∇_x x sin(x) is the derivative of the product, [x cos(x) + sin(x)]", () => {
    expect(run(new Session(), "∇_x x sin(x)").text).toBe("[x*cos(x) + sin(x)]");
    expect(run(new Session(), "∇ x sin(x)").text).toBe("[x*cos(x) + sin(x)]");
  });

  // Products of factors in x and y: ∇_x P, ∇ P and ∇² P agree with d/dx and ∂²/∂x∂y of the same P,
  // and with the parenthesised form.
  const factor = fc.constantFrom("x", "y", "sin(x)", "exp(y)", "x^2", "(x + y)", "cos(x y)", "2", "σ(x)", "log(y)");
  const product = fc.array(factor, { minLength: 2, maxLength: 4 }).map((fs) => fs.join(" "));

  it("∇_x P equals [d/dx P] and ∇_x (P) on generated products", () => {
    fc.assert(
      fc.property(product, (p) => {
        const s = new Session();
        const bare = run(s, `∇_x ${p}`).text;
        expect(bare).toBe(run(s, `∇_x (${p})`).text);
        expect(bare).toBe(run(s, `[d/dx ${p}]`).text);
      }),
      { numRuns: 40, seed: 16 },
    );
  });

  it("∇² P equals ∇²(P), and its off-diagonal entry is ∂²/∂x∂y P, on generated products", () => {
    fc.assert(
      fc.property(product, (p) => {
        const s = new Session();
        const bare = run(s, `∇²_{x, y} ${p}`).text;
        expect(bare).toBe(run(s, `∇²_{x, y} (${p})`).text);
        const [verdict] = s.run(`check (∇²_{x, y} ${p})[1, 2] == ∂²/∂x∂y ${p}`);
        expect(verdict.verdict, p).toBe("equivalent");
      }),
      { numRuns: 25, seed: 13 },
    );
  });

  it("∇f(1, 2) is f's gradient at that point (it was the gradient of the number f(1, 2): [])", () => {
    const s = new Session();
    run(s, "f(x, y) = x^2 y + 3y^2");
    expect(run(s, "∇f(1, 2)").text).toBe("[4, 13]");
    expect(run(s, "∇²f(1, 2)").text).toBe("[4, 2; 2, 6]");
    expect(run(s, "∇f(x, y)").text).toBe("[2*x*y, x^2 + 6*y]");
    // Arguments with symbols differentiate the composition, by the chain rule.
    expect(run(s, "∇f(2x, y)").text).toBe("[8*x*y, 4*x^2 + 6*y]");
  });

  it("a gradient times a vector needs its parentheses, and says so", () => {
    const s = new Session();
    run(s, "f(x, y) = x^2 y");
    expect(run(s, "(∇f) · [1, 1]").text).toBe("2*x*y + x^2");
    const [r] = s.run("∇f · [1, 1]");
    expect(r.status).toBe("error");
    expect(r.error?.message).toContain("(∇f) · v");
  });
});

describe("≈ takes the whole arithmetic that follows", () => {
  it("≈ π + e and ≈ 2π are floats of the whole, not of the first atom", () => {
    const s = new Session();
    expect(Number(run(s, "≈ π + e").text)).toBeCloseTo(Math.PI + Math.E, 12);
    expect(Number(run(s, "≈ 2π").text)).toBeCloseTo(2 * Math.PI, 12);
    expect(Number(run(s, "≈ π e").text)).toBeCloseTo(Math.PI * Math.E, 12);
    expect(Number(run(s, "1 + ≈ π").text)).toBeCloseTo(1 + Math.PI, 12);
  });

  it("parses up to a relation or a comma", () => {
    expect("≈ π + e").toParseAs("(≈ (+ π e))");
    expect("≈ π, 2").toParseAs("(≈ π), 2");
  });
});
