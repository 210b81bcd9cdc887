// convex(f): a verdict that is never wrong. "true" only with a proof: the rules of disciplined
// convex programming (CVXPY's DCP: an atom's curvature and its monotonicity in each argument decide
// the curvature of a composition; abs, relu, max, norms… need no derivative), or a constant positive
// semidefinite Hessian of a smooth f (quadratics, decided exactly by principal minors), or a
// univariate polynomial second derivative that never goes negative. "false" only with a witness:
// two points whose midpoint lies above the chord (or outside the domain), re-evaluated before it is
// reported. Otherwise "undecided", saying what was tried.
import { mulAll, num, str, struct } from "../graph/construct.js";
import type { Node } from "../graph/node.js";
import { lookupOperator, madeOfPieces } from "../graph/operators.js";
import { asRationals } from "../graph/ops/arrays.js";
import { floatValue } from "../graph/evalf.js";
import { checkBudget } from "../budget.js";
import { det } from "../numeric/exact-linalg.js";
import { symmetricEigen } from "../numeric/float-linalg.js";
import { Rational } from "../numeric/rational.js";
import { differentiate, hessian } from "./differentiate.js";
import { evaluateAt } from "./numeric-eval.js";
import { exponentsOf, toRational } from "./polynomial.js";
import { realRoots } from "./solve/univariate.js";
import { substitute } from "./substitute.js";
import { typedSymbols } from "./variable-order.js";
import { toPretty } from "../graph/print/forms.js";

export type Curvature = "constant" | "affine" | "convex" | "concave" | "unknown";

/** What is known of an expression's sign: > 0, ≥ 0, < 0, ≤ 0. */
interface Sign {
  positive: boolean;
  nonneg: boolean;
  negative: boolean;
  nonpos: boolean;
}

interface Info {
  curvature: Curvature;
  sign: Sign;
}

const UNSIGNED: Sign = { positive: false, nonneg: false, negative: false, nonpos: false };
const NONNEG: Sign = { ...UNSIGNED, nonneg: true };
const POSITIVE: Sign = { ...UNSIGNED, positive: true, nonneg: true };

function signOf(v: number): Sign {
  return { positive: v > 0, nonneg: v >= 0, negative: v < 0, nonpos: v <= 0 };
}

const isConvex = (c: Curvature) => c === "constant" || c === "affine" || c === "convex";
const isConcave = (c: Curvature) => c === "constant" || c === "affine" || c === "concave";
const isAffine = (c: Curvature) => c === "constant" || c === "affine";

function flip(c: Curvature): Curvature {
  return c === "convex" ? "concave" : c === "concave" ? "convex" : c;
}

function negated(s: Sign): Sign {
  return { positive: s.negative, nonneg: s.nonpos, negative: s.positive, nonpos: s.nonneg };
}

/** A convex (or concave) atom h applied to an argument: the DCP composition rule. */
function compose(h: "convex" | "concave", monotone: "up" | "down" | "none", arg: Curvature): Curvature {
  if (arg === "constant") return "constant";
  const ok =
    isAffine(arg) ||
    (monotone === "up" && (h === "convex" ? isConvex(arg) : isConcave(arg))) ||
    (monotone === "down" && (h === "convex" ? isConcave(arg) : isConvex(arg)));
  return ok ? h : "unknown";
}

