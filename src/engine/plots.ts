// plot(f, g, …, x = a..b) draws expressions of one variable; plot(training) draws a loss curve.
// The picture goes out as a display: Vega-Lite for JupyterLab, SVG for everything else.
import { mathError } from "../errors.js";
import { sym, tuple } from "../graph/construct.js";
import type { Node } from "../graph/node.js";
import { floatValue } from "../graph/evalf.js";
import { freeSymbols } from "../graph/traverse.js";
import { toPretty } from "../render/index.js";
import { lineSpec, sample, type Series } from "../render/plot/spec.js";
import { lineSvg } from "../render/plot/svg.js";
import type { Expr } from "../syntax/ast.js";
import { evaluateAt } from "./numeric-eval.js";
import type { Evaluator } from "./evaluate.js";

function numbersOf(n: Node): number[] | null {
  if (n.kind !== "tuple" && n.kind !== "tensor") return null;
  const items = n.kind === "tuple" ? n.items : n.entries;
  const values = items.map((i) => floatValue(i));
  return values.every((v) => v !== null) ? (values as number[]) : null;
}

export function plotCommand(args: Expr[], ev: Evaluator): Node {
  const range = args.find((a) => a.kind === "relation" && a.op === "=" && a.right.kind === "range");
  const shown = args.filter((a) => a !== range);
  if (shown.length === 0) throw mathError("write plot(f(x), x = -6..6), or plot(training) for a loss curve");
  let series: Series[];
  let labels = { title: "", xLabel: "x", yLabel: "" };
  if (!range) {
    // A training result, or lists of numbers: curves against their index (epochs).
    series = shown.map((e, k) => {
      const v = ev.expr(e);
      if (v.kind === "record" && v.tag === "training") {
        const history = numbersOf(v.fields.find((f) => f.name === "history")!.value) ?? [];
        return { label: "training loss", xs: history.map((_, i) => i + 1), ys: history };
      }
      const ys = numbersOf(v);
      if (!ys) throw mathError("plot needs a range for an expression (x = -6..6), or a list of numbers");
      return { label: e.kind === "name" ? e.name : `series ${k + 1}`, xs: ys.map((_, i) => i + 1), ys };
    });
    const training = shown.map((e) => ev.expr(e)).find((v) => v.kind === "record" && v.tag === "training");
    const validation = training?.kind === "record" ? training.fields.find((f) => f.name === "validation")?.value : undefined;
    if (validation) {
      const ys = numbersOf(validation) ?? [];
      series.push({ label: "validation loss", xs: ys.map((_, i) => i + 1), ys });
    }
    labels = { title: "", xLabel: "epoch", yLabel: "loss" };
  } else {
    if (range.kind !== "relation" || range.left.kind !== "name" || range.right.kind !== "range") throw mathError("write the range as x = a..b");
    const variable = sym(range.left.name);
    const from = floatValue(ev.expr(range.right.from));
    const to = floatValue(ev.expr(range.right.to));
    if (from === null || to === null || !(from < to)) throw mathError("the range needs numbers a < b, as in x = -6..6");
    series = shown.map((e) => {
      const v = ev.expr(e);
      const others = freeSymbols(v).filter((s) => s !== variable);
      if (others.length) throw mathError(`${toPretty(v)} depends on ${others.map(toPretty).join(", ")} besides ${range.left.kind === "name" ? range.left.name : "x"}`);
      const { xs, ys } = sample((x) => evaluateAt(v, new Map([[variable, x]])), from, to);
      return { label: toPretty(v), xs, ys };
    });
    labels = { title: "", xLabel: range.left.name, yLabel: "" };
  }
  const text = `plot of ${series.map((s) => s.label).join(", ")}`;
  ev.env.emit({ kind: "display", text, svg: lineSvg(series, labels), vegalite: lineSpec(series, labels) });
  return tuple([]);
}
