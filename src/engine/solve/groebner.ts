// Gröbner bases over ℚ in lexicographic order (Buchberger's algorithm with the coprime and chain
// criteria), the step that turns a polynomial system into a triangular one.
import { checkBudget, grouped, limitOf, overLimit } from "../../budget.js";
import type { Rational } from "../../numeric/rational.js";

export type Monomial = number[];
export interface Term {
  m: Monomial;
  c: Rational;
}
/** Terms sorted by decreasing lex order; no zero coefficients. */
export type Polynomial = Term[];

export function lexCompare(a: Monomial, b: Monomial): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** Terms in any order, like terms summed, zeros dropped, sorted: a polynomial as the rest of this file keeps them. */
function normalise(terms: readonly Term[]): Polynomial {
  const byKey = new Map<string, Term>();
  for (const t of terms) {
    const key = t.m.join(",");
    const seen = byKey.get(key);
    if (seen) seen.c = seen.c.add(t.c);
    else byKey.set(key, { m: t.m, c: t.c });
  }
  return [...byKey.values()].filter((t) => !t.c.isZero()).sort((x, y) => lexCompare(y.m, x.m));
}

/** p − q, both sorted with distinct monomials: one merge of the two term lists. */
function sub(p: Polynomial, q: Polynomial): Polynomial {
  const out: Term[] = [];
  let i = 0;
  let j = 0;
  while (i < p.length && j < q.length) {
    const order = lexCompare(p[i].m, q[j].m);
    if (order > 0) out.push(p[i++]);
    else if (order < 0) {
      out.push({ m: q[j].m, c: q[j].c.neg() });
      j++;
    } else {
      const c = p[i].c.sub(q[j].c);
      if (!c.isZero()) out.push({ m: p[i].m, c });
      i++;
      j++;
    }
  }
  while (i < p.length) out.push(p[i++]);
  for (; j < q.length; j++) out.push({ m: q[j].m, c: q[j].c.neg() });
  return out;
}

function mulTerm(p: Polynomial, m: Monomial, c: Rational): Polynomial {
  return p.map((t) => ({ m: t.m.map((e, i) => e + m[i]), c: t.c.mul(c) }));
}

function divides(a: Monomial, b: Monomial): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] > b[i]) return false;
  return true;
}

function lcm(a: Monomial, b: Monomial): Monomial {
  return a.map((e, i) => Math.max(e, b[i]));
}

function monic(p: Polynomial): Polynomial {
  if (p.length === 0) return p;
  const inv = p[0].c.inv();
  return p.map((t) => ({ m: t.m, c: t.c.mul(inv) }));
}

/** The remainder of p on division by the set G (full reduction). */
export function reduce(p: Polynomial, G: readonly Polynomial[]): Polynomial {
  let rest = p;
  const remainder: Term[] = [];
  let steps = 0;
  while (rest.length) {
    // Often: with coefficients of thousands of digits one step can take milliseconds.
    if (++steps % 8 === 0) checkBudget();
    const lead = rest[0];
    const g = G.find((q) => q.length && divides(q[0].m, lead.m));
    if (g) {
      const m = lead.m.map((e, i) => e - g[0].m[i]);
      rest = sub(rest, mulTerm(g, m, lead.c.div(g[0].c)));
    } else {
      remainder.push(lead);
      rest = rest.slice(1);
    }
  }
  return remainder;
}

function sPolynomial(f: Polynomial, g: Polynomial): Polynomial {
  const l = lcm(f[0].m, g[0].m);
  return sub(
    mulTerm(
      f,
      l.map((e, i) => e - f[0].m[i]),
      f[0].c.inv(),
    ),
    mulTerm(
      g,
      l.map((e, i) => e - g[0].m[i]),
      g[0].c.inv(),
    ),
  );
}

/**
 * A reduced Gröbner basis in lex order; throws a limit error when the work grows past the groebnerBasis or
 * groebnerPairs limit.
 */
export function groebner(input: readonly Polynomial[]): Polynomial[] {
  const maxBasis = limitOf("groebnerBasis");
  const maxPairs = limitOf("groebnerPairs");
  const G: Polynomial[] = input
    .map(normalise)
    .filter((p) => p.length)
    .map(monic);
  const pairs: [number, number][] = [];
  for (let i = 0; i < G.length; i++) for (let j = 0; j < i; j++) pairs.push([j, i]);
  let processed = 0;
  while (pairs.length) {
    if (++processed > maxPairs)
      throw overLimit(
        "groebnerPairs",
        `solving gave up: the Gröbner basis computation reduced ${grouped(maxPairs)} pairs, the limit`,
      );
    const [i, j] = pairs.shift()!;
    const a = G[i][0].m;
    const b = G[j][0].m;
    // Buchberger's first criterion: coprime leading monomials reduce to zero.
    if (a.every((e, k) => e === 0 || b[k] === 0)) continue;
    // The chain criterion: some third leading monomial divides the lcm, and its pairs are pending or done.
    const l = lcm(a, b);
    if (
      G.some(
        (g, k) =>
          k !== i &&
          k !== j &&
          divides(g[0].m, l) &&
          !pairs.some(
            ([p, q]) =>
              (p === Math.min(i, k) && q === Math.max(i, k)) || (p === Math.min(j, k) && q === Math.max(j, k)),
          ),
      )
    )
      continue;
    const r = reduce(sPolynomial(G[i], G[j]), G);
    if (r.length) {
      G.push(monic(r));
      if (G.length > maxBasis)
        throw overLimit(
          "groebnerBasis",
          `solving gave up: the Gröbner basis grew past ${grouped(maxBasis)} polynomials, the limit`,
        );
      for (let k = 0; k < G.length - 1; k++) pairs.push([k, G.length - 1]);
    }
  }
  // Reduce: drop polynomials whose leading monomial another's divides, then inter-reduce.
  const minimal = G.filter(
    (g, i) => !G.some((h, j) => j !== i && divides(h[0].m, g[0].m) && (lexCompare(h[0].m, g[0].m) !== 0 || j < i)),
  );
  return minimal
    .map((g, i) =>
      monic(
        reduce(
          g,
          minimal.filter((_, j) => j !== i),
        ),
      ),
    )
    .filter((g) => g.length)
    .sort((x, y) => lexCompare(y[0].m, x[0].m));
}
