// Matrix-calculus identities from the public references — The Matrix Cookbook (Petersen & Pedersen,
// §2: derivatives of traces, determinants, inverses and quadratic forms; the equation numbers are
// the 2012 edition's), matrixcalculus.org's examples, and the notes' losses — each derived by Nabla
// at symbolic sizes, then checked at random sizes and values against:
//   - the reference's closed form, evaluated;
//   - central finite differences of the expression itself;
//   - reverse mode (Nabla's compiled float programs, an independent code path), where the
//     expression compiles;
//   - PyTorch's autograd (Debian's python3-torch), where the case gives a torch expression;
// and the printed result (text, and pretty where it spells back) is read back and re-evaluated.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";
import { float, int, tensor } from "../src/graph/construct.js";
import type { Node } from "../src/graph/node.js";
import type { Shape } from "../src/graph/shape.js";
import { floatValue } from "../src/graph/evalf.js";
import { toText } from "../src/graph/print/forms.js";
import type { FloatArray } from "../src/numeric/float-array.js";

/** Every case's symbols: vectors of length n or m, matrices n×n, m×n, m×m, and a scalar λ. */
const DECLARATIONS =
  "x ∈ ℝ^n; a ∈ ℝ^n; c ∈ ℝ^n; b ∈ ℝ^m; y ∈ ℝ^m; t ∈ ℝ^m; " +
  "X ∈ ℝ^(n×n); A ∈ ℝ^(n×n); B ∈ ℝ^(n×n); D ∈ ℝ^(m×n); M ∈ ℝ^(m×n); S ∈ ℝ^(m×m); λ ∈ ℝ";
const SHAPES: Record<string, Shape> = {
  x: ["n"],
  a: ["n"],
  c: ["n"],
  b: ["m"],
  y: ["m"],
  t: ["m"],
  X: ["n", "n"],
  A: ["n", "n"],
  B: ["n", "n"],
  D: ["m", "n"],
  M: ["m", "n"],
  S: ["m", "m"],
  λ: [],
};

type Kind = "grad" | "jacobian" | "hessian";
interface Identity {
  /** Where it comes from. */
  source: string;
  /** The expression, in Nabla. */
  f: string;
  /** The variable. */
  wrt: string;
  /** The reference's closed form, in Nabla. */
  expected: string;
  kind?: Kind;
  /** The same expression for PyTorch (names as in Nabla, λ as lam). */
  torch?: string;
  /** How Nabla is asked, when not ∂/∂wrt f (the parse forms). */
  ask?: string;
}

