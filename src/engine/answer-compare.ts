// How `expect` compares an answer with its key, by meaning:
// - a command's result (solve, critical, lagrange, gd) is a set of points, and so is a list of
//   points or a matrix with one point per row: two sets agree when their points pair up in some order;
// - a vector and a one-column or one-row matrix of the same entries are the same answer;
// - with `tol T` (absolute) and/or `rtol R` (relative), numbers, vectors, matrices and point sets
//   agree entry by entry when |answer − key| ≤ T + R·|key| (numpy's isclose);
// - everything else is `check`'s comparison (src/engine/check.ts).
// When an answer is wrong, `namedMistake` looks for the common mistakes before a counterexample.
import { ZERO, mul, neg, num, sub, tensor, tuple } from "../graph/construct.js";
import type { Node } from "../graph/node.js";
import { isScalar, type Shape } from "../graph/shape.js";
import { freeSymbols } from "../graph/traverse.js";
import { Rational } from "../numeric/rational.js";
import { toPretty } from "../graph/print/forms.js";
import { compare, soleValues, type Comparison } from "./check.js";
import { resultPoints, type ResultPoint } from "./command-values.js";
import { evaluateAt } from "./numeric-eval.js";

export interface Tolerance {
  absolute: number | null;
  relative: number | null;
}

export const EXACT: Tolerance = { absolute: null, relative: null };

/** A shape in words, with its article: "a scalar", "a vector of length 3", "a 2×2 matrix". */
export function shapeWords(shape: Shape): string {
  if (shape.length === 0) return "a scalar";
  if (shape.length === 1) return `a vector of length ${shape[0]}`;
  return `a ${shape.join("×")} ${shape.length === 2 ? "matrix" : "array"}`;
}

/** What a value is, in words: "text", "an equation", "a layer", or its shape. */
export function valueWords(node: Node): string {
  switch (node.kind) {
    case "str":
      return "text";
    case "rel":
      return "an equation";
    case "tuple":
      return "a list";
    case "record":
      return /^[aeiou]/i.test(node.tag) ? `an ${node.tag}` : `a ${node.tag}`;
    default:
      return shapeWords(node.shape);
  }
}

const OTHER_KINDS = ["str", "rel", "tuple", "record"];

const hasTolerance = (t: Tolerance) => t.absolute !== null || t.relative !== null;

/** A vector and an n×1 or 1×n matrix hold the same answer: both read as the vector. */
function asVector(node: Node): Node {
  if (node.kind === "tensor" && node.shape.length === 2 && (node.shape[0] === 1 || node.shape[1] === 1))
    return tensor([node.entries.length], node.entries);
  return node;
}

/** A concrete value's entries as floats, or null when an entry has a free symbol or is not a number. */
function floats(node: Node): number[] | null {
  const entries = node.kind === "tensor" ? node.entries : isScalar(node.shape) ? [node] : null;
  if (!entries) return null;
  const out: number[] = [];
  for (const e of entries) {
    if (e.kind === "str" || e.kind === "tuple" || e.kind === "record" || e.kind === "rel" || freeSymbols(e).length)
      return null;
    out.push(evaluateAt(e, new Map()));
  }
  return out;
}

function within(a: number, b: number, t: Tolerance): boolean {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) <= (t.absolute ?? 0) + (t.relative ?? 0) * Math.abs(b);
}

function describeTolerance(t: Tolerance): string {
  return [
    t.absolute !== null ? `±${t.absolute}` : "",
    t.relative !== null ? `±${t.relative * 100}% of the expected` : "",
  ]
    .filter(Boolean)
    .join(" + ");
}

function entryLabel(shape: readonly (number | string)[], i: number): string {
  if (shape.length === 0) return "";
  const idx: number[] = [];
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    const d = Number(shape[axis]);
    idx.unshift((i % d) + 1);
    i = Math.floor(i / d);
  }
  return ` in entry [${idx.join(", ")}]`;
}

