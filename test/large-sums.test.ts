// Sums, products, means, traces, norms and matrix products of arrays as large as the entry limit
// allows (1,000 × 1,000), Σ over many terms, and long expressions as users type them, are results,
// or a limit error that says which limit: never "nested too deeply" from a stack overflow (the sum
// of a 400 × 400 matrix's entries passed 160,000 arguments to one call), and never minutes of work.
// Every expected value is computed here, from the entries, in bigint arithmetic.
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";

/** The last statement's result, which must be a value. */
function value(program: string, session = new Session()): string {
  const results = session.run(program);
  const failed = results
    .filter((r) => r.status === "error")
    .map((r) => `${r.source.slice(0, 40)}: ${r.error?.message}`);
  expect(failed).toEqual([]);
  return results.at(-1)!.text;
}

/** The last statement's error, which must be one. */
function failure(program: string) {
  const last = new Session().run(program).at(-1)!;
  expect(last.status).toBe("error");
  return last.error!;
}

/** Whole numbers from a seeded generator (a linear congruential one), in lo..hi. */
function integers(count: number, seed: number, lo = -9, hi = 9): bigint[] {
  let state = seed;
  return Array.from({ length: count }, () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return BigInt(lo + (state % (hi - lo + 1)));
  });
}

/**
 * A session for the largest arrays: each statement takes a second or two on an idle machine; the
 * time limit is raised so a loaded test machine does not fail them (these tests are about sizes).
 */
const roomy = () => new Session({ limits: { timeMs: 60_000 } });

const total = (xs: readonly bigint[]) => xs.reduce((s, x) => s + x, 0n);
const list = (xs: readonly bigint[]) => `[${xs.join(", ")}]`;

describe("ones, zeros and I of every size up to the entry limit", () => {
  it.each([10, 100, 400, 1000])("n = %i: sum, mean, trace, transpose, entrywise product, norms", (n) => {
    const s = roomy();
    value(`A = ones(${n}, ${n}); Z = zeros(${n}, ${n}); E = I(${n}); v = ones(${n});`, s);
    expect(value("sum(A)", s)).toBe(`${n * n}`);
    expect(value("sum(Z)", s)).toBe("0");
    expect(value("sum(E)", s)).toBe(`${n}`);
    expect(value("sum(Aᵀ)", s)).toBe(`${n * n}`);
    expect(value("sum(A ⊙ E)", s)).toBe(`${n}`);
    expect(value("sum(A .* A)", s)).toBe(`${n * n}`);
    expect(value("tr(A)", s)).toBe(`${n}`);
    expect(value("tr(E)", s)).toBe(`${n}`);
    expect(value("mean(v)", s)).toBe("1");
    expect(value("mean(A)", s)).toBe(list(Array.from({ length: n }, () => 1n)));
    expect(value("sum(A v)", s)).toBe(`${n * n}`);
    expect(value('norm(A, "F")', s)).toBe(`${n}`);
    expect(value("norm(v, 1)", s)).toBe(`${n}`);
    expect(value("norm(v)^2", s)).toBe(`${n}`);
    expect(value('norm(E, "F")^2', s)).toBe(`${n}`);
    expect(value("sum(2A - E)", s)).toBe(`${2 * n * n - n}`);
  });

  it.each([10, 100, 400])("n = %i: products of matrices", (n) => {
    const s = roomy();
    value(`A = ones(${n}, ${n}); E = I(${n});`, s);
    expect(value("sum(A A)", s)).toBe(`${n ** 3}`);
    expect(value("sum(E A)", s)).toBe(`${n * n}`);
    expect(value("(A * A)[1, 1]", s)).toBe(`${n}`);
  });

  it("det of small ones", () => {
    for (const n of [1, 2, 5, 10, 40]) {
      expect(value(`det(I(${n}))`)).toBe("1");
      expect(value(`det(ones(${n}, ${n}))`)).toBe(n === 1 ? "1" : "0");
      // I + J has eigenvalues n + 1 (once) and 1.
      expect(value(`det(I(${n}) + ones(${n}, ${n}))`)).toBe(`${n + 1}`);
    }
  });
});

