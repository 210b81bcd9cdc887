// Expression graph nodes: immutable, interned on (kind, children, attributes), so one value is one
// object and identity (===) is structural equality. Build nodes only through ./construct.ts, which
// folds constants and keeps sums and products canonical; `intern` here only guarantees uniqueness.
import type { Rational } from "../numeric/rational.js";
import type { Shape } from "./shape.js";
import { tick } from "../budget.js";

export type RelationOp = "=" | "==" | "≠" | "<" | "<=" | ">" | ">=";

interface Base {
  readonly id: number;
  readonly shape: Shape;
}

export interface Num extends Base {
  readonly kind: "num";
  readonly value: Rational;
}
export interface Float extends Base {
  readonly kind: "float";
  readonly value: number;
}
export interface Sym extends Base {
  readonly kind: "sym";
  readonly name: string;
}
/** A symbol subscripted by an expression: x_i inside Σ_i, x_k. */
export interface Indexed extends Base {
  readonly kind: "indexed";
  readonly base: string;
  readonly index: Node;
}
export interface Const extends Base {
  readonly kind: "const";
  readonly name: "π" | "e";
}
export interface Add extends Base {
  readonly kind: "add";
  readonly terms: readonly Node[];
}
export interface Mul extends Base {
  readonly kind: "mul";
  readonly factors: readonly Node[];
}
export interface Pow extends Base {
  readonly kind: "pow";
  readonly base: Node;
  readonly exp: Node;
}
/** A row of the operator table applied to arguments: sin(x), det(A), matmul(A, x). */
export interface Apply extends Base {
  readonly kind: "apply";
  readonly op: string;
  readonly args: readonly Node[];
}
/** A concrete array, row-major. */
export interface Tensor extends Base {
  readonly kind: "tensor";
  readonly shape: readonly number[];
  readonly entries: readonly Node[];
}
export interface BigOp extends Base {
  readonly kind: "bigop";
  readonly op: "sum" | "prod";
  readonly index: Sym;
  readonly from: Node;
  readonly to: Node;
  readonly body: Node;
}
export interface Relation extends Base {
  readonly kind: "rel";
  readonly op: RelationOp;
  readonly left: Node;
  readonly right: Node;
}
export interface Str extends Base {
  readonly kind: "str";
  readonly value: string;
}
export interface Tuple extends Base {
  readonly kind: "tuple";
  readonly items: readonly Node[];
}
/** A labelled result (eigen-decomposition, a solution set, a classification) with a printer of its own. */
export interface Struct extends Base {
  readonly kind: "record";
  readonly tag: string;
  readonly fields: readonly { readonly name: string; readonly value: Node }[];
}

export type Node =
  Num | Float | Sym | Indexed | Const | Add | Mul | Pow | Apply | Tensor | BigOp | Relation | Str | Tuple | Struct;

type Fields<N> = N extends Node ? Omit<N, "id"> : never;

let nextId = 1;

// The table of live nodes, by a 30-bit hash of what identifies a node (its kind, its children by
// identity, its attributes): built from numbers, so looking a node up makes no key string. A
// bucket holds one node, or the few that share a hash. Entries are weak: a node no one holds is
// collected, and its entry goes at the next sweep, when the table has doubled since the last one
// (amortised O(1) a node). A FinalizationRegistry dropped entries one by one before: a cell
// registered for every node made and a callback for every node collected, 5 % of 1,000 checks
// from cold (bench/README.md, maxima).
type Entry = WeakRef<Node> | WeakRef<Node>[];
const table = new Map<number, Entry>();
const SWEEP_AT_LEAST = 1 << 16;
let sweepAt = SWEEP_AT_LEAST;

/** Drops the table's entries whose nodes were collected. */
function sweep(): void {
  for (const [hash, entry] of table) {
    const live = liveRefs(entry);
    if (live.length === 0) table.delete(hash);
    else if (Array.isArray(entry) && live.length !== entry.length) table.set(hash, live.length === 1 ? live[0] : live);
  }
  sweepAt = Math.max(SWEEP_AT_LEAST, 2 * table.size);
}

/** How many buckets the table holds (live and not yet swept): for tests. */
export const nodeTableSize = (): number => table.size;

/** A bucket's references whose nodes are still alive. */
const liveRefs = (entry: Entry): WeakRef<Node>[] =>
  (Array.isArray(entry) ? entry : [entry]).filter((ref) => ref.deref() !== undefined);

