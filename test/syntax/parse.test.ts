import { describe, expect, it } from "vitest";

describe("the grammar", () => {
  it("reads precedence as mathematicians do", () => {
    expect("-x^2").toParseAs("(neg (^ x 2))");
    expect("2^3^2").toParseAs("(^ 2 (^ 3 2))");
    expect("a + b c").toParseAs("(+ a (* b c))");
    expect("1/2 x").toParseAs("(* (/ 1 2) x)");
    expect("2^-1").toParseAs("(^ 2 (neg 1))");
  });

  it("multiplies implicitly", () => {
    expect("2x").toParseAs("(* 2 x)");
    expect("3y^2").toParseAs("(* 3 (^ y 2))");
    expect("2(x + 1)").toParseAs("(* 2 (+ x 1))");
    expect("x y").toParseAs("(* x y)");
    expect("(a + b)(a - b)").toParseAs("(* (+ a b) (- a b))");
    expect("A [5, 6]").toParseAs("(* A [5 6])");
  });

  it("tells indexing from multiplication by the space", () => {
    expect("A[1, 2]").toParseAs("(index A 1 2)");
    expect("A[:, 1]").toParseAs("(index A : 1)");
    expect("v[2]").toParseAs("(index v 2)");
  });

  it("reads matrices, vectors and their postfix operators", () => {
    expect("[1, 2; 3, 4]").toParseAs("[1 2; 3 4]");
    expect("[1, 2\n3, 4]").toParseAs("[1 2; 3 4]");
    expect("[1, 2]ᵀ [3, 4]").toParseAs("(* (ᵀ [1 2]) [3 4])");
    expect("A'").toParseAs("(ᵀ A)");
    expect("A^T").toParseAs("(ᵀ A)");
    expect("A⁻¹").toParseAs("(^ A (neg 1))");
    expect("‖v‖₁").toParseAs("(norm_1 v)");
    expect("‖A‖_F").toParseAs("(norm_F A)");
    expect("‖W x + b - y‖²").toParseAs("(^ (norm (- (+ (* W x) b) y)) 2)");
    expect("|x - 1|").toParseAs("(abs (- x 1))");
  });

  it("spells names one way whatever the keyboard", () => {
    expect("lambda + η").toParseAs("(+ λ η)");
    expect("x₁ + x_1 + x_{1}").toParseAs("(+ (+ x_1 x_1) x_1)");
    expect("W_{12}").toParseAs("W_12");
    expect("a ≡ b").toParseAs("(== a b)");
  });

  it("parses the calculus of LANGUAGE.md §3", () => {
    expect("d/dx sin(x^2)").toParseAs("(d/x (sin (^ x 2)))");
    expect("d / dx x^2").toParseAs("(d/x (^ x 2))");
    expect("∂f/∂x").toParseAs("(∂ f / x)");
    expect("∂²f/∂x∂y").toParseAs("(∂ f / x,y)");
    expect("∂/∂x f").toParseAs("(d/x f)");
    expect("g''(2)").toParseAs("(g'' 2)");
    expect("∇f").toParseAs("(∇ f)");
    expect("∇²f").toParseAs("(∇2 f)");
    expect("∇_x (xᵀ A x)").toParseAs("(∇_x (* (* (ᵀ x) A) x))");
    expect("Σ_{i=1}^{n} i^2").toParseAs("(sum i=1..n (^ i 2))");
    expect("∂L/∂out.W").toParseAs("(∂ L / out.W)");
  });

  it("parses statements of every kind", () => {
    expect("f(x, y) = x^2 y + 3y^2").toParseAs("(def f (x y) (+ (* (^ x 2) y) (* 3 (^ y 2))))");
    expect("A = [1, 2; 3, 4]").toParseAs("(:= A [1 2; 3 4])");
    expect("x ∈ ℝ^n").toParseAs("(∈ x ℝ^(n))");
    expect("W ∈ ℝ^(m×n)").toParseAs("(∈ W ℝ^(m×n))");
    expect("x, y in R").toParseAs("(∈ x y ℝ^())");
    expect("check d/dx σ(x) == σ(x)(1 + σ(x))").toParseAs("(check (== (d/x (σ x)) (* (σ x) (+ 1 (σ x)))))");
    expect("maximize x y subject to x + y = 10").toParseAs("(maximize (* x y) st (= (+ x y) 10))");
    expect('expect q1 ≡ 2x points 2 else if q1 ≡ -2x points 1 "sign"').toParseAs(
      '(expect (== q1 (* 2 x)) points 2 | (== q1 (* (neg 2) x)) points 1 "sign")',
    );
    expect("layer h1 = dense(784 → 128, relu)").toParseAs("(layer h1 (dense (→ 784 128) relu))");
    expect("net = h1 → h2 → out").toParseAs("(:= net (→ h1 h2 out))");
    expect("train net on data with adam(η = 0.01), epochs = 500").toParseAs(
      "(train net data (adam (= η 0.01)) (= epochs 500))",
    );
    expect("A ⊙ B, 3A").toParseAs("(⊙ A B), (* 3 A)");
    expect("plot(σ(x), x = -6..6)").toParseAs("(plot (σ x) (= x (.. (neg 6) 6)))");
  });
});