describe("random integer matrices A = u ⊗ w + diag(d)", () => {
  it.each([
    [10, 1],
    [100, 2],
    [400, 3],
    [1000, 4],
  ])("n = %i, seed %i: sum, trace, transpose, mean, norm, matrix–vector and entrywise", (n, seed) => {
    const [u, w, d, x] = [0, 1, 2, 3].map((k) => integers(n, 7 * seed + k));
    const entry = (i: number, j: number) => u[i] * w[j] + (i === j ? d[i] : 0n);
    const s = roomy();
    value(`u = ${list(u)}; w = ${list(w)}; d = ${list(d)}; x = ${list(x)}; A = u ⊗ w + diag(d);`, s);
    const sum = total(u) * total(w) + total(d);
    expect(value("sum(A)", s)).toBe(`${sum}`);
    expect(value("sum(Aᵀ)", s)).toBe(`${sum}`);
    expect(value("tr(A)", s)).toBe(`${total(u.map((ui, i) => ui * w[i] + d[i]))}`);
    let squares = 0n;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) squares += entry(i, j) ** 2n;
    expect(value('norm(A, "F")^2', s)).toBe(`${squares}`);
    expect(value("sum(A ⊙ A)", s)).toBe(`${squares}`);
    // A x, entry by entry: u (w·x) + d ⊙ x.
    const wx = total(w.map((wj, j) => wj * x[j]));
    expect(value("A x", s)).toBe(list(u.map((ui, i) => ui * wx + d[i] * x[i])));
    expect(value("mean(x)", s)).toBe(
      (() => {
        const t = total(x);
        const g = gcd(t < 0n ? -t : t, BigInt(n));
        const [p, q] = [t / g, BigInt(n) / g];
        return q === 1n ? `${p}` : `${p}/${q}`;
      })(),
    );
    const [i, j] = [n - 1, Math.floor(n / 3)];
    expect(value(`A[${i + 1}, ${j + 1}]`, s)).toBe(`${entry(i, j)}`);
    expect(value(`Aᵀ[${j + 1}, ${i + 1}]`, s)).toBe(`${entry(i, j)}`);
  });

  it.each([
    [10, 5],
    [100, 6],
    [300, 7],
  ])("n = %i, seed %i: A B, entries and sum", (n, seed) => {
    const [u, w, d, p, q, e] = [0, 1, 2, 3, 4, 5].map((k) => integers(n, 11 * seed + k, -30, 30));
    const a = (i: number, j: number) => u[i] * w[j] + (i === j ? d[i] : 0n);
    const b = (i: number, j: number) => p[i] * q[j] + (i === j ? e[i] : 0n);
    const s = new Session();
    value(
      `A = ${list(u)} ⊗ ${list(w)} + diag(${list(d)}); B = ${list(p)} ⊗ ${list(q)} + diag(${list(e)}); C = A B;`,
      s,
    );
    for (const [i, j] of [
      [0, 0],
      [n - 1, 0],
      [Math.floor(n / 2), n - 1],
    ]) {
      let c = 0n;
      for (let k = 0; k < n; k++) c += a(i, k) * b(k, j);
      expect(value(`C[${i + 1}, ${j + 1}]`, s)).toBe(`${c}`);
    }
    // sum(A B) = 1ᵀ A B 1 = (column sums of A) · (row sums of B).
    let sum = 0n;
    for (let k = 0; k < n; k++) {
      let column = 0n;
      let row = 0n;
      for (let i = 0; i < n; i++) column += a(i, k);
      for (let j = 0; j < n; j++) row += b(k, j);
      sum += column * row;
    }
    expect(value("sum(C)", s)).toBe(`${sum}`);
  });

  it("a product whose sums pass 2⁵³ is still exact", () => {
    const big = 2n ** 40n + 3n;
    expect(value(`[${big}, 1; 1, 1] [${big}, 1; 1, 1]`)).toBe(`[${big * big + 1n}, ${big + 1n}; ${big + 1n}, 2]`);
    expect(value("[1/2, 1; 2, 3] [1, 2; 3, 4]")).toBe("1/2*[7, 10; 22, 32]");
  });
});

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

describe("Σ over many terms", () => {
  it("written out up to the term limit", () => {
    expect(value("sum(i^2, i = 1..100000)")).toBe(`${(100000n * 100001n * 200001n) / 6n}`);
    expect(value("sum(i x^i, i = 1..3)")).toBe("3*x^3 + 2*x^2 + x");
    const h = value("h = sum(1/i, i = 1..20000); N(h)");
    expect(Number(h)).toBeCloseTo(10.480728217229327, 12);
    const s = new Session();
    value("s = Σ_{i=1}^{100000} x_i; g = sum(i^2 x_i^2, i = 1..30000);", s);
    expect(value("diff(s, x_5)", s)).toBe("1");
    expect(value("diff(g, x_7)", s)).toBe("98*x_7");
  });

  it("past the term limit, in closed form where the body has one", () => {
    const n = 10n ** 9n;
    expect(value("sum(i^2, i = 1..10^9)")).toBe(`${(n * (n + 1n) * (2n * n + 1n)) / 6n}`);
    expect(value("sum(i, i = 1..1000000)")).toBe("500000500000");
    expect(value("Σ_{i=1}^{10^6} i^3")).toBe(`${((10n ** 6n * (10n ** 6n + 1n)) / 2n) ** 2n}`);
    expect(value("sum(3 i + 2, i = 1..10^6)")).toBe(`${3n * ((10n ** 6n * (10n ** 6n + 1n)) / 2n) + 2n * 10n ** 6n}`);
    expect(value("sum(i^2, i = -10^6..10^6)")).toBe(
      `${(2n * (10n ** 6n * (10n ** 6n + 1n) * (2n * 10n ** 6n + 1n))) / 6n}`,
    );
    expect(value("sum(x^i, i = 1..10^6)")).toBe("(x^1000001 - x)/(x - 1)");
  });

  it("else a limit error that names the limit", () => {
    for (const program of ["sum(sin(i), i = 1..10^6)", "prod(i, i = 1..10^6)", "Σ_{i=1}^{150000} x_i"]) {
      const error = failure(program);
      expect(error.kind).toBe("limit");
      expect(error.message).toMatch(/too long to write out; the limit is 100,000 terms/);
    }
    expect(failure("sum(2^i, i = 1..10^9)").message).toMatch(/exponent 1000000001 is too large/);
  });

  it("a number has nothing to factor (the closed form's last step)", () => {
    expect(value("factor(5)")).toBe("5");
    expect(value("factor(1/3)")).toBe("1/3");
  });
});

