// Which identities and all-ones arrays print bare (`I`, `𝟏`) and which name their size (`I_n`,
// `𝟏_m`, `𝟏_{m,n}`), so that the pretty and LaTeX forms read back to the same value. A bare one reads
// back with the size its use forces (engine/matrix-calculus-sizes.ts: a sum with a known matrix, a
// matrix-product neighbour, 𝟏ᵀ before a known factor), else with the declarations' size
// (bareDefaults). This walk mirrors those rules on the graph, conservatively: it calls a use forced
// only where the reader surely sizes it, so a bare one is never read back with another size.
import type { Node } from "../node.js";
import { childrenOf } from "../rebuild.js";
import { freeSymbols } from "../traverse.js";
import type { Dim } from "../shape.js";
import { LATEX } from "./style.js";

/** The sizes a bare I (n×n) and a bare 𝟏 (a vector) take when their use does not say. */
export interface BareDefaults {
  identity: Dim | null;
  ones: Dim | null;
  /** `I` is the user's own name (I = 5): a bare I is never the identity. */
  identityTaken?: boolean;
}

/** An identity or all-ones array as matrix calculus makes it: a symbol with the array's shape. */
function isArraySymbol(n: Node): boolean {
  return n.kind === "sym" && (n.name === "I" || n.name === "𝟏") && n.shape.length > 0;
}

const isOnes = (n: Node) => n.kind === "sym" && n.name === "𝟏";

// Contexts of one occurrence, as bits: its own shape is known to the reader; it stands in a matrix
// product after a known matrix; before a known factor.
const KNOWN = 1;
const AFTER_KNOWN = 2;
const BEFORE_KNOWN = 4;

class Walk {
  private readonly determinate = new Map<Node, boolean>();
  private readonly seen = new Map<Node, number>();
  readonly unforced = new Set<Node>();

  /** `named`: symbols printed with their size, which read back as any other known array. */
  constructor(private readonly named: ReadonlySet<Node>) {}

  private isBare(n: Node): boolean {
    return isArraySymbol(n) && !this.named.has(n);
  }

  /** No identity or all-ones symbol inside: the reader computes its shape. */
  isDeterminate(n: Node): boolean {
    const memo = this.determinate.get(n);
    if (memo !== undefined) return memo;
    const result = !this.isBare(n) && childrenOf(n).every((c) => this.isDeterminate(c));
    this.determinate.set(n, result);
    return result;
  }

  private knownArray(n: Node): boolean {
    return n.shape.length > 0 && this.isDeterminate(n);
  }

  visit(n: Node, context: number): void {
    if (this.isDeterminate(n)) return;
    // Each context once per node (a graph shares subexpressions), as a bit of `seen`; a context with
    // every bit of one seen already forces at least as much, so it marks nothing new.
    const seen = this.seen.get(n) ?? 0;
    for (let c = 0; c < 8; c++) if (seen & (1 << c) && (c & context) === c) return;
    this.seen.set(n, seen | (1 << context));
    if (this.isBare(n)) {
      if (!(context & KNOWN)) this.unforced.add(n);
      return;
    }
    const known = (context & KNOWN) !== 0;
    switch (n.kind) {
      case "add": {
        const k = known || n.terms.some((t) => this.knownArray(t));
        for (const t of n.terms) this.visit(t, k && t.shape.length > 0 ? KNOWN : 0);
        return;
      }
      case "rel": {
        const k = this.knownArray(n.left) || this.knownArray(n.right);
        this.visit(n.left, k ? KNOWN : 0);
        this.visit(n.right, k ? KNOWN : 0);
        return;
      }
      case "mul": {
        const arrays = n.factors.filter((f) => f.shape.length > 0 && !(f.kind === "pow" && isNegativePower(f)));
        // The reader passes its size through the scalar factors only when it can tell they are scalars.
        const scalarsKnown = n.factors.every((f) => arrays.includes(f) || this.isDeterminate(f));
        const k = arrays.length === 1 ? known && scalarsKnown : known || arrays.some((a) => this.knownArray(a));
        for (const f of n.factors) this.visit(f, arrays.includes(f) && k ? KNOWN : 0);
        return;
      }
      case "apply":
        if (n.op === "matmul" && n.args.length === 2) return this.matmul(n.args[0], n.args[1], context);
        if (n.op === "transpose" && n.args.length === 1) return this.visit(n.args[0], known ? KNOWN : 0);
        for (const a of n.args) this.visit(a, 0);
        return;
      default:
        for (const c of childrenOf(n)) this.visit(c, 0);
    }
  }

