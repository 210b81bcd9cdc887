// Systems beyond exact solving are searched numerically in a stated box, and the answer says what
// was searched; equations stored in a name work wherever equations do.
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";
import type { Node } from "../src/graph/node.js";
import { floatValue } from "../src/graph/evalf.js";

function run(s: Session, code: string): { text: string; value: Node } {
  const [r] = s.run(code);
  if (r.status !== "ok" || !r.value) throw new Error(`${code}: ${r.error?.message}`);
  return { text: r.text, value: r.value };
}

function points(n: Node): { at: number[]; kind: string }[] {
  const items = (n as Node & { kind: "record" }).fields[0].value as Node & { kind: "tuple" };
  return items.items.map((p) => {
    const fields = (p as Node & { kind: "record" }).fields;
    const at = (fields[0].value as Node & { kind: "tuple" }).items.map((r) =>
      floatValue((r as Node & { kind: "rel" }).right)!,
    );
    return { at, kind: (fields[1].value as { value: string }).value };
  });
}

describe("transcendental stationary points", () => {
  it("critical(sin(x) + cos(y)): every point (π/2 + kπ, jπ) in [−10, 10]², classified, with the box stated", () => {
    const r = run(new Session(), "critical(sin(x) + cos(y))");
    expect(r.text).toContain("in [−10, 10]²");
    expect(r.text).toContain("there may be more outside the box");
    const found = points(r.value);
    const expected: { at: number[]; kind: string }[] = [];
    for (let k = -4; k <= 3; k++) {
      for (let j = -3; j <= 3; j++) {
        const x = Math.PI / 2 + k * Math.PI;
        const y = j * Math.PI;
        if (Math.abs(x) > 10 || Math.abs(y) > 10) continue;
        // sin x'' = −sin x, cos y'' = −cos y: both negative → maximum, both positive → minimum.
        const [hx, hy] = [-Math.sin(x), -Math.cos(y)];
        expected.push({
          at: [x, y],
          kind: hx < 0 && hy < 0 ? "maximum" : hx > 0 && hy > 0 ? "minimum" : "saddle point",
        });
      }
    }
    expect(found.length).toBe(expected.length);
    for (const e of expected) {
      const match = found.find((p) => Math.abs(p.at[0] - e.at[0]) < 1e-9 && Math.abs(p.at[1] - e.at[1]) < 1e-9);
      expect(match, `(${e.at})`).toBeDefined();
      expect(match!.kind).toBe(e.kind);
    }
  });

  it("says nothing was found, not that nothing exists", () => {
    // (critical(exp(x) + x) is now proved to have none: eˣ = −1 has no real solution.)
    const r = run(new Session(), "critical(exp(x) + x + sin(x))");
    expect(r.text).toMatch(
      /^no stationary points found by Newton's method from \d+ starting points in \[−10, 10\]; there may be some the search missed$/,
    );
  });

  it("lagrange with a transcendental objective", () => {
    const found = points(run(new Session(), "lagrange(exp(x) + exp(y), x + y = 0)").value);
    expect(found).toHaveLength(1);
    expect(found[0].at[0]).toBeCloseTo(0, 9);
    expect(found[0].kind).toBe("minimum");
  });

  it("solve searches square transcendental systems", () => {
    const r = run(new Session(), "solve([sin(x) = y, x + y = 1], [x, y])");
    expect(r.text).toContain("numeric solutions found by Newton's method");
    const items = ((r.value as Node & { kind: "record" }).fields[0].value as Node & { kind: "tuple" }).items;
    for (const set of items) {
      const [x, y] = (set as Node & { kind: "tuple" }).items.map((e) =>
        floatValue((e as Node & { kind: "rel" }).right)!,
      );
      expect(Math.abs(Math.sin(x) - y)).toBeLessThan(1e-9);
      expect(Math.abs(x + y - 1)).toBeLessThan(1e-9);
    }
  });
});

describe("equations stored in names", () => {
  it("solve, lagrange and maximize take them", () => {
    const s = new Session();
    run(s, "eqs = [x + y = 1, x - y = 0]");
    expect(run(s, "solve(eqs, [x, y])").text).toBe("x = 1/2, y = 1/2");
    expect(run(s, "solve(eqs)").text).toBe("x = 1/2, y = 1/2");
    run(s, "c = x + y = 10");
    expect(run(s, "lagrange(x y, c)").text).toBe("x = 5, y = 5, λ = 5: maximum, value 25");
    expect(run(s, "maximize x y subject to c").text).toBe("25 at x = 5, y = 5");
    run(s, "both = [x + y + z = 1, x - y = 0]");
    expect(run(s, "lagrange(x^2 + y^2 + z^2, both)").text).toBe(
      "x = 1/3, y = 1/3, z = 1/3, λ_1 = 2/3, λ_2 = 0: minimum, value 1/3",
    );
  });
});

describe("degenerate constraints still find their points", () => {
  it("y = 0 keeps y an unknown; where ∇g vanishes the point is listed without λ", () => {
    const s = new Session();
    expect(run(s, "lagrange(x^2 - y^2, y = 0)").text).toBe("x = 0, y = 0, λ = 0: minimum, value 0");
    expect(run(s, "lagrange(x, x^2 = 0)").text).toMatch(
      /^x = 0: degenerate, value 0 \(points without λ are where the constraint's gradient vanishes/,
    );
    expect(run(s, "lagrange(x + y, x^2 + y^2 = 0)").text).toMatch(/^x = 0, y = 0: degenerate, value 0 /);
  });
});

describe("solve refuses what it cannot read, instead of a wrong answer", () => {
  it("numbers as unknowns: solve(A, b) is not A x = b", () => {
    const [r] = new Session().run("solve([1, 2; 3, 4], [5, 6])");
    expect(r.status).toBe("error");
    expect(r.error?.message).toContain("5 is not one");
  });

  it("a vector equation: one equation per row, or inv(A) b", () => {
    const s = new Session();
    s.run("x ∈ ℝ^2");
    const [r] = s.run("solve([1, 2; 3, 4] x = [5, 6], x)");
    expect(r.status).toBe("error");
    expect(r.error?.message).toMatch(/^solve takes scalar equations: .* is an array/);
    s.run("z = [z_1, z_2]");
    expect(s.run("solve([z[1] + 2z[2] = 5, 3z[1] + 4z[2] = 6], [z[1], z[2]])")[0].text).toBe("z_1 = -4, z_2 = 9/2");
  });
});
