// Real roots in closed form of a polynomial whose coefficients are exact expressions (rationals,
// π, e, √2, log 2, or free parameters): after the roots at 0, a polynomial in y = xᵍ (g the gcd of
// the exponents left) of degree 1 or 2 is solved for y, by division or the quadratic formula, and
// each y gives the real g-th roots. That covers linear and quadratic equations, pure powers xⁿ = c,
// biquadratics and x⁶ − 3x³ + 2 alike. Every sign that decides how many roots there are is
// certified (sign.ts); one that depends on a parameter is kept as a condition for the roots to be
// real, and one that cannot be decided is an error, never a guess.
import { mathError } from "../../errors.js";
import { ZERO, add, apply, div, int, mul, neg, num, pow, sub } from "../../graph/construct.js";
import type { Node } from "../../graph/node.js";
import { toPretty } from "../../graph/print/forms.js";
import { Rational } from "../../numeric/rational.js";
import { expand } from "../expand.js";
import { certifiedSign, type CertifiedSign } from "./sign.js";

export interface ClosedForm {
  roots: Node[];
  /** Expressions in the parameters that must be ≥ 0 for the roots to be real (b² − 4ac), each once. */
  conditions: Node[];
}

/** A sign that must be known to go on: "undecided" is said as an error naming the expression. */
function decidedSign(e: Node, what: string): -1 | 0 | 1 | "parameter" {
  const s: CertifiedSign = certifiedSign(e);
  if (s === "undecided")
    throw mathError(
      `could not decide whether ${toPretty(e)} (${what}) is 0, positive or negative: it is 0 to 640 digits but does not simplify to 0, so the number of real solutions is undecided`,
    );
  return s;
}

/** Whether a leading coefficient is 0, certified: one that merely looks small is not dropped, one undecided is said. */
export function isZeroCoefficient(c: Node): boolean {
  return c === ZERO || (c.kind !== "num" && decidedSign(c, "the leading coefficient") === 0);
}

function knownZero(c: Node): boolean {
  return c === ZERO || (c.kind !== "num" && certifiedSign(c) === 0);
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * The real roots of c[0] + c[1] x + … + c[n] xⁿ (c[n] ≠ 0) in closed form, or null when none
 * applies (a cubic in xᵍ and above).
 */
export function closedFormRoots(coefficients: readonly Node[]): ClosedForm | null {
  // Below the leading term a coefficient not known to be 0 is taken as it stands: the formulas hold either way.
  const zero = coefficients.map((c, i) => (i === coefficients.length - 1 ? isZeroCoefficient(c) : knownZero(c)));
  const low = zero.findIndex((z) => !z);
  const n = coefficients.length - 1;
  if (low < 0 || zero[n]) return null;
  const out: ClosedForm = { roots: low > 0 ? [ZERO] : [], conditions: [] };
  let g = 0;
  for (let i = low + 1; i <= n; i++) if (!zero[i]) g = gcd(i - low, g);
  if (g === 0) return out;
  const degree = (n - low) / g;
  if (degree > 2) return null;
  const q = Array.from({ length: degree + 1 }, (_, j) => (zero[low + j * g] ? ZERO : coefficients[low + j * g]));
  for (const y of degree === 1 ? [neg(div(q[0], q[1]))] : quadraticRoots(q[0], q[1], q[2], out.conditions))
    powerRoots(expand(y), g, out);
  return out;
}

/** The real roots of a y² + b y + k by the formula, the discriminant's sign certified. */
function quadraticRoots(k: Node, b: Node, a: Node, conditions: Node[]): Node[] {
  const disc = expand(sub(mul(b, b), mul(int(4), a, k)));
  const sign = decidedSign(disc, "the discriminant");
  if (sign === -1) return [];
  const twoA = mul(int(2), a);
  if (sign === 0) return [div(neg(b), twoA)];
  if (sign === "parameter" && !conditions.includes(disc)) conditions.push(disc);
  const r = sign === 1 ? nthRoot(disc, 2) : pow(disc, num(Rational.of(1, 2)));
  return [div(sub(neg(b), r), twoA), div(add(neg(b), r), twoA)];
}

/** The real x with xᵍ = y: one for odd g, two, one or none for even g as y is positive, 0 or negative. */
function powerRoots(y: Node, g: number, out: ClosedForm): void {
  if (g === 1) {
    out.roots.push(y);
    return;
  }
  const sign = decidedSign(y, g === 2 ? "the unknown's square" : `the unknown to the power ${g}`);
  const odd = g % 2 === 1;
  if (sign === 0) out.roots.push(ZERO);
  else if (sign === 1) out.roots.push(...(odd ? [] : [neg(nthRoot(y, g))]), nthRoot(y, g));
  else if (sign === -1) {
    if (odd) out.roots.push(neg(nthRoot(neg(y), g)));
  } else if (odd) {
    // A parameter of either sign: the real odd root is sign(y)·|y|^(1/g) (y^(1/g) is not real for y < 0).
    out.roots.push(mul(apply("sign", [y]), pow(apply("abs", [y]), num(Rational.of(1, g)))));
  } else {
    if (!out.conditions.includes(y)) out.conditions.push(y);
    out.roots.push(neg(pow(y, num(Rational.of(1, g)))), pow(y, num(Rational.of(1, g))));
  }
}

/**
 * The positive g-th root of a positive y, with the factors that have one taken out of the root:
 * √(4π) = 2√π, √(π²) = π, √(e²) = e, ∜(9π⁴) = √3·π; what is left stays under one root (√(π/2)).
 */
function nthRoot(y: Node, g: number): Node {
  const exponent = num(Rational.of(1, g));
  const factors = y.kind === "mul" ? y.factors : [y];
  const taken: Node[] = [];
  const left: Node[] = [];
  for (const f of factors) {
    const r = perfectRoot(f, g);
    if (r) taken.push(r);
    else left.push(f);
  }
  if (taken.length === 0) return pow(y, exponent);
  return mul(...taken, ...(left.length ? [pow(mul(...left), exponent)] : []));
}

/** f^(1/g) without a root over a power: where f is a perfect rational power, a power of a positive base or exp(u). */
function perfectRoot(f: Node, g: number): Node | null {
  if (f.kind === "num") {
    if (f.value.sign() <= 0) return null;
    const r = pow(f, num(Rational.of(1, g)));
    return r.kind === "num" ? r : null;
  }
  if (f.kind === "pow" && f.base.kind === "const" && f.base.name === "e") return pow(f.base, div(f.exp, int(g)));
  // A positive base: (bᵏ)^(1/g) = b^(k/g) (π², √2 = 2^(1/2) under a square root give π and ∜2).
  if (f.kind === "pow" && f.exp.kind === "num" && certifiedSign(f.base) === 1)
    return pow(f.base, num(f.exp.value.div(Rational.int(g))));
  return null;
}
