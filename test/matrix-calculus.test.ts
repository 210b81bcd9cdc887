// Matrix calculus in closed form (LANGUAGE.md §4), and agreement with entry-by-entry
// differentiation on random shapes and values.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Session } from "../src/session.js";
import { int, sym, tensor } from "../src/graph/construct.js";
import type { Node } from "../src/graph/node.js";
import { substitute } from "../src/engine/substitute.js";
import { differentiate } from "../src/engine/differentiate.js";

function last(code: string) {
  const results = new Session().run(code);
  const r = results[results.length - 1];
  if (r.status !== "ok") throw new Error(`${code}: ${r.error?.message}`);
  return r;
}

const DECLS = "x ∈ ℝ^n;  A ∈ ℝ^(n×n);  W ∈ ℝ^(m×n);  b ∈ ℝ^m;  y ∈ ℝ^m\n";

describe("matrix calculus in matrix notation", () => {
  it("∇ₓ(xᵀAx) = (A + Aᵀ)x", () => expect(last(`${DECLS}∇_x (xᵀ A x)`).pretty).toBe("(A + Aᵀ)x"));
  it("∇²ₓ(xᵀAx) = A + Aᵀ", () => expect(last(`${DECLS}∇²_x (xᵀ A x)`).pretty).toBe("A + Aᵀ"));
  it("∂/∂W ‖Wx + b − y‖² = 2(Wx + b − y)xᵀ", () =>
    expect(last(`${DECLS}∂/∂W ‖W x + b - y‖²`).pretty).toBe("2(W x + b − y) xᵀ"));
  it("∂/∂b sum(relu(Wx + b)) = step(Wx + b)", () =>
    expect(last(`${DECLS}∂/∂b sum(relu(W x + b))`).pretty).toBe("step(W x + b)"));
  it("gives the logistic loss's gradient Xᵀ(σ(Xw) − y) and Hessian Xᵀ diag(σ(1 − σ)) X", () => {
    const setup = "X ∈ ℝ^(k×n); w ∈ ℝ^n; t ∈ ℝ^k\nL = -sum(t ⊙ log(σ(X w)) + (1 - t) ⊙ log(1 - σ(X w)));\n";
    expect(last(`${setup}∇_w L`).pretty).toBe("Xᵀ(σ(X w) − t)");
    expect(last(`${setup}∇²_w L`).latex).toBe(
      "X^{\\top} \\operatorname{diag}\\left(\\sigma\\left(X w\\right) \\odot \\left(1 - \\sigma\\left(X w\\right)\\right)\\right) X",
    );
  });
  it("∇_z of cross-entropy after softmax is softmax(z) 𝟏ᵀy − y, which is p − y for a one-hot y", () => {
    expect(last("z ∈ ℝ^k; y ∈ ℝ^k\n∇_z (-sum(y ⊙ log(softmax(z))))").pretty).toBe("softmax(z) sum(y) − y");
    expect(last("z ∈ ℝ^k\n∇_z logsumexp(z)").pretty).toBe("softmax(z)");
  });
  it("differentiates the losses over ℝ^n: ∇_p mse(y, p) = −2(y − p)/n, ∇_z bce(y, σ(z)) = (σ(z) − y)/n", () => {
    expect(last("y ∈ ℝ^n; p ∈ ℝ^n\nmse(y, p)").pretty).toBe("sum((y − p)²)/n");
    expect(last("y ∈ ℝ^n; p ∈ ℝ^n\n∇_p mse(y, p)").pretty).toBe("−2(y − p)/n");
    expect(last("y ∈ ℝ^n; z ∈ ℝ^n\n∇_z bce(y, σ(z))").pretty).toBe("(σ(z) − y)/n");
    expect(last("y ∈ ℝ^n; z ∈ ℝ^n\n∇_z bce(y, σ(z))").latex).toBe("\\frac{\\sigma\\left(z\\right) - y}{n}");
  });
  it("names both shapes when they do not fit", () => {
    const [r] = new Session().run("x ∈ ℝ^3; A ∈ ℝ^(2×2)\nA x").slice(-1);
    expect(r.error?.message).toBe("cannot multiply 2×2 by vector of length 3: inner dimensions 2 and 3 differ");
  });
});

