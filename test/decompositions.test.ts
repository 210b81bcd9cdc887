// svd and eig on generated matrices. svd: rank-deficient and zero matrices of every shape give
// orthogonal U (m × m) and V (n × n), U Σ Vᵀ = A, and NumPy's singular values. eig: complex
// eigenvalues are numbers a + b·i that read back as the same value, each pair of a real matrix
// conjugate, their sum the trace and their product the determinant, with A v = λ v.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";
import type { Node } from "../src/graph/node.js";
import { sym, ZERO } from "../src/graph/construct.js";
import { floatValue } from "../src/graph/evalf.js";
import { childrenOf } from "../src/graph/traverse.js";
import { differentiate } from "../src/engine/differentiate.js";
import { substitute } from "../src/engine/substitute.js";
import { seededRandom } from "./helpers/random.js";
import { field, run } from "./helpers/results.js";
import { toPretty, toText } from "../src/graph/print/forms.js";

function matrixOf(n: Node): number[][] {
  const t = n as Node & { kind: "tensor" };
  const [rows, columns] = t.shape.length === 2 ? t.shape : [t.shape[0], 1];
  return Array.from({ length: rows }, (_, i) =>
    Array.from({ length: columns }, (_, j) => floatValue(t.entries[i * columns + j])!),
  );
}

const source = (A: number[][]) => `[${A.map((row) => row.join(", ")).join("; ")}]`;

/** A random m × n integer matrix of rank at most r (a product of m × r and r × n factors). */
function lowRank(random: () => number, m: number, n: number, r: number): number[][] {
  const int = () => Math.floor(random() * 7) - 3;
  const B = Array.from({ length: m }, () => Array.from({ length: r }, int));
  const C = Array.from({ length: r }, () => Array.from({ length: n }, int));
  if (r === 0) return Array.from({ length: m }, () => new Array<number>(n).fill(0));
  return B.map((row) => C[0].map((_, j) => row.reduce((s, x, k) => s + x * C[k][j], 0)));
}

const I = sym("i");

/** re + im·i of a value that is linear in i. */
function complexOf(n: Node): [number, number] {
  return [floatValue(substitute(n, new Map([[I, ZERO]])))!, floatValue(differentiate(n, I))!];
}

function numeric(n: Node): boolean {
  return n.kind === "float" || childrenOf(n).some(numeric);
}

describe("svd", () => {
  it("of zero and rank-deficient matrices: orthogonal U and V, U Σ Vᵀ = A, NumPy's singular values", () => {
    const random = seededRandom(2024);
    const cases: number[][][] = [
      [
        [0, 0, 0],
        [0, 0, 0],
      ],
      [
        [1, 2],
        [2, 4],
      ],
    ];
    while (cases.length < 40) {
      const [m, n] = [2 + Math.floor(random() * 4), 2 + Math.floor(random() * 4)];
      cases.push(lowRank(random, m, n, Math.floor(random() * Math.min(m, n))));
    }
    const numpy = JSON.parse(
      execFileSync(
        "/usr/bin/python3",
        [
          "-c",
          "import json,sys,numpy as np; print(json.dumps([np.linalg.svd(np.array(a, dtype=float), compute_uv=False).tolist() for a in json.load(sys.stdin)]))",
        ],
        { input: JSON.stringify(cases) },
      ).toString(),
    ) as number[][];
    const s = new Session();
    cases.forEach((A, c) => {
      const { value } = run(s, `svd(${source(A)})`);
      const [m, n] = [A.length, A[0].length];
      const U = matrixOf(field(value, "U"));
      const V = matrixOf(field(value, "V"));
      const S = (field(value, "Σ") as Node & { kind: "tensor" }).entries.map((e) => floatValue(e)!);
      expect([U.length, U[0].length, V.length, V[0].length, S.length]).toEqual([m, m, n, n, Math.min(m, n)]);
      S.forEach((x, k) => expect(x).toBeCloseTo(numpy[c][k], 9));
      for (const [Q, k] of [
        [U, m],
        [V, n],
      ] as const)
        for (let i = 0; i < k; i++)
          for (let j = 0; j < k; j++)
            expect(Q.reduce((sum, row) => sum + row[i] * row[j], 0)).toBeCloseTo(i === j ? 1 : 0, 12);
      for (let i = 0; i < m; i++)
        for (let j = 0; j < n; j++)
          expect(S.reduce((sum, x, k) => sum + U[i][k] * x * V[j][k], 0)).toBeCloseTo(A[i][j], 10);
    });
  });
});

describe("eig with complex eigenvalues", () => {
  it("prints them as numbers with i, in text and LaTeX", () => {
    const s = new Session();
    const [r] = s.run("eig([0, 1; -1, 0])");
    expect(r.text).toBe("λ1 = i, v1 = [-i, 1]; λ2 = -i, v2 = [i, 1]");
    expect(r.latex).not.toContain('"');
    expect(run(s, "eig([1, 2; -3, 1])").text).toMatch(/^λ1 = sqrt\(6\)\*i \+ 1/);
  });

  it("on generated 2 × 2 and 3 × 3 matrices: conjugate pairs, trace and determinant, A v = λ v, and read back", () => {
    const random = seededRandom(77);
    const int = () => Math.floor(random() * 9) - 4;
    const s = new Session();
    let done = 0;
    while (done < 30) {
      const n = done % 2 === 0 ? 2 : 3;
      const A = Array.from({ length: n }, () => Array.from({ length: n }, int));
      const { value } = run(s, `eig(${source(A)})`);
      const values = (field(value, "values") as Node & { kind: "tuple" }).items;
      const lambdas = values.map(complexOf);
      if (lambdas.every(([, im]) => im === 0)) continue;
      const trace = A.reduce((t, row, i) => t + row[i], 0);
      expect(lambdas.reduce((t, [re]) => t + re, 0)).toBeCloseTo(trace, 9);
      expect(lambdas.reduce((t, [, im]) => t + im, 0)).toBeCloseTo(0, 9);
      const product = lambdas.reduce(([a, b], [c, d]) => [a * c - b * d, a * d + b * c], [1, 0]);
      const det = Number(run(s, `det(${source(A)})`).text);
      expect(product[0]).toBeCloseTo(det, 8);
      expect(product[1]).toBeCloseTo(0, 8);
      // Exact values read back as the same node (text and pretty), decimals as the same numbers (text).
      for (const lambda of values) {
        if (numeric(lambda))
          complexOf(run(s, toText(lambda)).value).forEach((x, k) => expect(x).toBeCloseTo(complexOf(lambda)[k], 12));
        else for (const printed of [toText(lambda), toPretty(lambda)]) expect(run(s, printed).value).toBe(lambda);
      }
      const vectors = (value as Node & { kind: "record" }).fields.find((f) => f.name === "vectors")?.value;
      if (vectors?.kind === "tuple" && vectors.items.length) {
        vectors.items.forEach((v, k) => {
          const entries = (v as Node & { kind: "tensor" }).entries.map(complexOf);
          const [re, im] = lambdas[k];
          A.forEach((row, i) => {
            const Av = row.reduce(([a, b], x, j) => [a + x * entries[j][0], b + x * entries[j][1]], [0, 0]);
            const lv = [re * entries[i][0] - im * entries[i][1], re * entries[i][1] + im * entries[i][0]];
            expect(Av[0]).toBeCloseTo(lv[0], 8);
            expect(Av[1]).toBeCloseTo(lv[1], 8);
          });
        });
      }
      done++;
    }
  });
});
