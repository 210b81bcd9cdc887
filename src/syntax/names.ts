// How names are spelled: ASCII Greek spellings and Unicode subscripts fold to one canonical name.

const GREEK: Record<string, string> = {
  alpha: "α", beta: "β", gamma: "γ", delta: "δ", epsilon: "ε", zeta: "ζ", eta: "η", theta: "θ",
  iota: "ι", kappa: "κ", lambda: "λ", mu: "μ", nu: "ν", xi: "ξ", pi: "π", rho: "ρ", sigma: "σ",
  tau: "τ", upsilon: "υ", phi: "φ", chi: "χ", psi: "ψ", omega: "ω",
  Gamma: "Γ", Delta: "Δ", Theta: "Θ", Lambda: "Λ", Xi: "Ξ", Pi: "Π", Phi: "Φ", Psi: "Ψ", Omega: "Ω",
};

const LATEX_GREEK: Record<string, string> = Object.fromEntries(
  Object.entries(GREEK).map(([word, letter]) => [letter, `\\${word}`]),
);

export const SUBSCRIPT_DIGITS = "₀₁₂₃₄₅₆₇₈₉";
export const SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

export function greekLetter(word: string): string | undefined {
  return GREEK[word];
}

export function latexGreek(letter: string): string | undefined {
  return LATEX_GREEK[letter];
}

export function superscriptValue(text: string): number {
  let value = 0;
  for (const ch of text) value = value * 10 + SUPERSCRIPT_DIGITS.indexOf(ch);
  return value;
}

export function toSuperscript(n: number): string {
  return String(n)
    .split("")
    .map((d) => (d === "-" ? "⁻" : SUPERSCRIPT_DIGITS[Number(d)]))
    .join("");
}

/**
 * The canonical spelling of a name as typed: `lambda` → `λ`, `x₁` → `x_1`, `W_{12}` → `W_12`,
 * `x_{i}` → `x_i`, `eta_0` → `η_0`.
 */
export function canonicalName(typed: string): string {
  let text = "";
  for (const ch of typed) {
    const digit = SUBSCRIPT_DIGITS.indexOf(ch);
    text += digit >= 0 ? (text.includes("_") ? "" : "_") + String(digit) : ch;
  }
  const underscore = text.indexOf("_");
  let base = underscore >= 0 ? text.slice(0, underscore) : text;
  let sub = underscore >= 0 ? text.slice(underscore + 1) : "";
  if (sub.startsWith("{") && sub.endsWith("}")) sub = sub.slice(1, -1);
  base = GREEK[base] ?? base;
  return sub ? `${base}_${sub}` : base;
}

/** Splits `x_i` into its base and subscript. */
export function splitSubscript(name: string): { base: string; sub: string | null } {
  const underscore = name.indexOf("_");
  return underscore < 0 ? { base: name, sub: null } : { base: name.slice(0, underscore), sub: name.slice(underscore + 1) };
}

/** A string literal's escapes: \n and \t, and a backslash before anything else keeps that character. */
export function unescapeString(raw: string): string {
  return raw.replace(/\\(.)/g, (_, ch: string) => (ch === "n" ? "\n" : ch === "t" ? "\t" : ch));
}
