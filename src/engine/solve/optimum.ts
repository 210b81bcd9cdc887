// maximize / minimize: the best stationary point is claimed a global optimum only with a proof —
// (1) the feasible set is compact (a constraint whose leading form is positive definite, such as a
// sphere) or f is coercive without constraints, every stationary point is known and the constraint
// qualification holds, so the optimum is attained at one of them; or (2) the constraints are affine
// and f restricted to them is concave (for a maximum; convex for a minimum), so every stationary
// point is a global one. A polynomial f that grows without bound along a line of an affine feasible
// set is said to be unbounded, with the line. Otherwise the best local optimum is given as local,
// with "no global maximum was proved".
import { mathError, rethrowStop } from "../../errors.js";
import { add, mul, num, relation, str, struct, sub, sym, tuple } from "../../graph/construct.js";
import { expand } from "../expand.js";
import { substitute } from "../substitute.js";
import type { Node } from "../../graph/node.js";
import { floatValue } from "../../graph/evalf.js";
import { det, nullspace, rref } from "../../numeric/exact-linalg.js";
import { Rational } from "../../numeric/rational.js";
import { convexity } from "../convexity.js";
import { Poly, exponentsOf } from "../polynomial.js";
import { typedSymbols } from "../variable-order.js";
import { toPretty } from "../../graph/print/forms.js";
import { criticalPoints, lagrange } from "./optimize.js";
import { equationList, polynomialsIn, solvePolynomials } from "./system.js";

type Sense = "maximize" | "minimize";

/** p(images): each generator of p replaced by a polynomial in other generators. */
function compose(p: Poly, images: readonly Poly[], gens: readonly Node[]): Poly {
  let out = Poly.constant(gens, Rational.ZERO);
  for (const [key, c] of p.terms) {
    let term = Poly.constant(gens, c);
    exponentsOf(key).forEach((e, i) => {
      if (e > 0) term = term.mul(images[i].pow(e));
    });
    out = out.add(term);
  }
  return out;
}

function totalDegree(key: string): number {
  return exponentsOf(key).reduce((s, e) => s + e, 0);
}

/** The terms of highest total degree. */
function leadingForm(p: Poly): Poly {
  const top = Math.max(...[...p.terms.keys()].map(totalDegree));
  return new Poly(p.gens, new Map([...p.terms].filter(([k]) => totalDegree(k) === top)));
}

/**
 * The leading form is positive definite, so p → +∞ in every direction and {p = c} is bounded:
 * Σ cᵢxᵢᵈ with d even and every cᵢ > 0 over all variables, or a positive definite quadratic form.
 */
function leadingFormPositiveDefinite(p: Poly, n: number): boolean {
  if (p.terms.size === 0) return false;
  const form = leadingForm(p);
  const d = totalDegree([...form.terms.keys()][0]);
  if (d === 0 || d % 2 !== 0) return false;
  const entries = [...form.terms].map(([k, c]) => ({ e: exponentsOf(k), c }));
  const diagonal = entries.every(({ e, c }) => c.sign() > 0 && e.filter((x) => x > 0).length === 1);
  if (diagonal) return Array.from({ length: n }, (_, i) => entries.some(({ e }) => e[i] === d)).every(Boolean);
  if (d !== 2) return false;
  const Q = Array.from({ length: n }, () => new Array<Rational>(n).fill(Rational.ZERO));
  for (const { e, c } of entries) {
    const idx = e.flatMap((x, i) => (x === 2 ? [i, i] : x === 1 ? [i] : []));
    if (idx[0] === idx[1]) Q[idx[0]][idx[0]] = c;
    else {
      Q[idx[0]][idx[1]] = c.div(Rational.int(2));
      Q[idx[1]][idx[0]] = c.div(Rational.int(2));
    }
  }
  return Q.every((_, k) => det(Q.slice(0, k + 1).map((row) => row.slice(0, k + 1))).sign() > 0);
}

interface AffineSet {
  /** A point of the set and a basis of its directions (columns as arrays of length n). */
  point: Rational[];
  directions: Rational[][];
}

