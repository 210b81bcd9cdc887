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
  { ok: true; statements: ScannedStatement[] } | ({ ok: false; statements: ScannedStatement[] } & ScanProblem);

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
  const out = source.split("");

  const statements: ScannedStatement[] = [];
  const stack: OpenBracket[] = [];
  let start = 0;
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

  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (inString >= 0) {
      if (ch === "\\") i++;
      else if (ch === '"') inString = -1;
      else if (ch === "\n") return { ok: false, statements, reason: "string", offset: inString };
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
        return { ok: false, statements, reason: "unmatched", offset: i, char: ch, open };
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
  if (inString >= 0) return { ok: false, statements, reason: "string", offset: inString };
  if (stack.length)
    return { ok: false, statements, reason: "unclosed", open: stack[stack.length - 1], statementOffset: start };
  if (endsWithContinuation(out, start, out.length))
    return { ok: false, statements, reason: "continued", offset: trimmedEnd(out, start, out.length) - 1 };
  finish(source.length, false);
  return { ok: true, statements };
}
