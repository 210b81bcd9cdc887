// The tagged template for TypeScript notebooks: one session across calls, typeset output.
import { describe, expect, it } from "vitest";
import { nabla, resetNabla } from "../../src/index.js";

describe("nabla`…` in TypeScript", () => {
  it("runs statements and keeps names between calls", async () => {
    resetNabla();
    await nabla`f(x, y) = x^2 + y^2`;
    const [r] = await nabla`∇f`;
    expect(r.text).toBe("[2*x, 2*y]");
    expect(r.html).toContain("katex");
  });
  it("splices values in", async () => {
    const n = 3;
    const [r] = await nabla`det(I(${n}))`;
    expect(r.text).toBe("1");
  });
});