const C = "Matrix Cookbook";
const G = "matrixcalculus.org";
const N = "the notes";
const IDENTITIES: Identity[] = [
  // Vectors: linear and quadratic forms, norms.
  { source: `${C} (69)`, f: "aᵀ x", wrt: "x", expected: "a", torch: "a @ x" },
  { source: `${C} (69)`, f: "xᵀ a", wrt: "x", expected: "a", torch: "x @ a" },
  { source: `${C} (81)`, f: "xᵀ x", wrt: "x", expected: "2x", torch: "x @ x" },
  { source: `${C} (81)`, f: "xᵀ A x", wrt: "x", expected: "(A + Aᵀ) x", torch: "x @ A @ x" },
  { source: `${C} (70)`, f: "bᵀ D x", wrt: "x", expected: "Dᵀ b", torch: "b @ D @ x" },
  {
    source: `${C} (84)`,
    f: "(D x + b)ᵀ S (D x + b)",
    wrt: "x",
    expected: "Dᵀ (S + Sᵀ)(D x + b)",
    torch: "(D @ x + b) @ S @ (D @ x + b)",
  },
  { source: `${C} (129)`, f: "‖x − a‖", wrt: "x", expected: "(x - a)/‖x - a‖", torch: "torch.linalg.norm(x - a)" },
  { source: `${C} (129)`, f: "‖x‖", wrt: "x", expected: "x/‖x‖", torch: "torch.linalg.norm(x)" },
  { source: G, f: "1/‖x‖", wrt: "x", expected: "-x/‖x‖^3", torch: "1/torch.linalg.norm(x)" },
  { source: `${C} (130)`, f: "‖x − a‖²", wrt: "x", expected: "2(x - a)", torch: "torch.sum((x - a)**2)" },
  {
    source: `${N}: least squares`,
    f: "‖D x − y‖²",
    wrt: "x",
    expected: "2 Dᵀ (D x - y)",
    torch: "torch.sum((D @ x - y)**2)",
  },
  {
    source: `${N}: ridge`,
    f: "‖D x − y‖² + λ ‖x‖²",
    wrt: "x",
    expected: "2 Dᵀ (D x - y) + 2 λ x",
    torch: "torch.sum((D @ x - y)**2) + lam * torch.sum(x**2)",
  },
  {
    source: `${N}: lasso (subgradient)`,
    f: "‖D x − y‖² + λ ‖x‖₁",
    wrt: "x",
    expected: "2 Dᵀ (D x - y) + λ sign(x)",
    torch: "torch.sum((D @ x - y)**2) + lam * torch.sum(torch.abs(x))",
  },
  { source: `${G} (subgradient)`, f: "‖x‖₁", wrt: "x", expected: "sign(x)", torch: "torch.sum(torch.abs(x))" },
  {
    source: `${G} (where the largest |xᵢ| is unique)`,
    f: "‖x‖_∞",
    wrt: "x",
    expected: 'sign(x) ⊙ step(abs(x) - norm(x, "∞"))',
    torch: "torch.max(torch.abs(x))",
  },
  {
    source: `${C} (86)`,
    f: "xᵀ A⁻¹ x",
    wrt: "x",
    expected: "(inv(A) + inv(A)ᵀ) x",
    torch: "x @ torch.linalg.inv(A) @ x",
  },
  { source: G, f: "(aᵀ x)(xᵀ c)", wrt: "x", expected: "(a cᵀ + c aᵀ) x", torch: "(a @ x) * (x @ c)" },
  { source: G, f: "(xᵀ x)(aᵀ x)", wrt: "x", expected: "2 x (aᵀ x) + a (xᵀ x)", torch: "(x @ x) * (a @ x)" },
  { source: G, f: "(a ⊙ x)ᵀ (a ⊙ x)", wrt: "x", expected: "2 a ⊙ a ⊙ x", torch: "(a * x) @ (a * x)" },
  {
    source: `${N}: a Gaussian's density`,
    f: "exp(-‖x‖²/2)",
    wrt: "x",
    expected: "-exp(-‖x‖²/2) x",
    torch: "torch.exp(-torch.sum(x**2)/2)",
  },
  { source: G, f: "2^(aᵀ x)", wrt: "x", expected: "log(2) 2^(aᵀ x) a", torch: "2**(a @ x)" },
  { source: G, f: "sum(a ⊙ x)", wrt: "x", expected: "a", torch: "torch.sum(a * x)" },
  { source: G, f: "sum(exp(x))", wrt: "x", expected: "exp(x)", torch: "torch.sum(torch.exp(x))" },
  { source: G, f: "aᵀ tanh(x)", wrt: "x", expected: "a ⊙ (1 - tanh(x)^2)", torch: "a @ torch.tanh(x)" },
  { source: G, f: "sum(σ(x))", wrt: "x", expected: "σ(x) ⊙ (1 - σ(x))", torch: "torch.sum(torch.sigmoid(x))" },
  { source: G, f: "sum(log(1 + exp(x)))", wrt: "x", expected: "σ(x)", torch: "torch.sum(torch.log(1 + torch.exp(x)))" },
  {
    source: G,
    f: "sum(1/(1 + exp(-x)))",
    wrt: "x",
    expected: "σ(x) ⊙ (1 - σ(x))",
    torch: "torch.sum(1/(1 + torch.exp(-x)))",
  },
  { source: `${N}: softmax`, f: "logsumexp(x)", wrt: "x", expected: "softmax(x)", torch: "torch.logsumexp(x, 0)" },
  {
    source: `${N}: softmax regression`,
    f: "logsumexp(D x)",
    wrt: "x",
    expected: "Dᵀ softmax(D x)",
    torch: "torch.logsumexp(D @ x, 0)",
  },
  {
    source: `${N}: cross-entropy after softmax`,
    f: "-sum(b ⊙ log(softmax(D x)))",
    wrt: "x",
    expected: "Dᵀ (softmax(D x) sum(b) - b)",
    torch: "-torch.sum(b * torch.log_softmax(D @ x, 0))",
  },
  {
    source: `${N}: logistic regression`,
    f: "-sum(y ⊙ log(σ(D x)) + (1 - y) ⊙ log(1 - σ(D x)))",
    wrt: "x",
    expected: "Dᵀ (σ(D x) - y)",
    torch: "-torch.sum(y * torch.log(torch.sigmoid(D @ x)) + (1 - y) * torch.log(1 - torch.sigmoid(D @ x)))",
  },
  {
    source: `${N}: logistic loss, labels ±1`,
    f: "sum(log(1 + exp(-t ⊙ (D x))))",
    wrt: "x",
    expected: "-Dᵀ (t ⊙ σ(-t ⊙ (D x)))",
    torch: "torch.sum(torch.log(1 + torch.exp(-t * (D @ x))))",
  },
  {
    source: `${N}: mean squared error`,
    f: "mse(y, D x)",
    wrt: "x",
    expected: "2 Dᵀ (D x - y)/m",
    torch: "torch.mean((y - D @ x)**2)",
  },
  // Matrices: traces (Cookbook §2.4).
  { source: `${C} (99)`, f: "tr(X)", wrt: "X", expected: "I(n)", torch: "torch.trace(X)" },
  { source: `${C} (100)`, f: "tr(X A)", wrt: "X", expected: "Aᵀ", torch: "torch.trace(X @ A)" },
  { source: `${C} (101)`, f: "tr(A X B)", wrt: "X", expected: "Aᵀ Bᵀ", torch: "torch.trace(A @ X @ B)" },
  { source: `${C} (102)`, f: "tr(A Xᵀ B)", wrt: "X", expected: "B A", torch: "torch.trace(A @ X.T @ B)" },
  { source: `${C} (103)`, f: "tr(Xᵀ A)", wrt: "X", expected: "A", torch: "torch.trace(X.T @ A)" },
  { source: `${C} (106)`, f: "tr(X X)", wrt: "X", expected: "2 Xᵀ", torch: "torch.trace(X @ X)" },
  { source: `${C} (106)`, f: "tr(X^2)", wrt: "X", expected: "2 Xᵀ", torch: "torch.trace(X @ X)" },
  { source: `${C} (107)`, f: "tr(X^2 B)", wrt: "X", expected: "(X B + B X)ᵀ", torch: "torch.trace(X @ X @ B)" },
  { source: `${C} (108)`, f: "tr(Xᵀ B X)", wrt: "X", expected: "(B + Bᵀ) X", torch: "torch.trace(X.T @ B @ X)" },
  { source: `${C} (109)`, f: "tr(X B Xᵀ)", wrt: "X", expected: "X (B + Bᵀ)", torch: "torch.trace(X @ B @ X.T)" },
  { source: `${C} (113)`, f: "tr(Xᵀ X)", wrt: "X", expected: "2X", torch: "torch.trace(X.T @ X)" },
  {
    source: `${C} (117)`,
    f: "tr(Xᵀ B X A)",
    wrt: "X",
    expected: "B X A + Bᵀ X Aᵀ",
    torch: "torch.trace(X.T @ B @ X @ A)",
  },
  { source: `${C} (121)`, f: "tr(X^3)", wrt: "X", expected: "3 (Xᵀ)^2", torch: "torch.trace(X @ X @ X)" },
  {
    source: `${C} (124)`,
    f: "tr(A X⁻¹ B)",
    wrt: "X",
    expected: "-(inv(X) B A inv(X))ᵀ",
    torch: "torch.trace(A @ torch.linalg.inv(X) @ B)",
  },
  {
    source: `${C} (124)`,
    f: "tr(X⁻¹)",
    wrt: "X",
    expected: "-(inv(X) inv(X))ᵀ",
    torch: "torch.trace(torch.linalg.inv(X))",
  },
  // Determinants (§2.1.1).
  { source: `${C} (49)`, f: "det(X)", wrt: "X", expected: "det(X) inv(X)ᵀ", torch: "torch.det(X)" },
  { source: `${C} (51)`, f: "det(A X B)", wrt: "X", expected: "det(A X B) inv(X)ᵀ", torch: "torch.det(A @ X @ B)" },
  { source: `${C} (57)`, f: "log(det(X))", wrt: "X", expected: "inv(X)ᵀ", torch: "torch.logdet(X)" },
  { source: `${C} (55)`, f: "log(det(X Xᵀ))", wrt: "X", expected: "2 inv(X Xᵀ) X", torch: "torch.logdet(X @ X.T)" },
  {
    source: `${C} (56)`,
    f: "det(X⁻¹)",
    wrt: "X",
    expected: "-det(inv(X)) inv(X)ᵀ",
    torch: "torch.det(torch.linalg.inv(X))",
  },
  { source: G, f: "log(abs(det(X)))", wrt: "X", expected: "inv(X)ᵀ", torch: "torch.slogdet(X)[1]" },
  { source: G, f: "tr(X⁻¹ A X)", wrt: "X", expected: "zeros(n, n)", torch: "torch.trace(torch.linalg.inv(X) @ A @ X)" },
  { source: `${C} (50)`, f: "det(Xᵀ)", wrt: "X", expected: "det(X) inv(X)ᵀ", torch: "torch.det(X.T)" },
  // Bilinear forms and inverses (§2.2, §2.3).
  { source: `${C} (70)`, f: "aᵀ X c", wrt: "X", expected: "a cᵀ", torch: "a @ X @ c" },
  { source: `${C} (71)`, f: "aᵀ Xᵀ c", wrt: "X", expected: "c aᵀ", torch: "a @ X.T @ c" },
  { source: `${C} (72)`, f: "aᵀ X a", wrt: "X", expected: "a aᵀ", torch: "a @ X @ a" },
  {
    source: `${C} (61)`,
    f: "aᵀ X⁻¹ c",
    wrt: "X",
    expected: "-inv(X)ᵀ a cᵀ inv(X)ᵀ",
    torch: "a @ torch.linalg.inv(X) @ c",
  },
  { source: `${C} (73)`, f: "bᵀ M a", wrt: "M", expected: "b aᵀ", torch: "b @ M @ a" },
  // Norms and entrywise functions of matrices.
  { source: `${C} (111)`, f: "‖M‖_F²", wrt: "M", expected: "2M", torch: "torch.sum(M**2)" },
  { source: G, f: "‖M‖_F", wrt: "M", expected: "M/‖M‖_F", torch: "torch.linalg.norm(M)" },
  { source: `${C} (114)`, f: "tr(Mᵀ M)", wrt: "M", expected: "2M", torch: "torch.trace(M.T @ M)" },
  {
    source: `${N}: a linear layer's loss`,
    f: "‖M a − y‖²",
    wrt: "M",
    expected: "2(M a - y) aᵀ",
    torch: "torch.sum((M @ a - y)**2)",
  },
  { source: G, f: "sum(exp(M))", wrt: "M", expected: "exp(M)", torch: "torch.sum(torch.exp(M))" },
  {
    source: `${N}: a sigmoid layer`,
    f: "sum(σ(M a))",
    wrt: "M",
    expected: "(σ(M a) ⊙ (1 - σ(M a))) aᵀ",
    torch: "torch.sum(torch.sigmoid(M @ a))",
  },
  {
    source: `${N}: softmax regression`,
    f: "logsumexp(M a)",
    wrt: "M",
    expected: "softmax(M a) aᵀ",
    torch: "torch.logsumexp(M @ a, 0)",
  },
  {
    source: `${N}: cross-entropy of a softmax layer`,
    f: "-sum(b ⊙ log(softmax(M a + y)))",
    wrt: "M",
    expected: "(softmax(M a + y) sum(b) - b) aᵀ",
    torch: "-torch.sum(b * torch.log_softmax(M @ a + y, 0))",
  },
  // Jacobians of vector functions.
  { source: G, kind: "jacobian", f: "A x + a", wrt: "x", expected: "A", torch: "A @ x + a" },
  { source: G, kind: "jacobian", f: "D x + b", wrt: "x", expected: "D", torch: "D @ x + b", ask: "∂(D x + b)/∂x" },
  {
    source: `${N}: a sigmoid layer`,
    kind: "jacobian",
    f: "σ(D x)",
    wrt: "x",
    expected: "diag(σ(D x) ⊙ (1 - σ(D x))) D",
    torch: "torch.sigmoid(D @ x)",
  },
  {
    source: `${N}: softmax`,
    kind: "jacobian",
    f: "softmax(x)",
    wrt: "x",
    expected: "diag(softmax(x)) - softmax(x) softmax(x)ᵀ",
    torch: "torch.softmax(x, 0)",
  },
  {
    source: G,
    kind: "jacobian",
    f: "x/‖x‖",
    wrt: "x",
    expected: "I(n)/‖x‖ - x xᵀ/‖x‖^3",
    torch: "x / torch.linalg.norm(x)",
  },
  {
    source: G,
    kind: "jacobian",
    f: "tanh(A x)",
    wrt: "x",
    expected: "diag(1 - tanh(A x)^2) A",
    torch: "torch.tanh(A @ x)",
  },
  { source: G, kind: "jacobian", f: "a ⊙ x", wrt: "x", expected: "diag(a)", torch: "a * x" },
  { source: G, kind: "jacobian", f: "exp(x)", wrt: "x", expected: "diag(exp(x))", torch: "torch.exp(x)" },
  { source: G, kind: "jacobian", f: "x ⊙ (A x)", wrt: "x", expected: "diag(x) A + diag(A x)", torch: "x * (A @ x)" },
  { source: G, kind: "jacobian", f: "(aᵀ x) x", wrt: "x", expected: "(aᵀ x) I(n) + x aᵀ", torch: "(a @ x) * x" },
  // Hessians.
  { source: `${C} (81)`, kind: "hessian", f: "xᵀ A x", wrt: "x", expected: "A + Aᵀ", torch: "x @ A @ x" },
  { source: G, kind: "hessian", f: "‖x‖²", wrt: "x", expected: "2 I(n)", torch: "x @ x" },
  {
    source: `${N}: softmax`,
    kind: "hessian",
    f: "logsumexp(x)",
    wrt: "x",
    expected: "diag(softmax(x)) - softmax(x) softmax(x)ᵀ",
    torch: "torch.logsumexp(x, 0)",
  },
  {
    source: `${N}: softmax regression`,
    kind: "hessian",
    f: "logsumexp(D x)",
    wrt: "x",
    expected: "Dᵀ (diag(softmax(D x)) - softmax(D x) softmax(D x)ᵀ) D",
    torch: "torch.logsumexp(D @ x, 0)",
  },
  {
    source: `${N}: least squares`,
    kind: "hessian",
    f: "‖D x − y‖²",
    wrt: "x",
    expected: "2 Dᵀ D",
    torch: "torch.sum((D @ x - y)**2)",
  },
  {
    source: `${N}: logistic regression`,
    kind: "hessian",
    f: "-sum(y ⊙ log(σ(D x)) + (1 - y) ⊙ log(1 - σ(D x)))",
    wrt: "x",
    expected: "Dᵀ diag(σ(D x) ⊙ (1 - σ(D x))) D",
    torch: "-torch.sum(y * torch.log(torch.sigmoid(D @ x)) + (1 - y) * torch.log(1 - torch.sigmoid(D @ x)))",
  },
  {
    source: G,
    kind: "hessian",
    f: "sum(exp(x))",
    wrt: "x",
    expected: "diag(exp(x))",
    torch: "torch.sum(torch.exp(x))",
  },
  {
    source: `${N}: a Gaussian's density`,
    kind: "hessian",
    f: "exp(-‖x‖²/2)",
    wrt: "x",
    expected: "exp(-‖x‖²/2) (x xᵀ - I(n))",
    torch: "torch.exp(-torch.sum(x**2)/2)",
  },
];

