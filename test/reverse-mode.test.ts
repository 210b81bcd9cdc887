// Reverse-mode differentiation of compiled programs: every operator with a float kernel has its
// gradient checked against central finite differences at random points, and symbolic matrix
// gradients agree with the reverse-mode ones on random shapes.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Session } from "../src/session.js";
import { operators } from "../src/graph/operators.js";
import type { CompiledExpression, InputValue } from "../src/engine/compile.js";
import type { FloatArray } from "../src/numeric/float-array.js";

const H = 1e-5;

/** Central differences of a scalar program in every entry of one input; null at a kink or outside the domain. */
function finiteDifferences(
  f: CompiledExpression,
  values: Record<string, FloatArray>,
  name: string,
): Float64Array | null {
  const x = values[name];
  const g = new Float64Array(x.data.length);
  const at = (i: number, dx: number) => {
    const data = Float64Array.from(x.data);
    data[i] += dx;
    return f.run({ ...values, [name]: { shape: x.shape, data } }).data[0];
  };
  const f0 = f.run(values).data[0];
  for (let i = 0; i < g.length; i++) {
    const up = at(i, H),
      down = at(i, -H);
    const right = (up - f0) / H,
      left = (f0 - down) / H;
    // One-sided slopes that disagree mark a kink (relu at 0, |x| at 0): no derivative to check there.
    if (![up, down, f0].every(Number.isFinite) || Math.abs(right - left) > 1e-3 * Math.max(1, Math.abs(right)))
      return null;
    g[i] = (up - down) / (2 * H);
  }
  return g;
}

function randomArray(shape: number[], rand: () => number): FloatArray {
  return { shape, data: Float64Array.from({ length: shape.reduce((p, d) => p * d, 1) }, rand) };
}

/** Checks ∇ of `expression` by reverse mode against finite differences at `runs` random points. */
function agreesWithDifferences(
  declarations: string,
  expression: string,
  shapes: Record<string, number[]>,
  range: [number, number] = [-2, 2],
) {
  const f = new Session().compile(`${declarations}\n${expression}`);
  let checked = 0;
  fc.assert(
    // Seeds of the Lehmer generator below: 1 … 2³¹ − 2 (2³¹ − 1 ≡ 0 would give one value forever).
    fc.property(fc.integer({ min: 1, max: 2 ** 31 - 2 }), (seed) => {
      let s = seed;
      const rand = () => {
        s = (s * 16807) % 2147483647;
        return range[0] + ((s - 1) / 2147483646) * (range[1] - range[0]);
      };
      const values: Record<string, FloatArray> = {};
      for (const [name, shape] of Object.entries(shapes)) values[name] = randomArray(shape, rand);
      const { gradients } = f.gradient(values as Record<string, InputValue>);
      for (const name of Object.keys(shapes)) {
        const fd = finiteDifferences(f, values, name);
        if (!fd) return;
        fd.forEach((d, i) => expect(gradients[name].data[i], `∂/∂${name}[${i}] of ${expression}`).toBeCloseTo(d, 4));
      }
      checked++;
    }),
    { numRuns: 25 },
  );
  expect(checked, `points away from kinks for ${expression}`).toBeGreaterThan(10);
}

// Arguments for every scalar function: a list of arities to try and the range of the points.
const SCALAR_DOMAINS: Record<string, [number, number]> = {
  log: [0.1, 3],
  sqrt: [0.1, 3],
  tan: [-1.2, 1.2],
  sec: [-1.2, 1.2],
  csc: [0.3, 2.8],
  cot: [0.3, 2.8],
  asin: [-0.9, 0.9],
  acos: [-0.9, 0.9],
  atanh: [-0.9, 0.9],
  acosh: [1.1, 3],
};

