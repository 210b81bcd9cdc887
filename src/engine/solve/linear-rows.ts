// A system linear in the unknowns with rational coefficients, read straight off the equations'
// graphs: one walk over each side's sums, products by numbers and unknowns adds every term into the
// row [a₁ … aₙ | b] of a₁x₁ + … + aₙxₙ = b. The general route (polynomialsIn) makes a polynomial of
// every term and adds and multiplies those, 1,600 of them for a 40-unknown system. Anything the walk
// does not read as linear with rational coefficients — a product of two non-numbers, a power, a
// symbol that is not an unknown, a float, π — gives null, and the general route decides, so a
// system that is linear only after cancelling ((x + 1)(x − 1) − x² = y) is still solved there.
import type { Node } from "../../graph/node.js";
import { Rational } from "../../numeric/rational.js";
import { tick } from "../../budget.js";

/**
 * The rows [a₁ … aₙ | b] of the equations (a = b, or an expression standing for expression = 0)
 * in the unknowns `vars`, or null when one of them is not plainly linear over ℚ in them.
 */
export function linearRows(equations: readonly Node[], vars: readonly Node[]): Rational[][] | null {
  const n = vars.length;
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