/** A seeded generator (Lehmer), uniform in [lo, hi). */
function generator(seed: number) {
  let s = seed;
  return (lo: number, hi: number) => {
    s = (s * 16807) % 2147483647;
    return lo + ((s - 1) / 2147483646) * (hi - lo);
  };
}

interface Point {
  dims: Record<string, number>;
  values: Record<string, FloatArray>;
}

/**
 * Random sizes (2 to 4) and values. Square matrices are made diagonally dominant with a positive
 * diagonal, so they are invertible with a positive determinant (log det is defined).
 */
function randomPoint(seed: number): Point {
  const rand = generator(seed);
  const dims = { n: 2 + Math.floor(rand(0, 3)), m: 2 + Math.floor(rand(0, 3)) };
  const values: Record<string, FloatArray> = {};
  for (const [name, shape] of Object.entries(SHAPES)) {
    const concrete = shape.map((d) => dims[d as "n" | "m"]);
    const size = concrete.reduce((p, d) => p * d, 1);
    const data = Float64Array.from({ length: size }, () => rand(-1, 1));
    if (concrete.length === 2 && concrete[0] === concrete[1])
      for (let i = 0; i < concrete[0]; i++) data[i * concrete[0] + i] = concrete[0] + 1 + rand(0, 1);
    if (name === "y") data.forEach((v, i) => (data[i] = (v + 1) / 2));
    if (name === "t") data.forEach((v, i) => (data[i] = v < 0 ? -1 : 1));
    values[name] = { shape: concrete, data };
  }
  return { dims, values };
}

