// Critical points of piecewise smooth functions (abs, relu, leaky_relu, hardtanh, max, min). Each
// such atom is a max or min of two smooth branches (|u| = max(u, −u), relu u = max(u, 0), hardtanh u
// = min(max(u, −1), 1)); where the branches are equal the function has a kink. The candidates are
// the stationary points of f restricted to every stratum: a choice of kinks that hold (their
// branches equal: constraints), the others strictly on one side (f is one smooth piece there).
// - Off every kink, f is smooth near the point: the Hessian decides, as for any f.
// - On kinks, f is not differentiable and the label comes from its one-sided slopes. Near the point
//   each adjacent piece f_τ has gradient gτ = Σ cτ,ᵢ ∇kᵢ (its tangential part vanishes: the point is
//   stationary on the stratum). Moving into piece τ by s (sᵢ = ∇kᵢ·d, of sign τᵢ) changes f by
//   Σ cτ,ᵢ sᵢ at first order: every τᵢcτ,ᵢ > 0 means f rises in every direction off the stratum, < 0
//   that it falls; both signs, the point is not an extremum. Along the stratum the Hessian of the
//   Lagrangian decides as for constraints. In one variable a zero slope on a side is settled by the
//   first nonzero one-sided derivative (relu(x) + x² at 0). Whatever stays open is "degenerate".
import { limitOf, overLimit } from "../../budget.js";
import { mathError } from "../../errors.js";
import { ZERO, mul, neg, num, relation, str, struct, sub, sym, tuple } from "../../graph/construct.js";
import { lookupOperator, madeOfPieces } from "../../graph/operators.js";
import type { Node, Sym } from "../../graph/node.js";
import { floatValue } from "../../graph/evalf.js";
import { childrenOf, rewrite } from "../../graph/traverse.js";
import { nullspace, rref } from "../../numeric/exact-linalg.js";
import { Rational } from "../../numeric/rational.js";
import { toPretty } from "../../graph/print/forms.js";
import { differentiate } from "../differentiate.js";
import { expand } from "../expand.js";
import { expandedPolynomial } from "../polynomial.js";
import { evaluateAt } from "../numeric-eval.js";
import { substitute } from "../substitute.js";
import { classifyExact, classifyFloat, type Classification } from "./classify.js";
import { svd } from "../../numeric/float-linalg.js";
import { solveSystem } from "./system.js";

/** The smooth solver (optimize.ts), passed in so the two files do not import each other. */
export type SmoothSolver = (
  f: Node,
  gs: readonly Node[],
  xs: readonly Node[],
) => {
  points: { values: Node[]; exact: boolean; kind: Classification; value: Node }[];
  infinite?: string;
  more?: string;
};

/** The operator's row `breaks` with a kink (abs, relu, max, …) or a jump (step, sign). */
const breaks = (op: string, how: "kink" | "jump"): boolean => lookupOperator(op)?.breaks === how;

export function isPiecewise(f: Node): boolean {
  const seen = new Set<Node>();
  const walk = (n: Node): boolean => {
    if (seen.has(n)) return false;
    seen.add(n);
    if (n.kind === "apply" && madeOfPieces(n.op)) return true;
    return childrenOf(n).some(walk);
  };
  return walk(f);
}

/** One max(a, b) or min(a, b); `placeholder` stands for it in the rewritten f, `source` names the atom. */
interface Kink {
  extremum: "max" | "min";
  a: Node;
  b: Node;
  placeholder: Sym;
  source: string;
}

