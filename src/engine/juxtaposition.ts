// `foo(x)` where foo is neither a function nor a value reads as the product foo·x (LANGUAGE.md §2:
// application when f is a function, multiplication otherwise). That is what n(n + 1) means, but for
// a name that looks like a function's (`factorial(5)`, `sine(x)`, `f(x)` before f is defined) it is
// usually a mistake, so the result carries a warning that says how it was read.
import type { Expr } from "../syntax/ast.js";
import { splitSubscript } from "../syntax/names.js";
import { didYouMean } from "./suggest.js";

/** The letters conventionally used for functions: an undefined f(x) is more likely a slip than f·x. */
const FUNCTION_LETTERS = ["f", "g", "h"];

/** Whether `name(…)` read as a product deserves a warning: a longer name, or f, g, h. */
export function looksLikeFunction(name: string): boolean {
  const { base } = splitSubscript(name);
  return [...base].length > 1 || FUNCTION_LETTERS.includes(base);
}

/** "foo is not a function; read as foo·x — did you mean floor?" */
export function juxtapositionWarning(name: string, product: string, known: Iterable<string>): string {
  const suggestion = didYouMean(name, known);
  return `${name} is not a function; read as ${product}${suggestion ? ` — did you mean ${suggestion}?` : ""}`;
}

/**
 * The functions of the notes written as words, which course notes also write without parentheses
 * (sin x, sin²(x), log 2). Nabla reads a bare one as a symbol of that name: sin^2(x) is sin²·x and
 * sin x is sin·x, which print like the intended answer, so each such use is said.
 */
export const ELEMENTARY: ReadonlySet<string> = new Set(
  "sin cos tan sec csc cot asin acos atan sinh cosh tanh exp log ln sqrt abs sigmoid relu softplus det tr".split(" "),
);

/** "sin is a function: without parentheses it is read as a symbol named sin …" */
export function bareFunctionWarning(name: string): string {
  return `${name} is a function, but without parentheses it is read as a symbol named ${name}: write ${name}(x) (and ${name}(x)^2, not ${name}^2(x))`;
}

/**
 * A function's or a command's name right before what it would apply to, with no brackets: `sin x`,
 * `sin^2 x`, `grad f`. Read as a product with a symbol of that name (sin·x, grad·f) it prints like
 * the intended answer and means something else, so it is an error that says how to write it; a name
 * the user gave a value or a definition is theirs. Names of one letter (E, N) are left to be symbols.
 */
export function bareFunctionBefore(
  e: Expr,
  isUsers: (name: string) => boolean,
  commandSyntax: (name: string) => string | undefined,
): { message: string; span: Expr["span"] } | null {
  const name = e.kind === "name" ? e : e.kind === "binary" && e.op === "^" && e.left.kind === "name" ? e.left : null;
  if (!name || isUsers(name.name)) return null;
  if (ELEMENTARY.has(name.name))
    return {
      message: `${name.name} is a function: write ${name.name}(x) with its argument in brackets (and ${name.name}(x)^2 or ${name.name}^2(x) for its square)`,
      span: name.span,
    };
  const syntax = [...name.name].length > 1 ? commandSyntax(name.name) : undefined;
  return syntax
    ? { message: `${name.name} is a command: write it with brackets, as in ${syntax}`, span: name.span }
    : null;
}
