// plot(…): a display with Vega-Lite and an SVG whose curves skip the points where f is undefined.
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";
import type { Effect } from "../src/results.js";

function display(code: string): Extract<Effect, { kind: "display" }> {
  const results = new Session().run(code);
  const r = results[results.length - 1];
  if (r.status !== "ok") throw new Error(r.error?.message);
  const d = r.effects.find((e) => e.kind === "display");
  if (!d || d.kind !== "display") throw new Error("no display");
  return d;
}

describe("plot", () => {
  it("draws several expressions over a range", () => {
    const d = display("plot(σ(x), d/dx σ(x), x = -6..6)");
    expect(d.text).toBe("plot of σ(x), σ(x)(1 − σ(x))");
    expect(d.svg!.match(/<path /g)).toHaveLength(2);
    const spec = d.vegalite as { data: { values: { series: string }[] }; mark: { type: string } };
    expect(spec.mark.type).toBe("line");
    expect(new Set(spec.data.values.map((v) => v.series))).toEqual(new Set(["σ(x)", "σ(x)(1 − σ(x))"]));
  });
  it("leaves gaps where the function is undefined", () => {
    const d = display("plot(log(x), x = -2..2)");
    const spec = d.vegalite as { data: { values: { x: number }[] } };
    expect(spec.data.values.every((v) => v.x > 0)).toBe(true);
  });
  it("draws a training run's loss curve", () => {
    const d = display('layer a = dense(2 → 3, tanh)\nlayer b = dense(3 → 1, sigmoid)\nn = a → b\nd = dataset("xor")\nrun = train n on d with adam(η = 0.05), epochs = 30\nplot(run)');
    expect(d.text).toBe("plot of training loss");
    expect((d.vegalite as { data: { values: unknown[] } }).data.values).toHaveLength(30);
  });
  it("draws a classifier's decision regions with its data", () => {
    const d = display('layer a = dense(2 → 8, relu)\nlayer b = dense(8 → 3, softmax)\nn = a → b\nblobs = dataset("blobs", n = 90)\ntrain n on blobs with adam(η = 0.05), epochs = 50\nplot(n, blobs)');
    expect(d.svg!.match(/<circle /g)).toHaveLength(90);
    expect((d.vegalite as { layer: unknown[] }).layer).toHaveLength(2);
  });
  it("draws a descent path on the level map", () => {
    const d = display("plot(x^2 + 4y^2, gd(x^2 + 4y^2, [x, y] = [2, 1], η = 0.1, steps = 10))");
    expect(d.text).toBe("descent on x² + 4y²");
    expect(d.svg!.match(/<circle /g)).toHaveLength(11);
  });
  it("says what is missing", () => {
    const [r] = new Session().run("plot(x y, x = 0..1)");
    expect(r.error?.message).toBe("xy depends on y besides x");
  });
});
