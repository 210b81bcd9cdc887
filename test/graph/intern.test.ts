// The node table (src/graph/node.ts): one node per value, so identity is structural equality.
// Generated fields are interned twice over, and two fields give one node exactly when they say the
// same thing by the specification below: the kind, the children by identity, the attributes, and
// the shape where a leaf's or a call's shape is its own.
import { describe, expect, it } from "vitest";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { intern, nodeTableSize, type Node } from "../../src/graph/node.js";
import { Rational } from "../../src/numeric/rational.js";
import { seededRandom } from "../helpers/random.js";

type Fields = Node extends infer N ? (N extends Node ? Omit<N, "id"> : never) : never;

/** What identifies a node, as text: equal texts, one node. */
function identity(f: Fields): string {
  const ids = (ns: readonly Node[]) => ns.map((n) => n.id).join(",");
  const shape = f.shape.map(String).join(";");
  switch (f.kind) {
    case "num":
      return `num ${f.value.num}/${f.value.den}`;
    case "float":
      return `float ${Number.isNaN(f.value) ? "NaN" : f.value === 0 ? "0" : String(f.value)}`;
    case "sym":
      return `sym ${f.name} ${shape}`;
    case "indexed":
      return `indexed ${f.base} ${f.index.id} ${shape}`;
    case "const":
      return `const ${f.name}`;
    case "add":
      return `add ${ids(f.terms)}`;
    case "mul":
      return `mul ${ids(f.factors)}`;
    case "pow":
      return `pow ${f.base.id} ${f.exp.id}`;
    case "apply":
      return `apply ${f.op} ${ids(f.args)} ${shape}`;
    case "tensor":
      return `tensor ${shape} ${ids(f.entries)}`;
    case "bigop":
      return `bigop ${f.op} ${f.index.id} ${f.from.id} ${f.to.id} ${f.body.id}`;
    case "rel":
      return `rel ${f.op} ${f.left.id} ${f.right.id}`;
    case "str":
      return `str ${f.value}`;
    case "tuple":
      return `tuple ${ids(f.items)}`;
    case "record":
      return `record ${f.tag} ${f.fields.map((x) => `${x.name}=${x.value.id}`).join(",")}`;
  }
}

function generateFields(count: number, seed: number): Fields[] {
  const next = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const made: Node[] = [intern({ kind: "num", value: Rational.ONE, shape: [] })];
  const some = (k: number) => Array.from({ length: k }, () => pick(made));
  const shapes = [[], [2], [3], ["n"], [2, 3], ["2"]];
  const out: Fields[] = [];
  for (let i = 0; i < count; i++) {
    const shape = pick(shapes);
    const kinds: (() => Fields)[] = [
      () => ({ kind: "num", value: Rational.of(Math.floor(next() * 7) - 3, 1 + Math.floor(next() * 3)), shape: [] }),
      () => ({ kind: "num", value: Rational.of(2n ** BigInt(30 + Math.floor(next() * 40)) + 1n), shape: [] }),
      () => ({ kind: "float", value: pick([0, -0, NaN, 0.5, -2.25, 1e300, 2 ** -40, Infinity]), shape: [] }),
      () => ({ kind: "sym", name: pick(["x", "y", "θ", "x_1"]), shape }),
      () => ({ kind: "indexed", base: pick(["x", "w"]), index: pick(made), shape }),
      () => ({ kind: "const", name: pick(["π", "e"] as const), shape: [] }),
      () => ({ kind: "add", terms: some(2 + Math.floor(next() * 2)), shape: pick(made).shape }),
      () => ({ kind: "mul", factors: some(2), shape }),
      () => ({ kind: "pow", base: pick(made), exp: pick(made), shape: [] }),
      () => ({ kind: "apply", op: pick(["sin", "exp", "sum"]), args: some(1 + Math.floor(next() * 2)), shape }),
      () => ({ kind: "tensor", shape: pick([[2], [1, 2], [2, 1]]), entries: some(2) }),
      () => ({ kind: "rel", op: pick(["=", "<"] as const), left: pick(made), right: pick(made), shape: [] }),
      () => ({ kind: "str", value: pick(["a", "ab", "✓ equivalent", ""]), shape: [] }),
      () => ({ kind: "tuple", items: some(Math.floor(next() * 3)), shape: [] }),
      () => ({
        kind: "record",
        tag: pick(["point", "series"]),
        fields: some(1 + Math.floor(next() * 2)).map((value, k) => ({ name: pick(["at", "kind"]) + k, value })),
        shape: [],
      }),
    ];
    const f = pick(kinds)();
    out.push(f);
    made.push(intern<Node>(f));
  }
  return out;
}

describe("the node table", () => {
  it("gives one node exactly for equal fields, over 20,000 generated fields of every kind", () => {
    const fields = generateFields(20_000, 7);
    const byIdentity = new Map<string, Node>();
    for (const f of fields) {
      const node = intern<Node>(f);
      expect(intern<Node>({ ...f } as Fields)).toBe(node);
      const key = identity(f);
      const seen = byIdentity.get(key);
      if (seen) expect(node).toBe(seen);
      else {
        byIdentity.set(key, node);
        expect(node.kind).toBe(f.kind);
      }
    }
    // Different identities, different nodes.
    expect(new Set(byIdentity.values()).size).toBe(byIdentity.size);
  });

  it("keeps 200,000 distinct numbers apart, those whose hashes collide included", () => {
    const nodes = Array.from({ length: 200_000 }, (_, k) =>
      intern({ kind: "num", value: Rational.of(k, 1 + (k % 7)), shape: [] }),
    );
    const distinct = new Set(nodes.map((n) => (n.kind === "num" ? n.value.toString() : "")));
    expect(new Set(nodes).size).toBe(distinct.size);
    const lost = nodes.filter((n, k) => intern({ kind: "num", value: Rational.of(k, 1 + (k % 7)), shape: [] }) !== n);
    expect(lost).toEqual([]);
  });

  it("holds −0 and 0 as one number, and every NaN as one", () => {
    expect(intern({ kind: "float", value: -0, shape: [] })).toBe(intern({ kind: "float", value: 0, shape: [] }));
    expect(intern({ kind: "float", value: NaN, shape: [] })).toBe(intern({ kind: "float", value: 0 / 0, shape: [] }));
  });

  it("tells a symbol's shapes apart, a size typed as a number or as its digits being one", () => {
    const x = (shape: (number | string)[]) => intern({ kind: "sym", name: "x", shape });
    expect(x([2])).not.toBe(x([3]));
    expect(x([2])).not.toBe(x([2, 1]));
    expect(x(["n"])).not.toBe(x([]));
    expect(x([2])).toBe(x(["2"]));
  });

  it("drops the entries of collected nodes as it grows, and keeps the held ones", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const num = (k: number) => intern({ kind: "num", value: Rational.of(k, 3), shape: [] });
    const held = Array.from({ length: 1000 }, (_, k) => num(10_000_000 + k));
    // 600,000 nodes no one keeps, made in jobs of 20,000 with a full collection between them.
    for (let job = 0; job < 30; job++) {
      for (let k = 0; k < 20_000; k++) num(20_000_000 + job * 20_000 + k);
      await new Promise(setImmediate);
      gc();
    }
    // Sweeps run when the table doubles: at most twice what lives (the held, the rest of the file's,
    // one job's) and never 600,000.
    expect(nodeTableSize()).toBeLessThan(200_000);
    expect(held.every((n, k) => num(10_000_000 + k) === n)).toBe(true);
  });
});
