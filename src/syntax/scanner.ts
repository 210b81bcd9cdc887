// Cuts a cell into statements before the grammar sees them. It knows brackets, strings and comments:
// a statement ends at a newline or `;` outside brackets, unless the line ends with an operator or the
// next line starts with `else`; a newline inside `[…]` separates matrix rows. Replacements keep every
// character's offset, so spans still point into the cell.

import { isWord } from "./names.js";

export interface ScannedStatement {
  /** The statement with comments blanked and in-matrix newlines turned into `;`. */
  text: string;
  /** Offset of `text` in the cell. */
  offset: number;
  /** Ended with `;`: the result is not shown. */
  silent: boolean;
}

export interface OpenBracket {
  char: string;
  offset: number;
}

export type ScanProblem =
  | { reason: "unclosed"; open: OpenBracket; statementOffset: number }
  | { reason: "unmatched"; offset: number; char: string; open: OpenBracket | null }
  | { reason: "string"; offset: number }
  | { reason: "continued"; offset: number };

/** On a problem, `statements` holds the complete statements before it, so they still run. */
export type ScanResult =
  | { ok: true; statements: ScannedStatement[] }
  | ({
      ok: false;
      statements: ScannedStatement[];
      statementOffset: number;
      /** The brackets open when the problem was found, outermost first (a stray closer's own last). */
      opens: OpenBracket[];
    } & ScanProblem);

const OPENING: Record<string, string> = { ")": "(", "]": "[", "}": "{" };

/** A line ending in one of these goes on to the next line. */
const CONTINUING_OPERATORS = new Set("+-−*/^=,·⊙⊗→∈≡≤≥<>÷×".split(""));
const CONTINUING_WORDS = ["subject", "to", "with", "on", "else", "if"];

const isAsciiLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

const isSpace = (c: string | undefined) => c !== undefined && c.trim() === "";

/** The end of chars[lo, hi) with the spaces at its end left off. */
function trimmedEnd(chars: readonly string[], lo: number, hi: number): number {
  let end = hi;
  while (end > lo && isSpace(chars[end - 1])) end--;
  return end;
}

/**
 * chars[lo, hi) ends (spaces aside) in an operator or a word that goes on to the next line. Read
 * backwards from hi, so a long statement or matrix is not joined into a string at every line break.
 */
function endsWithContinuation(chars: readonly string[], lo: number, hi: number): boolean {
  const end = trimmedEnd(chars, lo, hi);
  if (end === lo) return false;
  if (CONTINUING_OPERATORS.has(chars[end - 1])) return true;
  let start = end;
  while (start > lo && isAsciiLetter(chars[start - 1].charCodeAt(0))) start--;
  if (start === end || (start > lo && !isSpace(chars[start - 1]))) return false;
  return CONTINUING_WORDS.includes(chars.slice(start, end).join(""));
}

/** The first position at or after `from` that is not a space or a line break. */
function nextNonSpace(source: string, from: number): number {
  let i = from;
  while (i < source.length && source[i].trim() === "") i++;
  return i;
}

/** Past spaces, line breaks and comments from `from`, the word `else` comes next. */
function nextLineStartsWithElse(source: string, from: number): boolean {
  let i = from;
  for (;;) {
    i = nextNonSpace(source, i);
    if (source[i] !== "#") break;
    while (i < source.length && source[i] !== "\n") i++;
  }
  return source.startsWith("else", i) && !isWord(source[i + 4] ?? "");
}

export function scan(source: string): ScanResult {
  // UTF-16 code units (split("") splits there), so offsets agree with Ohm's.
  return scanFrom(source, source.split(""), 0);
}

/** One part of a cell as `scanAll` reads it: a statement, or a broken one with its problem and extent. */
export type ScannedPart =
  | { kind: "statement"; statement: ScannedStatement }
  | { kind: "problem"; problem: ScanProblem; start: number; end: number };

/** Past this many broken statements in one cell, the rest of it is one problem (each costs a pass over the rest). */
const MAX_PROBLEMS = 100;

/**
 * The cell's statements in order, reading on past a broken one: an unclosed bracket, a closing
 * bracket without its opening one, or a string without its closing quote spoils its own statement
 * only, so `A = [1, 2; 3, 4` on one line does not take the rest of a file or an answer cell with
 * it. A string or a stray closer ends at its line's end; an unclosed bracket at the next line that
 * starts a statement as nothing inside a bracket does (`name =`, `f(x) =`, `check`, `expect`, …
 * at the line's start), or at the cell's end when none does.
 */
