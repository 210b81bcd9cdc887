// Linear algebra operators. Concrete arrays are computed (exactly over ℚ, in floats when an entry is
// a float, entry by entry when entries are symbolic); symbolic arrays (x ∈ ℝ^n) stay as nodes whose
// shapes are checked.
import { limitOf, overLimit, reserveEntries } from "../../budget.js";
import * as adjoints from "../../numeric/float-adjoints.js";
import * as kernels from "../../numeric/float-kernels.js";
import { mathError, shapeError } from "../../errors.js";

import * as exact from "../../numeric/exact-linalg.js";
import * as floats from "../../numeric/float-linalg.js";
import {
  MINUS_ONE,
  ONE,
  ZERO,
  addAll,
  div,
  float,
  int,
  isNumber,
  mul,
  mulAll,
  num,
  pow,
  sqrt,
  sub,
  sym,
  tensor,
} from "../primitives.js";
import type { Node, Tensor } from "../node.js";
import { isScalar, matmulShape, showShape, transposeShape, type Shape } from "../shape.js";
import type { Build, OperatorEntry } from "./entry.js";
import { toSuperscript } from "../../syntax/names.js";
import {
  asFloats,
  asRationals,
  fromFloats,
  fromRationals,
  fromRows,
  requireMatrix,
  requireSquare,
  rowsOf,
} from "./arrays.js";

function transposeTensor(t: Tensor): Tensor {
  if (t.shape.length === 1) return tensor([1, t.shape[0]], t.entries);
  const rows = rowsOf(t);
  return fromRows(rows[0].map((_, j) => rows.map((row) => row[j])));
}

function matmulTensors(a: Tensor, b: Tensor): Node {
  matmulShape(a.shape, b.shape);
  const A = rowsOf(a);
  const B = rowsOf(b);
  const ra = asRationals(a);
  const rb = asRationals(b);
  let rows: Node[][];
  if (ra && rb) {
    rows = exact.matMul(ra, rb).map((row) => row.map(num));
  } else {
    rows = A.map((row) => B[0].map((_, j) => addAll(row.map((x, k) => mul(x, B[k][j])))));
  }
  return rows.length === 1 && rows[0].length === 1 ? rows[0][0] : fromRows(rows);
}

function determinant(t: Tensor): Node {
  requireSquare("det", t);
  const q = asRationals(t);
  if (q) return num(exact.det(q));
  const f = asFloats(t);
  if (f) return floatNode(floats.det(f));
  return laplace(rowsOf(t));
}

function floatNode(x: number): Node {
  return float(x);
}

/** Cofactor expansion for small symbolic matrices (the Hessians and Jacobians of the course). */
function laplace(rows: Node[][]): Node {
  const n = rows.length;
  if (n > limitOf("symbolicDeterminant"))
    throw overLimit(
      "symbolicDeterminant",
      `the determinant of a ${n}×${n} symbolic matrix is too large to expand; the limit is ${limitOf("symbolicDeterminant")}×${limitOf("symbolicDeterminant")}`,
    );
  if (n === 1) return rows[0][0];
  if (n === 2) return sub(mul(rows[0][0], rows[1][1]), mul(rows[0][1], rows[1][0]));
  const terms: Node[] = [];
  for (let j = 0; j < n; j++) {
    if (isNumber(rows[0][j]) && rows[0][j] === ZERO) continue;
    const minor = rows.slice(1).map((row) => row.filter((_, k) => k !== j));
    terms.push(mul(j % 2 ? MINUS_ONE : ONE, rows[0][j], laplace(minor)));
  }
  return addAll(terms);
}

