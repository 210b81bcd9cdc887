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
const table = new Map<string, WeakRef<Node>>();
const registry = new FinalizationRegistry<string>((key) => {
  const ref = table.get(key);
  if (ref && ref.deref() === undefined) table.delete(key);
});

function ids(nodes: readonly Node[]): string {
  let s = "";
  for (let k = 0; k < nodes.length; k++) s += nodes[k].id + ",";
  return s;
}

function keyOf(f: Fields<Node>): string {
  const shape = f.shape.join("x");
  switch (f.kind) {
    case "num":
      return `n${f.value.num}/${f.value.den}`;
    case "float":
      return `f${Object.is(f.value, -0) ? "0" : f.value}`;
    case "sym":
      return `s${f.name}|${shape}`;
    case "indexed":
      return `i${f.base}|${f.index.id}|${shape}`;
    case "const":
      return `c${f.name}`;
    case "add":
      return `+${ids(f.terms)}`;
    case "mul":
      return `*${ids(f.factors)}`;
    case "pow":
      return `^${f.base.id},${f.exp.id}`;
    case "apply":
      return `a${f.op}(${ids(f.args)})${shape}`;
    case "tensor":
      return `t${shape}[${ids(f.entries)}]`;
    case "bigop":
      return `b${f.op}${f.index.id},${f.from.id},${f.to.id},${f.body.id}`;
    case "rel":
      return `r${f.op}${f.left.id},${f.right.id}`;
    case "str":
      return `q${f.value}`; // the whole rest of the key: no quoting needed
    case "tuple":
      return `(${ids(f.items)})`;
    case "record":
      return `R${f.tag}{${f.fields.map((x) => `${x.name}:${x.value.id}`).join(",")}}`;
  }
}

/** The one node with these fields: made once, then shared while anything holds it. */
export function intern<N extends Node>(fields: Fields<N>): N {
  tick();
  const key = keyOf(fields);
  const found = table.get(key)?.deref();
  if (found) return found as N;
  const node = Object.freeze({ ...fields, id: nextId++ }) as unknown as N;
  table.set(key, new WeakRef(node));
  registry.register(node, key);
  return node;
}
