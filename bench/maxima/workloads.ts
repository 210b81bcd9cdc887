// Issue 18's workloads as a Nabla program and a Maxima program that compute (and print) the same
// thing. `r` renames the variables so no round reuses another's results (Nabla interns nodes,
// Maxima memoises some simplifications).
export interface Workload {
  name: string;
  nabla: (r: number) => string;
  maxima: (r: number) => string;
}

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** 100 nested elementary expressions in x, in the syntax both read (a placeholder X for the variable). */
function nestedExpressions(count: number): string[] {
  const next = random(18);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const build = (depth: number): string => {
    if (depth === 0 || next() < 0.15) return next() < 0.7 ? "X" : String(2 + Math.floor(next() * 5));
    const r = next();
    const a = () => build(depth - 1);
    if (r < 0.2) return `(${a()} + ${a()})`;
    if (r < 0.4) return `(${a()}*${a()})`;
    if (r < 0.5) return `(${a()})^${pick([2, 3])}`;
    if (r < 0.58) return `log(${a()}^2 + 1)`;
    if (r < 0.64) return `sqrt(${a()}^2 + 2)`;
    return `${pick(["sin", "cos", "exp", "tanh"])}(${a()})`;
  };
  const out: string[] = [];
  while (out.length < count) {
    const e = build(4);
    if (e.includes("X") && e.length < 200) out.push(e);
  }
  return out;
}

const NESTED = nestedExpressions(100);

function quartic(n: number, r: number): { f: string; vars: string[] } {
  const vars = Array.from({ length: n }, (_, i) => `x${r}_${i + 1}`);
  const terms: string[] = [];
  for (let i = 0; i < n; i++) {
    terms.push(`${(i % 3) + 1}*${vars[i]}^4`);
    terms.push(`${vars[i]}^2*${vars[(i + 1) % n]}^2`);
    terms.push(`${(i % 5) + 1}*${vars[i]}*${vars[(i + 2) % n]}`);
  }
  return { f: terms.join(" + "), vars };
}

/** An invertible integer matrix (strictly diagonally dominant), different each round. */
function integerMatrix(n: number, r: number): number[][] {
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => ((i * 7 + j * 13 + i * j + r) % 19) - 9 + (i === j ? 10 * n : 0)),
  );
}

const nablaMatrix = (m: number[][]) => `[${m.map((row) => row.join(", ")).join("; ")}]`;
const maximaMatrix = (m: number[][]) => `matrix(${m.map((row) => `[${row.join(",")}]`).join(",")})`;

export function hessianWorkload(n: number): Workload {
  return {
    name: `Hessian of a quartic, n = ${n}`,
    nabla: (r) => {
      const q = quartic(n, r);
      return `H${r} = hessian(${q.f}, [${q.vars.join(", ")}]);\ntr(H${r})`;
    },
    maxima: (r) => {
      const q = quartic(n, r);
      return `H${r}: hessian(${q.f}, [${q.vars.join(",")}])$\nexpand(sum(H${r}[i,i], i, 1, ${n}));`;
    },
  };
}

export function seriesWorkload(order: number): Workload {
  return {
    name: `series of exp(sin x), order ${order}`,
    nabla: (r) => `taylor(exp(sin(t${r})), t${r} = 0, ${order})`,
    maxima: (r) => `taylor(exp(sin(t${r})), t${r}, 0, ${order});`,
  };
}

export function inverseWorkload(n: number): Workload {
  return {
    name: `exact inverse of an integer matrix, n = ${n}`,
    nabla: (r) => `A${r} = ${nablaMatrix(integerMatrix(n, r))};\nB${r} = inv(A${r});\nB${r}[1, 1]`,
    maxima: (r) => `A${r}: ${maximaMatrix(integerMatrix(n, r))}$\nB${r}: invert(A${r})$\nB${r}[1,1];`,
  };
}

