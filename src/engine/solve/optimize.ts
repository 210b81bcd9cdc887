// Stationary points and constrained optima: critical(f) solves ∇f = 0 and classifies each point by
// the Hessian; lagrange(f, g = c, …) solves ∇L = 0 for L = f + Σ λᵢ(cᵢ − gᵢ) and classifies by the
// Hessian of L on the tangent space of the constraints (classify.ts); optimum.ts decides maximize and minimize. When f
// and the constraints are
// polynomials over ℚ in the unknowns (most course problems), the calculus is done on polynomials
// rather than on expressions; the answers are the same, the work a fraction.
import { mathError } from "../../errors.js";
import { add, float, mul, num, relation, str, struct, sub, sym, tuple } from "../../graph/construct.js";
import type { Node } from "../../graph/node.js";
import { floatValue } from "../../graph/evalf.js";
import type { Rational } from "../../numeric/rational.js";
import { differentiate, hessian } from "../differentiate.js";
import { Poly } from "../polynomial.js";
import { expand } from "../expand.js";
import { substitute } from "../substitute.js";
import { typedSymbols } from "../variable-order.js";
import { classifyAlgebraic, classifyExact, classifyFloat, type Classification } from "./classify.js";
import { childrenOf } from "../../graph/traverse.js";
import { newtonRoots } from "./newton.js";
import { solveExactUnivariate } from "./exact-univariate.js";
import { isPiecewise, piecewiseCriticalPoints } from "./piecewise.js";
import { equationList, isExactlySolvable, polynomialsIn, solvePolynomials, solveSystem } from "./system.js";
import type { Solution, SystemSolution } from "./solution.js";

export type { Classification };

function pointStruct(vars: readonly Node[], s: Solution, kind: Classification, value: Node): Node {
  return struct("point", [
    { name: "at", value: tuple(vars.map((v, i) => relation("=", v, s.values[i]))) },
    { name: "kind", value: str(kind) },
    { name: "value", value },
    { name: "exact", value: str(s.exact ? "exact" : "numeric") },
  ]);
}

/** The stationary points found, and the note when others form a continuum the list cannot hold. */
function pointsStruct(points: Node[], more: string | undefined): Node {
  return struct("points", [
    { name: "items", value: tuple(points) },
    ...(more ? [{ name: "note", value: str(more) }] : []),
  ]);
}

/**
 * The calculus of a stationary-point problem, L = f + Σ λₖgₖ in the unknowns x and λ: the equations
 * ∇L = 0 solved, and at a solution the numbers the classification needs and f's exact value.
 */
interface Problem {
  solve(): SystemSolution;
  /** ∂²L/∂xᵢ∂xⱼ and ∂gₖ/∂xⱼ at the point (values of all unknowns), exactly when every value is rational; else null. */
  exactAt(point: readonly Node[]): { H: Rational[][]; J: Rational[][] } | null;
  /** The same as expressions (algebraic numbers at a point in radicals). */
  symbolicAt(point: readonly Node[]): { H: Node[][]; J: Node[][] } | null;
  /** The same in floating point, or null where one is not a number. */
  floatAt(point: readonly Node[]): { H: number[][]; J: number[][] } | null;
  valueAt(point: readonly Node[]): Node;
}

/** Any problem: the graph differentiates and substitutes; a system beyond exact solving is searched numerically. */
function inGraph(f: Node, gs: readonly Node[], xs: readonly Node[], lambdas: readonly Node[]): Problem {
  const L = add(f, ...gs.map((g, k) => mul(lambdas[k], g)));
  const unknowns = [...xs, ...lambdas];
  const at = (point: readonly Node[]) => new Map(unknowns.map((u, i) => [u, point[i]]));
  const n = xs.length;
  const H = lazy(() => {
    const h = hessian(L, xs);
    return h.kind === "tensor" ? Array.from({ length: n }, (_, i) => h.entries.slice(i * n, (i + 1) * n)) : null;
  });
  const J = lazy(() => gs.map((g) => xs.map((x) => differentiate(g, x))));
  const valuesAt = (point: readonly Node[]) => {
    const h = H();
    if (!h) return null;
    const values = at(point);
    return {
      H: h.map((row) => row.map((d) => substitute(d, values))),
      J: J().map((row) => row.map((d) => substitute(d, values))),
    };
  };
  return {
    solve: () => {
      const equations = unknowns.map((u) => differentiate(L, u));
      if (isExactlySolvable(equations, unknowns)) return solveSystem(equations, unknowns);
      // f′(x) = 0 polynomial over exact constants (x³ − πx): its roots in closed form, ±√(π/3).
      const closed = unknowns.length === 1 ? solveExactUnivariate(equations[0], unknowns[0]) : null;
      if (closed) return closed;
      return newtonRoots(equations, unknowns, n, "stationary points");
    },
    symbolicAt: valuesAt,
    exactAt: (point) => {
      const v = valuesAt(point);
      if (!v || ![...v.H, ...v.J].every((row) => row.every((d) => d.kind === "num"))) return null;
      const rational = (rows: Node[][]) => rows.map((row) => row.map((d) => (d as Node & { kind: "num" }).value));
      return { H: rational(v.H), J: rational(v.J) };
    },
    floatAt: (point) => {
      const v = valuesAt(point);
      if (!v) return null;
      const floats = (rows: Node[][]) => rows.map((row) => row.map((d) => floatValue(d)));
      const [h, j] = [floats(v.H), floats(v.J)];
      return [...h, ...j].every((row) => row.every((x) => x !== null && Number.isFinite(x)))
        ? { H: h as number[][], J: j as number[][] }
        : null;
    },
    valueAt: (point) => {
      const value = substitute(f, at(point));
      const approximate =
        point.some((v) => v.kind === "float") && value.kind !== "num" && value.kind !== "float"
          ? floatValue(value)
          : null;
      return approximate === null ? value : float(approximate);
    },
  };
}