function inverseTensor(t: Tensor): Node {
  const n = requireSquare("inverse", t);
  const q = asRationals(t);
  if (q) {
    try {
      return fromRationals(exact.inverse(q));
    } catch (err) {
      // Only singularity means "no inverse"; a time limit or an interrupt goes on up as it is.
      if (!(err instanceof RangeError)) throw err;
      throw mathError("the matrix is singular (its determinant is 0), so it has no inverse");
    }
  }
  const f = asFloats(t);
  if (f) return fromFloats(floats.inverse(f));
  if (n > limitOf("symbolicInverse"))
    throw overLimit(
      "symbolicInverse",
      `the inverse of a ${n}×${n} symbolic matrix is too large to compute; the limit is ${limitOf("symbolicInverse")}×${limitOf("symbolicInverse")}`,
    );
  const rows = rowsOf(t);
  const d = laplace(rows);
  if (d === ZERO) throw mathError("the matrix is singular (its determinant is 0), so it has no inverse");
  const cofactor = (i: number, j: number) => {
    const minor = rows.filter((_, r) => r !== i).map((row) => row.filter((_, c) => c !== j));
    return mul((i + j) % 2 ? MINUS_ONE : ONE, n === 1 ? ONE : laplace(minor));
  };
  return fromRows(rows.map((_, i) => rows.map((__, j) => div(cofactor(j, i), d))));
}

function identity(n: number): Tensor {
  reserveEntries(n * n, `I(${n})`);
  const entries: Node[] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) entries.push(i === j ? ONE : ZERO);
  return tensor([n, n], entries);
}

function matrixPower(build: Build, t: Tensor, k: Node): Node {
  const n = requireSquare("a matrix power", t);
  if (k.kind !== "num" || !k.value.isInteger()) throw mathError("a matrix power needs a whole-number exponent");
  let e = k.value.num;
  let base: Node = t;
  if (e < 0n) {
    base = inverseTensor(t);
    e = -e;
  }
  let result: Node = identity(n);
  while (e > 0n) {
    if (e & 1n) result = matrixProduct(build, result, base);
    base = matrixProduct(build, base, base);
    e >>= 1n;
  }
  return result;
}

const isInverse = (n: Node) => n.kind === "apply" && n.op === "inverse";

/** diag(v) of a vector v: a diagonal matrix. */
function isDiagonal(n: Node): n is Node & { kind: "apply" } {
  return n.kind === "apply" && n.op === "diag" && n.args[0].shape.length === 1;
}

/** A square symbolic matrix as a whole power of a base: A is A¹, matpow(A, 3) is A³. */
function asPower(n: Node): { base: Node; k: number } | null {
  if (n.shape.length !== 2 || n.shape[0] !== n.shape[1] || n.kind === "tensor" || (n.kind === "sym" && n.name === "I"))
    return null;
  if (n.kind === "apply" && n.op === "matpow") {
    const k = n.args[1];
    return k.kind === "num" && k.value.isInteger() && k.value.sign() > 0
      ? { base: n.args[0], k: Number(k.value.num) }
      : null;
  }
  return { base: n, k: 1 };
}

/** A B: the matrix product of two arrays, a plain product when one is a scalar. */
function matrixProduct({ apply }: Build, a: Node, b: Node): Node {
  if (isScalar(a.shape) || isScalar(b.shape)) return mul(a, b);
  return apply("matmul", [a, b]);
}

/** A size, as I(n) and zeros(m, n) take it; how large is the entry limit's to say (reserveEntries). */
function positiveInteger(name: string, n: Node): number {
  if (n.kind !== "num" || !n.value.isInteger() || n.value.sign() <= 0) {
    throw mathError(`${name} needs a positive whole number`);
  }
  return Number(n.value.num);
}

function filled(args: readonly Node[], value: Node, name: string): Tensor {
  const dims = args.map((a) => positiveInteger(name, a));
  const total = dims.reduce((p, d) => p * d, 1);
  reserveEntries(total, `${name}(${dims.join(", ")})`);
  return tensor(dims, new Array<Node>(total).fill(value));
}

