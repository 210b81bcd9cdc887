// `nabla assign MASTER -o STUDENT`: the student version of a master notebook. Solution regions give
// way to a stub, hidden tests disappear, outputs are cleared, locked cells get their checksums.
import type { Cell, Notebook } from "./notebook.js";
import { checksum, isLocked, isSolutionCell, sourceOf, toSourceLines } from "./notebook.js";

export const STUB = "# YOUR ANSWER HERE";

function cut(text: string, begin: string, end: string, replacement: string | null): string {
  const lines = text.split("\n");
  const out: string[] = [];
  let inside = false;
  for (const line of lines) {
    const t = line.trim();
    if (t === begin) {
      inside = true;
      if (replacement !== null) out.push(line.slice(0, line.indexOf(begin)) + replacement);
    } else if (t === end && inside) {
      inside = false;
    } else if (!inside) {
      out.push(line);
    }
  }
  return out.join("\n");
}

export function removeSolutions(text: string): string {
  return cut(text, "### BEGIN SOLUTION", "### END SOLUTION", STUB);
}

export function removeHiddenTests(text: string): string {
  return cut(text, "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS", null);
}

/** The text of a cell's hidden tests (what `assign` removes), for keeping it out of feedback. */
export function hiddenTests(text: string): string {
  const out: string[] = [];
  let inside = false;
  for (const line of text.split("\n")) {
    const t = line.trim();
    if (t === "### BEGIN HIDDEN TESTS") inside = true;
    else if (t === "### END HIDDEN TESTS") inside = false;
    else if (inside) out.push(line);
  }
  return out.join("\n");
}

/** The key's grading cell as it runs at grading time: hidden tests in, markers out. */
export function withHiddenTests(text: string): string {
  return text
    .split("\n")
    .filter((l) => !["### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"].includes(l.trim()))
    .join("\n");
}

export function assign(master: Notebook): Notebook {
  const cells: Cell[] = master.cells.map((cell) => {
    let text = sourceOf(cell);
    if (isSolutionCell(cell)) text = removeSolutions(text);
    text = removeHiddenTests(text);
    const copy: Cell = { ...cell, source: toSourceLines(text), metadata: structuredClone(cell.metadata) };
    if (cell.cell_type === "code") {
      copy.outputs = [];
      copy.execution_count = null;
    }
    if (isLocked(copy) && copy.metadata.nbgrader) copy.metadata.nbgrader.checksum = checksum(copy);
    return copy;
  });
  return { ...master, cells };
}