/** The curvature of every subexpression in the variables `xs` (other symbols are constants of unknown sign). */
export function dcpCurvature(root: Node, xs: readonly Node[]): Curvature {
  const memo = new Map<Node, Info>();
  const info = (n: Node): Info => {
    let found = memo.get(n);
    if (!found) {
      found = rule(n);
      memo.set(n, found);
    }
    return found;
  };
  const constant = (n: Node): Info => {
    const v = floatValue(n);
    return { curvature: "constant", sign: v === null ? UNSIGNED : signOf(v) };
  };
  const dependsOnVariables = dependenceOn(xs);
  const rule = (n: Node): Info => {
    if (!dependsOnVariables(n)) return constant(n);
    switch (n.kind) {
      case "sym":
        return { curvature: "affine", sign: UNSIGNED };
      case "add": {
        const parts = n.terms.map(info);
        const cs = parts.map((p) => p.curvature);
        const curvature: Curvature = cs.every(isAffine)
          ? "affine"
          : cs.every(isConvex)
            ? "convex"
            : cs.every(isConcave)
              ? "concave"
              : "unknown";
        const nonneg = parts.every((p) => p.sign.nonneg);
        const nonpos = parts.every((p) => p.sign.nonpos);
        return {
          curvature,
          sign: {
            nonneg,
            nonpos,
            positive: nonneg && parts.some((p) => p.sign.positive),
            negative: nonpos && parts.some((p) => p.sign.negative),
          },
        };
      }
      case "mul": {
        const varying = n.factors.filter(dependsOnVariables);
        if (varying.length !== 1) return { curvature: "unknown", sign: UNSIGNED };
        const c = floatValue(mulAll(n.factors.filter((f) => !dependsOnVariables(f))));
        const inner = info(varying[0]);
        if (c === null) return { curvature: isAffine(inner.curvature) ? "affine" : "unknown", sign: UNSIGNED };
        if (c === 0) return constant(num(Rational.ZERO));
        return c > 0 ? inner : { curvature: flip(inner.curvature), sign: negated(inner.sign) };
      }
      case "pow":
        return power(n.base, n.exp);
      case "apply":
        return atom(n.op, n.args);
      default:
        return { curvature: "unknown", sign: UNSIGNED };
    }
  };
  const power = (base: Node, exp: Node): Info => {
    const b = info(base);
    if (dependsOnVariables(exp)) {
      // a^g = exp(g ln a) for a constant a > 0.
      const a = floatValue(base);
      if (a === null || a <= 0 || dependsOnVariables(base)) return { curvature: "unknown", sign: UNSIGNED };
      const g = info(exp).curvature;
      return { curvature: a === 1 ? "constant" : compose("convex", "up", a > 1 ? g : flip(g)), sign: POSITIVE };
    }
    if (exp.kind !== "num") return { curvature: "unknown", sign: UNSIGNED };
    const p = exp.value;
    const c = b.curvature;
    if (p.isZero()) return constant(num(Rational.ONE));
    if (p.equals(Rational.ONE)) return b;
    if (p.isInteger()) {
      const k = Number(p.num);
      if (k > 0 && k % 2 === 0) {
        // t^k: convex, decreasing for t ≤ 0 and increasing for t ≥ 0.
        const curvature = isAffine(c)
          ? "convex"
          : b.sign.nonneg && isConvex(c)
            ? "convex"
            : b.sign.nonpos && isConcave(c)
              ? "convex"
              : "unknown";
        return { curvature, sign: NONNEG };
      }
      if (k > 0) {
        if (b.sign.nonneg) return { curvature: compose("convex", "up", c), sign: NONNEG };
        if (b.sign.nonpos) return { curvature: compose("concave", "up", c), sign: negated(NONNEG) };
        return { curvature: "unknown", sign: UNSIGNED };
      }
      // Negative powers are defined where the base is not 0: one sign of the base, strictly.
      if (b.sign.positive) return { curvature: compose("convex", "down", c), sign: POSITIVE };
      if (b.sign.negative) {
        return k % 2 === 0
          ? { curvature: compose("convex", "up", c), sign: POSITIVE }
          : { curvature: compose("concave", "down", c), sign: negated(POSITIVE) };
      }
      return { curvature: "unknown", sign: UNSIGNED };
    }
    // Fractional powers: defined for base ≥ 0 (> 0 below 0). An odd denominator (x^(1/3)) might be
    // read as a real root of a negative base, so then the base must be known nonnegative.
    const evenRoot = p.den % 2n === 0n;
    if (!evenRoot && !b.sign.nonneg) return { curvature: "unknown", sign: UNSIGNED };
    if (p.equals(Rational.of(1, 2)) && isEuclideanSquare(base)) return { curvature: "convex", sign: NONNEG };
    const above = p.compare(Rational.ONE) > 0;
    const positive = p.sign() > 0;
    if (positive && !above) return { curvature: compose("concave", "up", c), sign: NONNEG };
    if (positive && above) {
      // Convex increasing, but the domain {base ≥ 0} of a convex base need not be convex.
      return { curvature: isAffine(c) || (b.sign.nonneg && isConvex(c)) ? "convex" : "unknown", sign: NONNEG };
    }
    return { curvature: compose("convex", "down", c), sign: POSITIVE };
  };
  /** Σ cᵢ(affineᵢ)² + c₀ with every c ≥ 0: its square root is a Euclidean norm of an affine map. */
  const isEuclideanSquare = (base: Node): boolean => {
    const terms = base.kind === "add" ? base.terms : [base];
    return terms.every((t) => {
      if (!dependsOnVariables(t)) return (floatValue(t) ?? -1) >= 0;
      const factors = t.kind === "mul" ? t.factors : [t];
      const varying = factors.filter(dependsOnVariables);
      const c = floatValue(mulAll(factors.filter((f) => !dependsOnVariables(f))));
      const v = varying[0];
      if (
        varying.length !== 1 ||
        c === null ||
        c < 0 ||
        v.kind !== "pow" ||
        v.exp.kind !== "num" ||
        !v.exp.value.equals(Rational.int(2))
      )
        return false;
      // (affine)² or |affine|², as ‖[a, b]‖ is written.
      const inner = v.base.kind === "apply" && v.base.op === "abs" ? v.base.args[0] : v.base;
      return isAffine(info(inner).curvature);
    });
  };
  /** Σ cᵢ exp(affineᵢ) + c₀ with every c ≥ 0 (some exp present): its log is a log-sum-exp, convex. */
  const isLogSumExp = (arg: Node | undefined): boolean => {
    if (!arg || arg.kind !== "add") return false;
    let exps = 0;
    const ok = arg.terms.every((t) => {
      if (!dependsOnVariables(t)) return (floatValue(t) ?? -1) >= 0;
      const factors = t.kind === "mul" ? t.factors : [t];
      const varying = factors.filter(dependsOnVariables);
      const c = floatValue(mulAll(factors.filter((f) => !dependsOnVariables(f))));
      const v = varying[0];
      exps++;
      const exponent =
        v?.kind === "apply" && v.op === "exp"
          ? v.args[0]
          : v?.kind === "pow" && !dependsOnVariables(v.base) && (floatValue(v.base) ?? 0) > 0
            ? v.exp
            : null;
      return varying.length === 1 && c !== null && c > 0 && exponent !== null && isAffine(info(exponent).curvature);
    });
    return ok && exps > 0;
  };
  const atom = (op: string, args: readonly Node[]): Info => {
    const a = args.map(info);
    const c = a[0]?.curvature ?? "unknown";
    switch (op) {
      case "exp":
        return { curvature: compose("convex", "up", c), sign: POSITIVE };
      case "softplus":
        return { curvature: compose("convex", "up", c), sign: POSITIVE };
      case "relu":
        return { curvature: compose("convex", "up", c), sign: NONNEG };
      case "log":
        return { curvature: isLogSumExp(args[0]) ? "convex" : compose("concave", "up", c), sign: UNSIGNED };
      case "cosh":
        return { curvature: compose("convex", "none", c), sign: POSITIVE };
      case "abs": {
        const curvature = isAffine(c)
          ? "convex"
          : a[0].sign.nonneg
            ? compose("convex", "up", c)
            : a[0].sign.nonpos
              ? compose("convex", "down", c)
              : "unknown";
        return { curvature, sign: NONNEG };
      }
      case "max": {
        const curvature: Curvature = a.every((x) => isConvex(x.curvature)) ? "convex" : "unknown";
        return {
          curvature,
          sign: { ...UNSIGNED, nonneg: a.some((x) => x.sign.nonneg), positive: a.some((x) => x.sign.positive) },
        };
      }
      case "min": {
        const curvature: Curvature = a.every((x) => isConcave(x.curvature)) ? "concave" : "unknown";
        return {
          curvature,
          sign: { ...UNSIGNED, nonpos: a.some((x) => x.sign.nonpos), negative: a.some((x) => x.sign.negative) },
        };
      }
      case "leaky_relu": {
        // leaky_relu(t, α) = max(t, αt) for α ≤ 1 (convex), min(t, αt) for α ≥ 1 (concave); increasing for α ≥ 0.
        const alpha = args[1] ? floatValue(args[1]) : 0.01;
        if (alpha === null || (args[1] && dependsOnVariables(args[1]))) return { curvature: "unknown", sign: UNSIGNED };
        const monotone = alpha >= 0 ? "up" : "none";
        return {
          curvature: alpha <= 1 ? compose("convex", monotone, c) : compose("concave", monotone, c),
          sign: UNSIGNED,
        };
      }
      case "logsumexp": {
        const entries = args[0]?.kind === "tensor" ? args[0].entries.map(info) : a;
        return { curvature: entries.every((x) => isConvex(x.curvature)) ? "convex" : "unknown", sign: UNSIGNED };
      }
      case "norm": {
        const entries = args[0]?.kind === "tensor" ? args[0].entries.map(info) : null;
        const p = args[1] ? floatValue(args[1]) : 2;
        const isNorm = args.length === 1 || (p !== null && p >= 1) || args[1]?.kind === "str";
        return {
          curvature: entries && isNorm && entries.every((x) => isAffine(x.curvature)) ? "convex" : "unknown",
          sign: NONNEG,
        };
      }
      default:
        // hardtanh, σ, tanh, sin, sign, step, …: neither convex nor concave on all of ℝ.
        return { curvature: "unknown", sign: UNSIGNED };
    }
  };
  return info(root).curvature;
}

