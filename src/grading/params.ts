// Per-student parameters. A locked cell of the master may draw values, `a = random(2..9)`,
// `b = random([1, 2, 5])`, `c = random(-3..3, not 0)` (src/engine/commands/random.ts reads the
// forms). Each student's value is a keyed function of (seed, student, name): HMAC-SHA256 with the
// instructor's secret seed, so it is the same on every machine and every re-grade and cannot be
// guessed without the seed. `assign --roster --seed` writes the values into each student's locked
// cell and `{{a}}` in Markdown; grading recomputes the student's key with the same values.
import { createHmac } from "node:crypto";
import { parse } from "csv-parse/sync";
import { Environment } from "../environment.js";
import { Evaluator } from "../engine/evaluate.js";
import { randomChoices } from "../engine/commands/random.js";
import { toText } from "../graph/print/forms.js";
import { scan } from "../syntax/scanner.js";
import { parseStatement } from "../syntax/to-ast.js";
import { assign } from "./assign.js";
import { safeName } from "./files.js";
import { prepareKey, type Key } from "./grade-one.js";
import { gradeId, isLocked, isSolutionCell, sourceOf, toSourceLines, type Cell, type Notebook } from "./notebook.js";

export class ParameterError extends Error {}

/** One `name = random(…)` statement of a locked cell, and what it may draw. */
export interface Parameter {
  name: string;
  /** The cell's index in the master. */
  cell: number;
  /** Where the statement is in the cell's source. */
  start: number;
  end: number;
  /** The values, printed (they read back). */
  choices: string[];
}

/**
 * The student id `assign --roster` wrote in a released notebook's metadata. The metadata is the
 * student's to edit: only an id assign could have written (a safe file name) is read; anything else
 * (control characters, a megabyte of text) is ignored and the file's own id used.
 */
export function releasedTo(nb: Notebook): string | undefined {
  const meta = nb.metadata?.nabla as { student?: unknown } | undefined;
  const id = meta?.student;
  return typeof id === "string" && id !== "" && id.length <= 80 && safeName(id) === id ? id : undefined;
}

