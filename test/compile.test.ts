// Expressions compiled to float programs: derive once, evaluate many times. The compiled value
// must equal the session's own exact evaluation with the same numbers put in, and the logistic
// loss's Hessian must equal Xᵀ diag(p(1 − p)) X computed entry by entry.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Session } from "../src/session.js";
import type { Node } from "../src/graph/node.js";
import { floatValue } from "../src/graph/evalf.js";
import { weightedGram } from "../src/numeric/gram.js";
import { weightedGramFast } from "../src/numeric/gram-parallel.js";
import { Random } from "../src/nn/random.js";

const LOGISTIC = "X ∈ ℝ^(m×d); w ∈ ℝ^d; y ∈ ℝ^m\nL = -sum(y ⊙ log(σ(X w)) + (1 - y) ⊙ log(1 - σ(X w)))\n";

function floatsOf(n: Node): number[] {
  const entries = n.kind === "tensor" ? n.entries : [n];
  return entries.map((e) => floatValue(e) ?? NaN);
}

/** Nabla syntax for a matrix (two rows or more: a one-row literal is a vector). */
const literal = (rows: number[][]) => `[${rows.map((r) => r.join(", ")).join("; ")}]`;
const vectorLiteral = (v: number[]) => `[${v.join(", ")}]`;

function sample(rng: Random, m: number, d: number) {
  const X = Array.from({ length: m }, () => Array.from({ length: d }, () => rng.gaussian()));
  const w = Array.from({ length: d }, () => 0.3 * rng.gaussian());
  const y = Array.from({ length: m }, () => (rng.next() < 0.5 ? 0 : 1));
  return { X, w, y };
}

/** Xᵀ diag(σ(Xw)(1 − σ(Xw))) X, entry by entry. */
function logisticHessian(X: number[][], w: number[]): number[] {
  const d = w.length;
  const p = X.map((row) => 1 / (1 + Math.exp(-row.reduce((s, x, j) => s + x * w[j], 0))));
  const H = new Array<number>(d * d).fill(0);
  X.forEach((row, r) => {
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) H[i * d + j] += row[i] * p[r] * (1 - p[r]) * row[j];
  });
  return H;
}

