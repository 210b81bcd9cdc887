// The code of every course notebook's code cells (homework included), for tests that read them all.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export function courseCells(): string[] {
  const cells: string[] = [];
  const visit = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith(".ipynb")) {
        const nb = JSON.parse(readFileSync(path, "utf8")) as {
          cells: { cell_type: string; source: string | string[] }[];
        };
        for (const cell of nb.cells)
          if (cell.cell_type === "code") cells.push(Array.isArray(cell.source) ? cell.source.join("") : cell.source);
      }
    }
  };
  visit(join(import.meta.dirname, "..", "..", "notebooks"));
  return cells;
}
