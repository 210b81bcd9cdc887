// Jupyter notebooks (nbformat 4) with nbgrader's cell metadata, read defensively: a submission may
// be anything, and every way it can be broken gets a plain reason.
import { createHash } from "node:crypto";

export interface NbgraderMeta {
  grade?: boolean;
  solution?: boolean;
  locked?: boolean;
  task?: boolean;
  grade_id?: string;
  points?: number;
  schema_version?: number;
  checksum?: string;
}

export interface Cell {
  cell_type: "code" | "markdown" | "raw";
  source: string | string[];
  metadata: { nbgrader?: NbgraderMeta; [key: string]: unknown };
  outputs?: unknown[];
  execution_count?: number | null;
  id?: string;
}

export interface Notebook {
  nbformat: number;
  nbformat_minor: number;
  metadata: { [key: string]: unknown };
  cells: Cell[];
}

export class NotebookError extends Error {}

export function sourceOf(cell: Cell): string {
  return Array.isArray(cell.source) ? cell.source.join("") : cell.source;
}

/** nbformat stores source as lines that keep their newlines. */
export function toSourceLines(text: string): string[] {
  const lines = text.split("\n");
  return lines
    .map((l, i) => (i < lines.length - 1 ? `${l}\n` : l))
    .filter((l, i, all) => l !== "" || i < all.length - 1);
}

export function parseNotebook(text: string): Notebook {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new NotebookError("the file is not valid JSON, so it is not a notebook");
  }
  if (typeof data !== "object" || data === null || !Array.isArray((data as Notebook).cells)) {
    throw new NotebookError("the file is JSON but not a notebook (it has no list of cells)");
  }
  const nb = data as Notebook;
  if (nb.nbformat !== 4)
    throw new NotebookError(`the notebook format is ${String(nb.nbformat)}; only nbformat 4 is read`);
  nb.cells.forEach((cell, i) => {
    if (typeof cell !== "object" || cell === null) throw new NotebookError(`cell ${i + 1} is not an object`);
    if (!["code", "markdown", "raw"].includes(cell.cell_type))
      throw new NotebookError(`cell ${i + 1} has an unknown type ${String(cell.cell_type)}`);
    if (
      typeof cell.source !== "string" &&
      !(Array.isArray(cell.source) && cell.source.every((l) => typeof l === "string"))
    ) {
      throw new NotebookError(`cell ${i + 1} has no readable source`);
    }
    cell.metadata ??= {};
  });
  return nb;
}

export function gradeId(cell: Cell): string | undefined {
  const id = cell.metadata.nbgrader?.grade_id;
  return typeof id === "string" && id ? id : undefined;
}

export function isGradeCell(cell: Cell): boolean {
  return cell.metadata.nbgrader?.grade === true;
}

export function isSolutionCell(cell: Cell): boolean {
  return cell.metadata.nbgrader?.solution === true;
}

export function isLocked(cell: Cell): boolean {
  return cell.metadata.nbgrader?.locked === true;
}

/** What nbgrader checks a locked cell by: its type and source. */
export function checksum(cell: Cell): string {
  return createHash("sha256")
    .update(`${cell.cell_type}\n${sourceOf(cell)}`)
    .digest("hex");
}

export function hashText(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

export function emptyNotebook(): Notebook {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: "nabla", display_name: "Nabla", language: "nabla" },
      language_info: { name: "nabla", file_extension: ".nabla", mimetype: "text/x-nabla" },
    },
    cells: [],
  };
}

/**
 * A submitted locked cell against the key's released one: the same; changed by the student; or
 * as `assign` released it (its recorded checksum still matches its text) while the key has changed
 * since — then the student is not to be blamed. A student who edits the cell and its recorded
 * checksum looks like a key change here; grade.ts compares the recorded checksums across the class,
 * where the forger's differs from everyone else's (and gains nothing: locked cells run from the key).
 */
export function lockedCellChange(submitted: Cell, released: Cell): "same" | "changed" | "key changed" {
  const now = checksum(submitted);
  if (now === checksum(released)) return "same";
  const recorded = submitted.metadata.nbgrader?.checksum;
  return typeof recorded === "string" && recorded === now ? "key changed" : "changed";
}
