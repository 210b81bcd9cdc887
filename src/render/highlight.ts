// Nabla's syntax highlighting: one vocabulary, read from the language's own tables (the grammar's
// keywords, the operator table, the commands), and a highlight.js language built from it. The course
// pages use it; the kernel's editor mode and any other highlighter take the same vocabulary.
import hljs from "highlight.js/lib/core";
import type { LanguageFn } from "highlight.js";
import { KEYWORDS, builtinNames } from "../help.js";

export interface HighlightVocabulary {
  /** Statement words: check, expect, layer, train, … */
  keywords: string[];
  /** Operators and commands by name (sin, det, solve, …), ASCII and Unicode spellings alike. */
  builtins: string[];
  /** Operator symbols that are not names: ∇ ∂ Σ ⊙ → ≡ … */
  symbols: string[];
  /** Names of constants. */
  literals: string[];
}

const SYMBOLS = [
  "∇²",
  "∇",
  "∂²",
  "∂",
  "Σ",
  "∏",
  "⊙",
  "⊗",
  "→",
  "->",
  "≡",
  "==",
  "∈",
  "ᵀ",
  "⁻¹",
  "⁻ᵀ",
  "‖",
  "·",
  "×",
  "√",
  "≈",
  "≤",
  "≥",
  "≠",
  "−",
  ".*",
];
const LITERALS = ["true", "false", "π", "pi", "e", "∞", "inf", "ℝ", "R"];

let vocabulary: HighlightVocabulary | undefined;

export function highlightVocabulary(): HighlightVocabulary {
  if (vocabulary) return vocabulary;
  const keywords = [...KEYWORDS];
  const isWord = (name: string) => /^[\p{L}_][\p{L}\p{N}_]*$/u.test(name);
  const builtins = [...new Set(builtinNames().filter((n) => isWord(n) && !keywords.includes(n)))].sort();
  vocabulary = { keywords, builtins, symbols: SYMBOLS, literals: LITERALS.filter((l) => isWord(l)) };
  return vocabulary;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The highlight.js language: comments, strings, numbers, keywords, built-ins, math symbols. */
export const nablaLanguage: LanguageFn = () => {
  const v = highlightVocabulary();
  // \b is ASCII-only in JavaScript: words are delimited by hand so that σ, λ and ∇ work.
  const word = (names: string[]) =>
    new RegExp(`(?<![\\p{L}\\p{N}_])(?:${names.map(escapeRegExp).join("|")})(?![\\p{L}\\p{N}_])`, "u");
  const bySize = (names: string[]) => [...names].sort((a, b) => b.length - a.length);
  return {
    name: "Nabla",
    aliases: ["nabla"],
    unicodeRegex: true,
    contains: [
      hljs.HASH_COMMENT_MODE,
      { scope: "string", begin: '"', end: '"', contains: [hljs.BACKSLASH_ESCAPE] },
      { scope: "number", match: /(?<![\p{L}_])\d+(?:\.\d+)?(?:[eE][-+]?\d+)?/u },
      { scope: "keyword", match: word(bySize(v.keywords)) },
      { scope: "literal", match: word(bySize(v.literals)) },
      // A user's function definition: its name before the parameter list and `=`.
      { scope: "title.function", match: /(?<![\p{L}\p{N}_])[\p{L}_][\p{L}\p{N}_]*(?=\([^()]*\)\s*=(?!=))/u },
      { scope: "built_in", match: word(bySize(v.builtins)) },
      { scope: "operator", match: new RegExp(bySize(v.symbols).map(escapeRegExp).join("|"), "u") },
    ],
  };
};

let registered = false;

/** Nabla source as highlighted HTML (spans with hljs-* classes); text is escaped. */
export function highlightNabla(code: string): string {
  if (!registered) {
    hljs.registerLanguage("nabla", nablaLanguage);
    registered = true;
  }
  return hljs.highlight(code, { language: "nabla", ignoreIllegals: true }).value;
}
