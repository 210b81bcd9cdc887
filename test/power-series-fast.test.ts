// Power series over ℚ on integers (engine/power-series-scaled.ts) against the Rational loops they
// replace: the same coefficients, exactly, for generated compositions of exp, sin, cos, sinh,
// cosh, tan, tanh, σ, atan, asin, log(1 + ·), whole and fractional powers, products and quotients,
// removable singularities included, at orders 0–40 around 0 and around rational points.
import { describe, expect, it } from "vitest";
import { add, apply, div, frac, int, mul, num, pow, sub, sym } from "../src/graph/construct.js";
import type { Node } from "../src/graph/node.js";
import { RATIONALS, SeriesAlgebra, Short, type Ring } from "../src/engine/power-series.js";
import { divScaled, expScaled, mulScaled, powerScaled, sinCosScaled } from "../src/engine/power-series-scaled.js";
import { Rational } from "../src/numeric/rational.js";
import { seededRandom } from "./helpers/random.js";

/** The previous implementation: the same algebra with every loop on Rationals. */
const RATIONAL_LOOPS: Ring<Rational> = { ...RATIONALS, fast: undefined };

/** The new implementation, counting the loops the integer kernels took on (not declined). */
const taken = { mul: 0, div: 0, exp: 0, sinCos: 0, riccati: 0, power: 0 };
const kernels = RATIONALS.fast!;
const taking = <K extends keyof typeof taken, R>(k: K, r: R | null): R | null => {
  if (r) taken[k]++;
  return r;
};
const INTEGER_LOOPS: Ring<Rational> = {
  ...RATIONALS,
  fast: {
    mul: (a, b, len, va, vb) => taking("mul", kernels.mul(a, b, len, va, vb)),
    div: (a, b, len, va) => taking("div", kernels.div(a, b, len, va)),
    exp: (h, n) => taking("exp", kernels.exp(h, n)),
    sinCos: (h, n, hyperbolic, only) => taking("sinCos", kernels.sinCos(h, n, hyperbolic, only)),
    riccati: (h, n, F0, alpha, beta, gamma) => taking("riccati", kernels.riccati(h, n, F0, alpha, beta, gamma)),
    power: (A, p, B0, len) => taking("power", kernels.power(A, p, B0, len)),
  },
};

const x = sym("x");

/**
 * The series of f in t = x − a to O(t^N), as text: valuation, exactness and coefficients, or the
 * error. Where cancellation leaves too few terms (Short), N grows, as taylor does.
 */
function expand(ring: Ring<Rational>, f: Node, a: Rational, N: number): string {
  try {
    const alg = new SeriesAlgebra(ring, x, { v: 0, c: [a, Rational.ONE], exact: true }, N);
    const s = alg.of(f);
    return `t^${s.v} ${s.exact ? "exact" : `+ O(t^${alg.prec(s)})`}: ${s.c.join(", ")}`;
  } catch (e) {
    if (e instanceof Short && N < 60) return expand(ring, f, a, N + 7);
    return `${(e as Error).constructor.name}: ${(e as Error).message}`;
  }
}

/** Random expressions in x around x = a; `small` ones vanish there (h(a) = 0, so exp(h), log(1 + h) stay rational). */
function generator(seed: number, a: Rational) {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const rational = () => frac(pick([1, -1, 2, -3, 5, 7]), pick([1, 1, 2, 3, 4, 9]));
  const t = a.isZero() ? x : sub(x, num(a));

  const small = (depth: number): Node => {
    if (depth === 0) return pick([t, mul(rational(), t), mul(rational(), pow(t, int(pick([2, 3]))))]);
    const h = () => small(depth - 1);
    const any = () => expression(depth - 1);
    return pick([
      () => add(h(), h()),
      () => mul(any(), h()),
      () => sub(apply("exp", [h()]), int(1)),
      () => apply("sin", [h()]),
      () => apply("sinh", [h()]),
      () => sub(apply("cos", [h()]), int(1)),
      () => apply("log", [add(int(1), h())]),
      () => div(h(), add(rational(), h())),
      () => apply(pick(["tan", "tanh", "atan", "asin"]), [h()]),
    ])();
  };

  const expression = (depth: number): Node => {
    if (depth === 0) return pick([x, rational(), add(x, rational()), mul(rational(), t)]);
    // A sum of small parts may cancel to 0: then t stands in (a removable singularity needs h ≢ 0).
    const h = () => {
      const u = small(depth - 1);
      return u === int(0) ? t : u;
    };
    const any = () => expression(depth - 1);
    return pick([
      () => add(any(), any()),
      () => mul(any(), any()),
      () => div(any(), add(pick([int(1), int(-2), frac(3, 2)]), h())),
      () => apply("exp", [h()]),
      () => apply("cos", [h()]),
      () => apply("cosh", [h()]),
      () => apply("sigmoid", [h()]),
      () => mul(rational(), apply("tan", [h()])),
      () => mul(rational(), apply("exp", [mul(rational(), h())])),
      () => pow(add(int(1), h()), int(pick([2, 3, 5, -1, -2]))),
      () => pow(add(int(1), h()), frac(pick([1, -1, 3]), 2)),
      () => pow(add(rational(), h()), frac(pick([1, -2, 5]), 3)),
      () => pow(add(frac(4, 9), h()), frac(pick([1, -1, 3]), 2)),
      // Removable singularities: sin(h)/h, (1 − cos h)/h², (eʰ − 1)/h, log(1 + h)/h.
      () => {
        const u = h();
        return div(apply("sin", [u]), u);
      },
      () => {
        const u = h();
        return div(sub(int(1), apply("cos", [u])), pow(u, int(2)));
      },
      () => {
        const u = h();
        return div(sub(apply("exp", [u]), int(1)), u);
      },
      () => {
        const u = h();
        return div(apply("log", [add(int(1), u)]), u);
      },
    ])();
  };
  return { expression, random };
}

