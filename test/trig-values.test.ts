// sin and cos at rational multiples of π: exact where the value is a number or a square root over
// 2 (multiples of π/4 and π/6: sin π = 0, cos(π/3) = 1/2, sin(π/4) = √2/2), as written elsewhere
// (sin(π/12) stays). Checked against the floats at every multiple of π/12 from −4π to 4π.
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";
import { floatValue } from "../src/graph/evalf.js";

const at = (code: string) => new Session().run(code)[0];

describe("sin and cos at multiples of π", () => {
  const multiples = Array.from({ length: 97 }, (_, i) => i - 48);
  it.each(multiples)("sin and cos of %iπ/12", (k) => {
    const angle = `${k}π/12`;
    const exact = k % 3 === 0 || k % 2 === 0;
    for (const [f, value] of [
      ["sin", Math.sin((k * Math.PI) / 12)],
      ["cos", Math.cos((k * Math.PI) / 12)],
    ] as const) {
      const r = at(`${f}(${angle})`);
      expect(r.status).toBe("ok");
      expect(floatValue(r.value!)).toBeCloseTo(value, 14);
      // Exact: no sine or cosine left in the value.
      expect(/sin|cos/.test(r.text), `${f}(${angle}) = ${r.text}`).toBe(!exact);
    }
  });

  it("reads like the table", () => {
    expect(at("cos(π)").text).toBe("-1");
    expect(at("sin(π/6)").text).toBe("1/2");
    expect(at("cos(π/4)").pretty).toBe("√2/2 ≈ 0.70711");
    expect(at("sin(-π/3)").text).toBe("-sqrt(3)/2");
    const s = new Session();
    s.run("f(x, y) = sin(x) y");
    expect(s.run("∇f(π, 1)")[0].text).toBe("[-1, 0]");
  });
});
