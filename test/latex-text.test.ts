// Words inside LaTeX's \text{…} (verdict lines, reasons, record fields, string values) go through one
// escaping function, graph/print/style.ts's latexText: KaTeX in its strictest mode accepts the result
// and shows exactly the characters typed — no accents from ^ or ~, no en dash from --, no lost braces.
import { describe, expect, it } from "vitest";
import katex from "katex";
import { LATEX_TEXT_MATH_CHARS, latexText } from "../src/graph/print/style.js";
import { Session } from "../src/session.js";
import { str } from "../src/graph/construct.js";
import { struct } from "../src/graph/primitives.js";
import { toLatex } from "../src/render/index.js";
import { seededRandom } from "./helpers/random.js";

/** The visible text of KaTeX's HTML (the MathML copy and the tags dropped). */
function visible(latex: string): string {
  const html = katex.renderToString(latex, { throwOnError: true, strict: "error", output: "html" });
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/\u200b/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * What text the reader should see: TeX sets quotes typographically and runs of spaces as one; KaTeX
 * draws ≠ and ∉ as = and ∈ struck through (the stroke is a drawing, not a character), and δ₂, x² with
 * the digits as scripts.
 */
function expected(text: string): string {
  return text
    .replace(/'/g, "’")
    .replace(/`/g, "‘")
    .replace(/≠/g, "\ue020=") // \not, a glyph of KaTeX's own fonts, then =
    .replace(/∉/g, "∈/")
    .replace(/[₀-₉₊₋⁰¹²³⁴-⁹⁺⁻]/g, (c) => "0123456789+−0123456789+−"["₀₁₂₃₄₅₆₇₈₉₊₋⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻".indexOf(c)]!)
    .replace(/\s+/g, " ")
    .trim();
}

const SPECIAL = "\\{}$&#^_~%-−";
const GREEK = "αβγδεζηθικλμνξοπρστυφχψωΓΔΘΛΞΠΣΦΨΩ";
const SCRIPTS = "₀₁₂₃₄₅₆₇₈₉₊₋⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻";
const PLAIN = "abcxyz019 ()[]=+*/<>|,.:;!?'\"@…";

describe("latexText: words inside \\text{…} as KaTeX shows them", () => {
  it.each([
    ...SPECIAL,
    ...GREEK,
    ...LATEX_TEXT_MATH_CHARS,
    ...SCRIPTS,
    "--",
    "---",
    "f''(x)",
    "``",
    "^{}",
    "\\text{x}",
    "$x$",
    "x^y",
    "a~b",
  ])("%s alone and between letters", (s) => {
    for (const text of [s, `a${s}b`, `${s}${s}`, `(${s})`])
      expect(visible(`\\text{${latexText(text)}}`)).toBe(expected(text));
  });

  it("300 generated strings of special, Greek, math and plain characters read back as typed", () => {
    const rand = seededRandom(15);
    const pool = [...SPECIAL, ...GREEK, ...LATEX_TEXT_MATH_CHARS, ...SCRIPTS, ...PLAIN];
    for (let k = 0; k < 300; k++) {
      const n = 1 + Math.floor(rand() * 24);
      const text = Array.from({ length: n }, () => pool[Math.floor(rand() * pool.length)]).join("");
      expect(visible(`\\text{${latexText(text)}}`), JSON.stringify(text)).toBe(expected(text));
    }
  });

  it("convex(x^y, x)'s reason shows x^y, not an accent over y", () => {
    const [r] = new Session().run("convex(x^y, x)");
    expect(r!.status).toBe("ok");
    expect(r!.latex).not.toMatch(/\\\^|\\~/);
    const shown = visible(r!.latex);
    expect(shown).not.toMatch(/ˆ|˜|\u0302|\u0303/); // the accents \^ and \~ would draw
    if (r!.text.includes("^")) expect(shown).toContain("^");
  });

  it("record fields (a convexity reason, a layer, a field name) print their words through it", () => {
    const reasons = ["at x^y = 2 the midpoint lies above", "a~b, 50% of {x_1} & #2 cost $3 \\ −1 -- δ₂"];
    for (const reason of reasons) {
      const record = struct("convexity", [
        { name: "convex", value: str("undecided") },
        { name: "reason", value: str(reason) },
      ]);
      expect(visible(toLatex(record))).toBe(expected(`undecided: ${reason}`));
    }
    const plain = struct("custom", [{ name: "learning_rate", value: str("x^y") }]);
    expect(visible(toLatex(plain))).toBe("learning_rate=x^y"); // math spacing is CSS, not characters;
  });

  it("check and expect verdict lines render in strict KaTeX with their words intact", () => {
    const s = new Session();
    for (const line of ["check x^2 - 1 == (x - 1)(x + 1)", "check sin(x)^2 == x", "check δ_2 + 1 == δ_2 + 2"]) {
      const [r] = s.run(line);
      expect(r!.status, line).toBe("ok");
      const words = r!.text.slice(2);
      expect(visible(r!.latex), line).toContain(expected(words).slice(0, 20));
    }
  });
});
