// Completion: LaTeX escapes (\alpha → α), the notebook's names, built-ins and keywords.
import { KEYWORDS, builtinNames } from "../src/help.js";
import { LATEX_ESCAPES } from "./latex-escapes.js";

export interface Completion {
  matches: string[];
  cursor_start: number;
  cursor_end: number;
}

/** Code points, since Jupyter counts the cursor in Unicode characters. */
export function toCodeUnits(code: string, cursorPos: number): number {
  let units = 0;
  for (let points = 0; points < cursorPos && units < code.length; points++)
    units += code.codePointAt(units)! > 0xffff ? 2 : 1;
  return units;
}

export function toCodePoints(code: string, offset: number): number {
  let points = 0;
  for (let units = 0; units < offset; points++) units += code.codePointAt(units)! > 0xffff ? 2 : 1;
  return points;
}

/** How far from the cursor completion and inspect look: a name or an escape is never longer. */
const REACH = 256;

/** The text just before and after the cursor (a code-point position), and the cursor in code units. */
export function near(code: string, cursorPos: number): { before: string; after: string; end: number } {
  const end = toCodeUnits(code, cursorPos);
  return { before: code.slice(Math.max(0, end - REACH), end), after: code.slice(end, end + REACH), end };
}

export function complete(code: string, cursorPos: number, names: string[]): Completion {
  const { before, end } = near(code, cursorPos);
  const escape = /\\[A-Za-z^_|\-0-9]*$/.exec(before);
  if (escape) {
    const typed = escape[0];
    const exact = LATEX_ESCAPES[typed];
    const matches = exact
      ? [exact]
      : Object.keys(LATEX_ESCAPES)
          .filter((k) => k.startsWith(typed))
          .sort()
          .map((k) => LATEX_ESCAPES[k]);
    return {
      matches: [...new Set(matches)],
      cursor_start: toCodePoints(code, end - typed.length),
      cursor_end: cursorPos,
    };
  }
  const word = /[\p{L}_][\p{L}\p{N}_]*$/u.exec(before)?.[0] ?? "";
  const pool = [...new Set([...names, ...builtinNames(), ...KEYWORDS])];
  const matches = pool
    .filter((n) => (n.startsWith(word) && n !== word) || (word && n === word))
    .sort((a, b) => a.length - b.length || a.localeCompare(b));
  return { matches, cursor_start: toCodePoints(code, end - word.length), cursor_end: cursorPos };
}
