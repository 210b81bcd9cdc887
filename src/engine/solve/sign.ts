// The sign of an exact constant (π − 3, √2 − 1.41421356, b² − 4ak of a quadratic with such
// coefficients), decided as a proof would: the expression expands to 0, or its value in decimal
// arithmetic with an error bound excludes 0. Floats are not asked: π − 3.14159265358979 is 3·10⁻¹⁵
// and its float can be 0, which would call a quadratic's two roots one.
import { ZERO } from "../../graph/construct.js";
import type { Node } from "../../graph/node.js";
import { findInside, freeSymbols } from "../../graph/traverse.js";
import { evaluatePrecise, signOf } from "../check/precise.js";
import { expand } from "../expand.js";

/**
 * -1, 0 or 1 where decided; "parameter" when the expression holds a free symbol (its sign depends
 * on it); "undecided" when no precision up to 640 digits separates it from 0 and it is not known
 * to be 0 (a transcendental constant such as log 2 + log 3 − log 6 that did not simplify), or it
 * cannot be evaluated.
 */
export type CertifiedSign = -1 | 0 | 1 | "parameter" | "undecided";

/**
 * Its sign, certified. An algebraic number written in radicals of rationals that agrees with 0 to
 * 640 digits is 0: a nonzero one of the small degree and height met here is far above 10⁻⁶⁰⁰
 * (Liouville's bound), so that call is a proof in practice; nothing else is called 0 that way.
 */
export function certifiedSign(e: Node): CertifiedSign {
  const value = expand(e);
  if (value === ZERO) return 0;
  if (value.kind === "num") return value.value.sign();
  if (freeSymbols(value).length > 0 || findInside(value, (n) => n.kind === "indexed")) return "parameter";
  for (let digits = 40; digits <= 640; digits *= 2) {
    const v = evaluatePrecise(value, new Map(), digits);
    if (v === "undefined" || v === "unknown") return "undecided";
    const sign = signOf(v);
    if (sign !== null) return sign;
  }
  return isRadical(value) ? 0 : "undecided";
}

/**
 * A constant's value as the double nearest it, from 40 digits: floats lose π − 355/113 (2.7·10⁻⁷) in
 * its ninth digit. null when it holds a parameter or cannot be evaluated.
 */
export function preciseValue(e: Node): number | null {
  const v = evaluatePrecise(e, new Map(), 40);
  return typeof v === "string" ? null : v.d.toNumber();
}

/** Built from rationals by +, × and rational powers only (√2, ∛(1 + √3)): an algebraic number. */
function isRadical(e: Node): boolean {
  return !findInside(
    e,
    (n) => !(n.kind === "num" || n.kind === "add" || n.kind === "mul" || (n.kind === "pow" && n.exp.kind === "num")),
  );
}