/** Evaluates Nabla text at a point in floating point: every symbol a float array, every size a number. */
function evaluator(point: Point) {
  const session = new Session();
  const set = (name: string, v: FloatArray) =>
    session.env.values.set(name, v.shape.length === 0 ? float(v.data[0]) : tensor(v.shape, [...v.data].map(float)));
  for (const [d, v] of Object.entries(point.dims)) session.env.values.set(d, int(v));
  for (const [name, v] of Object.entries(point.values)) set(name, v);
  return {
    set,
    at(code: string): FloatArray {
      const results = session.run(code);
      const r = results[results.length - 1];
      if (r.status !== "ok" || !r.value) throw new Error(`${code}: ${r.error?.message}`);
      return toArray(r.value, code);
    },
  };
}

function toArray(n: Node, what: string): FloatArray {
  const entries = n.kind === "tensor" ? n.entries : [n];
  const data = Float64Array.from(entries, (e) => {
    const v = floatValue(e);
    if (v === null) throw new Error(`${what}: ${toText(e)} has no number`);
    return v;
  });
  return { shape: n.kind === "tensor" ? [...n.shape] : [], data };
}

/** The derivative as a flat array in the result's layout (row-major; a Jacobian m×n). */
function finiteDifferences(point: Point, identity: Identity, h = 1e-6): Float64Array {
  const ev = evaluator(point);
  const base = point.values[identity.wrt];
  // A Hessian is the Jacobian of the gradient: differences of reverse mode's gradient.
  const f =
    identity.kind === "hessian"
      ? (v: FloatArray) => reverseGradient(identity.f, { ...point.values, [identity.wrt]: v }, identity.wrt)!
      : (v: FloatArray) => {
          ev.set(identity.wrt, v);
          return ev.at(identity.f).data;
        };
  const columns: Float64Array[] = [];
  for (let j = 0; j < base.data.length; j++) {
    const shifted = (dx: number) => {
      const data = Float64Array.from(base.data);
      data[j] += dx;
      return f({ shape: base.shape, data });
    };
    const [up, down] = [shifted(h), shifted(-h)];
    columns.push(Float64Array.from(up, (u, i) => (u - down[i]) / (2 * h)));
  }
  // A scalar's gradient has the variable's layout; a Jacobian's rows are the outputs.
  const outputs = columns[0].length;
  const flat = new Float64Array(outputs * columns.length);
  for (let i = 0; i < outputs; i++)
    for (let j = 0; j < columns.length; j++) flat[i * columns.length + j] = columns[j][i];
  return flat;
}

