// Plots in the terminal are files: each display with a picture is written as SVG (vega's rendering
// of its Vega-Lite spec) and the line says where: `plot of σ(x) → notes.plot-1.svg`.
import { mkdirSync, writeFileSync } from "node:fs";
import { basename, extname, join } from "node:path";

export class PlotFiles {
  private count = 0;

  /** Files go to `dir`, named after the input (`notes.plot-1.svg`), or `nabla-plot-1.svg` for standard input. */
  constructor(
    private readonly dir: string,
    private readonly stem: string,
  ) {}

  static forInput(file: string, dir?: string): PlotFiles {
    const stem = file === "-" ? "nabla" : basename(file, extname(file));
    return new PlotFiles(dir ?? (file === "-" ? "." : join(file, "..")), stem);
  }

  /** Writes the picture and gives the path it went to, or why it could not be written. */
  save(svg: string): string {
    this.count++;
    const path = join(this.dir, `${this.stem}.plot-${this.count}.svg`);
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(path, svg);
      return path;
    } catch (err) {
      return `(not saved: ${(err as Error).message})`;
    }
  }
}
