// Random variables as the notes use them: expectations and variances exact, the likelihood-to-loss
// link (BCE is the negative log-likelihood of a Bernoulli, squared error that of a Gaussian), and
// generated polynomials of random variables against sympy.stats (Debian's python3-sympy).
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { Session } from "../src/session.js";

const PYTHON = "/usr/bin/python3";
const hasSympy = spawnSync(PYTHON, ["-c", "import sympy.stats"]).status === 0;

function run(source: string): string[] {
  return new Session().run(source).map((r) => (r.status === "ok" ? r.text : `error: ${r.error?.message}`));
}

describe("distributions", () => {
  it("have the notes' means and variances", () => {
    expect(run("X = Bernoulli(p)\nE(X)\nVar(X)").slice(1)).toEqual(["p", "p - p^2"]);
    expect(run("X = Bernoulli(3/10)\nE(X)\nVar(X)").slice(1)).toEqual(["3/10", "21/100"]);
    expect(run("Y = Normal(μ, s)\nE(Y)\nE(Y^2)\nVar(Y)").slice(1)).toEqual(["μ", "μ^2 + s", "s"]);
    expect(run("U = Uniform(0, 1)\nE(U)\nVar(U)\nVar(2U + 5)").slice(1)).toEqual(["1/2", "1/12", "1/3"]);
    expect(run("C = Categorical([1/2, 1/4, 1/4])\nE(C)\npmf(C, 2)").slice(1)).toEqual(["3/4", "1/4"]);
  });

  it("take the notes' brackets, 𝔼[X] and Var[X], unless E is a name of the user's", () => {
    expect(run("X = Bernoulli(p)\n𝔼[X]\nE[X^2]\nVar[X]").slice(1)).toEqual(["p", "p", "p - p^2"]);
    expect(run("E = [5, 6]\nE[1]")[1]).toBe("5");
  });

  it("stay random inside other values: Y = 3X, Normal(2, 1)^2, Y = X + 1", () => {
    expect(run("X = Normal(2, 1)\nY = 3X\nVar(Y)\nE(Y)").slice(2)).toEqual(["9", "6"]);
    expect(run("Var(Normal(2, 1)^2)")[0]).toBe("18");
    expect(run("X = Bernoulli(0.3)\nY = X + 1\nE(Y)")[2]).toBe("13/10");
    expect(run("E(Bernoulli(0.3)^2)")[0]).toBe("3/10");
    // The same variable wherever its value appears; two calls are two independent variables.
    expect(run("X = Bernoulli(p)\nY = X + 1\nVar(X + Y)\nE(X + Y)").slice(2)).toEqual(["4*p - 4*p^2", "2*p + 1"]);
    expect(run("A = Bernoulli(p); B = Bernoulli(p)\nVar(A + B)\nVar(A + A)\nE(A B)").slice(2)).toEqual([
      "2*p - 2*p^2",
      "4*p - 4*p^2",
      "p^2",
    ]);
  });

  it("of several variables are independent", () => {
    expect(run("X = Bernoulli(p)\nU = Uniform(0, 2)\nE(X U)\nVar(X + U)").slice(2)).toEqual(["p", "p - p^2 + 1/3"]);
  });

  it("print as the calls that make them, and read back", () => {
    const session = new Session();
    const [made] = session.run("Normal(μ, σ^2)");
    expect(made.text).toBe("Normal(μ, σ^2)");
    expect(session.run(`E(${made.text})`)[0].text).toBe("μ");
  });

  it("refuse parameters that are not a distribution's", () => {
    expect(run("Bernoulli(2)")[0]).toMatch(/between 0 and 1/);
    expect(run("Categorical([1/2, 1/3])")[0]).toMatch(/add up to 5\/6/);
    expect(run("Normal(0, -1)")[0]).toMatch(/positive/);
    expect(run("Uniform(1, 1)")[0]).toMatch(/a < b/);
    expect(run("Y = Normal(0, s)\nE(sin(Y))")[1]).toMatch(/numeric parameters/);
  });
});

