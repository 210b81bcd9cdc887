// A fast path in front of the grammar for the statements typed most: expressions, assignments,
// function definitions and `check`s built from numbers, names, calls, matrices, + − * / · ⊙ ⊗ ^,
// implicit products, postfix ᵀ ' ⁻¹ ² and indexing, relations and d/dx, ∂/∂x. It returns exactly
// the AST that grammar/nabla.ohm and to-ast.ts give (spans included; a test holds it to that on
// every statement of the notebooks and on generated ones) or null, and then the grammar parses.
// Anything it is unsure of is null: ranges, arrows, Σ, ∇, ∂f/∂x, norms, |x|, ≈, declarations, the
// other keywords (check's `for` aside). The grammar stays the definition of the language and the
// source of every error.
import { readFunctionPowers } from "./function-powers.js";
import type { BinaryOp, DiffVar, Expr, RelOp, Span, Statement } from "./ast.js";
import {
  SUBSCRIPT_DIGITS,
  SUPERSCRIPT_DIGITS,
  canonicalName,
  isLetter,
  isWord,
  superscriptValue,
  unescapeString,
} from "./names.js";

/** Thrown to back out of a branch: one shared object, not an Error, so no stack trace is taken. */
const BAIL = Object.freeze({ bail: true });
const bail = (): never => {
  throw BAIL;
};

/** `left op right` as the grammar builds it: spanning from the left operand's start to `end`. */
const binary = (op: BinaryOp, left: Expr, right: Expr, implicit: boolean, end: number): Expr => ({
  kind: "binary",
  op,
  left,
  right,
  implicit,
  span: { start: left.span.start, end },
});

const RESERVED = "ᵀℝΣ";
/**
 * The statement keywords (longest first where one begins another: tol before to); help, completion and highlighting
 * read them here.
 */
export const KEYWORDS = [
  "check",
  "expect",
  "layer",
  "train",
  "on",
  "with",
  "subject",
  "tol",
  "to",
  "maximize",
  "minimize",
  "points",
  "else",
  "if",
  "in",
  "rtol",
  "forbid",
  "for",
];
const KEYWORD_STARTS: ReadonlySet<string | undefined> = new Set(KEYWORDS.map((k) => k[0]));
const MUL_OPS: (readonly [string, BinaryOp])[] = [
  ["*", "*"],
  ["/", "/"],
  ["·", "·"],
  ["⊙", "⊙"],
  [".*", "⊙"],
  ["⊗", "⊗"],
  ["÷", "/"],
  ["×", "*"],
];
const REL_OPS: (readonly [string, RelOp])[] = [
  ["==", "=="],
  ["≡", "=="],
  ["≠", "≠"],
  ["!=", "≠"],
  ["<=", "<="],
  ["≤", "<="],
  [">=", ">="],
  ["≥", ">="],
  ["=", "="],
  ["<", "<"],
  [">", ">"],
];

/** A table's entries by their first character, longest first (== before =): one lookup per position, not a scan. */
function byFirstChar<T>(
  table: readonly (readonly [string, T])[],
): ReadonlyMap<string, readonly (readonly [string, T])[]> {
  const out = new Map<string, (readonly [string, T])[]>();
  for (const entry of [...table].sort((a, b) => b[0].length - a[0].length)) {
    const list = out.get(entry[0][0]);
    if (list) list.push(entry);
    else out.set(entry[0][0], [entry]);
  }
  return out;
}
const MUL_AT = byFirstChar(MUL_OPS);
const REL_AT = byFirstChar(REL_OPS);

/** `-` or the printed minus `−` (U+2212). */
const isMinus = (c: string | undefined) => c === "-" || c === "−";
const isSuperscript = (c: string | undefined) => c !== undefined && c !== "" && SUPERSCRIPT_DIGITS.includes(c);
const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";
const isIdentStart = (c: string | undefined) => isLetter(c) && !RESERVED.includes(c!);
const isIdentPart = (c: string | undefined): boolean => {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  if (code < 0x80)
    return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  return (!RESERVED.includes(c) && isLetter(c)) || SUBSCRIPT_DIGITS.includes(c);
};
const isAlnum = (c: string | undefined) => isLetter(c) || isDigit(c);

/** An expression with the extent of its source: [start, end) in the statement, spaces excluded. */
interface Parsed {
  e: Expr;
  start: number;
  end: number;
}

