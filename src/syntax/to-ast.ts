// The one semantic operation over the grammar: an Ohm match becomes our AST.
import { readFunctionPowers } from "./function-powers.js";
import type { Node as OhmNode } from "ohm-js";
import grammar from "../../grammar/nabla.ohm-bundle.js";
import type { BinaryOp, DiffVar, Dim, ExpectBranch, Expr, RelOp, Span, Statement } from "./ast.js";
import { OPERATOR_SYMBOLS, canonicalName, orderValue, superscriptValue, unescapeString } from "./names.js";
import { fastParse } from "./fast-parse.js";
import { findLookalike } from "./lookalikes.js";

/** Offset added to every span: the statement's position in its cell. */
let base = 0;

function spanOf(node: OhmNode): Span {
  return { start: base + node.source.startIdx, end: base + node.source.endIdx };
}

function expr(node: OhmNode): Expr {
  return node["toAst"]() as Expr;
}

function optional<T>(iter: OhmNode): T | null {
  return iter.children.length ? (iter.children[0]["toAst"]() as T) : null;
}

function listOf<T>(node: OhmNode): T[] {
  return node.asIteration().children.map((c) => c["toAst"]() as T);
}

function orderOf(iter: OhmNode): number {
  return iter.children.length ? orderValue(iter.sourceString) : 1;
}

function binary(op: BinaryOp, left: OhmNode, right: OhmNode, whole: OhmNode, implicit = false): Expr {
  return { kind: "binary", op, left: expr(left), right: expr(right), implicit, span: spanOf(whole) };
}

const MUL_OPS: Record<string, BinaryOp> = {
  "*": "*",
  "/": "/",
  "÷": "/",
  "·": "·",
  "⊙": "⊙",
  ".*": "⊙",
  "⊗": "⊗",
  "×": "*",
};
const REL_OPS: Record<string, RelOp> = {
  "=": "=",
  "==": "==",
  "≡": "==",
  "≠": "≠",
  "!=": "≠",
  "<": "<",
  "<=": "<=",
  "≤": "<=",
  ">": ">",
  ">=": ">=",
  "≥": ">=",
};

function branch(e: OhmNode, tol: OhmNode, rtol: OhmNode, points: OhmNode, feedback: OhmNode): ExpectBranch {
  return {
    expr: expr(e),
    tolerance: optional<string>(tol),
    relativeTolerance: optional<string>(rtol),
    points: optional<string>(points),
    feedback: optional<string>(feedback),
  };
}

