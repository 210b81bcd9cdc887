// Printing comes from the operator rows (#15): each row's `latex` and `unicode` forms and its
// `notation` (call, delimited, postfix, infix, juxtaposition) decide how an application is written and
// where parentheses go; the printer keeps no case of its own for any operator. Every form below reads
// back to the same node and its LaTeX typesets in KaTeX.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import katex from "katex";
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";
import { operators } from "../src/graph/operators.js";

const DECLARATIONS = "A ∈ ℝ^(n×n); B ∈ ℝ^(n×n); X ∈ ℝ^(n×n); v ∈ ℝ^n; M ∈ ℝ^(m×n)";

// [typed, pretty, LaTeX]
const FORMS: [string, string, string][] = [
  ["Aᵀ", "Aᵀ", "A^{\\top}"],
  ["(A B)ᵀ", "Bᵀ Aᵀ", "B^{\\top} A^{\\top}"],
  ["(A + B)ᵀ", "Aᵀ + Bᵀ", "A^{\\top} + B^{\\top}"],
  ["A⁻¹", "A⁻¹", "A^{-1}"],
  ["(A + B)⁻¹", "(A + B)⁻¹", "\\left(A + B\\right)^{-1}"],
  ["X⁻ᵀ", "X⁻ᵀ", "X^{-\\top}"],
  ["(A B)⁻ᵀ", "(A B)⁻ᵀ", "\\left(A B\\right)^{-\\top}"],
  ["A^3", "A³", "A^{3}"],
  ["(Aᵀ)^2", "(Aᵀ)²", "\\left(A^{\\top}\\right)^{2}"],
  ["A A", "A²", "A^{2}"],
  ["A B", "A B", "A B"],
  ["A B v", "A B v", "A B v"],
  // Matrix products associate: pretty drops the parentheses of a chain (text keeps them), so a chain
  // nested to the right reads back nested to the left, the same matrix.
  ["(Mᵀ M) v", "Mᵀ M v", "M^{\\top} M v"],
  ["A ⊙ B", "A ⊙ B", "A \\odot B"],
  ["|x|", "|x|", "\\left|x\\right|"],
  ["|x|^2", "|x|²", "\\left|x\\right|^{2}"],
  ["‖v‖", "‖v‖", "\\left\\| v \\right\\|"],
  ["‖v‖₁", "‖v‖₁", "\\left\\| v \\right\\|_{1}"],
  ["‖M‖_F^2", "‖M‖_F²", "\\left\\| M \\right\\|_{F}^{2}"],
  ["σ(x)", "σ(x)", "\\sigma\\left(x\\right)"],
  ["sin(x)^2", "sin(x)²", "\\left(\\sin\\left(x\\right)\\right)^{2}"],
  ["max(x, y)", "max(x, y)", "\\max\\left(x, y\\right)"],
  ["exp(v)", "exp(v)", "\\exp\\left(v\\right)"],
  ["tr(A B)", "tr(A B)", "\\operatorname{tr}\\left(A B\\right)"],
  ["det(A⁻¹)", "1/det(A)", "\\frac{1}{\\det\\left(A\\right)}"],
  ["diag(v) A", "diag(v)A", "\\operatorname{diag}\\left(v\\right) A"],
];

describe("printing from the operator rows", () => {
  it.each(FORMS)("%s prints %s and %s, and reads back", (typed, pretty, latex) => {
    const session = new Session();
    session.run(DECLARATIONS);
    const [r] = session.run(typed);
    expect(r.status, r.error?.message).toBe("ok");
    expect(r.pretty).toBe(pretty);
    expect(r.latex).toBe(latex);
    expect(() => katex.renderToString(r.latex, { throwOnError: true })).not.toThrow();
    for (const printed of [r.text, r.pretty]) {
      const again = new Session();
      again.run(DECLARATIONS);
      const [back] = again.run(printed);
      expect(back.value, `${printed} reads back`).toBe(r.value);
    }
  });

  it("the printer and the styles name no operator: the rows do", () => {
    const printers = join(import.meta.dirname, "..", "src", "graph", "print");
    const source = ["printer.ts", "style.ts"].map((f) => readFileSync(join(printers, f), "utf8")).join("\n");
    for (const op of ["transpose", "inverse", "abs", "norm", "matmul", "hadamard", "sigmoid", "sin", "det", "max"])
      expect(source, op).not.toContain(`"${op}"`);
  });

  it("every row with a Unicode form has a LaTeX form, and postfix and infix rows have both", () => {
    const rows = operators();
    expect(rows.filter((e) => e.unicode && !e.latex).map((e) => e.name)).toEqual([]);
    expect(
      rows
        .filter((e) => (e.notation === "postfix" || e.notation === "infix") && !(e.latex && e.unicode))
        .map((e) => e.name),
    ).toEqual([]);
  });
});
