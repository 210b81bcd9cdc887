// sin and cos at rational multiples of π, exact where the value is a number or a square root over 2:
// the sine and cosine rows fold them (sin π = 0, cos(π/3) = 1/2) and check's canonical form reads its
// angles with them.
import { Rational } from "../numeric/rational.js";
import { HALF, ONE, ZERO, int, mul, neg, pow } from "./primitives.js";
import type { Node } from "./node.js";

/** q when x is q·π (π alone, or a rational times π). */
export function piMultiple(x: Node): Rational | undefined {
  if (x.kind === "const" && x.name === "π") return Rational.ONE;
  if (x.kind === "mul" && x.factors.length === 2) {
    const [a, b] = x.factors;
    if (a.kind === "num" && b.kind === "const" && b.name === "π") return a.value;
  }
  return undefined;
}

/**
 * sin(qπ) where it is a number or a square root over 2 (q a multiple of 1/4 or 1/6): sin π = 0,
 * sin(π/6) = 1/2, sin(π/4) = √2/2, sin(π/3) = √3/2; else undefined (the sine stays as written).
 */
export function sinOfPiTimes(q: Rational): Node | undefined {
  const twelfths = q.mul(Rational.of(12n));
  if (!twelfths.isInteger()) return undefined;
  const k = Number(((twelfths.num % 24n) + 24n) % 24n);
  const sign = k >= 12 ? -1 : 1;
  const root = (n: number) => mul(HALF, pow(int(n), HALF));
  const value: Record<number, Node> = {
    0: ZERO,
    2: HALF,
    3: root(2),
    4: root(3),
    6: ONE,
    8: root(3),
    9: root(2),
    10: HALF,
  };
  const v = value[k % 12];
  return v === undefined ? undefined : sign < 0 ? neg(v) : v;
}

/** cos(qπ) = sin((q + 1/2)π), where exact. */
export function cosOfPiTimes(q: Rational): Node | undefined {
  return sinOfPiTimes(q.add(Rational.of(1n, 2n)));
}
