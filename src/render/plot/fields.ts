// Pictures over the plane: a classifier's decision regions with its data, and a function's level
// map with a descent path on it. Vega-Lite for JupyterLab, SVG (written directly) for the rest.
import type { Grid } from "../../engine/plot-data.js";
import type { VegaLite } from "./spec.js";

const SIZE = 360;
const PAD = 40;
const CLASS_FILL = ["#c6dbef", "#fdd0a2", "#c7e9c0", "#fcbba1", "#dadaeb"];
const CLASS_STROKE = ["#2171b5", "#d94801", "#238b45", "#cb181d", "#6a51a3"];
const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
const fmt = (v: number) => String(Number(v.toPrecision(3)));

function frame(
  grid: Grid,
  title: string,
  body: (px: (x: number) => number, py: (y: number) => number, cw: number, ch: number) => string[],
): string {
  const [x0, x1] = [grid.xs[0], grid.xs[grid.xs.length - 1]];
  const [y0, y1] = [grid.ys[0], grid.ys[grid.ys.length - 1]];
  const px = (x: number) => PAD + ((x - x0) / (x1 - x0)) * SIZE;
  const py = (y: number) => PAD + SIZE - ((y - y0) / (y1 - y0)) * SIZE;
  const cw = SIZE / (grid.xs.length - 1);
  const ch = SIZE / (grid.ys.length - 1);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE + 2 * PAD}" height="${SIZE + 2 * PAD}" viewBox="0 0 ${SIZE + 2 * PAD} ${SIZE + 2 * PAD}" font-family="sans-serif" font-size="11">`,
    `<rect width="${SIZE + 2 * PAD}" height="${SIZE + 2 * PAD}" fill="white"/>`,
  ];
  parts.push(...body(px, py, cw, ch));
  parts.push(`<rect x="${PAD}" y="${PAD}" width="${SIZE}" height="${SIZE}" fill="none" stroke="#888"/>`);
  parts.push(
    `<text x="${PAD}" y="${PAD + SIZE + 16}">${fmt(x0)}</text><text x="${PAD + SIZE}" y="${PAD + SIZE + 16}" text-anchor="end">${fmt(x1)}</text>`,
  );
  parts.push(
    `<text x="${PAD - 4}" y="${PAD + SIZE}" text-anchor="end">${fmt(y0)}</text><text x="${PAD - 4}" y="${PAD + 10}" text-anchor="end">${fmt(y1)}</text>`,
  );
  parts.push(`<text x="${PAD}" y="${PAD - 12}" font-size="13" font-weight="bold">${esc(title)}</text>`, "</svg>");
  return parts.join("");
}

export function decisionSvg(grid: Grid, points: { x: number; y: number; label: number }[], title: string): string {
  return frame(grid, title, (px, py, cw, ch) => {
    const out: string[] = [];
    grid.ys.forEach((y, j) =>
      grid.xs.forEach((x, i) =>
        out.push(
          `<rect x="${(px(x) - cw / 2).toFixed(1)}" y="${(py(y) - ch / 2).toFixed(1)}" width="${(cw + 0.5).toFixed(1)}" height="${(ch + 0.5).toFixed(1)}" fill="${CLASS_FILL[grid.values[j][i] % CLASS_FILL.length]}"/>`,
        ),
      ),
    );
    for (const p of points)
      out.push(
        `<circle cx="${px(p.x).toFixed(1)}" cy="${py(p.y).toFixed(1)}" r="3.5" fill="${CLASS_STROKE[p.label % CLASS_STROKE.length]}" stroke="white" stroke-width="0.8"/>`,
      );
    return out;
  });
}

export function decisionSpec(grid: Grid, points: { x: number; y: number; label: number }[], title: string): VegaLite {
  const cells = runs(grid, (v) => v).map((r) => ({ ...r, class: String(r.value) }));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title,
    width: 360,
    height: 360,
    layer: [
      {
        data: { values: cells },
        mark: { type: "rect", opacity: 0.35 },
        encoding: { ...cellEncoding(grid), color: { field: "class", type: "nominal" } },
      },
      {
        data: { values: points.map((p) => ({ ...p, class: String(p.label) })) },
        mark: { type: "circle", size: 40, opacity: 0.9 },
        encoding: { ...pointEncoding(grid), color: { field: "class", type: "nominal" } },
      },
    ],
  };
}

