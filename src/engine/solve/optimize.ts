// Stationary points and constrained optima: critical(f) solves ∇f = 0 and classifies each point by
// the Hessian; lagrange(f, g = c, …) solves ∇L = 0 for L = f + Σ λᵢ(cᵢ − gᵢ) and classifies by the
// bordered Hessian; maximize/minimize pick the best of those points.
import { mathError } from "../../errors.js";
import { ZERO, add, mul, relation, str, struct, sub, sym, tensor, tuple } from "../../graph/construct.js";
import type { Node } from "../../graph/node.js";
import { floatValue } from "../../graph/evalf.js";
import { freeSymbols } from "../../graph/traverse.js";
import { det } from "../../numeric/float-linalg.js";
import { differentiate, hessian } from "../differentiate.js";
import { substitute } from "../substitute.js";
import { solveSystem, type Solution } from "./system.js";

export type Classification = "minimum" | "maximum" | "saddle point" | "degenerate";

function numericMatrix(H: Node, point: Map<Node, Node>): number[][] | null {
  if (H.kind !== "tensor") return null;
  const n = H.shape[0];
  const M: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let j = 0; j < n; j++) {
      const v = floatValue(substitute(H.entries[i * n + j], point));
      if (v === null) return null;
      row.push(v);
    }
    M.push(row);
  }
  return M;
}

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

export function criticalPoints(f: Node, vars?: readonly Node[]): Node {
  const xs = vars ?? freeSymbols(f);
  const grad = xs.map((x) => differentiate(f, x));
  const result = solveSystem(grad, xs);
  if (result.kind === "infinite") return struct("points", [{ name: "items", value: tuple([]) }, { name: "note", value: str(result.note) }]);
  const H = hessian(f, xs);
  const points = result.solutions.map((s) => {
    const at = new Map(xs.map((x, i) => [x, s.values[i]]));
    const M = numericMatrix(H, at);
    return pointStruct(xs, s, M ? classifyByHessian(M) : "degenerate", substitute(f, at));
  });
  return pointsStruct(points, result.more);
}

function constraintExpr(c: Node): Node {
  if (c.kind !== "rel" || c.op !== "=") throw mathError("a constraint is an equation, as in x + y = 10");
  return sub(c.right, c.left);
}

export function lagrange(f: Node, constraints: readonly Node[], vars?: readonly Node[]): Node {
  if (constraints.length === 0) return criticalPoints(f, vars);
  const gs = constraints.map(constraintExpr);
  const xs = vars ?? freeSymbols(add(f, ...gs.map((g) => mul(g, g))));
  const lambdas = gs.map((_, i) => sym(gs.length === 1 ? "λ" : `λ_${i + 1}`));
  const L = add(f, ...gs.map((g, i) => mul(lambdas[i], g)));
  const unknowns = [...xs, ...lambdas];
  const equations = unknowns.map((u) => differentiate(L, u));
  const result = solveSystem(equations, unknowns);
  if (result.kind === "infinite") return struct("points", [{ name: "items", value: tuple([]) }, { name: "note", value: str(result.note) }]);
  const m = gs.length;
  const HL = hessian(L, xs);
  const J = gs.map((g) => xs.map((x) => differentiate(g, x)));
  const points = result.solutions.map((s) => {
    const at = new Map(unknowns.map((u, i) => [u, s.values[i]]));
    const hl = numericMatrix(HL, at);
    const jac = J.map((row) => row.map((d) => floatValue(substitute(d, at))));
    let kind: Classification = "degenerate";
    if (hl && jac.every((row) => row.every((v) => v !== null))) {
      const n = xs.length;
      const B = Array.from({ length: m + n }, (_, i) =>
        Array.from({ length: m + n }, (_, j) => (i < m && j < m ? 0 : i < m ? (jac[i][j - m] as number) : j < m ? (jac[j][i - m] as number) : hl[i - m][j - m])),
      );
      kind = classifyBordered(B, m);
    }
    return pointStruct(unknowns, s, kind, substitute(f, new Map(xs.map((x, i) => [x, s.values[i]]))));
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