/** Whether a node involves any of xs (memoised over the graph). */
function dependenceOn(xs: readonly Node[]): (n: Node) => boolean {
  const memo = new Map<Node, boolean>();
  const walk = (m: Node): boolean => {
    const known = memo.get(m);
    if (known !== undefined) return known;
    let result: boolean;
    switch (m.kind) {
      case "sym":
      case "indexed":
        result = xs.includes(m);
        break;
      case "add":
        result = m.terms.some(walk);
        break;
      case "mul":
        result = m.factors.some(walk);
        break;
      case "pow":
        result = walk(m.base) || walk(m.exp);
        break;
      case "apply":
        result = m.args.some(walk);
        break;
      case "tensor":
        result = m.entries.some(walk);
        break;
      case "bigop":
        result = walk(m.from) || walk(m.to) || walk(m.body);
        break;
      default:
        result = false;
    }
    memo.set(m, result);
    return result;
  };
  return walk;
}

/** f without an operator whose row `breaks` (a kink, a jump, a corner): there the Hessian route is closed. */
function isSmooth(n: Node): boolean {
  const seen = new Set<Node>();
  const walk = (m: Node): boolean => {
    if (seen.has(m)) return true;
    seen.add(m);
    switch (m.kind) {
      case "add":
        return m.terms.every(walk);
      case "mul":
        return m.factors.every(walk);
      case "pow":
        return walk(m.base) && walk(m.exp);
      case "apply":
        return lookupOperator(m.op)?.breaks === undefined && m.args.every(walk);
      case "tensor":
        return m.entries.every(walk);
      default:
        return true;
    }
  };
  return walk(n);
}