describe("Jacobians, Hessians, norms and the references' forms", () => {
  const S = "x ∈ ℝ^n; a ∈ ℝ^n; A ∈ ℝ^(n×n); W ∈ ℝ^(m×n); b ∈ ℝ^m; X ∈ ℝ^(m×n); y ∈ ℝ^m; S ∈ ℝ^(n×n)\n";
  it("gives Jacobians of vector expressions in matrix form", () => {
    expect(last(`${S}jacobian(A x + a, x)`).pretty).toBe("A");
    expect(last(`${S}∂(W x + b)/∂x`).pretty).toBe("W");
    expect(last(`${S}jacobian(σ(W x), x)`).pretty).toBe("diag(σ(W x) ⊙ (1 − σ(W x)))W");
    expect(last(`${S}jacobian(softmax(x), x)`).pretty).toBe("diag(softmax(x)) − softmax(x) softmax(x)ᵀ");
    expect(last(`${S}jacobian(x/‖x‖, x)`).pretty).toBe("I/‖x‖ − x xᵀ/‖x‖³");
  });
  it("gives Hessians through softmax and logsumexp, and 2I for ‖x‖²", () => {
    expect(last(`${S}∇²_x logsumexp(x)`).pretty).toBe("diag(softmax(x)) − softmax(x) softmax(x)ᵀ");
    expect(last(`${S}∇²_x ‖x‖²`).text).toBe("2*I(n)");
    expect(last(`${S}check ∇²_x ‖x‖² ≡ 2 I(n)`).verdict).toBe("equivalent");
    expect(last(`${S}check ∇²_x ‖x‖² ≡ 2 I_n`).verdict).toBe("equivalent");
    // A bare I is the identity of the one vector length declared, as the Hessian prints it.
    expect(last("x ∈ ℝ^n\ncheck ∇²_x ‖x‖² ≡ 2 I").verdict).toBe("equivalent");
    // 𝟏 as printed reads back: the all-ones vector of the one length declared.
    expect(last("x ∈ ℝ^n\n∇_x sum(x)").pretty).toBe("𝟏");
    expect(last("x ∈ ℝ^n\n∇_x sum(x)").latex).toBe("\\mathbf{1}");
    expect(last("x ∈ ℝ^n\ncheck ∇_x sum(x) ≡ 𝟏").verdict).toBe("equivalent");
    expect(last(`${S}A + I_n`).text).toBe("A + I(n)");
    expect(last("I_2").text).toBe("[1, 0; 0, 1]");
  });
  it("differentiates traces, determinants and inverses as the Cookbook writes them", () => {
    expect(last(`${S}∂/∂S log(det(S))`).pretty).toBe("S⁻ᵀ");
    expect(last(`${S}∂/∂S det(S)`).latex).toBe("\\det\\left(S\\right) S^{-\\top}");
    expect(last(`${S}∂/∂S tr(A S⁻¹)`).pretty).toBe("−S⁻ᵀ Aᵀ S⁻ᵀ");
    expect(last(`${S}∂/∂S tr(S^3)`).pretty).toBe("3(Sᵀ)²");
    expect(last(`${S}S⁻ᵀ`).text).toBe("transpose(inverse(S))");
  });
  it("says the lasso's sign(w) is a subgradient", () => {
    const r = last(`${S}∇_x (‖W x − b‖² + λ ‖x‖₁)`);
    expect(r.pretty).toBe("2 Wᵀ(W x − b) + λ sign(x)");
    expect(r.effects).toEqual([{ kind: "stderr", text: expect.stringContaining("sign(x) is a subgradient") }]);
    expect(last(`${S}∂/∂X ‖X‖_F²`).pretty).toBe("2X");
  });
  it("takes max(x) to the one-hot of its largest entry, and diag(𝟏) to I", () => {
    expect(last(`${S}∂/∂x max(x)`).pretty).toBe("step(x − max(x))");
    expect(last("x = [1, 5, 2]\nstep(x - max(x))").text).toBe("[0, 1, 0]");
    expect(last(`${S}∂/∂S sum(diag(S))`).pretty).toBe("I");
    expect(last(`${S}∂/∂x dot(a, x)^2`).latex).toBe("2 a \\left(a \\cdot x\\right)");
  });
  it("recognises σ in 1/(1 + e⁻ᵘ)", () => {
    expect(last(`${S}∇_x sum(1/(1 + exp(-W x)))`).pretty).toBe("Wᵀ(σ(W x) ⊙ (1 − σ(W x)))");
    expect(last(`${S}∇²_x sum(log(1 + exp(-W x)))`).pretty).toBe("Wᵀ diag(σ(W x) ⊙ (1 − σ(W x)))W");
  });
});

