// Nabla's own lint rules, loaded by eslint.config.js as the plugin "nabla".

const FUNCTIONS = new Set(["FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression"]);
const isName = (n, name) => n?.type === "Identifier" && n.name === name;
const callOf = (n, callee, param) =>
  n?.type === "CallExpression" && isName(n.callee, callee) && isName(n.arguments[0], param);

const NOT_STOPS = new Set(["MathFailure", "Error"]);

/** `param.reason === "size"`, `param.reason !== "interrupt"`: a test that names the stops it means. */
const namesReason = (t, param) =>
  t?.type === "BinaryExpression" &&
  (t.operator === "===" || t.operator === "!==") &&
  t.left.type === "MemberExpression" &&
  isName(t.left.object, param) &&
  isName(t.left.property, "reason") &&
  t.right.type === "Literal";

/** A test that names stops outright: isStop(param), !isStop(param), a reason, in a conjunction. */
function explicit(t, param) {
  if (callOf(t, "isStop", param) || namesReason(t, param)) return true;
  if (t?.type === "UnaryExpression" && t.operator === "!" && callOf(t.argument, "isStop", param)) return true;
  return (
    t?.type === "LogicalExpression" && t.operator === "&&" && (explicit(t.left, param) || explicit(t.right, param))
  );
}

/** A test false for every stop: `param instanceof RangeError`, `param === BAIL`, !isStop(param). */
function excludesStops(t, param) {
  if (!t) return false;
  if (t.type === "BinaryExpression" && t.operator === "instanceof")
    return isName(t.left, param) && t.right.type === "Identifier" && !NOT_STOPS.has(t.right.name);
  if (t.type === "BinaryExpression" && t.operator === "===")
    return isName(t.left, param) && t.right.type === "Identifier" && t.right.name !== "undefined";
  if (t.type === "UnaryExpression" && t.operator === "!")
    return callOf(t.argument, "isStop", param) || isMathFailure(t.argument, param);
  if (t.type === "LogicalExpression" && t.operator === "&&")
    return excludesStops(t.left, param) || excludesStops(t.right, param);
  if (t.type === "LogicalExpression" && t.operator === "||")
    return excludesStops(t.left, param) && excludesStops(t.right, param);
  return false;
}

const isMathFailure = (t, param) =>
  t?.type === "BinaryExpression" &&
  t.operator === "instanceof" &&
  isName(t.left, param) &&
  isName(t.right, "MathFailure");

/** A test true for every stop (or one naming which stops it means): the throw it guards passes stops on. */
function passesStops(t, param) {
  if (!t) return false;
  if (explicit(t, param)) return true;
  if (t.type === "BinaryExpression" && t.operator === "!==")
    return isName(t.left, param) && t.right.type === "Identifier" && t.right.name !== "undefined";
  if (t.type === "UnaryExpression" && t.operator === "!") return excludesStops(t.argument, param);
  if (t.type === "LogicalExpression" && t.operator === "||")
    return passesStops(t.left, param) || passesStops(t.right, param);
  return false;
}

/** `throw …` or `{ throw …; }`. */
const throws = (n) =>
  n?.type === "ThrowStatement" || (n?.type === "BlockStatement" && n.body[0]?.type === "ThrowStatement");

/** First statement `rethrowStop(param)`, or `if (test) throw …` with a test that holds for every stop. */
function passesStopsFirst(first, param) {
  if (first?.type === "ExpressionStatement" && callOf(first.expression, "rethrowStop", param)) return true;
  return first?.type === "IfStatement" && passesStops(first.test, param) && throws(first.consequent);
}

/** Any return, break or continue in the subtree, nested functions aside. */
function exits(node) {
  let found = false;
  const visit = (n) => {
    if (!n || typeof n !== "object" || found) return;
    if (n.type === "ReturnStatement" || n.type === "BreakStatement" || n.type === "ContinueStatement")
      return void (found = true);
    if (FUNCTIONS.has(n.type)) return;
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
 * Ends with `throw param`, and leaves early only under a test that no stop meets
 * (`if (err instanceof RangeError) return null;`) or that names the stops it keeps
 * (`if (err instanceof MathFailure && err.reason === "size") return u;`).
 */
function rethrowsAll(body, param) {
  const last = body[body.length - 1];
  if (last?.type !== "ThrowStatement" || !isName(last.argument, param)) return false;
  return body
    .slice(0, -1)
    .every(
      (st) =>
        !exits(st) ||
        (st.type === "IfStatement" &&
          (excludesStops(st.test, param) || explicit(st.test, param)) &&
          !exits(st.alternate)),
    );
}

/**
 * A catch in the engine must not swallow a stop: the statement's time limit, a size limit, the
 * memory guard and the user's interrupt are MathFailures with a `reason`, and a catch that recovers
 * (tries another way, returns a fallback) must let them through as its first statement —
 * `rethrowStop(err)` or `if (isStop(err)) throw err` — or end by rethrowing the caught error itself,
 * leaving early only for errors no stop can be. A test that names
 * the stops it keeps (`err.reason === "size"`) is a decision and passes. Mentioning isStop somewhere, or throwing a new
 * error (which would lose the stop's reason), is not enough. A catch that truly cannot meet this
 * (where stops land and become the statement's result) says why in an eslint-disable comment.
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
        const param = node.param?.type === "Identifier" ? node.param.name : null;
        const body = node.body.body;
        if (!param || !(passesStopsFirst(body[0], param) || rethrowsAll(body, param)))
          context.report({ node, messageId: "swallowed" });
      },
    };
  },
};

export default { rules: { "no-swallowed-stop": noSwallowedStop } };