/** f with every kinked atom replaced by a placeholder for a max or min of two smooth branches. */
function kinksOf(f: Node): { body: Node; kinks: Kink[] } {
  const kinks: Kink[] = [];
  const kink = (extremum: "max" | "min", a: Node, b: Node, source: string): Node => {
    const placeholder = sym(`⟨piece ${kinks.length + 1}⟩`);
    kinks.push({ extremum, a, b, placeholder, source });
    return placeholder;
  };
  const body = rewrite(f, (n) => {
    if (n.kind !== "apply") return undefined;
    if (breaks(n.op, "jump"))
      throw mathError(
        `critical points of a function with a jump (${n.op}) are not defined: it is not continuous where its argument is 0`,
      );
    if (!breaks(n.op, "kink")) return undefined;
    if (n.args.some((a) => a.shape.length > 0)) throw mathError(`critical needs ${n.op} of scalars`);
    const [u, alpha] = n.args;
    switch (n.op) {
      case "abs":
        return kink("max", u, neg(u), "abs");
      case "relu":
        return kink("max", u, ZERO, "relu");
      case "leaky_relu": {
        // x for x > 0, αx otherwise: max(x, αx) when α ≤ 1, min(x, αx) when α > 1.
        const a = alpha ?? num(Rational.of(1, 100));
        const slope = floatValue(a);
        if (slope === null) throw mathError("critical needs leaky_relu with a numeric slope");
        return kink(slope <= 1 ? "max" : "min", u, expand(mul(a, u)), "leaky_relu");
      }
      case "hardtanh":
        return kink("min", kink("max", u, num(Rational.MINUS_ONE), "hardtanh"), num(Rational.ONE), "hardtanh");
      default: {
        const extremum = n.op as "max" | "min";
        return n.args.slice(1).reduce((acc, b) => kink(extremum, acc, b, extremum), n.args[0]);
      }
    }
  });
  return { body, kinks };
}

/**
 * A choice of branch for each kink (+1: a ≥ b side, −1: a ≤ b side): f's smooth piece and each kink's a − b under it.
 */
function piece(body: Node, kinks: readonly Kink[], side: readonly number[]): { f: Node; differences: Node[] } {
  const chosen = new Map<Node, Node>();
  const differences: Node[] = [];
  kinks.forEach((k, i) => {
    const a = substitute(k.a, chosen);
    const b = substitute(k.b, chosen);
    differences.push(expand(sub(a, b)));
    chosen.set(k.placeholder, (k.extremum === "max") === side[i] > 0 ? a : b);
  });
  return { f: substitute(body, chosen), differences };
}

/**
 * The sign of an expression at a point: exact when it evaluates to a rational, else by its float (0 when too close to
 * tell).
 */
function signAt(e: Node, at: ReadonlyMap<Node, Node>): number {
  const v = expand(substitute(e, at));
  if (v.kind === "num") return v.value.sign();
  const x = floatValue(v);
  if (x === null || !Number.isFinite(x) || Math.abs(x) < 1e-9) return 0;
  return Math.sign(x);
}

/** A value at a point: exact Rational when it is one, else a float. */
function valueAt(e: Node, at: ReadonlyMap<Node, Node>): Rational | number {
  const v = expand(substitute(e, at));
  if (v.kind === "num") return v.value;
  return floatValue(v) ?? NaN;
}

const sign = (v: Rational | number) => (typeof v === "number" ? (Math.abs(v) < 1e-9 ? 0 : Math.sign(v)) : v.sign());
const toNumber = (v: Rational | number) => (typeof v === "number" ? v : v.toNumber());

/** A point on the kinks S of f (rewritten as `body`), with the sides of the other kinks. */
interface Corner {
  body: Node;
  kinks: readonly Kink[];
  side: readonly number[];
  S: readonly number[];
  xs: readonly Node[];
  at: ReadonlyMap<Node, Node>;
}

interface Candidate {
  values: Node[];
  exact: boolean;
  kind: Classification | "not an extremum";
  value: Node;
  corner?: string;
}

