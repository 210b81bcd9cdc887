// Exact linear algebra workloads, the same data for Nabla and SymPy: each is a Nabla statement and a
// SymPy program that print the same answer.
function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648);
}

function integerMatrix(n: number, seed: number): number[][] {
  const next = lcg(seed);
  return Array.from({ length: n }, () => Array.from({ length: n }, () => (next() % 19) - 9));
}

function rationalMatrix(n: number, seed: number): string[][] {
  const next = lcg(seed);
  return Array.from({ length: n }, () => Array.from({ length: n }, () => `${(next() % 19) - 9}/${(next() % 7) + 1}`));
}

const nablaMatrix = (rows: (number | string)[][]) => `[${rows.map((r) => r.join(", ")).join("; ")}]`;
const sympyMatrix = (rows: (number | string)[][]) =>
  `Matrix([${rows.map((r) => `[${r.map((x) => `Rational("${x}")`).join(", ")}]`).join(", ")}])`;

export interface Workload {
  name: string;
  nabla: string;
  sympy: string;
}

const square = integerMatrix(10, 1);
const rational = rationalMatrix(8, 2);

export const WORKLOADS: Workload[] = [
  {
    name: "square of a 10×10 integer matrix",
    nabla: `M = ${nablaMatrix(square)}\nsum(M M)`,
    sympy: `M = ${sympyMatrix(square)}\nprint(sum(M*M))`,
  },
  {
    name: "exact inverse of the 6×6 Hilbert matrix",
    nabla: `sum(inv([${Array.from({ length: 6 }, (_, i) => Array.from({ length: 6 }, (_, j) => `1/${i + j + 1}`).join(", ")).join("; ")}]))`,
    sympy: `print(sum(Matrix(6, 6, lambda i, j: Rational(1, i + j + 1)).inv()))`,
  },
  {
    name: "determinant of an 8×8 rational matrix",
    nabla: `det(${nablaMatrix(rational)})`,
    sympy: `M = ${sympyMatrix(rational)}\nprint(M.det())`,
  },
];
