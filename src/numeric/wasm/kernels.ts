// Dot-product kernels in WebAssembly SIMD (f64x2), pointers in bytes, every row of K doubles with K
// even. Both take two rows at a time and dot them with four rows of a second matrix at once: eight
// f64x2 sums held in registers for six loads.
//
//   gram(at, m8, n, v, from, to, out, u, w)  rows [from, to) (even bounds) of the upper triangle of
//       Aᵀ diag(v) A, given Aᵀ (n rows of m entries, m8 = 8m, n even): the pair's rows are scaled
//       by v into u and w first.
//   abt(a, b, c, rows, cols, k8)  C = A Bᵀ for A rows×K (rows even) and B cols×K, k8 = 8K: the
//       product of a dense layer (Z = X Wᵀ) and of its backward pass.
import { Code, moduleBytes } from "./module.js";

const ACCUMULATORS = ["a0", "a1", "a2", "a3", "b0", "b1", "b2", "b3"] as const;

function declareLocals(c: Code): void {
  for (const l of ["i", "j", "r", "p0", "p1", "c0", "c1", "c2", "c3", "o"]) c.local(l, "i32");
  for (const l of [...ACCUMULATORS, "x", "y", "t"]) c.local(l, "v128");
}

/** for (r = 0; r < k8; r += 16) body */
function forR(c: Code, k8: string, body: () => void): void {
  c.i32(0).set("r");
  c.block().loop();
  c.get("r").get(k8).geS().brIf(1);
  body();
  c.bump("r", 16).br(0);
  c.end().end();
}

/**
 * The rows at p0 and p1 dotted with rows j, j + 1, …, n − 1 of the matrix at `base` (row stride
 * k8): row p0's results go to the output row that `rowOut` leaves the address of, p1's to the next
 * output row (n entries on).
 */
function rowPairAgainst(c: Code, base: string, k8: string, n: string, rowOut: () => void): void {
  const rowStart = (into: string) => c.get("j").get(k8).mul().get(base).add().set(into);
  const accumulate = (col: string, a: string, b: string) => {
    c.get(col).get("r").add().v128Load().set("t");
    c.get(a).get("x").get("t").f64x2Mul().f64x2Add().set(a);
    c.get(b).get("y").get("t").f64x2Mul().f64x2Add().set(b);
  };
  const loadXY = () => {
    c.get("p0").get("r").add().v128Load().set("x");
    c.get("p1").get("r").add().v128Load().set("y");
  };
  // o = the output address of (row i, column j)
  const output = () => {
    rowOut();
    c.get("j").i32(8).mul().add().set("o");
  };
  const store = (acc: string, k: number) =>
    c
      .get("o")
      .get(acc)
      .lane(0)
      .get(acc)
      .lane(1)
      .f64Add()
      .f64Store(8 * k);
  const nextRow = () => c.get("o").get(n).i32(8).mul().add().set("o");

  // Four rows at a time while they last.
  c.block().loop();
  c.get("j").i32(4).add().get(n).gtS().brIf(1);
  rowStart("c0");
  c.get("c0").get(k8).add().set("c1");
  c.get("c1").get(k8).add().set("c2");
  c.get("c2").get(k8).add().set("c3");
  for (const acc of ACCUMULATORS) c.f64x2Zero().set(acc);
  forR(c, k8, () => {
    loadXY();
    accumulate("c0", "a0", "b0");
    accumulate("c1", "a1", "b1");
    accumulate("c2", "a2", "b2");
    accumulate("c3", "a3", "b3");
  });
  output();
  ["a0", "a1", "a2", "a3"].forEach((acc, k) => store(acc, k));
  nextRow();
  ["b0", "b1", "b2", "b3"].forEach((acc, k) => store(acc, k));
  c.bump("j", 4).br(0);
  c.end().end();
  // The last rows one at a time.
  c.block().loop();
  c.get("j").get(n).geS().brIf(1);
  rowStart("c0");
  c.f64x2Zero().set("a0").f64x2Zero().set("b0");
  forR(c, k8, () => {
    loadXY();
    accumulate("c0", "a0", "b0");
  });
  output();
  store("a0", 0);
  nextRow();
  store("b0", 0);
  c.bump("j", 1).br(0);
  c.end().end();
}

function gram(): Code {
  const c = new Code(["at", "m8", "n", "v", "from", "to", "out", "u", "w"]);
  declareLocals(c);
  c.get("from").set("i");
  c.block().loop();
  c.get("i").get("to").geS().brIf(1);
  // p0, p1 = the pair's rows of Aᵀ; u, w = those rows scaled by v.
  c.get("i").get("m8").mul().get("at").add().set("p0");
  c.get("p0").get("m8").add().set("p1");
  forR(c, "m8", () => {
    c.get("u")
      .get("r")
      .add()
      .get("v")
      .get("r")
      .add()
      .v128Load()
      .get("p0")
      .get("r")
      .add()
      .v128Load()
      .f64x2Mul()
      .v128Store();
    c.get("w")
      .get("r")
      .add()
      .get("v")
      .get("r")
      .add()
      .v128Load()
      .get("p1")
      .get("r")
      .add()
      .v128Load()
      .f64x2Mul()
      .v128Store();
  });
  c.get("u").set("p0").get("w").set("p1");
  c.get("i").set("j");
  rowPairAgainst(c, "at", "m8", "n", () => c.get("i").get("n").mul().i32(8).mul().get("out").add());
  c.bump("i", 2).br(0);
  c.end().end();
  return c;
}

function abt(): Code {
  const c = new Code(["a", "b", "out", "rows", "cols", "k8"]);
  declareLocals(c);
  c.i32(0).set("i");
  c.block().loop();
  c.get("i").get("rows").geS().brIf(1);
  c.get("i").get("k8").mul().get("a").add().set("p0");
  c.get("p0").get("k8").add().set("p1");
  c.i32(0).set("j");
  rowPairAgainst(c, "b", "k8", "cols", () => c.get("i").get("cols").mul().i32(8).mul().get("out").add());
  c.bump("i", 2).br(0);
  c.end().end();
  return c;
}

/** 4 GiB of 64 KiB pages is the wasm32 limit; a shared memory needs a maximum. */
export const MAX_PAGES = 32768;

/** The module's bytes, written on first use: a session that never multiplies big arrays never writes them. */
export function kernelModuleBytes(): Uint8Array {
  return (bytes ??= moduleBytes(
    [
      { name: "gram", code: gram() },
      { name: "abt", code: abt() },
    ],
    MAX_PAGES,
  ));
}
let bytes: Uint8Array | undefined;
