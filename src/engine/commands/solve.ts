// Solving equations: one equation or a system, in the variables given or the free ones.
import { relation, str, struct, tuple } from "../../graph/construct.js";
import { typedSymbols } from "../variable-order.js";
import { solveLinearSystem, solveSystem } from "../solve/system.js";
import { linearRowsOfSyntax } from "../solve/linear-rows.js";
import type { SystemSolution } from "../solve/solution.js";
import { equationsOf, listOf, unknownsOf } from "./args.js";
import { mathError, rethrowStop } from "../../errors.js";
import type { Node } from "../../graph/node.js";
import type { Rational } from "../../numeric/rational.js";
import type { Expr } from "../../syntax/ast.js";
import type { Effect } from "../../results.js";
import { toText } from "../../graph/print/forms.js";
import type { CommandEntry, Evaluation } from "./entry.js";

export const SOLVE: CommandEntry[] = [
  {
    name: "solve",
    arity: [1, 2],
    relations: { kind: "equation", places: [0, 0] },
    help: {
      syntax: "solve(f = g, x), solve([f = a, g = b], [x, y]), solve(v, [x, y]) for a vector v = 0",
      description:
        "The solutions of an equation or a system: exact where they can be found, numeric roots (to about 1e-12) otherwise, with a note when there are infinitely many.",
      examples: [
        "solve(x^2 - 4 = 0, x)",
        "solve([x + y = 10, x - y = 2], [x, y])",
        "solve(∇(x^2 y - 2x + y^2), [x, y])",
      ],
    },
    run: ({ args }, ev) => {
      const typed = args[1] ? typedLinearSystem(args[0], args[1], ev) : null;
      if (typed) return solutions(solveLinearSystem(typed.rows, typed.vars.length), typed.vars);
      // A name may hold a list of equations (eqs = [x + y = 1, x − y = 0]), and a vector of
      // expressions is each one = 0, as a typed list is: solve(∇f, [x, y]) finds f's critical points.
      const equations = equationsOf(ev, args[0]).flatMap((e) =>
        e.kind === "tensor" &&
        (e.entries.every((x) => x.kind === "rel") ||
          (e.shape.length === 1 && e.entries.every((x) => x.shape.length === 0)))
          ? [...e.entries]
          : [e],
      );
      const vars = args[1] ? listOf(unknownsOf(ev, args[1], "solve")) : typedSymbols(...equations);
      for (const e of equations) {
        const sides = e.kind === "rel" ? [e.left, e.right] : [e];
        if (sides.some((side) => side.shape.length > 0))
          throw mathError(
            `solve takes scalar equations: ${toText(e)} is an array; write one equation per row ([a x + b y = c, …]), or use inv(A) b for A x = b`,
          );
      }
      for (const v of vars) {
        if (v.kind === "rel")
          throw mathError(
            `${toText(v)} is an equation, where solve takes its unknowns: list the equations, then the unknowns, as in solve([x + y = 10, x - y = 2], [x, y])`,
          );
        if (!((v.kind === "sym" && v.shape.length === 0) || v.kind === "indexed"))
          throw mathError(`solve's unknowns are scalar variables ([x, y], or z[1], z[2]): ${toText(v)} is not one`);
      }
      return solutions(solveSystem(equations, vars), vars);
    },
  },
];

/** The result as the solutions struct: the sets of values, or a note when there are infinitely many. */
function solutions(result: SystemSolution, vars: readonly Node[]): Node {
  if (result.kind === "infinite")
    return struct("solutions", [
      { name: "items", value: tuple([]) },
      { name: "note", value: str(result.note) },
    ]);
  const sets = result.solutions.map((s) => tuple(vars.map((v, i) => relation("=", v, s.values[i]))));
  const notes = [
    ...(result.solutions.some((s) => !s.exact) ? ["numeric roots, to about 1e-12"] : []),
    ...(result.more ? [result.more] : []),
  ];
  return struct("solutions", [
    { name: "items", value: tuple(sets) },
    ...(notes.length ? [{ name: "note", value: str(notes.join("; ")) }] : []),
  ]);
}

/**
 * A system typed as equations linear over ℚ in scalar unknowns given by name: its rows read off
 * the syntax (solve/linear-rows.ts), without the graphs of its 1,600 terms at 40 unknowns. Null
 * for anything else, and when the unknowns are not plain (their error is reported after the
 * equations', as the general route does).
 */
function typedLinearSystem(
  equations: Expr,
  unknowns: Expr,
  ev: Evaluation,
): { rows: Rational[][]; vars: Node[] } | null {
  // What the reading emits (a warning about a name) is held: when it gives up, the general route
  // evaluates the same parts again and says it once; when it answers, or fails, it is said then.
  const emit = ev.env.emit;
  const held: Effect[] = [];
  ev.env.emit = (effect) => held.push(effect);
  let read: { rows: Rational[][]; vars: Node[] } | null;
  try {
    read = readTypedSystem(equations, unknowns, ev);
  } catch (err) {
    ev.env.emit = emit;
    held.forEach(emit);
    throw err;
  }
  ev.env.emit = emit;
  if (read) held.forEach(emit);
  return read;
}

function readTypedSystem(equations: Expr, unknowns: Expr, ev: Evaluation): { rows: Rational[][]; vars: Node[] } | null {
  let vars: Node[];
  try {
    vars = listOf(ev.expr(unknowns));
  } catch (err) {
    rethrowStop(err);
    return null;
  }
  if (!vars.every((v) => (v.kind === "sym" && v.shape.length === 0) || v.kind === "indexed")) return null;
  const items = equations.kind === "matrix" ? equations.rows.flat() : [equations];
  const rows = linearRowsOfSyntax(items, vars, (e) => ev.expr(e));
  return rows && { rows, vars };
}
