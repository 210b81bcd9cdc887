// Canonical orders. `compareNodes` is a total structural order (independent of creation order, so
// output is the same in every run); terms of a sum go by degree, highest first; factors of a product
// put numbers first, then symbols, then functions, then sums.
import type { Node } from "./node.js";

const KIND_RANK: Record<Node["kind"], number> = {
  num: 0,
  float: 0,
  const: 1,
  sym: 2,
  indexed: 3,
  pow: 4,
  mul: 5,
  apply: 6,
  bigop: 7,
  add: 8,
  tensor: 9,
  rel: 10,
  str: 11,
  tuple: 12,
  record: 13,
};

function compareLists(a: readonly Node[], b: readonly Node[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareNodes(a[i], b[i]);
    if (c) return c;
  }
  return a.length - b.length;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareNodes(a: Node, b: Node): number {
  if (a === b) return 0;
  // A power sorts with its base, so x, x^2, y read in the usual way.
  const ka = a.kind === "pow" ? a.base : a;
  const kb = b.kind === "pow" ? b.base : b;
  if (ka !== a || kb !== b) {
    const c = compareNodes(ka, kb);
    if (c) return c;
    return compareExponents(a.kind === "pow" ? a.exp : null, b.kind === "pow" ? b.exp : null);
  }
  const rank = KIND_RANK[a.kind] - KIND_RANK[b.kind];
  if (rank) return rank;
  switch (a.kind) {
    case "num":
      return b.kind === "num" ? a.value.compare(b.value) : a.value.toNumber() - (b as { value: number }).value;
    case "float":
      return a.value - (b.kind === "num" ? b.value.toNumber() : (b as { value: number }).value);
    case "const":
      return compareStrings(a.name, (b as typeof a).name);
    case "sym":
      return compareStrings(a.name, (b as typeof a).name);
    case "indexed":
      return compareStrings(a.base, (b as typeof a).base) || compareNodes(a.index, (b as typeof a).index);
    case "mul":
      return compareLists(a.factors, (b as typeof a).factors);
    case "add":
      return compareLists(a.terms, (b as typeof a).terms);
    case "apply":
      return compareStrings(a.op, (b as typeof a).op) || compareLists(a.args, (b as typeof a).args);
    case "tensor":
      return compareLists(a.entries, (b as typeof a).entries);
    case "bigop": {
      const o = b as typeof a;
      return compareLists([a.body, a.index, a.from, a.to], [o.body, o.index, o.from, o.to]);
    }
    case "rel":
      return compareLists([a.left, a.right], [(b as typeof a).left, (b as typeof a).right]);
    case "str":
      return compareStrings(a.value, (b as typeof a).value);
    case "tuple":
      return compareLists(a.items, (b as typeof a).items);
    case "record":
      return compareLists(
        a.fields.map((f) => f.value),
        (b as typeof a).fields.map((f) => f.value),
      );
    case "pow":
      return 0; // handled above
  }
}

/** Exponents, where null stands for the 1 of a plain factor: numbers in order, symbolic ones after. */
function compareExponents(a: Node | null, b: Node | null): number {
  const value = (e: Node | null) =>
    e === null ? 1 : e.kind === "num" ? e.value.toNumber() : e.kind === "float" ? e.value : Infinity;
  const va = value(a);
  const vb = value(b);
  if (va !== vb) return va < vb ? -1 : 1;
  return a && b ? compareNodes(a, b) : 0;
}

/** Total degree of a term in its symbols and function applications. */
/** Degrees found so far: a node is a graph, and its subexpressions are shared, so each is done once. */
const degrees = new WeakMap<Node, number>();

export function degree(n: Node): number {
  if (n.kind === "sym" || n.kind === "num") return n.kind === "num" ? 0 : 1;
  let d = degrees.get(n);
  if (d === undefined) degrees.set(n, (d = degreeOf(n)));
  return d;
}

function degreeOf(n: Node): number {
  switch (n.kind) {
    case "num":
    case "float":
    case "const":
      return 0;
    case "pow":
      return n.exp.kind === "num" ? degree(n.base) * n.exp.value.toNumber() : degree(n.base);
    case "mul":
      return n.factors.reduce((s, f) => s + degree(f), 0);
    case "add":
      return n.terms.reduce((most, t) => Math.max(most, degree(t)), -Infinity);
    // A matrix product reads first in a sum: Wx + b − y.
    case "apply":
      return n.op === "matmul" ? n.args.reduce((s, a) => s + degree(a), 0) : 1;
    default:
      return 1;
  }
}

/** Order of terms in a sum: higher degree first, then structurally; numbers last. */
export function compareTerms(a: Node, b: Node): number {
  const da = degree(a);
  const db = degree(b);
  if (da !== db) return db - da;
  return compareNodes(stripCoefficient(a), stripCoefficient(b)) || compareNodes(a, b);
}

function stripCoefficient(n: Node): Node {
  if (n.kind === "mul" && (n.factors[0].kind === "num" || n.factors[0].kind === "float")) {
    return n.factors[1];
  }
  return n;
}
