// The float activations layers train with (nn/activations.ts, a fast path) agree with the operator
// rows they stand for: f with the row's float kernel, f′ with the row's partial derivative, at points
// off the kinks (relu, step and leaky_relu differ at 0 only in which one-sided value they take).
import { describe, expect, it } from "vitest";
import { float } from "../src/graph/construct.js";
import { floatValue } from "../src/graph/evalf.js";
import { lookupOperator } from "../src/graph/operators.js";
import { ACTIVATIONS } from "../src/nn/activations.js";

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
