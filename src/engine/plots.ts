// plot(f, g, …, x = a..b) draws expressions of one variable; plot(training) draws a loss curve;
// plot(list, number) draws lists against their index with a level line (a running mean and the
// expectation it approaches); plot(pca(X, 2)) and plot(X, labels) draw samples as dots.
// The picture goes out as a display: Vega-Lite for JupyterLab, and for everything else the SVG vega
// renders from that same spec (or, without vega, the SVG Nabla draws itself).
import { mathError } from "../errors.js";
import { sym, tuple } from "../graph/construct.js";
import type { Node } from "../graph/node.js";
import { floatValue } from "../graph/evalf.js";
import { freeSymbols } from "../graph/traverse.js";
import { toPretty } from "../graph/print/forms.js";
import type { Expr } from "../syntax/ast.js";
import { evaluateAt } from "./numeric-eval.js";
import type { Evaluation as Evaluator } from "./commands/entry.js";
import { gridOver, sample, type Plot, type Series } from "./plot-data.js";
import { labelOf, predictClass, trainedModel } from "./networks.js";

/** The plot as data: the session has render/ draw it (Vega-Lite and SVG) before front ends see it. */
function display(ev: Evaluator, text: string, plot: Plot): void {
  ev.env.emit({ kind: "display", text, plot });
}

function numbersOf(n: Node): number[] | null {
  if (n.kind !== "tuple" && n.kind !== "tensor") return null;
  const items = n.kind === "tuple" ? n.items : n.entries;
  const values = items.map((i) => floatValue(i));
  return values.every((v) => v !== null) ? (values as number[]) : null;
}

/** plot(net, data): the decision regions of a trained classifier of two features, with its data. */
function decisionPlot(net: Node, data: Node, ev: Evaluator): Node {
  const { model, dataset } = trainedModel(net, data, ev);
  if (dataset.features !== 2) throw mathError("decision regions are drawn for data with two features");
  const xs = Array.from({ length: dataset.samples }, (_, r) => dataset.X[2 * r]);
  const ys = Array.from({ length: dataset.samples }, (_, r) => dataset.X[2 * r + 1]);
  // Loops, not Math.min(...xs): spread arguments overflow the stack past ~100,000 samples.
  const [x0, x1] = [xs.reduce((m, x) => Math.min(m, x), Infinity), xs.reduce((m, x) => Math.max(m, x), -Infinity)];
  const [y0, y1] = [ys.reduce((m, y) => Math.min(m, y), Infinity), ys.reduce((m, y) => Math.max(m, y), -Infinity)];
  const grid = gridOver(
    x0 - ((x1 - x0) * 0.1 + 0.1),
    x1 + ((x1 - x0) * 0.1 + 0.1),
    y0 - ((y1 - y0) * 0.1 + 0.1),
    y1 + ((y1 - y0) * 0.1 + 0.1),
    60,
    (x, y) => predictClass(model, x, y),
  );
  const points = xs.map((x, r) => ({ x, y: ys[r], label: labelOf(dataset, r) }));
  const title = `decision regions of ${toPretty(net)}`;
  display(ev, title, { kind: "decision", grid, points, title: "decision regions" });
  return tuple([]);
}

/** plot(f(x, y), gd(…)): the descent path on a level map of f. */
function descentPlot(f: Node, run: Node & { kind: "record" }, ev: Evaluator): Node {
  const path = run.fields.find((x) => x.name === "path")!.value;
  const points = (path.kind === "tuple" ? path.items : []).map((p) =>
    p.kind === "tensor" ? p.entries.map((e) => floatValue(e) ?? NaN) : [floatValue(p) ?? NaN],
  );
  const vars = freeSymbols(f);
  if (vars.length !== 2 || points.some((p) => p.length !== 2))
    throw mathError(
      "plot(f, gd(…)) draws descents in two variables, as in gd(f, [x, y] = [2, 1], η = 0.1, steps = 10)",
    );
  const [u, v] = vars;
  const px = points.map((p) => p[0]);
  const py = points.map((p) => p[1]);
  const span = Math.max(Math.max(...px) - Math.min(...px), Math.max(...py) - Math.min(...py), 1) * 0.25;
  const grid = gridOver(
    Math.min(...px) - span,
    Math.max(...px) + span,
    Math.min(...py) - span,
    Math.max(...py) + span,
    70,
    (x, y) =>
      evaluateAt(
        f,
        new Map([
          [u, x],
          [v, y],
        ]),
      ),
  );
  const title = `descent on ${toPretty(f)}`;
  const pairs = points.map((p) => [p[0], p[1]] as [number, number]);
  display(ev, title, { kind: "contour", grid, path: pairs, title });
  return tuple([]);
}

/** The rows of an n×2 matrix of numbers as points, or null. */
function pointsOf(v: Node): { xs: number[]; ys: number[] } | null {
  if (v.kind !== "tensor" || v.shape.length !== 2 || v.shape[1] !== 2) return null;
  const values = v.entries.map((e) => floatValue(e));
  if (values.some((x) => x === null)) return null;
  const n = v.shape[0] as number;
  return {
    xs: Array.from({ length: n }, (_, r) => values[2 * r]!),
    ys: Array.from({ length: n }, (_, r) => values[2 * r + 1]!),
  };
}

/**
 * plot(pca(X, 2)), plot(X) for a data matrix of two features, and either with a vector of class
 * labels (plot(pca(X, 2), y)): the samples as dots, one colour per class. Null when the arguments
 * are not of that kind.
 */
