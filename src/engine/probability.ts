// Random variables of the course notes: Bernoulli, Categorical, Normal and Uniform distributions as
// values, their expectations E(g(X)) and variances (exact: over the support for the discrete ones,
// by moments for polynomials of the continuous ones), their pmf/pdf, the likelihood and
// log-likelihood of data, and seeded samples. Several random variables in one expectation are taken
// as independent.
import { mathError } from "../errors.js";
import {
  HALF,
  ONE,
  ZERO,
  add,
  addAll,
  apply,
  constant,
  div,
  float,
  int,
  mul,
  mulAll,
  neg,
  pow,
  str,
  struct,
  sub,
  sym,
  tensor,
} from "../graph/construct.js";
import type { Node, Struct, Sym } from "../graph/node.js";
import { freeSymbols, rewrite } from "../graph/traverse.js";
import { reserveEntries } from "../budget.js";
import { Random } from "../nn/random.js";
import { integrate } from "../numeric/quadrature.js";
import { expand } from "./expand.js";
import { scalarKernel } from "./scalar-kernel.js";
import { substitute } from "./substitute.js";

export type Family = "Bernoulli" | "Categorical" | "Normal" | "Uniform";

export const DISTRIBUTION = "distribution";

let made = 0;

/**
 * A distribution value: its family and parameters, by name, and an identity of its own — each call
 * makes a new random variable, so X = Bernoulli(p) and Z = Bernoulli(p) are two independent ones
 * even inside other values (Y = X + Z), while Y = X + 1 keeps X's.
 */
export function distribution(family: Family, params: { name: string; value: Node }[]): Struct {
  return struct(DISTRIBUTION, [
    { name: "family", value: str(family) },
    ...params,
    { name: "id", value: str(`${family}#${++made}`) },
  ]);
}

export function isDistribution(n: Node | undefined): n is Struct {
  return n?.kind === "record" && n.tag === DISTRIBUTION;
}

function familyOf(d: Struct): Family {
  const f = d.fields[0].value;
  return (f.kind === "str" ? f.value : "") as Family;
}

function param(d: Struct, name: string): Node {
  const found = d.fields.find((f) => f.name === name);
  if (!found) throw mathError(`the distribution has no parameter ${name}`);
  return found.value;
}

/** A number's sign where it is known (exact or float), else undefined. */
function knownValue(n: Node): number | undefined {
  return n.kind === "num" ? n.value.toNumber() : n.kind === "float" ? n.value : undefined;
}

export function bernoulli(p: Node): Struct {
  const v = knownValue(p);
  if (v !== undefined && (v < 0 || v > 1)) throw mathError(`a Bernoulli probability is between 0 and 1, not ${v}`);
  return distribution("Bernoulli", [{ name: "p", value: p }]);
}

export function categorical(p: Node): Struct {
  if (p.kind !== "tensor" || p.shape.length !== 1)
    throw mathError("Categorical needs a vector of class probabilities [p₀, p₁, …]");
  for (const x of p.entries) {
    const v = knownValue(x);
    if (v !== undefined && v < 0) throw mathError(`a probability cannot be negative (${v})`);
  }
  const total = addAll(p.entries);
  const t = knownValue(total);
  if (t !== undefined && Math.abs(t - 1) > (total.kind === "num" ? 0 : 1e-9))
    throw mathError(`the class probabilities add up to ${total.kind === "num" ? total.value.toString() : t}, not 1`);
  return distribution("Categorical", [{ name: "p", value: p }]);
}

export function normal(mean: Node, variance: Node): Struct {
  const v = knownValue(variance);
  if (v !== undefined && v <= 0) throw mathError(`a normal distribution's variance σ² is positive, not ${v}`);
  return distribution("Normal", [
    { name: "μ", value: mean },
    { name: "σ²", value: variance },
  ]);
}

