// Exact real roots of polynomials over ℚ (check/real-roots.ts), on generated polynomials whose roots
// are known by construction: rational roots (some 10⁻⁸ to 10⁻⁴⁰ apart, some repeated), pairs of
// irrational roots c ± √m·10⁻ᵉ, and factors without real roots. Every rational root comes back
// exactly, every irrational one as an interval whose ends the polynomial has opposite signs at, and
// no two intervals overlap.
import { describe, expect, it } from "vitest";
import { realRootsExact } from "../src/engine/check/real-roots.js";
import { random } from "../src/engine/check/points.js";
import { Rational } from "../src/numeric/rational.js";

type Poly = Rational[];

const times = (p: Poly, q: Poly): Poly => {
  const out: Poly = Array.from({ length: p.length + q.length - 1 }, () => Rational.ZERO);
  p.forEach((a, i) => q.forEach((b, j) => (out[i + j] = out[i + j].add(a.mul(b)))));
  return out;
};
const at = (p: Poly, x: Rational) => p.reduceRight((acc, c) => acc.mul(x).add(c), Rational.ZERO);
const tenTo = (e: number) => Rational.of(10n ** BigInt(Math.max(0, e)), 10n ** BigInt(Math.max(0, -e)));

interface Case {
  p: Poly;
  rational: Rational[];
  /** Irrational roots, as c and s with roots c ± s (s² rational, s irrational). */
  irrational: { c: Rational; s2: Rational }[];
}

function generated(): Case[] {
  const next = random(0x1007);
  const out: Case[] = [];
  for (let k = 0; k < 40; k++) {
    const c = Rational.of(Math.round((next() * 200 - 100) * 100), 100);
    const e = 8 + Math.floor(next() * 33);
    const rational = [c, c.add(tenTo(-e))];
    if (k % 3 === 0) rational.push(Rational.of(Math.floor(next() * 50) - 25, 1 + Math.floor(next() * 7)));
    let p: Poly = [Rational.ONE];
    for (const r of rational) p = times(p, [r.neg(), Rational.ONE]);
    // A repeated root: the square-free part has it once.
    if (k % 4 === 1) p = times(p, [c.neg(), Rational.ONE]);
    const irrational: Case["irrational"] = [];
    if (k % 2 === 0) {
      const m = [2, 3, 5, 7][k % 4 === 0 ? 0 : 1];
      const f = 5 + Math.floor(next() * 30);
      const d = Rational.of(Math.round(next() * 1000) - 500, 10);
      const s2 = Rational.int(m).mul(tenTo(-2 * f));
      // (x − d)² − s²
      p = times(p, [d.mul(d).sub(s2), d.mul(Rational.int(-2)), Rational.ONE]);
      irrational.push({ c: d, s2 });
    }
    if (k % 5 === 0) p = times(p, [Rational.ONE, Rational.ZERO, Rational.ONE]);
    out.push({
      p,
      rational: [...new Set(rational.map(String))].map((s) => rational.find((r) => String(r) === s)!),
      irrational,
    });
  }
  return out;
}

describe("exact real roots", () => {
  const cases = generated();

  it("finds every rational root exactly and brackets every irrational one", () => {
    for (const { p, rational, irrational } of cases) {
      const roots = realRootsExact(p);
      expect(roots).not.toBeNull();
      const exact = roots!.filter((r) => r.exact).map((r) => r.exact!);
      expect(exact.map(String).sort()).toEqual(rational.map(String).sort());
      const brackets = roots!.filter((r) => !r.exact);
      expect(brackets.length).toBe(2 * irrational.length);
      for (const b of brackets) {
        expect(b.lo.compare(b.hi)).toBe(-1);
        expect(at(p, b.lo).sign() * at(p, b.hi).sign()).toBe(-1);
        // The root inside is c ± s: (r − c)² = s² lies between the ends' values of (x − c)².
        const { c, s2 } = irrational.find(({ c, s2 }) => {
          const [l, h] = [b.lo.sub(c), b.hi.sub(c)].map((t) => t.mul(t));
          return (l.compare(s2) <= 0 && s2.compare(h) <= 0) || (h.compare(s2) <= 0 && s2.compare(l) <= 0);
        })!;
        expect(c).toBeDefined();
        expect(s2).toBeDefined();
      }
      // In increasing order, and apart.
      for (let i = 1; i < roots!.length; i++) expect(roots![i - 1].hi.compare(roots![i].lo)).toBeLessThanOrEqual(0);
    }
  });

  it("treats constants and polynomials without real roots", () => {
    expect(realRootsExact([Rational.int(3)])).toEqual([]);
    expect(realRootsExact([Rational.ONE, Rational.ZERO, Rational.ONE])).toEqual([]);
    const [r] = realRootsExact([Rational.int(-2), Rational.int(3)])!;
    expect(r.exact?.toString()).toBe("2/3");
  });

  it("finds the roots 10⁻⁵ of x² − 10⁻¹⁰ and the four of (x² − 2)² − 10⁻⁴⁰", () => {
    const tiny = realRootsExact([tenTo(-10).neg(), Rational.ZERO, Rational.ONE])!;
    expect(tiny.map((r) => r.exact?.toString())).toEqual(["-1/100000", "1/100000"]);
    const four = realRootsExact([
      Rational.int(4).sub(tenTo(-40)),
      Rational.ZERO,
      Rational.int(-4),
      Rational.ZERO,
      Rational.ONE,
    ])!;
    expect(four.length).toBe(4);
    expect(four.every((r) => !r.exact && Math.abs(Math.abs(r.lo.toNumber()) - Math.SQRT2) < 1e-15)).toBe(true);
  });
});