function normOf({ apply }: Build, v: Node, p: Node | undefined): Node | undefined {
  if (v.kind !== "tensor") return undefined;
  const kind = normKind(p);
  const abs = (x: Node) => apply("abs", [x]);
  const square = (x: Node) => (x.kind === "num" || x.kind === "sym" ? pow(x, int(2)) : pow(abs(x), int(2)));
  const isVector = v.shape.length === 1 || (v.shape.length === 2 && v.shape[0] === 1);
  if (kind === "1" && isVector) return addAll(v.entries.map(abs));
  if ((kind === "2" && isVector) || kind === "F") return sqrt(addAll(v.entries.map(square)));
  if (kind === "∞") return apply("max", v.entries.map(abs));
  if (kind === "2") {
    const f = asFloats(v);
    if (!f) return undefined;
    return floatNode(floats.svd(f).S[0] ?? 0);
  }
  if (kind === "1") {
    const rows = rowsOf(v);
    return apply(
      "max",
      rows[0].map((_, j) => addAll(rows.map((row) => abs(row[j])))),
    );
  }
  throw mathError(`unknown norm ${kind}: use 1, 2, "F" (Frobenius) or "max"`);
}

/** Which norm a second argument names: 2 when absent, 1, ∞ (also inf, max), F (also fro). */
function normKind(p: Node | undefined): string {
  if (p === undefined) return "2";
  const kind = p.kind === "str" ? p.value : p.kind === "num" ? p.value.toString() : p.kind === "sym" ? p.name : "?";
  return kind === "inf" || kind === "max" ? "∞" : kind === "fro" ? "F" : kind;
}

/**
 * ∂‖v‖/∂v in closed form: v/‖v‖ for the 2-norm of a vector and the Frobenius norm; sign(v) for the
 * 1-norm of a vector, a subgradient (|vᵢ| has none at 0, where sign gives 0, one of [−1, 1]); and
 * sign(v) ⊙ step(|v| − ‖v‖_∞) for the ∞-norm, the gradient where the largest |vᵢ| is unique (a tie
 * has no derivative, and there the formula is not a subgradient either).
 */
function normGradient({ apply }: Build, n: Node & { kind: "apply" }): Node {
  const [v, p] = n.args;
  const kind = normKind(p);
  const vector = v.shape.length === 1;
  if ((kind === "2" && vector) || kind === "F") return mul(v, pow(n, int(-1)));
  if (kind === "1" && vector) return apply("sign", [v]);
  if (kind === "∞" && vector) return mul(apply("sign", [v]), apply("step", [sub(apply("abs", [v]), n)]));
  throw mathError(
    `the ${kind}-norm of a ${showShape(v.shape)} has no closed-form gradient in Nabla (2, 1 and ∞ of vectors, Frobenius of matrices)`,
  );
}

const scalarOrSame =
  (name: string) =>
  ([a, b]: Shape[]): Shape => {
    if (isScalar(a) || isScalar(b)) return isScalar(a) ? b : a;
    if (a.length !== b.length || a.some((d, i) => d !== b[i])) {
      throw shapeError(`${name} needs two arrays of the same shape, not a ${showShape(a)} and a ${showShape(b)}`);
    }
    return a;
  };