// One expression per array operator (and per fusion), with the shapes of its inputs; K weighs an
// array result's entries so that every entry of the adjoint matters.
const ARRAY_CASES: Record<string, { decl: string; expr: string; shapes: Record<string, number[]> }[]> = {
  transpose: [{ decl: "A ∈ ℝ^(2×3); K ∈ ℝ^(3×2)", expr: "sum(K ⊙ Aᵀ)", shapes: { A: [2, 3], K: [3, 2] } }],
  matmul: [
    {
      decl: "A ∈ ℝ^(2×3); B ∈ ℝ^(3×4); K ∈ ℝ^(2×4)",
      expr: "sum(K ⊙ (A B))",
      shapes: { A: [2, 3], B: [3, 4], K: [2, 4] },
    },
    { decl: "A ∈ ℝ^(3×3); x ∈ ℝ^3", expr: "xᵀ A x", shapes: { A: [3, 3], x: [3] } },
  ],
  tr: [{ decl: "A ∈ ℝ^(3×3)", expr: "tr(A)²", shapes: { A: [3, 3] } }],
  dot: [{ decl: "a ∈ ℝ^3; b ∈ ℝ^3", expr: "dot(a, b)²", shapes: { a: [3], b: [3] } }],
  outer: [
    { decl: "a ∈ ℝ^3; b ∈ ℝ^2; K ∈ ℝ^(3×2)", expr: "sum(K ⊙ outer(a, b))", shapes: { a: [3], b: [2], K: [3, 2] } },
  ],
  sum: [{ decl: "A ∈ ℝ^(2×3)", expr: "sum(A)²", shapes: { A: [2, 3] } }],
  diag: [
    { decl: "v ∈ ℝ^3; K ∈ ℝ^(3×3)", expr: "sum(K ⊙ diag(v))", shapes: { v: [3], K: [3, 3] } },
    { decl: "A ∈ ℝ^(3×3); k ∈ ℝ^3", expr: "dot(k, diag(A))", shapes: { A: [3, 3], k: [3] } },
  ],
  norm: [{ decl: "v ∈ ℝ^3", expr: "‖v‖ + norm(v, 1)", shapes: { v: [3] } }],
  softmax: [{ decl: "z ∈ ℝ^4; k ∈ ℝ^4", expr: "dot(k, softmax(z))", shapes: { z: [4], k: [4] } }],
  logsumexp: [{ decl: "z ∈ ℝ^4", expr: "logsumexp(z)", shapes: { z: [4] } }],
  det: [{ decl: "A ∈ ℝ^(3×3)", expr: "det(A)", shapes: { A: [3, 3] } }],
  inverse: [{ decl: "A ∈ ℝ^(2×2); K ∈ ℝ^(2×2)", expr: "sum(K ⊙ inv(A + 5 I(2)))", shapes: { A: [2, 2], K: [2, 2] } }],
};

const FUSION_CASES: { name: string; decl: string; expr: string; shapes: Record<string, number[]> }[] = [
  {
    name: "Aᵀ diag(v) A",
    decl: "A ∈ ℝ^(4×3); v ∈ ℝ^4; K ∈ ℝ^(3×3)",
    expr: "sum(K ⊙ (Aᵀ diag(v) A))",
    shapes: { A: [4, 3], v: [4], K: [3, 3] },
  },
  {
    name: "Aᵀ B",
    decl: "A ∈ ℝ^(4×3); B ∈ ℝ^(4×2); K ∈ ℝ^(3×2)",
    expr: "sum(K ⊙ (Aᵀ B))",
    shapes: { A: [4, 3], B: [4, 2], K: [3, 2] },
  },
  {
    name: "diag(v) B",
    decl: "v ∈ ℝ^3; B ∈ ℝ^(3×2); K ∈ ℝ^(3×2)",
    expr: "sum(K ⊙ (diag(v) B))",
    shapes: { v: [3], B: [3, 2], K: [3, 2] },
  },
];

