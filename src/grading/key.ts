// The two sides of grading one submission. The key's session runs the master's own cells (setup,
// locked and grading cells, in the master's order) and evaluates every expected value; the
// student's session runs the student's cells and only supplies the answers named on the left of
// `expect` (src/engine/expect.ts), read where the grading cell sits in the student's notebook.
// While the student's cells run, each name they define records the operators its chain of
// statements used (d/dx, solve, …), for `forbid`.
import type { UserFunction } from "../environment.js";
import type { Node } from "../graph/node.js";
import type { AnswerSource, StudentBinding } from "../engine/expect.js";
import { Provenance, definedName } from "../engine/provenance.js";
import type { StatementResult } from "../results.js";
import type { Statement } from "../syntax/ast.js";
import { scan } from "../syntax/scanner.js";
import { parseStatement } from "../syntax/to-ast.js";
import { gradeId, isSolutionCell, sourceOf, type Notebook } from "./notebook.js";

/** What the master's solution cells say about the answers: who defines each, and function parameters. */
export interface AnswerKeyInfo {
  /** Answer name → grade_id of the solution cell that defines it. */
  cellOf: Map<string, string>;
  /** Function answers: name → the master's parameter names. */
  params: Map<string, string[]>;
}

export function answerInfo(master: Notebook): AnswerKeyInfo {
  const cellOf = new Map<string, string>();
  const params = new Map<string, string[]>();
  for (const cell of master.cells) {
    if (cell.cell_type !== "code" || !isSolutionCell(cell)) continue;
    const id = gradeId(cell) ?? "?";
    const code = sourceOf(cell);
    for (const st of scan(code).statements) {
      let parsed;
      try {
        parsed = parseStatement(st.text, st.offset);
      } catch {
        continue;
      }
      if (!parsed.ok) continue;
      const s = parsed.statement;
      const name = definedName(s);
      if (!name) continue;
      if (!cellOf.has(name)) cellOf.set(name, id);
      if (s.kind === "define") params.set(name, s.params);
      else params.delete(name);
    }
  }
  return { cellOf, params };
}

interface Snapshot {
  values: Map<string, Node>;
  functions: Map<string, UserFunction>;
  operators: Map<string, Map<string, string>>;
}

/** What went wrong in an answer cell, kept to explain a missing answer. */
interface CellTrouble {
  present: boolean;
  error?: NonNullable<StatementResult["error"]>;
}

/** The student's side: traces what each name was computed with, and answers the key's questions. */
export class StudentTrace implements AnswerSource {
  /** True while the student's own cells run (not the restored locked cells). */
  studentCell = true;
  private readonly operators = new Provenance();
  private readonly cells = new Map<string, CellTrouble>();
  private current: Snapshot | null = null;

  constructor(private readonly info: AnswerKeyInfo) {}

  /** Called by the student's session after each statement that ran. */
  record(st: Statement, code: string): void {
    this.operators.record(st, code, this.studentCell);
  }

  /** The answer cell `id` ran (or did not): its first error explains a missing answer. */
  answerCell(id: string, results: readonly StatementResult[]): void {
    const error = results.find((r) => r.status === "error")?.error;
    this.cells.set(id, { present: true, error });
  }

  /** The student's names as they stand now: what the next grading cell reads. */
  snapshot(env: { values: Map<string, Node>; functions: Map<string, UserFunction> }): Snapshot {
    return { values: new Map(env.values), functions: new Map(env.functions), operators: this.operators.snapshot() };
  }

  use(snapshot: Snapshot): void {
    this.current = snapshot;
  }

  isAnswerName(name: string): boolean {
    return this.info.cellOf.has(name);
  }

  binding(name: string): StudentBinding | null {
    const s = this.current;
    if (!s) return null;
    const operators = s.operators.get(name) ?? new Map<string, string>();
    const fn = s.functions.get(name);
    if (fn) return { fn, operators };
    const value = s.values.get(name);
    return value ? { value, operators } : null;
  }

  whyMissing(name: string): string | null {
    const id = this.info.cellOf.get(name);
    if (!id) return null;
    const cell = this.cells.get(id);
    if (!cell) return `the answer cell ${id} is missing, so ${name} has no answer`;
    const e = cell.error;
    if (!e) return `${name} is not defined: no answer was given in cell ${id}`;
    if (e.kind === "parse")
      return `your answer cell ${id} has a parse error at line ${e.line}, column ${e.column}: ${e.message}`;
    return `your answer cell ${id} stopped with an error at line ${e.line}, column ${e.column}: ${e.message}`;
  }

  keyParams(name: string): string[] | null {
    return this.info.params.get(name) ?? null;
  }
}
