// Real roots of one polynomial with (possibly irrational) exact coefficients: rational roots and
// closed forms in radicals (closed-form.ts: linear and quadratic in xᵍ) exactly, the rest
// numerically (companion-matrix eigenvalues polished by Newton's method, each confirmed by a sign
// change or a tiny residual).
import { expand } from "../expand.js";
import { mathError } from "../../errors.js";
import { ZERO, add, div, float, num, sqrt, sub, toFloat } from "../../graph/construct.js";
import type { Node } from "../../graph/node.js";
import { Rational } from "../../numeric/rational.js";
import { eigenvalues } from "../../numeric/float-linalg.js";
import { rationalRootsOf } from "../factor.js";
import { floatValue } from "../../graph/evalf.js";
import { checkBudget } from "../../budget.js";
import { closedFormRoots, isZeroCoefficient } from "./closed-form.js";

export interface Root {
  value: Node;
  exact: boolean;
}

/**
 * Coefficients indexed by degree: c[0] + c[1] v + c[2] v² + …. `radicals`: "all" finds every closed
 * form (xⁿ = 2, biquadratics); "quadratic" only those of degree 2 and below, for back-substitution in
 * a system, where a root such as √(4523/111 + 83√329/37) substituted into a basis polynomial of degree
 * 15 makes a value no one can read and that floats evaluate wrongly (numeric roots serve there).
 */
export function realRoots(coefficients: Node[], radicals: "all" | "quadratic" = "all"): Root[] | "all" {
  const c = [...withoutHiddenZeros(coefficients)];
  while (c.length && isZeroCoefficient(c[c.length - 1])) c.pop();
  if (c.length === 0) return "all";
  if (c.length === 1) return [];
  if (c.every((x) => x.kind === "num"))
    return rationalCoefficients(
      c.map((x) => (x as { value: Rational }).value),
      radicals,
    );
  const closed = radicals === "all" || c.length <= 3 ? closedFormRoots(c) : null;
  if (closed) return closed.roots.map((value) => ({ value, exact: true }));
  const floats = c.map((x) => floatValue(x));
  if (floats.some((x) => x === null)) return [];
  return numericRoots(floats as number[]);
}

/** (c[0] + c[1]x + …) divided by (d[0] + d[1]x + …) over ℚ: quotient and remainder, lowest degree first. */
function divide(c: Rational[], d: Rational[]): { q: Rational[]; r: Rational[] } {
  const r = [...c];
  const q = new Array<Rational>(Math.max(0, c.length - d.length + 1)).fill(Rational.ZERO);
  const lead = d[d.length - 1];
  for (let k = c.length - d.length; k >= 0; k--) {
    const f = r[k + d.length - 1].div(lead);
    q[k] = f;
    for (let j = 0; j < d.length; j++) r[k + j] = r[k + j].sub(f.mul(d[j]));
  }
  const rest = r.slice(0, d.length - 1);
  while (rest.length && rest[rest.length - 1].isZero()) rest.pop();
  return { q, r: rest };
}

/**
 * p / gcd(p, p′): the same roots, each once, so a double root such as −√2 of (x² − 2)² is found exactly, not twice
 * numerically.
 */
function squarefree(c: Rational[]): Rational[] {
  let [a, b] = [c, c.slice(1).map((x, i) => x.mul(Rational.int(i + 1)))];
  while (b.length) [a, b] = [b, divide(a, b).r];
  return a.length > 1 ? divide(c, a).q : c;
}