class Parser {
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly base: number,
  ) {}

  private peek(k = 0): string | undefined {
    return this.text[this.pos + k];
  }

  private at(s: string): boolean {
    return this.text.startsWith(s, this.pos);
  }

  /** The entry of `table` (by first character) whose text starts here, if any. */
  private opAt<T>(table: ReadonlyMap<string, readonly (readonly [string, T])[]>): readonly [string, T] | undefined {
    const entries = table.get(this.text[this.pos]);
    if (entries === undefined) return undefined;
    for (let k = 0; k < entries.length; k++) if (this.at(entries[k][0])) return entries[k];
    return undefined;
  }

  /** Ohm's syntactic rules skip spaces (every code unit up to " ") before each element. */
  private skip(): void {
    while (this.pos < this.text.length && this.text.charCodeAt(this.pos) <= 32) this.pos++;
  }

  /** Skips spaces and says whether `s` follows; if not, the spaces stay unconsumed. */
  private ahead(s: string): boolean {
    const mark = this.pos;
    this.skip();
    if (this.at(s)) return true;
    this.pos = mark;
    return false;
  }

  private span(start: number, end: number): Span {
    return { start: this.base + start, end: this.base + end };
  }

  private expect(s: string): void {
    this.skip();
    if (!this.at(s)) bail();
    this.pos += s.length;
  }

  /** One or more items separated by commas (NonemptyListOf). */
  private commaList<T>(item: () => T): T[] {
    const items = [item()];
    while (this.ahead(",")) {
      this.pos++;
      items.push(item());
    }
    return items;
  }

  /** Zero or more items separated by commas, up to (not past) `close` (ListOf). */
  private listUntil<T>(close: string, item: () => T): T[] {
    return this.ahead(close) ? [] : this.commaList(item);
  }

  /**
   * The word at `from` is a keyword: the first keyword it starts with, not followed by an identifier character or `_`
   * (train_loss is a name).
   */
  private keywordAt(from: number): boolean {
    // Most words start with no keyword's letter: one set lookup instead of a search of the list.
    if (!KEYWORD_STARTS.has(this.text[from])) return false;
    const word = KEYWORDS.find((k) => this.text.startsWith(k, from));
    if (word === undefined) return false;
    const next = this.text[from + word.length];
    return !isIdentPart(next) && next !== "_";
  }

  /** name = ~keyword identStart identPart* subscript?, at the current position (no spaces skipped). */
  private nameToken(): { name: string; start: number } | null {
    const start = this.pos;
    if (!isIdentStart(this.peek()) || this.keywordAt(start)) return null;
    let p = start + 1;
    while (isIdentPart(this.text[p])) p++;
    if (this.text[p] === "_") {
      if (this.text[p + 1] === "{") {
        let q = p + 2;
        while (isAlnum(this.text[q]) || this.text[q] === "," || this.text[q] === "∞") q++;
        if (q > p + 2 && this.text[q] === "}") p = q + 1;
      } else {
        // W_hᵀ is the transpose of W_h: ᵀ ends a bare subscript.
        let q = p + 1;
        while (isAlnum(this.text[q]) && !RESERVED.includes(this.text[q])) q++;
        if (q > p + 1) p = q;
      }
    }
    this.pos = p;
    return { name: canonicalName(this.text.slice(start, p)), start };
  }

  private name(): string {
    this.skip();
    return this.nameToken()?.name ?? bail();
  }

  statement(): Statement {
    this.skip();
    const start = this.pos;
    if (this.text.startsWith("check", start) && !isWord(this.text[start + 5] ?? "")) {
      this.pos += 5;
      if (isIdentPart(this.peek())) bail();
      const expr = this.expr();
      // `for x > 0, y ≠ 1`: the conditions where the comparison is to hold (CheckDomain).
      let end = expr.end;
      let conditions: Expr[] | undefined;
      if (this.ahead("for") && !isIdentPart(this.text[this.pos + 3]) && this.text[this.pos + 3] !== "_") {
        this.pos += 3;
        const items = this.commaList(() => this.expr());
        conditions = items.map((item) => item.e);
        end = items[items.length - 1].end;
      }
      // Matched as the grammar's start rule (no leading space), Check's interval runs to the end of
      // the text, trailing spaces included; inside Statement it ends at its last expression.
      const span = this.span(start, start === 0 ? this.text.length : end);
      return this.finish(
        conditions ? { kind: "check", expr: expr.e, conditions, span } : { kind: "check", expr: expr.e, span },
      );
    }
    // Declarations (∈) and draws (X ~ Normal(0, 1)) are rare: the grammar parses them.
    if (this.keywordAt(start) || this.text.includes("∈") || this.text.includes("~") || this.text.includes("∼")) bail();
    return this.functionDef(start) ?? this.assignment(start) ?? this.exprList(start);
  }

  /** The whole statement must be used: otherwise the grammar decides (and reports). */
  private finish(st: Statement): Statement {
    this.skip();
    if (this.pos !== this.text.length) bail();
    return st;
  }

  private attempt<T>(start: number, f: () => T): T | null {
    try {
      return f();
    } catch (err) {
      if (err !== BAIL) throw err;
      this.pos = start;
      return null;
    }
  }

  private functionDef(start: number): Statement | null {
    const head = this.attempt(start, () => {
      const name = this.name();
      this.expect("(");
      const params = this.listUntil(")", () => this.name());
      this.expect(")");
      this.expect("=");
      if (this.at("=")) bail();
      return { name, params };
    });
    if (!head) return null;
    const body = this.expr();
    return this.finish({
      kind: "define",
      name: head.name,
      params: head.params,
      body: body.e,
      span: this.span(start, body.end),
    });
  }

  private assignment(start: number): Statement | null {
    const name = this.attempt(start, () => {
      const n = this.name();
      this.expect("=");
      if (this.at("=")) bail();
      return n;
    });
    if (name === null) return null;
    const expr = this.expr();
    return this.finish({ kind: "assign", name, expr: expr.e, span: this.span(start, expr.end) });
  }

  private exprList(start: number): Statement {
    const exprs = this.commaList(() => this.expr());
    return this.finish({
      kind: "exprs",
      exprs: exprs.map((x) => x.e),
      span: this.span(start, exprs[exprs.length - 1].end),
    });
  }

  /** Rel: one relation at most (two, as in `y = 10 − x ≡ x + y = 10`, is the grammar's). */
  expr(): Parsed {
    const left = this.range();
    const mark = this.pos;
    this.skip();
    const rel = this.opAt(REL_AT);
    if (!rel) {
      this.pos = mark;
      return left;
    }
    this.pos += rel[0].length;
    const right = this.range();
    const after = this.pos;
    this.skip();
    if (this.opAt(REL_AT)) bail();
    this.pos = after;
    return {
      e: { kind: "relation", op: rel[1], left: left.e, right: right.e, span: this.span(left.start, right.end) },
      start: left.start,
      end: right.end,
    };
  }

  private range(): Parsed {
    const e = this.additive();
    const mark = this.pos;
    this.skip();
    if (this.at("..") || this.at("→") || this.at("->")) bail();
    this.pos = mark;
    return e;
  }

  private additive(): Parsed {
    const first = this.term();
    let acc = first.e;
    let end = first.end;
    for (;;) {
      const mark = this.pos;
      this.skip();
      const c = this.peek();
      if ((c !== "+" && !isMinus(c)) || this.at("->")) {
        this.pos = mark;
        return { e: acc, start: first.start, end };
      }
      this.pos++;
      const right = this.term();
      acc = binary(c === "+" ? "+" : "-", acc, right.e, false, this.base + right.end);
      end = right.end;
    }
  }

  private term(): Parsed {
    const first = this.unary();
    let acc = first.e;
    let end = first.end;
    for (;;) {
      const mark = this.pos;
      this.skip();
      const op = this.opAt(MUL_AT);
      // `**` is a power (taken further down, so never seen here).
      if (op) {
        this.pos += op[0].length;
        const right = this.unary();
        acc = binary(op[1], acc, right.e, false, right.e.span.end);
        end = right.end;
        continue;
      }
      if (!this.startsFactor()) {
        this.pos = mark;
        return { e: acc, start: first.start, end };
      }
      const right = this.juxt();
      acc = binary("*", acc, right.e, true, right.e.span.end);
      end = right.end;
    }
  }

  /** Whether a factor of an implicit product starts here; bails on those the grammar must judge. */
  private startsFactor(): boolean {
    const c = this.peek();
    if (c === undefined) return false;
    if (c === "|" || c === "‖" || c === "∇" || c === "Σ" || c === "∑" || c === "∏") bail();
    if (c === "∂") return true;
    return (
      c === "(" ||
      c === "[" ||
      c === '"' ||
      isDigit(c) ||
      (c === "." && isDigit(this.peek(1))) ||
      (isIdentStart(c) && !this.keywordAt(this.pos))
    );
  }

  private unary(): Parsed {
    this.skip();
    const start = this.pos;
    const c = this.peek();
    if (isMinus(c)) {
      this.pos++;
      const arg = this.unary();
      return { e: { kind: "neg", arg: arg.e, span: this.span(start, arg.end) }, start, end: arg.end };
    }
    if (c === "+") {
      this.pos++;
      const arg = this.unary();
      return { e: arg.e, start, end: arg.end };
    }
    if (c === "≈") bail();
    return this.juxt();
  }

  /** A factor: d/dx or ∂/∂x applied to a term, or a power. */
  private juxt(): Parsed {
    this.skip();
    const c = this.peek();
    if (c === "∇" || c === "Σ" || c === "∑" || c === "∏" || c === "|" || c === "‖") bail();
    if (c === "∂") return this.derivative("∂") ?? bail();
    if (c === "d") {
      const d = this.derivative("d");
      if (d) return d;
    }
    return this.power();
  }

  /** DiffOp Term for d/dx (or ∂/∂x); null when "d" starts a name instead. */
  private derivative(symbol: "d" | "∂"): Parsed | null {
    const start = this.pos;
    this.pos++;
    if (symbol === "d" && isIdentPart(this.peek())) {
      this.pos = start;
      return null;
    }
    this.skip();
    let total = 1;
    if (isSuperscript(this.peek()) || this.caretOrderAhead()) total = this.order();
    this.skip();
    if (!this.at("/")) {
      if (symbol === "∂") bail();
      this.pos = start;
      return null;
    }
    this.pos++;
    this.skip();
    const vars: DiffVar[] = [];
    while (this.at(symbol)) {
      this.pos++;
      const path = [this.nameToken()?.name ?? bail()];
      while (this.peek() === "." && isIdentStart(this.peek(1))) {
        this.pos++;
        path.push(this.nameToken()?.name ?? bail());
      }
      const order = isSuperscript(this.peek()) || this.caretOrderAhead() ? this.order() : 1;
      vars.push({ path, order });
    }
    // `d/` with no differentials after it is a division, for the grammar to sort out.
    if (vars.length === 0) bail();
    const withTotal = vars.length === 1 && total > 1 && vars[0].order === 1 ? [{ ...vars[0], order: total }] : vars;
    const body = this.term();
    return {
      e: { kind: "derivative", vars: withTotal, arg: body.e, span: this.span(start, body.end) },
      start,
      end: body.end,
    };
  }

  /** `^2` as a derivative's order (d^2/dx^2). */
  private caretOrderAhead(): boolean {
    return this.peek() === "^" && isDigit(this.peek(1));
  }

  /** A derivative's order: superscript digits or `^` and digits. */
  private order(): number {
    if (isSuperscript(this.peek())) return this.superscripts().value;
    const start = ++this.pos;
    while (isDigit(this.peek())) this.pos++;
    return Number(this.text.slice(start, this.pos));
  }

  private superscripts(): { value: number; start: number } {
    const start = this.pos;
    while (isSuperscript(this.peek())) this.pos++;
    return { value: superscriptValue(this.text.slice(start, this.pos)), start };
  }

  private power(): Parsed {
    const base = this.postfix();
    const mark = this.pos;
    this.skip();
    if (this.at("^T")) bail();
    if (this.at("**") || this.at("^")) {
      this.pos += this.at("**") ? 2 : 1;
      const exponent = this.exponent();
      return {
        e: {
          kind: "binary",
          op: "^",
          left: base.e,
          right: exponent.e,
          implicit: false,
          span: this.span(base.start, exponent.end),
        },
        start: base.start,
        end: exponent.end,
      };
    }
    this.pos = mark;
    return base;
  }

  private exponent(): Parsed {
    this.skip();
    const start = this.pos;
    if (isMinus(this.peek())) {
      this.pos++;
      const arg = this.exponent();
      return { e: { kind: "neg", arg: arg.e, span: this.span(start, arg.end) }, start, end: arg.end };
    }
    const c = this.peek();
    if (!(
      c === "(" ||
      c === "[" ||
      isDigit(c) ||
      (c === "." && isDigit(this.peek(1))) ||
      (isIdentStart(c) && c !== "d" && !this.keywordAt(this.pos))
    ))
      bail();
    return this.power();
  }

  private postfix(): Parsed {
    const primary = this.primary();
    let acc = primary.e;
    const start = primary.start;
    for (;;) {
      const mark = this.pos;
      // Indexing and member access take no space before them; the other postfixes may have one.
      if (this.peek() === "[") {
        this.pos++;
        const indices = this.listUntil("]", () => this.indexArg());
        this.expect("]");
        acc = { kind: "index", target: acc, indices, span: this.span(start, this.pos) };
        continue;
      }
      if (this.peek() === "." && isIdentStart(this.peek(1)) && !this.keywordAt(this.pos + 1)) {
        this.pos++;
        const member = this.nameToken() ?? bail();
        acc = { kind: "member", target: acc, name: member.name, span: this.span(start, this.pos) };
        continue;
      }
      this.skip();
      const c = this.peek();
      if (c === "ᵀ" || c === "'") {
        this.pos++;
        acc = { kind: "transpose", arg: acc, span: this.span(start, this.pos) };
        continue;
      }
      if (this.at("⁻¹")) {
        const at = this.span(this.pos, this.pos + 2);
        this.pos += 2;
        const minusOne: Expr = { kind: "neg", arg: { kind: "number", text: "1", span: at }, span: at };
        acc = {
          kind: "binary",
          op: "^",
          left: acc,
          right: minusOne,
          implicit: false,
          span: this.span(start, this.pos),
        };
        continue;
      }
      if (this.at("⁻")) bail();
      if (isSuperscript(c)) {
        const digits = this.superscripts();
        const exponent: Expr = { kind: "number", text: String(digits.value), span: this.span(digits.start, this.pos) };
        acc = {
          kind: "binary",
          op: "^",
          left: acc,
          right: exponent,
          implicit: false,
          span: this.span(start, this.pos),
        };
        continue;
      }
      if (this.at("^T") && !isIdentPart(this.peek(2))) bail();
      this.pos = mark;
      return { e: acc, start, end: this.pos };
    }
  }

  private indexArg(): Expr | "all" {
    this.skip();
    if (this.peek() === ":") {
      this.pos++;
      return "all";
    }
    return this.expr().e;
  }

  private primary(): Parsed {
    this.skip();
    const start = this.pos;
    const c = this.peek();
    if (c === "(") {
      this.pos++;
      const inner = this.expr();
      this.expect(")");
      return { e: inner.e, start, end: this.pos };
    }
    if (c === "[") return this.matrix();
    if (c === '"') return this.string();
    if (isDigit(c) || (c === "." && isDigit(this.peek(1)))) return this.number();
    const name = this.nameToken() ?? bail();
    // A call needs its parenthesis right after the name (primes between): f(x), f'(x).
    let p = this.pos;
    while (this.text[p] === "'") p++;
    if (this.text[p] === "(") {
      const calleeSpan = this.span(start, this.pos);
      const primes = p - this.pos;
      this.pos = p + 1;
      const args = this.listUntil(")", () => this.expr().e);
      this.expect(")");
      return {
        e: { kind: "call", callee: name.name, primes, args, span: this.span(start, this.pos), calleeSpan },
        start,
        end: this.pos,
      };
    }
    return { e: { kind: "name", name: name.name, span: this.span(start, this.pos) }, start, end: this.pos };
  }

  private matrix(): Parsed {
    const start = this.pos;
    this.pos++;
    const rows: Expr[][] = [];
    for (;;) {
      rows.push(this.commaList(() => this.expr().e));
      if (!this.ahead(";")) break;
      this.pos++;
      if (this.ahead("]")) break;
    }
    this.expect("]");
    return { e: { kind: "matrix", rows, span: this.span(start, this.pos) }, start, end: this.pos };
  }

  private string(): Parsed {
    const start = this.pos;
    let p = start + 1;
    while (this.text[p] !== '"') {
      const ch = this.text[p];
      if (ch === undefined || ch === "\n") bail();
      p += ch === "\\" ? 2 : 1;
    }
    if (p > this.text.length) bail();
    this.pos = p + 1;
    const value = unescapeString(this.text.slice(start + 1, p));
    return { e: { kind: "string", value, span: this.span(start, this.pos) }, start, end: this.pos };
  }

  private number(): Parsed {
    const start = this.pos;
    let p = start;
    while (isDigit(this.text[p])) p++;
    if (this.text[p] === "." && isDigit(this.text[p + 1])) {
      p++;
      while (isDigit(this.text[p])) p++;
    }
    if (this.text[p] === "e" || this.text[p] === "E") {
      let q = p + 1;
      if (this.text[q] === "+" || this.text[q] === "-") q++;
      if (isDigit(this.text[q])) {
        while (isDigit(this.text[q])) q++;
        p = q;
      }
    }
    this.pos = p;
    return { e: { kind: "number", text: this.text.slice(start, p), span: this.span(start, p) }, start, end: p };
  }
}

/** The statement's AST, or null when the grammar should parse it. */
export function fastParse(text: string, offset: number): Statement | null {
  try {
    return readFunctionPowers(new Parser(text, offset).statement(), text, offset);
  } catch (err) {
    if (err === BAIL || err instanceof RangeError) return null;
    throw err;
  }
}
