// Every worked example of the linear-algebra part of the course notes (math-foundations.md §1–4).
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";

describe("vector and matrix operations", () => {
  it("adds vectors and matrices", () => {
    expect("[1, 2] + [3, 4]").toEvaluateTo("[4, 6]");
    expect("[1, 2; 3, 4] + [5, 6; 7, 8]").toEvaluateTo("[6, 8; 10, 12]");
  });
  it("scales a matrix", () => {
    expect("3 [1, 2; 3, 4]").toEvaluateTo("[3, 6; 9, 12]");
    expect("3A where A = 0".replace(" where A = 0", "")).toEvaluateTo("3*A");
  });
  it("multiplies a matrix by a vector", () => {
    expect("[1, 2; 3, 4] [5, 6]").toEvaluateTo("[17, 39]");
    expect("A = [1, 2; 3, 4]\nA * [5, 6]").toEvaluateTo("[17, 39]");
  });
  it("takes dot and outer products", () => {
    expect("[1, 2]ᵀ [3, 4]").toEvaluateTo("11");
    expect("dot([1, 2], [3, 4])").toEvaluateTo("11");
    expect("[1, 2] · [3, 4]").toEvaluateTo("11");
    expect("[1, 2] [3, 4]ᵀ").toEvaluateTo("[3, 4; 6, 8]");
    expect("outer([1, 2], [3, 4])").toEvaluateTo("[3, 4; 6, 8]");
    expect("[1, 2] ⊗ [3, 4]").toEvaluateTo("[3, 4; 6, 8]");
  });
  it("multiplies entrywise", () => {
    expect("[1, 2; 3, 4] ⊙ [5, 6; 7, 8]").toEvaluateTo("[5, 12; 21, 32]");
    expect("[1, 2; 3, 4] .* [5, 6; 7, 8]").toEvaluateTo("[5, 12; 21, 32]");
  });
});

describe("matrix properties", () => {
  it("transposes", () => {
    expect("[1, 2; 3, 4]ᵀ").toEvaluateTo("[1, 3; 2, 4]");
    expect("[1, 2; 3, 4]'").toEvaluateTo("[1, 3; 2, 4]");
    expect("transpose([1, 2, 3])").toEvaluateTo("transpose([1, 2, 3])");
  });
  it("inverts [4, 7; 2, 6] to (1/10)[6, −7; −2, 4]", () => {
    expect("inv([4, 7; 2, 6])").toEvaluateTo("1/10*[6, -7; -2, 4]");
    expect("[4, 7; 2, 6]⁻¹").toEvaluateTo("1/10*[6, -7; -2, 4]");
    expect("[4, 7; 2, 6]^-1 [4, 7; 2, 6]").toEvaluateTo("[1, 0; 0, 1]");
    const [r] = new Session().run("inv([4, 7; 2, 6])");
    expect(r.pretty).toBe("(1/10)[6, −7; −2, 4]");
  });
  it("has trace 5 and determinant −2 for [1, 2; 3, 4]", () => {
    expect("tr([1, 2; 3, 4])").toEvaluateTo("5");
    expect("trace([1, 2; 3, 4])").toEvaluateTo("5");
    expect("det([1, 2; 3, 4])").toEvaluateTo("-2");
  });
  it("measures with norms", () => {
    expect("‖[3, 4]‖").toEvaluateTo("5");
    expect("norm([3, 4])").toEvaluateTo("5");
    expect("‖[-1, 2]‖₁").toEvaluateTo("3");
    expect("norm([-1, 2], 1)").toEvaluateTo("3");
    expect("‖[1, 2; 3, 4]‖_F").toEvaluateTo("sqrt(30)");
    expect('norm([1, 2; 3, 4], "F")').toEvaluateTo("sqrt(30)");
    expect('norm([1, -5, 2], "max")').toEvaluateTo("5");
    const [r] = new Session().run("‖[1, 2; 3, 4]‖_F");
    expect(r.pretty).toBe("√30 ≈ 5.4772");
    expect(r.latex).toBe("\\sqrt{30} \\approx 5.4772");
  });
  it("computes rank", () => {
    expect("rank([1, 2; 2, 4])").toEvaluateTo("1");
    expect("rank([1, 2; 3, 4])").toEvaluateTo("2");
  });
  it("builds standard matrices and indexes from 1", () => {
    expect("I(2)").toEvaluateTo("[1, 0; 0, 1]");
    expect("zeros(2, 3)").toEvaluateTo("[0, 0, 0; 0, 0, 0]");
    expect("ones(3)").toEvaluateTo("[1, 1, 1]");
    expect("diag([1, 2, 3])").toEvaluateTo("[1, 0, 0; 0, 2, 0; 0, 0, 3]");
    expect("A = [1, 2; 3, 4]\nA[1, 2]").toEvaluateTo("2");
    expect("A = [1, 2; 3, 4]\nA[:, 1]").toEvaluateTo("[1, 3]");
    expect("v = [1, 3, 5]\nv[2]").toEvaluateTo("3");
    expect("T = zeros(2, 2, 2)\nT[1, 2, 1]").toEvaluateTo("0");
  });
});