function compareWithin(a: Node, b: Node, t: Tolerance): AnswerComparison | null {
  const x = floats(a);
  const y = floats(b);
  if (!x || !y) return null;
  if (x.length !== y.length || a.shape.length !== b.shape.length) return null;
  for (let i = 0; i < x.length; i++) {
    if (!within(x[i], y[i], t)) {
      const gap = Number.isFinite(x[i] - y[i]) ? Math.abs(x[i] - y[i]).toPrecision(3) : "an undefined amount";
      return {
        verdict: "not equivalent",
        reason: `off by ${gap}${entryLabel(b.shape, i)} (allowed ${describeTolerance(t)})`,
      };
    }
  }
  return { verdict: "equivalent", reason: `within ${describeTolerance(t)}` };
}

/** The points of `node` read as a set, with `dim` coordinates each (the other side's), or null. */
function pointsOf(node: Node, dim: number | null): ResultPoint[] | null {
  const fromResult = resultPoints(node);
  if (fromResult) return fromResult;
  const unnamed = (coords: readonly Node[]): ResultPoint => ({ names: coords.map(() => null), coords: [...coords] });
  if (node.kind === "tensor" && node.shape.length === 2) {
    const [rows, cols] = node.shape.map(Number);
    if (dim === 1 && cols !== 1 && rows === 1) return node.entries.map((e) => unnamed([e]));
    return Array.from({ length: rows }, (_, r) => unnamed(node.entries.slice(r * cols, (r + 1) * cols)));
  }
  if (node.kind === "tensor" && node.shape.length === 1) {
    return dim === 1 ? node.entries.map((e) => unnamed([e])) : [unnamed(node.entries)];
  }
  if (node.kind === "tuple") {
    const out: ResultPoint[] = [];
    for (const item of node.items) {
      const inner = pointsOf(item, dim);
      if (!inner || inner.length !== 1) return null;
      out.push(inner[0]);
    }
    return out;
  }
  if (isScalar(node.shape) && node.kind !== "str" && node.kind !== "record" && node.kind !== "rel")
    return [unnamed([node])];
  return null;
}

/** Lagrange's points carry the multipliers; an answer that gives only the variables drops them. */
function withoutMultipliers(points: ResultPoint[], dim: number): ResultPoint[] {
  return points.map((p) => {
    if (p.coords.length <= dim) return p;
    const keep = p.names.map((n, i) => (n !== null && n.startsWith("λ") ? -1 : i)).filter((i) => i >= 0);
    return keep.length === dim ? { names: keep.map((i) => p.names[i]), coords: keep.map((i) => p.coords[i]) } : p;
  });
}

function pointText(p: ResultPoint): string {
  const named = p.names.every((n) => n !== null);
  return named
    ? p.coords.map((c, i) => `${p.names[i]} = ${toPretty(c)}`).join(", ")
    : p.coords.length === 1
      ? toPretty(p.coords[0])
      : `(${p.coords.map((c) => toPretty(c)).join(", ")})`;
}

function samePoint(a: ResultPoint, b: ResultPoint, t: Tolerance): boolean {
  if (a.coords.length !== b.coords.length) return false;
  return a.coords.every((c, i) => compareAnswer(c, b.coords[i], t).verdict === "equivalent");
}

