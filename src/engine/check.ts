// Are two answers the same? `check` decides in tiers and says which decided (docs/checking.md):
// scalars in check/scalar.ts (a proof by canonical forms; a search for a difference or for a point
// where only one side is defined, in exact or error-bounded arithmetic; only then "equivalent, not
// proved"); arrays entry by entry; relations in check/relations.ts; sets without regard to order.
import { apply, int } from "../graph/construct.js";
import type { Node } from "../graph/node.js";
import { findInside, rewrite } from "../graph/traverse.js";
import { isScalar, sameShape, showShape } from "../graph/shape.js";
import { toPretty } from "../graph/print/forms.js";
import { seriesSum } from "./series.js";
import { compareScalars } from "./check/scalar.js";
import { compareRelations } from "./check/relations.js";
import { emptyConditions } from "./check/conditions.js";
import type { Comparison } from "./check/comparison.js";
import { compareAtSizes } from "./symbolic-size-check.js";

export type { Comparison };

export interface CompareOptions {
  /** Relations that restrict the comparison: `check … for x > 0` compares only where they hold. */
  conditions?: readonly Node[];
  /**
   * Each side's domain as typed (check/typed-domain.ts): unfolded nodes that must be defined where
   * the side is (x/x is built as 1; its guard x⁻¹ keeps x = 0 out).
   */
  guards?: readonly [readonly Node[], readonly Node[]];
}

/** Sets of solutions or values compare without regard to order. */
function compareSets(a: readonly Node[], b: readonly Node[]): Comparison {
  if (a.length !== b.length)
    return { verdict: "not equivalent", reason: `one has ${a.length} items, the other ${b.length}` };
  const unused = [...b];
  for (const item of a) {
    const match = unused.findIndex((other) => compare(item, other).verdict === "equivalent");
    if (match < 0) return { verdict: "not equivalent", reason: `${toPretty(item)} has no match on the other side` };
    unused.splice(match, 1);
  }
  return { verdict: "equivalent", reason: "the same items in some order" };
}

export function compare(a: Node, b: Node, options: CompareOptions = {}): Comparison {
  const conditions = options.conditions ?? [];
  const [guardsA, guardsB] = options.guards ?? [[], []];
  // A Taylor polynomial compares as the polynomial it is.
  if (a.kind === "record" && a.tag === "series") a = seriesSum(a);
  if (b.kind === "record" && b.tag === "series") b = seriesSum(b);
  const empty = emptyConditions(conditions);
  if (empty) return { verdict: "undecided", reason: `the domain is empty: ${empty}` };
  const sameGuards = guardsA.length === guardsB.length && guardsA.every((g) => guardsB.includes(g));
  if (a === b && conditions.length === 0 && sameGuards)
    return { verdict: "equivalent", method: "proof", reason: "identical" };
  if (a.kind === "rel" && b.kind === "rel") return compareRelations(a, b, conditions);
  if (a.kind === "tuple" && b.kind === "tuple") return compareSets(a.items, b.items);
  if (a.kind === "record" && b.kind === "record" && a.tag === b.tag)
    return compareSets(
      a.fields.map((f) => f.value),
      b.fields.map((f) => f.value),
    );
  // The identity of a numeric size, as matrix calculus writes it (2I for 3×3), is that matrix.
  [a, b] = [concreteIdentities(a), concreteIdentities(b)];
  // A 1×1 matrix or a vector of one entry is its entry, as a product's 1×1 result is a scalar: the
  // Hessian of x⁴ is [12x²], and 12x² is the same answer.
  const sole = soleValues(a, b);
  if (sole) {
    const c = compare(sole.a, sole.b, options);
    return { ...c, reason: `${sole.said}: ${c.reason}` };
  }
  if (!sameShape(a.shape, b.shape))
    return { verdict: "not equivalent", reason: `a ${showShape(a.shape)} is not a ${showShape(b.shape)}` };
  if (a.kind === "tensor" && b.kind === "tensor") {
    let undecided: Comparison | null = null;
    let sampled = 0;
    for (let i = 0; i < a.entries.length; i++) {
      const c = compareScalars(a.entries[i], b.entries[i], conditions, [guardsA, guardsB]);
      if (c.verdict === "not equivalent")
        return { ...c, entry: entryName(a.shape, i), reason: `entry ${entryName(a.shape, i)}: ${c.reason}` };
      if (c.verdict === "undecided") undecided ??= { ...c, reason: `entry ${entryName(a.shape, i)}: ${c.reason}` };
      else if (c.method === "sampling") sampled++;
    }
    if (undecided) return undecided;
    return sampled > 0
      ? {
          verdict: "equivalent",
          method: "sampling",
          reason: `not proved: ${a.entries.length - sampled} entries proved equal, ${sampled} equal only at the points sampled`,
        }
      : { verdict: "equivalent", method: "proof", reason: "proved entry by entry" };
  }
  // Over arrays of a symbolic size (A ∈ ℝ^(n×n)): at instances of the sizes (symbolic-size-check.ts).
  const sized = compareAtSizes(a, b, (x, y) => compare(x, y, { conditions }));
  if (sized) return sized;
  if (a.shape.length > 0) return { verdict: "undecided", reason: "symbolic arrays are compared only entry by entry" };
  return compareScalars(a, b, conditions, [guardsA, guardsB]);
}

/** The one value `n` holds: a scalar's itself, a 1×1's or a one-entry vector's entry; null otherwise. */
function soleValue(n: Node): Node | null {
  if (n.kind === "tensor") return n.entries.length === 1 && n.shape.length > 0 ? n.entries[0] : null;
  return isScalar(n.shape) && n.kind !== "tuple" && n.kind !== "record" && n.kind !== "rel" ? n : null;
}

const oneValue = (n: Node) => (n.kind === "tensor" ? `the ${showShape(n.shape)}'s entry` : "the scalar");

/**
 * Two values of different shapes that hold one value each (a 1×1, a vector of one entry, a scalar)
 * compare as those values, as a product's 1×1 result is a scalar; `said` names what was compared.
 * `check` and `expect` (answer-compare.ts) both read them so.
 */
export function soleValues(a: Node, b: Node): { a: Node; b: Node; said: string } | null {
  if (sameShape(a.shape, b.shape)) return null;
  const [x, y] = [soleValue(a), soleValue(b)];
  return x && y ? { a: x, b: y, said: `${oneValue(a)} against ${oneValue(b)}` } : null;
}

function concreteIdentities(n: Node): Node {
  if (!findInside(n, isNumericIdentity)) return n;
  return rewrite(n, (m) => (isNumericIdentity(m) ? apply("I", [int(Number(m.shape[0]))]) : undefined));
}

const isNumericIdentity = (m: Node) =>
  m.kind === "sym" && m.name === "I" && m.shape.length === 2 && typeof m.shape[0] === "number";

function entryName(shape: readonly number[], i: number): string {
  const idx: number[] = [];
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    idx.unshift((i % shape[axis]) + 1);
    i = Math.floor(i / shape[axis]);
  }
  return `[${idx.join(", ")}]`;
}
