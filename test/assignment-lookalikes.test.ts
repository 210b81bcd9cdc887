// Statements that look like assignments but assign nothing (an entry, a function at a value) are
// errors that say so, rather than equations shown as if something had changed (`2 = 5`).
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";

describe("assignment look-alikes", () => {
  it("refuse to assign an entry, and leave the matrix as it was", () => {
    const [, entry, after] = new Session().run("A = [1, 2; 3, 4]\nA[1, 2] = 5\nA");
    expect(entry.error?.message).toMatch(/does not change A/);
    expect(after.text).toBe("[1, 2; 3, 4]");
  });

  it("refuse f(1) = 2 for a function f, and keep f", () => {
    const [, wrong, value] = new Session().run("f(x) = x^2\nf(1) = 2\nf(3)");
    expect(wrong.error?.message).toMatch(/does not define f: a definition names its parameters/);
    expect(value.text).toBe("9");
  });

  it("keep equations and definitions as they were", () => {
    const [equation, defined, redefined, used] = new Session().run("x^2 = 4\nf(y) = y^3\nf(t) = t + 1\nf(2)");
    expect(equation.text).toBe("x^2 = 4");
    expect(defined.status).toBe("ok");
    expect(redefined.status).toBe("ok");
    expect(used.text).toBe("3");
  });
});