/** Two sets of points: they agree when the points pair up, in any order. */
function comparePointSets(answer: ResultPoint[], expected: ResultPoint[], t: Tolerance): AnswerComparison {
  const dimA = answer[0]?.coords.length ?? null;
  const dimE = expected[0]?.coords.length ?? null;
  if (dimA !== null && dimE !== null && dimA !== dimE) {
    if (dimA < dimE) expected = withoutMultipliers(expected, dimA);
    else answer = withoutMultipliers(answer, dimE);
  }
  const unmatched = [...expected];
  const extra: ResultPoint[] = [];
  for (const p of answer) {
    const k = unmatched.findIndex((q) => samePoint(p, q, t));
    if (k < 0) extra.push(p);
    else unmatched.splice(k, 1);
  }
  if (!extra.length && !unmatched.length) return { verdict: "equivalent", reason: "the same points in some order" };
  if (!extra.length)
    return {
      verdict: "not equivalent",
      reason: `missing ${unmatched.length === 1 ? "a solution" : `${unmatched.length} solutions`}`,
      mistake: { kind: "missing solution", points: unmatched.map(pointText) },
    };
  if (!unmatched.length)
    return {
      verdict: "not equivalent",
      reason: `${extra.length === 1 ? "an extra solution" : `${extra.length} extra solutions`}`,
      mistake: { kind: "extra solution", points: extra.map(pointText) },
    };
  return {
    verdict: "not equivalent",
    reason: `${pointText(extra[0])} is not a solution`,
    mistake: { kind: "wrong solution", points: extra.map(pointText) },
  };
}

/** `check`'s comparison, with the common mistake it found where it names one. */
export type AnswerComparison = Comparison & { mistake?: Mistake };

export type Mistake =
  | { kind: "negated" | "transposed" | "shape" }
  | { kind: "factor"; factor: string }
  | { kind: "constant"; constant: string }
  | { kind: "missing solution" | "extra solution" | "wrong solution"; points: string[] };

/** Whether `answer` means the same as `expected`, by the rules at the top of this file. */
export function compareAnswer(answer: Node, expected: Node, t: Tolerance = EXACT): AnswerComparison {
  const aPoints = resultPoints(answer);
  const ePoints = resultPoints(expected);
  if (aPoints || ePoints) {
    const dim = (aPoints ?? ePoints)![0]?.coords.length ?? null;
    const a = aPoints ?? pointsOf(answer, dim);
    const e = ePoints ?? pointsOf(expected, dim);
    if (!a || !e) return { verdict: "not equivalent", reason: "not a set of points", mistake: { kind: "shape" } };
    return comparePointSets(a, e, t);
  }
  if (answer.kind === "tuple" && expected.kind === "tuple") {
    const a = pointsOf(answer, null);
    const e = pointsOf(expected, null);
    if (a && e) return comparePointSets(a, e, t);
  }
  if ((OTHER_KINDS.includes(answer.kind) || OTHER_KINDS.includes(expected.kind)) && answer.kind !== expected.kind) {
    return {
      verdict: "not equivalent",
      reason: `${valueWords(answer)} is not ${valueWords(expected)}`,
      mistake: { kind: "shape" },
    };
  }
  const a = asVector(answer);
  const e = asVector(expected);
  const sole = soleValues(a, e);
  if (sole) {
    const c = compareAnswer(sole.a, sole.b, t);
    return { ...c, reason: `${sole.said}: ${c.reason}` };
  }
  if (a.shape.length !== e.shape.length || a.shape.some((d, i) => d !== e.shape[i])) {
    return {
      verdict: "not equivalent",
      reason: `${shapeWords(a.shape)} is not ${shapeWords(e.shape)}`,
      mistake: { kind: "shape" },
    };
  }
  if (hasTolerance(t)) {
    const c = compareWithin(a, e, t);
    if (c) return c;
    if (a.kind === "tensor" && e.kind === "tensor") {
      for (let i = 0; i < a.entries.length; i++) {
        const entry = compareAnswer(a.entries[i], e.entries[i], t);
        if (entry.verdict !== "equivalent") return { ...entry, reason: `${entry.reason}${entryLabel(e.shape, i)}` };
      }
      return { verdict: "equivalent", reason: `within ${describeTolerance(t)}` };
    }
  }
  return compare(a, e);
}

/** A small fraction near `x` (2, 1/2, −3/2), for naming a factor, or null. */
function niceFraction(x: number): Rational | null {
  for (let q = 1; q <= 12; q++) {
    const p = Math.round(x * q);
    if (p !== 0 && Math.abs(p / q - x) <= 1e-9 * Math.max(1, Math.abs(x))) return Rational.of(p, q);
  }
  return null;
}

