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

/** Each operator as a kind of `d ∘ 0`, and whether d is right − left (x > 1 is 1 − x < 0). */
const OPERATORS: Record<Relation["op"], { kind: Kind; flipped: boolean }> = {
  "=": { kind: "=", flipped: false },
  "==": { kind: "=", flipped: false },
  "≠": { kind: "≠", flipped: false },
  "<": { kind: "<", flipped: false },
  "<=": { kind: "≤", flipped: false },
  ">": { kind: "<", flipped: true },
  ">=": { kind: "≤", flipped: true },
};

/**
 * Each kind: whether `d kind 0` holds where d has a sign, its indicator (1 where it holds, 0 where
 * not, undefined where d is) from s = sign d and n = |sign d|, and what a relation of it is called.
 */
const KINDS: Record<Kind, { holds(sign: -1 | 0 | 1): boolean; indicator(s: Node, n: Node): Node; noun: string }> = {
  "=": { holds: (sign) => sign === 0, indicator: (_, n) => sub(int(1), n), noun: "equation" },
  "≠": { holds: (sign) => sign !== 0, indicator: (_, n) => n, noun: "equation" },
  "<": { holds: (sign) => sign < 0, indicator: (s, n) => div(sub(n, s), int(2)), noun: "inequality" },
  "≤": { holds: (sign) => sign <= 0, indicator: (s, n) => sub(int(1), div(add(n, s), int(2))), noun: "inequality" },
};

function normal(r: Relation): Normal {
  const { kind, flipped } = OPERATORS[r.op];
  return { d: flipped ? sub(r.right, r.left) : sub(r.left, r.right), kind };
}

const holds = (kind: Kind, sign: -1 | 0 | 1): boolean => KINDS[kind].holds(sign);

function indicator({ d, kind }: Normal): Node {
  const s = apply("sign", [d]);
  return KINDS[kind].indicator(s, apply("abs", [s]));
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
    const noun = KINDS[a.kind].noun;
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