function rationalCoefficients(coefficients: Rational[], radicals: "all" | "quadratic"): Root[] {
  const c = squarefree(coefficients);
  // A polynomial in xᵍ as a whole (x⁶ − 3x³ + 2: x³ = 1 or 2), before its rational roots are divided out.
  const whole = radicals === "all" && c.length > 3 ? closedFormRoots(c.map(num)) : null;
  if (whole) return whole.roots.map((value) => ({ value, exact: true }));
  const highFirst = [...c].reverse();
  const lead = highFirst[0];
  const { roots, rest } = rationalRootsOf(highFirst.map((a) => a.div(lead)));
  const out: Root[] = [];
  for (const r of roots) if (!out.some((o) => o.value === num(r))) out.push({ value: num(r), exact: true });
  if (rest.length === 3) {
    const [a, b, k] = rest;
    const disc = b.mul(b).sub(Rational.int(4).mul(a).mul(k));
    if (disc.sign() > 0) {
      // Each term over 2a on its own: 1 − √2, not (2 − 2√2)/2.
      const r = sqrt(num(disc));
      out.push({ value: expand(div(add(num(b.neg()), r), num(a.mul(Rational.int(2))))), exact: true });
      out.push({ value: expand(div(sub(num(b.neg()), r), num(a.mul(Rational.int(2))))), exact: true });
    } else if (disc.isZero()) {
      out.push({ value: num(b.neg().div(a.mul(Rational.int(2)))), exact: true });
    }
  } else if (rest.length > 3) {
    // xⁿ = 2, x⁴ − 5x² + 6: a polynomial in xᵍ of degree 1 or 2 has its roots in radicals.
    const closed = radicals === "all" ? closedFormRoots([...rest].reverse().map(num)) : null;
    if (closed) {
      out.push(...closed.roots.map((value) => ({ value, exact: true })));
      return out;
    }
    const floats = rest.map((x) => x.toNumber()).reverse();
    // A missing root must not read as none: say why instead of answering "no real solution".
    if (!floats.every(Number.isFinite))
      throw mathError(
        "the equation's coefficients pass the doubles (±1.8e308) and its roots have no closed form here, so its real roots could not be found",
      );
    out.push(...numericRoots(floats));
  }
  return out;
}

/**
 * Coefficients built from irrational roots can be zero without simplifying to 0 (nested radicals):
 * one that vanishes to within rounding of the others is taken as 0, so the elimination never
 * divides by it. Values at back-substitution are algebraic, and a coefficient 10⁻¹² of the others
 * that is not zero does not arise from the course's systems; a wrong call here costs a root that
 * the final check of every solution against the equations would then reject, not a wrong answer.
 */
export function withoutHiddenZeros(c: Node[]): Node[] {
  if (c.every((x) => x.kind === "num")) return c;
  const values = c.map((x) => (x.kind === "num" ? x.value.toNumber() : floatValue(x)));
  const scale = Math.max(1, ...values.map((v) => (v === null ? 0 : Math.abs(v))));
  return c.map((x, i) =>
    x !== ZERO && x.kind !== "num" && values[i] !== null && Math.abs(values[i]!) <= 1e-12 * scale ? ZERO : x,
  );
}

function horner(c: number[], x: number): number {
  let acc = 0;
  for (let i = c.length - 1; i >= 0; i--) acc = acc * x + c[i];
  return acc;
}

/**
 * The complex roots of c[0] + c[1]x + … : the companion matrix's eigenvalues, or by Aberth's iteration for high
 * degrees.
 */
function complexRoots(c: number[]): { re: number; im: number }[] {
  const n = c.length - 1;
  if (n > ABERTH_FROM) return aberth(c);
  const lead = c[n];
  const companion = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === 0 ? -c[n - 1 - j] / lead : i === j + 1 ? 1 : 0)),
  );
  return eigenvalues(companion);
}

/** Above this degree the QR iteration on the companion matrix (O(n³) a step) gives way to Aberth's (O(n²)). */
const ABERTH_FROM = 30;

/**
 * All roots at once by the Aberth–Ehrlich iteration: each approximation takes a Newton step
 * corrected for the others, z ← z − w, w = (p/p′) / (1 − (p/p′)·Σ 1/(z − zⱼ)).
 */
