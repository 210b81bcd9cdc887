// A system linear in the unknowns with rational coefficients, read straight off the equations'
// graphs: one walk over each side's sums, products by numbers and unknowns adds every term into the
// row [a₁ … aₙ | b] of a₁x₁ + … + aₙxₙ = b. The general route (polynomialsIn) makes a polynomial of
// every term and adds and multiplies those, 1,600 of them for a 40-unknown system. Anything the walk
// does not read as linear with rational coefficients — a product of two non-numbers, a power, a
// symbol that is not an unknown, a float, π — gives null, and the general route decides, so a
// system that is linear only after cancelling ((x + 1)(x − 1) − x² = y) is still solved there.
import type { Node } from "../../graph/node.js";
import type { Expr } from "../../syntax/ast.js";
import { Rational } from "../../numeric/rational.js";
import { limitOf, tick, tooManyBits } from "../../budget.js";

/**
 * The rows [a₁ … aₙ | b] of the equations (a = b, or an expression standing for expression = 0)
 * in the unknowns `vars`, or null when one of them is not plainly linear over ℚ in them.
 */
export function linearRows(equations: readonly Node[], vars: readonly Node[]): Rational[][] | null {
  const n = vars.length;
  // Rows past the entry limit are not made here (the general route says what it says about them).
  if (equations.length * (n + 1) > limitOf("arrayEntries")) return null;
  const index = new Map<Node, number>();
  vars.forEach((v, i) => index.set(v, i));
  if (index.size !== n) return null;
  const rows: Rational[][] = [];
  for (const e of equations) {
    // Column n collects the constant a₀ of a₁x₁ + … + aₙxₙ + a₀ = 0 (left side minus right side).
    const row = new Array<Rational>(n + 1).fill(Rational.ZERO);
    if (e.kind === "rel") {
      if (e.op !== "=") return null;
      if (!addInto(row, e.left, Rational.ONE, index) || !addInto(row, e.right, Rational.MINUS_ONE, index)) return null;
    } else if (!addInto(row, e, Rational.ONE, index)) return null;
    row[n] = row[n].neg();
    rows.push(row);
  }
  return rows;
}

/** row += factor·x when x is linear over ℚ in the unknowns; false (row then partly changed) when not. */
function addInto(row: Rational[], x: Node, factor: Rational, index: ReadonlyMap<Node, number>): boolean {
  tick();
  switch (x.kind) {
    case "num": {
      const n = row.length - 1;
      row[n] = row[n].add(factor.mul(x.value));
      return true;
    }
    case "add":
      for (const t of x.terms) if (!addInto(row, t, factor, index)) return false;
      return true;
    case "mul": {
      // Numbers times at most one factor that is not a number: 3·x, −(x + 2y), 2·(1/3)·(x − y).
      let scale = factor;
      let rest: Node | null = null;
      for (const f of x.factors) {
        if (f.kind === "num") scale = scale.mul(f.value);
        else if (rest) return false;
        else rest = f;
      }
      if (rest) return addInto(row, rest, scale, index);
      const n = row.length - 1;
      row[n] = row[n].add(scale);
      return true;
    }
    case "float":
    case "pow":
      return false;
    default: {
      const j = index.get(x);
      if (j === undefined) return false;
      row[j] = row[j].add(factor);
      return true;
    }
  }
}

/**
 * The same rows from the equations as typed, before their graphs are built: sums, differences,
 * negations and products of a number literal by what follows (3x, (−5)·y) are read off the syntax,
 * and every other part (a name, a number, x·3, x/2, 2^3, a call) is evaluated as the graph route
 * evaluates it and read by addInto, so the meaning is the graph's; names and numbers are evaluated
 * once each. A typed 40-unknown system
 * then makes 40 symbols and a few numbers, not 1,600 products and 40 sums of them. Null (nothing
 * decided; the caller builds the graphs as before) when a part is not plainly linear over ℚ.
 */
