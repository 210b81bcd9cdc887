// The operator table: one explicit array of rows, looked up by name or alias, and `apply`, which
// builds an operator's application through its row. Rows build applications of other operators too
// (sin's derivative is cos, max's is a step): each file of rows is a function given `build` here,
// so the imports run one way, primitives ← rows ← table, and nothing below imports the table.
import { mathError } from "../errors.js";
import { intern, type Apply, type Node } from "./node.js";
import { SCALAR } from "./shape.js";
import { numericValue } from "./numeric-value.js";
import type { Build, OperatorEntry } from "./ops/entry.js";
import { elementaryRows } from "./ops/elementary.js";
import { activationRows } from "./ops/activations.js";
import { linearAlgebraRows } from "./ops/linear-algebra.js";
import { numericRows } from "./ops/numeric.js";
import { lossRows } from "./ops/losses.js";
import { statisticsRows } from "./ops/statistics.js";

export type { OperatorEntry } from "./ops/entry.js";

const build: Build = { apply, evalf: (x) => numericValue(apply, lookupOperator, x) };

/** The loss functions (mse, bce, …): `loss = …` in a network names one of them. */
export const LOSSES: readonly OperatorEntry[] = lossRows(build);

/** Every operator, in the order help lists them. */
const TABLE: readonly OperatorEntry[] = [
  ...elementaryRows(build),
  ...activationRows(build),
  ...linearAlgebraRows(build),
  ...statisticsRows(build),
  ...LOSSES,
  ...numericRows(build),
];

const BY_NAME = new Map<string, OperatorEntry>();
for (const entry of TABLE) {
  BY_NAME.set(entry.name, entry);
  for (const alias of entry.aliases ?? []) BY_NAME.set(alias, entry);
}

/** Every operator, in the order help lists them. */
export function operators(): readonly OperatorEntry[] {
  return TABLE;
}

export function lookupOperator(name: string): OperatorEntry | undefined {
  return BY_NAME.get(name);
}

/** Made of linear or constant pieces (abs, relu, max, sign, step, …): its row `breaks` with a kink or a jump. */
export function madeOfPieces(name: string): boolean {
  const breaks = BY_NAME.get(name)?.breaks;
  return breaks === "kink" || breaks === "jump";
}

export function apply(op: string, args: readonly Node[]): Node {
  const entry = BY_NAME.get(op);
  if (!entry) throw mathError(`unknown operator ${op}`);
  // sin(x = 3) and max(1, foo = 3) are not values: said, rather than kept unevaluated.
  const relation = args.find((a) => a.kind === "rel");
  if (relation?.kind === "rel")
    throw mathError(
      `${entry.name} takes values, not an equation or a comparison (${relation.left.kind === "sym" ? `${relation.left.name} ${relation.op} …` : relation.op}): to evaluate at a point, put the value in its place`,
    );
  // The shape rule runs first, so a fold never sees arguments of shapes that do not fit.
  const shape = entry.shape ? entry.shape(args.map((a) => a.shape)) : SCALAR;
  const folded = entry.fold?.(args);
  if (folded) return folded;
  return intern<Apply>({ kind: "apply", op: entry.name, args, shape });
}
