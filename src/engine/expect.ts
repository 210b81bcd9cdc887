// `expect NAME ≡ EXPR points P [tol T] [rtol R] ["feedback"] else if NAME ≡ EXPR2 points Q "hint" …
// [forbid OP, OP, …]`: the first branch whose comparison holds earns its points; the first branch's
// points are the question's worth.
//
// The key is not the student's. Every right side is evaluated in the session that runs the
// statement; when grading, that is the key's session, built from the master's cells only, and only
// the answer names on the left of ≡ come from the student (an `AnswerSource`). An answer means the
// value it had when the student assigned it: later assignments to the names it mentions (`x = 1`
// after `q1 = 2x cos(x^2)`) do not change it, and nothing a student defines reaches the key.
//
// `forbid`: an answer computed with a forbidden operator anywhere in the chain of the student's
// statements that defined it earns nothing. Each operator stands for its spellings: d/dx, ∂/∂x,
// f′ and diff are one (differentiation, which forbids `limit` too: a difference quotient's limit is a
// derivative); ∇ and grad; ∇² and hessian (which ∇ also forbids).
//
// A wrong answer is told the common mistake it makes (negated, a constant factor, transposed, a
// constant added, a missing or extra solution) before a counterexample, in words for students.
import { MathFailure, mathError } from "../errors.js";
import type { UserFunction } from "../environment.js";
import { sym } from "../graph/construct.js";
import type { Node } from "../graph/node.js";
import type { ExpectBranch, Expr, Statement } from "../syntax/ast.js";
import { toPretty } from "../graph/print/forms.js";
import type { Comparison } from "./check.js";
import type { Evaluator } from "./evaluate.js";
import { substitute } from "./substitute.js";
import { lookupCommand } from "./commands/table.js";
import { lookupOperator } from "../graph/operators.js";
import { freeSymbols } from "../graph/traverse.js";
import {
  compareAnswer,
  namedMistake,
  valueWords,
  type AnswerComparison,
  type Mistake,
  type Tolerance,
} from "./answer-compare.js";

/**
 * Operators (keys of `forbidKey`) a name was computed with, each with one statement that used it (provenance.ts traces
 * them).
 */
export type Operators = ReadonlyMap<string, string>;

export interface ExpectOutcome {
  earned: number;
  possible: number;
  /** Which branch matched: 0 the right answer, k ≥ 1 the k-th anticipated mistake, -1 none. */
  branch: number;
  verdict: "correct" | "partial" | "incorrect" | "missing";
  /** For the student: plain words, no engine internals. */
  feedback: string;
  /** For the instructor: the comparison's own reason, where it says more than the feedback. */
  detail?: string;
  counterexample?: Comparison["counterexample"];
  /** Item analysis (grading/report.ts): what kind of wrong answer it was, when no branch matched. */
  kind?: WrongKind;
  /** Item analysis: the student's answer in plain text, when it was not the right one (absent when long). */
  answer?: string;
}

export type WrongKind = "missing" | "forbidden" | "not evaluated" | "undecided" | "different" | Mistake["kind"];

/** The longest answer kept for item analysis: a cut one would be grouped wrongly. */
const ANSWER_CHARS = 300;

function answerText(value: Node): string | undefined {
  const text = toPretty(value);
  return text.length <= ANSWER_CHARS ? text : undefined;
}

/** What a student defined under an answer name, and what it was computed with. */
export interface StudentBinding {
  value?: Node;
  fn?: UserFunction;
  /** Operators (keys of `forbidKey`) used by the statements that defined it, each with one such statement. */
  operators: Operators;
}

/** The student's side of grading: the answers, read at the grading cell's place in their notebook. */
export interface AnswerSource {
  /** Whether the question asks for `name` (the master's solution cells define it). */
  isAnswerName(name: string): boolean;
  binding(name: string): StudentBinding | null;
  /** Why there is no answer `name` (a parse error in its answer cell, …), for the student. */
  whyMissing(name: string): string | null;
  /** The parameters of the key's own function answer `name(x, y) = …`, if it is a function. */
  keyParams(name: string): string[] | null;
}

type ExpectStatement = Pick<Extract<Statement, { kind: "expect" }>, "branches"> & { forbid?: readonly string[] };