function scatterPlot(args: Expr[], ev: Evaluator): Node | null {
  if (args.length > 2 || args.some((a) => a.kind === "relation")) return null;
  const first = ev.expr(args[0]);
  const projection = first.kind === "record" && first.tag === "pca";
  const data = projection ? first.fields.find((f) => f.name === "projected")?.value : first;
  if (!data) return null;
  const points = pointsOf(data);
  if (!points) {
    if (projection) throw mathError("plot(pca(X, k)) draws the data projected on two components: write pca(X, 2)");
    return null;
  }
  let labels: (number | null)[] | null = null;
  if (args.length === 2) {
    const second = ev.expr(args[1]);
    if (second.kind !== "tensor" || second.shape.length !== 1) return null;
    labels = second.entries.map((e) => floatValue(e));
    if (labels.length !== points.xs.length)
      throw mathError(
        `plot(data, labels) needs one label per sample: ${points.xs.length} samples, ${labels.length} labels`,
      );
  }
  const groups = new Map<string, Series>();
  points.xs.forEach((x, i) => {
    const label = labels ? `class ${labels[i] ?? "?"}` : "samples";
    const group = groups.get(label) ?? { label, xs: [], ys: [], dots: true as const };
    group.xs.push(x);
    group.ys.push(points.ys[i]);
    groups.set(label, group);
  });
  const series = [...groups.values()].sort((a, b) => (a.label < b.label ? -1 : 1));
  const [xLabel, yLabel] = projection ? ["PC1", "PC2"] : ["x₁", "x₂"];
  const title = projection ? "data projected on the first two principal components" : "";
  display(ev, `scatter plot of ${points.xs.length} samples`, { kind: "lines", series, title, xLabel, yLabel });
  return tuple([]);
}

export function plotCommand(args: Expr[], ev: Evaluator): Node {
  const scatter = scatterPlot(args, ev);
  if (scatter) return scatter;
  if (args.length === 2 && !args.some((a) => a.kind === "relation")) {
    const [a, b] = args.map((e) => ev.expr(e));
    if (a.kind === "record" && (a.tag === "network" || a.tag === "layer") && b.kind === "record" && b.tag === "dataset")
      return decisionPlot(a, b, ev);
    if (b.kind === "record" && b.tag === "descent") return descentPlot(a, b, ev);
  }
  const range = args.find((a) => a.kind === "relation" && a.op === "=" && a.right.kind === "range");
  const shown = args.filter((a) => a !== range);
  if (shown.length === 0) throw mathError("write plot(f(x), x = -6..6), or plot(training) for a loss curve");
  let series: Series[];
  let labels: { title: string; xLabel: string; yLabel: string };
  if (!range) {
    // A training result, or lists of numbers: curves against their index (epochs).
    series = shown.map((e, k) => {
      const v = ev.expr(e);
      if (v.kind === "record" && v.tag === "training") {
        const history = numbersOf(v.fields.find((f) => f.name === "history")!.value) ?? [];
        return { label: "training loss", xs: history.map((_, i) => i + 1), ys: history };
      }
      // A number beside lists is a level line across them (the expectation a running mean approaches).
      const level = v.shape.length === 0 ? floatValue(v) : null;
      if (level !== null) return { label: toPretty(v), xs: [], ys: [level] };
      const ys = numbersOf(v);
      if (!ys) throw mathError("plot needs a range for an expression (x = -6..6), or a list of numbers");
      const label = e.kind === "name" ? e.name : e.kind === "call" ? `${e.callee}(…)` : `series ${k + 1}`;
      return { label, xs: ys.map((_, i) => i + 1), ys };
    });
    const longest = Math.max(1, ...series.map((s) => s.xs.length));
    if (series.every((s) => s.xs.length === 0))
      throw mathError("plot needs a range for an expression (x = -6..6), or a list of numbers");
    for (const s of series)
      if (s.xs.length === 0) {
        s.xs = [1, longest];
        s.ys = [s.ys[0], s.ys[0]];
      }
    const training = shown.map((e) => ev.expr(e)).find((v) => v.kind === "record" && v.tag === "training");
    const validation =
      training?.kind === "record" ? training.fields.find((f) => f.name === "validation")?.value : undefined;
    if (validation) {
      const ys = numbersOf(validation) ?? [];
      series.push({ label: "validation loss", xs: ys.map((_, i) => i + 1), ys });
    }
    labels = training ? { title: "", xLabel: "epoch", yLabel: "loss" } : { title: "", xLabel: "n", yLabel: "" };
  } else {
    if (range.kind !== "relation" || range.left.kind !== "name" || range.right.kind !== "range")
      throw mathError("write the range as x = a..b");
    const variable = sym(range.left.name);
    const from = floatValue(ev.expr(range.right.from));
    const to = floatValue(ev.expr(range.right.to));
    if (from === null || to === null || !(from < to)) throw mathError("the range needs numbers a < b, as in x = -6..6");
    series = shown.map((e) => {
      const v = ev.expr(e);
      const others = freeSymbols(v).filter((s) => s !== variable);
      if (others.length)
        throw mathError(
          `${toPretty(v)} depends on ${others.map(toPretty).join(", ")} besides ${range.left.kind === "name" ? range.left.name : "x"}`,
        );
      const { xs, ys } = sample((x) => evaluateAt(v, new Map([[variable, x]])), from, to);
      return { label: toPretty(v), xs, ys };
    });
    labels = { title: "", xLabel: range.left.name, yLabel: "" };
  }
  const text = `plot of ${series.map((s) => s.label).join(", ")}`;
  display(ev, text, { kind: "lines", series, ...labels });
  return tuple([]);
}
