// A line chart (or a scatter plot: series of dots) as SVG, written directly (synchronously, no browser and no network):
// axes with
// rounded ticks, one polyline per series broken at gaps, a legend. It is the fallback for front
// ends that do not render Vega-Lite (classic Notebook, nbconvert HTML, the terminal's files).
import type { Series } from "./spec.js";

const COLORS = ["#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2"];
const W = 520;
const H = 340;
const M = { left: 56, right: 120, top: 28, bottom: 42 };

function niceTicks(lo: number, hi: number, count = 6): number[] {
  if (lo === hi) return [lo];
  const step0 = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(step0));
  const step = [1, 2, 5, 10].map((k) => k * mag).find((s) => s >= step0) ?? step0;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step)
    out.push(Math.abs(t) < step * 1e-9 ? 0 : t);
  return out;
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
const fmt = (v: number) => String(Number(v.toPrecision(6)));

/** The least and greatest of the values, by a loop: Math.min(...xs) overflows the stack past ~100,000 points. */
function extent(xs: readonly number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of xs) {
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  return [lo, hi];
}

export function lineSvg(series: Series[], options: { title?: string; xLabel?: string; yLabel?: string } = {}): string {
  const points = series.flatMap((s) =>
    s.xs.map((x, i) => [x, s.ys[i]]).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)),
  );
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  let [x0, x1] = extent(xs);
  let [y0, y1] = extent(ys);
  if (!points.length) [x0, x1, y0, y1] = [0, 1, 0, 1];
  if (y0 === y1) [y0, y1] = [y0 - 1, y1 + 1];
  if (x0 === x1) [x0, x1] = [x0 - 1, x1 + 1];
  const pad = (y1 - y0) * 0.05;
  [y0, y1] = [y0 - pad, y1 + pad];
  const px = (x: number) => M.left + ((x - x0) / (x1 - x0)) * (W - M.left - M.right);
  const py = (y: number) => H - M.bottom - ((y - y0) / (y1 - y0)) * (H - M.top - M.bottom);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
  ];
  if (options.title)
    parts.push(`<text x="${M.left}" y="16" font-size="13" font-weight="bold">${esc(options.title)}</text>`);
  for (const t of niceTicks(x0, x1))
    parts.push(
      `<line x1="${px(t)}" x2="${px(t)}" y1="${M.top}" y2="${H - M.bottom}" stroke="#eee"/><text x="${px(t)}" y="${H - M.bottom + 14}" text-anchor="middle">${fmt(t)}</text>`,
    );
  for (const t of niceTicks(y0, y1))
    parts.push(
      `<line x1="${M.left}" x2="${W - M.right}" y1="${py(t)}" y2="${py(t)}" stroke="#eee"/><text x="${M.left - 6}" y="${py(t) + 4}" text-anchor="end">${fmt(t)}</text>`,
    );
  parts.push(
    `<rect x="${M.left}" y="${M.top}" width="${W - M.left - M.right}" height="${H - M.top - M.bottom}" fill="none" stroke="#888"/>`,
  );
  if (options.xLabel)
    parts.push(
      `<text x="${(M.left + W - M.right) / 2}" y="${H - 8}" text-anchor="middle">${esc(options.xLabel)}</text>`,
    );
  if (options.yLabel)
    parts.push(
      `<text transform="translate(14 ${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(options.yLabel)}</text>`,
    );
  series.forEach((s, k) => {
    const color = COLORS[k % COLORS.length];
    if (s.dots) {
      const dots = s.xs
        .map((x, i) => [x, s.ys[i]])
        .filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y))
        .map(([x, y]) => `<circle cx="${px(x).toFixed(1)}" cy="${py(y).toFixed(1)}" r="3" fill="${color}"/>`);
      for (const dot of dots) parts.push(dot);
      parts.push(
        `<circle cx="${W - M.right + 19}" cy="${M.top + 10 + k * 16}" r="3" fill="${color}"/><text x="${W - M.right + 32}" y="${M.top + 14 + k * 16}">${esc(s.label)}</text>`,
      );
      return;
    }
    let path = "";
    let pen = false;
    s.xs.forEach((x, i) => {
      const y = s.ys[i];
      if (!Number.isFinite(x) || !Number.isFinite(y)) {
        pen = false;
        return;
      }
      path += `${pen ? "L" : "M"}${px(x).toFixed(1)} ${py(y).toFixed(1)} `;
      pen = true;
    });
    parts.push(`<path d="${path.trim()}" fill="none" stroke="${color}" stroke-width="2"/>`);
    parts.push(
      `<line x1="${W - M.right + 10}" x2="${W - M.right + 28}" y1="${M.top + 10 + k * 16}" y2="${M.top + 10 + k * 16}" stroke="${color}" stroke-width="2"/><text x="${W - M.right + 32}" y="${M.top + 14 + k * 16}">${esc(s.label)}</text>`,
    );
  });
  parts.push("</svg>");
  return parts.join("");
}
