// The forms Nabla prints parse as what they mean, and the names of issue 13 parse and evaluate.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/session.js";

function last(code: string) {
  const results = new Session().run(code);
  return results[results.length - 1];
}

describe("printed forms parse", () => {
  it("reads the printed minus, ×, · and superscripts", () => {
    expect("1 − 2").toParseAs("(- 1 2)");
    expect("−x^2").toParseAs("(neg (^ x 2))");
    expect("x^−2").toParseAs("(^ x (neg 2))");
    expect("3 × 4").toParseAs("(* 3 4)");
    expect("a · b").toParseAs("(· a b)");
    expect("x²").toParseAs("(^ x 2)");
    expect("x⁻²").toParseAs("(^ x (neg 2))");
    expect("X⁻¹").toParseAs("(^ X (neg 1))");
    expect("X⁻ᵀ").toParseAs("(ᵀ (^ X (neg 1)))");
  });

  it("reads roots as the root of the number, name or parenthesis after the sign", () => {
    expect("√2").toParseAs("(sqrt 2)");
    expect("√(x + 1)").toParseAs("(sqrt (+ x 1))");
    expect("√2x").toParseAs("(* (sqrt 2) x)");
    expect("2√3").toParseAs("(* 2 (sqrt 3))");
    expect("√x²").toParseAs("(^ (sqrt x) 2)");
    expect("∛x").toParseAs("(^ x (/ 1 3))");
    expect("∜(x + 1)").toParseAs("(^ (+ x 1) (/ 1 4))");
  });

  it("reads a scaled matrix as a product, not an index", () => {
    expect("(1/10)[6, −7; −2, 4]").toParseAs("(* (/ 1 10) [6 (neg 7); (neg 2) 4])");
  });

  it("reads d^2/dx^2 and ∂^2/∂x^2 as second derivatives", () => {
    expect("d^2/dx^2 sin(x^2)").toParseAs("(d/x^2 (sin (^ x 2)))");
    expect("d²/dx² sin(x^2)").toParseAs("(d/x^2 (sin (^ x 2)))");
    expect("∂^2/∂x^2 f").toParseAs("(d/x^2 f)");
    expect("∂²/∂x∂y f").toParseAs("(d/x,y f)");
    expect("d^2 + 1").toParseAs("(+ (^ d 2) 1)");
  });

  it("reads help of an operator symbol", () => {
    for (const [symbol, topic] of [
      ["∇", "grad"],
      ["⊙", "hadamard"],
      ["∂", "diff"],
      ["⊗", "outer"],
      ["Σ", "sum"],
      ["√", "sqrt"],
    ]) {
      expect(`help(${symbol})`).toParseAs(`(help ${topic})`);
      expect(last(`help(${symbol})`).effects[0]?.kind, symbol).toBe("pager");
    }
  });
});

describe("values of the printed forms", () => {
  it("evaluates second derivatives written every way", () => {
    for (const form of ["d^2/dx^2", "d²/dx²", "∂²/∂x²", "∂^2/∂x^2"])
      expect(`${form} sin(x^2)`).toEvaluateTo("2*cos(x^2) - 4*x^2*sin(x^2)");
    expect("∂²/∂x∂y x^2 y^3").toEvaluateTo("6*x*y^2");
  });

  it("makes [a; b; c] the vector [a, b, c] and keeps matrices and rows", () => {
    expect("[1; 3; 5] == [1, 3, 5]").toEvaluateTo("[1, 3, 5] == [1, 3, 5]");
    expect(last("[1; 3; 5]").value).toBe(last("[1, 3, 5]").value);
    expect(last("[1; 3; 5]").value?.shape).toEqual([3]);
    expect(last("[1, 2; 3, 4]").value?.shape).toEqual([2, 2]);
    expect(last("[1, 2, 3]").value?.shape).toEqual([3]);
    expect(last("[1, 2]ᵀ").value?.shape).toEqual([1, 2]);
    expect("[1, 2; 3, 4] [5; 6]").toEvaluateTo("[17, 39]");
  });

  it("defines step(0) = 1 wherever step is evaluated", () => {
    expect("step(0)").toEvaluateTo("1");
    expect("step(-1/1000)").toEvaluateTo("0");
    expect("N(step(0.0))").toEvaluateTo("1.0");
    expect("step([-1, 0, 1])").toEvaluateTo("[0, 1, 1]");
    expect(new Session().compile("x ∈ ℝ^3\nstep(x)").run({ x: [-1, 0, 2] }).data).toEqual(new Float64Array([0, 1, 1]));
  });
});