const semantics = grammar.createSemantics().addOperation<unknown>("toAst", {
  Declaration(names, _in, space): Statement {
    return { kind: "declare", names: listOf<string>(names), dims: space["toAst"]() as Dim[], span: spanOf(this) };
  },
  Space_power(_r, _caret, dims) {
    return dims["toAst"]();
  },
  Space_scalar(_r) {
    return [];
  },
  Dims_paren(_o, list, _c) {
    return listOf<Dim>(list);
  },
  Dims_brace(_o, list, _c) {
    return listOf<Dim>(list);
  },
  Dims_single(dim) {
    return [dim["toAst"]()];
  },
  Dim_num(n): Dim {
    return { kind: "number", value: Number(n.sourceString) };
  },
  Dim_name(n): Dim {
    return { kind: "name", name: n["toAst"]() as string };
  },
  LayerDef(_kw, name, _eq, e): Statement {
    return { kind: "layer", name: name["toAst"]() as string, expr: expr(e), span: spanOf(this) };
  },
  Train(target, _eq, _kw, net, _on, data, options): Statement {
    const name = target.children.length ? (target.children[0]["toAst"]() as string) : null;
    const [X, y] = data["toAst"]() as [Expr, Expr | undefined];
    return {
      kind: "train",
      name,
      net: expr(net),
      data: X,
      ...(y ? { targets: y } : {}),
      options: optional<Expr[]>(options) ?? [],
      span: spanOf(this),
    };
  },
  TrainData_pair(_open, X, _comma, y, _close) {
    return [expr(X), expr(y)];
  },
  TrainData_set(data) {
    return [expr(data)];
  },
  TrainWith(_with, options) {
    return listOf<Expr>(options);
  },
  Check(_kw, e, domain): Statement {
    const conditions = optional<Expr[]>(domain);
    return conditions
      ? { kind: "check", expr: expr(e), conditions, span: spanOf(this) }
      : { kind: "check", expr: expr(e), span: spanOf(this) };
  },
  CheckDomain(_for, conditions): Expr[] {
    return listOf<Expr>(conditions);
  },
  Expect(_kw, e, tol, rtol, points, feedback, elses, forbid): Statement {
    const branches = [
      branch(e, tol, rtol, points, feedback),
      ...elses.children.map((c) => c["toAst"]() as ExpectBranch),
    ];
    return { kind: "expect", branches, forbid: optional<string[]>(forbid) ?? [], span: spanOf(this) };
  },
  ElseIf(_else, _if, e, tol, rtol, points, feedback): ExpectBranch {
    return branch(e, tol, rtol, points, feedback);
  },
  RelTolerance(_kw, n) {
    return n.sourceString;
  },
  Forbid(_kw, items) {
    return listOf<string>(items);
  },
  forbidItem(item) {
    return item.sourceString;
  },
  Points(_kw, n) {
    return n.sourceString;
  },
  Tolerance(_kw, n) {
    return n.sourceString;
  },
  Feedback(s) {
    return s["toAst"]().value;
  },
  Optimize_constrained(sense, objective, _subject, _to, constraints): Statement {
    return {
      kind: "optimize",
      sense: sense.sourceString as "maximize" | "minimize",
      objective: expr(objective),
      constraints: listOf<Expr>(constraints),
      span: spanOf(this),
    };
  },
  Optimize_free(sense, objective): Statement {
    return {
      kind: "optimize",
      sense: sense.sourceString as "maximize" | "minimize",
      objective: expr(objective),
      constraints: [],
      span: spanOf(this),
    };
  },
  FunctionDef(name, _o, params, _c, _eq, body): Statement {
    return {
      kind: "define",
      name: name["toAst"]() as string,
      params: listOf<string>(params),
      body: expr(body),
      span: spanOf(this),
    };
  },
  Assignment(name, _eq, e): Statement {
    return { kind: "assign", name: name["toAst"]() as string, expr: expr(e), span: spanOf(this) };
  },
  Draw(name, _tilde, e): Statement {
    return { kind: "assign", name: name["toAst"]() as string, expr: expr(e), draw: true, span: spanOf(this) };
  },
  ExprList(list): Statement {
    return { kind: "exprs", exprs: listOf<Expr>(list), span: spanOf(this) };
  },
  Rel_equations(l1, _eq1, r1, _equiv, l2, _eq2, r2): Expr {
    const first: Expr = {
      kind: "relation",
      op: "=",
      left: expr(l1),
      right: expr(r1),
      span: { start: base + l1.source.startIdx, end: base + r1.source.endIdx },
    };
    const second: Expr = {
      kind: "relation",
      op: "=",
      left: expr(l2),
      right: expr(r2),
      span: { start: base + l2.source.startIdx, end: base + r2.source.endIdx },
    };
    return { kind: "relation", op: "==", left: first, right: second, span: spanOf(this) };
  },
  Rel_rel(left, op, right): Expr {
    return { kind: "relation", op: REL_OPS[op.sourceString], left: expr(left), right: expr(right), span: spanOf(this) };
  },
  Range_range(from, _dots, to): Expr {
    return { kind: "range", from: expr(from), to: expr(to), span: spanOf(this) };
  },
  Arrow(first, _ops, rest): Expr {
    if (rest.children.length === 0) return expr(first);
    return { kind: "arrow", items: [expr(first), ...rest.children.map(expr)], span: spanOf(this) };
  },
  Additive(first, ops, rest): Expr {
    let acc = expr(first);
    rest.children.forEach((term, i) => {
      const op = ops.children[i].sourceString === "+" ? "+" : "-";
      acc = {
        kind: "binary",
        op,
        left: acc,
        right: expr(term),
        implicit: false,
        span: { start: acc.span.start, end: base + term.source.endIdx },
      };
    });
    return acc;
  },
  Term(first, tails): Expr {
    let acc = expr(first);
    for (const tail of tails.children) {
      const { op, right, implicit } = tail["toAst"]() as { op: BinaryOp; right: Expr; implicit: boolean };
      acc = { kind: "binary", op, left: acc, right, implicit, span: { start: acc.span.start, end: right.span.end } };
    }
    return acc;
  },
  TermTail_explicit(op, right) {
    return { op: MUL_OPS[op.sourceString], right: expr(right), implicit: false };
  },
  TermTail_implicit(right) {
    return { op: "*", right: expr(right), implicit: true };
  },
  Unary_neg(_minus, arg): Expr {
    return { kind: "neg", arg: expr(arg), span: spanOf(this) };
  },
  Unary_pos(_plus, arg) {
    return expr(arg);
  },
  Unary_prefixed(_look, prefixed) {
    return expr(prefixed);
  },
  Juxt_prefixed(_look, prefixed) {
    return expr(prefixed);
  },
  Unary_approx(_approx, arg): Expr {
    return { kind: "approx", arg: expr(arg), span: spanOf(this) };
  },
  Prefixed_diff(op, body): Expr {
    return { kind: "derivative", vars: op["toAst"]() as DiffVar[], arg: expr(body), span: spanOf(this) };
  },
  Prefixed_big(op, body): Expr {
    const parts = op["toAst"]() as { op: "sum" | "prod"; index: string | null; from: Expr | null; to: Expr | null };
    return { kind: "bigop", ...parts, body: expr(body), span: spanOf(this) };
  },
  Prefixed_grad(op, body): Expr {
    const parts = op["toAst"]() as { order: number; wrt: string[] };
    return { kind: "grad", ...parts, arg: expr(body), span: spanOf(this) };
  },
  DiffOp_d(_d, order, _slash, vars) {
    return withTotalOrder(vars["toAst"]() as DiffVar[], orderOf(order));
  },
  DiffOp_partial(_d, order, _slash, vars) {
    return withTotalOrder(vars["toAst"]() as DiffVar[], orderOf(order));
  },
  dVars(vars) {
    return vars.children.map((v) => v["toAst"]());
  },
  partialVars(vars) {
    return vars.children.map((v) => v["toAst"]());
  },
  dVar(_d, target, order): DiffVar {
    return { path: target["toAst"]() as string[], order: orderOf(order) };
  },
  partialVar(_d, target, order): DiffVar {
    return { path: target["toAst"]() as string[], order: orderOf(order) };
  },
  PartialOf(_d, order, target, _slash, vars): Expr {
    const list = withTotalOrder(vars["toAst"]() as DiffVar[], orderOf(order));
    return { kind: "partialOf", fn: target["toAst"]() as string[], vars: list, span: spanOf(this) };
  },
  PartialOfExpr(_d, order, _open, body, _close, _slash, vars): Expr {
    const list = withTotalOrder(vars["toAst"]() as DiffVar[], orderOf(order));
    return { kind: "derivative", vars: list, arg: expr(body), span: spanOf(this) };
  },
  target(first, _dots, rest) {
    return [first["toAst"]() as string, ...rest.children.map((c) => c["toAst"]() as string)];
  },
  GradOp(_nabla, order, sub) {
    return { order: orderOf(order), wrt: optional<string[]>(sub) ?? [] };
  },
  gradSub_many(_u, _o, _s1, names, _s2, _c) {
    return listOf<string>(names);
  },
  gradSub_one(_u, name) {
    return [name["toAst"]()];
  },
  BigOp(symbol, sub, sup) {
    const s = optional<{ index: string; from: Expr | null }>(sub);
    return {
      op: symbol.sourceString === "∏" ? "prod" : "sum",
      index: s?.index ?? null,
      from: s?.from ?? null,
      to: optional<Expr>(sup),
    };
  },
  BigSub_range(_u, _open, name, _eq, from, _close) {
    return { index: name["toAst"](), from: expr(from) };
  },
  BigSub_braced(_u, _open, name, _close) {
    return { index: name["toAst"](), from: null };
  },
  BigSub_bare(_u, name) {
    return { index: name["toAst"](), from: null };
  },
  BigSup_braced(_caret, _o, e, _c) {
    return expr(e);
  },
  BigSup_bare(_caret, e) {
    return expr(e);
  },
  Power_pow(a, _op, b) {
    return binary("^", a, b, this);
  },
  PowerExponent_neg(_minus, arg): Expr {
    return { kind: "neg", arg: expr(arg), span: spanOf(this) };
  },
  Postfix_index(target, _o, args, _c): Expr {
    return { kind: "index", target: expr(target), indices: listOf<Expr | "all">(args), span: spanOf(this) };
  },
  Postfix_transpose(arg, _t): Expr {
    return { kind: "transpose", arg: expr(arg), span: spanOf(this) };
  },
  Postfix_inverseTranspose(arg, symbol): Expr {
    const at = spanOf(symbol);
    const minusOne: Expr = { kind: "neg", arg: { kind: "number", text: "1", span: at }, span: at };
    const inverse: Expr = {
      kind: "binary",
      op: "^",
      left: expr(arg),
      right: minusOne,
      implicit: false,
      span: spanOf(this),
    };
    return { kind: "transpose", arg: inverse, span: spanOf(this) };
  },
  Postfix_inverse(arg, inv): Expr {
    const at = spanOf(inv);
    const minusOne: Expr = { kind: "neg", arg: { kind: "number", text: "1", span: at }, span: at };
    return { kind: "binary", op: "^", left: expr(arg), right: minusOne, implicit: false, span: spanOf(this) };
  },
  Postfix_superPower(arg, power): Expr {
    return {
      kind: "binary",
      op: "^",
      left: expr(arg),
      right: power["toAst"]() as Expr,
      implicit: false,
      span: spanOf(this),
    };
  },
  superscriptPower(minus, digits): Expr {
    const at = spanOf(this);
    const magnitude: Expr = {
      kind: "number",
      text: String(superscriptValue(digits.sourceString)),
      span: minus.children.length ? { start: at.start + 1, end: at.end } : at,
    };
    return minus.children.length ? { kind: "neg", arg: magnitude, span: at } : magnitude;
  },
  Postfix_member(target, _dot, name): Expr {
    return { kind: "member", target: expr(target), name: name["toAst"]() as string, span: spanOf(this) };
  },
  IndexArg_all(_colon) {
    return "all";
  },
  Primary_paren(_o, e, _c) {
    return expr(e);
  },
  Primary_number(n): Expr {
    return { kind: "number", text: n.sourceString, span: spanOf(this) };
  },
  Primary_string(s) {
    return s["toAst"]();
  },
  Primary_name(n): Expr {
    return { kind: "name", name: n["toAst"]() as string, span: spanOf(this) };
  },
  // ∞ reads as a name: limit(f, x → ∞) and a limit's printed ∞ read back.
  Primary_infinity(_i): Expr {
    return { kind: "name", name: "∞", span: spanOf(this) };
  },
  // 𝟏, the all-ones vector matrix calculus prints (∇ₓ sum(x) = 𝟏); 𝟏_n and 𝟏_{m,n} name its size.
  Primary_ones(_o, _sub): Expr {
    return { kind: "name", name: canonicalName(this.sourceString), span: spanOf(this) };
  },
  Call_symbol(help, _o, symbol, _c): Expr {
    const at = spanOf(symbol);
    const topic: Expr = {
      kind: "name",
      name:
        (Object.hasOwn(OPERATOR_SYMBOLS, symbol.sourceString) ? OPERATOR_SYMBOLS[symbol.sourceString] : undefined) ??
        symbol.sourceString,
      span: at,
    };
    return { kind: "call", callee: "help", primes: 0, args: [topic], span: spanOf(this), calleeSpan: spanOf(help) };
  },
  Root(sign, arg): Expr {
    const radicand = expr(arg);
    const at = spanOf(sign);
    if (sign.sourceString === "√")
      return { kind: "call", callee: "sqrt", primes: 0, args: [radicand], span: spanOf(this), calleeSpan: at };
    const k = sign.sourceString === "∛" ? "3" : "4";
    const exponent: Expr = {
      kind: "binary",
      op: "/",
      left: { kind: "number", text: "1", span: at },
      right: { kind: "number", text: k, span: at },
      implicit: false,
      span: at,
    };
    return { kind: "binary", op: "^", left: radicand, right: exponent, implicit: false, span: spanOf(this) };
  },
  RootArg_paren(_o, e, _c) {
    return expr(e);
  },
  RootArg_number(n): Expr {
    return { kind: "number", text: n.sourceString, span: spanOf(this) };
  },
  RootArg_name(n): Expr {
    return { kind: "name", name: n["toAst"]() as string, span: spanOf(this) };
  },
  Call_apply(name, primes, _o, args, _c): Expr {
    return {
      kind: "call",
      callee: name["toAst"]() as string,
      primes: primes.sourceString.length,
      args: listOf<Expr>(args),
      span: spanOf(this),
      calleeSpan: spanOf(name),
    };
  },
  Matrix(_o, rows, _semi, _c): Expr {
    return { kind: "matrix", rows: listOf<Expr[]>(rows), span: spanOf(this) };
  },
  Row(entries) {
    return listOf<Expr>(entries);
  },
  Norm(_o, e, _c, sub): Expr {
    return { kind: "norm", arg: expr(e), p: optional<string>(sub), span: spanOf(this) };
  },
  normSub_braced(_u, _o, chars, _c) {
    return chars.sourceString;
  },
  normSub_bare(_u, chars) {
    return chars.sourceString;
  },
  normSub_digits(digits) {
    return canonicalName(`p${digits.sourceString}`).slice(2);
  },
  Abs(_o, e, _c): Expr {
    return { kind: "abs", arg: expr(e), span: spanOf(this) };
  },
  string(_o, chars, _c): Expr {
    return { kind: "string", value: unescapeString(chars.sourceString), span: spanOf(this) };
  },
  name(_start, _rest, _sub) {
    return canonicalName(this.sourceString);
  },
  NonemptyListOf(first, _seps, rest) {
    return [first["toAst"](), ...rest.children.map((c) => c["toAst"]())];
  },
  nonemptyListOf(first, _seps, rest) {
    return [first["toAst"](), ...rest.children.map((c) => c["toAst"]())];
  },
  _iter(...children) {
    return children.map((c) => c["toAst"]());
  },
});

