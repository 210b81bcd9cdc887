// Printed identities and all-ones arrays of a symbolic size read back with several sizes declared
// (#16): a bare I or 𝟏 where its use forces the size (2 Xᵀ X + 2λ I, Aᵀ 𝟏, 𝟏ᵀ x), `I_n` and `𝟏_m`
// where nothing does. Every form of every result is read back in a fresh session with the same
// declarations and compared, at random concrete sizes and values, with the original.
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";
import { float, int, tensor } from "../src/graph/construct.js";
import type { Node } from "../src/graph/node.js";
import { floatValue } from "../src/graph/evalf.js";
import { toText } from "../src/graph/print/forms.js";

/** Three sizes: vectors and matrices of n, m and k. */
const DECLARATIONS =
  "x ∈ ℝ^n; w ∈ ℝ^n; y ∈ ℝ^m; b ∈ ℝ^m; z ∈ ℝ^k; u ∈ ℝ^k; " +
  "A ∈ ℝ^(m×n); X ∈ ℝ^(m×n); B ∈ ℝ^(n×n); S ∈ ℝ^(m×m); C ∈ ℝ^(k×m); λ ∈ ℝ";
const SHAPES: Record<string, string[]> = {
  x: ["n"],
  w: ["n"],
  y: ["m"],
  b: ["m"],
  z: ["k"],
  u: ["k"],
  A: ["m", "n"],
  X: ["m", "n"],
  B: ["n", "n"],
  S: ["m", "m"],
  C: ["k", "m"],
  λ: [],
};

/** A seeded generator (Lehmer), uniform in [0, 1). */
function generator(seed: number) {
  let s = seed;
  return () => {
    s = (s * 16807) % 2147483647;
    return (s - 1) / 2147483646;
  };
}

/** A session where the sizes are numbers and every symbol a random float array of its shape. */
function pointSession(seed: number): Session {
  const rand = generator(seed);
  const dims: Record<string, number> = { n: 2 + Math.floor(rand() * 3), m: 2 + Math.floor(rand() * 3) };
  dims.k = 2 + Math.floor(rand() * 3);
  const s = new Session();
  for (const [d, v] of Object.entries(dims)) s.env.values.set(d, int(v));
  for (const [name, shape] of Object.entries(SHAPES)) {
    const concrete = shape.map((d) => dims[d]);
    const size = concrete.reduce((p, d) => p * d, 1);
    const data = Array.from({ length: size }, () => float(rand() * 2 - 1));
    s.env.values.set(name, concrete.length === 0 ? data[0] : tensor(concrete, data));
  }
  return s;
}

/** The numbers of a value at a point. */
function numbers(s: Session, text: string): { shape: readonly number[]; data: number[] } {
  const [r] = s.run(text);
  if (r.status !== "ok" || !r.value) throw new Error(`${text}: ${r.error?.message}`);
  const v = r.value;
  const entries = v.kind === "tensor" ? v.entries : [v];
  return { shape: v.kind === "tensor" ? v.shape : [], data: entries.map((e) => floatValue(e) ?? NaN) };
}

const SEEDS = [7, 1234, 99991];

/** Each printed form read back with the same declarations is the same value at random sizes and points. */
function expectReadsBack(source: string): { text: string; pretty: string; latex: string } {
  const session = new Session();
  session.run(DECLARATIONS);
  const [r] = session.run(source);
  if (r.status !== "ok" || !r.value) throw new Error(`${source}: ${r.error?.message}`);
  const original = r.value;
  const forms = { text: r.text, pretty: r.pretty, latex: r.latex };
  for (const form of [r.text, r.pretty]) {
    const again = new Session();
    again.run(DECLARATIONS);
    const [back] = again.run(form);
    expect(back.status, `${source} → ${form} reads back: ${back.error?.message}`).toBe("ok");
    const read = back.value as Node;
    expect(read.shape, `${source} → ${form}`).toEqual(original.shape);
    for (const seed of SEEDS) {
      const at = pointSession(seed);
      const want = numbers(at, toText(original));
      const got = numbers(at, toText(read));
      expect(got.shape, `${source} → ${form} at seed ${seed}`).toEqual(want.shape);
      got.data.forEach((g, i) =>
        expect(Math.abs(g - want.data[i]), `${source} → ${form} at seed ${seed}, entry ${i}`).toBeLessThan(
          1e-9 * (1 + Math.abs(want.data[i])),
        ),
      );
    }
  }
  return forms;
}