describe("power series over ℚ on integers give the Rational loops' coefficients", () => {
  const points = [Rational.ZERO, Rational.of(1, 2), Rational.int(-3), Rational.of(2, 3)];
  for (const a of points) {
    it(`on 60 generated expressions around x = ${a.toString()}, orders 0–40`, () => {
      const { expression, random } = generator(1009 + a.num.toString().length * 17 + Number(a.den), a);
      let expanded = 0;
      for (let i = 0; i < 60; i++) {
        const f = expression(1 + Math.floor(random() * 3));
        for (const N of [Math.floor(random() * 6), 6 + Math.floor(random() * 35)]) {
          const fast = expand(INTEGER_LOOPS, f, a, N);
          expect(fast, `${f.toString()} to order ${N}`).toBe(expand(RATIONAL_LOOPS, f, a, N));
          if (fast.startsWith("t^")) expanded++;
        }
      }
      // Errors compare too (a pole under a fractional power, a leading term that cancels to 0), but few.
      expect(expanded).toBeGreaterThanOrEqual(110);
    });
  }

  it("ran those expansions through every integer kernel (not only the Rational loops)", () => {
    for (const loop of Object.values(taken)) expect(loop).toBeGreaterThan(20);
  });

  it("keeps the classic expansions: exp(sin x), sin(x)/x, (1 − cos x)/x², tan x", () => {
    const classics = [
      apply("exp", [apply("sin", [x])]),
      div(apply("sin", [x]), x),
      div(sub(int(1), apply("cos", [x])), pow(x, int(2))),
      apply("tan", [x]),
      div(x, sub(apply("exp", [x]), int(1))),
      apply("log", [div(int(1), sub(int(1), x))]),
    ];
    for (const f of classics)
      for (const N of [0, 1, 2, 7, 20, 40])
        expect(expand(RATIONALS, f, Rational.ZERO, N)).toBe(expand(RATIONAL_LOOPS, f, Rational.ZERO, N));
    expect(expand(RATIONALS, classics[0], Rational.ZERO, 6)).toBe("t^0 + O(t^6): 1, 1, 1/2, 0, -1/8, -1/15");
  });
});

