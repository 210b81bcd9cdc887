// Parse errors in words a student understands, with line, column and a caret under the spot.
import type { ScanProblem } from "./scanner.js";
import { lookalikeSymbolMessage } from "./lookalikes.js";

export function locate(code: string, offset: number): { line: number; column: number; excerpt: string } {
  const clamped = Math.max(0, Math.min(offset, code.length));
  const before = code.slice(0, clamped);
  const line = before.split("\n").length;
  const lineStart = before.lastIndexOf("\n") + 1;
  const lineEnd = code.indexOf("\n", lineStart);
  const whole = code.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
  const column = clamped - lineStart + 1;
  // A long line is shown around the column, not whole (a 1 MB line was printed in full, twice in --json).
  const from = Math.max(0, column - 1 - EXCERPT_SIDE);
  const to = Math.min(whole.length, column - 1 + EXCERPT_SIDE);
  const head = from > 0 ? "…" : "";
  const source = `${head}${whole.slice(from, to)}${to < whole.length ? "…" : ""}`;
  const caretPad = [...head, ...whole.slice(from, column - 1)].map((ch) => (ch === "\t" ? "\t" : " ")).join("");
  return { line, column, excerpt: `${source}\n${caretPad}^` };
}

/** How many characters of a long line an excerpt shows on each side of the column. */
const EXCERPT_SIDE = 80;

/** Characters that print as nothing or as a space (zero-width, direction marks, no-break): named by code point. */
const INVISIBLE = /^[\p{Cf}\p{Zs}\p{Cc}]$/u;

const BRACKET_NAMES: Record<string, string> = { "(": "parenthesis", "[": "matrix", "{": "brace" };
const CLOSERS: Record<string, string> = { "(": ")", "[": "]", "{": "}" };

/** Ohm's expectations, said plainly: `"]"` → `]`, rule descriptions kept, duplicates dropped. */
const EXPRESSION_STARTS = new Set([
  "a letter",
  "a digit",
  '"""',
  '"("',
  '"["',
  '"|"',
  '"‖"',
  '"."',
  '"-"',
  '"+"',
  '"∂"',
  '"∇"',
  '"Σ"',
  '"∑"',
  '"∏"',
  '"d"',
  '"≈"',
  '"−"',
  '"√"',
  '"∛"',
  '"∜"',
  '"∞"',
  '"𝟏"',
  '"help"',
]);

function describeExpected(expected: string[]): string {
  const startsExpression = expected.some((e) => e === "a letter" || e === "a digit");
  const kept = startsExpression
    ? ["an expression", ...expected.filter((e) => !EXPRESSION_STARTS.has(e) && !e.includes('\\"'))]
    : expected;
  const words = [...new Set(kept.map((e) => e.replace(/^"(.*)"$/, "`$1`")))].filter((w) => w !== "");
  if (words.length === 0) return "something else";
  const shown = words.slice(0, 6);
  const more = words.length > shown.length ? ", …" : "";
  return shown.length === 1 ? shown[0] : `${shown.slice(0, -1).join(", ")} or ${shown[shown.length - 1]}${more}`;
}

export type SyntaxProblem = { reason: "syntax"; offset: number; expected: string[] };

export function parseErrorMessage(
  code: string,
  problem: ScanProblem | SyntaxProblem,
): { offset: number; message: string } {
  const at = (offset: number) => {
    const { line, column } = locate(code, offset);
    return `${line}:${column}`;
  };
  switch (problem.reason) {
    case "unclosed": {
      const { char, offset } = problem.open;
      return {
        offset: code.trimEnd().length,
        message: `expected \`${CLOSERS[char]}\` to close the ${BRACKET_NAMES[char]} opened at ${at(offset)}`,
      };
    }
    case "unmatched":
      return {
        offset: problem.offset,
        message: problem.open
          ? `\`${problem.char}\` does not match the \`${problem.open.char}\` opened at ${at(problem.open.offset)}; expected \`${CLOSERS[problem.open.char]}\``
          : `\`${problem.char}\` has no opening bracket to close`,
      };
    case "string":
      return { offset: problem.offset, message: 'this string has no closing `"` on its line' };
    case "continued":
      return { offset: problem.offset, message: "the statement ends with an operator; something must follow it" };
    case "syntax": {
      const found = code.codePointAt(problem.offset);
      const char = found === undefined ? undefined : String.fromCodePoint(found);
      const what =
        char === undefined || char === "\n"
          ? "the end of the statement"
          : INVISIBLE.test(char)
            ? `invisible character U+${found!.toString(16).toUpperCase().padStart(4, "0")}`
            : `\`${char}\``;
      const lookalike = found === undefined ? null : lookalikeSymbolMessage(found);
      if (lookalike) return { offset: problem.offset, message: lookalike };
      const chained = chainedComparison(code, problem.offset);
      if (chained) return { offset: problem.offset, message: chained };
      return { offset: problem.offset, message: `unexpected ${what}: expected ${describeExpected(problem.expected)}` };
    }
  }
}

const COMPARISONS = ["<=", ">=", "<", ">", "≤", "≥"];

/**
 * `0 < x < 1` where a comparison already ended the expression: one comparison per condition, so the
 * error says how to write the pair (the grammar would only say it expected something else).
 */
function chainedComparison(code: string, offset: number): string | null {
  const op = COMPARISONS.find((c) => code.startsWith(c, offset));
  if (!op) return null;
  const line = code.slice(code.lastIndexOf("\n", offset - 1) + 1, offset);
  // The comparison before it, in the same comma-separated part of the statement.
  const part = line.slice(Math.max(line.lastIndexOf(","), line.lastIndexOf(" for ")) + 1);
  const match = /^(.*?)(<=|>=|<|>|≤|≥)(.*)$/su.exec(part);
  if (!match) return null;
  const [left, first, middle] = [match[1].replace(/^\s*for\s/u, "").trim(), match[2], match[3].trim()];
  const right = code
    .slice(offset + op.length)
    .split(/[,\n]/u)[0]
    .trim();
  if (!left || !middle || !right) return "one comparison at a time: write a < x, x < b for a < x < b";
  return `one comparison at a time: write ${left} ${first} ${middle}, ${middle} ${op} ${right}`;
}
