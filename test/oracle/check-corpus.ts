// A corpus of `check` pairs with ground truth, built to catch a checker that samples too little:
// tiny coefficients, exact decimals, piecewise differences only beyond ±100, domain differences,
// disguised zeros, vectors and matrices, and generated polynomial and rational identities with
// one coefficient off. `for` restricts the comparison, as `check a == b for x > 0` does.
import { PAIRS, sympyForm } from "./check-pairs.js";

export interface CheckPair {
  a: string;
  b: string;
  equivalent: boolean;
  why: string;
  /** Conditions after `for`, when the pair is compared on a restricted domain. */
  where?: string;
}

const pair = (a: string, b: string, equivalent: boolean, why: string, where?: string): CheckPair => ({
  a,
  b,
  equivalent,
  why,
  where,
});

const SMOOTH = ["x^2", "sin(x)", "exp(x)", "x^3 - x", "log(x^2 + 1)", "σ(x)", "cos(x) + x", "tanh(x)"];

const tiny: CheckPair[] = SMOOTH.flatMap((f) => [
  pair(`${f} + 1e-12`, f, false, "a constant of 10⁻¹²"),
  pair(`(1 + 1e-10) (${f})`, f, false, "a factor 1 + 10⁻¹⁰"),
  pair(`${f} + 0.000000001 x`, f, false, "a tiny linear term"),
]).concat([
  pair("sin(x + 1e-9)", "sin(x)", false, "a shifted angle"),
  pair("exp(x + 1e-12)", "exp(x)", false, "a shifted exponent"),
  pair("x^2 + 1e-12", "x^2", false, "the issue's example"),
  pair("sqrt(x^2 + 1e-12)", "abs(x)", false, "a regularised norm is not |x|"),
]);

const decimals: CheckPair[] = [
  pair("x/3", "0.333333333333 x", false, "literals are exact"),
  pair("x/7", "0.142857142857 x", false, "literals are exact"),
  pair("2x/3", "0.666666666667 x", false, "literals are exact"),
  pair("0.1 x + 0.2 x", "0.3 x", true, "exact decimal arithmetic"),
  pair("x/8", "0.125 x", true, "a terminating decimal"),
  pair("1.5 x^2", "(3/2) x^2", true, "the same rational"),
  pair("0.1 + 0.2", "0.3", true, "exact, not binary floating point"),
  pair("x/4 + x/4", "0.5 x", true, "exact decimal"),
  pair("1e-3 x", "x/1000", true, "an exponent literal"),
  pair("2.5e2 x", "250 x", true, "an exponent literal"),
];

const far = [150, 300, 1000, 5000];
const piecewise: CheckPair[] = far
  .flatMap((t) => [
    pair(`x^2 + relu(x - ${t})`, "x^2", false, `differs only for x > ${t}`),
    pair(`min(x, ${t})`, "x", false, `clips at ${t}`),
    pair(`max(x, -${t})`, "x", false, `clips at −${t}`),
    pair(`min(max(x, -${t}), ${t})`, "x", false, `clips at ±${t}`),
    pair(`x + step(x - ${t})`, "x", false, `a jump at ${t}`),
    pair(`${t} hardtanh(x/${t})`, "x", false, `saturates beyond ±${t}`),
  ])
  .concat([
    pair("min(max(x, -3), 3)", "x", false, "the issue's example"),
    pair("x^2 + relu(x - 5)", "x^2", false, "the issue's example"),
    pair("relu(x)", "max(x, 0)", true, "the definition"),
    pair("abs(x)", "max(x, -x)", true, "|x| = max(x, −x)"),
    pair("relu(x) - relu(-x)", "x", true, "x = relu(x) − relu(−x)"),
    pair("abs(x)", "sqrt(x^2)", true, "√(x²) = |x|"),
    pair("relu(x)", "(x + abs(x))/2", true, "relu from |x|"),
    pair("min(x, y)", "(x + y - abs(x - y))/2", true, "min from |·|"),
    pair("max(x, y)", "(x + y + abs(x - y))/2", true, "max from |·|"),
    pair("hardtanh(x)", "min(max(x, -1), 1)", true, "the definition"),
    pair("leaky_relu(x, 0.1)", "max(x, 0.1 x)", true, "for a slope below 1"),
    pair("sign(x) abs(x)", "x", true, "x = sign(x)|x|"),
    pair("abs(x) abs(y)", "abs(x y)", true, "|x||y| = |xy|"),
    pair("abs(x - 2) + abs(x + 2)", "2 max(abs(x), 2)", true, "a sum of distances"),
    pair("relu(x - 1)", "relu(x) - 1", false, "not a shift"),
    pair("abs(x) + abs(y)", "abs(x + y)", false, "the triangle inequality is not an identity"),
    pair("max(x, y) + min(x, y)", "x + y", true, "max + min = sum"),
    pair("max(x, y) - min(x, y)", "abs(x - y)", true, "max − min = distance"),
    pair("step(x) + step(-x)", "1 + 0 x", false, "2 at x = 0 (step(0) = 1)"),
    pair("2 step(x)", "sign(x) + 1", false, "differ at x = 0"),
  ]);

