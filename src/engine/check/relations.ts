// Relations compared (docs/checking.md, "Arrays, equations, sets"). Each side is read as `d ∘ 0`:
// x > 1 is 1 − x < 0, so ∘ is one of =, ≠, <, ≤. Two of one kind are equivalent when one d is a
// constant multiple of the other, nonzero for = and ≠, positive for < and ≤ (−x < −1 is x > 1, not
// x < 1). Otherwise a point where one holds and the other does not refutes them; inequalities that
// are not multiples, and relations of different kinds, are compared as the statements they are, true
// or false at each point: the indicator of d < 0 is (|sign d| − sign d)/2, a piecewise function whose
// breakpoints (the roots of d) the scalar search tries, so x < 1 and x ≤ 1 differ at x = 1.
import { add, apply, div, int, mul, num, sub } from "../../graph/construct.js";
import type { Node, Relation } from "../../graph/node.js";
import { freeSymbols } from "../../graph/traverse.js";
import { toText } from "../../graph/print/forms.js";
import { substitute } from "../substitute.js";
import type { Comparison } from "./comparison.js";
import { type Point, decimal, random } from "./points.js";
import { evaluatePrecise, showRational, signOf } from "./precise.js";
import { compareScalars } from "./scalar.js";

type Kind = "=" | "≠" | "<" | "≤";

/** A relation as `d kind 0`. */
interface Normal {
  d: Node;
  kind: Kind;
}

function normal(r: Relation): Normal {
  switch (r.op) {
    case "=":
    case "==":
      return { d: sub(r.left, r.right), kind: "=" };
    case "≠":
      return { d: sub(r.left, r.right), kind: "≠" };
    case "<":
      return { d: sub(r.left, r.right), kind: "<" };
    case "<=":
      return { d: sub(r.left, r.right), kind: "≤" };
    case ">":
      return { d: sub(r.right, r.left), kind: "<" };
    case ">=":
      return { d: sub(r.right, r.left), kind: "≤" };
  }
}

/** Whether `d kind 0` holds where d has this sign. */
function holds(kind: Kind, sign: -1 | 0 | 1): boolean {
  switch (kind) {
    case "=":
      return sign === 0;
    case "≠":
      return sign !== 0;
    case "<":
      return sign < 0;
    case "≤":
      return sign <= 0;
  }
}

/** 1 where `d kind 0` holds and 0 where it does not (undefined where d is). */
function indicator({ d, kind }: Normal): Node {
  const s = apply("sign", [d]);
  const nonzero = apply("abs", [s]);
  switch (kind) {
    case "=":
      return sub(int(1), nonzero);
    case "≠":
      return nonzero;
    case "<":
      return div(sub(nonzero, s), int(2));
    case "≤":
      return sub(int(1), div(add(nonzero, s), int(2)));
  }
}

/** Random points for reading the multiple (the ratio of the differences) and for a first refutation. */
function samplePoints(vars: readonly Node[], count: number): Map<Node, number>[] {
  const next = random(0x9e3779b9);
  const points: Map<Node, number>[] = [];
  for (let k = 0; k < count; k++) {
    const positiveOnly = k % 3 === 2;
    points.push(
      new Map(
        vars.map((v, i) => {
          if (k === 0) return [v, 1 + i * 0.5];
          const x = positiveOnly ? 0.1 + 2.9 * next() : -3 + 6 * next();
          return [v, Math.round(x * 1000) / 1000 || 0.5];
        }),
      ),
    );
  }
  return points;
}

const NOUN: Record<Kind, string> = { "=": "equation", "≠": "equation", "<": "inequality", "≤": "inequality" };
const truth = (v: string) => (v === "0" ? "false" : v === "1" ? "true" : v);

/** The relations as statements, true or false at each point, compared as any two scalars. */
function compareTruths(a: Normal, b: Normal, conditions: readonly Node[]): Comparison {
  const r = compareScalars(indicator(a), indicator(b), conditions);
  const said =
    r.verdict === "not equivalent" && r.counterexample
      ? "a point satisfies one relation but not the other"
      : r.verdict === "equivalent"
        ? "true at the same points"
        : "as statements true or false at each point";
  return {
    ...r,
    reason: `${said}: ${r.reason}`,
    ...(r.counterexample && {
      counterexample: { ...r.counterexample, left: truth(r.counterexample.left), right: truth(r.counterexample.right) },
    }),
  };
}

export function compareRelations(x: Relation, y: Relation, conditions: readonly Node[]): Comparison {
  const a = normal(x);
  const b = normal(y);
  const vars = freeSymbols(sub(a.d, b.d));
  for (const point of samplePoints(vars, 40)) {
    const at: Point = new Map([...point].map(([v, q]) => [v, decimal(q, 6)]));
    const p = evaluatePrecise(a.d, at, 40);
    const q = evaluatePrecise(b.d, at, 40);
    if (typeof p === "string" || typeof q === "string") continue;
    const [sp, sq] = [signOf(p), signOf(q)];
    if (sp === null || sq === null) continue;
    if (holds(a.kind, sp) !== holds(b.kind, sq))
      return {
        verdict: "not equivalent",
        method: "proof",
        reason: "a point satisfies one relation but not the other",
        counterexample: {
          point: Object.fromEntries(vars.map((v) => [toText(v), showRational(at.get(v)!)])),
          left: String(holds(a.kind, sp)),
          right: String(holds(b.kind, sq)),
        },
      };
    if (sp === 0 || sq === 0) continue;
    if (a.kind !== b.kind) return compareTruths(a, b, conditions);
    // The multiple, exactly: c = d₁(p) / d₂(p), then d₁ against c·d₂ in the scalar tiers. Its sign is
    // the signs' product; a negative one between inequalities was refuted above (one holds here).
    const values = new Map<Node, Node>([...at].map(([v, r]) => [v, num(r)]));
    const c = div(substitute(a.d, values), substitute(b.d, values));
    const r = compareScalars(a.d, mul(c, b.d), conditions);
    const noun = NOUN[a.kind];
    if (r.verdict === "equivalent")
      return {
        ...r,
        reason: `one ${noun} is ${toText(c)} times the other${r.method === "sampling" ? ` (${r.reason})` : ""}`,
      };
    if (noun === "inequality") return compareTruths(a, b, conditions);
    return r.verdict === "not equivalent" ? { ...r, reason: `the equations are not multiples of each other` } : r;
  }
  // No point where both differences are nonzero (x = x against 0 = 0, or nothing defined to sample).
  return a.kind === b.kind && a.kind === "="
    ? { verdict: "undecided", reason: "no sample point to compare the equations at" }
    : compareTruths(a, b, conditions);
}
