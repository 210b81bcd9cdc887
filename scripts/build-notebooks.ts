// Builds notebooks/NN-name.ipynb from notebooks/src/NN-name.md: text becomes markdown cells, each
// ```nabla fence a code cell. The sources are what instructors edit; the notebooks are committed.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { emptyNotebook, toSourceLines, type Cell } from "../src/grading/notebook.js";

const ROOT = join(import.meta.dirname, "..");
const SRC = join(ROOT, "notebooks", "src");

export function cellsFromMarkdown(text: string): Cell[] {
  const cells: Cell[] = [];
  const parts = text.split(/^```nabla[^\n]*\n([\s\S]*?)^```\s*$/m);
  parts.forEach((part, i) => {
    const body = part.replace(/^\n+|\n+$/g, "");
    if (!body) return;
    if (i % 2 === 1)
      cells.push({ cell_type: "code", source: toSourceLines(body), metadata: {}, outputs: [], execution_count: null });
    else cells.push({ cell_type: "markdown", source: toSourceLines(body), metadata: {} });
  });
  return cells;
}

export function buildAll(): string[] {
  const written: string[] = [];
  for (const name of readdirSync(SRC)
    .filter((f) => f.endsWith(".md"))
    .sort()) {
    const nb = emptyNotebook();
    nb.cells = cellsFromMarkdown(readFileSync(join(SRC, name), "utf8"));
    const out = join(ROOT, "notebooks", name.replace(/\.md$/, ".ipynb"));
    writeFileSync(out, JSON.stringify(nb, null, 1) + "\n");
    written.push(out);
  }
  return written;
}

if (import.meta.url === `file://${process.argv[1]}`) for (const f of buildAll()) console.log(f);