/** Reverse mode over Nabla's compiled float program; null when the expression does not compile. */
function reverseGradient(f: string, values: Record<string, FloatArray>, wrt: string): Float64Array | null {
  let program;
  try {
    program = new Session().compile(`${DECLARATIONS}\n${f}`);
  } catch {
    return null;
  }
  const inputs = Object.fromEntries(program.inputs.map((i) => [i.name, values[i.name]]));
  return program.gradient(inputs, [wrt]).gradients[wrt].data;
}

/** A Jacobian by reverse mode, one row per output: the gradient of kᵀf for each unit vector k. */
function reverseJacobian(identity: Identity, point: Point, dim: string | number, outputs: number): Float64Array | null {
  const rows: Float64Array[] = [];
  for (let i = 0; i < outputs; i++) {
    const κ = Float64Array.from({ length: outputs }, (_, j) => (i === j ? 1 : 0));
    const values = { ...point.values, κ: { shape: [outputs], data: κ } };
    const body = identity.kind === "hessian" ? `dot(κ, ∇_${identity.wrt} (${identity.f}))` : `dot(κ, ${identity.f})`;
    let program;
    try {
      program = new Session().compile(`${DECLARATIONS}; κ ∈ ℝ^${dim}\n${body}`);
    } catch {
      return null;
    }
    const inputs = Object.fromEntries(program.inputs.map((p) => [p.name, values[p.name as keyof typeof values]]));
    rows.push(program.gradient(inputs, [identity.wrt]).gradients[identity.wrt].data);
  }
  return Float64Array.from(rows.flatMap((r) => [...r]));
}

