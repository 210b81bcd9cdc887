// How names are spelled: ASCII Greek spellings and Unicode subscripts fold to one canonical name.

/** ASCII spellings of the Greek letters names may use (Σ is the sum, so `Sigma` is not a name). */
export const GREEK: Readonly<Record<string, string>> = {
  alpha: "α",
  beta: "β",
  gamma: "γ",
  delta: "δ",
  epsilon: "ε",
  zeta: "ζ",
  eta: "η",
  theta: "θ",
  iota: "ι",
  kappa: "κ",
  lambda: "λ",
  mu: "μ",
  nu: "ν",
  xi: "ξ",
  pi: "π",
  rho: "ρ",
  sigma: "σ",
  tau: "τ",
  upsilon: "υ",
  phi: "φ",
  chi: "χ",
  psi: "ψ",
  omega: "ω",
  Gamma: "Γ",
  Delta: "Δ",
  Theta: "Θ",
  Lambda: "Λ",
  Xi: "Ξ",
  Pi: "Π",
  Phi: "Φ",
  Psi: "Ψ",
  Omega: "Ω",
};

const LATEX_GREEK: Record<string, string> = Object.fromEntries(
  Object.entries(GREEK).map(([word, letter]) => [letter, `\\${word}`]),
);

export const SUBSCRIPT_DIGITS = "₀₁₂₃₄₅₆₇₈₉";

/**
 * Unicode's subscript letters, each the letter it writes small: `xᵢ` is `x_i` as `x₁` is `x_1`
 * (pasted from a PDF, `Σ_{i=1}^{3} xᵢ` must bind its index, not multiply a name `xᵢ` by 3).
 */
const SUBSCRIPT_LETTERS: Readonly<Record<string, string>> = {
  ₐ: "a",
  ₑ: "e",
  ₒ: "o",
  ₓ: "x",
  ₕ: "h",
  ₖ: "k",
  ₗ: "l",
  ₘ: "m",
  ₙ: "n",
  ₚ: "p",
  ₛ: "s",
  ₜ: "t",
  ᵢ: "i",
  ᵣ: "r",
  ᵤ: "u",
  ᵥ: "v",
  ⱼ: "j",
  ᵦ: "β",
  ᵧ: "γ",
  ᵨ: "ρ",
  ᵩ: "φ",
  ᵪ: "χ",
};

/** The character a subscript digit or letter writes small, or undefined when `ch` is not one. */
function subscriptOf(ch: string): string | undefined {
  const digit = SUBSCRIPT_DIGITS.indexOf(ch);
  if (digit >= 0) return String(digit);
  return Object.hasOwn(SUBSCRIPT_LETTERS, ch) ? SUBSCRIPT_LETTERS[ch] : undefined;
}
export const SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

const UNICODE_LETTER = /^\p{L}$/u;

/**
 * Whether `c`, one code point, is a letter (Unicode's L categories). Latin and Greek are decided
 * by their ranges: compiling the Unicode tables of \p{L} costs a fresh process a third of a
 * millisecond, which a notebook that never leaves them does not need to pay.
 */
export function isLetter(c: string | undefined): boolean {
  if (c === undefined || c === "") return false;
  const code = c.charCodeAt(0);
  if (code < 0x80) return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  if (code >= 0x3b1 && code <= 0x3c9) return true; // α–ω
  if (code >= 0x391 && code <= 0x3a9) return code !== 0x3a2; // Α–Ω
  return UNICODE_LETTER.test(c);
}

export function greekLetter(word: string): string | undefined {
  // Own keys only: a name such as `toString` is not a letter (Object.prototype's members are not data).
  return Object.hasOwn(GREEK, word) ? GREEK[word] : undefined;
}

export function latexGreek(letter: string): string | undefined {
  return Object.hasOwn(LATEX_GREEK, letter) ? LATEX_GREEK[letter] : undefined;
}

/** One or more ASCII digits (as /^\d+$/, without a regular expression: V8 compiles one on first use). */
export function isDigits(s: string): boolean {
  if (s === "") return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** One or more ASCII word characters, as /^\w+$/. */
export function isWord(s: string): boolean {
  if (s === "") return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f)) return false;
  }
  return true;
}

export function superscriptValue(text: string): number {
  let value = 0;
  for (const ch of text) value = value * 10 + SUPERSCRIPT_DIGITS.indexOf(ch);
  return value;
}

/** A derivative's order as typed: `²` or `^2`. */
export function orderValue(text: string): number {
  return text.startsWith("^") ? Number(text.slice(1)) : superscriptValue(text);
}

/**
 * The operators written as symbols, by the name their help is filed under: help(∇), help(⊙).
 * The grammar's `operatorSymbol` lists the same symbols.
 */
export const OPERATOR_SYMBOLS: Record<string, string> = {
  "∇": "grad",
  "∇²": "hessian",
  "∂": "diff",
  "⊙": "hadamard",
  ".*": "hadamard",
  "⊗": "outer",
  "·": "dot",
  "×": "matmul",
  "*": "matmul",
  Σ: "sum",
  "∑": "sum",
  "∏": "prod",
  ᵀ: "transpose",
  "'": "transpose",
  "⁻¹": "inverse",
  "√": "sqrt",
  "‖": "norm",
  "|": "abs",
  "≈": "N",
  "≡": "check",
  "==": "check",
  "∈": "in",
  "→": "network",
  "->": "network",
  "^": "pow",
  "/": "div",
  "÷": "div",
  "+": "add",
  "-": "sub",
  "−": "sub",
};

export function toSuperscript(n: number): string {
  return String(n)
    .split("")
    .map((d) => (d === "-" ? "⁻" : SUPERSCRIPT_DIGITS[Number(d)]))
    .join("");
}

/**
 * The canonical spelling of a name as typed: `lambda` → `λ`, `x₁` → `x_1`, `xᵢ` → `x_i`,
 * `W_{12}` → `W_12`, `x_{i}` → `x_i`, `eta_0` → `η_0`.
 */
export function canonicalName(typed: string): string {
  // Most names are plain ASCII letters and digits: only a Greek letter's name can change them.
  if (isWord(typed) && !typed.includes("_")) return greekLetter(typed) ?? typed;
  let text = "";
  for (const ch of typed) {
    // A subscript character after the name's first writes its subscript; a name of one alone stays.
    const small = text === "" ? undefined : subscriptOf(ch);
    text += small !== undefined ? (text.includes("_") ? "" : "_") + small : ch;
  }
  const underscore = text.indexOf("_");
  let base = underscore >= 0 ? text.slice(0, underscore) : text;
  let sub = underscore >= 0 ? text.slice(underscore + 1) : "";
  if (sub.startsWith("{") && sub.endsWith("}")) sub = sub.slice(1, -1);
  base = greekLetter(base) ?? base;
  return sub ? `${base}_${sub}` : base;
}

/** Splits `x_i` into its base and subscript. */
export function splitSubscript(name: string): { base: string; sub: string | null } {
  const underscore = name.indexOf("_");
  return underscore < 0
    ? { base: name, sub: null }
    : { base: name.slice(0, underscore), sub: name.slice(underscore + 1) };
}

/** A string literal's escapes: \n and \t, and a backslash before anything else keeps that character. */
export function unescapeString(raw: string): string {
  return raw.replace(/\\(.)/g, (_, ch: string) => (ch === "n" ? "\n" : ch === "t" ? "\t" : ch));
}
