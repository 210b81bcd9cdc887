// Shift-Tab help: a user name shows its value and shape; an operator its help entry.
import { helpFor } from "../src/help.js";
import { toCodeUnits } from "./complete.js";
import type { EvaluationThread } from "./evaluation-thread.js";

export async function inspect(code: string, cursorPos: number, evaluator: EvaluationThread): Promise<{ found: boolean; data: Record<string, string> }> {
  const at = toCodeUnits(code, cursorPos);
  const left = /[\p{L}_][\p{L}\p{N}_]*$/u.exec(code.slice(0, at))?.[0] ?? "";
  const right = /^[\p{L}\p{N}_]*/u.exec(code.slice(at))?.[0] ?? "";
  const word = left + right;
  if (!word) return { found: false, data: {} };
  const described = await evaluator.describe(word);
  if (described) {
    return { found: true, data: { "text/plain": `${described.text}\nshape: ${described.shape}`, "text/html": `${described.html}<p>shape: ${described.shape}</p>`, "text/latex": `$$${described.latex}$$` } };
  }
  const help = helpFor(word);
  return help ? { found: true, data: { "text/plain": help.text, "text/html": help.html } } : { found: false, data: {} };
}