function close(actual: ArrayLike<number>, reference: ArrayLike<number>, what: string, tolerance = 1e-5): void {
  // A derivative that is 0 everywhere is written 0, whatever its shape (tr(X⁻¹ A X) does not vary).
  if (actual.length === 1 && actual[0] === 0 && reference.length > 1) actual = new Float64Array(reference.length);
  expect(actual.length, `${what}: sizes`).toBe(reference.length);
  for (let i = 0; i < actual.length; i++) {
    const scale = Math.max(1, Math.abs(reference[i]));
    expect(Math.abs(actual[i] - reference[i]), `${what}[${i}]: ${actual[i]} against ${reference[i]}`).toBeLessThan(
      tolerance * scale,
    );
  }
}

function question(identity: Identity): string {
  if (identity.ask) return identity.ask;
  if (identity.kind === "jacobian") return `jacobian(${identity.f}, ${identity.wrt})`;
  if (identity.kind === "hessian") return `∇²_${identity.wrt} (${identity.f})`;
  return `∂/∂${identity.wrt} (${identity.f})`;
}

/** The derivative Nabla gives at symbolic sizes, and the session that gave it. */
function derive(identity: Identity): { value: Node; pretty: string; session: Session } {
  const session = new Session();
  session.run(DECLARATIONS);
  const [r] = session.run(question(identity));
  if (r.status !== "ok" || !r.value) throw new Error(`${question(identity)}: ${r.error?.message}`);
  return { value: r.value, pretty: r.pretty, session };
}

