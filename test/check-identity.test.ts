// Pretty writes the identity of a declared square size as I (2I for the derivative of tr(2X)):
// read back in that notebook, it is that identity, scaled, and `check` compares it as one.
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";

describe("the identity as it prints", () => {
  it("reads the identity back as it prints (2I), at a symbolic and a numeric size", () => {
    for (const [declare, derivative] of [
      ["A ∈ ℝ^(n×n)", "d/dA tr(2A)"],
      ["X ∈ ℝ^(3×3)", "d/dX tr(2X)"],
    ]) {
      const s = new Session();
      s.run(declare);
      const [r] = s.run(derivative);
      expect(r.pretty).toBe("2I");
      expect(s.run(`check ${r.pretty} == ${r.text}`)[0].verdict).toBe("equivalent");
      expect(s.run(`check ${r.pretty} == 2`)[0].verdict).toBe("not equivalent");
    }
    // Without a square matrix declared, I is a name like any other.
    expect(new Session().run("2I")[0].text).toBe("2*I");
  });
});
