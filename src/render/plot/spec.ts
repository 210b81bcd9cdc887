// Plots as Vega-Lite v5 specifications (JupyterLab renders them natively), with the data inline.
import type { Series } from "../../engine/plot-data.js";

export type { Series };

export type VegaLite = Record<string, unknown>;

/** Finite points only: a pole or a log of a negative is a gap, not a crash. */
export function finitePoints(series: Series[]): { x: number; y: number; series: string }[] {
  return series.flatMap((s) =>
    s.xs
      .map((x, i) => ({ x, y: s.ys[i], series: s.label }))
      .filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y)),
  );
}

export function lineSpec(
  series: Series[],
  options: { title?: string; xLabel?: string; yLabel?: string } = {},
): VegaLite {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    width: 480,
    height: 300,
    ...(options.title ? { title: options.title } : {}),
    data: { values: finitePoints(series) },
    mark:
      series.length > 0 && series.every((s) => s.dots) ? { type: "point", filled: true } : { type: "line", clip: true },
    encoding: {
      x: { field: "x", type: "quantitative", title: options.xLabel ?? "x" },
      y: { field: "y", type: "quantitative", title: options.yLabel ?? "" },
      color: { field: "series", type: "nominal", title: null },
    },
  };
}
