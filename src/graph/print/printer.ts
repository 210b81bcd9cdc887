// Prints a node in a Style with the fewest parentheses precedence allows: sums lowest, then
// products and quotients (and a leading minus), then powers, then atoms.
import { Rational } from "../../numeric/rational.js";
import { lookupOperator } from "../operators.js";
import type { Node, Tensor } from "../node.js";
import { printStruct } from "./structs.js";
import type { Style } from "./style.js";

const enum Prec {
  Relation = 0,
  Sum = 1,
  Product = 2,
  Power = 3,
  Atom = 4,
}

interface Printed {
  s: string;
  prec: Prec;
  /** Extends to the right (Σ_i …): needs no parentheses as the last factor of a product. */
  openRight?: boolean;
  /** A matrix product: it joins a surrounding product without parentheses (2(u)vᵀ). */
  chain?: boolean;
}

/**
 * Nodes one print may visit. A value is a graph, printed as a tree: a shared subexpression is
 * written out wherever it occurs, so `a = a^2 + a` repeated n times prints 2ⁿ copies of x. The
 * engine's budgets bound the graph, not its print; this bounds the print.
 */
export const MAX_PRINTED_NODES = 200_000;
const TOO_LARGE = Object.freeze({ tooLarge: true });
let visited = 0;
let depth = 0;

/** `names`: symbols printed otherwise than by name (an identity of a size no use forces: `I_n`). */
export function print(node: Node, style: Style, names?: ReadonlyMap<Node, string>): string {
  if (depth === 0) visited = 0;
  depth++;
  try {
    return new Printer(style, names).node(node).s;
  } catch (err) {
    if (err !== TOO_LARGE || depth > 1) throw err;
    const note = `too large to print: over ${MAX_PRINTED_NODES.toLocaleString("en")} terms written out`;
    return style.name === "latex" ? `\\text{(${note})}` : `(${note})`;
  } finally {
    depth--;
  }
}

class Printer {
  constructor(
    private readonly style: Style,
    private readonly names?: ReadonlyMap<Node, string>,
  ) {}

  at(node: Node, min: Prec): string {
    const p = this.node(node);
    return p.prec < min ? this.style.paren(p.s) : p.s;
  }

  node(n: Node): Printed {
    if (++visited > MAX_PRINTED_NODES) throw TOO_LARGE;
    const st = this.style;
    switch (n.kind) {
      case "num":
        return this.rational(n.value);
      case "float":
        return { s: st.float(n.value), prec: n.value < 0 ? Prec.Product : Prec.Atom };
      case "sym":
        return {
          s: st.name === "text" ? textSymbol(n.name, n.shape) : (this.names?.get(n) ?? st.symbol(n.name)),
          prec: Prec.Atom,
        };
      case "indexed":
        return { s: st.symbol(`${n.base}_${this.node(n.index).s.replace(/[{}]/g, "")}`), prec: Prec.Atom };
      case "const":
        return { s: st.constant(n.name), prec: Prec.Atom };
      case "add":
        return this.sum(n.terms);
      case "mul":
      case "pow":
        return this.product(n);
      case "apply":
        return this.application(n.op, n.args);
      case "tensor":
        return this.tensor(n);
      case "bigop":
        return {
          s: st.sum(
            n.op,
            st.symbol(n.index.name),
            this.node(n.from).s,
            this.node(n.to).s,
            this.at(n.body, Prec.Product),
          ),
          prec: Prec.Product,
          openRight: st.name !== "text",
        };
      case "rel":
        return { s: st.relation(n.op, this.at(n.left, Prec.Sum), this.at(n.right, Prec.Sum)), prec: Prec.Relation };
      case "str":
        return { s: st.string(n.value), prec: Prec.Atom };
      case "tuple":
        return { s: st.list(n.items.map((i) => this.at(i, Prec.Sum))), prec: Prec.Relation };
      case "record":
        return { s: printStruct(n, st, (x) => this.node(x).s), prec: Prec.Relation };
    }
  }

  rational(q: Rational): Printed {
    if (q.isInteger())
      return {
        s: q.num < 0n ? `${this.style.minus}${-q.num}` : q.num.toString(),
        prec: q.num < 0n ? Prec.Product : Prec.Atom,
      };
    const abs = this.style.fraction((q.num < 0n ? -q.num : q.num).toString(), q.den.toString(), true);
    return { s: q.num < 0n ? `${this.style.minus}${abs}` : abs, prec: Prec.Product };
  }