const SEEDS = [17, 4242, 90001];

describe("matrix-calculus identities of the references", () => {
  it("number at least 60", () => expect(IDENTITIES.length).toBeGreaterThanOrEqual(60));

  it.each(IDENTITIES.map((c) => [`${question(c)} = ${c.expected}  (${c.source})`, c] as const))("%s", (_, identity) => {
    const { value, pretty } = derive(identity);
    const text = toText(value);
    // The printed forms read back, at symbolic sizes, to values equal at every point below (I and 𝟏
    // print bare where their use or the declarations size them, else as I_n, 𝟏_m).
    const printed = [text, pretty];
    for (const seed of SEEDS) {
      const point = randomPoint(seed);
      const ev = evaluator(point);
      const nabla = ev.at(text).data;
      close(nabla, ev.at(identity.expected).data, `${text} against the reference ${identity.expected}`);
      close(nabla, finiteDifferences(point, identity), `${text} against finite differences`, 1e-4);
      const reverse =
        identity.kind === undefined
          ? reverseGradient(identity.f, point.values, identity.wrt)
          : reverseJacobian(
              identity,
              point,
              value.shape[0],
              Math.round(nabla.length / point.values[identity.wrt].data.length),
            );
      if (reverse) close(nabla, reverse, `${text} against reverse mode`);
      for (const form of printed) {
        const again = new Session();
        again.run(DECLARATIONS);
        const [r] = again.run(form);
        expect(r.status, `${form} reads back: ${r.error?.message}`).toBe("ok");
        close(ev.at(toText(r.value!)).data, nabla, `${form} read back`);
      }
    }
  });

  it("reverse mode covers most of them", () => {
    const point = randomPoint(5);
    const compiled = IDENTITIES.filter((c) => c.kind === undefined && reverseGradient(c.f, point.values, c.wrt));
    expect(compiled.length).toBeGreaterThanOrEqual(50);
  });
});

