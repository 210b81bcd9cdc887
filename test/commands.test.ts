// The command table: arity and options are checked by the dispatcher for every command, an unknown
// option is an error that suggests the spelling meant, and the notes' spellings are accepted.
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";
import { COMMANDS, lookupCommand } from "../src/engine/commands/table.js";

function run(source: string) {
  const results = new Session().run(source);
  return results[results.length - 1];
}
const error = (source: string) => run(source).error?.message;
const value = (source: string) => {
  const r = run(source);
  expect(r.status, `${source}: ${r.error?.message}`).toBe("ok");
  return r.pretty;
};

describe("command options", () => {
  it("rejects an unknown option instead of ignoring it", () => {
    expect(error("gd(x^2, x = 4, η = 0.1, foo = 3)")).toBe("gd has no option foo; its options are η, steps");
    expect(error('dataset("moons", nosie = 0.2)')).toBe("dataset has no option nosie; did you mean noise?");
    expect(error("adam(x^2, x = 4, η = 0.1, β = 0.5)")).toBe("adam has no option β; did you mean β_1 or β_2?");
    expect(error("perceptron(and, w = [1, 1])")).toBe("perceptron has no option w; its options are η");
    expect(error("gd(x^2, x = 4, η = 0.1, stpes = 3)")).toBe("gd has no option stpes; did you mean steps?");
  });
  it("accepts the spellings the notes use", () => {
    // Momentum's coefficient is γ in one set of notes and β in the other.
    expect(value("momentum(x^2, x = 4, η = 0.1, β = 0.5, steps = 2)")).toBe(
      value("momentum(x^2, x = 4, η = 0.1, γ = 0.5, steps = 2)"),
    );
    expect(value("momentum(x^2, x = 4, η = 0.1, β = 0.5, steps = 2)")).not.toBe(
      value("momentum(x^2, x = 4, η = 0.1, steps = 2)"),
    );
    expect(value("adam(x^2, x = 4, η = 0.1, β₁ = 0.8, steps = 2)")).toBe(
      value("adam(x^2, x = 4, η = 0.1, β_1 = 0.8, steps = 2)"),
    );
    expect(value("gd(x^2, x = 4, eta = 0.1)")).toBe("3.2");
    expect(value("gd(x^2, η = 0.1, x = 4)")).toBe("3.2");
  });
  it("checks an option's type and says when one is missing or given twice", () => {
    expect(error("gd(x^2, x = 4, η = 0.1, steps = 1.5)")).toBe("gd's option steps must be a whole number");
    expect(error("gd(x^2, x = 4)")).toBe("gd needs a learning rate: η = …");
    expect(error("gd(x^2, x = 4, η = 0.1, η = 0.2)")).toBe("gd's option η is given twice");
    expect(error('dataset("moons", noise = y)')).toBe("dataset's option noise must be a number");
  });
  it("checks the number of arguments besides the options", () => {
    expect(error("eig([1, 2; 3, 4], 3)")).toBe("eig takes 1 argument, not 2: eig(A)");
    expect(error("gd(x^2, η = 0.1)")).toMatch(/^gd takes 2 arguments besides its options, not 1/);
    expect(error("clear(1)")).toBe("clear(…) takes names: clear(x, f)");
    expect(error("lagrange(x y)")).toMatch(/^lagrange takes at least 2 arguments, not 1/);
    // Operators say it the same way, from their rows.
    expect(error("det([1, 2; 3, 4], 2)")).toBe("det takes 1 argument, not 2: det(A)");
  });
  it("keeps positional relations positional: a point, a range, an index, an equation", () => {
    expect(value("sum(i^2, i = 1..4)")).toBe("30");
    expect(value("taylor(exp(x), x = 0, 2)")).toBe("1 + x + x²/2");
    expect(run("solve(x = 2 - x, x)").status).toBe("ok");
  });
  it("validates the train statement's optimizer and settings the same way", () => {
    const net =
      'layer h = dense(2 → 2, relu)\nlayer out = dense(2 → 1, sigmoid)\nnet = h → out\ndata = dataset("xor")\n';
    expect(run(`${net}train net on data with momentum(η = 0.1, β = 0.5), epochs = 2`).status).toBe("ok");
    expect(error(`${net}train net on data with adam(η = 0.1), epoch = 5`)).toBe(
      "train has no option epoch; did you mean epochs?",
    );
    expect(error(`${net}train net on data with momentum(η = 0.1, foo = 0.5)`)).toBe(
      "momentum has no option foo; its options are η, γ",
    );
    expect(error(`${net}train net on data with adam(0.1)`)).toBe(
      "write the optimizer's settings by name, as in adam(η = 0.01)",
    );
  });
  it("has one row per name", () => {
    const names = COMMANDS.flatMap((c) => [c.name, ...(c.aliases ?? [])]);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(lookupCommand(name)?.name).toBeDefined();
  });
});

describe("did you mean", () => {
  it("suggests a command or an operator from the two tables", () => {
    expect(error("slove(x^2 = 4, x)")).toMatch(/slove.*; did you mean solve\?$/);
    expect(error("jacobain([x y, x + y], [x, y])")).toMatch(/jacobain.*; did you mean jacobian\?$/);
    expect(error("lagrnage(x y, x + y = 10)")).toMatch(/lagrnage.*; did you mean lagrange\?$/);
  });
});
