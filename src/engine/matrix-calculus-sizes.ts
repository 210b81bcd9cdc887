// A bare `I` or `𝟏`, as matrix calculus prints them, reads back with the size its use forces:
// `2 Xᵀ X + 2λ I` (a sum with an n×n matrix), `A I` and `I A` (a product's neighbour), `Aᵀ 𝟏`
// (𝟏's length is A's row count), `𝟏ᵀ x` (x's length), `check ∇²_x ‖x‖² ≡ 2 I` (the other side).
// Where nothing forces a size, the declarations decide (bareDefaults): the one square size declared,
// else the one vector length; the printer names the size (`I_n`, `𝟏_m`) wherever neither would
// give it back (graph/print/readback-sizes.ts), so every printed value reads back.
import type { Expr, Statement } from "../syntax/ast.js";
import { childrenOf } from "../syntax/walk.js";
import type { Dim, Shape } from "../graph/shape.js";
import type { Node } from "../graph/node.js";
import { apply, int, sym } from "../graph/construct.js";

import type { BareDefaults } from "../graph/print/readback-sizes.js";
export type { BareDefaults };

/**
 * From the declared shapes: I of the one square size declared, else of the one vector length; 𝟏 of
 * that length. `isUserName` says whether the user gave `I` a value or a definition.
 */
export function bareDefaults(declared: Iterable<Shape>, isUserName?: (name: string) => boolean): BareDefaults {
  const shapes = [...declared];
  const only = (sizes: Dim[]): Dim | null => (sizes.length > 0 && sizes.every((n) => n === sizes[0]) ? sizes[0] : null);
  const lengths = only(shapes.filter((s) => s.length === 1).map((s) => s[0]));
  const squares = only(shapes.filter((s) => s.length === 2 && s[0] === s[1]).map((s) => s[0]));
  return { identity: squares ?? lengths, ones: lengths, identityTaken: isUserName?.("I") ?? false };
}

export interface SizingContext {
  /** `I` and `𝟏` are the identity and the all-ones array (no user value or function of that name). */
  isBare(name: "I" | "𝟏"): boolean;
  /** The shape of a subexpression whose bare arrays are all sized (sizes already found are used), or null. */
  shapeOf(e: Expr): Shape | null;
}

/**
 * Records in `sized` the shape of each bare `I` and `𝟏` of a statement whose use forces one, by
 * the name node (shapeOf sees the sizes found so far). Those left out take the declarations' sizes
 * (bareDefaults) or are an error that says how to name one.
 */
export function sizeBareArrays(st: Statement, ctx: SizingContext, sized: Map<Expr, Shape>): void {
  const roots = statementExprs(st);
  if (!roots.some((e) => hasBare(e, ctx, sized))) return;
  const sizer = new Sizer(ctx, sized);
  for (const e of roots) sizer.resolve(e, null);
}

/** The identity or all-ones array of a shape, as matrix calculus makes them (symbols of that shape). */
export function sizedArray(name: "I" | "𝟏", shape: Shape): Node {
  return sym(name, shape);
}

/** `I_n`, `I_3`, `𝟏_n`, `𝟏_{m,n}`: the array a subscripted name writes, or null when it is not one. */
export function subscriptedArray(base: string, subscript: string, size: (name: string) => Node): Node | null {
  const dims = subscript.split(",");
  if (!dims.every((d) => /^(\d+|[^\W\d]\w*)$/u.test(d))) return null;
  const nodes = dims.map((d) => (/^\d+$/.test(d) ? int(Number(d)) : size(d)));
  if (base === "I" && nodes.length === 1) return apply("I", nodes);
  if (base === "𝟏") return apply("ones", nodes);
  return null;
}

function statementExprs(st: Statement): Expr[] {
  switch (st.kind) {
    case "exprs":
      return st.exprs;
    case "assign":
    case "layer":
      return [st.expr];
    case "define":
      return [st.body];
    case "check":
      return [st.expr, ...(st.conditions ?? [])];
    case "expect":
      return st.branches.map((b) => b.expr);
    case "optimize":
      return [st.objective, ...st.constraints];
    case "declare":
    case "train":
      return [];
  }
}

/** A bare I or 𝟏 in `e` whose size is not yet found. */
function hasBare(e: Expr, ctx: SizingContext, sized: Map<Expr, Shape>): boolean {
  const stack = [e];
  while (stack.length) {
    const x = stack.pop()!;
    if (x.kind === "name") {
      if ((x.name === "I" || x.name === "𝟏") && ctx.isBare(x.name) && !sized.has(x)) return true;
      continue;
    }
    for (const child of childrenOf(x)) stack.push(child);
  }
  return false;
}

const isMatrix = (s: Shape | null): s is Shape => s !== null && s.length === 2;