export function uniform(a: Node, b: Node): Struct {
  const [x, y] = [knownValue(a), knownValue(b)];
  if (x !== undefined && y !== undefined && !(x < y)) throw mathError(`Uniform(a, b) needs a < b, not ${x} and ${y}`);
  return distribution("Uniform", [
    { name: "a", value: a },
    { name: "b", value: b },
  ]);
}

/** The support of a discrete distribution with each point's probability. */
function support(d: Struct): [Node, Node][] | undefined {
  switch (familyOf(d)) {
    case "Bernoulli": {
      const p = param(d, "p");
      return [
        [ZERO, sub(ONE, p)],
        [ONE, p],
      ];
    }
    case "Categorical": {
      const p = param(d, "p");
      return p.kind === "tensor" ? p.entries.map((pk, k) => [int(k), pk]) : undefined;
    }
    default:
      return undefined;
  }
}

function doubleFactorial(n: number): bigint {
  let r = 1n;
  for (let k = n; k > 1; k -= 2) r *= BigInt(k);
  return r;
}

function binomial(n: number, k: number): bigint {
  let r = 1n;
  for (let i = 1; i <= k; i++) r = (r * BigInt(n - k + i)) / BigInt(i);
  return r;
}

/** E[Xᵏ] of a continuous distribution. */
function moment(d: Struct, k: number): Node {
  if (k === 0) return ONE;
  if (familyOf(d) === "Normal") {
    const [mu, s2] = [param(d, "μ"), param(d, "σ²")];
    const terms: Node[] = [];
    for (let j = 0; j <= k; j += 2)
      terms.push(mul(int(binomial(k, j)), pow(mu, int(k - j)), pow(s2, int(j / 2)), int(doubleFactorial(j - 1))));
    return addAll(terms);
  }
  const [a, b] = [param(d, "a"), param(d, "b")];
  return div(sub(pow(b, int(k + 1)), pow(a, int(k + 1))), mul(int(k + 1), sub(b, a)));
}

/** The power of x in one factor of a product, or null when x appears any other way. */
function powerOf(f: Node, x: Sym): number | null {
  if (f === x) return 1;
  if (f.kind === "pow" && f.base === x && f.exp.kind === "num" && f.exp.value.isInteger() && f.exp.value.sign() > 0)
    return Number(f.exp.value.num);
  return freeSymbols(f).includes(x) ? null : 0;
}

/** A polynomial in x, term by term: the coefficient of x¹ and the rest, or null when x appears otherwise. */
function linearIn(u: Node, x: Sym): { slope: Node; rest: Node } | null {
  const expanded = expand(u);
  const slope: Node[] = [];
  const rest: Node[] = [];
  for (const term of expanded.kind === "add" ? expanded.terms : [expanded]) {
    const factors = term.kind === "mul" ? term.factors : [term];
    const powers = factors.map((f) => powerOf(f, x));
    if (powers.some((p) => p === null)) return null;
    const k = (powers as number[]).reduce((s, p) => s + p, 0);
    if (k > 1) return null;
    if (k === 0) rest.push(term);
    else slope.push(mulAll(factors.filter((_, i) => powers[i] === 0)));
  }
  return { slope: addAll(slope), rest: addAll(rest) };
}

const isExp = (f: Node): f is Node & { kind: "pow" } =>
  f.kind === "pow" && f.base.kind === "const" && f.base.name === "e";

/**
 * One term xᵏ·e^(t x + c)·(rest without x), or null when x appears any other way: the forms whose
 * expectation is exact for a Gaussian (E[Xᵏ e^(tX)] = M(t)·E[Yᵏ] with Y ~ N(μ + tσ², σ²), the
 * exponential tilting of X) and for a uniform variable (by parts).
 */