/** The operator a forbid item or a command name stands for: its spellings share one key. */
export function forbidKey(item: string): string {
  // A command or operator under any of its names: the table's own name.
  const t = lookupCommand(item.trim())?.name ?? lookupOperator(item.trim())?.name ?? item.trim();
  if (t === "diff" || t === "'" || t === "′" || t.startsWith("∂") || /^d[⁰¹²³⁴⁵⁶⁷⁸⁹]*\/d/u.test(t)) return "d/dx";
  if (t === "grad" || t === "gradient" || t === "∇" || t === "∇¹") return "∇";
  if (t === "hessian" || /^∇[²]$/u.test(t)) return "∇²";
  return t;
}

function pointsOf(b: ExpectBranch): number {
  if (b.points === null) return 1;
  const p = Number(b.points);
  if (!Number.isFinite(p) || p < 0) throw mathError(`points must be a number ≥ 0, not ${b.points}`);
  return p;
}

function toleranceOf(b: ExpectBranch): Tolerance {
  const read = (text: string | null | undefined, what: string) => {
    if (text === null || text === undefined) return null;
    const t = Number(text);
    if (!Number.isFinite(t) || t < 0) throw mathError(`${what} must be a number ≥ 0, not ${text}`);
    return t;
  };
  return { absolute: read(b.tolerance, "tol"), relative: read(b.relativeTolerance, "rtol") };
}

function sides(b: ExpectBranch): { answer: Expr; expected: Expr } {
  const e = b.expr;
  if (e.kind !== "relation" || (e.op !== "==" && e.op !== "=")) throw mathError("write expect NAME ≡ EXPECTED (or ==)");
  return { answer: e.left, expected: e.right };
}

/** Every name an expression mentions, as a value or a function, in order of appearance. */
export function namesIn(e: unknown, out: string[] = []): string[] {
  if (Array.isArray(e)) {
    for (const x of e) namesIn(x, out);
    return out;
  }
  if (e === null || typeof e !== "object") return out;
  const node = e as { kind?: string; name?: string; callee?: string; fn?: string[] };
  const add = (n: string | undefined) => n !== undefined && !out.includes(n) && out.push(n);
  if (node.kind === "name") add(node.name);
  if (node.kind === "call") add(node.callee);
  if (node.kind === "partialOf") add(node.fn?.[0]);
  for (const [key, value] of Object.entries(node))
    if (key !== "span" && key !== "calleeSpan" && typeof value === "object") namesIn(value, out);
  return out;
}

/** Names on the left of ≡ that the student supplies. */
function answerNames(left: Expr, answers: AnswerSource | undefined): string[] {
  const bare = left.kind === "name" ? left.name : null;
  if (!answers) return bare ? [bare] : [];
  return namesIn(left).filter((n) => n === bare || answers.isAnswerName(n));
}

const missing = (possible: number, feedback: string): ExpectOutcome => ({
  earned: 0,
  possible,
  branch: -1,
  verdict: "missing",
  feedback,
  kind: "missing",
});

/** The student's answers put in place in the key's environment while the left sides are read. */
function bind(ev: Evaluator, bindings: [string, StudentBinding][]): () => void {
  const { values, functions } = ev.env;
  const saved = bindings.map(([name]) => [name, values.get(name), functions.get(name)] as const);
  for (const [name, b] of bindings) {
    values.delete(name);
    functions.delete(name);
    if (b.fn) functions.set(name, b.fn);
    else if (b.value) values.set(name, b.value);
  }
  return () => {
    for (const [name, value, fn] of saved) {
      values.delete(name);
      functions.delete(name);
      if (value) values.set(name, value);
      if (fn) functions.set(name, fn);
    }
  };
}

/**
 * A function answer compares by the position of its parameters: the student's q1(t) = t² read at
 * the key's own parameters (q1(x) = … in the master, or those of a key function on the right).
 */
function readAnswer(
  ev: Evaluator,
  left: Expr,
  right: Expr,
  answers: AnswerSource | undefined,
): { value: Node; renamed?: Map<Node, Node> } {
  const fn = left.kind === "name" ? ev.env.functions.get(left.name) : undefined;
  if (!fn || left.kind !== "name") return { value: ev.expr(left) };
  const keyFn = right.kind === "name" ? ev.env.functions.get(right.name) : undefined;
  const names = keyFn
    ? keyFn.params.map((p) => p.name)
    : (answers?.keyParams(left.name) ?? fn.params.map((p) => p.name));
  if (names.length !== fn.params.length) {
    throw mathError(
      `${left.name} takes ${fn.params.length} argument${fn.params.length === 1 ? "" : "s"}; the question asks for a function of ${names.length}`,
    );
  }
  const params = names.map((p) => sym(p, ev.env.shapes.get(p)));
  // q(t) = x² sin(t) is not x² sin(x): where the body's free symbols share a name with the key's
  // parameters, both sides are read at fresh parameters instead, so nothing is captured.
  const free = freeSymbols(fn.body).filter((v) => !fn.params.includes(v));
  if (!free.some((v) => params.includes(v))) return { value: ev.applyUser(fn, fn.body, params) };
  const fresh = params.map((p) => sym(`${p.name}′`, p.shape));
  return {
    value: ev.applyUser(fn, fn.body, fresh),
    renamed: new Map(params.map((p, i) => [p as Node, fresh[i] as Node])),
  };
}