const mix = (h: number, x: number): number => {
  const m = Math.imul(h ^ x, 0x9e3779b1);
  return (m << 13) | (m >>> 19);
};

function mixString(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = mix(h, s.charCodeAt(i));
  return mix(h, s.length);
}

function mixIds(h: number, nodes: readonly Node[]): number {
  for (let k = 0; k < nodes.length; k++) h = mix(h, nodes[k].id);
  return mix(h, nodes.length);
}

/** A bigint's low 32 bits as a number (whole numbers that fit are the common case). */
const low32 = (n: bigint): number => (n >= -0x80000000n && n <= 0x7fffffffn ? Number(n) : Number(BigInt.asIntN(32, n)));

const doubleBits = new Float64Array(1);
const doubleWords = new Int32Array(doubleBits.buffer);

/**
 * A bigint mixed into a hash. Past 32 bits its size and leading bits count too: by its low bits
 * alone, 2, 4, 8, … 2^k · m all fell into one bucket from 2^32 on (Σ 2^i to 30,000 compared
 * each new power with every one before it).
 */
function mixBigint(h: number, n: bigint): number {
  const low = low32(n);
  if (n >= -0x80000000n && n <= 0x7fffffffn) return mix(h, low);
  let leading = Number(n);
  h = mix(h, low);
  if (!Number.isFinite(leading)) {
    // Past a double's range: its length in hex digits and the leading bits below it.
    const digits = (n < 0n ? -n : n).toString(16).length;
    leading = Number(n >> BigInt(digits * 4 - 64));
    h = mix(h, digits);
  }
  doubleBits[0] = leading;
  return mix(mix(h, doubleWords[0]), doubleWords[1]);
}

const KIND_CODE: Record<Node["kind"], number> = {
  num: 1,
  float: 2,
  sym: 3,
  indexed: 4,
  const: 5,
  add: 6,
  mul: 7,
  pow: 8,
  apply: 9,
  tensor: 10,
  bigop: 11,
  rel: 12,
  str: 13,
  tuple: 14,
  record: 15,
};

/** The hash of what identifies a node; a shape counts by its length (equal shapes are compared). */
function hashOf(f: Fields<Node>): number {
  let h = KIND_CODE[f.kind];
  switch (f.kind) {
    case "num":
      h = mixBigint(mixBigint(h, f.value.num), f.value.den);
      break;
    case "float": {
      const v = f.value;
      // −0 is 0 and every NaN is one; other doubles by their bits' halves.
      h = v === 0 || v !== v ? mix(h, v === 0 ? 0 : 1) : mix(mix(h, v | 0), Math.floor(v * 4294967296) | 0);
      break;
    }
    case "sym":
      h = mix(mixString(h, f.name), f.shape.length);
      break;
    case "indexed":
      h = mix(mix(mixString(h, f.base), f.index.id), f.shape.length);
      break;
    case "const":
      h = mixString(h, f.name);
      break;
    case "add":
      h = mixIds(h, f.terms);
      break;
    case "mul":
      h = mixIds(h, f.factors);
      break;
    case "pow":
      h = mix(mix(h, f.base.id), f.exp.id);
      break;
    case "apply":
      h = mix(mixIds(mixString(h, f.op), f.args), f.shape.length);
      break;
    case "tensor":
      h = mix(mixIds(h, f.entries), f.shape.length);
      break;
    case "bigop":
      h = mix(mix(mix(mix(mixString(h, f.op), f.index.id), f.from.id), f.to.id), f.body.id);
      break;
    case "rel":
      h = mix(mix(mixString(h, f.op), f.left.id), f.right.id);
      break;
    case "str":
      h = mixString(h, f.value);
      break;
    case "tuple":
      h = mixIds(h, f.items);
      break;
    case "record":
      h = mixString(h, f.tag);
      for (const field of f.fields) h = mix(mixString(h, field.name), field.value.id);
      break;
  }
  return h & 0x3fffffff;
}

