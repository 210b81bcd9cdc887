// Nabla's own lint rules, loaded by eslint.config.js as the plugin "nabla".

/** Does the subtree contain a `throw`, or a call of rethrowStop/isStop (errors.ts)? Nested functions do not count. */
function handlesStops(node) {
  let found = false;
  const visit = (n) => {
    if (!n || typeof n !== "object" || found) return;
    if (n.type === "ThrowStatement") return void (found = true);
    if (
      n.type === "CallExpression" &&
      n.callee.type === "Identifier" &&
      (n.callee.name === "rethrowStop" || n.callee.name === "isStop")
    )
      return void (found = true);
    if (
      n !== node &&
      (n.type === "FunctionDeclaration" || n.type === "FunctionExpression" || n.type === "ArrowFunctionExpression")
    )
      return;
    for (const key of Object.keys(n)) {
      if (key === "parent") continue;
      const v = n[key];
      if (Array.isArray(v)) v.forEach(visit);
      else if (v && typeof v.type === "string") visit(v);
    }
  };
  visit(node);
  return found;
}

/**
 * A catch in the engine must not swallow a stop: the statement's time limit, a size limit, the
 * memory guard and the user's interrupt are MathFailures with a `reason`, and a catch that recovers
 * (tries another way, returns a fallback) must let them through with `rethrowStop(err)` first, or
 * rethrow. A catch that truly cannot meet one says why in an eslint-disable comment.
 */
const noSwallowedStop = {
  meta: {
    type: "problem",
    docs: { description: "a catch must rethrow limits and interrupts (rethrowStop(err)) or rethrow" },
    messages: {
      swallowed: "this catch may swallow a time/size limit or an interrupt: call rethrowStop(err) first, or rethrow",
    },
    schema: [],
  },
  create(context) {
    return {
      CatchClause(node) {
        if (!handlesStops(node.body)) context.report({ node, messageId: "swallowed" });
      },
    };
  },
};

export default { rules: { "no-swallowed-stop": noSwallowedStop } };