  /** A sum with subtraction where a term is negative, a positive term first where there is one. */
  sum(terms: readonly Node[]): Printed {
    const ordered = [...terms];
    if (isNegative(ordered[0])) {
      const firstPositive = ordered.findIndex((t) => !isNegative(t));
      if (firstPositive > 0) ordered.unshift(...ordered.splice(firstPositive, 1));
    }
    let s = "";
    ordered.forEach((term, i) => {
      if (i === 0) {
        s = this.at(term, Prec.Sum);
      } else if (isNegative(term)) {
        s += ` ${this.style.minus} ${this.productOf(negatedFactors(term)).s}`;
      } else {
        s += ` + ${this.at(term, Prec.Sum)}`;
      }
    });
    return { s, prec: Prec.Sum };
  }

  product(n: Node): Printed {
    const factors = n.kind === "mul" ? n.factors : [n];
    if (isNegative(n)) {
      const inner = this.productOf(negatedFactors(n));
      return {
        s: `${this.style.minus}${inner.prec < Prec.Product ? this.style.paren(inner.s) : inner.s}`,
        prec: Prec.Product,
      };
    }
    return this.productOf(factors);
  }

  /** Factors with positive coefficient: numerator over denominator. */
  productOf(factors: readonly Node[]): Printed {
    const st = this.style;
    const arrays = factors.filter((f) => f.shape.length > 0);
    if (arrays.length > 1) return this.entrywise(factors, arrays);
    const top: Printed[] = [];
    const topNumeric: boolean[] = [];
    const bottom: Printed[] = [];
    const bottomNumeric: boolean[] = [];
    // A float past the double range is a number: after the others, before the rest, and joined as one (2·1e+400·y).
    const rank = (f: Node) => (f.kind === "num" || f.kind === "float" ? 0 : heldByN(f) ? 1 : 2);
    const ordered = factors.some(heldByN) ? [...factors].sort((a, b) => rank(a) - rank(b)) : factors;
    for (const f of ordered) {
      if (f.kind === "num" && !f.value.isInteger()) {
        if (f.value.num !== 1n) {
          top.push({ s: f.value.num.toString(), prec: Prec.Atom });
          topNumeric.push(true);
        }
        bottom.push({ s: f.value.den.toString(), prec: Prec.Atom });
        bottomNumeric.push(true);
      } else if (f.kind === "pow" && isNegativeNumber(f.exp)) {
        const positive = negateNumber(f.exp);
        bottom.push(this.power(f.base, positive));
        bottomNumeric.push(false);
      } else {
        const p = f.kind === "pow" ? this.power(f.base, f.exp) : this.node(f);
        // A scalar matrix product beside an array keeps its parentheses: B (aᵀ x), not B aᵀ x.
        top.push(p.chain && f.shape.length === 0 && arrays.length > 0 ? { ...p, chain: false } : p);
        topNumeric.push(f.kind === "num" || f.kind === "float" || heldByN(f));
      }
    }
    const join = (parts: Printed[], numeric: boolean[]) =>
      parts.length === 1 && parts[0].prec >= Prec.Product
        ? parts[0]
        : {
            s: st.product(
              parts.map((p, i) =>
                p.prec <= Prec.Sum ||
                (p.prec === Prec.Product && parts.length > 1 && !p.chain && !(p.openRight && i === parts.length - 1))
                  ? st.paren(p.s)
                  : p.s,
              ),
              numeric,
            ),
            prec: Prec.Product,
          };
    if (top.length === 0) {
      top.push({ s: "1", prec: Prec.Atom });
      topNumeric.push(true);
    }
    const numerator = join(top, topNumeric);
    if (bottom.length === 0) return numerator;
    const denominator = bottom.length === 1 ? bottom[0] : join(bottom, bottomNumeric);
    const simple = bottom.length === 1 && denominator.prec >= Prec.Power;
    // A fraction bar groups its numerator: \frac{x - a}{n}, not \frac{\left(x - a\right)}{n}.
    const numeratorText =
      st.name === "latex"
        ? top.length === 1
          ? top[0].s
          : numerator.s
        : numerator.prec >= Prec.Product
          ? numerator.s
          : st.paren(numerator.s);
    return { s: st.fraction(numeratorText, denominator.s, simple), prec: Prec.Product };
  }

