// decimal.js knows π to about 1,000 digits: sin and cos past that throw, and left the cached context's
// precision raised, so `check sin(sin(x)) == sin(sin(x)) + 1e-250` was an internal error and the next
// check of a tiny offset failed the same way. Now such a point is unknown at that precision, the
// context is made anew, and the search goes on to a point that decides.
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";

const INSIDES = ["sin(x)", "exp(sin(x))", "cos(x^2)"];
const OUTSIDES = ["sin", "exp"];
const OFFSETS = ["1e-250", "1e-300"];

describe("checks of offsets beyond a thousand digits", () => {
  it("find the offset, or say undecided, never an internal error, and leave the next check unharmed", () => {
    const s = new Session();
    const wrong: string[] = [];
    for (const inner of INSIDES)
      for (const outer of OUTSIDES)
        for (const offset of OFFSETS) {
          const f = `${outer}(${inner})`;
          for (const code of [`check ${f} == ${f} + ${offset}`, `check ${f} == ${f}`, `check x + ${offset} == x`]) {
            const [r] = s.run(code);
            const ok = code.endsWith(`${f} == ${f}`)
              ? r.verdict === "equivalent"
              : r.verdict === "not equivalent" || r.verdict === "undecided";
            if (!ok || r.status === "error") wrong.push(`${code}: ${r.pretty}`);
          }
        }
    expect(wrong).toEqual([]);
  }, 180_000);

  it("shows a value within its error bound of 0 as 0 (cos(π/2), not 7.3e−90)", () => {
    const s = new Session();
    expect(s.run("check (-1)^x == cos(pi x)")[0].pretty).toBe(
      "✗ not equivalent: at x = 0.5 only the right side is defined (it is 0)",
    );
    expect(s.run("check cos(100 pi x)^2 == 1")[0].pretty).toMatch(/the left side is 0, the right side 1$/);
  });
});