function aberth(c: number[]): { re: number; im: number }[] {
  const n = c.length - 1;
  // Start on a circle of the roots' geometric-mean radius, off the axes.
  const radius = Math.abs(c[0] / c[n]) ** (1 / n) || 1;
  const re = Array.from({ length: n }, (_, k) => radius * Math.cos((2 * Math.PI * k) / n + 0.4));
  const im = Array.from({ length: n }, (_, k) => radius * Math.sin((2 * Math.PI * k) / n + 0.4));
  for (let iter = 0; iter < 500; iter++) {
    checkBudget();
    let moved = 0;
    for (let k = 0; k < n; k++) {
      // p(z) and p′(z) by Horner's rule in complex arithmetic.
      let pr = c[n],
        pi = 0,
        dr = 0,
        di = 0;
      for (let i = n - 1; i >= 0; i--) {
        [dr, di] = [dr * re[k] - di * im[k] + pr, dr * im[k] + di * re[k] + pi];
        [pr, pi] = [pr * re[k] - pi * im[k] + c[i], pr * im[k] + pi * re[k]];
      }
      const dd = dr * dr + di * di;
      if (dd === 0 || !Number.isFinite(dd)) continue;
      const qr = (pr * dr + pi * di) / dd,
        qi = (pi * dr - pr * di) / dd; // p/p′
      let sr = 0,
        si = 0;
      for (let j = 0; j < n; j++) {
        if (j === k) continue;
        const xr = re[k] - re[j],
          xi = im[k] - im[j];
        const m = xr * xr + xi * xi;
        if (m > 0) [sr, si] = [sr + xr / m, si - xi / m];
      }
      const denr = 1 - (qr * sr - qi * si),
        deni = -(qr * si + qi * sr);
      const den = denr * denr + deni * deni;
      if (den === 0) continue;
      const wr = (qr * denr + qi * deni) / den,
        wi = (qi * denr - qr * deni) / den;
      if (!Number.isFinite(wr) || !Number.isFinite(wi)) continue;
      re[k] -= wr;
      im[k] -= wi;
      moved = Math.max(moved, Math.hypot(wr, wi) / Math.max(1, Math.hypot(re[k], im[k])));
    }
    if (moved < 1e-14) break;
  }
  return re.map((r, k) => ({ re: r, im: im[k] }));
}

/**
 * The complex roots of c[0] + c[1]x + …, found for the polynomial in y = x/s, s the power of two
 * nearest the roots' size (Fujiwara's bound): x⁴ − 10²⁴ has roots of size 10⁶, and its companion
 * matrix, unscaled, lost one of them to rounding and the other's exactness.
 */
function scaledComplexRoots(c: number[]): { re: number; im: number }[] {
  const n = c.length - 1;
  let bound = 0;
  for (let i = 0; i < n; i++) if (c[i] !== 0) bound = Math.max(bound, Math.abs(c[i] / c[n]) ** (1 / (n - i)));
  const s = bound > 0 && Number.isFinite(bound) ? 2 ** Math.round(Math.log2(bound)) : 1;
  if (s === 1) return complexRoots(c);
  const scaled = c.map((a, i) => a * s ** i);
  const top = Math.max(...scaled.map(Math.abs));
  if (!Number.isFinite(top) || top === 0) return complexRoots(c);
  return complexRoots(scaled.map((a) => a / top)).map(({ re, im }) => ({ re: re * s, im: im * s }));
}

/** Real roots of c[0] + c[1]x + … numerically, each polished and confirmed. */
export function numericRoots(c: number[]): Root[] {
  const d = c.map((a, i) => a * i).slice(1);
  const out: Root[] = [];
  // Every test below is relative to the root's own size: roots of 10⁻¹⁰ are as real, and as
  // distinct from their neighbours, as roots of 1 (x⁴ = 2·10⁻⁴⁰ had lost one of ±1.19·10⁻¹⁰).
  for (const ev of scaledComplexRoots(c)) {
    if (Math.abs(ev.im) > 1e-7 * Math.hypot(ev.re, ev.im)) continue;
    let x = ev.re;
    for (let k = 0; k < 50; k++) {
      const step = horner(c, x) / horner(d, x);
      if (!Number.isFinite(step)) break;
      x -= step;
      if (Math.abs(step) < 1e-15 * Math.max(1, Math.abs(x))) break;
    }
    const h = 1e-9 * Math.abs(x) || Number.MIN_VALUE;
    const scale = c.reduce((sum, a, i) => sum + Math.abs(a) * Math.abs(x) ** i, 0);
    const confirmed =
      Math.sign(horner(c, x - h)) !== Math.sign(horner(c, x + h)) || Math.abs(horner(c, x)) <= 1e-12 * scale;
    const seen = (o: Root) => {
      const y = toFloat(o.value as never);
      return Math.abs(y - x) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y));
    };
    if (confirmed && !out.some(seen)) out.push({ value: float(x), exact: false });
  }
  return out;
}
