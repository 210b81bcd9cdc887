// a < x < b is two conditions: the error at the second comparison says how to write them.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/session.js";

const errorOf = (code: string) => new Session().run(code)[0].error?.message;

describe("a chained comparison", () => {
  const OPS = ["<", "<=", "≤", ">", ">=", "≥"];
  const cases = OPS.flatMap((a) => OPS.map((b) => [a, b] as const));
  it.each(cases)("check … for 0 %s x %s 1 says to write two conditions", (a, b) => {
    expect(errorOf(`check sqrt(x^2) == x for 0 ${a} x ${b} 1`)).toBe(
      `one comparison at a time: write 0 ${a} x, x ${b} 1`,
    );
  });

  it("names the parts of the chain it is in, after earlier conditions", () => {
    expect(errorOf("check f == g for x > 0, -1 <= y <= 1")).toBe("one comparison at a time: write -1 <= y, y <= 1");
    expect(errorOf("0 < 1 < 2")).toBe("one comparison at a time: write 0 < 1, 1 < 2");
  });

  it("the two conditions it suggests run", () => {
    expect(new Session().run("check sqrt(x^2) == x for 0 < x, x < 1")[0].pretty).toMatch(/^✓ equivalent/);
  });
});
