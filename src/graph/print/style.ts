// The three notations a value is printed in. The printer (./printer.ts) decides structure —
// precedence, signs, fractions — and asks a Style how each piece is spelled.
import { isDigits, isLetter, isWord, latexGreek, splitSubscript, toSuperscript } from "../../syntax/names.js";
import { floatText } from "../../numeric/big-float.js";

export interface Style {
  readonly name: "text" | "latex" | "pretty";
  readonly minus: string;
  symbol(name: string): string;
  constant(name: "π" | "e"): string;
  /** Joins factors of a product; `numeric` tells which factors are plain numbers. */
  product(factors: string[], numeric: boolean[]): string;
  fraction(numerator: string, denominator: string, simpleDenominator: boolean): string;
  power(base: string, exponent: string, simpleExponent: boolean): string;
  root(radicand: string, k: number): string;
  exp(exponent: string): string;
  paren(s: string): string;
  call(name: string, args: string[]): string;
  matrix(rows: string[][]): string;
  vector(entries: string[]): string;
  list(items: string[]): string;
  string(value: string): string;
  float(x: number): string;
  sum(op: "sum" | "prod", index: string, from: string, to: string, body: string): string;
  relation(op: string, left: string, right: string): string;
}

const PRETTY_DIGITS: Record<string, string> = {
  "0": "₀",
  "1": "₁",
  "2": "₂",
  "3": "₃",
  "4": "₄",
  "5": "₅",
  "6": "₆",
  "7": "₇",
  "8": "₈",
  "9": "₉",
};

export function shortFloat(x: number, digits = 6): string {
  if (!Number.isFinite(x)) return x > 0 ? "∞" : x < 0 ? "-∞" : "NaN";
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return x.toFixed(1);
  const s = x.toPrecision(digits);
  if (s.includes("e")) return s.replace(/\.?0+e/, "e");
  // A float keeps its point (3.0, not 3), so it never reads as an exact number.
  return s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, ".0") : `${s}.0`;
}

/** A float as shortFloat writes it, in LaTeX: 1.5e+300 is 1.5 \times 10^{300}. */
export function latexScientific(text: string): string {
  return text.replace(/e([+-]?)(\d+)$/, (_, s: string, d: string) => ` \\times 10^{${s === "-" ? "-" : ""}${d}}`);
}

export const TEXT: Style = {
  name: "text",
  minus: "-",
  symbol: (name) => name,
  constant: (name) => (name === "π" ? "pi" : "e"),
  product: (factors) => factors.join("*"),
  fraction: (n, d, simple) => `${n}/${simple ? d : `(${d})`}`,
  power: (b, e, simple) => `${b}^${simple ? e : `(${e})`}`,
  root: (r, k) => (k === 2 ? `sqrt(${r})` : `${/^[\w.]+$/.test(r) ? r : `(${r})`}^(1/${k})`),
  exp: (e) => `exp(${e})`,
  paren: (s) => `(${s})`,
  call: (name, args) => `${name}(${args.join(", ")})`,
  matrix: (rows) => `[${rows.map((r) => r.join(", ")).join("; ")}]`,
  vector: (entries) => `[${entries.join(", ")}]`,
  list: (items) => items.join(", "),
  string: (value) => JSON.stringify(value),
  float: floatText,
  sum: (op, i, from, to, body) => `${op}(${body}, ${i} = ${from}..${to})`,
  relation: (op, l, r) => `${l} ${op} ${r}`,
};

/**
 * A layer's quantities are named with a superscript that is not a power: δ^2, W^l (only the
 * engine makes such names; users' `x^2` is a power).
 */
function splitLayer(name: string): { name: string; layer: string | null } {
  const at = name.lastIndexOf("^");
  return at > 0 && isWord(name.slice(at + 1))
    ? { name: name.slice(0, at), layer: name.slice(at + 1) }
    : { name, layer: null };
}

