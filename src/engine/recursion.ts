// A definition may not use the function it defines. Definitions are substituted when they are made,
// so `g(x) = g(x) + 1` would otherwise read g as an unknown name and define g(x) = g·x + 1; the same
// happens through another function defined in terms of g (f(x) = g(x) + 1; g(x) = f(x)) or a value
// computed from it (a = g(1); g(x) = x + a). Each is an error at the use that closes the loop.
import { MathFailure } from "../errors.js";
import type { Environment } from "../environment.js";
import type { Node } from "../graph/node.js";
import { freeSymbols } from "../graph/traverse.js";
import type { Expr, Span } from "../syntax/ast.js";
import { findExpr, referencedName } from "../syntax/walk.js";

function mentions(value: Node | undefined, name: string): boolean {
  return value !== undefined && freeSymbols(value).some((s) => s.kind === "sym" && s.name === name);
}

/** The error for `name(params) = body` when the body (as typed, and as built) uses `name`; else null. */
export function recursiveDefinition(
  name: string,
  params: readonly string[],
  bodyAst: Expr,
  body: Node,
  env: Environment,
  whole: Span,
): MathFailure | null {
  if (params.includes(name)) return null;
  const direct = findExpr(bodyAst, (e) => referencedName(e) === name);
  if (direct)
    return new MathFailure(
      "name",
      `${name} is defined in terms of itself: a definition cannot use the function it defines`,
      direct.span,
    );
  if (!mentions(body, name)) return null;
  // Through another name: the first one in the body whose value or definition mentions `name`.
  const through = findExpr(bodyAst, (e) => {
    const other = referencedName(e);
    if (other === null || params.includes(other)) return false;
    return mentions(env.functions.get(other)?.body, name) || mentions(env.values.get(other), name);
  });
  const via = through ? referencedName(through) : null;
  return new MathFailure(
    "name",
    `${name} is defined in terms of itself${via ? ` through ${via}` : ""}: a definition cannot use the function it defines`,
    through?.span ?? whole,
  );
}