  /** A product with several arrays: scalars in front, the arrays joined by ⊙ (`.*` in text). */
  entrywise(factors: readonly Node[], arrays: readonly Node[]): Printed {
    const st = this.style;
    const scalars = factors.filter((f) => f.shape.length === 0);
    const op = st.name === "latex" ? " \\odot " : st.name === "text" ? " .* " : " ⊙ ";
    const joined = arrays.map((a) => this.at(a, Prec.Power)).join(op);
    if (scalars.length === 0) return { s: joined, prec: Prec.Product };
    const front = this.productOf(scalars);
    return {
      s: st.product([front.prec < Prec.Product ? st.paren(front.s) : front.s, st.paren(joined)], [true, false]),
      prec: Prec.Product,
    };
  }

  power(base: Node, exp: Node): Printed {
    const st = this.style;
    if (exp.kind === "num" && exp.value.num === 1n && !exp.value.isInteger()) {
      // √x is an atom; a root written as a power (x^(1/3) in text, x^(1/5) in pretty) binds as a power.
      const k = Number(exp.value.den);
      const asPower = st.name !== "latex" && (k > 4 || (k > 2 && st.name === "text"));
      return { s: st.root(this.node(base).s, k), prec: asPower ? Prec.Power : Prec.Atom };
    }
    if (exp.kind === "num" && exp.value.isOne()) return this.node(base);
    if (base.kind === "const" && base.name === "e") return { s: st.exp(this.node(exp).s), prec: Prec.Atom };
    const b = this.node(base);
    // A layer's quantity is named with a superscript (a¹, W²): its power is written (a¹)², never a¹².
    const layerName = base.kind === "sym" && base.name.includes("^");
    const baseText =
      b.prec < Prec.Atom ||
      layerName ||
      (base.kind === "apply" && st.name === "latex" && lookupOperator(base.op)?.notation !== "delimited")
        ? st.paren(b.s)
        : b.s;
    const e = this.node(exp);
    return { s: st.power(baseText, e.s, e.prec >= Prec.Atom), prec: Prec.Power };
  }

  /**
   * An operator's application, in the form its row gives (`latex`, `unicode`) and with the
   * parentheses its row's `notation` asks for; Nabla's call syntax otherwise, and in text unless the
   * row has a text form (N's float past the double range, 1e+400).
   */
  application(op: string, args: readonly Node[]): Printed {
    const st = this.style;
    const entry = lookupOperator(op);
    const notation = entry?.notation ?? "call";
    if (notation === "juxtaposition") {
      // Matrix products associate: Xᵀ diag(p) X needs no parentheses (the text form keeps them, so it reads back to the
      // same tree).
      const factor = (a: Node) =>
        st.name !== "text" && a.kind === "apply" && a.op === op ? this.node(a).s : this.at(a, Prec.Power);
      return {
        s: st.product(
          args.map(factor),
          args.map(() => false),
        ),
        prec: Prec.Product,
        chain: st.name !== "text",
      };
    }
    const form = st.name === "latex" ? entry?.latex : st.name === "pretty" ? entry?.unicode : entry?.text;
    if (!form)
      return {
        s: st.call(
          op,
          args.map((a) => this.node(a).s),
        ),
        prec: Prec.Atom,
      };
    switch (notation) {
      case "postfix":
        return {
          s: form(
            args.map((a, i) => (i === 0 ? this.at(a, Prec.Atom) : this.node(a).s)),
            args,
          ),
          prec: Prec.Power,
        };
      case "infix":
        return {
          s: form(
            args.map((a) => this.at(a, Prec.Power)),
            args,
          ),
          prec: Prec.Product,
        };
      default:
        return {
          s: form(
            args.map((a) => (a.kind === "str" && st.name === "pretty" ? a.value : this.node(a).s)),
            args,
          ),
          prec: Prec.Atom,
        };
    }
  }

