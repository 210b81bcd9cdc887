// Is a cell ready to run? Open brackets, a trailing operator or an unfinished `subject to` mean the
// user is still typing; text that cannot parse is invalid.
import { scan } from "./scanner.js";
import { parseStatement } from "./to-ast.js";

export function isComplete(code: string): "complete" | "incomplete" | "invalid" {
  const scanned = scan(code);
  if (!scanned.ok) {
    return scanned.reason === "unclosed" || scanned.reason === "continued" ? "incomplete" : "invalid";
  }
  for (const st of scanned.statements) {
    if (/\b(subject|subject\s+to)\s*$/.test(st.text)) return "incomplete";
    if (!parseStatement(st.text, st.offset).ok) return "invalid";
  }
  return "complete";
}