/** The expected value of a branch whose right side names a key function is that function's body. */
function readExpected(ev: Evaluator, right: Expr): Node {
  if (right.kind === "name" && ev.env.functions.has(right.name) && !ev.env.values.has(right.name))
    return ev.env.functions.get(right.name)!.body;
  return ev.expr(right);
}

/**
 * Commands that do what a forbidden operator does, forbidden with it: a limit of a difference
 * quotient, limit((f(x + h) − f(x))/h, h → 0), is any derivative.
 */
const DOES_THE_SAME: Readonly<Record<string, readonly string[]>> = { "d/dx": ["limit"] };

function forbidden(
  st: ExpectStatement,
  names: string[],
  operatorsOf: (name: string) => Operators | undefined,
): string | null {
  for (const name of names) {
    const ops = operatorsOf(name);
    if (!ops) continue;
    for (const item of st.forbid ?? []) {
      const key = forbidKey(item);
      for (const used of [key, ...(DOES_THE_SAME[key] ?? [])]) {
        const where = ops.get(used);
        if (where === undefined) continue;
        const what = used === key ? item : `${used}, which can compute ${item},`;
        return `${name} was computed with ${what} (in “${shorten(where)}”), which this question does not allow: it earns no points here`;
      }
    }
  }
  return null;
}

function shorten(s: string): string {
  const one = s.replace(/\s+/g, " ").trim();
  return one.length > 80 ? `${one.slice(0, 77)}…` : one;
}

/**
 * `answers`: the student's, when grading (otherwise the session's own names); `ownOperators`: what
 * the session's own names were computed with, for `forbid` in a notebook's visible tests.
 */
export function runExpect(
  st: ExpectStatement,
  ev: Evaluator,
  answers?: AnswerSource,
  ownOperators?: (name: string) => Operators,
): ExpectOutcome {
  const branches = st.branches;
  const possible = pointsOf(branches[0]);
  const names = answerNames(sides(branches[0]).answer, answers);
  const bindings: [string, StudentBinding][] = [];
  for (const name of names) {
    if (!answers) {
      if (!ev.env.isUserName(name)) return missing(possible, `${name} is not defined: no answer was given`);
      continue;
    }
    const b = answers.binding(name);
    if (!b) return missing(possible, answers.whyMissing(name) ?? `${name} is not defined: no answer was given`);
    bindings.push([name, b]);
  }
  const reason = forbidden(st, names, (n) => (answers ? answers.binding(n)?.operators : ownOperators?.(n)));
  if (reason) return { earned: 0, possible, branch: -1, verdict: "incorrect", feedback: reason, kind: "forbidden" };
  // The key first, before any answer is in place: nothing the student defined can reach it.
  if (answers) {
    for (const b of branches) {
      const answer = namesIn(sides(b).expected).find((n) => answers.isAnswerName(n) && !ev.env.isUserName(n));
      if (answer)
        throw mathError(
          `the expected value mentions ${answer}, an answer: the key is computed from the master's setup, locked and grading cells, never from answers`,
        );
    }
  }
  const expected = branches.map((b) => readExpected(ev, sides(b).expected));
  const tolerances = branches.map(toleranceOf);
  const restore = bind(ev, bindings);
  const values: Node[] = [];
  try {
    branches.forEach((b, i) => {
      const { value, renamed } = readAnswer(ev, sides(b).answer, sides(b).expected, answers);
      values.push(value);
      if (renamed) expected[i] = substitute(expected[i], renamed);
    });
  } catch (err) {
    // A time, size or memory limit is the answer's; an interrupt stops the grading itself.
    if (err instanceof MathFailure && err.reason !== "interrupt")
      return {
        earned: 0,
        possible,
        branch: -1,
        verdict: "incorrect",
        feedback: `your answer could not be evaluated: ${err.message}`,
        kind: "not evaluated",
      };
    if (!(err instanceof MathFailure))
      return {
        earned: 0,
        possible,
        branch: -1,
        verdict: "incorrect",
        feedback: "your answer could not be evaluated",
        detail: String(err),
        kind: "not evaluated",
      };
    throw err;
  } finally {
    restore();
  }
  let first: AnswerComparison | null = null;
  for (let i = 0; i < branches.length; i++) {
    let c: AnswerComparison;
    try {
      c = compareAnswer(values[i], expected[i], tolerances[i]);
    } catch (err) {
      if (err instanceof MathFailure && err.reason === "interrupt") throw err;
      // A comparison that runs out of time or meets an engine fault decides nothing: no points, said plainly.
      c = { verdict: "undecided", reason: err instanceof Error ? err.message : String(err) };
    }
    first ??= c;
    if (c.verdict === "equivalent") {
      const earned = i === 0 ? possible : Math.min(pointsOf(branches[i]), possible);
      return {
        earned,
        possible,
        branch: i,
        verdict: i === 0 ? "correct" : earned > 0 ? "partial" : "incorrect",
        feedback: branches[i].feedback ?? (i === 0 ? "correct" : "a known mistake"),
        ...(i > 0 ? { answer: answerText(values[0]) } : {}),
      };
    }
  }
  const c = first!;
  const mistake =
    c.mistake && c.mistake.kind !== "shape"
      ? c.mistake
      : c.verdict === "not equivalent"
        ? (mistakeOf(values[0], expected[0], tolerances[0]) ?? c.mistake)
        : null;
  return {
    earned: 0,
    possible,
    branch: -1,
    verdict: "incorrect",
    feedback: explain(c, mistake ?? null, values[0], expected[0]),
    detail: c.reason,
    counterexample: c.counterexample,
    kind: mistake?.kind ?? (c.verdict === "undecided" ? "undecided" : "different"),
    answer: answerText(values[0]),
  };
}