export function piecewiseCriticalPoints(f: Node, xs: readonly Node[], smooth: SmoothSolver): Node {
  const { body, kinks } = kinksOf(f);
  const m = kinks.length;
  if (m > limitOf("criticalKinks"))
    throw overLimit(
      "criticalKinks",
      `critical handles up to ${limitOf("criticalKinks")} kinks (abs, relu, max, min, …); this function has ${m}`,
    );
  const n = xs.length;
  const found: Candidate[] = [];
  const notes: string[] = [];
  for (let active = 0; active < 1 << m; active++) {
    const S = kinks.map((_, i) => i).filter((i) => active & (1 << i));
    const free = kinks.map((_, i) => i).filter((i) => !(active & (1 << i)));
    for (let choice = 0; choice < 1 << free.length; choice++) {
      const side = kinks.map(() => 1);
      free.forEach((i, j) => (side[i] = choice & (1 << j) ? -1 : 1));
      const { f: fPiece, differences } = piece(body, kinks, side);
      // A kink that never holds under this choice, or a side that never does; two kinks on one
      // hyperplane (|ℓ| + |−ℓ|) are active together through the first alone.
      if (S.some((i) => differences[i].kind === "num")) continue;
      if (S.some((i, j) => S.slice(0, j).some((k) => proportional(differences[k], differences[i], xs)))) continue;
      if (free.some((i) => constantSign(differences[i]) !== null && constantSign(differences[i]) !== side[i])) continue;
      const region = describe(differences, S, free, side);
      const gs = S.map((i) => differences[i]);
      const solutions = stratumPoints(fPiece, gs, xs, smooth);
      if (solutions.infinite) {
        const inhabited = regionHasPoint(differences, S, free, side, xs);
        if (inhabited !== false) notes.push(`${inhabited ? "" : "possibly "}infinitely many more where ${region}`);
        continue;
      }
      if (solutions.more) notes.push(solutions.more);
      for (const p of solutions.points) {
        const at = new Map(xs.map((x, i) => [x, p.values[i]] as const));
        const inside = free.every(
          (i) =>
            differences[i] === ZERO ||
            signAt(differences[i], at) === side[i] ||
            (side[i] > 0 && S.some((k) => proportional(differences[k], differences[i], xs))),
        );
        if (!inside) continue;
        if (found.some((q) => samePoint(q.values, p.values, n))) continue;
        const candidate: Candidate = { values: p.values.slice(0, n), exact: p.exact, kind: p.kind, value: p.value };
        if (S.length) {
          // The pieces may meet smoothly (max(x, 0) − max(−x, 0) = x): then f is differentiable here,
          // and the point is critical only where its gradient vanishes.
          const corner: Corner = { body, kinks, side, S, xs, at };
          const smoothHere = sameGradients(corner);
          if (smoothHere === "nonzero") continue;
          candidate.kind = cornerKind(corner, p.kind);
          if (!smoothHere)
            candidate.corner = `not differentiable (${[...new Set(S.map((i) => kinks[i].source))].join(", ")})`;
        }
        found.push(candidate);
      }
    }
  }
  const points = found.map((p) =>
    struct("point", [
      { name: "at", value: tuple(xs.map((x, i) => relation("=", x, p.values[i]))) },
      { name: "kind", value: str(p.kind) },
      { name: "value", value: p.value },
      { name: "exact", value: str(p.exact ? "exact" : "numeric") },
      ...(p.corner ? [{ name: "corner", value: str(p.corner) }] : []),
    ]),
  );
  const unique = [...new Set(notes)];
  return struct("points", [
    { name: "items", value: tuple(points) },
    ...(unique.length ? [{ name: "note", value: str(unique.join("; ")) }] : []),
  ]);
}

/**
 * Whether some point has every kink of S holding and every other difference strictly on its chosen
 * side, by trying a deterministic spread of points (scales 10⁻² to 10³) — on the affine set the
 * kinks of S define when they are linear. true: found; false: S's kinks have no common point;
 * null: none found (the region is reported as "possibly" holding points, never dropped).
 */