  /** A B, printed as one chain of factors: each sized by its neighbours, as the reader does. */
  private matmul(a: Node, b: Node, context: number): void {
    const afterKnown = (context & AFTER_KNOWN) !== 0;
    const beforeKnown = (context & BEFORE_KNOWN) !== 0;
    const aKnownMatrix = this.isDeterminate(a) && a.shape.length === 2;
    const bKnown = this.isDeterminate(b);
    this.operand(a, afterKnown, bKnown);
    this.operand(b, aKnownMatrix, beforeKnown);
  }

  private operand(n: Node, afterKnown: boolean, beforeKnown: boolean): void {
    if (this.isBare(n)) {
      const forced = (n as { name: string }).name === "I" ? afterKnown || beforeKnown : afterKnown;
      if (!forced) this.unforced.add(n);
      return;
    }
    if (n.kind === "apply" && n.op === "transpose" && this.isBare(n.args[0])) {
      if (!beforeKnown) this.unforced.add(n.args[0]);
      return;
    }
    if (n.kind === "apply" && n.op === "matmul") {
      this.visit(n, (afterKnown ? AFTER_KNOWN : 0) | (beforeKnown ? BEFORE_KNOWN : 0));
      return;
    }
    this.visit(n, afterKnown && beforeKnown ? KNOWN : 0);
  }
}

function isNegativePower(n: Node): boolean {
  if (n.kind !== "pow") return false;
  const e = n.exp;
  return (e.kind === "num" && e.value.sign() < 0) || (e.kind === "float" && e.value < 0);
}

/** How a printing style writes an array of a named size. */
export interface SizedSpelling {
  identity(size: string): string;
  ones(sizes: string[]): string;
  dim(d: number | string): string;
}

export const PRETTY_SIZES: SizedSpelling = {
  identity: (n) => `I_${n}`,
  ones: (dims) => (dims.length === 1 ? `𝟏_${dims[0]}` : `𝟏_{${dims.join(",")}}`),
  dim: (d) => String(d),
};

export const LATEX_SIZES: SizedSpelling = {
  identity: (n) => `I_{${n}}`,
  ones: (dims) => `\\mathbf{1}_{${dims.join(",")}}`,
  dim: (d) => (typeof d === "number" ? String(d) : LATEX.symbol(d)),
};

/**
 * The identity and all-ones symbols of `value` that must print with their size, and how: those
 * whose size no use forces and the declarations (`defaults`; none when unknown) would not give back.
 */
export function sizedNames(value: Node, spelling: SizedSpelling, defaults: BareDefaults | null): Map<Node, string> {
  const names = new Map<Node, string>();
  if (new Walk(new Set()).isDeterminate(value)) return names;
  // Those no use forces; then each in turn (identities first) stays bare if, with the rest named,
  // its use sizes it (𝟏_n 𝟏_nᵀ + I: the sum sizes I) and nothing else is left unsized.
  const named = unsized(value, new Set(), defaults);
  const candidates = [...named].sort((a, b) => Number(isOnes(a)) - Number(isOnes(b)));
  for (const n of candidates) {
    named.delete(n);
    if (![...unsized(value, named, defaults)].every((u) => named.has(u))) named.add(n);
  }
  for (const n of named) {
    const name = (n as { name: string }).name;
    names.set(n, name === "I" ? spelling.identity(spelling.dim(n.shape[0])) : spelling.ones(n.shape.map(spelling.dim)));
  }
  return names;
}

/** The symbols no use sizes, given those `named`, less those the declarations size. */
function unsized(value: Node, named: ReadonlySet<Node>, defaults: BareDefaults | null): Set<Node> {
  const walk = new Walk(named);
  walk.visit(value, 0);
  const out = new Set<Node>();
  // I is the user's name: every identity names its size.
  if (defaults?.identityTaken)
    for (const n of freeSymbols(value)) if (n.name === "I" && isArraySymbol(n) && !named.has(n)) out.add(n);
  for (const n of walk.unforced) {
    const fallback =
      (n as { name: string }).name === "I" ? defaults?.identity : n.shape.length === 1 ? defaults?.ones : null;
    if (fallback === null || fallback === undefined || fallback !== n.shape[0]) out.add(n);
  }
  return out;
}