type Verdict = "true" | "false" | "undecided";

function verdict(convex: Verdict, reason: string): Node {
  return struct("convexity", [
    { name: "convex", value: str(convex) },
    { name: "reason", value: str(reason) },
  ]);
}

function subsets(n: number): number[][] {
  const out: number[][] = [];
  for (let mask = 1; mask < 1 << n; mask++)
    out.push(Array.from({ length: n }, (_, i) => i).filter((i) => mask & (1 << i)));
  return out;
}

function principalMinorsNonNegative(H: Rational[][]): boolean {
  return subsets(H.length).every((idx) => det(idx.map((i) => idx.map((j) => H[i][j]))).sign() >= 0);
}

/**
 * f built from operators of linear or constant pieces, which keep rational arguments rational, and
 * from integer powers: it folds to an exact value.
 */
function isRationalValued(n: Node): boolean {
  const seen = new Set<Node>();
  const walk = (m: Node): boolean => {
    if (seen.has(m)) return true;
    seen.add(m);
    switch (m.kind) {
      case "num":
      case "sym":
        return true;
      case "add":
        return m.terms.every(walk);
      case "mul":
        return m.factors.every(walk);
      case "pow":
        return m.exp.kind === "num" && m.exp.value.isInteger() && walk(m.base);
      case "apply":
        return madeOfPieces(m.op) && m.args.every(walk);
      default:
        return false;
    }
  };
  return walk(n);
}

/** f at a point: exactly when it folds to a rational, else in floating point; null where undefined. */
function valueAt(
  f: Node,
  xs: readonly Node[],
  point: readonly number[],
): { exact: Rational | null; float: number } | null {
  const rationalPoint = point.map((v) => Rational.fromFloat(v));
  const exactNode = isRationalValued(f) ? substitute(f, new Map(xs.map((x, i) => [x, num(rationalPoint[i])]))) : null;
  if (exactNode?.kind === "num") return { exact: exactNode.value, float: exactNode.value.toNumber() };
  const v = evaluateAt(f, new Map(xs.map((x, i) => [x, rationalPoint[i].toNumber()])));
  return Number.isFinite(v) ? { exact: null, float: v } : null;
}

