// The float activations layers train with (nn/activations.ts, a fast path) agree with the operator
// rows they stand for: f with the row's float kernel, f′ with the row's partial derivative, at points
// off the kinks (relu, step and leaky_relu differ at 0 only in which one-sided value they take); any
// other scalar function of the table is an activation derived from its row.
import { describe, expect, it } from "vitest";
import { float } from "../src/graph/construct.js";
import { floatValue } from "../src/graph/evalf.js";
import { lookupOperator } from "../src/graph/operators.js";
import { ACTIVATIONS, activationOf } from "../src/nn/activations.js";
import { Session } from "../src/session.js";

const POINTS = [-7.5, -2, -0.75, -0.01, 0.02, 0.5, 1.25, 3, 9];

describe("layer activations agree with their operator rows", () => {
  const names = Object.keys(ACTIVATIONS).filter((name) => name !== "identity") as (keyof typeof ACTIVATIONS)[];
  it.each(names)("%s", (name) => {
    const row = lookupOperator(name);
    expect(row, `${name} has no operator row`).toBeDefined();
    const { f, df } = ACTIVATIONS[name];
    for (const z of POINTS) {
      // leaky_relu's slope is the row's default, 0.01.
      const args = row!.arity[1] > 1 && name === "leaky_relu" ? [float(z), float(0.01)] : [float(z)];
      const value = floatValue(row!.fold?.(args) ?? float(row!.float!(z)))!;
      expect(f(z), `${name}(${z})`).toBeCloseTo(value, 12);
      const slope = floatValue(row!.partials!(args)[0])!;
      expect(df(z, f(z)), `${name}'(${z})`).toBeCloseTo(slope, 10);
    }
  });
});

describe("any scalar function of the operator table is a layer activation", () => {
  it("trains a layer of hardtanh units, its derivative taken from the row", () => {
    const s = new Session();
    const results = s.run(
      'layer h = dense(2 → 8, hardtanh)\nlayer out = dense(8 → 1, σ)\nnet = h → out\ndata = dataset("moons", n = 60, seed = 2)\ntrain net on data with adam(η = 0.05), epochs = 30, seed = 3, init = "he"',
    );
    for (const r of results) expect(r.status, r.error?.message).toBe("ok");
    const { f, df } = activationOf("hardtanh")!;
    const row = lookupOperator("hardtanh")!;
    for (const z of POINTS) {
      expect(f(z)).toBe(row.float!(z));
      expect(df(z, f(z))).toBe(floatValue(row.partials!([float(z)])[0]));
    }
  });
  it("reads every name a row has, and identity and linear as no activation", () => {
    const [h, i, l, n] = new Session().run(
      "dense(2 → 2, σ)\ndense(2 → 2, identity)\ndense(2 → 2, linear)\ndense(2 → 2)",
    );
    expect(h.pretty).toBe("dense(2 → 2, sigmoid)");
    for (const r of [i, l, n]) expect(r.pretty).toBe("dense(2 → 2, identity)");
  });
  it("refuses what is not a function of one number", () => {
    expect(new Session().run("dense(2 → 2, max)")[0].error?.message).toMatch(/^unknown activation max/);
    expect(new Session().run("dense(2 → 2, frobnicate)")[0].error?.message).toMatch(/^unknown activation frobnicate/);
  });
});