function latexName(full: string): string {
  // The all-ones array, as the references write it.
  if (full === "𝟏") return "\\mathbf{1}";
  const { name, layer } = splitLayer(full);
  if (layer !== null) return `{${latexName(name)}^{${layer}}}`;
  const { base, sub } = splitSubscript(name);
  const greek = latexGreek(base);
  const head = greek ?? (base.length > 1 ? `\\mathrm{${base}}` : base);
  if (sub === null) return head;
  const subTex = sub
    .split(",")
    .map((part) => latexGreek(part) ?? (part.length > 1 && !isDigits(part) ? `\\mathrm{${part}}` : part))
    .join(",");
  return `${head}_{${subTex}}`;
}

/**
 * Text to put inside LaTeX's `\text{…}`, reading as typed in KaTeX: the characters text mode treats
 * specially (\ { } $ & # ^ _ ~ %) escaped by name (`\^` and `\~` are accents, so ^ and ~ have their
 * own commands), a hyphen or quote before its twin kept apart (`--` is an en dash, `''` a closing
 * double quote), and the Unicode minus, Greek letters, the math symbols KaTeX's text fonts lack
 * (→ ≈ ≤ ∇ …) and sub- and superscript digits set in math (`$δ$`, `$_{2}$`).
 * The one copy: every `\text{…}` made from words rather than the printer's own LaTeX goes through it.
 */
export function latexText(text: string): string {
  return text.replace(LATEX_TEXT_SPECIAL, (run) => {
    if (run === "-" || run === "'" || run === "`") return `${run}{}`;
    if (run.length === 1 && run in LATEX_TEXT_ESCAPES) return LATEX_TEXT_ESCAPES[run]!;
    if (SUBSCRIPTS.includes(run[0]!)) return `$_{${scriptOf(run, SUBSCRIPTS)}}$`;
    if (SUPERSCRIPTS.includes(run[0]!)) return `$^{${scriptOf(run, SUPERSCRIPTS)}}$`;
    return `$${run}$`;
  });
}

// Unicode sub- and superscript digits (δ₂, x²), which KaTeX's fonts lack: set as math scripts.
const SUBSCRIPTS = "₀₁₂₃₄₅₆₇₈₉₊₋";
const SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻";
const scriptOf = (run: string, table: string) => [...run].map((c) => "0123456789+-"[table.indexOf(c)]).join("");

const LATEX_TEXT_ESCAPES: Record<string, string> = {
  "\\": "\\textbackslash{}",
  "^": "\\textasciicircum{}",
  "~": "\\textasciitilde{}",
  "{": "\\{",
  "}": "\\}",
  $: "\\$",
  "&": "\\&",
  "#": "\\#",
  _: "\\_",
  "%": "\\%",
};

/** Characters KaTeX sets in math only: checked one by one against KaTeX in test/latex-text.test.ts. */
export const LATEX_TEXT_MATH_CHARS = "\u2212→←↦⇒⇔≈≤≥≠∞∇×∈∉∑∏∫∂±∓∼≃≅≡⊙⊗∘∀∃✓";

const LATEX_TEXT_SPECIAL = new RegExp(
  `[\\\\{}$&#^_~%]|-(?=-)|'(?=')|\\x60(?=\\x60)|[₀-₉₊₋]+|[⁰¹²³⁴-⁹⁺⁻]+|[\\u0370-\\u03ff${LATEX_TEXT_MATH_CHARS}]+`,
  "gu",
);