export function linearRowsOfSyntax(
  equations: readonly Expr[],
  vars: readonly Node[],
  evaluate: (e: Expr) => Node,
): Rational[][] | null {
  const n = vars.length;
  // Rows past the entry limit are not made here (the general route says what it says about them).
  if (equations.length * (n + 1) > limitOf("arrayEntries")) return null;
  const index = new Map<Node, number>();
  vars.forEach((v, i) => index.set(v, i));
  if (index.size !== n) return null;
  const names = new Map<string, Node>();
  const numbers = new Map<string, Node>();
  const once = (known: Map<string, Node>, key: string, e: Expr) => {
    let node = known.get(key);
    if (!node) known.set(key, (node = evaluate(e)));
    return node;
  };
  const reader: SyntaxReader = {
    index,
    // A name or a number means the same everywhere in one statement (bare I and 𝟏 are sized by their place).
    leaf: (e) =>
      e.kind === "name" && e.name !== "I" && e.name !== "𝟏"
        ? once(names, e.name, e)
        : e.kind === "number"
          ? once(numbers, e.text, e)
          : evaluate(e),
  };
  const rows: Rational[][] = [];
  for (const e of equations) {
    const row = new Array<Rational>(n + 1).fill(Rational.ZERO);
    if (e.kind === "relation") {
      if (e.op !== "=") return null;
      if (!addSyntax(row, e.left, Rational.ONE, reader) || !addSyntax(row, e.right, Rational.MINUS_ONE, reader))
        return null;
    } else if (!addSyntax(row, e, Rational.ONE, reader)) return null;
    row[n] = row[n].neg();
    rows.push(row);
  }
  return rows;
}

interface SyntaxReader {
  readonly index: ReadonlyMap<Node, number>;
  leaf(e: Expr): Node;
}

/** A number literal, or its negation: the 3 and (−5) of 3x and (−5)·y. */
function literal(e: Expr, reader: SyntaxReader): Rational | null {
  let sign = 1;
  while (e.kind === "neg") {
    sign = -sign;
    e = e.arg;
  }
  if (e.kind !== "number") return null;
  const node = reader.leaf(e);
  if (node.kind !== "num") return null;
  return sign < 0 ? node.value.neg() : node.value;
}

/**
 * row += factor·e, through sums, differences, negations and products by literals; false when not
 * plainly linear. A typed sum nests to the left, one level a term: its spine is walked in a loop
 * (thousands of terms would overflow the stack), its terms then read from the first, as typed.
 */
function addSyntax(row: Rational[], e: Expr, factor: Rational, reader: SyntaxReader): boolean {
  const later: { e: Expr; negated: boolean }[] = [];
  while (e.kind === "binary" && (e.op === "+" || e.op === "-")) {
    later.push({ e: e.right, negated: e.op === "-" });
    e = e.left;
  }
  if (!addTerm(row, e, factor, reader)) return false;
  for (let i = later.length - 1; i >= 0; i--)
    if (!addTerm(row, later[i].e, later[i].negated ? factor.neg() : factor, reader)) return false;
  return true;
}

/** One term of a sum: −t, or c·t with c a literal, or anything else evaluated and read as a graph. */
function addTerm(row: Rational[], e: Expr, factor: Rational, reader: SyntaxReader): boolean {
  tick();
  while (e.kind === "neg") {
    factor = factor.neg();
    e = e.arg;
  }
  if (e.kind === "binary" && (e.op === "+" || e.op === "-")) return addSyntax(row, e, factor, reader);
  // c·t with a literal c first (x·3 is evaluated whole, so its parts are evaluated in the order typed).
  const c = e.kind === "binary" && e.op === "*" ? literal(e.left, reader) : null;
  if (c && e.kind === "binary") {
    const scale = factor.mul(c);
    // Past the size limit for exact numbers the graph route refuses the product: let it.
    if (tooManyBits(scale.num) || tooManyBits(scale.den)) return false;
    return addTerm(row, e.right, scale, reader);
  }
  return addInto(row, reader.leaf(e), factor, reader.index);
}