/** The first point where `node` is a finite nonzero number, for estimating a ratio. */
function sampleAt(nodes: Node[]): Map<Node, number>[] {
  const vars = freeSymbols(tuple(nodes));
  const values = [0.7, 1.3, -0.4, 2.1, 0.25, -1.6];
  return Array.from(
    { length: 4 },
    (_, k) => new Map(vars.map((v, i) => [v as Node, values[(k + i * 2) % values.length] + k * 0.01])),
  );
}

function scalarRatio(a: Node, e: Node): Rational | null {
  for (const point of sampleAt([a, e])) {
    const x = evaluateAt(a, point);
    const y = evaluateAt(e, point);
    if (Number.isFinite(x) && Number.isFinite(y) && Math.abs(y) > 1e-9) return niceFraction(x / y);
  }
  return null;
}

/**
 * The common mistake that `answer` makes, if it is one: the negative of the key, a constant multiple
 * of it, its transpose, or the key plus a constant (an antiderivative's constant). Point sets name a
 * missing or extra solution in `compareAnswer` itself.
 */
export function namedMistake(answer: Node, expected: Node, t: Tolerance): Mistake | null {
  if (
    resultPoints(answer) ||
    resultPoints(expected) ||
    answer.kind === "tuple" ||
    answer.kind === "record" ||
    answer.kind === "str" ||
    answer.kind === "rel"
  )
    return null;
  const a = asVector(answer);
  const e = asVector(expected);
  const sole = soleValues(a, e);
  if (sole) return namedMistake(sole.a, sole.b, t);
  if (a.shape.length === 2 && e.shape.length === 2 && a.shape[0] === e.shape[1] && a.shape[1] === e.shape[0]) {
    const transposed = e.kind === "tensor" ? transpose(e) : null;
    if (
      transposed &&
      compareAnswer(a, transposed, t).verdict === "equivalent" &&
      compareAnswer(a, e, t).verdict !== "equivalent"
    )
      return { kind: "transposed" };
  }
  if (a.shape.length !== e.shape.length || a.shape.some((d, i) => d !== e.shape[i])) return { kind: "shape" };
  if (compareAnswer(a, neg(e), t).verdict === "equivalent") return { kind: "negated" };
  const first = (n: Node) => (n.kind === "tensor" ? n.entries.findIndex((x) => x !== ZERO) : 0);
  const k = first(e);
  if (k >= 0) {
    const ratio =
      a.kind === "tensor" && e.kind === "tensor" ? scalarRatio(a.entries[k], e.entries[k]) : scalarRatio(a, e);
    if (ratio && !ratio.isZero() && !ratio.isOne() && !ratio.equals(Rational.MINUS_ONE)) {
      if (compareAnswer(a, mul(num(ratio), e), t).verdict === "equivalent")
        return { kind: "factor", factor: toPretty(num(ratio)) };
    }
  }
  if (isScalar(a.shape) && freeSymbols(e).length) {
    const d = sub(a, e);
    const points = sampleAt([d]);
    const values = points.map((p) => evaluateAt(d, p)).filter(Number.isFinite);
    if (
      values.length >= 3 &&
      values.every((v) => Math.abs(v - values[0]) <= 1e-9 * Math.max(1, Math.abs(v))) &&
      Math.abs(values[0]) > 1e-9
    ) {
      const c = niceFraction(values[0]);
      return { kind: "constant", constant: c ? toPretty(num(c)) : values[0].toPrecision(6) };
    }
  }
  return null;
}

function transpose(m: Node & { kind: "tensor" }): Node {
  const [rows, cols] = m.shape.map(Number);
  const entries: Node[] = [];
  for (let c = 0; c < cols; c++) for (let r = 0; r < rows; r++) entries.push(m.entries[r * cols + c]);
  return tensor([cols, rows], entries);
}