// PyTorch's autograd on the same points: one Python process for every case.
const PYTHON = "/usr/bin/python3";
const TORCH_SCRIPT = String.raw`
import json, sys, torch
torch.set_default_dtype(torch.float64)
out = []
for case in json.load(sys.stdin):
    env = {k.replace("λ", "lam"): torch.tensor(v["data"]).reshape(v["shape"]) for k, v in case["values"].items()}
    env["torch"] = torch
    wrt = case["wrt"]
    def f(v):
        return eval(case["torch"], {**env, wrt: v})
    x = env[wrt].clone()
    if case["kind"] == "jacobian":
        d = torch.autograd.functional.jacobian(f, x)
    elif case["kind"] == "hessian":
        d = torch.autograd.functional.hessian(f, x)
    else:
        x.requires_grad_(True)
        d = torch.autograd.grad(f(x), x)[0]
    out.append(d.reshape(-1).tolist())
print(json.dumps(out))
`;

function torchAvailable(): boolean {
  if (!existsSync(PYTHON)) return false;
  try {
    execFileSync(PYTHON, ["-c", "import torch"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!torchAvailable())("against PyTorch's autograd", () => {
  it("agrees on every case with a torch expression, at two random points", () => {
    const cases = IDENTITIES.filter((c) => c.torch);
    expect(cases.length).toBeGreaterThanOrEqual(60);
    for (const seed of [7, 31337]) {
      const point = randomPoint(seed);
      const payload = cases.map((c) => ({
        torch: c.torch,
        wrt: c.wrt,
        kind: c.kind ?? "grad",
        values: Object.fromEntries(
          Object.entries(point.values).map(([k, v]) => [k, { shape: v.shape, data: [...v.data] }]),
        ),
      }));
      const output = execFileSync(PYTHON, ["-c", TORCH_SCRIPT], { input: JSON.stringify(payload), encoding: "utf8" });
      const torch = JSON.parse(output) as number[][];
      cases.forEach((c, i) => {
        const ev = evaluator(point);
        close(ev.at(toText(derive(c).value)).data, torch[i], `${question(c)} against torch`);
      });
    }
  }, 120_000);
});
