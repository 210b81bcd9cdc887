// The notes' own notation for functions: tanh′(z) = 1 − tanh²(z), σ′(z) = σ(z)(1 − σ(z)). A power on a
// function's name is the power of its value; a prime on a built-in function is its derivative; a
// function's or command's name with its argument not in brackets (sin x, grad f) is an error that
// says how to write it, never a product with a symbol named sin.
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";

function shown(code: string, session = new Session()): string {
  const results = session.run(code);
  const r = results[results.length - 1];
  return r.error ? `error: ${r.error.message}` : r.pretty;
}

const FUNCTIONS = ["sin", "cos", "tan", "sinh", "cosh", "tanh", "exp", "log", "sqrt", "abs", "σ", "relu", "softplus"];
const POWERS = [
  ["^2", "2"],
  ["^3", "3"],
  ["²", "2"],
  ["³", "3"],
  ["^10", "10"],
] as const;

describe("a power on a function's name", () => {
  const cases = FUNCTIONS.flatMap((f) => POWERS.map(([written, n]) => [f, written, n] as const));
  it.each(cases)("%s%s(u) is %s(u)^%s", (f, written, n) => {
    for (const u of ["x", "2x + 1", "x y", "0.5"])
      expect(shown(`${f}${written}(${u})`), u).toBe(shown(`${f}(${u})^${n}`));
  });

  it("reads the same in a long statement, which only the quick reader takes", () => {
    const long = Array.from({ length: 400 }, (_, k) => `sin^2(${k}x)`).join(" + ");
    const written = Array.from({ length: 400 }, (_, k) => `sin(${k}x)^2`).join(" + ");
    expect(shown(long)).toBe(shown(written));
  });

  it("takes only one bracketed argument, and only positive whole powers", () => {
    expect(shown("sin^2(x)(y)")).toBe(shown("sin(x)^2 y"));
    expect(shown("sin^2(x) y")).toBe(shown("sin(x)^2 y"));
    expect(shown("sin^(-1)(x)")).toMatch(/^error: sin is a function/);
    expect(shown("sin^2 x")).toMatch(/^error: sin is a function: write sin\(x\)/);
  });

  it("checks the notes' identities", () => {
    expect(shown("check sin^2(x) + cos^2(x) == 1")).toMatch(/^✓ equivalent/);
    expect(shown("check d/dz tanh(z) == 1 - tanh^2(z)")).toMatch(/^✓ equivalent/);
    expect(shown("check cosh²(x) - sinh²(x) == 1")).toMatch(/^✓ equivalent/);
    expect(shown("check sin^2(x) == sin(x^2)")).toMatch(/^✗ not equivalent/);
  });
});

describe("a prime on a built-in function", () => {
  it.each([
    ["σ'(z)", "d/dz σ(z)"],
    ["tanh'(z)", "d/dz tanh(z)"],
    ["sin''(x)", "d²/dx² sin(x)"],
    ["exp'(2x)", "exp(2x)"],
    ["log'(x)", "d/dx log(x)"],
    ["relu'(x)", "d/dx relu(x)"],
    ["softplus'(x)", "d/dx softplus(x)"],
    ["atan'(x)", "d/dx atan(x)"],
  ])("%s is %s", (primed, derivative) => {
    expect(shown(primed)).toBe(shown(derivative));
  });

  it("at a point and of an expression: the derivative, then the argument", () => {
    expect(shown("tanh'(0)")).toBe("1");
    expect(shown("σ'(0)")).toBe("1/4");
    expect(shown("sin'(x^2)")).toBe(shown("cos(x^2)"));
  });

  it("the notes' identities hold", () => {
    expect(shown("check σ'(z) == σ(z)(1 - σ(z))")).toMatch(/^✓ equivalent/);
    expect(shown("check tanh'(z) == 1 - tanh^2(z)")).toMatch(/^✓ equivalent/);
  });

  it("a name that is no function of one variable has no prime", () => {
    expect(shown("foo'(x)")).toBe("error: foo is not a function, so foo' means nothing");
    expect(shown("max'(x)")).toBe("error: max is not a function, so max' means nothing");
    expect(shown("sin'(x, y)")).toBe("error: sin' takes one argument, not 2");
    expect(shown("σ'([1, 2])")).toBe("error: σ' takes a scalar, not a vector of length 2");
  });
});

describe("a function's or command's name juxtaposed with its argument", () => {
  it.each(FUNCTIONS.filter((f) => f !== "σ"))("%s x is an error saying to write brackets", (f) => {
    expect(shown(`${f} x`)).toMatch(new RegExp(`^error: ${f} is a function: write ${f}\\(x\\)`));
    expect(shown(`d/dx ${f} x`)).toMatch(/^error: /);
    expect(shown(`2 ${f} x`)).toMatch(/^error: /);
  });

  it.each(["grad f", "hessian f", "solve x", "taylor f", "diff f"])("%s says to call the command", (code) => {
    const s = new Session();
    s.run("f(x, y) = x^2 y");
    expect(shown(code, s)).toMatch(/^error: \w+ is a command: write it with brackets, as in /);
  });

  it("leaves names the user gave, one-letter names and calls alone", () => {
    const s = new Session();
    s.run("E = 3");
    expect(shown("E x", s)).toBe("3x");
    expect(shown("x sin(x)")).toBe("x sin(x)");
    expect(shown("2 sin(x) cos(x)")).toBe("2 cos(x) sin(x)");
    const t = new Session();
    t.run("grad = 2");
    expect(shown("grad x", t)).toBe("2x");
  });
});