describe("compiled expressions", () => {
  it("run the logistic loss's Hessian as one fused Gram step over σ(Xw) computed once", () => {
    const H = new Session().compile(`${LOGISTIC}∇²_w L`);
    expect(H.inputs.map((i) => i.name).sort()).toEqual(["X", "w"]);
    expect(H.shape).toEqual(["d", "d"]);
    expect(H.program.filter((s) => s.includes("sigmoid"))).toHaveLength(1);
    expect(H.program.at(-1)).toMatch(/Aᵀ diag\(v\) A/);
  });

  it.each([
    [7, 3],
    [50, 10],
    [201, 33],
    [400, 200],
  ])("∇²_w L with m = %i, d = %i equals Xᵀ diag(p(1 − p)) X entry by entry", (m, d) => {
    const { X, w, y } = sample(new Random(m + d), m, d);
    const H = new Session().compile(`${LOGISTIC}∇²_w L`).run({ X, w, y });
    expect(H.shape).toEqual([d, d]);
    const expected = logisticHessian(X, w);
    expect(Math.max(...expected.map((h, i) => Math.abs(h - H.data[i])))).toBeLessThan(1e-9);
  });

  it("∇_w L equals Xᵀ(σ(Xw) − y)", () => {
    const { X, w, y } = sample(new Random(3), 40, 6);
    const g = new Session().compile(`${LOGISTIC}∇_w L`).run({ X, w, y });
    const residual = X.map((row, r) => 1 / (1 + Math.exp(-row.reduce((s, x, j) => s + x * w[j], 0))) - y[r]);
    const expected = w.map((_, j) => X.reduce((s, row, r) => s + row[j] * residual[r], 0));
    expected.forEach((e, j) => expect(g.data[j]).toBeCloseTo(e, 12));
  });

  it("agree with the session's exact evaluation with the numbers put in", () => {
    const expressions = [
      "xᵀ A x",
      "‖W x + b - y‖²",
      "(A + Aᵀ) x",
      "2 (W x + b - y) xᵀ",
      "softmax(W x)",
      "sum(relu(W x + b))",
      "tr(A Aᵀ) + dot(x, x)",
      "σ(W x) ⊙ (1 - σ(W x))",
      "logsumexp(W x) - 3",
    ];
    const small = fc.integer({ min: -4, max: 4 });
    const problem = fc.tuple(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 2, max: 4 })).chain(([n, m]) =>
      fc.record({
        A: fc.array(fc.array(small, { minLength: n, maxLength: n }), { minLength: n, maxLength: n }),
        W: fc.array(fc.array(small, { minLength: n, maxLength: n }), { minLength: m, maxLength: m }),
        x: fc.array(small, { minLength: n, maxLength: n }),
        b: fc.array(small, { minLength: m, maxLength: m }),
        y: fc.array(small, { minLength: m, maxLength: m }),
        expression: fc.constantFrom(...expressions),
      }),
    );
    fc.assert(
      fc.property(problem, ({ A, W, x, b, y, expression }) => {
        const compiled = new Session().compile(`x ∈ ℝ^n; A ∈ ℝ^(n×n); W ∈ ℝ^(m×n); b ∈ ℝ^m; y ∈ ℝ^m\n${expression}`);
        const got = compiled.run({ A, W, x, b, y });
        const session = new Session();
        const [exact] = session
          .run(
            `A = ${literal(A)}; W = ${literal(W)}; x = ${vectorLiteral(x)}; b = ${vectorLiteral(b)}; y = ${vectorLiteral(y)}\nN(${expression})`,
          )
          .slice(-1);
        expect(exact.status).toBe("ok");
        const want = floatsOf(exact.value!);
        expect(got.data.length).toBe(want.length);
        want.forEach((v, i) => expect(got.data[i]).toBeCloseTo(v, 9));
      }),
      { numRuns: 60 },
    );
  });

  it("say which input is missing and which dimensions disagree", () => {
    const H = new Session().compile(`${LOGISTIC}∇²_w L`);
    expect(() => H.run({ X: [[1, 2]] })).toThrow("no value given for w, which the expression needs");
    expect(() => H.run({ X: [[1, 2]], w: [1, 2, 3] })).toThrow("w makes d = 3, but an earlier input made d = 2");
    expect(() => H.run({ X: [1, 2], w: [1, 2] })).toThrow("X is declared m×d, but its value is a vector of length 2");
  });

  it("say what cannot be compiled, and report the statement's own error", () => {
    expect(() => new Session().compile("A ∈ ℝ^(n×n)\nrank(A)")).toThrow(
      "rank has no float kernel, so rank(A) cannot be compiled",
    );
    expect(() => new Session().compile("x ∈ ℝ^3\n[1, 2] + x")).toThrow(/vector of length 2/);
  });
});

describe("the Gram kernel Aᵀ diag(v) A", () => {
  it.each([
    [1, 1],
    [3, 5],
    [9, 7],
    [1000, 10],
    [257, 131],
    [600, 300],
  ])("in WebAssembly SIMD (one and two cores) equals the JavaScript kernel for %i×%i", (m, n) => {
    const rng = new Random(m * n);
    const A = Float64Array.from({ length: m * n }, () => rng.gaussian());
    const v = Float64Array.from({ length: m }, () => rng.next());
    const reference = weightedGram(A, m, n, v);
    for (const cores of [1, 2]) {
      const fast = weightedGramFast(A, m, n, v, cores);
      expect(Math.max(...Array.from(fast, (h, i) => Math.abs(h - reference[i])))).toBeLessThan(1e-10);
    }
  });
});