function sameNodes(a: readonly Node[], b: readonly Node[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/** Shapes alike dimension by dimension (a size typed as a number or as its digits is one size). */
function sameDims(a: readonly (number | string)[], b: readonly (number | string)[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k] && String(a[k]) !== String(b[k])) return false;
  return true;
}

/**
 * Whether node `n` is the node these fields describe: the same kind, children and attributes. A
 * sum's, product's or power's shape follows from its operands and is not compared.
 */
function describes(n: Node, f: Fields<Node>): boolean {
  if (n.kind !== f.kind) return false;
  switch (f.kind) {
    case "num": {
      const v = (n as Num).value;
      return v.num === f.value.num && v.den === f.value.den;
    }
    case "float": {
      const v = (n as Float).value;
      return v === f.value || (v !== v && f.value !== f.value);
    }
    case "sym":
      return (n as Sym).name === f.name && sameDims(n.shape, f.shape);
    case "indexed": {
      const m = n as Indexed;
      return m.base === f.base && m.index === f.index && sameDims(n.shape, f.shape);
    }
    case "const":
      return (n as Const).name === f.name;
    case "add":
      return sameNodes((n as Add).terms, f.terms);
    case "mul":
      return sameNodes((n as Mul).factors, f.factors);
    case "pow":
      return (n as Pow).base === f.base && (n as Pow).exp === f.exp;
    case "apply":
      return (n as Apply).op === f.op && sameNodes((n as Apply).args, f.args) && sameDims(n.shape, f.shape);
    case "tensor":
      return sameDims(n.shape, f.shape) && sameNodes((n as Tensor).entries, f.entries);
    case "bigop": {
      const m = n as BigOp;
      return m.op === f.op && m.index === f.index && m.from === f.from && m.to === f.to && m.body === f.body;
    }
    case "rel": {
      const m = n as Relation;
      return m.op === f.op && m.left === f.left && m.right === f.right;
    }
    case "str":
      return (n as Str).value === f.value;
    case "tuple":
      return sameNodes((n as Tuple).items, f.items);
    case "record": {
      const m = n as Struct;
      return (
        m.tag === f.tag &&
        m.fields.length === f.fields.length &&
        m.fields.every((x, k) => x.name === f.fields[k].name && x.value === f.fields[k].value)
      );
    }
  }
}

/**
 * A new node: each kind written as one literal, its fields always in one order, so every node of a
 * kind shares one hidden class (V8's map). A spread (`{ ...fields, id }`) gave almost every node a
 * map of its own (995 maps for 1,000 nodes of four kinds), and every read of a node's field, all over
 * the engine, went the slow way round.
 */
function made(f: Fields<Node>, id: number): Node {
  switch (f.kind) {
    case "num":
      return { kind: "num", value: f.value, shape: f.shape, id };
    case "float":
      return { kind: "float", value: f.value, shape: f.shape, id };
    case "sym":
      return { kind: "sym", name: f.name, shape: f.shape, id };
    case "indexed":
      return { kind: "indexed", base: f.base, index: f.index, shape: f.shape, id };
    case "const":
      return { kind: "const", name: f.name, shape: f.shape, id };
    case "add":
      return { kind: "add", terms: f.terms, shape: f.shape, id };
    case "mul":
      return { kind: "mul", factors: f.factors, shape: f.shape, id };
    case "pow":
      return { kind: "pow", base: f.base, exp: f.exp, shape: f.shape, id };
    case "apply":
      return { kind: "apply", op: f.op, args: f.args, shape: f.shape, id };
    case "tensor":
      return { kind: "tensor", shape: f.shape, entries: f.entries, id };
    case "bigop":
      return { kind: "bigop", op: f.op, index: f.index, from: f.from, to: f.to, body: f.body, shape: f.shape, id };
    case "rel":
      return { kind: "rel", op: f.op, left: f.left, right: f.right, shape: f.shape, id };
    case "str":
      return { kind: "str", value: f.value, shape: f.shape, id };
    case "tuple":
      return { kind: "tuple", items: f.items, shape: f.shape, id };
    case "record":
      return { kind: "record", tag: f.tag, fields: f.fields, shape: f.shape, id };
  }
}

/** The one node with these fields: made once, then shared while anything holds it. */
export function intern<N extends Node>(fields: Fields<N>): N {
  tick();
  const hash = hashOf(fields);
  const entry = table.get(hash);
  if (entry !== undefined) {
    if (!Array.isArray(entry)) {
      const found = entry.deref();
      if (found !== undefined && describes(found, fields)) return found as N;
    } else {
      for (let k = 0; k < entry.length; k++) {
        const found = entry[k].deref();
        if (found !== undefined && describes(found, fields)) return found as N;
      }
    }
  }
  const node = Object.freeze(made(fields, nextId++)) as N;
  const ref = new WeakRef<Node>(node);
  if (entry === undefined) {
    table.set(hash, ref);
    if (table.size >= sweepAt) sweep();
  } else {
    // Dead neighbours go while the bucket is open.
    const live = liveRefs(entry);
    table.set(hash, live.length === 0 ? ref : [...live, ref]);
  }
  return node;
}