/** `∂²/∂x∂y`: the prefix order is the total; `∂²/∂x²` and `∂²/∂x` (one variable) mean the same. */
function withTotalOrder(vars: DiffVar[], total: number): DiffVar[] {
  if (vars.length === 1 && total > 1 && vars[0].order === 1) return [{ ...vars[0], order: total }];
  return vars;
}

/** A statement that opens with its keyword is matched by that rule alone: the others cannot match. */
const KEYWORD_RULES: [RegExp, string][] = [
  [/^check\b/, "Check"],
  [/^expect\b/, "Expect"],
  [/^layer\b/, "LayerDef"],
  [/^train\b/, "Train"],
  [/^[\p{L}_][\p{L}\p{N}_]*\s*=\s*train\b/u, "Train"],
  [/^(maximize|minimize)\b/, "Optimize"],
];

function startRule(text: string): string {
  for (const [pattern, rule] of KEYWORD_RULES) if (pattern.test(text)) return rule;
  return "Statement";
}

/** `refused`: a letter refused for its look (./lookalikes.ts), with `message` to show as it is. */
export type MatchFailure = { ok: false; offset: number; expected: string[]; message: string; refused?: true };

export type Parsed = { ok: true; statement: Statement } | MatchFailure;

/**
 * Parses one statement (already cut out of its cell by the scanner) at `offset` in the cell: by
 * the fast path when it is sure (./fast-parse.ts, the same AST), by the grammar otherwise.
 */
