// `foo(x)` where foo is neither a function nor a value reads as the product foo·x (LANGUAGE.md §2:
// application when f is a function, multiplication otherwise). That is what n(n + 1) means, but for
// a name that looks like a function's (`factorial(5)`, `sine(x)`, `f(x)` before f is defined) it is
// usually a mistake, so the result carries a warning that says how it was read.
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