/** {x : A x = b} from affine constraints over ℚ; null when one is not affine; "empty" when inconsistent. */
function affineSet(gs: readonly Poly[], n: number): AffineSet | "empty" | null {
  if (gs.some((g) => g.degree() > 1)) return null;
  const rows = gs.map((g) => {
    const row = new Array<Rational>(n + 1).fill(Rational.ZERO);
    for (const [k, c] of g.terms) {
      const j = exponentsOf(k).indexOf(1);
      if (j < 0) row[n] = c.neg();
      else row[j] = c;
    }
    return row;
  });
  if (rows.length === 0)
    return {
      point: new Array<Rational>(n).fill(Rational.ZERO),
      directions: Array.from({ length: n }, (_, i) =>
        Array.from({ length: n }, (_, j) => (i === j ? Rational.ONE : Rational.ZERO)),
      ),
    };
  const { R, pivots } = rref(rows);
  if (pivots.includes(n)) return "empty";
  const point = new Array<Rational>(n).fill(Rational.ZERO);
  pivots.forEach((p, i) => (point[p] = R[i][n]));
  return { point, directions: nullspace(rows.map((row) => row.slice(0, n))) };
}

/** Small integer combinations of the basis directions to try for a ray of unboundedness. */
function candidateDirections(k: number): number[][] {
  const out: number[][] = [];
  const unit = (i: number, s: number) => Array.from({ length: k }, (_, j) => (j === i ? s : 0));
  for (let i = 0; i < k; i++) for (const s of [1, -1]) out.push(unit(i, s));
  for (let i = 0; i < k; i++)
    for (let j = i + 1; j < k; j++)
      for (const a of [1, -1]) for (const b of [1, -1]) out.push(unit(i, a).map((v, m) => v + unit(j, b)[m]));
  let seed = 12345;
  for (let r = 0; r < 40; r++) {
    out.push(
      Array.from({ length: k }, () => {
        seed = (seed * 16807) % 2147483647;
        return (seed % 7) - 3;
      }),
    );
  }
  return out.filter((d) => d.some((v) => v !== 0));
}

/** A line x = p + s·v of the affine set along which sense·f → +∞ (f polynomial), as text, or null. */
function unboundedRay(sense: Sense, fp: Poly, set: AffineSet, xs: readonly Node[]): string | null {
  const s = sym("s");
  const gens = [s];
  const k = set.directions.length;
  for (const d of candidateDirections(k)) {
    const v = xs.map((_, i) =>
      set.directions.reduce((acc, dir, j) => acc.add(dir[i].mul(Rational.int(d[j]))), Rational.ZERO),
    );
    const images = xs.map((_, i) => Poly.constant(gens, set.point[i]).add(Poly.generator(gens, 0).scale(v[i])));
    const along = compose(fp, images, gens);
    const degree = along.degree();
    if (degree < 1) continue;
    const lead = [...along.terms].find(([key]) => totalDegree(key) === degree)![1];
    if (lead.sign() === (sense === "maximize" ? 1 : -1)) {
      if (xs.length === 1) return `${toPretty(xs[0])} → ${v[0].sign() > 0 ? "+∞" : "−∞"}`;
      const show = (values: Rational[]) =>
        values.length === 1 ? toPretty(num(values[0])) : `(${values.map((r) => toPretty(num(r))).join(", ")})`;
      const names = xs.length === 1 ? toPretty(xs[0]) : `(${xs.map(toPretty).join(", ")})`;
      return `${names} = ${show(set.point)} + s·${show(v)}, s → ∞`;
    }
  }
  return null;
}

/** f restricted to the affine set, in new variables t₁ … t_k: f(p + Σ tⱼvⱼ). */
function restricted(
  f: Node,
  fp: Poly | null,
  set: AffineSet,
  xs: readonly Node[],
): { f: Node; poly: Poly | null; ts: Node[] } {
  const ts = set.directions.map((_, j) => sym(`t_${j + 1}`));
  if (fp) {
    const images = xs.map((_, i) =>
      set.directions.reduce(
        (acc, dir, j) => acc.add(Poly.generator(ts, j).scale(dir[i])),
        Poly.constant(ts, set.point[i]),
      ),
    );
    const poly = compose(fp, images, ts);
    return { f: poly.toNode(), poly, ts };
  }
  const images = xs.map((_, i) => add(num(set.point[i]), ...set.directions.map((dir, j) => mul(num(dir[i]), ts[j]))));
  return { f: substitute(f, new Map(xs.map((x, i) => [x, images[i]]))), poly: null, ts };
}

interface Point {
  at: Node;
  kind: string;
  value: Node;
  number: number;
}

function pointsOf(found: Node): { points: Point[]; complete: boolean } {
  const fields = found.kind === "record" ? found.fields : [];
  const items = fields.find((f) => f.name === "items")?.value;
  const note = fields.find((f) => f.name === "note");
  const points: Point[] = [];
  for (const p of items?.kind === "tuple" ? items.items : []) {
    if (p.kind !== "record") continue;
    const get = (name: string) => p.fields.find((f) => f.name === name)!.value;
    const value = get("value");
    const number = floatValue(value);
    const kind = get("kind");
    if (number !== null) points.push({ at: get("at"), kind: kind.kind === "str" ? kind.value : "", value, number });
  }
  // A note says the list is not all: a continuum besides, or a numeric search in a box.
  return { points, complete: !note };
}