export const LATEX: Style = {
  name: "latex",
  minus: "-",
  symbol: latexName,
  constant: (name) => (name === "π" ? "\\pi" : "e"),
  product: (factors, numeric) =>
    factors.reduce(
      (acc, f, i) =>
        i === 0
          ? f
          : acc + (numeric[i] || (numeric[i - 1] && /^[\d(\\[]/.test(f) && /^\d/.test(f)) ? " \\cdot " : " ") + f,
      "",
    ),
  fraction: (n, d) => `\\frac{${n}}{${d}}`,
  power: (b, e) => `${b}^{${e}}`,
  root: (r, k) => (k === 2 ? `\\sqrt{${r}}` : `\\sqrt[${k}]{${r}}`),
  exp: (e) => `e^{${e}}`,
  paren: (s) => `\\left(${s}\\right)`,
  // A name without a LaTeX form of its own (an operator's is in its row): Greek, else an operator name.
  call: (name, args) => {
    const head = latexGreek(name) ?? `\\operatorname{${name.replace(/_/g, "\\_")}}`;
    return `${head}\\left(${args.join(", ")}\\right)`;
  },
  matrix: (rows) => `\\begin{bmatrix} ${rows.map((r) => r.join(" & ")).join(" \\\\ ")} \\end{bmatrix}`,
  vector: (entries) => `\\begin{bmatrix} ${entries.join(" \\\\ ")} \\end{bmatrix}`,
  list: (items) => items.join(",\\quad "),
  string: (value) => `\\text{${latexText(value)}}`,
  float: (x) => latexScientific(shortFloat(x)).replace("∞", "\\infty"),
  sum: (op, i, from, to, body) => `${op === "sum" ? "\\sum" : "\\prod"}_{${i}=${from}}^{${to}} ${body}`,
  relation: (op, l, r) => `${l} ${{ "==": "\\equiv", "≠": "\\neq", "<=": "\\leq", ">=": "\\geq" }[op] ?? op} ${r}`,
};

function prettyName(full: string): string {
  const { name, layer } = splitLayer(full);
  if (layer !== null) return prettyName(name) + (isDigits(layer) ? toSuperscript(Number(layer)) : `^${layer}`);
  const { base, sub } = splitSubscript(name);
  if (sub === null) return base;
  return isDigits(sub)
    ? base +
        sub
          .split("")
          .map((d) => PRETTY_DIGITS[d])
          .join("")
    : `${base}_${sub}`;
}

/** A sub- or superscript digit as names carry them: ₀–₉, ⁰–⁹ (and that block's neighbours), ¹²³. */
function isScriptDigit(code: number): boolean {
  return (code >= 0x2070 && code <= 0x2089) || code === 0xb9 || code === 0xb2 || code === 0xb3;
}

/** The code point ending at `end` (exclusive) and its length in UTF-16 units. */
function codePointBefore(s: string, end: number): [string, number] {
  const low = s.charCodeAt(end - 1);
  const width =
    end >= 2 && low >= 0xdc00 && low <= 0xdfff && s.charCodeAt(end - 2) >= 0xd800 && s.charCodeAt(end - 2) <= 0xdbff
      ? 2
      : 1;
  return [s.slice(end - width, end), width];
}

/** One letter and any sub- or superscript digits: x, x₁, σ². */
function isSingleLetter(s: string): boolean {
  const first = s.codePointAt(0);
  if (first === undefined || !isLetter(String.fromCodePoint(first))) return false;
  for (let i = first > 0xffff ? 2 : 1; i < s.length; i++) if (!isScriptDigit(s.charCodeAt(i))) return false;
  return true;
}

/** Ends in a letter or a name's digit: a parenthesis right after it reads as a call. */
function endsInName(acc: string): boolean {
  const [last] = codePointBefore(acc, acc.length);
  if (isLetter(last) || isScriptDigit(last.charCodeAt(0))) return true;
  let start = acc.length;
  while (start > 0 && isWord(acc[start - 1])) start--;
  // W_12 is a name; 12 is a number, and 2(x + 1)² reads as it should.
  return !isPlainNumber(acc.slice(start)) && start < acc.length;
}

/** `(…)` and nothing after its closing parenthesis: x(x + 1) reads as x·(x + 1), but x(x + 1)² squares the call. */
function isOneGroup(f: string): boolean {
  let depth = 0;
  for (let i = 0; i < f.length; i++) {
    if (f[i] === "(") depth++;
    else if (f[i] === ")" && --depth === 0) return i === f.length - 1;
  }
  return false;
}

/** `q^y`: a parenthesis after it would make y(…) a call inside the exponent. */
function endsInNamedExponent(acc: string): boolean {
  const caret = acc.lastIndexOf("^");
  return caret >= 0 && caret < acc.length - 1 && isWord(acc.slice(caret + 1));
}

/** Digits and a point only: a number's numerator as a product prints it. */
function isPlainNumber(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || c === 0x2e)) return false;
  }
  return s !== "";
}

/**
 * Whether the factor `f` may touch the product `acc` printed so far and still read back as a
 * product: `2x`, `x²y`, `(A + Aᵀ)x`, `σ(x)(1 − σ(x))`. Two names never touch (`x y`: `xy` is one
 * name), nor a function name and a parenthesis (`cos(x) (…)` needs no space, `ab (x + 1)` does).
 */