describe("eigenvalues and eigenvectors", () => {
  it("finds λ = 3 with [1, 1] for [2, 1; 1, 2]", () => {
    const [r] = new Session().run("eig([2, 1; 1, 2])");
    expect(r.text).toBe("λ1 = 3, v1 = [1, 1]; λ2 = 1, v2 = [-1, 1]");
    expect("A = [2, 1; 1, 2]\nA [1, 1]").toEvaluateTo("[3, 3]");
  });
  it("finds 5 and 2 for [4, 1; 2, 3]", () => {
    const [r] = new Session().run("eig([4, 1; 2, 3])");
    expect(r.text).toBe("λ1 = 5, v1 = [1, 1]; λ2 = 2, v2 = [-1, 2]");
  });
  it("keeps quadratic radicals exact", () => {
    const [r] = new Session().run("eig([1, 2; 3, 4])");
    expect(r.text).toContain("λ1 = 5/2 + sqrt(33)/2");
  });
  it("decomposes A = VΛV⁻¹", () => {
    const [r] = new Session().run("diagonalize([4, 1; 2, 3])");
    expect(r.pretty).toBe("A = V Λ V⁻¹ with V = [1, −1; 1, 2], Λ = [5, 0; 0, 2], V⁻¹ = (1/3)[2, 1; −1, 1]");
    expect("[1, -1; 1, 2] [5, 0; 0, 2] [1, -1; 1, 2]⁻¹").toEvaluateTo("[4, 1; 2, 3]");
  });
  it("falls back to numbers when no exact form exists", () => {
    // x³ − x − 1 is irreducible over ℚ: its real root is the plastic number 1.3247…
    const [r] = new Session().run("eig([0, 1, 0; 0, 0, 1; 1, 1, 0])");
    expect(r.status).toBe("ok");
    expect(r.text).toMatch(/λ1 = 1\.3247/);
    const [s] = new Session().run("eig(N([2, 1; 1, 2]))");
    expect(s.pretty).toBe("λ1 = 3.0, v1 = [0.707107, 0.707107]; λ2 = 1.0, v2 = [−0.707107, 0.707107]");
  });
  it("gives singular values", () => {
    const [r] = new Session().run("svd([3, 0; 0, 4])");
    expect(r.text).toContain("Σ = [4.0, 3.0]");
  });
});

describe("exact arithmetic", () => {
  it("keeps decimals and fractions exact", () => {
    expect("0.1 + 0.2").toEvaluateTo("3/10");
    expect("1/3 + 1/6").toEvaluateTo("1/2");
    expect("sqrt(12)").toEvaluateTo("2*sqrt(3)");
    expect("sqrt(2) sqrt(3)").toEvaluateTo("sqrt(6)");
    expect("sqrt(2)^2").toEvaluateTo("2");
  });
  it("gives floats on request", () => {
    expect("N(1/4)").toEvaluateTo("0.25");
    expect("≈ 1/4").toEvaluateTo("0.25");
  });
});