function splitTerm(term: Node, x: Sym): { k: number; t: Node; rest: Node[] } | null {
  let k = 0;
  const exponents: Node[] = [];
  const rest: Node[] = [];
  for (const f of term.kind === "mul" ? term.factors : [term]) {
    const p = powerOf(f, x);
    if (p === 0) rest.push(f);
    else if (p !== null) k += p;
    else if (isExp(f)) exponents.push(f.exp);
    else return null;
  }
  const linear = linearIn(addAll(exponents), x);
  if (!linear) return null;
  if (exponents.length > 0) rest.push(pow(constant("e"), linear.rest));
  return { k, t: linear.slope, rest };
}

/** ∫ₐᵇ xᵏ e^(tx) dx for a nonzero number t: e^(tx) Σⱼ (−1)ʲ k!/(k−j)! x^(k−j)/t^(j+1), by parts. */
function uniformExpMoment(d: Struct, k: number, t: Node): Node {
  const [a, b] = [param(d, "a"), param(d, "b")];
  const antiderivative = (x: Node) => {
    const terms: Node[] = [];
    let falling = 1n;
    for (let j = 0; j <= k; j++) {
      if (j > 0) falling *= BigInt(k - j + 1);
      terms.push(mul(int(j % 2 === 0 ? falling : -falling), pow(x, int(k - j)), pow(t, int(-(j + 1)))));
    }
    return mul(pow(constant("e"), mul(t, x)), addAll(terms));
  };
  return div(sub(antiderivative(b), antiderivative(a)), sub(b, a));
}

/** E over x ~ d, exactly, of a sum of terms xᵏ·e^(tx)·…; null when g has other forms in x. */
function exactContinuous(g: Node, x: Sym, d: Struct): Node | null {
  const expanded = expand(g);
  const out: Node[] = [];
  for (const term of expanded.kind === "add" ? expanded.terms : [expanded]) {
    const split = splitTerm(term, x);
    if (!split) return null;
    const { k, t, rest } = split;
    if (t === ZERO) out.push(mul(...rest, moment(d, k)));
    else if (familyOf(d) === "Normal") {
      const [mu, s2] = [param(d, "μ"), param(d, "σ²")];
      const generating = pow(constant("e"), add(mul(t, mu), mul(HALF, pow(t, int(2)), s2)));
      out.push(mul(...rest, generating, moment(normalLike(add(mu, mul(t, s2)), s2), k)));
    } else {
      const tv = knownValue(apply("N", [t]));
      if (tv === undefined || tv === 0) return null;
      out.push(mul(...rest, uniformExpMoment(d, k, t)));
    }
  }
  return addAll(out);
}

/** A Normal distribution used only for its moments (no identity of its own). */
function normalLike(mean: Node, variance: Node): Struct {
  return struct(DISTRIBUTION, [
    { name: "family", value: str("Normal") },
    { name: "μ", value: mean },
    { name: "σ²", value: variance },
  ]);
}

/** A distribution parameter as a number, or undefined when it is symbolic. */
function numericParam(d: Struct, name: string): number | undefined {
  return knownValue(apply("N", [param(d, name)]));
}

/**
 * E(g(X)) by numerical integration, for g without another closed form: ∫ g(μ + σz) φ(z) dz over
 * |z| ≤ 38 (beyond it φ is below 10⁻³¹³) for a Gaussian, ∫ₐᵇ g/(b − a) for a uniform variable.
 * Needs numeric parameters and no other symbol; says when the integral may not exist or when g is
 * undefined where X has probability.
 */
