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
import { rethrowStop } from "../errors.js";

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

/**
 * How an array's entries are drawn. Random entries alone miss what holds only away from the
 * singular, the small and the equal (rank(A) == n, relu(1 − ‖x‖²) == 0, rank(A − B) == n), so some
 * instances draw arrays of a kind: zero, tiny or huge entries, rank one, nilpotent (strictly upper
 * triangular), the identity, or equal to the array of the same shape drawn before it.
 */
type Kind = "random" | "zero" | "tiny" | "tinier" | "huge" | "rank one" | "nilpotent" | "identity" | "same";
const KINDS: readonly Kind[] = ["zero", "tiny", "tinier", "huge", "rank one", "nilpotent", "identity", "same"];
/** Alone among random ones: the kinds that make one array singular or small. */
const ALONE: readonly Kind[] = ["zero", "tiny", "rank one", "nilpotent"];

function entries(shape: number[], kind: Kind, rand: () => number, before: Node | undefined): Node {
  const size = shape.reduce((p, d) => p * d, 1);
  const [rows, cols] = shape.length === 2 ? shape : [shape[0], 1];
  const scaled = (k: Rational) => Array.from({ length: size }, () => num(randomRational(rand).mul(k)));
  switch (kind) {
    case "same":
      if (before) return before;
      break;
    case "zero":
      return tensor(
        shape,
        Array.from({ length: size }, () => num(Rational.ZERO)),
      );
    case "tiny":
      return tensor(shape, scaled(Rational.of(1n, 10n ** 4n)));
    case "tinier":
      return tensor(shape, scaled(Rational.of(1n, 10n ** 12n)));
    case "huge":
      return tensor(shape, scaled(Rational.of(10n ** 6n)));
    case "rank one": {
      const u = Array.from({ length: rows }, () => randomRational(rand));
      const v = Array.from({ length: cols }, () => randomRational(rand));
      return tensor(
        shape,
        Array.from({ length: size }, (_, k) => num(u[Math.floor(k / cols)].mul(v[k % cols]))),
      );
    }
    case "nilpotent":
      return tensor(
        shape,
        Array.from({ length: size }, (_, k) =>
          num(k % cols > Math.floor(k / cols) ? randomRational(rand) : Rational.ZERO),
        ),
      );
    case "identity":
      return tensor(
        shape,
        Array.from({ length: size }, (_, k) => num(k % cols === Math.floor(k / cols) ? Rational.ONE : Rational.ZERO)),
      );
  }
  return tensor(shape, scaled(Rational.ONE));
}

function instance(
  symbols: readonly Sym[],
  sizes: Record<string, number>,
  rand: () => number,
  kindOf: (arrayIndex: number) => Kind,
): Instance | null {
  const values = new Map<Node, Node>();
  const shown: Record<string, string> = {};
  const lastOfShape = new Map<string, Node>();
  let arrayIndex = 0;
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
      const key = shape.join("×");
      const t = entries(shape, kindOf(arrayIndex++), rand, lastOfShape.get(key));
      lastOfShape.set(key, t);
      values.set(s, t);
      shown[s.name] = toText(t);
    }
  }
  return { shown, values };
}

/**
 * Compares `a` and `b`, arrays (or scalars) over arrays of a symbolic size, at several instances of
 * the sizes with random exact entries and with arrays of special kinds, each by `compareConcrete`
 * (check's own tiers). Null when neither side has an array of a symbolic size.
 */
export function compareAtSizes(a: Node, b: Node, compareConcrete: (a: Node, b: Node) => Comparison): Comparison | null {
  if (!hasSymbolicArrays(a) && !hasSymbolicArrays(b)) return null;
  const symbols = [...freeSymbols(a), ...freeSymbols(b)].filter((s, i, all) => all.indexOf(s) === i);
  const dims = [...new Set(symbols.flatMap((s) => s.shape.filter((d): d is string => typeof d === "string")))].sort();
  const rand = generator(16_807);
  const tried: string[] = [];
  let equal = 0;
  let undecided: string | null = null;
  const assignments = sizeInstances(dims);
  const arrays = symbols.filter((s) => s.shape.length > 0 && s.name !== "I" && s.name !== "𝟏").length;
  // Random entries at every assignment of the sizes; arrays of each kind at the first and the last.
  const instances: { sizes: Record<string, number>; kindOf: (j: number) => Kind; special: boolean }[] =
    assignments.flatMap((sizes) =>
      Array.from({ length: DRAWS }, () => ({ sizes, kindOf: (): Kind => "random", special: false })),
    );
  for (const sizes of new Set([assignments[0], assignments[assignments.length - 1]])) {
    for (const kind of KINDS) instances.push({ sizes, kindOf: () => kind, special: true });
    for (let j = 0; j < arrays && arrays > 1; j++)
      for (const kind of ALONE) instances.push({ sizes, kindOf: (i) => (i === j ? kind : "random"), special: true });
  }
  for (const { sizes, kindOf, special } of instances) {
    const inst = instance(symbols, sizes, rand, kindOf);
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
      rethrowStop(err);
      // A singular or zero array may lie outside both sides' domain (inv(A) at A = 0): only the
      // random instances must evaluate.
      if (special) continue;
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
      // Huge or tiny entries can leave a comparison too close to call: a special kind shows only differences.
      if (special) continue;
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
    reason: `not proved: equal at ${equal} instances (random exact entries; zero, tiny, huge, rank-one, nilpotent, identity and equal arrays), at sizes ${tried.join("; ")}`,
  };
}