function regionHasPoint(
  differences: readonly Node[],
  S: readonly number[],
  free: readonly number[],
  side: readonly number[],
  xs: readonly Node[],
): boolean | null {
  const n = xs.length;
  let base: number[] = new Array<number>(n).fill(0);
  let directions: number[][] = xs.map((_, i) => xs.map((_, j) => (i === j ? 1 : 0)));
  if (S.length) {
    const linear = S.map((i) => expandedPolynomial(differences[i]));
    if (linear.some((p) => !p || p.degree() > 1)) return null;
    const origin = new Map(xs.map((x) => [x, ZERO] as const));
    const rows = S.map((i) => [
      ...xs.map((x) => differentiate(differences[i], x)),
      neg(expand(substitute(differences[i], origin))),
    ]);
    if (!rows.every((row) => row.every((v) => v.kind === "num"))) return null;
    const R = rows.map((row) => row.map((v) => (v as Node & { kind: "num" }).value));
    const { R: reduced, pivots } = rref(R);
    if (pivots.includes(n)) return false;
    const particular = new Array<number>(n).fill(0);
    pivots.forEach((pivot, r) => (particular[pivot] = reduced[r][n].toNumber()));
    base = particular;
    directions = nullspace(R.map((row) => row.slice(0, n))).map((v) => v.map((q) => q.toNumber()));
  }
  const tests = free.filter((i) => differences[i].kind !== "num");
  let seed = 4242;
  const random = () => {
    seed = (seed * 48271) % 2147483647;
    return seed / 2147483647;
  };
  const linear = tests.every((i) => (expandedPolynomial(differences[i])?.degree() ?? 2) <= 1);
  for (let trial = 0; trial < 1200; trial++) {
    const scale = 10 ** (-2 + (trial % 6));
    const weights = directions.map(() => (2 * random() - 1) * scale);
    const point = new Map(
      xs.map((x, i) => [x, base[i] + directions.reduce((t, d, k) => t + d[i] * weights[k], 0)] as const),
    );
    if (tests.every((i) => Math.sign(evaluateAt(differences[i], point)) === side[i])) return true;
  }
  // Linear sides cut out a convex cone-like region that 1,200 points at six scales reach unless it is empty or a
  // sliver.
  return linear ? false : null;
}

/** a = c·b for a constant c ≠ 0, judged at three fixed points (kinks are rarely so close to proportional by chance). */
function proportional(a: Node, b: Node, xs: readonly Node[]): boolean {
  let ratio: number | null = null;
  for (const t of [0.3141, -1.732, 2.236]) {
    const point = new Map(xs.map((x, i) => [x, t * (i + 1) + 0.1 * i * i] as const));
    const [u, v] = [evaluateAt(a, point), evaluateAt(b, point)];
    if (v === 0 || !Number.isFinite(u / v)) return false;
    if (ratio === null) ratio = u / v;
    else if (Math.abs(u / v - ratio) > 1e-9 * Math.abs(ratio)) return false;
  }
  return ratio !== null && ratio !== 0;
}

/** The sign of a constant difference (0 counts as either side: max(x, x)), null for a non-constant one. */
function constantSign(d: Node): number | null {
  if (d.kind !== "num") return null;
  return d.value.sign() === 0 ? null : d.value.sign();
}

/** "x < 0", "x − y = 0, x > 0": where a piece lies. */
function describe(
  differences: readonly Node[],
  S: readonly number[],
  free: readonly number[],
  side: readonly number[],
) {
  const parts = [
    ...S.map((i) => `${toPretty(differences[i])} = 0`),
    ...free
      .filter((i) => differences[i].kind !== "num")
      .map((i) => `${toPretty(differences[i])} ${side[i] > 0 ? ">" : "<"} 0`),
  ];
  return parts.join(", ") || "everywhere";
}

/** Stationary points of the piece on its stratum: Lagrange below n kinks, the kinks' common points at n. */
function stratumPoints(
  f: Node,
  gs: readonly Node[],
  xs: readonly Node[],
  smooth: SmoothSolver,
): ReturnType<SmoothSolver> {
  if (gs.length < xs.length) return smooth(f, gs, xs);
  const solved = solveSystem([...gs], xs);
  if (solved.kind === "infinite") return { points: [], infinite: solved.note };
  return {
    points: solved.solutions.map((s) => ({
      values: s.values,
      exact: s.exact,
      kind: "isolated point" as Classification,
      value: expand(substitute(f, new Map(xs.map((x, i) => [x, s.values[i]])))),
    })),
    more: solved.more,
  };
}

