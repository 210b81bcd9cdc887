// Shift-Tab help: a user name shows its value and shape; a built-in name or an operator symbol
// (∇, ⊗, ᵀ, Σ …) its help entry from the tables. Only the text near the cursor is read.
import { helpFor } from "../src/render/help.js";
import { OPERATOR_SYMBOLS } from "../src/syntax/names.js";
import { near } from "./complete.js";
import type { EvaluationThread } from "./evaluation-thread.js";

/** The operator symbol just before or at the cursor (two characters first: ∇², ->, ==). */
function symbolAt(before: string, after: string): string | null {
  for (const candidate of [
    before.slice(-2),
    before.slice(-1) + after.slice(0, 1),
    before.slice(-1),
    after.slice(0, 2),
    after.slice(0, 1),
  ]) {
    if (candidate && Object.hasOwn(OPERATOR_SYMBOLS, candidate)) return OPERATOR_SYMBOLS[candidate];
  }
  return null;
}

export async function inspect(
  code: string,
  cursorPos: number,
  evaluator: EvaluationThread,
): Promise<{ found: boolean; data: Record<string, string> }> {
  const { before, after } = near(code, cursorPos);
  const left = /[\p{L}_][\p{L}\p{N}_]*$/u.exec(before)?.[0] ?? "";
  const right = /^[\p{L}\p{N}_]*/u.exec(after)?.[0] ?? "";
  const word = left + right;
  if (word) {
    const described = await evaluator.describe(word);
    if (described) {
      return {
        found: true,
        data: {
          "text/plain": `${described.text}\nshape: ${described.shape}`,
          "text/html": `${described.html}<p>shape: ${described.shape}</p>`,
          "text/latex": `$$${described.latex}$$`,
        },
      };
    }
  }
  const symbol = symbolAt(before, after);
  const help = (word ? helpFor(word) : undefined) ?? (symbol ? helpFor(symbol) : undefined);
  return help ? { found: true, data: { "text/plain": help.text, "text/html": help.html } } : { found: false, data: {} };
}
