// Every point `check` tried was a short decimal, and sin(2π·10ᵏ x) is 0 at each of them once 10ᵏ has
// more zeros than the point has digits: `check sin(2 pi 10^5 x) == 0` was "equivalent", and an
// answer 3x² + sin(2π·10⁶ x) earned a derivative's marks. Points with a prime denominator (not 2 or
// 5) now come after the decimals: no power of ten makes them whole.
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";

const WAVES = (k: number) => [
  [`sin(2 pi 10^${k} x)`, "0"],
  [`sin(pi 10^${k} x)`, "0"],
  [`cos(pi 10^${k} x)^2`, "1"],
  [`3x^2 + sin(2 pi 10^${k} x)`, "3x^2"],
  [`sin(2 pi 10^${k} x y)`, "0"],
];

describe("oscillations that vanish at every short decimal", () => {
  it("are found for every power of ten from 10⁴ to 10³⁰", () => {
    const s = new Session();
    const missed: string[] = [];
    for (let k = 4; k <= 30; k += 2)
      for (const [a, b] of WAVES(k)) {
        const [r] = s.run(`check ${a} == ${b}`);
        if (r.verdict !== "not equivalent") missed.push(`${a} == ${b}: ${r.pretty}`);
      }
    expect(missed).toEqual([]);
  });

  it("and cost an answer its marks", () => {
    const s = new Session();
    s.run("q = 3x^2 + sin(2 pi 10^6 x)");
    expect(s.run("expect q ≡ d/dx x^3 points 1")[0].pretty).toMatch(
      /^✗ 0\/1 point: your answer gives .* at x = -?\d+\/1000003/,
    );
    expect(s.run("check sin(x)^2 + cos(x)^2 == 1")[0].verdict).toBe("equivalent");
  });
});
