// `check` of expressions over arrays of a symbolic size (x ∈ ℝ^n, A ∈ ℝ^(n×n)): no normal form
// compares (A B)ᵀ with Bᵀ Aᵀ entry by entry, so both sides are instantiated instead: the sizes as
// small whole numbers (several assignments, distinct sizes kept distinct), every array as exact
// random rationals, I and 𝟏 as the arrays of those sizes, and the concrete sides compared exactly.
// A difference at one instance is a disproof with that instance as the counterexample; equality at
// every instance is only "equivalent (not proved: …)", never a proof.
import type { Node, Sym } from "../graph/node.js";
import type { Comparison } from "./check/comparison.js";
import { apply, int, num, tensor } from "../graph/construct.js";
import { findInside, freeSymbols } from "../graph/traverse.js";
import { Rational } from "../numeric/rational.js";
import { substitute } from "./substitute.js";
import { toText } from "../graph/print/forms.js";
import { MathFailure } from "../errors.js";

const hasSymbolicSize = (n: Node) => n.kind === "sym" && n.shape.some((d) => typeof d === "string");

/** Whether `n` holds an array symbol of a symbolic size (so compare's entry-by-entry tiers cannot decide). */
export function hasSymbolicArrays(n: Node): boolean {
  return findInside(n, hasSymbolicSize) !== undefined;
}

/** A seeded generator (Lehmer): the same instances, and so the same verdict, on every run. */
function generator(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 16807) % 2147483647;
    return (s - 1) / 2147483646;
  };
}

/** Size assignments: all equal, distinct in both orders, larger; each size name gets its own number. */
function sizeInstances(dims: readonly string[]): Record<string, number>[] {
  const each = (f: (i: number) => number) => Object.fromEntries(dims.map((d, i) => [d, f(i)]));
  const all = [each(() => 2), each((i) => 2 + (i % 3)), each((i) => 4 - (i % 3)), each(() => 3)];
  return all.filter((x, i) => all.findIndex((y) => JSON.stringify(y) === JSON.stringify(x)) === i);
}

/** Random entries drawn at each assignment of the sizes: a sign-dependent difference (|det A| against
 * det A) is missed by all of them only once in 2¹⁰ or so. */
const DRAWS = 4;

/** An exact random rational: a whole number from −5 to 5 over 1 to 3, never 0. */
function randomRational(rand: () => number): Rational {
  const top = 1 + Math.floor(rand() * 5);
  const bottom = 1 + Math.floor(rand() * 3);
  return Rational.of(BigInt(rand() < 0.5 ? -top : top), BigInt(bottom));
}

interface Instance {
  /** Each size and array as shown in a counterexample. */
  shown: Record<string, string>;
  values: Map<Node, Node>;
}

function instance(symbols: readonly Sym[], sizes: Record<string, number>, rand: () => number): Instance | null {
  const values = new Map<Node, Node>();
  const shown: Record<string, string> = {};
  for (const [d, v] of Object.entries(sizes)) shown[d] = String(v);
  for (const s of symbols) {
    if (s.shape.length === 0) {
      // A size used as a number (the 𝟏/n of a mean) takes its value; other scalars stay symbols.
      if (s.name in sizes) values.set(s, int(sizes[s.name]));
      continue;
    }
    const shape = s.shape.map((d) => (typeof d === "number" ? d : sizes[d]));
    if (shape.some((d) => d === undefined)) return null;
    if (s.name === "I") values.set(s, apply("I", [int(shape[0])]));
    else if (s.name === "𝟏") values.set(s, apply("ones", shape.map(int)));
    else {
      const size = shape.reduce((p, d) => p * d, 1);
      const t = tensor(
        shape,
        Array.from({ length: size }, () => num(randomRational(rand))),
      );
      values.set(s, t);
      shown[s.name] = toText(t);
    }
  }
  return { shown, values };
}

/**
 * Compares `a` and `b`, arrays (or scalars) over arrays of a symbolic size, at several instances of
 * the sizes with random exact entries, each by `compareConcrete` (check's own tiers). Null when
 * neither side has an array of a symbolic size.
 */
export function compareAtSizes(a: Node, b: Node, compareConcrete: (a: Node, b: Node) => Comparison): Comparison | null {
  if (!hasSymbolicArrays(a) && !hasSymbolicArrays(b)) return null;
  const symbols = [...freeSymbols(a), ...freeSymbols(b)].filter((s, i, all) => all.indexOf(s) === i);
  const dims = [...new Set(symbols.flatMap((s) => s.shape.filter((d): d is string => typeof d === "string")))].sort();
  const rand = generator(16_807);
  const tried: string[] = [];
  let equal = 0;
  let undecided: string | null = null;
  const instances = sizeInstances(dims).flatMap((sizes) => Array.from({ length: DRAWS }, () => sizes));
  for (const sizes of instances) {
    const inst = instance(symbols, sizes, rand);
    if (!inst) continue;
    const at = Object.entries(sizes)
      .map(([d, v]) => `${d} = ${v}`)
      .join(", ");
    let left: Node;
    let right: Node;
    let c: Comparison;
    try {
      left = substitute(a, inst.values);
      right = substitute(b, inst.values);
      c = compareConcrete(left, right);
    } catch (err) {
      if (err instanceof MathFailure && (err.kind === "interrupt" || err.kind === "limit")) throw err;
      undecided ??= `at ${at} the sides could not be evaluated (${err instanceof Error ? err.message : String(err)})`;
      continue;
    }
    if (c.verdict === "not equivalent") {
      const inner = c.counterexample;
      const concrete = !inner || Object.keys(inner.point).length === 0;
      return {
        verdict: "not equivalent",
        method: "proof",
        reason: `at ${at} with the entries shown: ${c.reason}`,
        counterexample: {
          point: { ...inst.shown, ...(inner?.point ?? {}) },
          left: concrete ? toText(left) : `${inner.left} (${c.reason.split(":")[0]})`,
          right: concrete ? toText(right) : `${inner.right} (${c.reason.split(":")[0]})`,
        },
      };
    }
    if (c.verdict === "undecided") {
      undecided ??= `at ${at}: ${c.reason}`;
      continue;
    }
    if (!tried.includes(at)) tried.push(at);
    equal++;
  }
  // Equality at one instance alone says too little (sizes of 2 hide what 3 shows).
  if (equal < 2 || undecided)
    return { verdict: "undecided", reason: undecided ?? "no instance of the sizes could be evaluated" };
  return {
    verdict: "equivalent",
    method: "sampling",
    reason: `not proved: equal at ${equal} instances with random exact entries, at sizes ${tried.join("; ")}`,
  };
}