export function scanAll(source: string): ScannedPart[] {
  const out = source.split("");
  const parts: ScannedPart[] = [];
  let from = 0;
  for (let problems = 0; ; problems++) {
    const r = scanFrom(source, out, from);
    for (const statement of r.statements) parts.push({ kind: "statement", statement });
    if (r.ok) return parts;
    // A bracket left open before a line that starts a statement ends its statement there: the
    // problem is that bracket, whatever the scan met further on (more brackets, a stray `)`).
    const cut = r.opens.length
      ? statementLineAfter(source, r.opens[0].offset, r.reason === "unclosed" ? source.length : r.offset)
      : -1;
    const problem: ScanProblem =
      cut >= 0
        ? { reason: "unclosed", open: r.opens.filter((o) => o.offset < cut).pop()!, statementOffset: r.statementOffset }
        : r;
    const limited = problems + 1 >= MAX_PROBLEMS;
    const resume = limited ? source.length : cut >= 0 ? cut : resumeAfter(source, problem);
    parts.push({ kind: "problem", problem, start: r.statementOffset, end: resume });
    if (resume >= source.length) return parts;
    // The broken statement's scan changed the characters after it (comments blanked, line breaks
    // read inside brackets): the rest is read afresh.
    for (let k = resume; k < source.length; k++) out[k] = source[k];
    from = resume;
  }
}

/** A line that begins a statement, as a matrix's row cannot: `w_1 =`, `f(x, y) =`, `check …`. */
const STATEMENT_START =
  /^(?:[\p{L}_][\p{L}\p{N}_₀-₉']*(?:\([^()\n]*\))?[ \t]*(?:=(?!=)|:=)|(?:check|expect|layer|network)\b)/u;

/** The start of the line after the one holding `at`. */
function lineEnd(source: string, at: number): number {
  const nl = source.indexOf("\n", at);
  return nl < 0 ? source.length : nl + 1;
}

/** The first line after the one holding `after`, and starting before `before`, that starts a statement; −1 if none. */
function statementLineAfter(source: string, after: number, before: number): number {
  for (let line = lineEnd(source, after); line < before; line = lineEnd(source, line))
    if (STATEMENT_START.test(source.slice(line, Math.min(source.length, line + 200)))) return line;
  return -1;
}

/** The offset after which a broken statement's cell reads on (the source's length: nowhere). */
function resumeAfter(source: string, problem: ScanProblem): number {
  if (problem.reason === "continued") return source.length;
  if (problem.reason !== "unclosed") return lineEnd(source, problem.offset);
  const line = statementLineAfter(source, problem.open.offset, source.length);
  return line < 0 ? source.length : line;
}

function scanFrom(source: string, out: string[], from: number): ScanResult {
  const statements: ScannedStatement[] = [];
  const stack: OpenBracket[] = [];
  let start = from;
  let inString = -1;

  const finish = (end: number, silent: boolean) => {
    const text = out.slice(start, end).join("");
    if (text.trim()) {
      const lead = text.length - text.trimStart().length;
      statements.push({ text: text.trim(), offset: start + lead, silent });
    } else if (silent && statements.length) {
      statements[statements.length - 1].silent = true;
    }
    start = end + 1;
  };

  for (let i = from; i < source.length; i++) {
    const ch = source[i];
    if (inString >= 0) {
      if (ch === "\\") i++;
      else if (ch === '"') inString = -1;
      else if (ch === "\n")
        return { ok: false, statements, reason: "string", offset: inString, statementOffset: start, opens: stack };
      continue;
    }
    if (ch === '"') {
      inString = i;
    } else if (ch === "#") {
      while (i < source.length && source[i] !== "\n") out[i++] = " ";
      i--;
    } else if (ch === "(" || ch === "[" || ch === "{") {
      stack.push({ char: ch, offset: i });
    } else if (ch === ")" || ch === "]" || ch === "}") {
      const open = stack.pop() ?? null;
      if (!open || open.char !== OPENING[ch])
        return {
          ok: false,
          statements,
          reason: "unmatched",
          offset: i,
          char: ch,
          open,
          statementOffset: start,
          opens: open ? [...stack, open] : stack,
        };
    } else if (ch === ";" && stack.length === 0) {
      finish(i, true);
    } else if (ch === "\n") {
      const top = stack[stack.length - 1];
      if (top?.char === "[") {
        const last = out[trimmedEnd(out, top.offset, i) - 1];
        const rowEnded =
          last !== "[" &&
          last !== "," &&
          last !== ";" &&
          source[nextNonSpace(source, i + 1)] !== "]" &&
          !endsWithContinuation(out, top.offset, i);
        out[i] = rowEnded ? ";" : " ";
      } else if (stack.length === 0) {
        if (!endsWithContinuation(out, start, i) && !nextLineStartsWithElse(source, i + 1)) finish(i, false);
        else out[i] = " ";
      } else {
        out[i] = " ";
      }
    }
  }
  if (inString >= 0)
    return { ok: false, statements, reason: "string", offset: inString, statementOffset: start, opens: stack };
  if (stack.length)
    return {
      ok: false,
      statements,
      reason: "unclosed",
      open: stack[stack.length - 1],
      statementOffset: start,
      opens: stack,
    };
  if (endsWithContinuation(out, start, out.length))
    return {
      ok: false,
      statements,
      reason: "continued",
      offset: trimmedEnd(out, start, out.length) - 1,
      statementOffset: start,
      opens: [],
    };
  finish(source.length, false);
  return { ok: true, statements };
}