describe("X ~ D names a random variable", () => {
  it("as X = D does, shown with ∼", () => {
    const session = new Session();
    const [made, mean] = session.run("X ~ Bernoulli(p)\nE(X)");
    expect(made.pretty).toBe("X ∼ Bernoulli(p)");
    expect(made.latex).toBe("X \\sim \\operatorname{Bernoulli}\\left(p\\right)");
    expect(mean.text).toBe("p");
    // The printed form reads back.
    expect(new Session().run(`${made.pretty}\nE(X)`)[1].text).toBe("p");
    expect(run("Y ~ Normal(μ, s)\nVar(3Y + 1)").slice(1)).toEqual(["9*s"]);
  });

  it("needs a distribution on the right, and says where", () => {
    const [wrong] = new Session().run("Y ~ 3 + x");
    expect(wrong.status).toBe("error");
    expect(wrong.error?.message).toMatch(/Y ~ … needs a distribution: Bernoulli\(p\)/);
    expect(wrong.error?.column).toBe(5);
    // `~` is not an operator inside expressions.
    expect(new Session().run("W = X ~ Z")[0].error?.message).toMatch(/unexpected `~`/);
  });
});

describe("expectations of other functions", () => {
  it("of exponentials of a Gaussian are exact: E[e^(tX)] is the moment generating function", () => {
    expect(run("Y ~ Normal(m, s)\nE(exp(Y))\nE(exp(t Y))").slice(1)).toEqual(["exp(m + s/2)", "exp(s*t^2/2 + m*t)"]);
    expect(run("Z ~ Normal(1, 4)\nE(Z^2 exp(2Z))")[1]).toBe("85*exp(10)");
  });

  it("of exponentials of a uniform variable are exact, by parts", () => {
    expect(run("U ~ Uniform(0, 2)\nE(exp(U))\nE(U exp(-U))").slice(1)).toEqual(["(exp(2) - 1)/2", "(1 - 3/exp(2))/2"]);
  });

  it("of piecewise and saturating functions are integrated numerically", () => {
    const value = (source: string) => Number(run(source).at(-1));
    expect(value("N ~ Normal(0, 1)\nE(relu(N))")).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 10);
    expect(value("N ~ Normal(0, 1)\nE(abs(N))")).toBeCloseTo(Math.sqrt(2 / Math.PI), 10);
    expect(value("N ~ Normal(0, 1)\nE(σ(N))")).toBeCloseTo(0.5, 10);
    expect(value("U ~ Uniform(0, 2)\nE(log(U))")).toBeCloseTo(Math.log(2) - 1, 9);
    // A Bernoulli variable beside it is summed over first.
    // E[relu(N + 1)] = Φ(1) + φ(1) and E[relu(N)] = φ(0), with Φ(1) = 0.8413447460685429.
    const φ = (z: number) => Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI);
    expect(value("N ~ Normal(0, 1); B ~ Bernoulli(1/2)\nE(relu(N + B) - relu(N))")).toBeCloseTo(
      (0.8413447460685429 + φ(1) - φ(0)) / 2,
      10,
    );
  });

  it("say when they are undefined or may not exist, rather than give a number", () => {
    expect(run("Z ~ Normal(1, 4)\nE(log(Z))")[1]).toMatch(/undefined: the function has no real value at X = /);
    expect(run("Z ~ Normal(1, 4)\nE(1/(Z - 1))")[1]).toMatch(/undefined/);
    expect(run("Z ~ Normal(0, 1)\nE(exp(Z^2))")[1]).toMatch(/may not exist/);
    expect(run("U ~ Uniform(-1, 1)\nE(sqrt(U))")[1]).toMatch(/undefined/);
    expect(run("Z ~ Normal(0, 1)\nE(sin(Z + c))")[1]).toMatch(/c has none/);
  });
});

