// The calculus, optimization, Taylor and Lagrange examples of the course notes, with their answers.
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";

function last(code: string) {
  const results = new Session().run(code);
  const r = results[results.length - 1];
  if (r.status !== "ok") throw new Error(`${code}: ${r.error?.message}`);
  return r;
}

function verdict(code: string) {
  return last(code).verdict;
}

describe("derivatives and gradients (math-foundations.md, Calculus §1–2)", () => {
  it("differentiates x² to 2x", () => expect("d/dx x^2").toEvaluateTo("2*x"));
  it("takes the partials of x²y + 3y²", () => {
    expect("f(x, y) = x^2 y + 3y^2\n∂f/∂x").toEvaluateTo("2*x*y");
    expect("f(x, y) = x^2 y + 3y^2\n∂f/∂y").toEvaluateTo("x^2 + 6*y");
    expect("f(x, y) = x^2 y + 3y^2\ndiff(f, x)").toEvaluateTo("2*x*y");
    expect("f(x, y) = x^2 y + 3y^2\n∂²f/∂x∂y").toEvaluateTo("2*x");
    expect("f(x, y) = x^2 y + 3y^2\n∇f").toEvaluateTo("[2*x*y, x^2 + 6*y]");
  });
  it("gives ∇(x² + y²) = [2x, 2y]", () => expect("∇(x^2 + y^2)").toEvaluateTo("[2*x, 2*y]"));
  it("applies the chain rule: d/dx sin(x²) = 2x cos(x²)", () => {
    expect("d/dx sin(x^2)").toEvaluateTo("2*x*cos(x^2)");
    expect(last("d/dx sin(x^2)").pretty).toBe("2x cos(x²)");
    expect(verdict("check d/dx sin(x^2) == 2x cos(x^2)")).toBe("equivalent");
  });
  it("primes a defined function", () => {
    expect("g(x) = x^3\ng'(x)").toEvaluateTo("3*x^2");
    expect("g(x) = x^3\ng''(2)").toEvaluateTo("12");
  });
  it("gives the Hessian of x³ + y³ as [6x, 0; 0, 6y]", () => {
    expect("hessian(x^3 + y^3)").toEvaluateTo("[6*x, 0; 0, 6*y]");
    expect("f(x, y) = x^3 + y^3\n∇²f").toEvaluateTo("[6*x, 0; 0, 6*y]");
    expect(verdict("check hessian(x^3 + y^3) ≡ [6x, 0; 0, 6y]")).toBe("equivalent");
  });
  it("builds Jacobians", () => expect("jacobian([x y, x + y], [x, y])").toEvaluateTo("[y, x; 1, 1]"));
});

describe("convexity, gradient descent and Taylor series (Calculus §3–4)", () => {
  it("proves the convexity inequality for x²", () => {
    expect(verdict("check λ x_1^2 + (1 - λ) x_2^2 - (λ x_1 + (1 - λ) x_2)^2 == λ(1 - λ)(x_1 - x_2)^2")).toBe(
      "equivalent",
    );
    expect(verdict("check y^2 - (x^2 + 2x(y - x)) == (y - x)^2")).toBe("equivalent");
    expect(last("convex(x^2 + y^2)").text).toMatch(
      /^true: the Hessian \[2, 0; 0, 2\] is constant and positive semidefinite/,
    );
    expect(last("convex(x^3)").text).toMatch(/^false: at x = /);
  });
  it("takes the gradient-descent step 4 → 3.2", () => {
    expect(last("gd(x^2, x = 4, η = 0.1)").pretty).toBe("3.2");
    expect(last("gd(x^2, x = 4, η = 0.1, steps = 3)").pretty).toBe("4 → 3.2 → 2.56 → 2.048");
  });
  it("expands eˣ as 1 + x + x²/2 + x³/6", () => {
    expect(last("taylor(exp(x), x = 0, 3)").pretty).toBe("1 + x + x²/2 + x³/6");
    expect(verdict("check taylor(exp(x), x = 0, 3) == 1 + x + x^2/2 + x^3/6")).toBe("equivalent");
  });
  it("expands in two variables to second order", () => {
    expect(verdict("check taylor(exp(x) sin(y), [x, y] = [0, 0], 2) == y + x y")).toBe("equivalent");
  });
});

