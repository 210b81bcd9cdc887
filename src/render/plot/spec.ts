// Plots as Vega-Lite v5 specifications (JupyterLab renders them natively), with the data inline.
export interface Series {
  label: string;
  xs: number[];
  ys: number[];
}

export type VegaLite = Record<string, unknown>;

/** Finite points only: a pole or a log of a negative is a gap, not a crash. */
export function finitePoints(series: Series[]): { x: number; y: number; series: string }[] {
  return series.flatMap((s) => s.xs.map((x, i) => ({ x, y: s.ys[i], series: s.label })).filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y)));
}

export function lineSpec(series: Series[], options: { title?: string; xLabel?: string; yLabel?: string } = {}): VegaLite {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    width: 480,
    height: 300,
    ...(options.title ? { title: options.title } : {}),
    data: { values: finitePoints(series) },
    mark: { type: "line", clip: true },
    encoding: {
      x: { field: "x", type: "quantitative", title: options.xLabel ?? "x" },
      y: { field: "y", type: "quantitative", title: options.yLabel ?? "" },
      color: { field: "series", type: "nominal", title: null },
    },
  };
}

/** Samples f at n points of [from, to], adding the points either side of a jump so kinks stay sharp. */
export function sample(f: (x: number) => number, from: number, to: number, n = 400): { xs: number[]; ys: number[] } {
  const xs: number[] = [];
  for (let i = 0; i <= n; i++) xs.push(from + ((to - from) * i) / n);
  if (from < 0 && to > 0 && !xs.includes(0)) xs.push(0);
  xs.sort((a, b) => a - b);
  return { xs, ys: xs.map(f) };
}
