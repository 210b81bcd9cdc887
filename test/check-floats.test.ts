// `check` with values computed in floating point (a trained network's accuracy, N(…)): equal when
// they agree to the float's own precision, undecided when a difference is below what the float
// can show, not equivalent when it is above.
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";

const verdict = (source: string) => new Session().run(source).at(-1)!.verdict;

describe("check on floating-point values", () => {
  it("calls a float equal to the exact value it rounds", () => {
    expect(verdict("x = N(1)\ncheck x == 1")).toBe("equivalent");
    expect(verdict("check N(0.1) == 1/10")).toBe("equivalent");
    expect(verdict("check N(sqrt(2)) == sqrt(2)")).toBe("equivalent");
  });

  it("does not claim what the float cannot show", () => {
    expect(verdict("check N(1) + 1e-14 == 1")).toBe("undecided");
    expect(verdict("check N(sqrt(2)) + 1e-12 == sqrt(2)")).toBe("not equivalent");
  });

  it("keeps exact literals exact", () => {
    expect(verdict("check 1 + 1e-14 == 1")).toBe("not equivalent");
    expect(verdict("check x/3 == 0.333333333333 x")).toBe("not equivalent");
  });
});
