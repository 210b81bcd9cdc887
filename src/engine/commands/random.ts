// random(2..9), random([1, 2, 5]), random(-3..3, not 0): a value drawn from a finite set of numbers.
// A master notebook's locked cell draws per-student parameters with it: `nabla assign --roster
// --seed` writes each student's own value in its place (src/grading/params.ts: HMAC-SHA256 of the
// seed, the student and the name), and grading recomputes the key with the same values, so there it
// never runs. Anywhere else it is a seeded draw from a fixed, public seed: the same value on every
// run, so an instructor's master runs as any student's notebook does.
import { grouped, limitOf, overLimit } from "../../budget.js";
import { mathError } from "../../errors.js";
import { int, isNumber } from "../../graph/construct.js";
import type { Node } from "../../graph/node.js";
import { toText } from "../../graph/print/forms.js";
import type { Expr } from "../../syntax/ast.js";
import type { CommandEntry, Evaluation } from "./entry.js";

/** The most values one draw may choose among: over the limit is a size error. */
function tooManyChoices(): Error {
  return overLimit("randomChoices", `random draws from at most ${grouped(limitOf("randomChoices"))} values`);
}

const FORM = "random(2..9), random([1, 2, 5]) or random(-3..3, not 0)";

/** The numbers of `[1, 2, 5]` (a row or a column) or of a single number. */
function numbersOf(e: Expr, ev: Evaluation, what: string): Node[] {
  const items =
    e.kind === "matrix" && (e.rows.length === 1 || e.rows.every((r) => r.length === 1)) ? e.rows.flat() : [e];
  return items.map((item) => {
    const n = ev.expr(item);
    if (!isNumber(n)) throw mathError(`${what} must be numbers; ${toText(n)} is not (write ${FORM})`);
    return n;
  });
}

/** The whole number at one end of a range. */
function wholeEnd(e: Expr, ev: Evaluation): bigint {
  const n = ev.expr(e);
  if (n.kind !== "num" || !n.value.isInteger())
    throw mathError(`a range to draw from has whole numbers at its ends, as in 2..9; ${toText(n)} is not one`);
  return n.value.num;
}

/**
 * The value of an exclusion `not v`, which parses as the name `not` next to a value (`not 0`,
 * `not [0, 1]`), as its first factor (`not 1/2` is (not·1)/2) or minus a value (`not -1`).
 */
function afterNot(e: Expr): Expr | null {
  if (e.kind !== "binary") return null;
  const isNot = (x: Expr) => x.kind === "name" && x.name === "not";
  if (e.op === "*" && e.implicit && isNot(e.left)) return e.right;
  if (e.op === "-" && isNot(e.left)) return { kind: "neg", arg: e.right, span: e.span };
  if (e.op === "*" || e.op === "/") {
    const left = afterNot(e.left);
    return left && { ...e, left };
  }
  return null;
}

/** The values `random(…)` chooses among, in order, exclusions removed. Errors say the accepted forms. */
export function randomChoices(args: readonly Expr[], ev: Evaluation): Node[] {
  const [set, ...rest] = args;
  if (!set) throw mathError(`random needs the values to draw from: ${FORM}`);
  let choices: Node[];
  if (set.kind === "range") {
    const from = wholeEnd(set.from, ev);
    const to = wholeEnd(set.to, ev);
    if (to < from) throw mathError(`the range ${from}..${to} is empty: write the smaller end first`);
    if (to - from + 1n > BigInt(limitOf("randomChoices"))) throw tooManyChoices();
    choices = [];
    for (let k = from; k <= to; k++) choices.push(int(k));
  } else if (set.kind === "matrix") {
    choices = numbersOf(set, ev, "the values to draw from");
    if (choices.length > limitOf("randomChoices")) throw tooManyChoices();
  } else {
    throw mathError(`random draws from a range of whole numbers or a list of numbers: ${FORM}`);
  }
  for (const clause of rest) {
    const value = afterNot(clause);
    if (!value) throw mathError(`after the values, random takes only exclusions such as not 0 or not [0, 1]: ${FORM}`);
    const excluded = new Set(numbersOf(value, ev, "the values after not").map(toText));
    choices = choices.filter((c) => !excluded.has(toText(c)));
  }
  if (choices.length === 0) throw mathError("random has nothing left to draw from once the exclusions are removed");
  return choices;
}

/** FNV-1a: a public, fixed hash for the notebook's own draws (grading uses HMAC with the secret seed). */
function publicHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export const RANDOM: CommandEntry = {
  name: "random",
  arity: [1, Infinity],
  help: {
    syntax: "random(a..b), random([v₁, v₂, …]), random(a..b, not v)",
    description:
      "A value drawn from whole numbers a..b or a list, without the values after not. In a master notebook's locked cell, `nabla assign --roster … --seed …` gives each student their own value and grading uses it; elsewhere the draw is seeded and the same on every run.",
    examples: ["a = random(2..9)", "b = random([1, 2, 5])", "c = random(-3..3, not 0)"],
  },
  run: ({ args }, ev) => {
    const choices = randomChoices(args, ev);
    return choices[publicHash(choices.map(toText).join(",")) % choices.length];
  },
};