const domains: CheckPair[] = [
  pair("log(x^2)", "2 log(x)", false, "log(x²) is defined for x < 0"),
  pair("sqrt(x y)", "sqrt(x) sqrt(y)", false, "√(xy) is defined for x, y < 0"),
  pair("exp(log(x))", "x", false, "exp(log x) is defined only for x > 0"),
  pair("log(x y)", "log(x) + log(y)", false, "both negative"),
  pair("log(x/y)", "log(x) - log(y)", false, "both negative"),
  pair("1/x", "exp(-log(x))", false, "1/x is defined for x < 0"),
  pair("sqrt(x^2)", "x", false, "differs for x < 0"),
  pair("asin(sin(x))", "x", false, "only on [−π/2, π/2]"),
  pair("log(x^2)", "2 log(x)", true, "the same for x > 0", "x > 0"),
  pair("sqrt(x y)", "sqrt(x) sqrt(y)", true, "the same for x, y > 0", "x > 0, y > 0"),
  pair("exp(log(x))", "x", true, "the same for x > 0", "x > 0"),
  pair("log(x y)", "log(x) + log(y)", true, "the same for x, y > 0", "x > 0, y > 0"),
  pair("sqrt(x^2)", "x", true, "the same for x ≥ 0", "x >= 0"),
  pair("sqrt(x^2)", "x", false, "differs for x < 0 inside the condition", "x > -1"),
  pair("abs(x - 1)", "x - 1", true, "the same for x > 1", "x > 1"),
  pair("abs(x - 1)", "x - 1", false, "differs for 0 < x < 1", "x > 0"),
  pair("(x^2 - 1)/(x - 1)", "x + 1", true, "a removable point at x = 1"),
  pair("(x^2 - 4)/(x + 2)", "x - 2", true, "a removable point at x = −2"),
  pair("(x^3 - x)/x", "x^2 - 1", true, "a removable point at x = 0"),
  pair("log(x) + log(x)", "2 log(x)", true, "the same domain"),
  pair("log(exp(x))", "x", true, "log ∘ exp"),
];

const zeros: CheckPair[] = [
  pair("sin(x)^2 + cos(x)^2", "1", true, "Pythagoras"),
  pair("sin(x)^2 + cos(x)^2 - 1", "0", true, "a disguised zero"),
  pair("σ(x) + σ(-x) - 1", "0", true, "a disguised zero"),
  pair("σ(x) + σ(-x)", "1", true, "symmetry of σ"),
  pair("cosh(x)^2 - sinh(x)^2", "1", true, "the hyperbolic identity"),
  pair("tanh(x)", "2σ(2x) - 1", true, "tanh from σ"),
  pair("sin(2x)", "2 sin(x) cos(x)", true, "double angle"),
  pair("cos(2x)", "cos(x)^2 - sin(x)^2", true, "double angle"),
  pair("cos(2x)", "1 - 2 sin(x)^2", true, "double angle"),
  pair("sin(3x)", "3 sin(x) - 4 sin(x)^3", true, "triple angle"),
  pair("tan(x)", "sin(x)/cos(x)", true, "the definition"),
  pair("exp(2x)", "exp(x)^2", true, "a power of exp"),
  pair("exp(x + y)", "exp(x) exp(y)", true, "exp of a sum"),
  pair("exp(x/2)^2", "exp(x)", true, "a half and a whole"),
  pair("sin(x + π)", "-sin(x)", true, "a half turn"),
  pair("cos(x - π/2)", "sin(x)", true, "a quarter turn"),
  pair("sin(x + y)", "sin(x) cos(y) + cos(x) sin(y)", true, "angle sum"),
  pair("(exp(x) - exp(-x))/2", "sinh(x)", true, "the definition"),
  pair("1 - tanh(x)^2", "1/cosh(x)^2", true, "sech²"),
  pair("σ(x)(1 - σ(x))", "exp(-x)/(1 + exp(-x))^2", true, "σ′"),
  pair("softplus(x) - softplus(-x)", "x", true, "log(1 + eˣ) − log(1 + e⁻ˣ) = x"),
  pair("log(σ(x))", "-softplus(-x)", true, "log σ = −softplus(−·)"),
  pair("sin(x)^2 + cos(x)^2", "1 + 1e-12", false, "a disguised near-one"),
  pair("σ(x) + σ(-x)", "1.000000001", false, "a disguised near-one"),
  pair("sin(x)^2 - cos(x)^2", "cos(2x)", false, "the sign is wrong"),
  pair("tanh(x)", "2σ(x) - 1", false, "the scale is wrong"),
  pair("sin(2x)", "2 sin(x)", false, "not linear"),
  pair("exp(x + y)", "exp(x) + exp(y)", false, "not additive"),
  pair("cosh(x)^2 + sinh(x)^2", "1", false, "the sign is wrong"),
  pair("sin(x + π/2)", "-cos(x)", false, "the sign is wrong"),
];