class Sizer {
  constructor(
    private readonly ctx: SizingContext,
    private readonly sized: Map<Expr, Shape>,
  ) {}

  private bare(e: Expr): "I" | "𝟏" | null {
    if (e.kind !== "name" || (e.name !== "I" && e.name !== "𝟏") || this.sized.has(e)) return null;
    return this.ctx.isBare(e.name) ? e.name : null;
  }

  private open(e: Expr): boolean {
    return hasBare(e, this.ctx, this.sized);
  }

  /** The shape of a subexpression with no bare array left unsized, else null (unknown). */
  private known(e: Expr): Shape | null {
    return this.open(e) ? null : this.ctx.shapeOf(e);
  }

  /** Sizes the bare arrays of `e`, whose own shape is `expected` when the surroundings say. */
  resolve(e: Expr, expected: Shape | null): void {
    if (!this.open(e)) return;
    const kind = this.bare(e);
    if (kind !== null) {
      if (expected === null) return;
      if (kind === "I" && isMatrix(expected) && expected[0] === expected[1]) this.sized.set(e, expected);
      if (kind === "𝟏" && expected.length > 0) this.sized.set(e, expected);
      return;
    }
    switch (e.kind) {
      case "binary":
        if (e.op === "+" || e.op === "-" || e.op === "⊙") return this.alike(operands(e, e.op), expected);
        if (e.op === "*") return this.product(operands(e, "*"), expected);
        if (e.op === "/") {
          this.resolve(e.left, expected);
          return this.resolve(e.right, null);
        }
        if (e.op === "·") return this.alike([e.left, e.right], null);
        return this.each(childrenOf(e));
      case "relation":
        return this.alike([e.left, e.right], null);
      case "neg":
        return this.resolve(e.arg, expected);
      case "transpose":
        return this.resolve(e.arg, transposed(expected));
      default:
        return this.each(childrenOf(e));
    }
  }

  private each(items: Expr[]): void {
    for (const x of items) this.resolve(x, null);
  }

  /** Operands of one shape (a sum, ⊙, the two sides of a relation): a known one sizes the rest. */
  private alike(items: Expr[], expected: Shape | null): void {
    this.each(items);
    const shape = items.map((x) => this.known(x)).find((s) => s !== null && s.length > 0) ?? expected;
    if (shape) for (const x of items) this.resolve(x, shape);
  }

  /** A product's factors: a bare array is sized by its nearest array neighbours (A I, I A, A 𝟏, 𝟏ᵀ x). */
  private product(factors: Expr[], expected: Shape | null): void {
    this.each(factors);
    const shapes = factors.map((f) => this.known(f));
    const neighbour = (i: number, step: 1 | -1): Shape | null | "none" => {
      for (let j = i + step; j >= 0 && j < factors.length; j += step) {
        const s = shapes[j];
        if (s === null) return null;
        if (s.length > 0) return s;
      }
      return "none";
    };
    factors.forEach((f, i) => {
      if (!this.open(f)) return;
      const left = neighbour(i, -1);
      const right = neighbour(i, 1);
      if (left === "none" && right === "none") return this.resolve(f, expected);
      const rows = isMatrix(left as Shape | null) ? (left as Shape)[1] : null;
      const cols = right !== null && right !== "none" ? right[0] : null;
      // Followed by a 1×c row, the factor is a column: a vector.
      const column = cols === 1 && isMatrix(right as Shape | null);
      const kind = this.bare(f);
      if (kind === "I") {
        const n = rows ?? cols;
        if (n !== null) this.sized.set(f, [n, n]);
      } else if (kind === "𝟏") {
        if (rows !== null) this.sized.set(f, [rows]);
      } else if (f.kind === "transpose" && this.bare(f.arg) === "𝟏") {
        if (cols !== null) this.sized.set(f.arg, [cols]);
      } else if (rows !== null && cols !== null) {
        this.resolve(f, column ? [rows] : [rows, cols]);
      }
    });
  }
}

/** The operands of a chain of one operator (the parser nests them to the left): a + b − c, a b c. */
function operands(e: Expr, op: string): Expr[] {
  const out: Expr[] = [];
  let x = e;
  const same = (y: Expr) =>
    y.kind === "binary" && (op === "*" ? y.op === "*" : op === "⊙" ? y.op === "⊙" : y.op === "+" || y.op === "-");
  while (same(x)) {
    const b = x as Extract<Expr, { kind: "binary" }>;
    out.push(b.right);
    x = b.left;
  }
  out.push(x);
  return out.reverse();
}

/** The shape of Xᵀ's argument when Xᵀ has `shape` (a 1×n row is the transpose of a vector). */
function transposed(shape: Shape | null): Shape | null {
  if (!isMatrix(shape)) return null;
  return shape[0] === 1 ? [shape[1]] : [shape[1], shape[0]];
}
