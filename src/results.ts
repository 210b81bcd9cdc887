// What running a statement gives back: the contract between the session and its front ends
// (CLI, Jupyter kernel, grader). Plain data, except `value`, the graph node itself, for in-process
// callers (a front end that posts results across a worker boundary drops it).
import type { ErrorKind, StopReason } from "./errors.js";
import type { Plot } from "./engine/plot-data.js";
import type { Node } from "./graph/node.js";

export type { ErrorKind };

export interface NablaError {
  kind: ErrorKind;
  message: string;
  /** 1-based line and column in the cell's source. */
  line: number;
  column: number;
  /** The offending source line with a caret under the column, ready to print. */
  excerpt: string;
  /** For limit and interrupt errors: time, size, memory or interrupt. */
  reason?: StopReason;
}

/** The help of a name: its text, and for each word of that name the parts of its page. */
export interface HelpPage {
  text: string;
  sections: { syntax: string; description: string; options: string[]; examples: string[] }[];
  /** help() alone: every name. */
  names?: string[];
}

/** Side effects a statement asks of its front end, in order. */
export type Effect =
  | { kind: "stdout"; text: string }
  | { kind: "stderr"; text: string }
  /** Help: the engine emits its page as data (`help`); the session has render/help.ts lay it out as `html`. */
  | { kind: "pager"; text: string; html?: string; help?: HelpPage }
  | { kind: "clear" }
  | {
      kind: "display";
      text: string;
      latex?: string;
      html?: string;
      svg?: string;
      vegalite?: object;
      displayId?: string;
      update?: boolean;
      /** A plot as the engine made it; the session draws it into svg and vegalite and drops this. */
      plot?: Plot;
    };

export type Verdict = "equivalent" | "not equivalent" | "undecided";

export interface StatementResult {
  /** 0-based index of the statement in the cell. */
  index: number;
  /** 1-based line where the statement starts. */
  line: number;
  source: string;
  status: "ok" | "error";
  /** Set for an assignment or definition: the name it binds. */
  name?: string;
  /** True when the statement ends with `;` or has nothing to show (a declaration, print, …). */
  silent: boolean;
  /** The value in Nabla's own syntax (explicit `*` and `^`), readable back by `run`. */
  text: string;
  /** Unicode math for a terminal or text/plain, e.g. `√30 ≈ 5.4772`. */
  pretty: string;
  latex: string;
  /** KaTeX HTML (with MathML) of `latex`. */
  html: string;
  effects: Effect[];
  /** The value as a graph node (absent on errors and for statements with nothing to show). */
  value?: Node;
  verdict?: Verdict;
  /** For `check`: which tier decided — "proof" (exact normal forms, an exact counterexample) or "sampling". */
  method?: "proof" | "sampling";
  /** For an `expect` statement: the points it earned, of how many, and what to tell the student. */
  score?: {
    earned: number;
    possible: number;
    verdict: "correct" | "partial" | "incorrect" | "missing";
    feedback: string;
    /** For item analysis (grading/report.ts): the branch that matched (0 right, k ≥ 1 a named mistake, -1 none)… */
    branch?: number;
    /** …what kind of wrong answer it was, and the student's answer in plain text. */
    kind?: string;
    answer?: string;
  };
  counterexample?: Record<string, string>;
  error?: NablaError;
}