describe("Lagrange multipliers and optimization (§2 of Advanced Concepts)", () => {
  it("maximizes xy on x + y = 10 at x = y = 5 with λ = 5", () => {
    expect(last("lagrange(x y, x + y = 10)").pretty).toBe("x = 5, y = 5, λ = 5: maximum, value 25");
    expect(last("maximize x y subject to x + y = 10").pretty).toBe("25 at x = 5, y = 5");
  });
  it("minimizes x² + y² + z² on a plane", () => {
    expect(last("minimize x^2 + y^2 + z^2 subject to x + 2y + 3z = 6").pretty).toBe(
      "18/7 at x = 3/7, y = 6/7, z = 9/7",
    );
  });
  it("says so when stationary points also form a continuum, besides the ones it lists", () => {
    // xyzw on x + y + z + w = 4: the maximum at (1, 1, 1, 1), and every point with two zero coordinates.
    expect(last("lagrange(x y z w, x + y + z + w = 4)").pretty).toBe(
      "x = 1, y = 1, z = 1, w = 1, λ = 1: maximum, value 1 (and infinitely many more, where the system leaves an unknown free)",
    );
    expect(last("critical(x^2 y^2)").pretty).toBe(
      "infinitely many solutions (the system does not pin every unknown down)",
    );
    // The line x = 0 and the point (2, 1): found when the unknowns are eliminated in the other order.
    expect(last("solve([x (y - 1) = 0, x (x - 2) = 0], [x, y])").pretty).toBe(
      "x = 2, y = 1 (and infinitely many more, where the system leaves an unknown free)",
    );
  });
  it("classifies critical points", () => {
    expect(last("critical(x^3 - 3x + y^2)").pretty).toBe(
      "x = −1, y = 0: saddle point, value 2; x = 1, y = 0: minimum, value −2",
    );
  });
  it("solves equations and systems", () => {
    expect(last("solve(x^2 - 4 = 0, x)").pretty).toBe("x = −2, x = 2");
    expect(last("solve([x + y = 10, x - y = 2], [x, y])").pretty).toBe("x = 6, y = 4");
    expect(last("solve(x^2 - 2 = 0, x)").pretty).toBe("x = −√2, x = √2");
    expect(last("solve(x^3 - x - 1 = 0, x)").pretty).toMatch(/^x = 1\.32472 \(numeric roots/);
  });
  it("finds the real roots of high-degree polynomials (Aberth's iteration above degree 30)", () => {
    expect(last("solve(x^200 = 1, x)").pretty).toBe("x = −1, x = 1");
    // (x² − 2)(x³⁹ − 1): ±√2 only numerically, as the rest is of degree 41.
    expect(last("solve(x^41 - 2 x^39 - x^2 + 2 = 0, x)").pretty).toBe(
      "x = −1.41421, x = 1, x = 1.41421 (numeric roots, to about 1e-12)",
    );
    expect(last("solve(x^45 + x^3 - 5 = 0, x)").pretty).toMatch(/^x = 1\.03073 \(numeric roots/);
    expect(last("critical(x^200 - 200 x + y^2)").pretty).toBe("x = 1, y = 0: minimum, value −199");
  });
});

describe("activation and loss derivatives (activations notes)", () => {
  it("gives σ' = σ(1 − σ) and catches the wrong sign", () => {
    expect(last("d/dx σ(x)").pretty).toBe("σ(x)(1 − σ(x))");
    expect(verdict("check d/dx σ(x) == σ(x)(1 + σ(x))")).toBe("not equivalent");
    expect(last("check d/dx σ(x) == σ(x)(1 + σ(x))").counterexample).toEqual({ x: "1" });
  });
  it("gives tanh' = 1 − tanh² and relu' = step", () => {
    expect(verdict("check d/dx tanh(x) == 1 - tanh(x)^2")).toBe("equivalent");
    expect("d/dx relu(x)").toEvaluateTo("step(x)");
  });
  it("gives ∂L/∂z = p − y for sigmoid with binary cross-entropy", () => {
    expect("simplify(d/dz bce(y, σ(z)))").toEvaluateTo("sigmoid(z) - y");
  });
  it("gives ∂L/∂z = p − y for softmax with cross-entropy", () => {
    const setup = "z = [z_1, z_2, z_3]\ny = [y_1, y_2, 1 - y_1 - y_2]\nC = cce(y, softmax(z))\n";
    expect(verdict(`${setup}check d/dz_1 C == softmax(z)[1] - y[1]`)).toBe("equivalent");
    expect(verdict(`${setup}check d/dz_3 C == softmax(z)[3] - y[3]`)).toBe("equivalent");
  });
  it("gives the softmax Jacobian s_k(δ_kj − s_j)", () => {
    const setup = "z = [z_1, z_2, z_3]\ns = softmax(z)\nJ = jacobian(s, z)\n";
    expect(
      verdict(
        `${setup}check J == [s[1](1 - s[1]), -s[1] s[2], -s[1] s[3]; -s[2] s[1], s[2](1 - s[2]), -s[2] s[3]; -s[3] s[1], -s[3] s[2], s[3](1 - s[3])]`,
      ),
    ).toBe("equivalent");
  });
});

describe("sums", () => {
  it("closes Σ i² by Faulhaber", () => {
    expect(last("Σ_{i=1}^{n} i^2").pretty).toBe("n(n + 1)(2n + 1)/6");
    expect("sum(i^2, i = 1..4)").toEvaluateTo("30");
  });
  it("differentiates through indexed symbols", () => {
    expect(last("L = Σ_i (y_i - w x_i)^2\n∂L/∂w").pretty).toBe("−2 Σ_{i=1}^{n} x_i(y_i − w x_i)");
    expect(last("∂/∂x_k Σ_i x_i^2").pretty).toBe("2 x_k");
  });
});

describe("simplification", () => {
  it("expands, factors and collects", () => {
    expect("expand((x + 1)^3)").toEvaluateTo("x^3 + 3*x^2 + 3*x + 1");
    expect("factor(x^3 - 6x^2 + 11x - 6)").toEvaluateTo("(x - 3)*(x - 2)*(x - 1)");
    // A number is its own factorisation (it was an internal error about NaN and BigInt).
    for (const [n, value] of [
      ["7", "7"],
      ["1^2", "1"],
      ["12", "12"],
      ["-3/4", "-3/4"],
      ["0", "0"],
      ["2^64 + 1", "18446744073709551617"],
    ])
      expect(`factor(${n})`).toEvaluateTo(value);
    expect("simplify(sin(x)^2 + cos(x)^2)").toEvaluateTo("1");
    expect("collect(a x^2 + b x^2 + c x + d, x)").toEvaluateTo("x^2*(a + b) + c*x + d");
  });
});