function joinsTightly(acc: string, f: string): boolean {
  if (f.startsWith("("))
    return (
      acc.endsWith("ᵀ") ||
      !endsInName(acc) ||
      (isOneGroup(f) && !endsInLongName(acc) && !endsInNamedExponent(acc) && !endsInCallableLetter(acc))
    );
  if (!isSingleLetter(f)) return false;
  // Aᵀx and W³ᵀδ³ (ᵀ ends a name), but xᵀ A: as before, a long name before keeps its space.
  if (acc.endsWith("ᵀ")) return !endsInLongName(acc);
  const last = acc.charCodeAt(acc.length - 1);
  // ) ] | ‖, or a superscript digit or minus (x², x⁻¹): a name cannot go on through them.
  if (last === 0x29 || last === 0x5d || last === 0x7c || last === 0x2016 || last === 0x207b) return true;
  if ((last >= 0x2070 && last <= 0x2079) || last === 0xb9 || last === 0xb2 || last === 0xb3) return true;
  return isPlainNumber(acc);
}

/** Whether `s` ends in a one-letter name that is also a function (I(n), N(x)): `I (aᵀ x)` is a product. */
function endsInCallableLetter(s: string): boolean {
  const last = s[s.length - 1];
  return (last === "I" || last === "N") && !endsInLongName(s);
}

/**
 * Whether `s` ends in two or more letters, then any sub- or superscript digits (cos, xy, ab₂; ⁱ
 * counts as either). A scan back from the end: a pattern tried at every position of a growing
 * product was quadratic in its length.
 */
function endsInLongName(s: string): boolean {
  let digitsStart = s.length;
  while (digitsStart > 0 && isScriptDigit(s.charCodeAt(digitsStart - 1))) digitsStart--;
  for (let end = s.length; end >= digitsStart; end--) {
    let letters = 0;
    for (let at = end; at > 0 && letters < 2; letters++) {
      const [ch, width] = codePointBefore(s, at);
      if (!isLetter(ch)) break;
      at -= width;
    }
    if (letters >= 2) return true;
  }
  return false;
}

export const PRETTY: Style = {
  name: "pretty",
  minus: "−",
  symbol: prettyName,
  constant: (name) => name,
  // 2x, x²y and σ(x)(1 − σ(x)) join tightly; names are apart (2x y, as typed), and so is a function: 2x cos(x²).
  product: (factors, numeric) =>
    factors.reduce((acc, f, i) => {
      if (i === 0) return f;
      if (numeric[i]) return `${acc}·${f}`;
      return acc + (joinsTightly(acc, f) ? "" : " ") + f;
    }, ""),
  fraction: (n, d, simple) => `${n}/${simple ? d : `(${d})`}`,
  power: (b, e, simple) =>
    isDigits(e.startsWith("-") ? e.slice(1) : e) ? b + toSuperscript(Number(e)) : `${b}^${simple ? e : `(${e})`}`,
  // √2, ∛x, ∜(x + 1); a higher root as a power, which reads back (a superscript before √ would read as x⁵ √y).
  root: (r, k) => {
    // A number or one name goes bare (√2, √x); anything else in parentheses: √2x is √2·x.
    const radicand = isPlainNumber(r) || /^[A-Za-z]\w*$/.test(r) ? r : `(${r})`;
    return k <= 4 ? ["√", "∛", "∜"][k - 2] + radicand : `${radicand}^(1/${k})`;
  },
  exp: (e) => `exp(${e})`,
  paren: (s) => `(${s})`,
  call: (name, args) => `${name}(${args.join(", ")})`,
  matrix: (rows) => `[${rows.map((r) => r.join(", ")).join("; ")}]`,
  vector: (entries) => `[${entries.join(", ")}]`,
  list: (items) => items.join(", "),
  string: (value) => value,
  float: (x) => shortFloat(x).replace(/^-/, "−"),
  sum: (op, i, from, to, body) => `${op === "sum" ? "Σ" : "∏"}_{${i}=${from}}^{${to}} ${body}`,
  relation: (op, l, r) => `${l} ${{ "==": "≡", "<=": "≤", ">=": "≥" }[op] ?? op} ${r}`,
};