function describePoint(xs: readonly Node[], p: readonly number[]): string {
  const show = (v: number) => {
    const r = Rational.fromFloat(v);
    return r.den <= 1000n ? toPretty(num(r)) : v.toPrecision(6);
  };
  return xs.length === 1
    ? `${toPretty(xs[0])} = ${show(p[0])}`
    : `(${xs.map(toPretty).join(", ")}) = (${p.map(show).join(", ")})`;
}

/**
 * A witness against convexity: a, b with f defined at both and, at their midpoint, undefined or
 * above the chord. Exact when the three values fold to rationals; in floating point only with a
 * margin well above rounding.
 */
function midpointWitness(f: Node, xs: readonly Node[], a0: readonly number[], b0: readonly number[]): string | null {
  // Points on a grid of 1/1024 read well and fold exactly where f is rational.
  const grid = (v: number) => (Math.abs(v) < 1e6 ? Math.round(v * 1024) / 1024 : v);
  const a = a0.map(grid);
  const b = b0.map(grid);
  if (a.every((v, i) => v === b[i])) return null;
  const m = a.map((v, i) => (v + b[i]) / 2);
  // A quick look in floating point first: most pairs are on or below the chord, to rounding.
  const quick = [a, b, m].map((p) => evaluateAt(f, new Map(xs.map((x, i) => [x, p[i]]))));
  if (
    quick.every(Number.isFinite) &&
    quick[2] - (quick[0] + quick[1]) / 2 <= 1e-9 * Math.max(1, ...quick.map(Math.abs))
  )
    return null;
  const fa = valueAt(f, xs, a);
  const fb = valueAt(f, xs, b);
  if (!fa || !fb) return null;
  const fm = valueAt(f, xs, m);
  const where = `${describePoint(xs, a)} and ${describePoint(xs, b)}`;
  if (!fm) {
    // Undefined at the midpoint, perhaps only by rounding: require a clear failure (NaN, not a pole's overflow).
    const again = evaluateAt(f, new Map(xs.map((x, i) => [x, m[i]])));
    return Number.isNaN(again)
      ? `f is defined at ${where} but not at their midpoint, so its domain is not convex`
      : null;
  }
  if (fa.exact && fb.exact && fm.exact) {
    const chord = fa.exact.add(fb.exact).div(Rational.int(2));
    return fm.exact.compare(chord) > 0
      ? `at ${where} the midpoint value ${toPretty(num(fm.exact))} lies above the chord's ${toPretty(num(chord))}`
      : null;
  }
  // Floating point only near the origin (exp(−700) underflows to 0 and bends a chord), with a margin well above
  // rounding.
  if ([...a, ...b].some((v) => Math.abs(v) > 50)) return null;
  const chord = (fa.float + fb.float) / 2;
  const margin = 1e-7 * Math.max(1, Math.abs(fa.float), Math.abs(fb.float), Math.abs(fm.float));
  return fm.float - chord > margin
    ? `at ${where} the midpoint value ${fm.float.toPrecision(8)} lies above the chord's ${chord.toPrecision(8)}`
    : null;
}

/** A deterministic sequence in [−1, 1). */
function sampler(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return ((s >>> 0) / 2 ** 32) * 2 - 1;
  };
}

const PAIRS = 2000;

/**
 * Random pairs at several scales, and pairs straddling 0 along each axis (kinks of abs, relu, max… sit there first).
 */
function searchMidpoints(f: Node, xs: readonly Node[]): string | null {
  const n = xs.length;
  const random = sampler(0x9e3779b9);
  const scales = [1, 0.01, 10, 1000];
  for (let k = 0; k < PAIRS; k++) {
    if (k % 64 === 0) checkBudget();
    const scale = scales[k % scales.length];
    const a = Array.from({ length: n }, () => Math.round(random() * scale * 64) / 64);
    const b = Array.from({ length: n }, () => Math.round(random() * scale * 64) / 64);
    const witness = midpointWitness(f, xs, a, b);
    if (witness) return witness;
  }
  return null;
}

