// The conditions after `check … for`: when they hold nowhere, every claim about the points where
// they hold is empty, and `check` says so instead of "equivalent". Conditions on one variable
// (x > 0, 2x − 1 <= 3, x ≠ 1) are intersected exactly as intervals; the rest are left to the search,
// which says "no point tried satisfies the conditions" when it finds none.
import { sub } from "../../graph/construct.js";
import type { Node } from "../../graph/node.js";
import { Rational } from "../../numeric/rational.js";
import { toText } from "../../graph/print/forms.js";

interface Bound {
  at: Rational;
  strict: boolean;
}

/** k·x + c with rational k ≠ 0 and c, when the node is that. */
function linear(n: Node): { x: Node; k: Rational; c: Rational } | null {
  const terms = n.kind === "add" ? n.terms : [n];
  let x: Node | null = null;
  let k = Rational.ZERO;
  let c = Rational.ZERO;
  for (const t of terms) {
    if (t.kind === "num") {
      c = c.add(t.value);
      continue;
    }
    const [coefficient, v] =
      t.kind === "mul" && t.factors.length === 2 && t.factors[0].kind === "num"
        ? [t.factors[0].value, t.factors[1]]
        : [Rational.ONE, t];
    if (v.kind !== "sym" || (x !== null && x !== v)) return null;
    x = v;
    k = k.add(coefficient);
  }
  return x && !k.isZero() ? { x, k, c } : null;
}

interface Range {
  lo?: Bound;
  hi?: Bound;
  not: Rational[];
  said: string[];
}

/** The interval each variable is kept in by the conditions on it alone. */
function ranges(conditions: readonly Node[]): Map<Node, Range> {
  const found = new Map<Node, Range>();
  for (const c of conditions) {
    if (c.kind !== "rel") continue;
    const form = linear(sub(c.left, c.right));
    if (!form) continue;
    // k·x + c op 0 ⇔ x op′ −c/k, the relation turned when k < 0.
    const at = form.c.neg().div(form.k);
    const op = form.k.sign() < 0 ? (TURNED[c.op] ?? c.op) : c.op;
    const range = found.get(form.x) ?? { not: [], said: [] };
    found.set(form.x, range);
    range.said.push(toText(c));
    const tighterLo = (b: Bound) =>
      !range.lo || b.at.compare(range.lo.at) > 0 || (b.at.equals(range.lo.at) && b.strict) ? b : range.lo;
    const tighterHi = (b: Bound) =>
      !range.hi || b.at.compare(range.hi.at) < 0 || (b.at.equals(range.hi.at) && b.strict) ? b : range.hi;
    if (op === ">" || op === ">=") range.lo = tighterLo({ at, strict: op === ">" });
    else if (op === "<" || op === "<=") range.hi = tighterHi({ at, strict: op === "<" });
    else if (op === "≠") range.not.push(at);
    else if (op === "=" || op === "==") {
      range.lo = tighterLo({ at, strict: false });
      range.hi = tighterHi({ at, strict: false });
    }
  }
  return found;
}

const TURNED: Record<string, string> = { ">": "<", ">=": "<=", "<": ">", "<=": ">=" };

/** Each variable's lower bound from the conditions (x > 0 gives 0, strict). */
export function lowerBounds(conditions: readonly Node[]): Map<Node, Bound> {
  const bounds = new Map<Node, Bound>();
  for (const [x, r] of ranges(conditions)) if (r.lo) bounds.set(x, r.lo);
  return bounds;
}

/** Each variable's interval from the conditions on it alone: its ends, exact (open or closed alike). */
export function conditionIntervals(conditions: readonly Node[]): Map<Node, { lo?: Rational; hi?: Rational }> {
  const found = new Map<Node, { lo?: Rational; hi?: Rational }>();
  for (const [x, r] of ranges(conditions)) if (r.lo || r.hi) found.set(x, { lo: r.lo?.at, hi: r.hi?.at });
  return found;
}

/** Why the conditions hold nowhere ("no number satisfies x > 0 and x < 0"), or null when not shown. */
export function emptyConditions(conditions: readonly Node[]): string | null {
  for (const range of ranges(conditions).values()) {
    const { lo, hi } = range;
    if (!lo || !hi) continue;
    const order = lo.at.compare(hi.at);
    const empty = order > 0 || (order === 0 && (lo.strict || hi.strict || range.not.some((q) => q.equals(lo.at))));
    if (empty) return `no number satisfies ${range.said.join(" and ")}`;
  }
  return null;
}
