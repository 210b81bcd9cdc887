// The wording of verdict records: a check's Comparison and an expect's score, as a line of text
// (✓ equivalent (…) · ✗ 0/2 points: …) and as LaTeX (a mark in math, the words as \text).
import type { Comparison } from "../engine/check.js";
import type { ExpectOutcome } from "../engine/expect.js";
import { latexText } from "../graph/print/style.js";

/** ✓ equivalent · ✗ not equivalent: at x = 1 the left side is 2.0, the right side 1.0806 · ? undecided: why */
export function verdictText(c: Comparison): string {
  if (c.verdict === "equivalent") return `✓ equivalent (${c.reason})`;
  if (c.verdict === "undecided") return `? undecided: ${c.reason}`;
  const ce = c.counterexample;
  if (!ce) return `✗ not equivalent: ${c.reason}`;
  const at = Object.entries(ce.point)
    .map(([k, v]) => `${k} = ${v}`)
    .join(", ");
  const where = `${c.entry ? `in entry ${c.entry}, ` : ""}${at ? `at ${at} ` : ""}`;
  if (ce.left === "undefined" || ce.right === "undefined") {
    const [side, value] = ce.left === "undefined" ? ["right", ce.right] : ["left", ce.left];
    return `✗ not equivalent: ${where}only the ${side} side is defined (it is ${value})`;
  }
  return `✗ not equivalent: ${where}the left side is ${ce.left}, the right side ${ce.right}`;
}

/** ✓ 2/2 points: correct · ✗ 0/2 points: your answer gives … */
export function scoreText(o: ExpectOutcome): string {
  const mark = o.verdict === "correct" ? "✓" : o.verdict === "partial" ? "◐" : "✗";
  const pts = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));
  return `${mark} ${pts(o.earned)}/${pts(o.possible)} point${o.possible === 1 ? "" : "s"}: ${o.feedback}`;
}

/** The verdict line in LaTeX: the mark in math, the words after it (verdictText less its mark) as text. */
export function verdictLatex(c: Comparison): string {
  const mark = c.verdict === "equivalent" ? "\\checkmark" : c.verdict === "not equivalent" ? "\\times" : "?";
  return markedLatex(mark, verdictText(c));
}

/** The score line in LaTeX, like verdictLatex. */
export function scoreLatex(o: ExpectOutcome): string {
  const mark = o.verdict === "correct" ? "\\checkmark" : o.verdict === "partial" ? "\\triangle" : "\\times";
  return markedLatex(mark, scoreText(o));
}

function markedLatex(mark: string, text: string): string {
  return `${mark}\\ \\text{${latexText(text.slice(2))}}`;
}