  tensor(t: Tensor): Printed {
    const st = this.style;
    const common = commonDenominator(t);
    if (common) {
      const scaled = t.entries.map((e) => (e as { value: Rational }).value.mul(Rational.int(common)));
      const inner = this.tensorBody(
        t,
        scaled.map((q) => this.rational(q).s),
      );
      const factor = this.rational(Rational.of(1n, common)).s;
      return {
        s: st.name === "text" ? `${factor}*${inner}` : `${st.paren(factor)}${st.name === "latex" ? " " : ""}${inner}`,
        prec: Prec.Product,
      };
    }
    return {
      s: this.tensorBody(
        t,
        t.entries.map((e) => this.at(e, Prec.Sum)),
      ),
      prec: Prec.Atom,
    };
  }

  tensorBody(t: Tensor, entries: string[]): string {
    const st = this.style;
    if (t.shape.length === 1) return st.vector(entries);
    if (t.shape.length === 2) {
      const cols = t.shape[1];
      const rows = Array.from({ length: t.shape[0] }, (_, i) => entries.slice(i * cols, (i + 1) * cols));
      // A vector is a column and [a; b; c] reads as one: a one-row or one-column matrix is written so it
      // reads back as a matrix. A 1×1 matrix (the Hessian of one variable) is the one-column matrix
      // of one row, [[a]], not the transposed row [a]ᵀ; LaTeX shows every one of them as a matrix.
      if (t.shape[1] === 1 && st.name !== "latex") return st.vector(rows.map((row) => st.vector(row)));
      if (t.shape[0] === 1 && st.name === "text") return `transpose(${st.vector(rows[0])})`;
      if (t.shape[0] === 1 && st.name === "pretty") return `${st.vector(rows[0])}ᵀ`;
      return st.matrix(rows);
    }
    const block = t.entries.length / t.shape[0];
    const slices = Array.from({ length: t.shape[0] }, (_, i) => {
      const sub = { ...t, shape: t.shape.slice(1), entries: t.entries.slice(i * block, (i + 1) * block) } as Tensor;
      return this.tensorBody(sub, entries.slice(i * block, (i + 1) * block));
    });
    return st.name === "latex" ? `\\left[ ${slices.join(",\\ ")} \\right]` : `[${slices.join(", ")}]`;
  }
}

/**
 * The denominator to pull out of an all-rational matrix with a fraction in it: (1/10)[6, -7; -2, 4].
 * Only with two rows and columns or more: `(1/2)[1, 3]ᵀ` would read back as an index into 1/2.
 */
function commonDenominator(t: Tensor): bigint | null {
  if (
    t.shape.length !== 2 ||
    (t.shape[0] as number) < 2 ||
    (t.shape[1] as number) < 2 ||
    !t.entries.every((e) => e.kind === "num")
  )
    return null;
  let lcm = 1n;
  for (const e of t.entries) {
    const d = (e as { value: Rational }).value.den;
    lcm = (lcm * d) / gcd(lcm, d);
  }
  return lcm > 1n && lcm <= 1000n ? lcm : null;
}

/**
 * A symbol in Nabla's text: the identity and all-ones arrays of a symbolic size (matrix calculus
 * writes them I and 𝟏) as the calls that make them, so the text reads back with its shape.
 */
function textSymbol(name: string, shape: readonly (number | string)[]): string {
  if (name === "I" && shape.length === 2 && shape[0] === shape[1]) return `I(${shape[0]})`;
  if (name === "𝟏" && shape.length > 0) return `ones(${shape.join(", ")})`;
  return name;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a;
}

function isNegativeNumber(n: Node): boolean {
  return (n.kind === "num" && n.value.sign() < 0) || (n.kind === "float" && n.value < 0);
}

function negateNumber(n: Node): Node {
  if (n.kind === "num") return { ...n, value: n.value.neg() } as Node;
  if (n.kind === "float") return { ...n, value: -n.value } as Node;
  return n;
}

function isNegative(n: Node): boolean {
  if (isNegativeNumber(n)) return true;
  return n.kind === "mul" && isNegativeNumber(n.factors[0]);
}

/** The factors of −n, for a negative term n (a detached copy: printing only, never interned). */
function negatedFactors(n: Node): Node[] {
  if (n.kind !== "mul") return [negateNumber(n)];
  const [c, ...rest] = n.factors;
  const positive = negateNumber(c);
  return (positive.kind === "num" && positive.value.isOne()) || (positive.kind === "float" && positive.value === 1)
    ? rest
    : [positive, ...rest];
}

/** N(q) left as it is: a float past the double range (N folds every other argument). */
function heldByN(n: Node): boolean {
  return n.kind === "apply" && n.op === "N";
}
