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
    expect(errorOf("[1, 2; 3, 4] [1, 2, 3]").message).toBe("cannot multiply 2×2 by vector of length 3: inner dimensions 2 and 3 differ");
  });
  it("suggests the name meant", () => {
    const e = errorOf("sinn(x)");
    expect(e.kind).toBe("name");
    expect(e.message).toBe("unknown function sinn; did you mean sin?");
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
  it("refuses a division by zero plainly", () => {
    expect(errorOf("1/0").message).toBe("division by zero");
  });
});