/**
 * The grammar's recent parses, by offset and text: the grader runs the key's grading cells (`expect`
 * statements, which only the grammar parses) once per submission, and parsing was half its time.
 * Bounded in entries and in the length of what is kept; a syntax tree is never changed once built.
 */
const recentParses = new Map<string, Parsed>();

export function parseStatement(text: string, offset: number): Parsed {
  const refused = refuseLookalikes(text, offset);
  if (refused) return refused;
  const fast = fastParse(text, offset);
  if (fast) return { ok: true, statement: fast };
  if (text.length > 2_000) return parseWithGrammar(text, offset);
  const key = `${offset}:${text}`;
  let parsed = recentParses.get(key);
  if (!parsed) {
    parsed = parseWithGrammar(text, offset);
    if (recentParses.size >= 2_000) recentParses.clear();
    recentParses.set(key, parsed);
  }
  return parsed;
}

/**
 * A letter that looks like another (Cyrillic х for x) or mixes scripts in a name, found before either
 * parser reads the statement: both would take it as a name of its own.
 */
export function refuseLookalikes(text: string, offset: number): MatchFailure | null {
  const found = findLookalike(text);
  return found && { ok: false, offset: offset + found.index, expected: [], message: found.message, refused: true };
}

/** Parses one statement with the grammar: the definition of the language, and its error messages. */
export function parseWithGrammar(text: string, offset: number): Parsed {
  const match = grammar.match(text, startRule(text));
  if (match.failed()) {
    const expected = match
      .getExpectedText()
      .split(/, or |, /)
      .map((s) => s.trim())
      .filter(Boolean);
    return {
      ok: false,
      offset: offset + match.getRightmostFailurePosition(),
      expected,
      message: match.shortMessage ?? "",
    };
  }
  base = offset;
  return { ok: true, statement: readFunctionPowers(semantics(match)["toAst"]() as Statement, text, offset) };
}
