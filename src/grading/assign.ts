// `nabla assign MASTER -o STUDENT`: the student version of a master notebook. Solution regions give
// way to a stub, hidden tests disappear, outputs are cleared, locked cells get their checksums.
import type { Cell, Notebook } from "./notebook.js";
import { checksum, gradeId, isLocked, isSolutionCell, sourceOf, toSourceLines } from "./notebook.js";

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

/** nbformat 4.5's cell id: 1–64 letters, digits, - and _. */
const CELL_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Every cell an id (nbformat 4.5), distinct in the notebook and the same on every run: the master's
 * own id where it is valid and not taken, else the grade_id, else `cell-N`.
 */
export function withCellIds(cells: Cell[]): Cell[] {
  const taken = new Set<string>();
  const fresh = (wanted: unknown, i: number): string => {
    for (const candidate of [wanted, `cell-${i + 1}`])
      if (typeof candidate === "string" && CELL_ID.test(candidate) && !taken.has(candidate)) return candidate;
    for (let k = 2; ; k++) if (!taken.has(`cell-${i + 1}-${k}`)) return `cell-${i + 1}-${k}`;
  };
  return cells.map((cell, i) => {
    const id = fresh(cell.id ?? gradeId(cell), i);
    taken.add(id);
    return cell.id === undefined ? { id, ...cell } : { ...cell, id };
  });
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
  return { ...master, nbformat_minor: Math.max(5, master.nbformat_minor ?? 0), cells: withCellIds(cells) };
}
