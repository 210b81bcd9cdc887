// A 1×1 matrix or a vector of one entry is its entry (a product's 1×1 result is a scalar): the
// Hessian of a function of one variable checks against its second derivative, either way round,
// and a wrong entry is still wrong.
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";

const verdict = (code: string) => {
  const [r] = new Session().run(code);
  return { verdict: r.verdict, said: r.pretty };
};

describe("one value in an array against a scalar", () => {
  it("checks the Hessian and the gradient of one variable against the scalar derivative", () => {
    for (const [f, d2] of [
      ["x^4", "12x^2"],
      ["sin(x)", "-sin(x)"],
      ["exp(2x)", "4exp(2x)"],
    ]) {
      expect(verdict(`check ∇²(${f}) == ${d2}`).verdict).toBe("equivalent");
      expect(verdict(`check ${d2} == hessian(${f})`).verdict).toBe("equivalent");
      expect(verdict(`check ∇²(${f}) == ${d2} + 1`).verdict).toBe("not equivalent");
    }
    expect(verdict("check ∇(x^3) == 3x^2").verdict).toBe("equivalent");
    expect(verdict("check ∇(x^3) == 3x").verdict).toBe("not equivalent");
  });

  it("says which entry it compared", () => {
    expect(verdict("check ∇²(x^4) == 12x^2").said).toContain("the 1×1's entry against the scalar");
    expect(verdict("check hessian(x^4) == [12x^2]").said).toContain(
      "the 1×1's entry against the vector of length 1's entry",
    );
  });

  it("keeps arrays of more entries apart from scalars, and symbolic arrays as they were", () => {
    expect(verdict("check [1, 2] == 1").verdict).toBe("not equivalent");
    expect(verdict("check ∇(x^2 + y^2) == 2x").verdict).toBe("not equivalent");
    const s = new Session();
    s.run("A ∈ ℝ^(1×1)");
    expect(s.run("check A == 1")[0].verdict).not.toBe("equivalent");
  });
});

describe("expect grades one value in an array as check compares it", () => {
  const graded = (code: string) => new Session().run(code)[0].pretty;

  it("gives the marks for the Hessian of one variable against the scalar key, either way round", () => {
    expect(graded("expect ∇²(x^4) == 12x^2")).toMatch(/1\/1 point: correct/);
    expect(graded("expect [3] == 3")).toMatch(/1\/1 point: correct/);
    expect(graded("expect 3 == hessian(3x^2/2)")).toMatch(/1\/1 point: correct/);
  });

  it("names the mistake in the entry, not the shape, when the entry is wrong", () => {
    expect(graded("expect ∇²(x^4) == -12x^2")).toMatch(/0\/1 point: your answer is the negative of the expected one/);
    expect(graded("expect [24x^2] == 12x^2")).toMatch(
      /0\/1 point: your answer is off by a constant factor: it is 2 times/,
    );
    expect(graded("expect [3, 4] == 3")).toMatch(
      /0\/1 point: your answer is a vector of length 2, but a scalar was expected/,
    );
  });
});