// Matrix-calculus results over three sizes: gradients, Hessians and Jacobians holding I and 𝟏.
const QUESTIONS = [
  "∇_x (yᵀ A x)",
  "∇_y (yᵀ A x)",
  "∇_x ‖A x − b‖²",
  "∇²_x ‖A x − b‖²",
  "∇_x logsumexp(x)",
  "∇²_x logsumexp(x)",
  "∇²_z logsumexp(z)",
  "∇_x sum(x)",
  "∇_y sum(y)",
  "∇_z sum(z)",
  "∇²_x ‖x‖²",
  "∇²_y ‖y‖²",
  "∇²_z (λ ‖z‖²)",
  "∇²_w (‖X w − y‖² + λ ‖w‖²)",
  "∇_x mean(x)",
  "∇_y mean(y)",
  "jacobian(x, x)",
  "jacobian(2 y + b, y)",
  "jacobian(sum(x) y, x)",
  "jacobian(x sum(y), y)",
  "jacobian(C y + u, y)",
  "jacobian(softmax(z), z)",
  "∂/∂A sum(A)",
  "∂/∂A (yᵀ A x)",
  "∂/∂S log(det(S))",
  "∇_x (sum(x) sum(y))",
  "∇_x sum(A x)",
  "∇_y sum(C y)",
  "∇²_z sum(z)^2",
  "∇²_x (λ ‖x‖² + sum(x)^2)",
  "∇_w (‖X w − y‖² + λ sum(w))",
  "∇²_y (yᵀ S y + sum(y)^2)",
];

describe("I and 𝟏 of a symbolic size read back with several sizes declared", () => {
  it.each(QUESTIONS)("%s", (q) => {
    expectReadsBack(q);
  });

  it("stay bare where their use gives the size, and name it where nothing does", () => {
    expect(expectReadsBack("∇²_w (‖X w − y‖² + λ ‖w‖²)").pretty).toBe("2I λ + 2 Xᵀ X");
    expect(expectReadsBack("∇_y sum(C y)").pretty).toBe("Cᵀ 𝟏");
    expect(expectReadsBack("∇²_x ‖x‖²").pretty).toBe("2 I_n");
    expect(expectReadsBack("∇_y sum(y)").pretty).toBe("𝟏_m");
    expect(expectReadsBack("∇_y sum(y)").latex).toBe("\\mathbf{1}_{m}");
    expect(expectReadsBack("jacobian(sum(x) y, x)").pretty).toBe("y 𝟏_nᵀ");
    expect(expectReadsBack("∂/∂A sum(A)").pretty).toBe("𝟏_{m,n}");
  });

  it("read back bare where the use forces the size: I + M, M I, Aᵀ 𝟏, 𝟏ᵀ x, the other side of a check", () => {
    const s = new Session();
    s.run(DECLARATIONS);
    const shape = (code: string) => {
      const [r] = s.run(code);
      if (r.status !== "ok" || !r.value) throw new Error(`${code}: ${r.error?.message}`);
      return r.value.shape;
    };
    expect(shape("B + I")).toEqual(["n", "n"]);
    expect(shape("S − 2λ I")).toEqual(["m", "m"]);
    expect(shape("Aᵀ 𝟏")).toEqual(["n"]);
    expect(shape("𝟏ᵀ A")).toEqual([1, "n"]);
    expect(shape("𝟏ᵀ z")).toEqual([]);
    expect(shape("A (I + B) x")).toEqual(["m"]);
    expect(shape("y + 𝟏/m")).toEqual(["m"]);
    expect(shape("C 𝟏 𝟏_nᵀ")).toEqual(["k", "n"]);
    const [check] = s.run("check ∇²_z ‖z‖² ≡ 2 I");
    expect(check.verdict).toBe("equivalent");
    // Nothing forces a size and three are declared: 𝟏 alone says how to name one.
    const [alone] = s.run("𝟏");
    expect(alone.status).toBe("error");
    expect(alone.error?.message).toContain("𝟏_n");
  });

  it("where I is the user's own name, every identity names its size", () => {
    const s = new Session();
    s.run("x ∈ ℝ^n; X ∈ ℝ^(n×n)\nI = 5");
    const [r] = s.run("∇²_x (xᵀ X x + ‖x‖²)");
    expect(r.pretty).toBe("2 I_n + X + Xᵀ");
    const [back] = s.run(r.pretty);
    expect(back.text).toBe(r.text);
  });

  it("with one size declared, a lone I and 𝟏 still print bare", () => {
    const s = new Session();
    s.run("x ∈ ℝ^n");
    const [ones] = s.run("∇_x sum(x)");
    expect(ones.pretty).toBe("𝟏");
    const [eye] = s.run("∇²_x ‖x‖²");
    expect(eye.pretty).toBe("2I");
  });
});