function withoutMultipliers(at: Node): Node {
  return at.kind === "tuple"
    ? tuple(at.items.filter((r) => !(r.kind === "rel" && r.left.kind === "sym" && r.left.name.startsWith("λ"))))
    : at;
}

function result(
  status: "global" | "local" | "none",
  best: Point | null,
  among: number,
  note: string,
  sense: Sense,
): Node {
  const kind = sense === "maximize" ? "maximum" : "minimum";
  return struct("optimum", [
    { name: "value", value: best?.value ?? str("none") },
    { name: "at", value: best ? withoutMultipliers(best.at) : tuple([]) },
    { name: "kind", value: str(best ? (status === "global" ? `global ${kind}` : `local ${kind}`) : "none") },
    { name: "among", value: str(`${among} stationary point${among === 1 ? "" : "s"}`) },
    { name: "status", value: str(status) },
    { name: "note", value: str(note) },
  ]);
}

/** The best stationary point, with what is proved of it: `25 at x = 5, y = 5`. */
export function optimum(sense: Sense, f: Node, constraints: readonly Node[]): Node {
  const equations = equationList(constraints);
  const xs = typedSymbols(f, ...equations);
  const found = equations.length ? lagrange(f, equations, xs) : criticalPoints(f, xs);
  const { points, complete } = pointsOf(found);
  const better = (a: Point, b: Point) => (sense === "maximize" ? b.number > a.number : b.number < a.number);
  const bestOf = (list: Point[]) => (list.length ? list.reduce((a, b) => (better(a, b) ? b : a)) : null);
  const kind = sense === "maximize" ? "maximum" : "minimum";
  const above = sense === "maximize" ? "above" : "below";

  const constraintRing = polynomialsIn(
    equations.map((e) => (e.kind === "rel" ? sub(e.left, e.right) : e)),
    xs,
  );
  const fRing = polynomialsIn([f], xs);
  const fp = fRing && fRing.denominators.length === 0 ? fRing.polys[0] : null;
  if (constraintRing && constraintRing.denominators.length === 0) {
    const gps = constraintRing.polys;
    const set = affineSet(gps, xs.length);
    if (set === "empty") throw mathError("the constraints have no common solution");
    if (set) {
      const ray = fp ? unboundedRay(sense, fp, set, xs) : null;
      if (ray) {
        const local = bestOf(points.filter((p) => p.kind === kind));
        return result(
          local ? "local" : "none",
          local,
          points.length,
          `f is unbounded ${above}${equations.length ? " on the constraint" : ""}, as ${ray}`,
          sense,
        );
      }
      // Concave (convex) on the affine set: every stationary point is a global optimum.
      const { f: g, poly, ts } = restricted(f, fp, set, xs);
      const verdict = ts.length ? convexity(sense === "maximize" ? mul(num(Rational.MINUS_ONE), g) : g, ts) : null;
      const proved =
        !verdict ||
        (verdict.kind === "record" &&
          verdict.fields[0].value.kind === "str" &&
          verdict.fields[0].value.value === "true");
      const best = bestOf(points);
      const where = equations.length ? "on the constraint set" : "";
      if (proved && best)
        return result(
          "global",
          best,
          points.length,
          `f is ${sense === "maximize" ? "concave" : "convex"} ${where || "everywhere"}, so every stationary point is a global ${kind}`,
          sense,
        );
      // Coercive on the affine set: the optimum is attained, at one of the stationary points (all of them found).
      if (
        poly &&
        best &&
        complete &&
        ts.length &&
        leadingFormPositiveDefinite(sense === "maximize" ? poly.scale(Rational.MINUS_ONE) : poly, ts.length)
      ) {
        return result(
          "global",
          best,
          points.length,
          `f → ${sense === "maximize" ? "−∞" : "+∞"} in every direction${where ? ` ${where}` : ""}, so its ${kind} is attained at a stationary point`,
          sense,
        );
      }
    }
    // Finitely many feasible points (x = y on the unit circle): the optimum is the best of them.
    const finite = gps.length >= xs.length ? feasiblePoints(gps, xs) : null;
    if (finite && finite.length) {
      const candidates = finite.map((values) => {
        const value = expand(substitute(f, new Map(xs.map((x, i) => [x, values[i]]))));
        return {
          at: tuple(xs.map((x, i) => relation("=", x, values[i]))),
          kind,
          value,
          number: floatValue(value) ?? NaN,
        };
      });
      if (candidates.every((c) => Number.isFinite(c.number))) {
        const best = bestOf(candidates)!;
        return result(
          "global",
          best,
          points.length,
          `the constraints hold at only ${finite.length} point${finite.length === 1 ? "" : "s"}, and f is ${sense === "maximize" ? "largest" : "least"} at this one`,
          sense,
        );
      }
    }
    // A compact feasible set (or a coercive f): the optimum is attained, at a stationary point when
    // every point of the set is regular; the list must hold every stationary point.
    const compact =
      fp !== null &&
      (gps.length >= 1
        ? gps.some((g) => leadingFormPositiveDefinite(g, xs.length)) && regular(gps, xs)
        : leadingFormPositiveDefinite(sense === "maximize" ? fp.scale(Rational.MINUS_ONE) : fp, xs.length));
    const best = bestOf(points);
    if (compact && complete && best) {
      const why = gps.length
        ? `the constraint set is closed and bounded, so f attains its ${kind} at a stationary point`
        : `f → ${sense === "maximize" ? "−∞" : "+∞"} in every direction, so its ${kind} is attained at a stationary point`;
      return result("global", best, points.length, why, sense);
    }
  }
  const local = bestOf(points.filter((p) => p.kind === kind || p.kind === "isolated point"));
  if (local) return result("local", local, points.length, `no global ${kind} was proved`, sense);
  if (points.length === 0) throw mathError(`found no stationary point to ${sense}`);
  // "None is a local minimum" only of points shown to be something else: a degenerate point (the
  // second-order test says nothing, as at a cusp of the constraint) may still be the optimum.
  const opposite = sense === "maximize" ? "minimum" : "maximum";
  const undecided = points.filter((p) => p.kind !== opposite && p.kind !== "saddle point").length;
  return result(
    "none",
    null,
    points.length,
    undecided === 0
      ? `none of the ${points.length} stationary point${points.length === 1 ? " is a" : "s is a"} local ${kind}; no global ${kind} was proved`
      : `no stationary point was shown to be a local ${kind} (${undecided} of the ${points.length} undecided by the second-order test: ${undecided === 1 ? "it" : "they"} may still be one); no global ${kind} was proved`,
    sense,
  );
}