/** f and every g polynomials over ℚ: the calculus in ℚ[x, λ], with no expression built. */
function inRing(f: Node, gs: readonly Node[], xs: readonly Node[], lambdas: readonly Node[]): Problem | null {
  const unknowns = [...xs, ...lambdas];
  const ring = polynomialsIn([f, ...gs], unknowns);
  if (!ring || ring.denominators.length) return null;
  const [fp, ...gps] = ring.polys;
  const L = gps.reduce((sum, g, k) => sum.add(g.mul(Poly.generator(unknowns, xs.length + k))), fp);
  const gradient = unknowns.map((_, i) => L.derivative(i));
  const H = lazy(() => xs.map((_, i) => xs.map((_, j) => gradient[i].derivative(j))));
  const J = lazy(() => gps.map((g) => xs.map((_, j) => g.derivative(j))));
  const rationals = (point: readonly Node[]) =>
    point.every((v) => v.kind === "num") ? point.map((v) => (v as Node & { kind: "num" }).value) : null;
  return {
    solve: () => solvePolynomials(gradient, unknowns),
    exactAt: (point) => {
      const values = rationals(point);
      return (
        values && {
          H: H().map((row) => row.map((p) => p.evaluate(values))),
          J: J().map((row) => row.map((p) => p.evaluate(values))),
        }
      );
    },
    symbolicAt: (point) => {
      const values = new Map(unknowns.map((u, i) => [u, point[i]]));
      const at = (rows: Poly[][]) => rows.map((row) => row.map((p) => expand(substitute(p.toNode(), values))));
      return { H: at(H()), J: at(J()) };
    },
    floatAt: (point) => {
      const values = point.map(floatValue);
      if (!values.every((v) => v !== null)) return null;
      const at = (rows: Poly[][]) => rows.map((row) => row.map((p) => p.evaluateFloat(values as number[])));
      return { H: at(H()), J: at(J()) };
    },
    valueAt: (point) => {
      const values = rationals(point);
      return values ? num(fp.evaluate(values)) : expand(substitute(f, new Map(unknowns.map((u, i) => [u, point[i]]))));
    },
  };
}

function containsFloat(n: Node): boolean {
  return n.kind === "float" || childrenOf(n).some(containsFloat);
}

/** A value computed on first use. */
function lazy<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

/** The variables in the order they were typed (a function's parameters are passed in their order). */
export function criticalPoints(f: Node, vars?: readonly Node[]): Node {
  const xs = vars ?? typedSymbols(f);
  return isPiecewise(f) ? piecewiseCriticalPoints(f, xs, smoothStationary) : stationaryPoints(f, [], xs);
}

/** g = c as c − g (L = f + λ(c − g)). */
function constraintExpr(c: Node): Node {
  if (c.kind !== "rel" || c.op !== "=") throw mathError("a constraint is an equation, as in x + y = 10");
  return sub(c.right, c.left);
}

export function lagrange(f: Node, constraints: readonly Node[], vars?: readonly Node[]): Node {
  const equations = equationList(constraints);
  if (equations.length === 0) return criticalPoints(f, vars);
  const gs = equations.map(constraintExpr);
  // Lagrange's condition needs differentiable f and g; at a kink it says nothing (critical handles kinks without
  // constraints).
  if ([f, ...gs].some(isPiecewise))
    throw mathError(
      "Lagrange multipliers (lagrange, and maximize/minimize under constraints) need differentiable functions: this one has kinks (abs, relu, max, min, …), where ∇f = λ∇g need not hold at an optimum; without constraints, critical lists the kinks",
    );
  // The unknowns are the symbols of f and of every constraint (a symbol may cancel from f + Σg²: x² − y² with y = 0).
  return stationaryPoints(f, gs, vars ?? typedSymbols(f, ...equations));
}

