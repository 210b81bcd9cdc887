// Stationary points and constrained optima: critical(f) solves ∇f = 0 and classifies each point by
// the Hessian; lagrange(f, g = c, …) solves ∇L = 0 for L = f + Σ λᵢ(cᵢ − gᵢ) and classifies by the
// bordered Hessian; maximize/minimize pick the best of those points. When f and the constraints are
// polynomials over ℚ in the unknowns (most course problems), the calculus is done on polynomials
// rather than on expressions; the answers are the same, the work a fraction.
import { mathError } from "../../errors.js";
import { ZERO, add, mul, num, relation, str, struct, sub, sym, tensor, tuple } from "../../graph/construct.js";
import type { Node } from "../../graph/node.js";
import { floatValue } from "../../graph/evalf.js";
import { freeSymbols } from "../../graph/traverse.js";
import { det } from "../../numeric/float-linalg.js";
import { differentiate, hessian } from "../differentiate.js";
import { Poly } from "../polynomial.js";
import { substitute } from "../substitute.js";
import { polynomialsIn, solvePolynomials, solveSystem, type Solution, type SystemSolution } from "./system.js";

export type Classification = "minimum" | "maximum" | "saddle point" | "degenerate";

function leadingMinors(M: number[][]): number[] {
  return M.map((_, k) => det(M.slice(0, k + 1).map((row) => row.slice(0, k + 1))));
}

const TINY = 1e-10;

function classifyByHessian(M: number[][]): Classification {
  const minors = leadingMinors(M);
  if (minors.every((d) => d > TINY)) return "minimum";
  if (minors.every((d, k) => (k % 2 === 0 ? d < -TINY : d > TINY))) return "maximum";
  if (Math.abs(minors[minors.length - 1]) > TINY) return "saddle point";
  return "degenerate";
}

/** Bordered Hessian test with m constraints and n variables: the last n − m leading minors. */
function classifyBordered(B: number[][], m: number): Classification {
  const minors = leadingMinors(B).slice(2 * m);
  if (minors.length === 0) return "degenerate";
  if (minors.every((d) => Math.abs(d) > TINY && Math.sign(d) === (m % 2 === 0 ? 1 : -1))) return "minimum";
  if (minors.every((d, i) => Math.abs(d) > TINY && Math.sign(d) === ((2 * m + 1 + i - m) % 2 === 0 ? 1 : -1))) return "maximum";
  return minors.some((d) => Math.abs(d) <= TINY) ? "degenerate" : "saddle point";
}

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
  return struct("points", [{ name: "items", value: tuple(points) }, ...(more ? [{ name: "note", value: str(more) }] : [])]);
}

/**
 * The calculus of a stationary-point problem, L = f + Σ λₖgₖ in the unknowns x and λ: the equations
 * ∇L = 0 solved, and at a solution the numbers the classification needs and f's exact value.
 */
interface Problem {
  solve(): SystemSolution;
  /** ∂²L/∂xᵢ∂xⱼ at the point (values of all unknowns), or null where one is not a number. */
  hessianAt(point: readonly Node[]): number[][] | null;
  /** ∂gₖ/∂xⱼ at the point, or null. */
  jacobianAt(point: readonly Node[]): number[][] | null;
  valueAt(point: readonly Node[]): Node;
}

/** Any problem: the graph differentiates and substitutes. */
function inGraph(f: Node, gs: readonly Node[], xs: readonly Node[], lambdas: readonly Node[]): Problem {
  const L = add(f, ...gs.map((g, k) => mul(lambdas[k], g)));
  const unknowns = [...xs, ...lambdas];
  const at = (point: readonly Node[]) => new Map(unknowns.map((u, i) => [u, point[i]]));
  const numbers = (rows: readonly Node[][], point: readonly Node[]): number[][] | null => {
    const values = at(point);
    const M = rows.map((row) => row.map((d) => floatValue(substitute(d, values))));
    return M.every((row) => row.every((v) => v !== null)) ? (M as number[][]) : null;
  };
  const n = xs.length;
  const H = lazy(() => {
    const h = hessian(L, xs);
    return h.kind === "tensor" ? Array.from({ length: n }, (_, i) => h.entries.slice(i * n, (i + 1) * n)) : null;
  });
  const J = lazy(() => gs.map((g) => xs.map((x) => differentiate(g, x))));
  return {
    solve: () => solveSystem(unknowns.map((u) => differentiate(L, u)), unknowns),
    hessianAt: (point) => (H() ? numbers(H()!, point) : null),
    jacobianAt: (point) => numbers(J(), point),
    valueAt: (point) => substitute(f, at(point)),
  };
}