/** Level map: light to dark by value (log-scaled so bowls show their rings), the path on top. */
export function contourSvg(grid: Grid, path: [number, number][], title: string): string {
  const flat = grid.values.flat().filter(Number.isFinite);
  const lo = Math.min(...flat);
  const hi = Math.max(...flat);
  const shade = (v: number) => {
    const t = Math.log1p(Math.max(0, v - lo)) / Math.log1p(Math.max(1e-12, hi - lo));
    const band = Math.floor(t * 12) / 12;
    const c = Math.round(250 - band * 170);
    return `rgb(${c},${Math.round(c * 0.97)},255)`;
  };
  return frame(grid, title, (px, py, cw, ch) => {
    const out: string[] = [];
    grid.ys.forEach((y, j) =>
      grid.xs.forEach((x, i) =>
        out.push(
          `<rect x="${(px(x) - cw / 2).toFixed(1)}" y="${(py(y) - ch / 2).toFixed(1)}" width="${(cw + 0.5).toFixed(1)}" height="${(ch + 0.5).toFixed(1)}" fill="${shade(grid.values[j][i])}"/>`,
        ),
      ),
    );
    out.push(
      `<path d="${path.map(([x, y], k) => `${k ? "L" : "M"}${px(x).toFixed(1)} ${py(y).toFixed(1)}`).join(" ")}" fill="none" stroke="#d62728" stroke-width="2"/>`,
    );
    for (const [x, y] of path)
      out.push(`<circle cx="${px(x).toFixed(1)}" cy="${py(y).toFixed(1)}" r="3" fill="#d62728"/>`);
    return out;
  });
}

export function contourSpec(grid: Grid, path: [number, number][], title: string): VegaLite {
  const flat = grid.values.flat().filter(Number.isFinite);
  const lo = Math.min(...flat);
  const hi = Math.max(...flat);
  // Twelve bands on a log scale, as the levels of a contour map; each band shows its lowest value.
  const span = Math.log1p(Math.max(1e-12, hi - lo));
  const band = (v: number) =>
    Number.isFinite(v) ? lo + Math.expm1((Math.floor((Math.log1p(Math.max(0, v - lo)) / span) * 12) / 12) * span) : NaN;
  const cells = runs(grid, band, 0.05)
    .filter((r) => Number.isFinite(r.value))
    .map((r) => ({ ...r, f: Number(r.value.toPrecision(3)) }));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title,
    width: 360,
    height: 360,
    layer: [
      {
        data: { values: cells },
        mark: { type: "rect" },
        encoding: {
          ...cellEncoding(grid),
          color: { field: "f", type: "quantitative", scale: { type: "symlog", scheme: "blues" } },
        },
      },
      {
        data: { values: path.map(([x, y], step) => ({ x, y, step })) },
        mark: { type: "line", point: true, color: "#d62728" },
        encoding: { ...pointEncoding(grid), order: { field: "step" } },
      },
    ],
  };
}

/**
 * Along each row of the grid, runs of one value as single rectangles over their cells; opaque
 * maps overlap the next row a little so that anti-aliasing leaves no seams.
 */
function runs(
  grid: Grid,
  key: (v: number) => number,
  overlap = 0,
): { x: number; x2: number; y: number; y2: number; value: number }[] {
  const dx = (grid.xs[grid.xs.length - 1] - grid.xs[0]) / (grid.xs.length - 1);
  const dy = (grid.ys[grid.ys.length - 1] - grid.ys[0]) / (grid.ys.length - 1);
  const out: { x: number; x2: number; y: number; y2: number; value: number }[] = [];
  grid.ys.forEach((y, j) => {
    let start = 0;
    for (let i = 1; i <= grid.xs.length; i++) {
      const here = key(grid.values[j][start]);
      if (i < grid.xs.length && Object.is(key(grid.values[j][i]), here)) continue;
      out.push({
        x: grid.xs[start] - dx / 2,
        x2: grid.xs[i - 1] + dx / 2,
        y: y - dy / 2,
        y2: y + dy / 2 + overlap * dy,
        value: here,
      });
      start = i;
    }
  });
  return out;
}

/** The grid's extent exactly (no rounding out to nice numbers), so the cells fill the frame. */
function domains(grid: Grid): { x: number[]; y: number[] } {
  const half = (v: number[]) => (v[v.length - 1] - v[0]) / (v.length - 1) / 2;
  return {
    x: [grid.xs[0] - half(grid.xs), grid.xs[grid.xs.length - 1] + half(grid.xs)],
    y: [grid.ys[0] - half(grid.ys), grid.ys[grid.ys.length - 1] + half(grid.ys)],
  };
}

function pointEncoding(grid: Grid) {
  const d = domains(grid);
  return {
    x: { field: "x", type: "quantitative", title: "x", scale: { domain: d.x, nice: false, zero: false } },
    y: { field: "y", type: "quantitative", title: "y", scale: { domain: d.y, nice: false, zero: false } },
  };
}

function cellEncoding(grid: Grid) {
  return { ...pointEncoding(grid), x2: { field: "x2" }, y2: { field: "y2" } };
}
