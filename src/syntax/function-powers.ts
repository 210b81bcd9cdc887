// sin²(x), tanh^2(z), log^3(x + 1): a power written on a function's name, before its parenthesised
// argument, is the power of the function's value, as every course's notes write it (tanh′(z) =
// 1 − tanh²(z)). Both parsers read `tanh^2(z)` as the name tanh squared, juxtaposed with (z); this
// pass turns that into tanh(z)^2 where the argument is exactly one bracketed group. Only positive
// whole powers: sin⁻¹(x) is the inverse function in some books and the reciprocal in others.
import type { Expr, Statement } from "./ast.js";

/** The functions whose names take a power this way (the ones notes write as words). */
const FUNCTIONS = new Set(
  "sin cos tan sec csc cot asin acos atan arcsin arccos arctan sinh cosh tanh exp log ln sqrt abs sigmoid σ relu softplus".split(
    " ",
  ),
);

/** A name and a power, then `(`: the text worth a walk (most statements have none). */
const CANDIDATE =
  /(?:sin|cos|tan|sec|csc|cot|sinh|cosh|tanh|exp|log|ln|sqrt|abs|sigmoid|σ|relu|softplus)(?:\^\s*\d+|[²³⁴⁵⁶⁷⁸⁹¹⁰]+)\s*\(/u;

type Binary = Extract<Expr, { kind: "binary" }>;

/** f^n juxtaposed with (a): the call f(a) to the n-th power, when the text shows (a) bracketed alone. */
function rewritten(e: Binary, text: string, offset: number): Expr | null {
  if (e.op !== "*" || !e.implicit) return null;
  const power = e.left;
  if (power.kind !== "binary" || power.op !== "^" || power.left.kind !== "name" || !FUNCTIONS.has(power.left.name))
    return null;
  if (power.right.kind !== "number" || !/^[1-9]\d*$/.test(power.right.text)) return null;
  // The argument is one bracketed group: `(` right after the power, its `)` right after the argument.
  const before = text.slice(power.span.end - offset, e.right.span.start - offset);
  const after = text.slice(e.right.span.end - offset).trimStart();
  if (!/^\s*\(\s*$/.test(before) || !after.startsWith(")")) return null;
  const call: Expr = {
    kind: "call",
    callee: power.left.name,
    primes: 0,
    args: [e.right],
    span: { start: power.left.span.start, end: e.right.span.end },
    calleeSpan: power.left.span,
  };
  return { kind: "binary", op: "^", left: call, right: power.right, implicit: false, span: e.span };
}

/**
 * The statement with every `f^n(a)` read as f(a)^n, in place. An iterative walk over the plain
 * objects of the tree: a chain of 20,000 products is as shallow to it as two.
 */
export function readFunctionPowers<S extends Statement>(statement: S, text: string, offset: number): S {
  if (!CANDIDATE.test(text)) return statement;
  const stack: object[] = [statement];
  while (stack.length) {
    const node = stack.pop()!;
    const record = node as Record<string, unknown>;
    if (record.kind === "binary") {
      const replacement = rewritten(node as Binary, text, offset);
      if (replacement) {
        for (const key of Object.keys(record)) delete record[key];
        Object.assign(record, replacement);
      }
    }
    for (const value of Object.values(record)) if (value && typeof value === "object") stack.push(value);
  }
  return statement;
}
