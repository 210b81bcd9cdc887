// Numbers a + b√d of a quadratic field ℚ(√d), d a squarefree integer ≠ 0, 1 (d = 1 for plain
// rationals; d < 0 for complex ones, √d = √|d|·i): enough arithmetic for eigenvectors of matrices
// whose eigenvalues are quadratic radicals.
import { Rational, bigintGcd, isqrt } from "./rational.js";

export interface QuadNum {
  a: Rational;
  b: Rational;
  d: bigint;
}

const Q0 = Rational.ZERO;

function squarefree(n: bigint): { outside: bigint; inside: bigint } {
  let outside = 1n;
  let inside = n;
  for (let p = 2n; p * p <= inside && p < 100000n; p++) {
    while (inside % (p * p) === 0n) {
      inside /= p * p;
      outside *= p;
    }
  }
  return { outside, inside };
}

function field(x: QuadNum, y: QuadNum): bigint {
  return x.b.isZero() ? y.d : x.d;
}

export const QuadField = {
  rational(r: Rational): QuadNum {
    return { a: r, b: Q0, d: 1n };
  },
  add(x: QuadNum, y: QuadNum): QuadNum {
    return { a: x.a.add(y.a), b: x.b.add(y.b), d: field(x, y) };
  },
  sub(x: QuadNum, y: QuadNum): QuadNum {
    return { a: x.a.sub(y.a), b: x.b.sub(y.b), d: field(x, y) };
  },
  mul(x: QuadNum, y: QuadNum): QuadNum {
    const d = field(x, y);
    return { a: x.a.mul(y.a).add(x.b.mul(y.b).mul(Rational.int(d))), b: x.a.mul(y.b).add(x.b.mul(y.a)), d };
  },
  div(x: QuadNum, y: QuadNum): QuadNum {
    // (a + b√d)/(c + e√d) = (a + b√d)(c − e√d)/(c² − e²d)
    const d = field(x, y);
    const norm = y.a.mul(y.a).sub(y.b.mul(y.b).mul(Rational.int(d)));
    const conj = { a: y.a, b: y.b.neg(), d };
    const top = QuadField.mul(x, conj);
    return { a: top.a.div(norm), b: top.b.div(norm), d };
  },
  isZero(x: QuadNum): boolean {
    return x.a.isZero() && x.b.isZero();
  },
  equals(x: QuadNum, y: QuadNum): boolean {
    return QuadField.isZero(QuadField.sub(x, y));
  },
  /** The value as a float; the real part for a complex one. */
  toNumber(x: QuadNum): number {
    return x.d < 0n ? x.a.toNumber() : x.a.toNumber() + x.b.toNumber() * Math.sqrt(Number(x.d));
  },
  /** The roots of a x² + b x + c, larger first (the one with positive imaginary part first when they are complex). */
  quadraticRoots(a: Rational, b: Rational, c: Rational): [QuadNum, QuadNum] {
    const disc = b.mul(b).sub(Rational.int(4).mul(a).mul(c));
    const sign = disc.sign() < 0 ? -1n : 1n;
    // √(p/q) = √(pq)/q, and √(−r) = √r·√−1
    const magnitude = squarefree(sign * disc.num * disc.den);
    const { outside } = magnitude;
    const inside = sign * magnitude.inside;
    const r = inside > 0n ? isqrt(inside) : 0n;
    const root = Rational.of(outside, disc.den);
    const twoA = Rational.int(2).mul(a);
    const center = b.neg().div(twoA);
    if (r * r === inside) {
      const s = root.mul(Rational.int(r)).div(twoA.abs());
      return [QuadField.rational(center.add(s)), QuadField.rational(center.sub(s))];
    }
    const half = root.div(twoA.abs());
    return [
      { a: center, b: half, d: inside },
      { a: center, b: half.neg(), d: inside },
    ];
  },
  /** A basis of the null space of A − λI over ℚ(√d). */
  nullspace(A: Rational[][], lambda: QuadNum): QuadNum[][] {
    const n = A.length;
    const M: QuadNum[][] = A.map((row, i) =>
      row.map((x, j) =>
        i === j ? QuadField.sub(QuadField.rational(x), lambda) : { ...QuadField.rational(x), d: lambda.d },
      ),
    );
    const pivots: number[] = [];
    let r = 0;
    for (let c = 0; c < n && r < n; c++) {
      const p = M.findIndex((row, i) => i >= r && !QuadField.isZero(row[c]));
      if (p < 0) continue;
      [M[r], M[p]] = [M[p], M[r]];
      const pivot = M[r][c];
      M[r] = M[r].map((x) => QuadField.div(x, pivot));
      for (let i = 0; i < n; i++) {
        if (i !== r && !QuadField.isZero(M[i][c])) {
          const f = M[i][c];
          M[i] = M[i].map((x, j) => QuadField.sub(x, QuadField.mul(f, M[r][j])));
        }
      }
      pivots.push(c);
      r++;
    }
    const free = Array.from({ length: n }, (_, j) => j).filter((j) => !pivots.includes(j));
    return free.map((f) => {
      const v: QuadNum[] = Array.from({ length: n }, () => ({ a: Q0, b: Q0, d: lambda.d }));
      v[f] = { a: Rational.ONE, b: Q0, d: lambda.d };
      pivots.forEach((p, i) => (v[p] = QuadField.sub({ a: Q0, b: Q0, d: lambda.d }, M[i][f])));
      return v;
    });
  },
  /** Scales a vector so its last nonzero entry is positive and its rational parts are coprime integers. */
  normalise(v: QuadNum[]): QuadNum[] {
    const last = [...v].reverse().find((x) => !QuadField.isZero(x));
    if (!last) return v;
    let w = v;
    if (last.b.isZero()) {
      if (last.a.sign() < 0) w = w.map((x) => ({ a: x.a.neg(), b: x.b.neg(), d: x.d }));
    } else {
      w = w.map((x) => QuadField.div(x, last));
    }
    let lcm = 1n;
    let gcd = 0n;
    for (const x of w) for (const q of [x.a, x.b]) lcm = (lcm * q.den) / bigintGcd(lcm, q.den);
    const scaled = w.map((x) => ({ a: x.a.mul(Rational.int(lcm)), b: x.b.mul(Rational.int(lcm)), d: x.d }));
    for (const x of scaled) for (const q of [x.a, x.b]) gcd = bigintGcd(gcd, q.num);
    if (gcd <= 1n) return scaled;
    return scaled.map((x) => ({ a: x.a.div(Rational.int(gcd)), b: x.b.div(Rational.int(gcd)), d: x.d }));
  },
};
