// A plot record (engine/plot-data.ts) drawn: Vega-Lite for JupyterLab, and SVG for everything
// else (Vega's own rendering when it is available, Nabla's direct SVG otherwise).
import type { Plot } from "../../engine/plot-data.js";
import type { Effect } from "../../results.js";
import { contourSpec, contourSvg, decisionSpec, decisionSvg } from "./fields.js";
import { lineSpec, type VegaLite } from "./spec.js";
import { lineSvg } from "./svg.js";
import { vegaSvg } from "./vega.js";

export function drawPlot(plot: Plot): { vegalite: VegaLite; svg: string } {
  switch (plot.kind) {
    case "lines": {
      const labels = { title: plot.title ?? "", xLabel: plot.xLabel ?? "", yLabel: plot.yLabel ?? "" };
      const vegalite = lineSpec(plot.series, labels);
      return { vegalite, svg: vegaSvg(vegalite) ?? lineSvg(plot.series, labels) };
    }
    case "decision": {
      const vegalite = decisionSpec(plot.grid, plot.points, plot.title);
      return { vegalite, svg: vegaSvg(vegalite) ?? decisionSvg(plot.grid, plot.points, plot.title) };
    }
    case "contour": {
      const vegalite = contourSpec(plot.grid, plot.path, plot.title);
      return { vegalite, svg: vegaSvg(vegalite) ?? contourSvg(plot.grid, plot.path, plot.title) };
    }
  }
}

/** A display effect with a plot in it, as front ends receive it: the plot drawn, the record dropped. */
export function drawEffect(effect: Effect): Effect {
  if (effect.kind !== "display" || !effect.plot) return effect;
  const { plot, ...rest } = effect;
  return { ...rest, ...drawPlot(plot) };
}