describe("names", () => {
  it("refuses a definition that uses itself, with the span of the use", () => {
    const [r] = new Session().run("g(x) = g(x) + 1");
    expect(r.status).toBe("error");
    expect(r.error?.message).toBe("g is defined in terms of itself: a definition cannot use the function it defines");
    expect(r.error?.column).toBe(8);
    const mutual = new Session().run("f(x) = h(x) + 1\nh(x) = f(x)");
    expect(mutual[1].error?.message).toBe(
      "h is defined in terms of itself through f: a definition cannot use the function it defines",
    );
    const viaValue = new Session().run("a = k(1)\nk(x) = x + a");
    expect(viaValue[1].error?.message).toBe(
      "k is defined in terms of itself through a: a definition cannot use the function it defines",
    );
    expect(viaValue[1].error?.column).toBe(12);
    // Redefining in terms of another function, and a parameter named like a value, are fine.
    expect(new Session().run("f(x) = x^2\ng(x) = f(x) + 1\nf(x) = g(x)").map((r) => r.status)).toEqual([
      "ok",
      "ok",
      "ok",
    ]);
  });

  it("warns when an unknown name is applied like a function", () => {
    for (const [code, warning] of [
      ["foo(x)", "foo is not a function; read as foo·x"],
      ["factorial(5)", "factorial is not a function; read as factorial·5"],
      ["arcsine(x + 1)", "arcsine is not a function; read as arcsine·(x + 1) — did you mean arcsin?"],
      ["f(2)", "f is not a function; read as f·2"],
    ]) {
      const r = last(code);
      expect(r.status, code).toBe("ok");
      expect(r.effects, code).toEqual([{ kind: "stderr", text: `warning: ${warning}\n` }]);
    }
    // n(n + 1) is the product it always was, without a word.
    expect(last("n(n + 1)").effects).toEqual([]);
    expect(last("n(n + 1)").text).toBe("n*(n + 1)");
  });

  it("knows the inverse trigonometric and hyperbolic functions and the reciprocal ones", () => {
    expect("atan(1)").toEvaluateTo("pi/4");
    expect("asin(1/2)").toEvaluateTo("pi/6");
    expect("acos(-1)").toEvaluateTo("pi");
    expect("atan2(1, -1)").toEvaluateTo("3*pi/4");
    expect("atan2(-2, 0)").toEvaluateTo("-pi/2");
    expect("sec(0) + asinh(0) + atanh(0) + acosh(1)").toEvaluateTo("1");
    expect("d/dx atan(x)").toEvaluateTo("1/(x^2 + 1)");
    expect("d/dx asin(x)").toEvaluateTo("1/sqrt(1 - x^2)");
    expect("d/dx sec(x)").toEvaluateTo("sec(x)*tan(x)");
    expect("d/dx cot(x)").toEvaluateTo("-(cot(x)^2 + 1)");
    expect("arctan(x)").toEvaluateTo("atan(x)");
    for (const [code, latex] of [
      ["atan(x)", "\\arctan\\left(x\\right)"],
      ["sec(x)", "\\sec\\left(x\\right)"],
      ["asinh(x)", "\\operatorname{arsinh}\\left(x\\right)"],
      ["atan2(y, x)", "\\operatorname{atan2}\\left(y, x\\right)"],
    ]) {
      expect(last(code).latex).toBe(latex);
    }
  });
});

describe("the operator rows' derivatives", () => {
  // Each scalar row's partials against central differences of its own float kernel, at points inside its domain.
  const ROWS: [string, number, number][] = [
    ["asin", -0.9, 0.9],
    ["acos", -0.9, 0.9],
    ["atan", -5, 5],
    ["sec", -1.2, 1.2],
    ["csc", 0.2, 3],
    ["cot", 0.2, 3],
    ["asinh", -5, 5],
    ["acosh", 1.1, 5],
    ["atanh", -0.9, 0.9],
    ["sin", -5, 5],
    ["tan", -1.2, 1.2],
    ["log", 0.1, 5],
    ["sigmoid", -5, 5],
  ];
  it.each(ROWS)("%s", async (name, lo, hi) => {
    const { lookupOperator } = await import("../../src/graph/operators.js");
    const { sym } = await import("../../src/graph/construct.js");
    const { floatValue } = await import("../../src/graph/evalf.js");
    const { substitute } = await import("../../src/engine/substitute.js");
    const { float } = await import("../../src/graph/construct.js");
    const entry = lookupOperator(name)!;
    const x = sym("x");
    const [partial] = entry.partials!([x]);
    for (let k = 0; k <= 20; k++) {
      const at = lo + ((hi - lo) * k) / 20;
      const h = 1e-6;
      const fd = (entry.float!(at + h) - entry.float!(at - h)) / (2 * h);
      const exact = floatValue(substitute(partial, new Map([[x, float(at)]])))!;
      expect(exact, `${name}' at ${at}`).toBeCloseTo(fd, 5);
    }
  });

  it("atan2 in both arguments", async () => {
    const { lookupOperator } = await import("../../src/graph/operators.js");
    const { sym, float } = await import("../../src/graph/construct.js");
    const { floatValue } = await import("../../src/graph/evalf.js");
    const { substitute } = await import("../../src/engine/substitute.js");
    const entry = lookupOperator("atan2")!;
    const [y, x] = [sym("y"), sym("x")];
    const partials = entry.partials!([y, x]);
    for (const [py, px] of [
      [1, 2],
      [-1, 0.5],
      [3, -2],
      [-0.5, -4],
    ]) {
      const h = 1e-6;
      const fd = [
        (Math.atan2(py + h, px) - Math.atan2(py - h, px)) / (2 * h),
        (Math.atan2(py, px + h) - Math.atan2(py, px - h)) / (2 * h),
      ];
      partials.forEach((p, i) =>
        expect(
          floatValue(
            substitute(
              p,
              new Map([
                [y, float(py)],
                [x, float(px)],
              ]),
            ),
          )!,
        ).toBeCloseTo(fd[i], 5),
      );
    }
  });
});