describe("the integer kernels on random rational coefficients", () => {
  const random = seededRandom(4242);
  const whole = (m: number) => BigInt(Math.floor(random() * (2 * m + 1)) - m);
  /** Coefficients of every kind: zeros, whole numbers, 1/k!-like, geometric 3ᵏ, random denominators. */
  const coefficients = (len: number, zeroFirst: boolean): Rational[] => {
    const kind = Math.floor(random() * 4);
    const out: Rational[] = [];
    let factorial = 1n;
    for (let k = 0; k < len; k++) {
      if (k > 0) factorial *= BigInt(k);
      const top = random() < 0.25 ? 0n : whole(20);
      const den = [1n, factorial, 3n ** BigInt(k + 1), BigInt(1 + Math.floor(random() * 12))][kind];
      out.push(Rational.of(top, den));
    }
    if (zeroFirst && len > 0) out[0] = Rational.ZERO;
    else if (len > 0 && out[0].isZero()) out[0] = Rational.of(whole(5) || 1n, 1n + BigInt(Math.floor(random() * 4)));
    return out;
  };
  const convolve = (a: Rational[], b: Rational[], len: number) =>
    Array.from({ length: len }, (_, k) => {
      let s = Rational.ZERO;
      for (let i = 0; i <= k; i++) if (i < a.length && k - i < b.length) s = s.add(a[i].mul(b[k - i]));
      return s;
    });
  const same = (got: Rational[] | null, want: Rational[]) => {
    expect(got).not.toBeNull();
    expect(got!.map(String)).toEqual(want.map(String));
  };

  it("a product is the convolution, a quotient undoes it, whatever powers the factors start at", () => {
    for (let trial = 0; trial < 300; trial++) {
      const len = 1 + Math.floor(random() * 30);
      const a = coefficients(1 + Math.floor(random() * len), false);
      const b = coefficients(1 + Math.floor(random() * len), false);
      // The valuations only choose the scales tried (sin t from t is 1/(k + 1)!): the sums are the same.
      const [va, vb] = [Math.floor(random() * 4) - 1, Math.floor(random() * 4) - 1];
      const product = convolve(a, b, len);
      const fast = mulScaled(a, b, len, va, vb);
      if (fast) same(fast, product);
      else {
        // Declined: integer factors, or a factor with at most two terms (the Rational loops are O(len) then).
        const terms = (r: Rational[]) => r.slice(0, len).filter((c) => !c.isZero()).length;
        expect((a.every((c) => c.isInteger()) && b.every((c) => c.isInteger())) || terms(a) <= 2 || terms(b) <= 2).toBe(
          true,
        );
      }
      const quotient = divScaled(product, b, Math.min(len, a.length), va + vb);
      if (quotient) same(quotient, a.slice(0, Math.min(len, a.length)));
    }
  });

  it("exp(h) satisfies E′ = h′E and sin² + cos² = 1, cosh² − sinh² = 1", () => {
    for (let trial = 0; trial < 100; trial++) {
      const n = 1 + Math.floor(random() * 30);
      const h = coefficients(n, true);
      const E = expScaled(h, n);
      if (E) {
        // k Eₖ = Σⱼ j hⱼ Eₖ₋ⱼ
        for (let k = 1; k < n; k++) {
          let s = Rational.ZERO;
          for (let j = 1; j <= k; j++)
            s = s.add(
              Rational.int(j)
                .mul(h[j])
                .mul(E[k - j]),
            );
          expect(E[k].mul(Rational.int(k)).equals(s)).toBe(true);
        }
      }
      for (const hyperbolic of [false, true]) {
        const sc = sinCosScaled(h, n, hyperbolic);
        if (!sc) continue;
        const s2 = convolve(sc.S, sc.S, n);
        const squares = convolve(sc.C, sc.C, n).map((c, k) => (hyperbolic ? c.sub(s2[k]) : c.add(s2[k])));
        expect(squares.map(String)).toEqual(squares.map((_, k) => (k === 0 ? "1" : "0")));
      }
    }
  });

  it("a square root squares back, a cube root of the inverse cubes to 1/A", () => {
    for (let trial = 0; trial < 100; trial++) {
      const len = 1 + Math.floor(random() * 25);
      const A = coefficients(len, false);
      const r = Rational.of(1n + BigInt(Math.floor(random() * 5)), 1n + BigInt(Math.floor(random() * 4)));
      A[0] = r.mul(r);
      const root = powerScaled(A, Rational.of(1, 2), r, len);
      expect(root).not.toBeNull();
      same(convolve(root!, root!, len), A);
      A[0] = r.mul(r).mul(r);
      const inverseCube = powerScaled(A, Rational.of(-1, 3), r.inv(), len);
      expect(inverseCube).not.toBeNull();
      const cube = convolve(convolve(inverseCube!, inverseCube!, len), inverseCube!, len);
      same(convolve(cube, A, len), [Rational.ONE, ...Array<Rational>(len - 1).fill(Rational.ZERO)]);
    }
  });

  it("declines scales too large to pay (then the Rational loops run)", () => {
    const wild = [
      Rational.ZERO,
      ...Array.from({ length: 20 }, (_, k) => Rational.of(1, 1000003n ** BigInt(k * k + 1))),
    ];
    expect(expScaled(wild, wild.length)).toBeNull();
    const f = apply("exp", [div(x, add(int(7), pow(x, int(3))))]);
    expect(expand(RATIONALS, f, Rational.ZERO, 30)).toBe(expand(RATIONAL_LOOPS, f, Rational.ZERO, 30));
  });
});