/** A point and direction where a smooth f's Hessian has a negative eigenvalue, made into a midpoint witness. */
function searchHessian(f: Node, H: Node & { kind: "tensor" }, xs: readonly Node[]): string | null {
  const n = xs.length;
  const random = sampler(0x85ebca6b);
  for (let k = 0; k < 300; k++) {
    if (k % 32 === 0) checkBudget();
    const p = Array.from({ length: n }, () => Math.round(random() * (k % 3 === 0 ? 1 : 5) * 64) / 64);
    const at = new Map(xs.map((x, i) => [x, p[i]]));
    const M = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => evaluateAt(H.entries[i * n + j], at)),
    );
    if (M.flat().some((v) => !Number.isFinite(v))) continue;
    const { values, vectors } = symmetricEigen(M);
    const last = values.length - 1;
    if (values[last] >= -1e-9) continue;
    const v = vectors[last];
    for (const t of [1, 1e-1, 1e-2, 1e-3]) {
      const witness = midpointWitness(
        f,
        xs,
        p.map((x, i) => x - t * v[i]),
        p.map((x, i) => x + t * v[i]),
      );
      if (witness) return witness;
    }
  }
  return null;
}

/**
 * f'' of a univariate polynomial never negative (its real roots split ℝ into intervals where it keeps one sign): a
 * proof of convexity.
 */
function univariatePolynomialConvex(f: Node, x: Node): boolean | null {
  const second = differentiate(f, x, 2);
  const r = toRational(second, [x]);
  if (!r || r.den.constantValue() === null) return null;
  const p = r.num.scale(r.den.constantValue()!.inv());
  const degree = p.degree();
  const coefficients = Array.from({ length: degree + 1 }, () => Rational.ZERO);
  for (const [key, c] of p.terms) coefficients[exponentsOf(key)[0] ?? 0] = c;
  const roots = realRoots(coefficients.map((c) => num(c)));
  if (roots === "all") return true;
  const at = roots
    .map((r) => floatValue(r.value))
    .filter((v): v is number => v !== null)
    .sort((a, b) => a - b);
  const probes =
    at.length === 0 ? [0] : [at[0] - 1, ...at.slice(1).map((v, i) => (v + at[i]) / 2), at[at.length - 1] + 1];
  return probes.every((t) => p.evaluateFloat([t]) >= 0);
}

export function convexity(f: Node, vars?: readonly Node[]): Node {
  const xs = vars ?? typedSymbols(f);
  if (f.shape.length > 0) return verdict("undecided", "convex takes a scalar expression");
  if (xs.length === 0) return verdict("true", "a constant is convex");
  const smooth = isSmooth(f);
  const H = smooth ? hessian(f, xs) : null;
  const exact = H?.kind === "tensor" && H.shape.length === 2 ? asRationals(H) : null;
  if (H && exact) {
    if (principalMinorsNonNegative(exact))
      return verdict(
        "true",
        `the Hessian ${toPretty(H)} is constant and positive semidefinite (every principal minor ≥ 0)`,
      );
    const witness = searchHessian(f, H as Node & { kind: "tensor" }, xs);
    return verdict(
      "false",
      `the Hessian ${toPretty(H)} is constant and not positive semidefinite${witness ? `: ${witness}` : ""}`,
    );
  }
  const curvature = dcpCurvature(f, xs);
  if (isConvex(curvature)) {
    const what = curvature === "convex" ? "convex" : "affine";
    return verdict(
      "true",
      `${what} by the disciplined-convex-programming rules (each atom's curvature and monotonicity)`,
    );
  }
  if (H) {
    if (xs.length === 1 && univariatePolynomialConvex(f, xs[0]) === true) {
      return verdict(
        "true",
        `the second derivative ${toPretty(differentiate(f, xs[0], 2))} is a polynomial that is never negative`,
      );
    }
    if (H.kind === "tensor") {
      const witness = searchHessian(f, H, xs);
      if (witness) return verdict("false", witness);
    }
  }
  const witness = searchMidpoints(f, xs);
  if (witness) return verdict("false", witness);
  const tried = `${curvature === "concave" ? "concave" : "not decided"} by the disciplined-convex-programming rules${smooth ? ", the Hessian is not constant" : ""}, and no midpoint above a chord was found among ${PAIRS} pairs of points`;
  return verdict("undecided", tried);
}
