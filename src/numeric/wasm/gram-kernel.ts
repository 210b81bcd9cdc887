// The Gram kernel in WebAssembly SIMD: rows [from, to) of the upper triangle of Aᵀ diag(v) A, from
// Aᵀ stored column by column (n columns of m entries, m and n even, pointers in bytes). Two rows
// at a time: the pair's columns are scaled by v into u and w once, then four columns j at a time
// are dotted with both, eight f64x2 sums in registers for six loads per two rows of A.
import { Code, moduleBytes } from "./module.js";

/** gram(at, m8, n, v, from, to, out, u, w): m8 is m·8, the byte stride between columns of Aᵀ. */
function gramRows(): Code {
  const c = new Code(["at", "m8", "n", "v", "from", "to", "out", "u", "w"]);
  for (const l of ["i", "j", "r", "ci", "ci1", "c0", "c1", "c2", "c3", "o"]) c.local(l, "i32");
  for (const l of ["a0", "a1", "a2", "a3", "b0", "b1", "b2", "b3", "x", "y", "t"]) c.local(l, "v128");
  const forR = (body: () => void) => {
    c.i32(0).set("r");
    c.block().loop();
    c.get("r").get("m8").geS().brIf(1);
    body();
    c.bump("r", 16).br(0);
    c.end().end();
  };
  // x·t into a, y·t into b, for t the next two entries of column `col`.
  const accumulate = (col: string, a: string, b: string) => {
    c.get(col).get("r").add().v128Load().set("t");
    c.get(a).get("x").get("t").f64x2Mul().f64x2Add().set(a);
    c.get(b).get("y").get("t").f64x2Mul().f64x2Add().set(b);
  };
  const loadXY = () => {
    c.get("u").get("r").add().v128Load().set("x");
    c.get("w").get("r").add().v128Load().set("y");
  };
  // out[o + 8k] = the two lanes of `acc` added.
  const store = (acc: string, k: number) => {
    c.get("o").get(acc).lane(0).get(acc).lane(1).f64Add().f64Store(8 * k);
  };
  const column = (j: string, into: string) => c.get(j).get("m8").mul().get("at").add().set(into);
  // o = out + (row · n + j) · 8
  const entry = (row: string) => c.get(row).get("n").mul().get("j").add().i32(8).mul().get("out").add().set("o");

  c.get("from").set("i");
  c.block().loop();
  c.get("i").get("to").geS().brIf(1);
  column("i", "ci");
  c.get("ci").get("m8").add().set("ci1");
  forR(() => {
    c.get("u").get("r").add().get("v").get("r").add().v128Load().get("ci").get("r").add().v128Load().f64x2Mul().v128Store();
    c.get("w").get("r").add().get("v").get("r").add().v128Load().get("ci1").get("r").add().v128Load().f64x2Mul().v128Store();
  });
  c.get("i").set("j");
  // Four columns at a time while they last.
  c.block().loop();
  c.get("j").i32(4).add().get("n").gtS().brIf(1);
  column("j", "c0");
  c.get("c0").get("m8").add().set("c1");
  c.get("c1").get("m8").add().set("c2");
  c.get("c2").get("m8").add().set("c3");
  for (const acc of ["a0", "a1", "a2", "a3", "b0", "b1", "b2", "b3"]) c.f64x2Zero().set(acc);
  forR(() => {
    loadXY();
    accumulate("c0", "a0", "b0");
    accumulate("c1", "a1", "b1");
    accumulate("c2", "a2", "b2");
    accumulate("c3", "a3", "b3");
  });
  entry("i");
  ["a0", "a1", "a2", "a3"].forEach((acc, k) => store(acc, k));
  c.get("o").get("n").i32(8).mul().add().set("o");
  ["b0", "b1", "b2", "b3"].forEach((acc, k) => store(acc, k));
  c.bump("j", 4).br(0);
  c.end().end();
  // The last columns one at a time.
  c.block().loop();
  c.get("j").get("n").geS().brIf(1);
  column("j", "c0");
  c.f64x2Zero().set("a0").f64x2Zero().set("b0");
  forR(() => {
    loadXY();
    accumulate("c0", "a0", "b0");
  });
  entry("i");
  store("a0", 0);
  c.get("o").get("n").i32(8).mul().add().set("o");
  store("b0", 0);
  c.bump("j", 1).br(0);
  c.end().end();
  c.bump("i", 2).br(0);
  c.end().end();
  return c;
}

/** 4 GiB of 64 KiB pages is the wasm32 limit; a shared memory needs a maximum. */
export const MAX_PAGES = 32768;

export const GRAM_MODULE_BYTES = moduleBytes([{ name: "gram", code: gramRows() }], MAX_PAGES);
