// Nabla in JupyterLab's editors: a CodeMirror 6 stream language whose words come from the same
// vocabulary as the course pages' highlighter (src/render/highlight.ts `highlightVocabulary()`,
// read when the site is built and passed in, so the page's bundle holds no engine).
import { LanguageSupport, StreamLanguage, type StringStream } from "@codemirror/language";
import type { HighlightVocabulary } from "../../src/render/highlight.js";

const WORD = /^[\p{L}_][\p{L}\p{N}_]*/u;
const NUMBER = /^\d+(?:\.\d+)?(?:[eE][-+]?\d+)?/;

export function nablaLanguage(v: HighlightVocabulary): LanguageSupport {
  const keywords = new Set(v.keywords);
  const builtins = new Set(v.builtins);
  const literals = new Set(v.literals);
  // Longest first: ∇² before ∇, -> before -.
  const symbols = [...v.symbols].sort((a, b) => b.length - a.length);
  const language = StreamLanguage.define<null>({
    name: "nabla",
    token(stream: StringStream): string | null {
      if (stream.eatSpace()) return null;
      if (stream.peek() === "#") {
        stream.skipToEnd();
        return "comment";
      }
      if (stream.peek() === '"') {
        stream.next();
        let escaped = false;
        for (let ch = stream.next(); ch !== undefined; ch = stream.next()) {
          if (ch === '"' && !escaped) break;
          escaped = !escaped && ch === "\\";
        }
        return "string";
      }
      if (stream.match(NUMBER)) return "number";
      const word = stream.match(WORD) as RegExpMatchArray | null;
      if (word) {
        const name = word[0];
        if (keywords.has(name)) return "keyword";
        if (literals.has(name)) return "atom";
        if (builtins.has(name)) return "builtin";
        // A user's function definition `f(x) = …`: its name, as the pages mark it.
        return /^\([^()]*\)\s*=(?!=)/.test(stream.string.slice(stream.pos)) ? "def" : "variable";
      }
      for (const symbol of symbols) if (stream.match(symbol)) return "operator";
      stream.next();
      return null;
    },
    languageData: { commentTokens: { line: "#" } },
  });
  return new LanguageSupport(language);
}
