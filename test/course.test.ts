// Every course notebook runs cell by cell in one session without an error, and every `check` in it
// holds, except the ones marked `# ✗` that show a mistake on purpose.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Session } from "../src/session.js";
import { parseNotebook, sourceOf } from "../src/grading/notebook.js";

const DIR = join(import.meta.dirname, "..", "notebooks");
const NOTEBOOKS = readdirSync(DIR).filter((f) => f.endsWith(".ipynb"));

describe("course notebooks", () => {
  it.each(NOTEBOOKS)("%s runs and every check holds", (file) => {
    const nb = parseNotebook(readFileSync(join(DIR, file), "utf8"));
    const session = new Session();
    const problems: string[] = [];
    for (const cell of nb.cells.filter((c) => c.cell_type === "code")) {
      const source = sourceOf(cell);
      const meantToFail = source
        .split("\n")
        .filter((l) => l.includes("# ✗"))
        .map((l) => l.replace(/#.*$/, "").trim());
      for (const r of session.run(source)) {
        if (r.status === "error") problems.push(`${r.source}: ${r.error?.message}`);
        const wrong = r.verdict !== undefined && r.verdict !== "equivalent";
        if (wrong !== meantToFail.includes(r.source.trim())) problems.push(`${r.source}: ${r.pretty}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("has an index that names every notebook", () => {
    const index = readFileSync(join(DIR, "README.md"), "utf8");
    for (const file of NOTEBOOKS) expect(index).toContain(file);
  });

  it("is built from its sources", async () => {
    const { cellsFromMarkdown } = await import("../scripts/build-notebooks.js");
    for (const file of NOTEBOOKS) {
      const src = join(DIR, "src", file.replace(/\.ipynb$/, ".md"));
      const built = cellsFromMarkdown(readFileSync(src, "utf8"));
      const nb = parseNotebook(readFileSync(join(DIR, file), "utf8"));
      expect(nb.cells.map(sourceOf)).toEqual(built.map(sourceOf));
    }
  });
});