describe("long expressions as typed", () => {
  const TERMS = 20_000;
  const chain = (term: (i: number) => string, op: string) => Array.from({ length: TERMS }, (_, i) => term(i)).join(op);

  it("20,000 terms or factors of every operator of a level", () => {
    expect(value(chain(() => "x", " + "))).toBe(`${TERMS}*x`);
    expect(value(chain(() => "x", "*"))).toBe(`x^${TERMS}`);
    expect(value(chain(() => "x", "/"))).toBe(`1/x^${TERMS - 2}`);
    expect(value(chain(() => "x", " ⊙ "))).toBe(`x^${TERMS}`);
    expect(value(chain(() => "x", " · "))).toBe(`x^${TERMS}`);
    expect(value(chain((i) => `${i}`, "+"))).toBe(`${(TERMS * (TERMS - 1)) / 2}`);
    expect(value(`1${"+1".repeat(2 * TERMS)}`)).toBe(`${2 * TERMS + 1}`);
  });

  it("a mixed chain of *, /, · and ⊙ keeps each operator's meaning", () => {
    const ops = ["*", "/", "·", "⊙", " "];
    const picks = integers(TERMS, 99, 0, ops.length - 1).map(Number);
    const text = `x${picks.map((k) => `${ops[k]}x`).join("")}`;
    const exponent = 1 + picks.filter((k) => k !== 1).length - picks.filter((k) => k === 1).length;
    expect(value(text)).toBe(exponent === 1 ? "x" : exponent > 0 ? `x^${exponent}` : `1/x^${-exponent}`);
    expect(value(chain((i) => `y_${i}`, "/")).startsWith("y_0/(")).toBe(true);
    const quotients = Array.from({ length: 8000 }, (_, i) => `x_${i % 100}/y_${i % 100}`).join(" + ");
    expect(value(quotients)).toMatch(/^80\*x_0\/y_0 \+ 80\*x_1\/y_1/);
  });

  it("a chain of arrays multiplies pairwise", () => {
    const product = Array.from({ length: 2000 }, () => "[1, 2]").join(" ⊙ ");
    expect(value(product)).toBe(`[1, ${2n ** 2000n}]`);
    expect(value(Array.from({ length: 5000 }, () => "[1, 2; 3, 4]").join(" + "))).toBe("[5000, 10000; 15000, 20000]");
    expect(value(`[1, 2] ${Array.from({ length: 3000 }, () => "/ 2").join(" ")}`)).toBe(
      `[1/${2n ** 3000n}, 1/${2n ** 2999n}]`,
    );
  });

  it("deep nesting is a limit error, not a crash", () => {
    for (const program of [`${"(".repeat(5000)}x${")".repeat(5000)}`, `${"[".repeat(5000)}1${"]".repeat(5000)}`]) {
      const error = failure(program);
      expect(error.kind).toBe("limit");
      expect(error.message).toMatch(/nested 5000 deep; the limit is 100/);
    }
    for (const program of [Array.from({ length: 5000 }, () => "2").join("^"), `${"-".repeat(20000)}x`]) {
      const error = failure(program);
      expect(error.kind).toBe("limit");
      expect(error.message).toMatch(/nested/);
    }
  });
});

describe("large results print", () => {
  it("a 400 × 400 matrix and a sum of 20,000 terms are written out", () => {
    // Programs in names, not literal run("…"): test/roundtrip.test.ts reads those results back, and
    // these are longer than a cell may be (200,000 characters).
    const [square, series] = ["ones(400, 400)", "sum(i x^i, i = 1..20000)"];
    const [matrix] = new Session().run(square);
    expect(matrix.text.length).toBe(400 * 400 * 3);
    expect(matrix.text.startsWith("[1, 1, 1")).toBe(true);
    expect(matrix.latex.startsWith("\\begin{bmatrix} 1 & 1")).toBe(true);
    const [sum] = new Session().run(series);
    expect(sum.text.startsWith("20000*x^20000 + 19999*x^19999")).toBe(true);
    expect(sum.text.endsWith(" + x")).toBe(true);
  });

  it("past the printer's bound, a note says the value is too large to print", () => {
    // Not a literal run("…") either: a note is not a value to read back.
    const million = "ones(1000, 1000)";
    const [r] = new Session().run(million);
    expect(r.status).toBe("ok");
    expect(r.pretty).toBe("(too large to print: over 200,000 terms written out)");
  });
});