describe("likelihood and loss", () => {
  it("BCE is the negative log-likelihood of a Bernoulli with p = σ(z)", () => {
    expect(run("check -loglik(Bernoulli(σ(z)), y) == bce(y, σ(z))")[0]).toMatch(/equivalent/);
    expect(new Session().run("check -loglik(Bernoulli(σ(z)), y) == bce(y, σ(z))")[0].verdict).toBe("equivalent");
  });

  it("squared error is the negative log-likelihood of a Gaussian, up to a constant", () => {
    expect(new Session().run("check -loglik(Normal(ŷ, 1), y) - log(2π)/2 == (y - ŷ)^2/2")[0].verdict).toBe(
      "equivalent",
    );
  });

  it("of data multiplies over the observations", () => {
    expect(run("likelihood(Bernoulli(p), [1, 0, 1])")[0]).toBe("p^2*(1 - p)");
    expect(run("pmf(Bernoulli(p), y)")[0]).toBe("p^y*(1 - p)^(1 - y)");
  });
});

describe("samples", () => {
  it("are the same for the same seed, and their mean approaches E(X) (law of large numbers)", () => {
    const a = run("sample(Normal(2, 1), 5, seed = 4)")[0];
    expect(run("sample(Normal(2, 1), 5, seed = 4)")[0]).toBe(a);
    expect(run("sample(Normal(2, 1), 5, seed = 5)")[0]).not.toBe(a);
    const mean = (n: number) => Number(new Session().run(`N(mean(sample(Bernoulli(3/10), ${n}, seed = 9)))`)[0].text);
    expect(Math.abs(mean(20_000) - 0.3)).toBeLessThan(0.02);
    const labels = run("sample(Categorical([1/2, 1/4, 1/4]), 40, seed = 1)")[0];
    expect(labels).toMatch(/^\[[012](, [012])*\]$/);
  });
});

