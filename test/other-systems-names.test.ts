// What a user of SymPy or Maxima types first gets Nabla's spelling back, not a puzzle.
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";

function errorOf(code: string): string {
  const [r] = new Session().run(code);
  return r.error?.message ?? `no error: ${r.pretty}`;
}

describe("commands other systems spell differently", () => {
  it.each([
    ["series(exp(x), x, 0, 3)", "taylor"],
    ["Series(exp(x), x, 0, 3)", "taylor"],
    ["determinant([1, 2; 3, 4], 1)", "det"],
    ["nsolve(x^2 = 2, x)", "solve"],
    ["ratsimp(x, 1)", "simplify"],
    ["eigenvals([1, 2; 3, 4], 1)", "eig"],
  ])("%s suggests %s", (code, command) => {
    expect(errorOf(code)).toContain(`did you mean ${command}?`);
  });

  it("a user's own function of that name is theirs", () => {
    const s = new Session();
    s.run("series(x) = x + 1");
    expect(s.run("series(2)")[0].pretty).toBe("3");
  });
});

describe("limit(f, x, a), SymPy's order", () => {
  it.each([
    ["limit(sin(x)/x, x, 0)", "x"],
    ["limit((1 + 1/n)^n, n, ∞)", "n"],
    ["limit(t^2, t, 3)", "t"],
  ])("%s says to write the point with its variable", (code, x) => {
    expect(errorOf(code)).toBe(
      `limit takes the variable and its point together: limit(f, ${x} → a), as in limit(sin(x)/x, x → 0)`,
    );
  });

  it("the sides still read", () => {
    const s = new Session();
    expect(s.run('limit(1/x, x → 0, "+")')[0].pretty).toBe("∞");
    expect(s.run("limit(1/x, x → 0, left)")[0].pretty).toBe("−∞");
    expect(errorOf("limit(1/x, x → 0, up)")).toMatch(/the side of a one-sided limit is "\+"/);
  });
});

describe("solve(equation, equation)", () => {
  it.each(["solve(x^2 + y^2 = 1, x - y = 0)", "solve(x + y = 10, x - y = 2)"])(
    "%s is told to list its equations",
    (code) => {
      expect(errorOf(code)).toMatch(
        /is an equation, where solve takes its unknowns: list the equations, then the unknowns/,
      );
    },
  );

  it("the listed form solves", () => {
    expect(new Session().run("solve([x + y = 10, x - y = 2], [x, y])")[0].pretty).toBe("x = 6, y = 4");
  });
});
