// The kernel's CodeMirror mode (kernel.js, Notebook 6) reads code as the pages' highlighter does
// (src/render/highlight.ts): every keyword, built-in name, literal and symbol of the vocabulary is
// styled as its class, and every course cell and help example gets the same styled pieces from both.
// Runs the mode in CodeMirror 5's own runmode (Debian's libjs-codemirror, the CodeMirror Notebook 6
// ships); skipped, with the reason, where it is missing.
import { describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { kernelJs } from "../../kernel/install.js";
import { highlightNabla, highlightVocabulary } from "../../src/render/highlight.js";
import { helpExamples } from "../../src/engine/commands/table.js";
import { courseCells } from "./course-cells.js";

const RUNMODE = "/usr/share/javascript/codemirror/addon/runmode/runmode.node.js";
const available = existsSync(RUNMODE);
if (!available) console.warn(`CodeMirror mode test skipped: ${RUNMODE} (Debian's libjs-codemirror) is missing`);

interface CodeMirror5 {
  runMode(text: string, mode: string, callback: (text: string, style: string | null) => void): void;
}

/** kernel.js evaluated as Notebook 6's RequireJS would: its mode defined in CodeMirror 5. */
function loadMode(): CodeMirror5 {
  const CodeMirror = createRequire(import.meta.url)(RUNMODE) as CodeMirror5;
  const define = (_deps: string[], factory: (module: { uri: string }, cm: CodeMirror5) => unknown) =>
    factory({ uri: "/kernelspecs/nabla/kernel.js" }, CodeMirror);
  new Function("define", kernelJs())(define);
  return CodeMirror;
}

type Piece = [text: string, style: string];

/** Styled pieces in order; neighbours of one style joined (CodeMirror draws them as one span too). */
function joined(pieces: (readonly [string, string | null])[]): Piece[] {
  const out: Piece[] = [];
  let previous: string | null = null;
  for (const [text, style] of pieces) {
    if (style && style === previous) out[out.length - 1][0] += text;
    else if (style) out.push([text, style]);
    previous = style;
  }
  return out;
}

function codeMirrorPieces(cm: CodeMirror5, code: string): Piece[] {
  const pieces: [string, string | null][] = [];
  cm.runMode(code, "nabla", (text, style) => pieces.push([text, style]));
  return joined(pieces);
}

const HLJS_STYLE: Record<string, string> = {
  "hljs-comment": "comment",
  "hljs-string": "string",
  "hljs-number": "number",
  "hljs-keyword": "keyword",
  "hljs-literal": "atom",
  "hljs-title function_": "def",
  "hljs-built_in": "builtin",
  "hljs-operator": "operator",
};

const unescape = (s: string) =>
  s.replace(/&(amp|lt|gt|quot|#x27);/g, (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#x27": "'" })[e]!);

/** The highlighter's HTML as pieces: the outermost span's class, inner spans' text included. */
function highlightPieces(code: string): Piece[] {
  const pieces: [string, string | null][] = [];
  let depth = 0;
  let style: string | null = null;
  for (const part of highlightNabla(code).split(/(<span class="[^"]*">|<\/span>)/)) {
    const open = /^<span class="([^"]*)">$/.exec(part);
    if (open) {
      if (depth++ === 0) style = HLJS_STYLE[open[1]] ?? `unknown ${open[1]}`;
    } else if (part === "</span>") {
      if (--depth === 0) style = null;
    } else if (part) {
      // Lines are separate in CodeMirror: a piece does not run over a line break.
      for (const line of unescape(part).split(/(\n)/)) if (line) pieces.push([line, line === "\n" ? null : style]);
    }
  }
  return joined(pieces);
}

describe.skipIf(!available)("the kernel's CodeMirror mode", () => {
  const cm = available ? loadMode() : (null as unknown as CodeMirror5);

  it("styles every word and symbol of the highlighter's vocabulary as its class", () => {
    const v = highlightVocabulary();
    const groups: [string[], string][] = [
      [v.keywords, "keyword"],
      [v.builtins, "builtin"],
      [v.literals, "atom"],
      [v.symbols, "operator"],
    ];
    expect(v.keywords).toContain("check");
    expect(v.builtins).toEqual(expect.arrayContaining(["solve", "taylor", "lagrange", "dense", "sin", "det"]));
    for (const [words, style] of groups)
      for (const word of words) expect(codeMirrorPieces(cm, word), word).toEqual([[word, style]]);
  });

  it("gives every course cell and help example the same styled pieces as the pages' highlighter", () => {
    const samples = [...courseCells(), ...helpExamples().map((e) => e.example)];
    expect(samples.length).toBeGreaterThan(200);
    let styled = 0;
    for (const code of samples) {
      const pieces = highlightPieces(code);
      styled += pieces.length;
      expect(codeMirrorPieces(cm, code), code).toEqual(pieces);
    }
    expect(styled).toBeGreaterThan(2000);
  });

  it("defines the mode without a page, and knows strings, comments and definitions", () => {
    expect(codeMirrorPieces(cm, 'f(x) = x^2 + 1.5e3  # a "note"\nprint("a \\"b\\"")')).toEqual([
      ["f", "def"],
      ["2", "number"],
      ["1.5e3", "number"],
      ['# a "note"', "comment"],
      ["print", "builtin"],
      ['"a \\"b\\""', "string"],
    ]);
  });
});