// Generated values built from I(·) and ones(·) of three sizes in sums, products, transposes and
// scalings: whatever the engine makes of them, the pretty form reads back to the same value.
function generated(seed: number, count: number): string[] {
  const rand = generator(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const vectorOf: Record<string, string> = { n: "x", m: "y", k: "z" };
  const squareOf: Record<string, string[]> = { n: ["B", "Aᵀ A"], m: ["S", "A Aᵀ"], k: ["C Cᵀ"] };
  const sizes = ["n", "m", "k"];
  const square = (s: string, depth: number): string => {
    if (depth <= 0) return pick([`I(${s})`, `ones(${s}) ones(${s})ᵀ`, ...squareOf[s]]);
    const a = () => square(s, depth - 1);
    return pick([
      () => `${a()} + ${a()}`,
      () => `${a()} - ${a()}`,
      () => `λ (${a()})`,
      () => `(${a()}) (${a()})`,
      () => `(${a()})ᵀ`,
      () => `2 I(${s}) + ${a()}`,
      () => `(${a()})/${s}`,
      () => `tr(I(${pick(sizes)})) ${a()}`,
      () => `sum(ones(${pick(sizes)})) ${a()} + ${a()}`,
      () => `${a()} ⊙ ${a()}`,
    ])();
  };
  const vector = (s: string, depth: number): string => {
    if (depth <= 0) return pick([`ones(${s})`, vectorOf[s], `ones(${s})/${s}`]);
    const v = () => vector(s, depth - 1);
    return pick([
      () => `${v()} + ${v()}`,
      () => `(${square(s, depth - 1)}) ${v()}`,
      () => `sum(${vectorOf[pick(sizes)]}) ${v()}`,
      () =>
        s === "n"
          ? `Aᵀ (${vector("m", depth - 1)})`
          : s === "m"
            ? `A (${vector("n", depth - 1)})`
            : `C (${vector("m", depth - 1)})`,
      () => `${v()} - λ ${v()}`,
      () => `${v()} ⊙ ${v()}`,
      () => `((${v()})ᵀ ${v()}) ${v()}`,
    ])();
  };
  const rectangle = (depth: number): string => {
    const r = pick(sizes);
    const c = pick(sizes);
    return pick([
      () => `(${vector(r, depth)}) (${vector(c, depth)})ᵀ`,
      () => `ones(${r}) ones(${c})ᵀ`,
      () => `(${square(r, depth)}) ones(${r}) ones(${c})ᵀ`,
      () => `ones(${r}) (${vector(c, depth)})ᵀ + ones(${r}) ones(${c})ᵀ`,
    ])();
  };
  return Array.from({ length: count }, () => {
    const depth = 1 + Math.floor(rand() * 2);
    return pick([() => square(pick(sizes), depth), () => vector(pick(sizes), depth), () => rectangle(depth - 1)])();
  });
}

describe("generated values with identities and all-ones arrays of three sizes", () => {
  it.each(generated(16, 100))("%s reads back", (source) => {
    expectReadsBack(source);
  });
});
