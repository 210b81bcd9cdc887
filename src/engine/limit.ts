// The limit command: limit(f, x → a), limit(f, x → ∞), and from one side limit(f, x → a, "+").
// The value comes from the leading term of f's series (./series.ts); where no series exists the
// answer is "undecided" with the reason, never a guess.
import { mathError } from "../errors.js";
import type { Node } from "../graph/node.js";
import type { Expr } from "../syntax/ast.js";
import { bodyOf } from "./commands/args.js";
import type { CommandEntry, Evaluation } from "./commands/entry.js";
import { limit, type Point } from "./series.js";

const INFINITY_NAMES = new Set(["∞", "inf", "infinity", "oo"]);

function infinitySign(e: Expr): -1 | 1 | null {
  if (e.kind === "name" && INFINITY_NAMES.has(e.name)) return 1;
  if (e.kind === "neg") {
    const inner = infinitySign(e.arg);
    return inner === null ? null : inner === 1 ? -1 : 1;
  }
  return null;
}

const SIDES: Readonly<Record<string, -1 | 1>> = { "+": 1, right: 1, "⁺": 1, "-": -1, "−": -1, left: -1, "⁻": -1 };

function sideText(e: Expr): string {
  return e.kind === "string" ? e.value : e.kind === "name" ? e.name : "";
}

const isSide = (e: Expr): boolean => Object.hasOwn(SIDES, sideText(e));

function sideOf(e: Expr | undefined): -1 | 0 | 1 {
  if (!e) return 0;
  if (isSide(e)) return SIDES[sideText(e)];
  throw mathError('the side of a one-sided limit is "+" (from the right) or "-" (from the left)');
}

/** `x → a` (or `x = a`): the variable and the point. */
function approach(ev: Evaluation, e: Expr, side: -1 | 0 | 1): { x: Node; point: Point } {
  const pair =
    e.kind === "arrow" && e.items.length === 2
      ? e.items
      : e.kind === "relation" && e.op === "="
        ? [e.left, e.right]
        : null;
  if (!pair || pair[0].kind !== "name")
    throw mathError("limit needs the variable and the point, as in limit(sin(x)/x, x → 0)");
  const x = ev.variable(pair[0].name, "limit");
  const sign = infinitySign(pair[1]);
  if (sign !== null) {
    if (side !== 0) throw mathError("a limit at ∞ is already one-sided: leave out the side");
    return { x, point: { kind: "infinity", sign } };
  }
  return { x, point: { kind: "at", a: ev.expr(pair[1]), side } };
}

export const LIMIT: CommandEntry = {
  name: "limit",
  aliases: ["lim"],
  arity: [2, 3],
  relations: { kind: "point", places: [1, 1] },
  help: {
    syntax: 'limit(f, x → a), limit(f, x → ∞), limit(f, x → a, "+")',
    description:
      'The limit of f as x tends to a (from both sides, or from the right with "+", the left with "-"), found from the series of f; "undecided" when it has none there.',
    examples: ["limit(sin(x)/x, x → 0)", "limit((2x^2 + 1)/(x^2 - 3), x → ∞)", 'limit(1/x, x → 0, "+")'],
  },
  run: ({ args }, ev) => {
    const { body } = bodyOf(ev, args[0]);
    // SymPy's and Maxima's limit(f, x, a): the point went where the side goes.
    if (args[1].kind === "name" && args[2] && !isSide(args[2]))
      throw mathError(
        `limit takes the variable and its point together: limit(f, ${args[1].name} → a), as in limit(sin(x)/x, x → 0)`,
      );
    const { x, point } = approach(ev, args[1], sideOf(args[2]));
    return limit(body, x, point);
  },
};
