// `expect NAME ≡ EXPR points P [tol T] ["feedback"] else if NAME ≡ EXPR2 points Q "hint" …`:
// the first branch whose comparison holds earns its points; the first branch's points are the
// question's worth. A wrong answer gets the counterexample from the comparison.
import { MathFailure, mathError } from "../errors.js";
import type { ExpectBranch, Expr } from "../syntax/ast.js";
import { compare, type Comparison } from "./check.js";
import type { Evaluator } from "./evaluate.js";
import { evaluateAt } from "./numeric-eval.js";
import { sub } from "../graph/construct.js";
import { freeSymbols } from "../graph/traverse.js";
import { toPretty } from "../render/index.js";

export interface ExpectOutcome {
  earned: number;
  possible: number;
  /** Which branch matched: 0 the right answer, k ≥ 1 the k-th anticipated mistake, -1 none. */
  branch: number;
  verdict: "correct" | "partial" | "incorrect" | "missing";
  feedback: string;
  counterexample?: Comparison["counterexample"];
}

function pointsOf(b: ExpectBranch): number {
  if (b.points === null) return 1;
  const p = Number(b.points);
  if (!Number.isFinite(p) || p < 0) throw mathError(`points must be a number ≥ 0, not ${b.points}`);
  return p;
}

function sides(b: ExpectBranch): { answer: Expr; expected: Expr } {
  const e = b.expr;
  if (e.kind !== "relation" || (e.op !== "==" && e.op !== "=")) throw mathError("write expect NAME ≡ EXPECTED (or ==)");
  return { answer: e.left, expected: e.right };
}

/** Within a tolerance, numbers compare by absolute difference; otherwise as `check` does. */
function matches(ev: Evaluator, b: ExpectBranch, answerValue: ReturnType<Evaluator["expr"]>): Comparison {
  const expected = ev.expr(sides(b).expected);
  if (b.tolerance !== null) {
    const tol = Number(b.tolerance);
    const d = sub(answerValue, expected);
    if (freeSymbols(d).length === 0 && d.shape.length === 0) {
      const gap = Math.abs(evaluateAt(d, new Map()));
      return Number.isFinite(gap) && gap <= tol
        ? { verdict: "equivalent", reason: `within ${tol}` }
        : { verdict: "not equivalent", reason: `off by ${Number.isFinite(gap) ? gap.toPrecision(3) : "an undefined amount"} (tolerance ${tol})` };
    }
  }
  return compare(answerValue, expected);
}

export function runExpect(branches: readonly ExpectBranch[], ev: Evaluator): ExpectOutcome {
  const possible = pointsOf(branches[0]);
  const { answer } = sides(branches[0]);
  if (answer.kind === "name" && !ev.env.isUserName(answer.name)) {
    return { earned: 0, possible, branch: -1, verdict: "missing", feedback: `${answer.name} is not defined: no answer was given` };
  }
  let value;
  try {
    value = ev.expr(answer);
  } catch (err) {
    if (err instanceof MathFailure) return { earned: 0, possible, branch: -1, verdict: "incorrect", feedback: `your answer could not be evaluated: ${err.message}` };
    throw err;
  }
  let first: Comparison | null = null;
  for (let i = 0; i < branches.length; i++) {
    const b = branches[i];
    const c = matches(ev, b, value);
    first ??= c;
    if (c.verdict === "equivalent") {
      const earned = i === 0 ? possible : Math.min(pointsOf(b), possible);
      return {
        earned,
        possible,
        branch: i,
        verdict: i === 0 ? "correct" : earned > 0 ? "partial" : "incorrect",
        feedback: b.feedback ?? (i === 0 ? "correct" : "a known mistake"),
      };
    }
  }
  const ce = first?.counterexample;
  const where = ce ? Object.entries(ce.point).map(([k, v]) => `${k} = ${v}`).join(", ") : "";
  const feedback = ce
    ? `your answer gives ${ce.left}${where ? ` at ${where}` : ""}; the expected ${ce.right}`
    : first?.verdict === "undecided"
      ? `could not decide: ${first.reason}`
      : `not the expected answer (${first?.reason ?? "no match"}): got ${toPretty(value)}`;
  return { earned: 0, possible, branch: -1, verdict: "incorrect", feedback, counterexample: ce };
}