/** Stationary points of a smooth f on {g = 0}: the values of x and λ, the label and f's value. */
export interface SmoothStationary {
  points: { values: Node[]; exact: boolean; kind: Classification; value: Node }[];
  /** Set when the solutions form a continuum (the note says which unknown is free). */
  infinite?: string;
  more?: string;
}

/** The stationary points of f on {g = 0} as data (the piecewise route classifies its corners itself). */
export function smoothStationary(f: Node, gs: readonly Node[], xs: readonly Node[]): SmoothStationary {
  const m = gs.length;
  const lambdas = gs.map((_, k) => sym(m === 1 ? "λ" : `λ_${k + 1}`));
  const problem = inRing(f, gs, xs, lambdas) ?? inGraph(f, gs, xs, lambdas);
  const result = problem.solve();
  if (result.kind === "infinite") return { points: [], infinite: result.note };
  return {
    points: result.solutions.map((s) => ({
      values: s.values,
      exact: s.exact,
      kind: classifyAt(problem, s.values),
      value: problem.valueAt(s.values),
    })),
    more: result.more,
  };
}

/** The second-order test at a point: exact where its coordinates are rational. */
function classifyAt(problem: Problem, point: readonly Node[]): Classification {
  const exact = problem.exactAt(point);
  if (exact) return classifyExact(exact.H, exact.J);
  // Coordinates in radicals (√2/2): the signs decided exactly, floating point only where that fails.
  if (point.every((v) => !containsFloat(v))) {
    const symbolic = problem.symbolicAt(point);
    const decided = symbolic && classifyAlgebraic(symbolic.H, symbolic.J);
    if (decided) return decided;
  }
  const approximate = problem.floatAt(point);
  return approximate ? classifyFloat(approximate.H, approximate.J) : "degenerate";
}

/**
 * The stationary points of f on {g = 0} (of f itself with no g), each classified by the Hessian
 * of the Lagrangian on the tangent space of the constraints. `route` "graph" does the calculus on
 * expressions even for polynomials (the tests compare the two routes).
 */
export function stationaryPoints(
  f: Node,
  gs: readonly Node[],
  xs: readonly Node[],
  route: "best" | "graph" = "best",
): Node {
  const m = gs.length;
  const lambdas = gs.map((_, k) => sym(m === 1 ? "λ" : `λ_${k + 1}`));
  const problem = (route === "best" ? inRing(f, gs, xs, lambdas) : null) ?? inGraph(f, gs, xs, lambdas);
  const result = problem.solve();
  const singular = m === 1 ? singularPoints(f, gs[0], xs) : [];
  if (result.kind === "infinite") {
    if (singular.length === 0)
      return struct("points", [
        { name: "items", value: tuple([]) },
        { name: "note", value: str(result.note) },
      ]);
    return pointsStruct(singular, `${SINGULAR}; ${result.note}`);
  }
  const points = result.solutions.map((s) =>
    pointStruct([...xs, ...lambdas], s, classifyAt(problem, s.values), problem.valueAt(s.values)),
  );
  const fresh = singular.filter((p) => !points.some((q) => sameCoordinates(p, q, xs.length)));
  const notes = [...(fresh.length ? [SINGULAR] : []), ...(result.more ? [result.more] : [])];
  return pointsStruct([...points, ...fresh], notes.length ? notes.join("; ") : undefined);
}

const SINGULAR =
  "points without λ are where the constraint's gradient vanishes: Lagrange's condition does not apply there, and the second-order test is not made";

/**
 * Points of a polynomial constraint g = 0 where ∇g = 0 as well: a minimum or maximum of f on the
 * constraint can sit there with no multiplier (x on x² = 0), so they are candidates too.
 */
function singularPoints(f: Node, g: Node, xs: readonly Node[]): Node[] {
  const ring = polynomialsIn([g], xs);
  if (!ring || ring.denominators.length) return [];
  const gp = ring.polys[0];
  if (gp.degree() < 2) return [];
  const found = solvePolynomials([gp, ...xs.map((_, i) => gp.derivative(i))], xs);
  if (found.kind !== "finite" || found.more) return [];
  return found.solutions.map((s) =>
    pointStruct(xs, s, "degenerate", expand(substitute(f, new Map(xs.map((x, i) => [x, s.values[i]]))))),
  );
}

function sameCoordinates(a: Node, b: Node, n: number): boolean {
  const coordinates = (p: Node) => {
    const at = p.kind === "record" ? p.fields[0].value : null;
    return at?.kind === "tuple" ? at.items.slice(0, n).map((r) => (r.kind === "rel" ? floatValue(r.right) : null)) : [];
  };
  const [u, v] = [coordinates(a), coordinates(b)];
  return (
    u.length === n && v.length === n && u.every((x, i) => x !== null && v[i] !== null && Math.abs(x - v[i]!) < 1e-9)
  );
}