/** f and every g polynomials over ℚ: the calculus in ℚ[x, λ], with no expression built. */
function inRing(f: Node, gs: readonly Node[], xs: readonly Node[], lambdas: readonly Node[]): Problem | null {
  const unknowns = [...xs, ...lambdas];
  const ring = polynomialsIn([f, ...gs], unknowns);
  if (!ring || ring.denominators.length) return null;
  const [fp, ...gps] = ring.polys;
  const L = gps.reduce((sum, g, k) => sum.add(g.mul(Poly.generator(unknowns, xs.length + k))), fp);
  const numbers = (rows: readonly Poly[][], point: readonly Node[]): number[][] | null => {
    const values = point.map(floatValue);
    return values.every((v) => v !== null) ? rows.map((row) => row.map((p) => p.evaluateFloat(values as number[]))) : null;
  };
  const gradient = unknowns.map((_, i) => L.derivative(i));
  const H = lazy(() => xs.map((_, i) => xs.map((_, j) => gradient[i].derivative(j))));
  const J = lazy(() => gps.map((g) => xs.map((_, j) => g.derivative(j))));
  return {
    solve: () => solvePolynomials(gradient, unknowns),
    hessianAt: (point) => numbers(H(), point),
    jacobianAt: (point) => numbers(J(), point),
    valueAt: (point) =>
      point.every((v) => v.kind === "num")
        ? num(fp.evaluate(point.map((v) => (v as Node & { kind: "num" }).value)))
        : substitute(f, new Map(unknowns.map((u, i) => [u, point[i]]))),
  };
}

/** A value computed on first use. */
function lazy<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

export function criticalPoints(f: Node, vars?: readonly Node[]): Node {
  return stationaryPoints(f, [], vars ?? freeSymbols(f));
}

function constraintExpr(c: Node): Node {
  if (c.kind !== "rel" || c.op !== "=") throw mathError("a constraint is an equation, as in x + y = 10");
  return sub(c.right, c.left);
}

export function lagrange(f: Node, constraints: readonly Node[], vars?: readonly Node[]): Node {
  if (constraints.length === 0) return criticalPoints(f, vars);
  const gs = constraints.map(constraintExpr);
  return stationaryPoints(f, gs, vars ?? freeSymbols(add(f, ...gs.map((g) => mul(g, g)))));
}

/**
 * The stationary points of f on {g = 0} (of f itself with no g), each classified: by the Hessian,
 * or with constraints by the bordered Hessian. `route` "graph" does the calculus on expressions
 * even for polynomials (the tests compare the two routes).
 */
export function stationaryPoints(f: Node, gs: readonly Node[], xs: readonly Node[], route: "best" | "graph" = "best"): Node {
  const m = gs.length;
  const lambdas = gs.map((_, k) => sym(m === 1 ? "λ" : `λ_${k + 1}`));
  const problem = (route === "best" ? inRing(f, gs, xs, lambdas) : null) ?? inGraph(f, gs, xs, lambdas);
  const result = problem.solve();
  if (result.kind === "infinite") return struct("points", [{ name: "items", value: tuple([]) }, { name: "note", value: str(result.note) }]);
  const points = result.solutions.map((s) => {
    const H = problem.hessianAt(s.values);
    const J = m ? problem.jacobianAt(s.values) : [];
    let kind: Classification = "degenerate";
    if (H && J && m === 0) kind = classifyByHessian(H);
    else if (H && J) {
      const n = xs.length;
      const B = Array.from({ length: m + n }, (_, i) =>
        Array.from({ length: m + n }, (_, j) => (i < m && j < m ? 0 : i < m ? J[i][j - m] : j < m ? J[j][i - m] : H[i - m][j - m])),
      );
      kind = classifyBordered(B, m);
    }
    return pointStruct([...xs, ...lambdas], s, kind, problem.valueAt(s.values));
  });
  return pointsStruct(points, result.more);
}

/** The best stationary point: `25 at x = 5, y = 5`. */
export function optimum(sense: "maximize" | "minimize", f: Node, constraints: readonly Node[]): Node {
  const found = constraints.length ? lagrange(f, constraints) : criticalPoints(f);
  const items = found.kind === "record" ? found.fields[0].value : ZERO;
  const points = items.kind === "tuple" ? items.items : [];
  const candidates = points.filter((p) => p.kind === "record" && floatValue(p.fields[2].value) !== null);
  if (candidates.length === 0) throw mathError(`found no stationary point to ${sense}`);
  const value = (p: Node) => floatValue((p as Node & { kind: "record" }).fields[2].value)!;
  const best = candidates.reduce((a, b) => ((sense === "maximize" ? value(b) > value(a) : value(b) < value(a)) ? b : a));
  const fields = (best as Node & { kind: "record" }).fields;
  const at = fields[0].value;
  const shown = at.kind === "tuple" ? tuple(at.items.filter((r) => r.kind === "rel" && !(r.left.kind === "sym" && r.left.name.startsWith("λ")))) : at;
  return struct("optimum", [
    { name: "value", value: fields[2].value },
    { name: "at", value: shown },
    { name: "kind", value: fields[1].value },
    { name: "among", value: str(`${candidates.length} stationary point${candidates.length === 1 ? "" : "s"}${found.kind === "record" && found.fields[1]?.name === "note" && points.length ? ", not counting infinitely many more where the system leaves an unknown free" : ""}`) },
  ]);
}

export { tensor };