/** The real points where every g vanishes, when they are finitely many; null otherwise. */
function feasiblePoints(gs: readonly Poly[], xs: readonly Node[]): Node[][] | null {
  try {
    const r = solvePolynomials(gs, xs);
    return r.kind === "finite" && !r.more && r.solutions.every((s) => s.exact)
      ? r.solutions.map((s) => s.values)
      : null;
  } catch (err) {
    rethrowStop(err);
    return null;
  }
}

/** The m × m minors of a matrix of polynomials (m rows), by cofactor expansion along the first row. */
function minors(J: Poly[][], columns: number[]): Poly[] {
  const m = J.length;
  const chooseColumns = (from: number, k: number): number[][] =>
    k === 0
      ? [[]]
      : columns.slice(from).flatMap((c, i) => chooseColumns(from + i + 1, k - 1).map((rest) => [c, ...rest]));
  const det = (rows: Poly[][], cols: number[]): Poly => {
    if (rows.length === 1) return rows[0][cols[0]];
    return cols.reduce(
      (sum, c, i) => {
        const term = rows[0][c].mul(
          det(
            rows.slice(1),
            cols.filter((_, j) => j !== i),
          ),
        );
        return sum.add(i % 2 === 0 ? term : term.scale(Rational.MINUS_ONE));
      },
      Poly.constant(rows[0][0].gens, Rational.ZERO),
    );
  };
  return chooseColumns(0, m).map((cols) => det(J, cols));
}

/**
 * The constraint qualification: the Jacobian of the gᵢ has full rank m wherever every gᵢ = 0, that is
 * the system g = 0 with all m × m minors of the Jacobian zero has no real solution.
 */
function regular(gs: readonly Poly[], xs: readonly Node[]): boolean {
  if (gs.length > xs.length || gs.length > 3) return false;
  const J = gs.map((g) => xs.map((_, i) => g.derivative(i)));
  const system = [
    ...gs,
    ...minors(
      J,
      xs.map((_, i) => i),
    ),
  ];
  try {
    const r = solvePolynomials(system, xs);
    return r.kind === "finite" && r.solutions.length === 0 && !r.more;
  } catch (err) {
    rethrowStop(err);
    return false;
  }
}
