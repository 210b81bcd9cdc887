// Unknown options are errors: every command, called as its help examples call it plus an option it
// does not have (`zzz = 1`), fails with a message naming zzz, never a value; the `name = value`
// arguments a row takes positionally (points, ranges, equations) still work.
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";
import { COMMANDS } from "../src/engine/commands/table.js";

const session = () => new Session({ readFile: () => "x1,x2,label\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n" });

/** The end of the call whose `(` is at `open`: its matching `)`, strings skipped. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"') i = text.indexOf('"', i + 1);
    else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i;
  }
  throw new Error(`unbalanced: ${text}`);
}

/** `example` with `extra` added to the first call of `name` in it, or null when it has none. */
function withArgument(example: string, names: string[], extra: string): string | null {
  for (const name of names) {
    const m = new RegExp(`(?<![\\p{L}\\p{N}_])${name}\\(`, "u").exec(example);
    if (!m) continue;
    const open = m.index + m[0].length - 1;
    const close = closing(example, open);
    const empty = example.slice(open + 1, close).trim() === "";
    return `${example.slice(0, close)}${empty ? "" : ", "}${extra}${example.slice(close)}`;
  }
  return null;
}

const calls = COMMANDS.flatMap((c) =>
  c.help.examples.flatMap((example) => {
    const code = withArgument(example, [c.name, ...(c.aliases ?? [])], "zzz = 1");
    return code ? [[c.name, code]] : [];
  }),
);

/** The last statement's result: the call's. */
const last = (code: string) => session().run(code).at(-1)!;
/** The first statement that failed (the examples' later statements use what the call made). */
const firstError = (code: string) =>
  session()
    .run(code)
    .find((r) => r.status === "error");

describe("unknown options", () => {
  it("every command has an example that calls it by name", () => {
    const called = new Set(calls.map(([name]) => name));
    expect(COMMANDS.map((c) => c.name).filter((n) => !called.has(n))).toEqual(["train"]);
  });
  it.each(calls)("%s: %s is an error naming zzz", (_name, code) => {
    expect(firstError(code)?.error?.message, code).toMatch(/has no option zzz/);
  });
  it.each([
    ["diff(x^2, x, foo = 3)", "diff has no option foo; diff takes no options"],
    ["convex(x^2, foo = 3)", "convex has no option foo; convex takes no options"],
    ["hessian(x^2 y, foo = 3)", "hessian has no option foo; hessian takes no options"],
    ["critical(x^2 - 2x, foo = 3)", "critical has no option foo; critical takes no options"],
    ["gd(x^2, x = 4, eta = 0.1, stesp = 3)", "gd has no option stesp; did you mean steps?"],
    ["sum(i^2, i = 1..4, j = 2)", "sum has no option j; sum takes no options"],
    ["plot(sin(x), x = 0..1, y = 2)", "plot has no option y; plot takes no options"],
    ["taylor(exp(x), x = 0, 3, y = 1)", "taylor has no option y; taylor takes no options"],
    ["solve(x^2 = 4, x, y = 1)", "solve has no option y; solve takes no options"],
    ["lagrange(x y, x + y = 10, zzz = 1)", "lagrange has no option zzz; lagrange takes no options"],
    ["limit(sin(x)/x, x → 0, h = 1)", "limit has no option h; limit takes no options"],
    ["taylor(sin(x) cos(y), [x, y] = [0, 0], 2, n = 3)", "taylor has no option n; taylor takes no options"],
    ["X = Bernoulli(3/10, p = 1/2)", "Bernoulli has no option p; Bernoulli takes no options"],
    ["random(1..3, seed = 2)", "random has no option seed; random takes no options"],
    ["sample(Bernoulli(1/2), 10, sedd = 3)", "sample has no option sedd; did you mean seed?"],
  ])("%s → %s", (code, message) => {
    expect(last(code).error?.message).toBe(message);
  });
  it.each([
    ["solve(x = 4, x)", "x = 4"],
    ["solve(x^2 = 4, x)", "x = -2, x = 2"],
    ["lagrange(x^2 + y^2, x = 3)", "y = 0"],
    ["f(x, y) = x^2 + y^2\nlagrange(f, x = 3)", "y = 0"],
    ["lagrange(x^2 + y^2, x + y = 2, y = 1)", "1"],
    ["taylor(exp(x), x = 0, 2)", "1 + x + x^2/2"],
    ["limit(sin(x)/x, x = 0)", "1"],
    ["sum(i, i = 1..4)", "10"],
    ["prod(k, k = 1..4)", "24"],
    ["gd(x^2, x = 4, η = 1/10)", "3.2"],
  ])("%s still takes its `=` argument positionally", (code, shown) => {
    const r = last(code);
    expect(r.status, r.error?.message).toBe("ok");
    expect(r.text).toContain(shown);
  });
});

describe("operators take values, not equations", () => {
  const operatorCalls = ["sin(x = 3)", "max(1, foo = 3)", "exp(t < 2)", "abs(x = y)", "norm(v = 1)", "σ(z ≥ 0)"];
  it.each(operatorCalls)("%s is an error that says so (it was kept unevaluated)", (code) => {
    const r = last(code);
    expect(r.status).toBe("error");
    expect(r.error?.message).toMatch(/takes values, not an equation or a comparison/);
  });

  it("equations still go where equations go", () => {
    expect(last("eqs = [x + y = 1, x - y = 0]\nsolve(eqs)").text).toBe("x = 1/2, y = 1/2");
    expect(last("c = x + y = 10\nmaximize x y subject to c").text).toBe("25 at x = 5, y = 5");
    expect(last("check (x + y = 1) == (2x + 2y = 2)").verdict).toBe("equivalent");
  });
});