function numericContinuous(g: Node, x: Sym, d: Struct): Node {
  const family = familyOf(d);
  const others = freeSymbols(g).filter((s) => s !== x);
  const reason = `E(…) of a ${family} variable is exact for polynomials and exponentials e^(tX); for other functions it is computed numerically, which needs`;
  if (others.length > 0)
    throw mathError(`${reason} every other symbol to have a value (${others.map((s) => s.name).join(", ")} has none)`);
  const f = scalarKernel(g, [x]);
  const at = (v: number) => f([v]);
  let result;
  let toX = (v: number) => v;
  if (family === "Normal") {
    const [mu, s2] = [numericParam(d, "μ"), numericParam(d, "σ²")];
    if (mu === undefined || s2 === undefined) throw mathError(`${reason} numeric parameters μ and σ²`);
    const s = Math.sqrt(s2);
    toX = (z) => mu + s * z;
    const weighted = (z: number) => {
      const y = at(mu + s * z);
      const w = Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI);
      return w === 0 ? 0 : y * w;
    };
    for (const z of [-38, 38]) {
      const tail = weighted(z);
      if (Number.isNaN(tail)) throw undefinedAt(mu + s * z);
      if (!Number.isFinite(tail) || Math.abs(tail) > 1e-30)
        throw mathError(
          `E(…) may not exist: the function grows as fast as the Gaussian density falls (at X = ${shortNumber(mu + s * z)})`,
        );
    }
    result = integrate(weighted, -38, 38, { breakpoints: [-8, 0, 8] });
  } else {
    const [a, b] = [numericParam(d, "a"), numericParam(d, "b")];
    if (a === undefined || b === undefined) throw mathError(`${reason} numeric bounds a and b`);
    result = integrate((v) => at(v) / (b - a), a, b);
  }
  if (!result.ok && result.reason === "not-a-number") throw undefinedAt(toX(result.at));
  if (!result.ok)
    throw mathError(
      `E(…) was not computed: numerical integration did not reach 11 digits (estimate ${result.value} ± ${result.error})`,
    );
  return float(result.value);
}

const shortNumber = (v: number) => String(Number(v.toPrecision(6)));

const undefinedAt = (v: number) =>
  mathError(`E(…) is undefined: the function has no real value at X = ${shortNumber(v)}, which X can take`);

/** E over one variable x ~ d of an expression g in x (and other symbols). */
function expectOver(g: Node, x: Sym, d: Struct): Node {
  if (!freeSymbols(g).includes(x)) return g;
  const points = support(d);
  if (points) return addAll(points.map(([value, p]) => mul(p, substitute(g, new Map([[x as Node, value]])))));
  return exactContinuous(g, x, d) ?? numericContinuous(g, x, d);
}

/** E(g(X₁, X₂, …)) with each Xᵢ ~ its distribution, independent. */
export function expectation(g: Node, variables: [Sym, Struct][]): Node {
  if (g.shape.length > 0) {
    if (g.kind !== "tensor") throw mathError("E(…) of a symbolic array is not supported");
    return tensor(
      g.shape as number[],
      g.entries.map((e) => expectation(e, variables)),
    );
  }
  // The discrete variables first: summing over their support leaves the continuous ones alone.
  const order = [...variables].sort(
    ([, a], [, b]) => Number(support(a) === undefined) - Number(support(b) === undefined),
  );
  let result = g;
  for (const [x, d] of order) result = expectOver(result, x, d);
  return result;
}

/** Var(g) = E(g²) − E(g)². */
export function variance(g: Node, variables: [Sym, Struct][]): Node {
  if (g.shape.length > 0) throw mathError("Var(…) takes a scalar; use cov for several variables");
  const m = expectation(g, variables);
  return expand(sub(expectation(mul(g, g), variables), mul(m, m)));
}

/**
 * The random variables inside a value (a distribution used in arithmetic: Y = 3X, Normal(2, 1)^2),
 * each replaced by a symbol of its own.
 */
export function randomVariablesIn(g: Node): { g: Node; variables: [Sym, Struct][] } {
  const variables: [Sym, Struct][] = [];
  const replaced = rewrite(g, (n) => {
    if (!isDistribution(n)) return undefined;
    const id = n.fields.find((f) => f.name === "id")?.value;
    const x = sym(`${id?.kind === "str" ? id.value : familyOf(n)}`);
    variables.push([x, n]);
    return x;
  });
  return { g: replaced, variables };
}

const log = (x: Node) => apply("log", [x]);

