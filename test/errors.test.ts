// Errors are values with a kind, a line and column, and words a student understands.
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";

function errorOf(code: string) {
  const results = new Session().run(code);
  const failed = results.find((r) => r.status === "error");
  if (!failed?.error) throw new Error(`no error from ${code}`);
  return failed.error;
}

describe("errors", () => {
  it("names the bracket left open and where it opened", () => {
    const e = errorOf("x = 1\nA = [1, 2; 3, 4");
    expect(e.kind).toBe("parse");
    expect(e.message).toBe("expected `]` to close the matrix opened at 2:5");
    expect([e.line, e.column]).toEqual([2, 16]);
  });
  it("points a caret at an unexpected token", () => {
    const e = errorOf("y = 2 +* 3");
    expect(e.message).toBe("unexpected `*`: expected an expression");
    expect(e.excerpt).toBe("y = 2 +* 3\n       ^");
    expect([e.line, e.column]).toEqual([1, 8]);
  });
  it("reports mismatched brackets", () => {
    expect(errorOf("f(x]").message).toBe("`]` does not match the `(` opened at 1:2; expected `)`");
  });
  it("names both shapes in a shape error", () => {
    const e = errorOf("[1, 2] + [1, 2, 3]");
    expect(e.kind).toBe("shape");
    expect(e.message).toBe("cannot add a vector of length 2 and a vector of length 3");
    expect(errorOf("[1, 2; 3, 4] [1, 2, 3]").message).toBe(
      "cannot multiply 2×2 by vector of length 3: inner dimensions 2 and 3 differ",
    );
  });
  it("suggests the name meant", () => {
    // An unknown name applied to an argument is a product, with a warning that says so.
    const [r] = new Session().run("sinn(x)");
    expect(r.text).toBe("sinn*x");
    expect(r.effects).toEqual([
      { kind: "stderr", text: "warning: sinn is not a function; read as sinn·x — did you mean sin?\n" },
    ]);
    const e = errorOf("sinn(x, y)");
    expect(e.kind).toBe("name");
    expect(e.message).toBe("sinn is not a function; did you mean sin?");
  });
  it("names an array in that warning by its shape: a pasted data matrix does not fill the screen", () => {
    const rows = Array.from({ length: 500 }, (_, i) => `${i}, ${i % 7}`).join("; ");
    const [r] = new Session().run(`size([${rows}])`);
    expect(r.effects).toEqual([
      { kind: "stderr", text: "warning: size is not a function; read as size·(a 500×2 matrix)\n" },
    ]);
    const [v] = new Session().run("foo([1, 2, 3])");
    expect(v.effects[0]).toMatchObject({ text: expect.stringContaining("read as foo·(a vector of length 3)") });
  });
  it("keeps going after a failed statement and keeps the names", () => {
    const s = new Session();
    const results = s.run("a = 2\nb = inv([1, 2; 2, 4])\na + 1");
    expect(results.map((r) => r.status)).toEqual(["ok", "error", "ok"]);
    expect(results[1].error?.message).toBe("the matrix is singular (its determinant is 0), so it has no inverse");
    expect(results[2].text).toBe("3");
  });
  it("stops at limits instead of hanging", () => {
    expect(errorOf("zeros(5000, 5000)").message).toMatch(/limit is 1,000,000/);
    expect(errorOf("(".repeat(500) + "1" + ")".repeat(500)).kind).toBe("limit");
    expect(errorOf("2^(10^9)").message).toMatch(/too large/);
    const slow = new Session({ limits: { timeMs: 200 } });
    const started = Date.now();
    const [r] = slow.run("sum(k^2, k = 1..100000)");
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.status === "ok" || r.error?.kind === "limit").toBe(true);
  });
  it("stops exact linear algebra and high-degree root finding at the time limit, and says it was the limit", () => {
    const quick = new Session({ limits: { timeMs: 300 } });
    for (const code of ["inv(eye(200) + ones(200, 200))", "det(eye(400) + ones(400, 400)/7)"]) {
      const started = Date.now();
      const [r] = quick.run(code);
      expect(Date.now() - started, code).toBeLessThan(3000);
      // An inverse cut short is not a singular matrix.
      if (r.status === "error") expect(r.error?.message, code).toMatch(/ran longer than 0.3 s/);
    }
  });
  it("refuses a division by zero plainly", () => {
    expect(errorOf("1/0").message).toBe("division by zero");
  });
});

describe("values whose printed form explodes", () => {
  // aₖ = aₖ₋₁² + aₖ₋₁ is a graph of k nodes, but written out it doubles with each level: 2⁴⁰ copies of x.
  const doubling = (base: string) =>
    [`a0 = ${base}`, ...Array.from({ length: 40 }, (_, k) => `a${k + 1} = a${k}^2 + a${k};`), "a40"].join("\n");

  it("are cut short in print, not printed for hours", () => {
    const last = new Session().run(doubling("x + 1")).at(-1)!;
    expect(last.status).toBe("ok");
    expect(last.pretty).toBe("(too large to print: over 200,000 terms written out)");
    expect(last.latex).toBe("\\text{(too large to print: over 200,000 terms written out)}");
  });
  it("still differentiate and compare, as the graphs they are", () => {
    const results = new Session().run(`${doubling("x + 1")};\nd/dx a40;\ncheck a40 == a40 + 0\na3`);
    expect(results.map((r) => r.status).every((s) => s === "ok")).toBe(true);
    expect(results.at(-2)!.pretty).toBe("✓ equivalent (identical)");
    expect(results.at(-1)!.pretty).toBe(
      "(((x + 1)² + x + 1)² + (x + 1)² + x + 1)² + ((x + 1)² + x + 1)² + (x + 1)² + x + 1",
    );
  });
});

describe("exact numbers past any use", () => {
  it("are refused with a limit error instead of hours of bigint arithmetic", () => {
    expect(errorOf("10^80000")).toMatchObject({
      kind: "limit",
      reason: "size",
      message: "an exact number would have more than 78,913 digits; N(…) gives its decimal value",
    });
    expect(errorOf("(3^100000)^3").kind).toBe("limit");
    // Doubly exponential growth: b₀ = 1, b₁ = 2, b₂ = 6, b₃ = 42, … at x = 0.
    const code = [
      "b0 = x + 1",
      ...Array.from({ length: 39 }, (_, k) => `b${k + 1} = b${k}^2 + b${k};`),
      "taylor(b39, x = 0, 2)",
    ].join("\n");
    expect(errorOf(code).kind).toBe("limit");
  });
  it("leave numbers of thousands of digits alone", () => {
    const [r] = new Session().run("2^10000");
    expect(r.status).toBe("ok");
    expect(r.text.length).toBe(3011);
  });
});
