// What a plot is, as data: the engine samples the curves, grids and paths; render/plot/draw.ts
// turns a plot into Vega-Lite and SVG. So the plot command knows nothing of either format.

/** One curve, or one group of points of a scatter plot: its label and its points. */
export interface Series {
  label: string;
  xs: number[];
  ys: number[];
  /** Points are drawn as dots (a data set, a projection), not joined as a curve. */
  dots?: true;
}

/** A function sampled over a rectangle of the plane. */
export interface Grid {
  xs: number[];
  ys: number[];
  /** values[j][i] at (xs[i], ys[j]). */
  values: number[][];
}

export type Plot =
  | { kind: "lines"; series: Series[]; title?: string; xLabel?: string; yLabel?: string }
  /** A classifier's regions over a grid, with the labelled data. */
  | { kind: "decision"; grid: Grid; points: { x: number; y: number; label: number }[]; title: string }
  /** A level map with a descent path on it. */
  | { kind: "contour"; grid: Grid; path: [number, number][]; title: string };

/** Samples f at n points of [from, to], adding the points either side of a jump so kinks stay sharp. */
export function sample(f: (x: number) => number, from: number, to: number, n = 400): { xs: number[]; ys: number[] } {
  const xs: number[] = [];
  for (let i = 0; i <= n; i++) xs.push(from + ((to - from) * i) / n);
  if (from < 0 && to > 0 && !xs.includes(0)) xs.push(0);
  xs.sort((a, b) => a - b);
  return { xs, ys: xs.map(f) };
}

export function gridOver(
  x0: number,
  x1: number,
  y0: number,
  y1: number,
  n: number,
  f: (x: number, y: number) => number,
): Grid {
  const xs = Array.from({ length: n }, (_, i) => x0 + ((x1 - x0) * i) / (n - 1));
  const ys = Array.from({ length: n }, (_, j) => y0 + ((y1 - y0) * j) / (n - 1));
  return { xs, ys, values: ys.map((y) => xs.map((x) => f(x, y))) };
}