function samePoint(a: readonly Node[], b: readonly Node[], n: number): boolean {
  for (let i = 0; i < n; i++) {
    if (a[i] === b[i]) continue;
    const [u, v] = [floatValue(a[i]), floatValue(b[i])];
    if (u === null || v === null || Math.abs(u - v) > 1e-9 * (1 + Math.abs(u))) return false;
  }
  return true;
}

type Value = Rational | number;
const exactly = (vs: readonly Value[]): vs is Rational[] => vs.every((v) => typeof v !== "number");

/** u·v, exact when both are. */
function dot(u: readonly Value[], v: readonly Value[]): Value {
  if (exactly(u) && exactly(v)) return u.reduce((s, x, i) => s.add(x.mul(v[i])), Rational.ZERO);
  return u.reduce((s: number, x, i) => s + toNumber(x) * toNumber(v[i]), 0);
}

/** The directions d with M d = 0: exactly over ℚ, else from the SVD (singular values below 10⁻⁹ of the largest). */
function nullDirections(M: Value[][], n: number): Value[][] {
  if (M.length === 0)
    return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  if (M.every(exactly)) return nullspace(M as Rational[][]);
  const { S, V } = svd(M.map((row) => row.map(toNumber)));
  const top = Math.max(1e-300, ...S);
  return V[0]
    .map((_, k) => k)
    .filter((k) => (S[k] ?? 0) <= 1e-9 * top)
    .map((k) => V.map((row) => row[k]));
}

/** One adjacent piece at the point: its gradient, Hessian and kink normals. */
function pieceAt(
  body: Node,
  kinks: readonly Kink[],
  tau: readonly number[],
  xs: readonly Node[],
  at: ReadonlyMap<Node, Node>,
) {
  const { f, differences } = piece(body, kinks, tau);
  const gradient = xs.map((x) => differentiate(f, x));
  return {
    f,
    differences,
    g: gradient.map((d) => valueAt(d, at)),
    hessian: () => gradient.map((d) => xs.map((x) => valueAt(differentiate(d, x), at))),
    normals: (S: readonly number[]) => S.map((i) => xs.map((x) => valueAt(differentiate(differences[i], x), at))),
  };
}

/**
 * The label at a point on the kinks S (side fixed off S): from the one-sided slopes of every
 * adjacent piece, and along the stratum from `along` (the smooth test on it).
 */
function cornerKind(corner: Corner, along: Classification): Classification | "not an extremum" {
  const { body, kinks, xs, at } = corner;
  const n = xs.length;
  const around = adjacentPieces(corner);
  const verdicts: (number | "flat")[] = [];
  for (const { tau, d } of around.pieces) {
    const adjacent = pieceAt(body, kinks, tau, xs, at);
    let s: number | "flat" = sign(dot(adjacent.g, d));
    // A zero slope along an edge: in one variable the first nonzero one-sided derivative; else the
    // piece's Hessian, when definite, says which way f goes from the point.
    if (s === 0 && n === 1) s = oneSidedSign(adjacent.f, xs[0], at, sign(d[0]));
    else if (s === 0) {
      const H = adjacent.hessian();
      const definite = H.every((row) => exactly(row))
        ? classifyExact(H as Rational[][], [])
        : classifyFloat(
            H.map((row) => row.map(toNumber)),
            [],
          );
      s = definite === "minimum" ? 1 : definite === "maximum" ? -1 : 0;
    }
    verdicts.push(s);
  }
  const up = verdicts.includes(1);
  const down = verdicts.includes(-1);
  if (up && down) return "not an extremum";
  if (verdicts.includes(0) || !(up || down)) return "degenerate";
  const flat = verdicts.includes("flat");
  if (around.vertex || along === "isolated point") return up ? "minimum" : "maximum";
  if (flat || along === "degenerate") return "degenerate";
  if (along === "saddle point") return "saddle point";
  return (along === "minimum") === up ? along : "saddle point";
}

/**
 * Whether every piece meeting at the point has the same gradient there: "zero", "nonzero", or false when they differ.
 */