const arrays: CheckPair[] = [
  pair("[2x + y, x]", "[2x, x]", false, "the issue's example"),
  pair("[x, y]", "[x, y + 0]", true, "the same vector"),
  pair("[sin(x)^2, 1]", "[1 - cos(x)^2, sin(x)^2 + cos(x)^2]", true, "identities entrywise"),
  pair("[x, 1; 0, x]", "[x, 1; 0, x + 1e-12]", false, "one entry off by 10⁻¹²"),
  pair("[relu(x), abs(x)]", "[max(x, 0), x]", false, "the second entry differs for x < 0"),
  pair("[σ(x) + σ(-x), 2]", "[1, 2]", true, "a disguised one"),
  pair("[x^2, x y; x y, y^2]", "[x x, y x; x y, y y]", true, "the same products"),
  pair("[x^2, x y; x y, y^2]", "[x^2, x y; x y, y^2 + relu(y - 200)]", false, "differs only for y > 200"),
  pair("[log(x^2), 1]", "[2 log(x), 1]", false, "a domain difference in one entry"),
  pair("[1, 2, 3]", "[1, 2, 3.000000000001]", false, "exact literals"),
];

function binomial(n: number, k: number): number {
  let c = 1;
  for (let i = 0; i < k; i++) c = (c * (n - i)) / (i + 1);
  return c;
}

/** (x + a)ⁿ against its expansion, right and with one coefficient off by one. */
const polynomials: CheckPair[] = [];
for (const a of [1, 2, 3, -1, -2, 5]) {
  for (const n of [2, 3, 4, 5]) {
    const coefficients = Array.from({ length: n + 1 }, (_, k) => binomial(n, k) * a ** (n - k));
    const expansion = (cs: number[]) =>
      cs
        .map((c, k) => `${c < 0 ? "-" : "+"} ${Math.abs(c)} x^${k}`)
        .join(" ")
        .replace(/^\+ /, "");
    polynomials.push(
      pair(`(x + ${a})^${n}`.replace("+ -", "- "), expansion(coefficients), true, "the binomial theorem"),
    );
    const off = coefficients.map((c, k) => (k === (a + n) % (n + 1) ? c + 1 : c));
    polynomials.push(pair(`(x + ${a})^${n}`.replace("+ -", "- "), expansion(off), false, "one coefficient off by one"));
  }
}

/** Partial fractions, right and with one constant changed. */
const rationals: CheckPair[] = [];
for (const [a, b] of [
  [1, 2],
  [1, 3],
  [2, 5],
  [-1, 4],
  [3, -2],
  [0, 1],
]) {
  rationals.push(
    pair(`1/(x + ${a}) + 1/(x + ${b})`, `(2x + ${a + b})/((x + ${a})(x + ${b}))`, true, "a common denominator"),
  );
  rationals.push(
    pair(`1/(x + ${a}) + 1/(x + ${b})`, `(2x + ${a + b + 1})/((x + ${a})(x + ${b}))`, false, "the numerator is off"),
  );
  rationals.push(
    pair(`1/(x + ${a}) - 1/(x + ${b})`, `${b - a}/((x + ${a})(x + ${b}))`, true, "a difference of fractions"),
  );
}

/** The derivative answers of check-pairs.ts, as labelled there. */
const derivatives: CheckPair[] = PAIRS.map((p) => ({ ...p }));

export const CORPUS: CheckPair[] = [
  ...tiny,
  ...decimals,
  ...piecewise,
  ...domains,
  ...zeros,
  ...arrays,
  ...polynomials,
  ...rationals,
  ...derivatives,
];

/** Nabla's text as SymPy reads it (with the oracle's names for σ, relu, step, …). */
export function forSympy(text: string): string {
  return sympyForm(text).replace(/ᵀ/g, ".T").replace(/π/g, "pi");
}
