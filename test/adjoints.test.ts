// Matrix calculus reads each array operator's symbolic adjoint from its row (graph/ops): every
// operator with an array kernel has one, and the rules give the textbook gradients.
import { describe, expect, it } from "vitest";
import { operators } from "../src/graph/operators.js";
import { Session } from "../src/session.js";

function gradients(declarations: string, ...statements: string[]): string[] {
  const s = new Session();
  s.run(declarations);
  return statements.map((statement) => {
    const [r] = s.run(statement);
    expect(r.status, `${statement}: ${r.error?.message}`).toBe("ok");
    return r.pretty;
  });
}

describe("array operators' adjoints live in their rows", () => {
  it("every operator with an array kernel has a symbolic adjoint", () => {
    expect(
      operators()
        .filter((e) => e.array && !e.adjoint)
        .map((e) => e.name),
    ).toEqual([]);
  });
  it("gives the textbook gradients", () => {
    expect(
      gradients("A ∈ ℝ^(2×2); x ∈ ℝ^2; B ∈ ℝ^(2×2)", "∂/∂A det(A)", "∂/∂A tr(A)", "∂/∂x (xᵀ B x)", "∂/∂B tr(Bᵀ A)"),
    ).toEqual(["det(A) A⁻ᵀ", "I", "(B + Bᵀ)x", "A"]);
  });
  it("takes outer products and diagonals back to their arguments", () => {
    // Σᵢⱼ aᵢbⱼ: each aᵢ meets every bⱼ (a 2×2 all-ones before b names its size to read back). tr(diag(a)) = Σ aᵢ.
    expect(gradients("a ∈ ℝ^2; b ∈ ℝ^2", "∂/∂a sum(outer(a, b))", "∂/∂a tr(diag(a))")).toEqual(["𝟏_{2,2} b", "𝟏"]);
  });
});