/** The master's draws, in order. A `random(…)` in a locked cell in any other form is an error for the instructor. */
export function masterParameters(master: Notebook): Parameter[] {
  const out: Parameter[] = [];
  const ev = new Evaluator(new Environment());
  master.cells.forEach((cell, index) => {
    if (cell.cell_type !== "code" || !isLocked(cell) || isSolutionCell(cell)) return;
    const code = sourceOf(cell);
    if (!/\brandom\s*\(/.test(code)) return;
    for (const st of scan(code).statements) {
      if (!/\brandom\s*\(/.test(st.text)) continue;
      const where = `the locked cell ${gradeId(cell) ?? `number ${index + 1}`}`;
      const parsed = parseStatement(st.text, st.offset);
      const s = parsed.ok ? parsed.statement : null;
      if (!s || s.kind !== "assign" || s.expr.kind !== "call" || s.expr.callee !== "random")
        throw new ParameterError(
          `${where} uses random(…) in \`${st.text.trim()}\`: a student's value is drawn only as name = random(…), on a line of its own`,
        );
      if (out.some((p) => p.name === s.name)) throw new ParameterError(`${where} draws ${s.name} twice`);
      let choices: string[];
      try {
        choices = randomChoices(s.expr.args, ev).map(toText);
      } catch (err) {
        throw new ParameterError(`${where}: ${(err as Error).message}`);
      }
      out.push({ name: s.name, cell: index, start: st.offset, end: st.offset + st.text.length, choices });
    }
  });
  return out;
}

/**
 * The student's value of one parameter: HMAC-SHA256(seed, student ‖ name ‖ k) read as a 64-bit
 * number, drawn again with the next k while it falls in the last, incomplete round of the choices
 * (so every value is equally likely).
 */
export function drawValue(seed: string, student: string, name: string, choices: readonly string[]): string {
  const n = BigInt(choices.length);
  const limit = (1n << 64n) - ((1n << 64n) % n);
  for (let k = 0; ; k++) {
    const x = createHmac("sha256", seed).update(`${student}\u0000${name}\u0000${k}`).digest().readBigUInt64BE(0);
    if (x < limit) return choices[Number(x % n)];
  }
}

export function studentValues(seed: string, student: string, params: readonly Parameter[]): Map<string, string> {
  return new Map(params.map((p) => [p.name, drawValue(seed, student, p.name, p.choices)]));
}

/** `{{a}}` in Markdown: the value of a parameter (other braces are left alone). */
function fillPlaceholders(text: string, values: ReadonlyMap<string, string>): string {
  return text.replace(/\{\{\s*([^{}\s]+)\s*\}\}/g, (whole, name: string) => values.get(name) ?? whole);
}

/** The master with a student's values: each draw becomes `name = value`, and Markdown's `{{name}}` the value. */
export function withParameters(
  master: Notebook,
  params: readonly Parameter[],
  values: ReadonlyMap<string, string>,
): Notebook {
  const cells = master.cells.map((cell, index): Cell => {
    const here = params.filter((p) => p.cell === index);
    if (here.length) {
      let text = sourceOf(cell);
      for (const p of [...here].sort((a, b) => b.start - a.start))
        text = `${text.slice(0, p.start)}${p.name} = ${values.get(p.name)}${text.slice(p.end)}`;
      return { ...cell, source: toSourceLines(text) };
    }
    if (cell.cell_type === "markdown" && values.size)
      return { ...cell, source: toSourceLines(fillPlaceholders(sourceOf(cell), values)) };
    return cell;
  });
  return { ...master, cells };
}

/** Keys a worker (or the coordinator) has built, by values: students who drew the same values share one. */
const KEYS_KEPT = 64;

/** The key each submission is graded with: the master's own, or the one with its student's values. */
export class ParameterKeys {
  readonly params: Parameter[];
  /** The master's own key: its grading cells are everyone's; with parameters, only for students without. */
  readonly base: Key;
  private readonly keys = new Map<string, Key>();

  constructor(
    private readonly master: Notebook,
    private readonly seed: string | undefined,
  ) {
    this.params = masterParameters(master);
    if (this.params.length && seed === undefined)
      throw new ParameterError(
        `the key draws per-student values (${this.params.map((p) => p.name).join(", ")} = random(…)): grade with the --seed given to assign`,
      );
    this.base = prepareKey(master);
  }

  /** The student whose values a submission is graded with: the id assign wrote in it, else its own id. */
  studentOf(nb: Notebook | null, fileId: string): { student: string; from: "metadata" | "file name" } {
    const id = nb ? releasedTo(nb) : undefined;
    return id ? { student: id, from: "metadata" } : { student: fileId, from: "file name" };
  }

  forStudent(student: string): { key: Key; values: Record<string, string> } {
    if (!this.params.length) return { key: this.base, values: {} };
    const values = studentValues(this.seed!, student, this.params);
    const id = JSON.stringify([...values]);
    let key = this.keys.get(id);
    if (key) this.keys.delete(id);
    else key = prepareKey(withParameters(this.master, this.params, values));
    this.keys.set(id, key);
    if (this.keys.size > KEYS_KEPT) this.keys.delete(this.keys.keys().next().value!);
    return { key, values: Object.fromEntries(values) };
  }
}

/** The `student` column of a roster (CSV with a header row), each id checked: present, distinct as a file name. */
export function readRoster(text: string): string[] {
  let rows: Record<string, string>[];
  try {
    rows = parse(text, { columns: true, bom: true, trim: true, skip_empty_lines: true }) as Record<string, string>[];
  } catch (err) {
    throw new ParameterError(`the roster is not readable CSV: ${(err as Error).message}`);
  }
  if (!rows.length)
    throw new ParameterError("the roster has no students (a header row with a student column, then one row each)");
  if (!("student" in rows[0])) throw new ParameterError("the roster has no student column in its header row");
  const seen = new Map<string, string>();
  return rows.map((row, i) => {
    const id = row.student ?? "";
    if (!id) throw new ParameterError(`row ${i + 2} of the roster has no student`);
    const file = safeName(id).toLowerCase();
    const other = seen.get(file);
    if (other !== undefined)
      throw new ParameterError(
        other === id
          ? `${id} is twice in the roster`
          : `${other} and ${id} in the roster would share one file name (${safeName(id)}.ipynb)`,
      );
    seen.set(file, id);
    return id;
  });
}

/**
 * Each roster student's notebook: the student version of the master with their values, their id
 * (made safe for a file name, as grading names submissions) in the metadata. Their values are drawn
 * for that id, which is also the released file's name, so a notebook graded by its file name alone
 * gets the same values.
 */
export function releaseForRoster(
  master: Notebook,
  roster: readonly string[],
  seed: string,
): { student: string; notebook: Notebook }[] {
  const params = masterParameters(master);
  return roster.map((raw) => {
    const student = safeName(raw);
    const notebook = assign(withParameters(master, params, studentValues(seed, student, params)));
    notebook.metadata = { ...notebook.metadata, nabla: { ...(notebook.metadata.nabla as object), student } };
    return { student, notebook };
  });
}
