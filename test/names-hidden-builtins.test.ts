// A notebook's names against the built-in ones. A value given to a built-in function's name (sin = 3,
// N = 100, σ = 0.5) hides the function: sin(x) is then the product 3x, with a warning that says so,
// and clear(sin) gives the function back. π cannot be given a value; e can (an error term, a
// gradient), with a warning that e^x then means that value. clear(x, f, …) forgets names.
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";
import { operators } from "../src/graph/operators.js";
import type { StatementResult } from "../src/results.js";

function run(code: string): { s: Session; results: StatementResult[] } {
  const s = new Session();
  return { s, results: [...s.runEach(code)] };
}

const warnings = (r: StatementResult) =>
  r.effects.filter((e) => e.kind === "stderr").map((e) => (e as { text: string }).text);

/** The built-in scalar functions of one argument, by every name they answer to. */
const SCALAR_FUNCTIONS = operators()
  .filter((o) => o.float && o.arity[0] <= 1 && o.arity[1] >= 1)
  .flatMap((o) => [o.name, ...(o.aliases ?? [])])
  .filter((name) => /^[\p{L}][\p{L}\d_]*$/u.test(name) && name !== "e");

describe("a value given to a built-in function's name", () => {
  it("has scalar functions to try", () => {
    expect(SCALAR_FUNCTIONS.length).toBeGreaterThan(20);
    expect(SCALAR_FUNCTIONS).toEqual(expect.arrayContaining(["sin", "exp", "log", "tanh", "σ", "relu"]));
  });

  it.each(SCALAR_FUNCTIONS)("%s = 3: then a call is the product 3x, said so; clear gives the function back", (f) => {
    const { results } = run(`${f} = 3\n${f}(x)\n${f}(x) + ${f}(y)\nclear(${f})\n${f}(1/2)`);
    const [, product, twice, , after] = results;
    expect(product.text, f).toBe("3*x");
    expect(warnings(product), f).toEqual([
      `warning: ${f} holds a value, so ${f}(…) multiplies by it: the built-in ${f} is hidden until clear(${f})\n`,
    ]);
    expect(warnings(twice), `${f}: once a statement`).toHaveLength(1);
    expect(after.status, f).toBe("ok");
    expect(warnings(after), f).toEqual([]);
    expect(after.text, f).toBe([...new Session().run(`${f}(1/2)`)][0].text);
  });

  it("reads sin^2(x) as the product too, and says so", () => {
    const { results } = run("sin = 3\nsin^2(x)");
    expect(results[1].text).toBe("9*x^2");
    expect(warnings(results[1])[0]).toMatch(/^warning: sin holds a value/);
  });

  it("is an error with two arguments, naming the way back", () => {
    const { results } = run("N = 100\nN(0, 1)");
    expect(results[1].error?.message).toBe(
      "N holds a value, so it is not the built-in N here: clear(N) gives the function back",
    );
  });

  it("warns only where the name is called: N = 100 and σ = 0.5 as values are fine", () => {
    const { results } = run("N = 100\nσ = 1/2\nN σ^2");
    expect(results.flatMap(warnings)).toEqual([]);
    expect(results[2].text).toBe("25");
  });
});

describe("π and e", () => {
  it.each(["pi = 3", "π = 3", "π(x) = x", "layer π = dense(2 → 1, relu)"])("%s is refused", (code) => {
    const { results } = run(`${code}\n2π`);
    expect(results[0].error?.kind).toBe("name");
    expect(results[0].error?.message).toMatch(/^π is the constant 3\.14159… and cannot be given a value/);
    expect(results[0].error?.column).toBe(1);
    expect(results[1].text).toBe("2*pi");
  });

  it("e may name a value, with a warning; clear(e) makes it Euler's number again", () => {
    const { results } = run("e = 5\ne^2\nclear(e)\ncheck d/dx e^x == exp(x)");
    expect(warnings(results[0])[0]).toMatch(/^warning: e now holds this value, not Euler's number/);
    expect(results[1].text).toBe("25");
    expect(results[3].verdict).toBe("equivalent");
  });
});

describe("clear(x, f, …)", () => {
  it("forgets values, definitions and declared shapes: the names are symbols again", () => {
    const { s, results } = run("x = 3\nf(t) = t^2\nv ∈ ℝ^3\nclear(x, f, v)\nx^2\nv");
    expect(results.every((r) => r.status === "ok")).toBe(true);
    expect(results[4].text).toBe("x^2");
    expect(results[5].text).toBe("v");
    expect(s.env.isUserName("x") || s.env.isUserName("f") || s.env.shapes.has("v")).toBe(false);
  });

  it("lets a name held as a value be a variable again", () => {
    const { results } = run("x = 3\nclear(x)\ntaylor(exp(x), x = 0, 2)");
    expect(results[2].status).toBe("ok");
    expect(results[2].text).toBe("1 + x + x^2/2");
  });

  it("is quiet about names that hold nothing, and refuses what is not a name, at its column", () => {
    const { results } = run("clear(never_set)\nclear(x, 2)");
    expect(results[0].status).toBe("ok");
    expect(results[1].error?.message).toBe("clear(…) takes names: clear(x, f)");
    expect(results[1].error?.column).toBe(10);
  });

  it("cannot itself be given a value, which would leave nothing to give hidden names back", () => {
    const { results } = run("clear = 2\nsin = 3\nclear(sin)\nsin(0)");
    expect(results[0].error?.message).toBe("clear is the command that forgets names (clear(x)); choose another name");
    expect(results[3].text).toBe("0");
  });

  it("with no names still clears the cell's output", () => {
    const [r] = new Session().run("clear()");
    expect(r.effects.map((e) => e.kind)).toEqual(["clear"]);
  });
});