describe("symbolic matrix gradients agree with entry-by-entry derivatives", () => {
  const entry = fc.integer({ min: -5, max: 5 });
  const arrayOf = (shape: number[]) =>
    fc.array(entry, { minLength: shape.reduce((p, d) => p * d, 1), maxLength: shape.reduce((p, d) => p * d, 1) });
  const tensorOf = (shape: number[], values: number[]) =>
    tensor(
      shape,
      values.map((v) => int(v)),
    );

  it("∇ₓ(xᵀAx) and ∂/∂W ‖Wx + b − y‖², with numbers put in, equal the gradients of the expanded sums", () => {
    const shapes = fc.tuple(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 2, max: 4 }));
    const problem = shapes.chain(([n, m]) =>
      fc.record({
        n: fc.constant(n),
        m: fc.constant(m),
        A: arrayOf([n, n]),
        W: arrayOf([m, n]),
        x: arrayOf([n]),
        b: arrayOf([m]),
        y: arrayOf([m]),
      }),
    );
    fc.assert(
      fc.property(problem, ({ n, m, A, W, x, b, y }) => {
        const s = new Session();
        const [g, G] = s
          .run(
            `x ∈ ℝ^${n}; A ∈ ℝ^(${n}×${n}); W ∈ ℝ^(${m}×${n}); b ∈ ℝ^${m}; y ∈ ℝ^${m}\n∇_x (xᵀ A x)\n∂/∂W ‖W x + b - y‖²`,
          )
          .slice(-2);
        const values = new Map<Node, Node>([
          [sym("x", [n]), tensorOf([n], x)],
          [sym("A", [n, n]), tensorOf([n, n], A)],
          [sym("W", [m, n]), tensorOf([m, n], W)],
          [sym("b", [m]), tensorOf([m], b)],
          [sym("y", [m]), tensorOf([m], y)],
        ]);
        const gAt = substitute(g.value!, values);
        const GAt = substitute(G.value!, values);
        // The same gradients from scalar unknowns: xᵀAx and ‖Wx + b − y‖² written out entry by entry.
        const xs = x.map((_, i) => sym(`x_${i + 1}`));
        const quad = new Session();
        quad.env.values.set("A", tensorOf([n, n], A));
        quad.env.values.set("v", tensor([n], xs));
        const [q] = quad.run("vᵀ A v");
        const point = new Map<Node, Node>(xs.map((v, i) => [v, int(x[i])]));
        const direct = tensor(
          [n],
          xs.map((v) => substitute(differentiate(q.value!, v), point)),
        );
        expect(gAt).toBe(direct);
        const ws = W.map((_, k) => sym(`w_${Math.floor(k / n) + 1}${(k % n) + 1}`));
        const loss = new Session();
        loss.env.values.set("W", tensor([m, n], ws));
        loss.env.values.set("x", tensorOf([n], x));
        loss.env.values.set("b", tensorOf([m], b));
        loss.env.values.set("y", tensorOf([m], y));
        const [l] = loss.run("‖W x + b - y‖²");
        const wPoint = new Map<Node, Node>(ws.map((w, k) => [w, int(W[k])]));
        const directW = tensor(
          [m, n],
          ws.map((w) => substitute(differentiate(l.value!, w), wPoint)),
        );
        expect(GAt).toBe(directW);
      }),
      { numRuns: 40, seed: 11 },
    );
  });
});
