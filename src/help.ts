// Docs are data: help text comes from the operator table's entries and the command list below;
// the kernel's inspect and `help()` read it, and a test runs every example.
import { operators } from "./graph/operators.js";
import type { Help } from "./graph/ops/entry.js";
import { renderLatex } from "./render/katex.js";

export const KEYWORDS = ["check", "expect", "layer", "train", "on", "with", "subject", "to", "maximize", "minimize", "points", "else", "if", "in", "tol"];

/** Commands that are not operator-table rows (they take unevaluated arguments or act on the notebook). */
export const COMMAND_HELP: Record<string, Help> = {
  print: { syntax: 'print("text", x, …)', description: "Writes its arguments to the output as plain text.", examples: ['print("loss:", 1/4)'] },
  warn: { syntax: 'warn("text")', description: "Writes a warning to the error stream.", examples: ['warn("λ is large")'] },
  help: { syntax: "help(name)", description: "Shows an operator's syntax, description and examples.", examples: ["help(det)"] },
  clear: { syntax: "clear()", description: "Clears the cell's output so far.", examples: ["clear()"] },
  diff: { syntax: "diff(f, x), diff(f, x, y), diff(f, x, k)", description: "Partial derivatives, in order; a number after a variable repeats it.", examples: ["diff(x^2 y, x)", "diff(x^3, x, 2)"] },
  grad: { syntax: "∇f, ∇(expr), grad(f)", description: "The gradient: a function's parameters in order, or an expression's symbols in order of appearance.", examples: ["∇(x^2 + y^2)"] },
  hessian: { syntax: "∇²f, hessian(expr)", description: "The matrix of second partial derivatives.", examples: ["hessian(x^3 + y^3)"] },
  jacobian: { syntax: "jacobian([f, g], [x, y])", description: "The matrix of first partials of a vector function.", examples: ["jacobian([x y, x + y], [x, y])"] },
  sum: { syntax: "Σ_{i=1}^{n} body, sum(body, i = 1..n), sum(v)", description: "A sum over an index (expanded for number bounds), or of a vector's entries.", examples: ["sum(i^2, i = 1..4)", "Σ_{k=1}^{3} k"] },
  prod: { syntax: "∏_{i=1}^{n} body, prod(body, i = 1..n)", description: "A product over an index.", examples: ["prod(k, k = 1..5)"] },
  plot: { syntax: "plot(f, g, …, x = a..b), plot(training), plot(net, data), plot(f, gd(…))", description: "Draws expressions of one variable over a range, a training run's loss curve, a classifier's decision regions, or a descent path on a function's level map (Vega-Lite in JupyterLab, SVG elsewhere).", examples: ["plot(σ(x), d/dx σ(x), x = -6..6)", "plot(relu(x), x = -2..2)"] },
  perceptron: { syntax: "perceptron(and)", description: "Runs the perceptron learning rule step by step on a logic gate or data set.", examples: ["perceptron(and)"] },
  backprop: { syntax: "backprop(net)", description: "The backpropagation equations of a network in δ form.", examples: ["layer a = dense(2 → 3, relu)\nlayer b = dense(3 → 1, sigmoid)\nbackprop(a → b)"] },
  params: { syntax: "params(net)", description: "The number of weights and biases: Σ(mₗmₗ₋₁ + mₗ).", examples: ["layer a = dense(784 → 128, relu)\nparams(a)"] },
  dataset: { syntax: 'dataset("xor"), dataset("moons", n = 200, seed = 1, noise = 0.1)', description: "A small generated data set: and, or, xor, nand, blobs, moons, circles, spirals.", examples: ['dataset("xor")'] },
  eig: { syntax: "eig(A)", description: "Eigenvalues (largest first) with eigenvectors; exact when they are rational or quadratic radicals, numeric otherwise.", examples: ["eig([2, 1; 1, 2])", "eig([4, 1; 2, 3])"] },
  svd: { syntax: "svd(A)", description: "The singular value decomposition A = U Σ Vᵀ (numeric).", examples: ["svd([3, 0; 0, 4])"] },
  diagonalize: { syntax: "diagonalize(A)", description: "The spectral decomposition A = V Λ V⁻¹ of a diagonalizable matrix.", examples: ["diagonalize([2, 1; 1, 2])"] },
};

function allHelp(): Map<string, { name: string; help: Help }> {
  const map = new Map<string, { name: string; help: Help }>();
  for (const entry of operators()) {
    for (const name of [entry.name, ...(entry.aliases ?? [])]) map.set(name, { name: entry.name, help: entry.help });
  }
  for (const [name, help] of Object.entries(COMMAND_HELP)) map.set(name, { name, help });
  return map;
}

export function builtinNames(): string[] {
  return [...allHelp().keys()];
}

/** Every help example with the name it documents (for the test that runs them all). */
export function helpExamples(): { name: string; example: string }[] {
  const seen = new Set<Help>();
  const out: { name: string; example: string }[] = [];
  for (const { name, help } of allHelp().values()) {
    if (seen.has(help)) continue;
    seen.add(help);
    for (const example of help.examples) out.push({ name, example });
  }
  return out;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[ch]!);
}

export function helpFor(name: string): { text: string; html: string } | undefined {
  if (name === "") {
    const names = builtinNames().sort();
    return { text: `Operators and commands:\n${names.join(", ")}\n\nhelp(name) shows one.`, html: `<p>${escapeHtml(names.join(", "))}</p>` };
  }
  const found = allHelp().get(name);
  if (!found) return undefined;
  const { help } = found;
  const text = [`${found.name}: ${help.syntax}`, "", help.description, "", "Examples:", ...help.examples.map((e) => `  ${e}`)].join("\n");
  const html =
    `<h3><code>${escapeHtml(help.syntax)}</code></h3><p>${escapeHtml(help.description)}</p>` +
    `<p>Examples:</p><pre>${help.examples.map(escapeHtml).join("\n")}</pre>`;
  return { text, html };
}

export { renderLatex };