export function detWorkload(n: number): Workload {
  return {
    name: `exact determinant of an integer matrix, n = ${n}`,
    nabla: (r) => `A${r} = ${nablaMatrix(integerMatrix(n, r))};\ndet(A${r})`,
    // Maxima's determinant with ratmx (elimination in canonical rational form) is its fastest here:
    // newdet (Gentleman–Johnson minors) stops at 50 × 50 and took 2.6 s CPU at n = 20 where this takes < 10 ms.
    maxima: (r) => `A${r}: ${maximaMatrix(integerMatrix(n, r))}$\nblock([ratmx: true], determinant(A${r}));`,
  };
}

/** An integer linear system A x = b in n unknowns (A as in the inverse workload), solved exactly. */
export function linearSolveWorkload(n: number): Workload {
  const system = (r: number) => {
    const A = integerMatrix(n, r);
    const vars = Array.from({ length: n }, (_, i) => `y${r}_${i + 1}`);
    const equations = A.map(
      (row, i) => `${row.map((a, j) => `(${a})*${vars[j]}`).join(" + ")} = ${((i * 5 + r) % 11) - 5}`,
    );
    return { equations, vars };
  };
  return {
    name: `exact solve of an integer linear system, n = ${n}`,
    nabla: (r) => {
      const { equations, vars } = system(r);
      return `s${r} = solve([${equations.join(", ")}], [${vars.join(", ")}]);\ns${r}`;
    },
    maxima: (r) => {
      const { equations, vars } = system(r);
      return `s${r}: linsolve([${equations.join(", ")}], [${vars.join(", ")}])$\nfirst(s${r});`;
    },
  };
}

export const WORKLOADS: Workload[] = [
  {
    name: "100 derivatives of nested elementary expressions",
    nabla: (r) => NESTED.map((e) => `diff(${e.replaceAll("X", `u${r}`)}, u${r})`).join("\n"),
    maxima: (r) => NESTED.map((e) => `diff(${e.replaceAll("X", `u${r}`)}, u${r});`).join("\n"),
  },
  hessianWorkload(10),
  hessianWorkload(20),
  seriesWorkload(6),
  seriesWorkload(12),
  seriesWorkload(30),
  {
    name: "3-variable Lagrange system",
    nabla: (r) => `lagrange(a${r} b${r} c${r}, a${r} + b${r} + c${r} = 3)`,
    maxima: (r) =>
      `algsys([b${r}*c${r} - l${r}, a${r}*c${r} - l${r}, a${r}*b${r} - l${r}, a${r} + b${r} + c${r} - 3], [a${r}, b${r}, c${r}, l${r}]);`,
  },
  inverseWorkload(20),
  inverseWorkload(40),
  linearSolveWorkload(20),
  linearSolveWorkload(40),
  {
    name: "1,000 equivalence checks",
    nabla: (r) =>
      checks(r)
        .map(([a, b]) => `check d/dv${r} (${a}) == ${b}`)
        .join("\n"),
    maxima: (r) =>
      checks(r)
        .map(([a, b]) => `is(ratsimp(diff(${a}, v${r}) - (${b})) = 0);`)
        .join("\n"),
  },
];

function checks(r: number): [string, string][] {
  const out: [string, string][] = [];
  for (let k = 0; k < 1000; k++) {
    const a = k + 1 + r;
    const p = (k % 5) + 2;
    out.push([`${a}*v${r}^${p} + sin(${a}*v${r})`, `${a * p}*v${r}^${p - 1} + ${a}*cos(${a}*v${r})`]);
  }
  return out;
}

/** Growth tables: sizes per family. */
export const GROWTH: { family: string; sizes: number[]; make: (n: number) => Workload }[] = [
  { family: "series of exp(sin x), order", sizes: [4, 8, 16, 32, 64, 100, 128, 256], make: seriesWorkload },
  { family: "exact inverse, n", sizes: [5, 10, 20, 40, 80], make: inverseWorkload },
  { family: "exact determinant, n", sizes: [5, 10, 20, 40, 80], make: detWorkload },
  { family: "Hessian of a quartic, n", sizes: [5, 10, 20, 40, 80], make: hessianWorkload },
];
