// plot(…): a display with Vega-Lite and the SVG vega renders from it (Nabla's own SVG without vega),
// whose curves skip the points where f is undefined.
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";
import type { Effect } from "../src/results.js";
import { lineSvg } from "../src/render/plot/svg.js";

/** The shapes vega drew for the data marks of one kind (line, symbol, rect), legends and axes left out. */
function marks(svg: string, kind: "line" | "symbol" | "rect"): number {
  const groups = [...svg.matchAll(new RegExp(`<g class="mark-${kind} role-mark[^"]*"[^>]*>(.*?)</g>`, "gs"))];
  return groups.reduce((n, g) => n + (g[1].match(/<path /g) ?? []).length, 0);
}

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
    expect(d.svg).toMatch(/^<svg [^>]*class="marks"/);
    expect(marks(d.svg!, "line")).toBe(2);
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
    const d = display(
      'layer a = dense(2 → 3, tanh)\nlayer b = dense(3 → 1, sigmoid)\nn = a → b\nd = dataset("xor")\nrun = train n on d with adam(η = 0.05), epochs = 30\nplot(run)',
    );
    expect(d.text).toBe("plot of training loss");
    expect((d.vegalite as { data: { values: unknown[] } }).data.values).toHaveLength(30);
  });
  it("draws a classifier's decision regions with its data", () => {
    const d = display(
      'layer a = dense(2 → 8, relu)\nlayer b = dense(8 → 3, softmax)\nn = a → b\nblobs = dataset("blobs", n = 90)\ntrain n on blobs with adam(η = 0.05), epochs = 50\nplot(n, blobs)',
    );
    expect(marks(d.svg!, "symbol")).toBe(90);
    expect(marks(d.svg!, "rect")).toBeGreaterThan(0);
    expect((d.vegalite as { layer: unknown[] }).layer).toHaveLength(2);
  });
  it("draws a descent path on the level map", () => {
    const d = display("plot(x^2 + 4y^2, gd(x^2 + 4y^2, [x, y] = [2, 1], η = 0.1, steps = 10))");
    expect(d.text).toBe("descent on x² + 4y²");
    expect(marks(d.svg!, "line")).toBe(1);
    expect(marks(d.svg!, "symbol")).toBe(11);
  });
  it("draws its own SVG where vega is missing, gaps included", () => {
    const svg = lineSvg([{ label: "1/x", xs: [-1, -0.5, 0, 0.5, 1], ys: [-1, -2, NaN, 2, 1] }]);
    expect(svg.match(/<path d="M[^"]*"/g)![0].match(/M/g)).toHaveLength(2);
  });
  it("draws a running mean beside the expectation it approaches (the law of large numbers)", () => {
    const d = display("B ~ Bernoulli(3/10)\nplot(cummean(sample(B, 200, seed = 1)), E(B))");
    const values = (d.vegalite as { data: { values: { x: number; y: number; series: string }[] } }).data.values;
    const level = values.filter((v) => v.series === "3/10");
    expect(level.map((v) => [v.x, v.y])).toEqual([
      [1, 0.3],
      [200, 0.3],
    ]);
    expect(values.filter((v) => v.series === "cummean(…)")).toHaveLength(200);
    expect(marks(d.svg!, "line")).toBe(2);
  });
  it("draws a data set of two features, or its projection on two principal components, as dots", () => {
    const data = "X = [2, 0; 0, 1; 3, 1; 4, 3; 5, 3; 1, 0]\n";
    const projection = display(`${data}plot(pca(X, 2))`);
    const spec = projection.vegalite as { mark: { type: string }; data: { values: { x: number; y: number }[] } };
    expect(spec.mark.type).toBe("point");
    // The dots are the rows of pca(X, 2).projected.
    const projected = new Session().run(`${data}N(pca(X, 2).projected)`)[1].text;
    const rows = projected
      .slice(1, -1)
      .split("; ")
      .map((row) => row.split(", ").map(Number));
    expect(spec.data.values.map((v) => [v.x, v.y])).toEqual(rows);
    expect(marks(projection.svg!, "symbol")).toBe(6);
    // With class labels, one colour per class.
    const labelled = display(`${data}plot(X, [0, 0, 1, 1, 1, 0])`);
    const series = (labelled.vegalite as { data: { values: { series: string }[] } }).data.values.map((v) => v.series);
    expect(series).toEqual(["class 0", "class 0", "class 0", "class 1", "class 1", "class 1"]);
  });
  it("refuses a projection on one component and labels that do not match the samples", () => {
    const X = "X = [2, 0; 0, 1; 3, 1; 4, 3]\n";
    expect(new Session().run(`${X}plot(pca(X, 1))`)[1].error?.message).toMatch(/write pca\(X, 2\)/);
    expect(new Session().run(`${X}plot(X, [1, 2])`)[1].error?.message).toMatch(/4 samples, 2 labels/);
  });
  it("draws dots in its own SVG too", () => {
    const svg = lineSvg([{ label: "samples", xs: [0, 1, 2], ys: [1, 0, 2], dots: true }]);
    expect(svg.match(/<circle /g)).toHaveLength(4);
    expect(svg).not.toMatch(/<path d="M/);
  });
  it("says what is missing", () => {
    const [r] = new Session().run("plot(x y, x = 0..1)");
    expect(r.error?.message).toBe("x y depends on y besides x");
  });
});