export function linearAlgebraRows(build: Build): OperatorEntry[] {
  const { apply } = build;
  const matmul = (a: Node, b: Node) => matrixProduct(build, a, b);
  return [
    {
      name: "transpose",
      vjp: adjoints.transpose,
      adjoint: (_n, bar) => [apply("transpose", [bar])],
      array: ([a]) => kernels.transpose(a),
      arity: [1, 1],
      shape: ([a]) => transposeShape(a),
      fold: ([a]) => {
        if (isScalar(a.shape)) return a;
        if (a.kind === "tensor") return transposeTensor(a);
        if (a.kind === "apply" && a.op === "transpose") return a.args[0];
        // (AB)ᵀ = BᵀAᵀ, (A + B)ᵀ = Aᵀ + Bᵀ, (cA)ᵀ = cAᵀ: transposes travel down to the symbols.
        if (a.kind === "apply" && a.op === "matmul")
          return matmul(apply("transpose", [a.args[1]]), apply("transpose", [a.args[0]]));
        if (a.kind === "add") return addAll(a.terms.map((t) => apply("transpose", [t])));
        if (a.kind === "mul") return mulAll(a.factors.map((f) => apply("transpose", [f])));
        // Entrywise powers commute with the transpose: ((aᵀ)²)ᵀ = a².
        if (a.kind === "pow") return pow(apply("transpose", [a.base]), a.exp);
        // A symmetric matrix's inverse is symmetric: ((A Aᵀ)⁻¹)ᵀ = (A Aᵀ)⁻¹.
        if (a.kind === "apply" && a.op === "inverse" && apply("transpose", [a.args[0]]) === a.args[0]) return a;
        if (a.kind === "sym" && a.name === "I") return a;
        return undefined;
      },
      notation: "postfix",
      // The transpose of an inverse is X⁻ᵀ, as the Cookbook writes it (and as Nabla reads it).
      latex: ([a], [n]) =>
        isInverse(n) ? a.replace(/^\\left\((.*)\^\{-1\}\\right\)$/s, "$1^{-\\top}") : `${a}^{\\top}`,
      unicode: ([a], [n]) => (isInverse(n) ? a.replace(/^\((.*)⁻¹\)$/s, "$1⁻ᵀ") : `${a}ᵀ`),
      help: {
        syntax: "Aᵀ, A', A^T, transpose(A)",
        description: "The transpose; a vector's transpose is a row.",
        examples: ["[1, 2; 3, 4]ᵀ", "[1, 2]ᵀ [3, 4]"],
      },
    },
    {
      name: "matmul",
      vjp: adjoints.matmul,
      adjoint: ({ args: [a, b] }, bar) => [matmul(bar, apply("transpose", [b])), matmul(apply("transpose", [a]), bar)],
      array: ([a, b]) => kernels.matmul(a, b),
      arity: [2, 2],
      shape: ([a, b]) => matmulShape(a, b),
      fold: ([a, b]) => {
        if (a.kind === "tensor" && b.kind === "tensor") return matmulTensors(a, b);
        // Scalars come out of a product: (2u)vᵀ = 2 uvᵀ.
        for (const [m, other, left] of [
          [a, b, true],
          [b, a, false],
        ] as const) {
          if (m.kind === "mul" && m.factors.some((f) => isScalar(f.shape))) {
            const scalars = m.factors.filter((f) => isScalar(f.shape));
            const array = mulAll(m.factors.filter((f) => !isScalar(f.shape)));
            if (array.kind === "mul" && array.factors.length > 1) continue;
            return mul(...scalars, left ? matmul(array, other) : matmul(other, array));
          }
        }
        // uᵀ(v ⊙ u⁻¹) = 𝟏ᵀv: u's entries cancel (the softmax Jacobian meets cross-entropy's 1/p so).
        if (a.kind === "apply" && a.op === "transpose" && a.args[0].shape.length === 1 && b.kind === "mul") {
          const u = a.args[0];
          const k = b.factors.findIndex((f) => f.kind === "pow" && f.base === u && f === pow(u, MINUS_ONE));
          if (k >= 0) return apply("sum", [mulAll(b.factors.filter((_, i) => i !== k))]);
        }
        if (a.kind === "sym" && a.name === "I") return b;
        if (b.kind === "sym" && b.name === "I") return a;
        // diag(u) diag(v) = diag(u ⊙ v); Aʲ Aᵏ = Aʲ⁺ᵏ.
        if (isDiagonal(a) && isDiagonal(b)) return apply("diag", [mul(a.args[0], b.args[0])]);
        const [p, q] = [asPower(a), asPower(b)];
        if (p && q && p.base === q.base) return apply("matpow", [p.base, int(p.k + q.k)]);
        return undefined;
      },
      notation: "juxtaposition",
      help: {
        syntax: "A B, A * B, A·v",
        description: "The matrix product; a vector is a column, so vᵀw is a number and v wᵀ a matrix.",
        examples: ["[1, 2; 3, 4] [5, 6]", "[1, 2; 3, 4] * [5, 6; 7, 8]"],
      },
    },
    {
      name: "matpow",
      arity: [2, 2],
      shape: ([a]) => a,
      // C = Aᵏ for a whole k ≥ 1: Ā += Σ_{r<k} (Aᵀ)ʳ C̄ (Aᵀ)^(k−1−r) (The Matrix Cookbook, (91)).
      adjoint: ({ args: [a, k] }, bar) => {
        if (k.kind !== "num" || !k.value.isInteger() || k.value.sign() <= 0 || k.value.num > 16n)
          throw mathError("matrix calculus differentiates Aᵏ for a whole k from 1 to 16 (A⁻¹ is inv)");
        const at = apply("transpose", [a]);
        const power = (r: number) => (r === 0 ? null : r === 1 ? at : apply("matpow", [at, int(r)]));
        const K = Number(k.value.num);
        const terms = Array.from({ length: K }, (_, r) => {
          const [left, right] = [power(r), power(K - 1 - r)];
          const inner = left ? matmul(left, bar) : bar;
          return right ? matmul(inner, right) : inner;
        });
        return [addAll(terms), ZERO];
      },
      fold: ([a, k]) => {
        if (a.kind === "tensor") return matrixPower(build, a, k);
        if (k === MINUS_ONE) return apply("inverse", [a]);
        if (k === ONE) return a;
        return undefined;
      },
      notation: "postfix",
      latex: ([a, k]) => `${a}^{${k}}`,
      unicode: ([a, k]) => (/^\d+$/.test(k) ? `${a}${toSuperscript(Number(k))}` : `${a}^${k}`),
      help: {
        syntax: "A^k, A⁻¹",
        description: "A square matrix's k-th power; A^-1 and A⁻¹ are the inverse.",
        examples: ["[1, 1; 0, 1]^3"],
      },
    },
    {
      name: "inverse",
      adjoint: (n, bar) => [mul(int(-1), matmul(matmul(apply("transpose", [n]), bar), apply("transpose", [n])))],
      array: ([a]) => kernels.inverse(a),
      vjp: adjoints.inverse,
      aliases: ["inv"],
      arity: [1, 1],
      shape: ([a]) => {
        requireSquare("inverse", { shape: a });
        return a;
      },
      fold: ([a]) => {
        if (a.kind === "tensor") return inverseTensor(a);
        if (a.kind === "apply" && a.op === "inverse") return a.args[0];
        // (Aᵀ)⁻¹ is written A⁻ᵀ: the transpose outside, as the adjoints build it.
        if (a.kind === "apply" && a.op === "transpose" && a.args[0].shape.length === 2)
          return apply("transpose", [apply("inverse", [a.args[0]])]);
        if (a.kind === "sym" && a.name === "I") return a;
        return undefined;
      },
      notation: "postfix",
      latex: ([a]) => `${a}^{-1}`,
      unicode: ([a]) => `${a}⁻¹`,
      help: {
        syntax: "inv(A), A⁻¹, A^-1",
        description: "The inverse of a square matrix, exact over the rationals.",
        examples: ["inv([4, 7; 2, 6])"],
      },
    },
    {
      name: "det",
      // d det A = det A · tr(A⁻¹ dA): Ā += n̄ · det A · A⁻ᵀ.
      adjoint: (n, bar) => [mul(bar, n, apply("transpose", [apply("inverse", [n.args[0]])]))],
      array: ([a]) => kernels.determinant(a),
      vjp: adjoints.determinant,
      arity: [1, 1],
      shape: ([a]) => {
        requireSquare("det", { shape: a });
        return [];
      },
      fold: ([a]) => {
        if (a.kind === "tensor") return determinant(a);
        // det Aᵀ = det A, det A⁻¹ = 1/det A.
        if (a.kind === "apply" && a.op === "transpose") return apply("det", [a.args[0]]);
        if (a.kind === "apply" && a.op === "inverse") return pow(apply("det", [a.args[0]]), MINUS_ONE);
        if (a.kind === "sym" && a.name === "I") return ONE;
        return undefined;
      },
      latex: ([a]) => `\\det\\left(${a}\\right)`,
      help: {
        syntax: "det(A)",
        description: "The determinant (fraction-free elimination, exact).",
        examples: ["det([1, 2; 3, 4])"],
      },
    },
    {
      name: "tr",
      vjp: adjoints.trace,
      // The identity as matrix calculus writes it (the symbol I, which a matrix product drops).
      adjoint: ({ args: [a] }, bar) => [mul(bar, sym("I", [a.shape[0], a.shape[0]]))],
      array: ([a]) => kernels.trace(a),
      aliases: ["trace"],
      arity: [1, 1],
      shape: ([a]) => {
        requireSquare("tr", { shape: a });
        return [];
      },
      fold: ([a]) => {
        if (a.kind !== "tensor") return undefined;
        const rows = rowsOf(a);
        return addAll(rows.map((row, i) => row[i]));
      },
      latex: ([a]) => `\\operatorname{tr}\\left(${a}\\right)`,
      help: {
        syntax: "tr(A), trace(A)",
        description: "The trace: the sum of the diagonal.",
        examples: ["tr([1, 2; 3, 4])"],
      },
    },
    {
      name: "rank",
      arity: [1, 1],
      fold: ([a]) => {
        if (a.kind !== "tensor") return undefined;
        requireMatrix("rank", a);
        const q = asRationals(a);
        if (q) return int(exact.rank(q));
        const f = asFloats(a);
        if (f) return int(floats.rank(f));
        throw mathError("rank needs numeric entries");
      },
      latex: ([a]) => `\\operatorname{rank}\\left(${a}\\right)`,
      help: {
        syntax: "rank(A)",
        description: "The number of linearly independent rows.",
        examples: ["rank([1, 2; 2, 4])"],
      },
    },
    {
      name: "norm",
      breaks: "corner",
      vjp: adjoints.norm,
      adjoint: (n, bar) => [mul(bar, normGradient(build, n))],
      array: ([v, p]) => kernels.norm(v, p),
      arity: [1, 2],
      fold: ([v, p]) => (isScalar(v.shape) && v.kind !== "apply" ? apply("abs", [v]) : normOf(build, v, p)),
      latex: ([v, p]) =>
        `\\left\\| ${v} \\right\\|${p === undefined ? "" : `_{${p.replace(/^\\text\{"?|"?\}$/g, "")}}`}`,
      // ‖v‖, ‖v‖₁, ‖A‖_F.
      unicode: ([v, p]) => `‖${v}‖${p === undefined ? "" : /^\d$/.test(p) ? "₀₁₂₃₄₅₆₇₈₉"[Number(p)] : `_${p}`}`,
      notation: "delimited",
      help: {
        syntax: '‖v‖, ‖v‖₁, ‖A‖_F, norm(v), norm(v, 1), norm(A, "F")',
        description:
          "Vector norms (2 by default, 1, max) and matrix norms (Frobenius, 1, max, 2 = largest singular value).",
        examples: ["‖[3, 4]‖", "‖[-1, 2]‖₁", "‖[1, 2; 3, 4]‖_F"],
      },
    },
    {
      name: "dot",
      vjp: adjoints.dot,
      adjoint: ({ args: [a, b] }, bar) => [mul(bar, b), mul(bar, a)],
      array: ([a, b]) => kernels.dot(a, b),
      arity: [2, 2],
      shape: ([a, b]) => {
        scalarOrSame("dot")([a, b]);
        return [];
      },
      fold: ([a, b]) =>
        a.kind === "tensor" && b.kind === "tensor" ? addAll(a.entries.map((x, i) => mul(x, b.entries[i]))) : undefined,
      notation: "infix",
      latex: ([a, b]) => `${a} \\cdot ${b}`,
      unicode: ([a, b]) => `${a} · ${b}`,
      help: {
        syntax: "dot(a, b), a · b, aᵀb",
        description: "The dot product Σ aᵢbᵢ.",
        examples: ["dot([1, 2], [3, 4])", "[1, 2] · [3, 4]"],
      },
    },
    {
      name: "outer",
      vjp: adjoints.outer,
      // C = a bᵀ: ā += C̄ b, b̄ += C̄ᵀ a.
      adjoint: ({ args: [a, b] }, bar) => [matmul(bar, b), matmul(apply("transpose", [bar]), a)],
      array: ([a, b]) => kernels.outer(a, b),
      arity: [2, 2],
      shape: ([a, b]) => {
        if (a.length !== 1 || b.length !== 1)
          throw shapeError(`outer needs two vectors, not a ${showShape(a)} and a ${showShape(b)}`);
        return [a[0], b[0]];
      },
      fold: ([a, b]) =>
        a.kind === "tensor" && b.kind === "tensor"
          ? (reserveEntries(a.shape[0] * b.shape[0], "the outer product"),
            tensor(
              [a.shape[0], b.shape[0]],
              a.entries.flatMap((x) => b.entries.map((y) => mul(x, y))),
            ))
          : undefined,
      notation: "infix",
      latex: ([a, b]) => `${a} \\otimes ${b}`,
      unicode: ([a, b]) => `${a} ⊗ ${b}`,
      help: {
        syntax: "outer(a, b), a ⊗ b, a bᵀ",
        description: "The outer product, the matrix aᵢbⱼ.",
        examples: ["outer([1, 2], [3, 4])"],
      },
    },
    {
      name: "hadamard",
      arity: [2, 2],
      shape: scalarOrSame("⊙"),
      // Entrywise products are products: the constructors collect them like scalar factors.
      fold: ([a, b]) => mul(a, b),
      notation: "infix",
      latex: ([a, b]) => `${a} \\odot ${b}`,
      unicode: ([a, b]) => `${a} ⊙ ${b}`,
      help: {
        syntax: "A ⊙ B, A .* B",
        description: "The entrywise (Hadamard) product.",
        examples: ["[1, 2; 3, 4] ⊙ [5, 6; 7, 8]"],
      },
    },
    {
      name: "sum",
      vjp: adjoints.sum,
      adjoint: ({ args: [a] }, bar) => [isScalar(a.shape) ? bar : mul(bar, apply("ones_like", [a]))],
      array: ([a]) => kernels.sum(a),
      arity: [1, 1],
      shape: () => [],
      fold: ([a]) => {
        if (a.kind === "tensor") return addAll(a.entries);
        if (isScalar(a.shape)) return a;
        // Scalars come out of a sum: sum(−y) = −sum(y).
        if (a.kind === "mul" && a.factors.some((f) => isScalar(f.shape))) {
          return mul(
            ...a.factors.filter((f) => isScalar(f.shape)),
            apply("sum", [mulAll(a.factors.filter((f) => !isScalar(f.shape)))]),
          );
        }
        return undefined;
      },
      latex: ([a]) => `\\operatorname{sum}\\left(${a}\\right)`,
      help: {
        syntax: "sum(v)",
        description: "The sum of an array's entries (see also Σ for sums over an index).",
        examples: ["sum([1, 2, 3])"],
      },
    },
    {
      name: "ones_like",
      arity: [1, 1],
      shape: ([a]) => a,
      // The all-ones array of a symbolic shape is one symbol, 𝟏, which entrywise products drop.
      fold: ([a]) =>
        a.kind === "tensor"
          ? tensor(
              a.shape,
              a.entries.map(() => ONE),
            )
          : sym("𝟏", a.shape),
      help: {
        syntax: "ones_like(v)",
        description: "An array of ones of v's shape (the 𝟏 of sum(v) = 𝟏ᵀv).",
        examples: ["ones_like([3, 4])"],
      },
    },
    {
      name: "I",
      aliases: ["eye", "identity"],
      arity: [1, 1],
      // I(n) of a symbolic size is the identity symbol matrix calculus writes (its text form reads back).
      fold: ([n]) =>
        n.kind === "sym" && isScalar(n.shape) ? sym("I", [n.name, n.name]) : identity(positiveInteger("I", n)),
      help: { syntax: "I(n)", description: "The n×n identity matrix.", examples: ["I(3)"] },
    },
    {
      name: "zeros",
      arity: [1, 8],
      fold: (args) => filled(args, ZERO, "zeros"),
      help: {
        syntax: "zeros(m, n, …)",
        description: "An array of zeros; zeros(n) is a vector, zeros(2, 2, 2) a rank-3 tensor.",
        examples: ["zeros(2, 3)"],
      },
    },
    {
      name: "ones",
      arity: [1, 8],
      // ones(n) of symbolic sizes is 𝟏, the all-ones symbol (as ones_like gives it).
      fold: (args) =>
        args.every((a) => a.kind === "sym" && isScalar(a.shape))
          ? sym(
              "𝟏",
              args.map((a) => (a as { name: string }).name),
            )
          : filled(args, ONE, "ones"),
      help: { syntax: "ones(m, n, …)", description: "An array of ones.", examples: ["ones(3)"] },
    },
    {
      name: "diag",
      vjp: adjoints.diag,
      // diag takes a vector to a matrix and a matrix to its diagonal: each one's adjoint is the other.
      adjoint: (_n, bar) => [apply("diag", [bar])],
      array: ([a]) => kernels.diag(a),
      arity: [1, 1],
      shape: ([v]) => {
        if (v.length === 1) return [v[0], v[0]];
        if (v.length === 2 && v[0] === v[1]) return [v[0]];
        throw shapeError(`diag needs a vector or a square matrix, not a ${showShape(v)}`);
      },
      fold: ([v]) => {
        // The diagonal of the identity symbol is the all-ones vector 𝟏.
        if (v.kind === "sym" && v.name === "I" && v.shape.length === 2) return sym("𝟏", [v.shape[0]]);
        // And the diagonal matrix of 𝟏 is the identity.
        if (v.kind === "sym" && v.name === "𝟏" && v.shape.length === 1) return sym("I", [v.shape[0], v.shape[0]]);
        // Scalars come out: diag(2x) = 2 diag(x).
        if (v.kind === "mul" && v.factors.some((f) => isScalar(f.shape)))
          return mul(
            ...v.factors.filter((f) => isScalar(f.shape)),
            apply("diag", [mulAll(v.factors.filter((f) => !isScalar(f.shape)))]),
          );
        if (v.kind !== "tensor") return undefined;
        if (v.shape.length === 1) {
          const n = v.shape[0];
          return tensor(
            [n, n],
            Array.from({ length: n * n }, (_, k) => (k % (n + 1) === 0 ? v.entries[k / (n + 1)] : ZERO)),
          );
        }
        requireSquare("diag", v);
        return tensor(
          [v.shape[0]],
          rowsOf(v).map((row, i) => row[i]),
        );
      },
      help: {
        syntax: "diag(v), diag(A)",
        description: "The diagonal matrix with v on its diagonal, or the diagonal of A.",
        examples: ["diag([1, 2, 3])"],
      },
    },
  ];
}