describe.skipIf(!hasSympy)("expectations against sympy.stats", () => {
  it("agree on 24 generated functions of Normal and Uniform variables (exponentials exact, the rest numerically)", () => {
    let s = 23;
    const next = (k: number) => ((s = (s * 48271) % 2147483647), s % k);
    const shapes = ["exp", "sin", "cos", "tanh", "relu", "σ", "softplus", "abs", "atan", "xexp"];
    const cases = Array.from({ length: 24 }, (_, i) => {
      const normal = i % 2 === 0;
      const params = normal ? [`${next(5) - 2}`, `${1 + next(4)}`] : [`${-1 - next(3)}`, `${1 + next(3)}`];
      const [a, b] = [`${1 + next(3)}/${1 + next(2)}`, `${next(5) - 2}`];
      const shape = shapes[i % shapes.length];
      const u = `(${a}*X + ${b})`;
      const g = shape === "xexp" ? `X*exp(${u})` : `${shape}(${u})`;
      return { family: normal ? "Normal" : "Uniform", params, g, a, b };
    });
    const ours = cases.map((c) => run(`X ~ ${c.family}(${c.params.join(", ")})\nN(E(${c.g}))`)[1]);
    // The reference integrates with mpmath (shipped with SymPy) at 30 digits, split where the
    // argument a·X + b crosses zero (the kinks of relu and abs).
    const script = `import json, sys
from sympy import Rational, Symbol, sympify, exp, log, Max, Abs, sqrt, pi, lambdify
import mpmath
mpmath.mp.dps = 30
x = Symbol("x", real=True)
names = {"sig": lambda u: 1 / (1 + exp(-u)), "relu": lambda u: Max(u, 0), "softplus": lambda u: log(1 + exp(u)), "abs": Abs}
out = []
for c in json.load(sys.stdin):
    p = [Rational(v) for v in c["params"]]
    g = sympify(c["g"].replace("X", "x").replace("σ", "sig"), locals=names)
    kink = -Rational(c["b"]) / Rational(c["a"])
    if c["family"] == "Normal":
        f = lambdify(x, g * exp(-(x - p[0]) ** 2 / (2 * p[1])) / sqrt(2 * pi * p[1]), "mpmath")
        cuts = sorted({p[0] - 12 * sqrt(p[1]), p[0], kink, p[0] + 12 * sqrt(p[1])})
        value = mpmath.quad(f, [-mpmath.inf] + [float(c) for c in cuts] + [mpmath.inf])
    else:
        f = lambdify(x, g / (p[1] - p[0]), "mpmath")
        cuts = [p[0]] + ([kink] if p[0] < kink < p[1] else []) + [p[1]]
        value = mpmath.quad(f, [float(c) for c in cuts])
    out.append(mpmath.nstr(value, 17))
print(json.dumps(out))`;
    const r = spawnSync(PYTHON, ["-c", script], { input: JSON.stringify(cases), encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const reference = (JSON.parse(r.stdout) as string[]).map(Number);
    cases.forEach((c, i) => {
      const ourValue = Number(ours[i]);
      expect(Math.abs(ourValue - reference[i]), `E(${c.g}) for ${c.family}(${c.params}): ${ours[i]}`).toBeLessThan(
        1e-8 * Math.max(1, Math.abs(reference[i])),
      );
    });
  }, 240_000);

  it("agree on 24 generated polynomials of Bernoulli, Normal and Uniform variables", () => {
    let s = 17;
    const next = (k: number) => ((s = (s * 48271) % 2147483647), s % k);
    const cases = Array.from({ length: 24 }, (_, i) => {
      const family = ["Bernoulli", "Normal", "Uniform"][i % 3];
      const params =
        family === "Bernoulli"
          ? [`${1 + next(9)}/10`]
          : family === "Normal"
            ? [`${next(7) - 3}`, `${1 + next(5)}`]
            : [`${-next(4)}`, `${1 + next(4)}`];
      const degree = 1 + next(4);
      const terms = Array.from({ length: degree + 1 }, (_, k) => `${next(9) - 4}*X^${k}`);
      return { family, params, g: terms.join(" + ") };
    });
    const ours = cases.map((c) => run(`X = ${c.family}(${c.params.join(", ")})\nE(${c.g})\nVar(${c.g})`).slice(1));
    // Each distribution's moments from sympy.stats; E and Var of a polynomial follow from them.
    const script = `import json, sys
from sympy import Rational, Poly, Symbol, sympify
from sympy.stats import Bernoulli, Normal, Uniform, moment
x = Symbol("x")
out = []
for c in json.load(sys.stdin):
    p = [Rational(v) for v in c["params"]]
    X = Bernoulli("X", p[0]) if c["family"] == "Bernoulli" else Normal("X", p[0], p[1] ** Rational(1, 2)) if c["family"] == "Normal" else Uniform("X", p[0], p[1])
    g = Poly(sympify(c["g"].replace("X", "x")), x)
    m = [moment(X, k) for k in range(2 * g.degree() + 1)]
    terms = [(k, cf) for (k,), cf in g.terms()]
    mean = sum(cf * m[k] for k, cf in terms)
    square = sum(a * b * m[j + k] for j, a in terms for k, b in terms)
    out.append([str(mean), str(square - mean ** 2)])
print(json.dumps(out))`;
    const r = spawnSync(PYTHON, ["-c", script], { input: JSON.stringify(cases), encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const reference = JSON.parse(r.stdout) as string[][];
    const asNumber = (text: string) => {
      const [n, d] = text.split("/").map(Number);
      return d === undefined ? n : n / d;
    };
    cases.forEach((c, i) => {
      expect(asNumber(ours[i][0]), `E of ${c.g} for ${c.family}(${c.params})`).toBeCloseTo(
        asNumber(reference[i][0]),
        9,
      );
      expect(asNumber(ours[i][1]), `Var of ${c.g} for ${c.family}(${c.params})`).toBeCloseTo(
        asNumber(reference[i][1]),
        9,
      );
    });
  }, 240_000);
});