/** P(X = y) or the density at y, as an expression (y may be a symbol). */
export function density(d: Struct, y: Node): Node {
  switch (familyOf(d)) {
    case "Bernoulli": {
      const p = param(d, "p");
      return mul(pow(p, y), pow(sub(ONE, p), sub(ONE, y)));
    }
    case "Categorical": {
      const p = param(d, "p");
      if (p.kind !== "tensor") throw mathError("Categorical needs a vector of probabilities");
      if (y.kind !== "num" || !y.value.isInteger())
        throw mathError("a Categorical pmf is taken at a whole-number class (0-based)");
      const k = Number(y.value.num);
      return k >= 0 && k < p.entries.length ? p.entries[k] : ZERO;
    }
    case "Normal": {
      const [mu, s2] = [param(d, "μ"), param(d, "σ²")];
      return div(
        apply("exp", [neg(div(pow(sub(y, mu), int(2)), mul(int(2), s2)))]),
        apply("sqrt", [mul(int(2), constant("π"), s2)]),
      );
    }
    case "Uniform": {
      const [a, b] = [param(d, "a"), param(d, "b")];
      const [v, lo, hi] = [knownValue(y), knownValue(a), knownValue(b)];
      if (v !== undefined && lo !== undefined && hi !== undefined && (v < lo || v > hi)) return ZERO;
      return div(ONE, sub(b, a));
    }
  }
}

/**
 * ln P(X = y), written as the notes write it: y ln p + (1 − y) ln(1 − p) for a Bernoulli label y,
 * −(y − μ)²/(2σ²) − ½ ln(2πσ²) for a Gaussian.
 */
function logDensity(d: Struct, y: Node): Node {
  switch (familyOf(d)) {
    case "Bernoulli": {
      const p = param(d, "p");
      return add(mul(y, log(p)), mul(sub(ONE, y), log(sub(ONE, p))));
    }
    case "Normal": {
      const [mu, s2] = [param(d, "μ"), param(d, "σ²")];
      return sub(neg(div(pow(sub(y, mu), int(2)), mul(int(2), s2))), mul(HALF, log(mul(int(2), constant("π"), s2))));
    }
    default:
      return log(density(d, y));
  }
}

function observations(data: Node): readonly Node[] {
  if (data.kind === "tensor") {
    if (data.shape.length !== 1) throw mathError("the data is a vector of observations");
    return data.entries;
  }
  if (data.shape.length > 0)
    throw mathError("the likelihood of a symbolic array is not supported; give the observations as a vector");
  return [data];
}

export function likelihood(d: Struct, data: Node): Node {
  return mulAll(observations(data).map((y) => density(d, y)));
}

export function logLikelihood(d: Struct, data: Node): Node {
  return addAll(observations(data).map((y) => logDensity(d, y)));
}

/** n draws, seeded: the same seed gives the same samples on every machine. */
export function sample(d: Struct, n: number, seed: number): Node {
  reserveEntries(n, "the samples");
  const random = new Random(seed);
  const numeric = (name: string) => {
    const v = knownValue(apply("N", [param(d, name)]));
    if (v === undefined) throw mathError(`sampling needs numeric parameters; ${name} is symbolic`);
    return v;
  };
  const draws: Node[] = [];
  const family = familyOf(d);
  for (let i = 0; i < n; i++) {
    if (family === "Bernoulli") draws.push(random.next() < numeric("p") ? ONE : ZERO);
    else if (family === "Normal") draws.push(float(numeric("μ") + Math.sqrt(numeric("σ²")) * random.gaussian()));
    else if (family === "Uniform") draws.push(float(numeric("a") + (numeric("b") - numeric("a")) * random.next()));
    else {
      const p = param(d, "p");
      const probabilities = p.kind === "tensor" ? p.entries.map((x) => knownValue(apply("N", [x])) ?? NaN) : [];
      let u = random.next();
      let k = 0;
      while (k < probabilities.length - 1 && u >= probabilities[k]) u -= probabilities[k++];
      draws.push(int(k));
    }
  }
  return tensor([n], draws);
}