/** The common mistake, if looking for one finishes: a limit met while looking is no mistake found. */
function mistakeOf(value: Node, expected: Node, t: Tolerance): Mistake | null {
  try {
    return namedMistake(value, expected, t);
  } catch (err) {
    if (err instanceof MathFailure && err.reason === "interrupt") throw err;
    return null;
  }
}

/** Why an answer is wrong, in the student's words; the engine's reasons stay in `detail`. */
function explain(c: AnswerComparison, mistake: Mistake | null, value: Node, expected: Node): string {
  if (mistake) {
    switch (mistake.kind) {
      case "negated":
        return "your answer is the negative of the expected one: check the sign";
      case "factor":
        return `your answer is off by a constant factor: it is ${mistake.factor} times the expected one`;
      case "transposed":
        return "your answer is the transpose of the expected matrix";
      case "constant":
        return `your answer differs from the expected one by a constant (${mistake.constant})`;
      case "shape":
        return `your answer is ${valueWords(value)}, but ${valueWords(expected)} was expected`;
      case "missing solution":
        return mistake.points.length === 1
          ? "your answer is missing a solution"
          : `your answer is missing ${mistake.points.length} solutions`;
      case "extra solution":
        return `your answer has ${mistake.points.length === 1 ? "a point" : "points"} that ${mistake.points.length === 1 ? "is" : "are"} not a solution: ${mistake.points.join("; ")}`;
      case "wrong solution":
        return `${mistake.points.join("; ")} ${mistake.points.length === 1 ? "is" : "are"} not a solution, and a solution is missing`;
    }
  }
  const ce = c.counterexample;
  if (c.verdict === "undecided")
    return "the grader could not decide whether your answer is right, so it earned no points here; your instructor can review it";
  if (ce) {
    const where = Object.entries(ce.point)
      .map(([k, v]) => `${k} = ${v}`)
      .join(", ");
    const at = `${c.entry ? ` in entry ${c.entry}` : ""}${where ? ` at ${where}` : ""}`;
    const defined = (v: string) => !/^(undefined|NaN|-?Infinity|−?∞)$/.test(v.trim());
    if (!defined(ce.left) && defined(ce.right))
      return `your answer is not defined${at}, where the expected value is ${ce.right}`;
    if (defined(ce.left) && !defined(ce.right))
      return `your answer gives ${ce.left}${at}, where the expected answer is not defined`;
    return `your answer gives ${ce.left}${at}; the expected value there is ${ce.right}`;
  }
  if (/^off by /.test(c.reason)) return `your answer is ${c.reason}`;
  return `your answer ${shorten(toPretty(value))} is not the expected one`;
}