describe("reverse mode agrees with finite differences", () => {
  const scalarFunctions = operators().filter((e) => e.float);
  // One argument: a vector, the function entry by entry. More (leaky_relu's slope, max, min): scalars.
  it.each(scalarFunctions.map((e) => [e.name, Math.min(e.arity[1], 2)] as const))("for %s", (name, arity) => {
    if (arity === 1) agreesWithDifferences("a ∈ ℝ^3", `sum(${name}(a))`, { a: [3] }, SCALAR_DOMAINS[name]);
    else agreesWithDifferences("a ∈ ℝ; b ∈ ℝ", `${name}(a, b)`, { a: [], b: [] });
  });

  it("covers every array operator", () => {
    expect(
      operators()
        .filter((e) => e.array)
        .map((e) => e.name)
        .sort(),
    ).toEqual(Object.keys(ARRAY_CASES).sort());
    expect(operators().filter((e) => e.array && !e.vjp)).toEqual([]);
  });

  for (const [name, cases] of Object.entries(ARRAY_CASES)) {
    it.each(cases.map((c) => [c.expr, c] as const))(`for ${name}: %s`, (_, c) =>
      agreesWithDifferences(c.decl, c.expr, c.shapes),
    );
  }

  it.each(FUSION_CASES.map((c) => [c.name, c] as const))("for the fused %s", (name, c) => {
    expect(new Session().compile(`${c.decl}\n${c.expr}`).program.some((s) => s.includes(name))).toBe(true);
    agreesWithDifferences(c.decl, c.expr, c.shapes);
  });

  it("for det at singular matrices, where its gradient is the cofactor matrix", () => {
    const f = new Session().compile("A ∈ ℝ^(3×3)\ndet(A)");
    for (const A of [
      [
        [1, 2, 3],
        [2, 4, 6],
        [0, 1, 5],
      ],
      [
        [1, 1, 1],
        [1, 1, 1],
        [1, 1, 1],
      ],
      [
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
      ],
    ]) {
      const at = { shape: [3, 3], data: Float64Array.from(A.flat()) };
      const fd = finiteDifferences(f, { A: at }, "A");
      expect(fd).not.toBeNull();
      const { gradients } = f.gradient({ A: at });
      fd!.forEach((d, i) => expect(gradients.A.data[i]).toBeCloseTo(d, 4));
    }
  });

  it("for sums, products, powers and a shared subexpression", () => {
    agreesWithDifferences("x ∈ ℝ^3; y ∈ ℝ^3", "sum(x ⊙ y + 3 x² - y / 2) * sum(σ(x ⊙ y))", { x: [3], y: [3] });
    agreesWithDifferences("x ∈ ℝ^3", "sum(x^3) + sum(exp(x))^2 + ‖x‖^3", { x: [3] });
  });
});

describe("symbolic matrix gradients agree with reverse mode", () => {
  const cases = [
    { decl: "x ∈ ℝ^n; A ∈ ℝ^(n×n)", f: "xᵀ A x", wrt: "x" },
    { decl: "W ∈ ℝ^(m×n); x ∈ ℝ^n; b ∈ ℝ^m; y ∈ ℝ^m", f: "‖W x + b - y‖²", wrt: "W" },
    { decl: "W ∈ ℝ^(m×n); x ∈ ℝ^n; b ∈ ℝ^m; y ∈ ℝ^m", f: "‖W x + b - y‖²", wrt: "b" },
    { decl: "X ∈ ℝ^(m×n); w ∈ ℝ^n; y ∈ ℝ^m", f: "-sum(y ⊙ log(σ(X w)) + (1 - y) ⊙ log(1 - σ(X w)))", wrt: "w" },
    { decl: "W ∈ ℝ^(m×n); x ∈ ℝ^n; b ∈ ℝ^m", f: "sum(tanh(W x + b))", wrt: "W" },
    { decl: "W ∈ ℝ^(m×n); x ∈ ℝ^n; y ∈ ℝ^m", f: "-sum(y ⊙ log(softmax(W x)))", wrt: "W" },
    { decl: "W ∈ ℝ^(m×n); x ∈ ℝ^n", f: "logsumexp(W x)", wrt: "x" },
    { decl: "p ∈ ℝ^m; y ∈ ℝ^m", f: "mse(y, p)", wrt: "p" },
    { decl: "z ∈ ℝ^m; y ∈ ℝ^m", f: "bce(y, σ(z))", wrt: "z" },
    { decl: "p ∈ ℝ^m; y ∈ ℝ^m", f: "huber(y, p)", wrt: "p" },
  ];
  it.each(cases.map((c) => [c.f, c.wrt, c] as const))("∇ of %s by %s, on random shapes", (_, wrt, c) => {
    const session = new Session();
    const f = session.compile(`${c.decl}\nf = ${c.f}`);
    const symbolic = session.compile(`∂/∂${wrt} f`);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 1000 }),
        (m, n, seed) => {
          let s = seed;
          const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1;
          const dims: Record<string, number> = { m, n };
          const values: Record<string, FloatArray> = {};
          for (const { name, shape } of f.inputs)
            values[name] = randomArray(
              shape.map((d) => (typeof d === "number" ? d : dims[d])),
              rand,
            );
          if (values.y && c.f.includes("log"))
            values.y = { shape: values.y.shape, data: values.y.data.map((v) => (v > 0 ? 1 : 0)) };
          const reverse = f.gradient(values, [wrt]).gradients[wrt];
          const closed = symbolic.run(values);
          expect(closed.data.length).toBe(reverse.data.length);
          closed.data.forEach((v, i) => expect(v).toBeCloseTo(reverse.data[i], 10));
          const fd = finiteDifferences(f, values, wrt);
          fd?.forEach((v, i) => expect(v).toBeCloseTo(reverse.data[i], 4));
        },
      ),
      { numRuns: 30 },
    );
  });
});
