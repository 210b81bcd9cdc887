// Every printed value reads back. `text` (Nabla's syntax) and `pretty` (Unicode) of every value the
// course notebooks, their sources and the corpus print, parsed in a session that knows only the
// declared shapes, give the same value: the same interned node, or for floats (pretty rounds them to
// six digits) the same numbers. And for generated expressions: print → parse → the same node.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Session } from "../src/session.js";
import { VALUES } from "./corpus.js";
import { parseNotebook, sourceOf } from "../src/grading/notebook.js";
import type { Node } from "../src/graph/node.js";
import type { Shape } from "../src/graph/shape.js";
import { apply, float, struct } from "../src/graph/construct.js";
import { floatValue } from "../src/graph/evalf.js";
import { freeSymbols, rewrite } from "../src/graph/traverse.js";
import { substitute } from "../src/engine/substitute.js";
import { toPretty, toText } from "../src/graph/print/forms.js";

const NOTEBOOKS = join(import.meta.dirname, "..", "notebooks");

/** Each notebook's code cells, in order; the markdown sources' ```nabla blocks likewise; the corpus. */
function programs(): { name: string; cells: string[] }[] {
  const ipynb = readdirSync(NOTEBOOKS)
    .filter((f) => f.endsWith(".ipynb"))
    .map((f) => ({
      name: f,
      cells: parseNotebook(readFileSync(join(NOTEBOOKS, f), "utf8"))
        .cells.filter((c) => c.cell_type === "code")
        .map(sourceOf),
    }));
  const md = readdirSync(join(NOTEBOOKS, "src"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => ({
      name: `src/${f}`,
      cells: [...readFileSync(join(NOTEBOOKS, "src", f), "utf8").matchAll(/```nabla\n([\s\S]*?)```/g)].map((m) => m[1]),
    }));
  return [
    ...ipynb,
    ...md,
    { name: "corpus", cells: VALUES },
    { name: "the test suite's statements", cells: testStatements() },
  ];
}

/** The statements the test files run as plain string literals: run("…"), last("…"), expect("…").toEvaluateTo. */
function testStatements(): string[] {
  const root = join(import.meta.dirname);
  const files = readdirSync(root, { recursive: true, encoding: "utf8" }).filter(
    (f) => f.endsWith(".test.ts") && !f.includes("roundtrip"),
  );
  const found: string[] = [];
  for (const file of files) {
    const source = readFileSync(join(root, file), "utf8");
    for (const m of source.matchAll(/(?:\brun|\blast|\bverdict|\bexpect)\(\s*("(?:[^"\\\n]|\\.)*")\s*[),]/g)) {
      try {
        found.push(JSON.parse(m[1]) as string);
      } catch {
        // Not a plain literal.
      }
    }
  }
  // Each in a session of its own, as the tests run them. (About 300 today.)
  expect(found.length).toBeGreaterThan(100);
  return found;
}

function hasFloat(n: Node): boolean {
  if (n.kind === "float") return true;
  if (n.kind === "add") return n.terms.some(hasFloat);
  if (n.kind === "mul") return n.factors.some(hasFloat);
  if (n.kind === "pow") return hasFloat(n.base) || hasFloat(n.exp);
  if (n.kind === "apply") return n.args.some(hasFloat);
  if (n.kind === "tensor") return n.entries.some(hasFloat);
  if (n.kind === "tuple") return n.items.some(hasFloat);
  if (n.kind === "rel") return hasFloat(n.left) || hasFloat(n.right);
  return false;
}

/**
 * A random variable's identity (which of two Bernoulli(p) calls it came from) is not part of its
 * printed form: values compare without it.
 */
function withoutIdentity(n: Node): Node {
  return rewrite(n, (x) =>
    x.kind === "record" && x.tag === "distribution"
      ? struct(
          x.tag,
          x.fields.filter((f) => f.name !== "id"),
        )
      : undefined,
  );
}

/** The same value, or (with floats) the same numbers at three points, to the six digits pretty keeps. */
/**
 * A chain of matrix products nested to the left: pretty writes Xᵀ diag(p) X without parentheses
 * (matrix products associate), so it reads back nested the other way, the same matrix.
 */
function leftNested(n: Node): Node {
  const chain = (m: Node): Node[] =>
    m.kind === "apply" && m.op === "matmul" ? [...chain(m.args[0]), ...chain(m.args[1])] : [m];
  return rewrite(n, (m) =>
    m.kind === "apply" && m.op === "matmul" ? chain(m).reduce((x, y) => apply("matmul", [x, y])) : undefined,
  );
}

function sameValue(a: Node, b: Node): boolean {
  if (a === b) return true;
  if (a.kind !== "tensor" && a.kind !== "tuple" && withoutIdentity(a) === withoutIdentity(b)) return true;
  if (a.kind !== "tensor" && leftNested(a) === leftNested(b)) return true;
  if (a.kind === "tensor" && b.kind === "tensor")
    return a.shape.join() === b.shape.join() && a.entries.every((e, i) => sameValue(e, b.entries[i]));
  if (a.kind === "tuple" && b.kind === "tuple")
    return a.items.length === b.items.length && a.items.every((e, i) => sameValue(e, b.items[i]));
  if (a.kind === "rel" && b.kind === "rel")
    return a.op === b.op && sameValue(a.left, b.left) && sameValue(a.right, b.right);
  if (!hasFloat(a) && !hasFloat(b)) return false;
  if (a.shape.length || b.shape.length) return false;
  const symbols = [...freeSymbols(a), ...freeSymbols(b)];
  for (const seed of [0.37, 1.3, -0.71]) {
    const point = new Map<Node, Node>(symbols.map((s, i) => [s, float(seed + i / 7)]));
    const [x, y] = [floatValue(substitute(a, point)), floatValue(substitute(b, point))];
    if (x === null || y === null || !(Math.abs(x - y) <= 1e-5 * Math.max(1, Math.abs(x)))) return false;
  }
  return true;
}

/**
 * Names pretty cannot spell back: an engine's layer quantities (δ^2 prints δ²), I and 𝟏 of a symbolic size (text writes
 * I(n)).
 */
function prettyReadable(n: Node): boolean {
  return freeSymbols(n).every(
    (s) => s.kind !== "sym" || (!s.name.includes("^") && !((s.name === "I" || s.name === "𝟏") && s.shape.length > 0)),
  );
}

function readBack(printed: string, shapes: ReadonlyMap<string, Shape>, value: Node): Node | string {
  const session = new Session();
  for (const [name, shape] of shapes) session.env.shapes.set(name, shape);
  // A relation on its own would be an assignment: in parentheses it is the relation.
  const code = value.kind === "rel" ? `(${printed})` : printed;
  const results = session.run(code);
  const r = results[results.length - 1];
  return results.length === 1 && r.status === "ok" && r.value
    ? r.value
    : `${r?.error?.message ?? `${results.length} statements`}`;
}

/** Values with a printed form to read back: not prose (verdicts, records, strings) and not tuples of relations. */
function readable(n: Node): boolean {
  if (n.kind === "str" || n.kind === "record" || n.kind === "bigop") return false;
  if (n.kind === "tuple") return n.items.length > 0 && n.items.every((i) => i.kind !== "rel" && readable(i));
  return true;
}

describe("every printed value reads back", () => {
  it.each(programs())("$name", ({ name, cells }) => {
    let session = new Session();
    const problems: string[] = [];
    let checked = 0;
    for (const cell of cells) {
      if (name.startsWith("the test suite")) session = new Session();
      for (const r of session.run(cell)) {
        if (r.status !== "ok" || !r.value || !readable(r.value)) continue;
        const shapes = new Map(session.env.shapes);
        const forms: [string, string][] = [["text", toText(r.value)]];
        if (prettyReadable(r.value)) forms.push(["pretty", toPretty(r.value)]);
        for (const [form, printed] of forms) {
          const again = readBack(printed, shapes, r.value);
          checked++;
          if (typeof again === "string" || !sameValue(r.value, again))
            problems.push(`${r.source} → ${form} ${printed} → ${typeof again === "string" ? again : toText(again)}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(0);
  });
});

// Expressions of the scalar language: print → parse → the same interned node, in text and in pretty.
const expression: fc.Arbitrary<string> = fc.letrec((tie) => ({
  atom: fc.constantFrom("x", "y", "z", "λ", "x_1", "w_2", "2", "3", "1/2", "7/3", "pi", "e", "10"),
  call: fc
    .tuple(
      fc.constantFrom(
        "sin",
        "cos",
        "exp",
        "log",
        "sqrt",
        "abs",
        "σ",
        "relu",
        "tanh",
        "atan",
        "sec",
        "asinh",
        "step",
        "softplus",
      ),
      tie("expr"),
    )
    .map(([f, a]) => `${f}(${a})`),
  factor: fc.oneof(
    { maxDepth: 3, depthIdentifier: "e" },
    { weight: 3, arbitrary: tie("atom") },
    tie("call"),
    tie("expr").map((e) => `(${e})`),
  ),
  power: fc.oneof(
    tie("factor"),
    fc
      .tuple(tie("factor"), fc.constantFrom("2", "3", "-1", "-2", "1/2", "1/3", "y", "x + 1"))
      .map(([b, k]) => `(${b})^(${k})`),
  ),
  term: fc
    .array(tie("power"), { minLength: 1, maxLength: 3 })
    .chain((fs) => fc.constantFrom(" ", "*", "/").map((op) => fs.join(op))),
  expr: fc.oneof(
    { maxDepth: 3, depthIdentifier: "e" },
    tie("term"),
    fc.tuple(tie("term"), fc.constantFrom(" + ", " - "), tie("term")).map(([a, op, b]) => a + op + b),
    tie("term").map((t) => `-${t}`),
  ),
})).expr as fc.Arbitrary<string>;

describe("generated expressions read back", () => {
  it("print → parse → the same node, in text and pretty", () => {
    fc.assert(
      fc.property(expression, (source) => {
        const [r] = new Session().run(source);
        if (r.status !== "ok" || !r.value || hasFloat(r.value)) return;
        for (const printed of [toText(r.value), toPretty(r.value)]) {
          const again = readBack(printed, new Map(), r.value);
          expect(
            typeof again === "string" ? again : again === r.value,
            `${source} → ${printed} → ${typeof again === "string" ? again : toText(again)}`,
          ).toBe(true);
        }
      }),
      { numRuns: 500, seed: 13 },
    );
  });
});