function sameGradients(corner: Corner): "zero" | "nonzero" | false {
  const { body, kinks, xs, at } = corner;
  const around = adjacentPieces(corner);
  const gradients = around.pieces.map(({ tau }) => pieceAt(body, kinks, tau, xs, at).g);
  if (!gradients.every((g) => g.every((v, i) => equal(v, gradients[0][i])))) return false;
  return gradients[0].every((v) => sign(v) === 0) ? "zero" : "nonzero";
}

/**
 * The pieces that meet at a point on the kinks S, one for each side of each edge of the kinks'
 * arrangement across the stratum: the kinks' normals span a space R of dimension r, and an edge is a
 * line of R where r − 1 independent kinks hold (at a vertex R is all of ℝⁿ). f's one-sided slope is
 * linear on each cone of the arrangement, so its signs on the edges decide its sign everywhere off
 * the stratum. Parallel kinks (|ℓ| + |−ℓ|) are the same hyperplane and cost nothing.
 */
function adjacentPieces(corner: Corner): { vertex: boolean; pieces: { tau: number[]; d: Value[] }[] } {
  const { body, kinks, side, S, xs, at } = corner;
  const n = xs.length;
  const base = pieceAt(body, kinks, side, xs, at);
  const N = base.normals(S);
  // Kinks off S that hold at the point too (a hyperplane of S's, taken once): their sides follow the direction.
  const also = kinks.map((_, i) => i).filter((i) => !S.includes(i) && sign(valueAt(base.differences[i], at)) === 0);
  const alsoNormals = base.normals(also);
  const rank = (rows: Value[][]) => n - nullDirections(rows, n).length;
  const basis: Value[][] = [];
  for (const row of N) if (rank([...basis, row]) > basis.length) basis.push(row);
  const r = basis.length;
  const pieces: { tau: number[]; d: Value[] }[] = [];
  for (const J of subsets(S.length, r - 1)) {
    const rows = J.map((j) => N[j]);
    if (rank(rows) !== r - 1) continue;
    // d = Bᵀy in the span of the normals with N_J d = 0.
    const ys = nullDirections(
      rows.map((row) => basis.map((b) => dot(row, b))),
      r,
    );
    if (ys.length !== 1) continue;
    const d = xs.map((_, i) =>
      dot(
        basis.map((b) => b[i]),
        ys[0],
      ),
    );
    for (const e of [d, d.map((v) => (typeof v === "number" ? -v : v.neg()))]) {
      const tau = [...side];
      S.forEach((i, j) => (tau[i] = sign(dot(N[j], e)) < 0 ? -1 : 1));
      also.forEach((i, j) => (tau[i] = sign(dot(alsoNormals[j], e)) < 0 ? -1 : 1));
      pieces.push({ tau, d: e });
    }
  }
  return { vertex: r === n, pieces };
}

function equal(a: Value, b: Value): boolean {
  if (typeof a !== "number" && typeof b !== "number") return a.equals(b);
  return Math.abs(toNumber(a) - toNumber(b)) <= 1e-9 * (1 + Math.abs(toNumber(a)));
}

/** The k-element subsets of {0, …, n − 1}. */
function subsets(n: number, k: number): number[][] {
  if (k === 0) return [[]];
  const out: number[][] = [];
  for (let first = 0; first <= n - k; first++)
    for (const rest of subsets(n - first - 1, k - 1)) out.push([first, ...rest.map((r) => r + first + 1)]);
  return out;
}

/**
 * In one variable: the sign of f(p + h·d) − f(p) for small h > 0, from the first nonzero derivative;
 * "flat" when the piece is a polynomial whose every derivative vanishes there (constant on that side).
 */
function oneSidedSign(f: Node, x: Node, at: ReadonlyMap<Node, Node>, d: number): number | "flat" {
  const polynomial = expandedPolynomial(expand(f));
  const orders = polynomial ? polynomial.degree() : 8;
  let derivative = f;
  for (let k = 1; k <= orders; k++) {
    derivative = differentiate(derivative, x);
    const s = sign(valueAt(derivative, at));
    if (s !== 0) return k % 2 === 0 ? s : s * d;
  }
  return polynomial ? "flat" : 0;
}
