// A generated class for homework 2 (notebooks/homework/hw2-*.ipynb): right answers in many forms,
// partial credit, sign and factor errors, parse errors, answers computed with forbidden operators
// (directly or through a chain of names), numbers inside and outside the tolerances, and students
// who redefine the names the key uses to rig it. Every score is decided here, before grading.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gradeId, parseNotebook, toSourceLines, type Cell, type Notebook } from "../../src/grading/notebook.js";

type Pool = { source: string; points: number }[];

export const TESTS = {
  q1: "q1_test",
  q2: "q2_test",
  q3: "q3_test",
  q4: "q4_test",
  q5: "q5_test",
  q6: "q6_test",
} as const;
type Question = keyof typeof TESTS;

const POOLS: Record<Exclude<Question, "q3" | "q4">, Pool> = {
  q1: [
    { source: "q1 = 2σ(2x)(1 - σ(2x))", points: 2 },
    { source: "q1 = 2σ(2x) - 2σ(2x)^2", points: 2 },
    { source: "q1 = 2exp(-2x) / (1 + exp(-2x))^2", points: 2 },
    { source: "q1 = 2sigma(2x)(1 - sigma(2x))", points: 2 },
    { source: "s = σ(2x)\nq1 = 2s(1 - s)", points: 2 },
    { source: "q1 = σ(2x)(1 - σ(2x))", points: 1 },
    { source: "q1 = -2σ(2x)(1 - σ(2x))", points: 0 },
    { source: "q1 = 4σ(2x)(1 - σ(2x))", points: 0 },
    { source: "q1 = 2σ(2x)(1 + σ(2x))", points: 0 },
    { source: "q1 = d/dx σ(2x)", points: 0 },
    { source: "q1 = diff(σ(2x), x)", points: 0 },
    { source: "s(u) = σ(2u)\nq1 = s'(x)", points: 0 },
    { source: "h = ∂/∂x σ(2x)\nk = h / 2\nq1 = 2k", points: 0 },
    { source: "q1 = (∇ σ(2x))[1]", points: 0 },
    { source: "q1 = 2σ(2x)(1 - σ(2x)", points: 0 },
    { source: "# YOUR ANSWER HERE", points: 0 },
  ],
  q2: [
    {
      source:
        "z_1 = w_1 x + b_1\nz_2 = w_2 σ(z_1) + b_2\ngb2 = 2(σ(z_2) - y) σ(z_2)(1 - σ(z_2))\ngw1 = w_2 gb2 σ(z_1)(1 - σ(z_1)) x",
      points: 3,
    },
    { source: "gb2 = 2(yhat(x) - y) yhat(x)(1 - yhat(x))\ngw1 = gb2 w_2 a_1(x)(1 - a_1(x)) x", points: 3 },
    {
      source: "δ_2 = 2(yhat(x) - y) yhat(x)(1 - yhat(x))\nδ_1 = w_2 δ_2 a_1(x)(1 - a_1(x))\ngb2 = δ_2\ngw1 = δ_1 x",
      points: 3,
    },
    {
      source: "z_1 = w_1 x + b_1\nz_2 = w_2 σ(z_1) + b_2\ngb2 = 2(σ(z_2) - y) σ(z_2)(1 - σ(z_2))\ngw1 = w_2 gb2 x",
      points: 2,
    },
    { source: "gb2 = -2(yhat(x) - y) yhat(x)(1 - yhat(x))\ngw1 = -gb2 w_2 a_1(x)(1 - a_1(x)) x", points: 2 },
    { source: "gb2 = 2(yhat(x) - y) yhat(x)(1 - yhat(x))\ngw1 = diff(L, w_1)", points: 1 },
    { source: "gb2 = (yhat(x) - y) yhat(x)(1 - yhat(x))\ngw1 = w_2 gb2 a_1(x)(1 - a_1(x)) x", points: 0 },
    { source: "gb2 = ∂L/∂b_2\ngw1 = ∂L/∂w_1", points: 0 },
    {
      source: "g(u) = d/du σ(u)\ngb2 = 2(yhat(x) - y) g(w_2 a_1(x) + b_2)\ngw1 = gb2 w_2 a_1(x)(1 - a_1(x)) x",
      points: 0,
    },
    { source: "gb2 = 2(yhat(x) - y)\ngw1 = 0", points: 0 },
    { source: "# YOUR ANSWER HERE", points: 0 },
  ],
  q5: [
    { source: "crit = [2, -2]", points: 2 },
    { source: "crit = [-2, 2]", points: 2 },
    { source: "crit = [2; -2]", points: 2 },
    { source: "crit = [sqrt(4), -sqrt(4)]", points: 2 },
    { source: "crit = [2]", points: 0 },
    { source: "crit = [2, -2, 0]", points: 0 },
    { source: "crit = [4, -4]", points: 0 },
    { source: "crit = critical(x^3 - 12x)", points: 0 },
    { source: "crit = solve(3x^2 - 12 = 0, x)", points: 0 },
    { source: "s = solve(3x^2 = 12, x)\ncrit = [s[1], s[2]]", points: 0 },
    { source: "crit = [2, -2", points: 0 },
    { source: "# YOUR ANSWER HERE", points: 0 },
  ],
  q6: [
    { source: "dtanh(t) = 1 - tanh(t)^2", points: 1 },
    { source: "dtanh(u) = 1 - tanh(u)^2", points: 1 },
    { source: "dtanh = 1 - tanh(t)^2", points: 1 },
    { source: "dtanh(u) = 1 - tanh(t)^2", points: 0 },
    { source: "dtanh(t) = 1 + tanh(t)^2", points: 0 },
    { source: "dtanh(t) = d/dt tanh(t)", points: 0 },
    { source: "# YOUR ANSWER HERE", points: 0 },
  ],
};

/** Cells that redefine what the key uses: after the answers they change nothing. */
const RIGGINGS = [
  "σ(u) = 0",
  "sigma(u) = 1",
  "L = 0",
  "yhat(x) = 0",
  "a_1(x) = 0",
  "f(x, y) = 0",
  "tanh(u) = 0",
  "critical(g) = 0",
  "gd(a, b, c, d) = 0",
  "x = 0",
  "y = 1",
  "t = 0",
  "w_1 = 1",
  "b_2 = 0",
  "w_2 = 2",
  "e = 0",
  "d = 0",
  "exp(u) = 1",
  "cosh(u) = 1",
  "sech(u) = 1",
];

/** What a student who rigs the key answers: nothing right. */
const RIGGED_ANSWERS: Record<Question, string> = {
  q1: "q1 = 0",
  q2: "gb2 = 0\ngw1 = 0",
  q3: "p2 = [0, 0]",
  q4: "Lval = 0",
  q5: "crit = 0",
  q6: "dtanh(t) = 0",
};

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const σ = (z: number) => 1 / (1 + Math.exp(-z));
/** The loss of question 4, in floats. */
export const LVAL = σ(2 * σ(1) - 1) ** 2;

/** Question 3: two steps land at (0.64, 0.16), one at (0.8, 0.4); the tolerance is 1e-3 per coordinate. */
function gdAnswer(next: () => number): { source: string; points: number } {
  const small = () => (next() - 0.5) * 0.0016; // |e| ≤ 0.0008: inside
  const large = () => (next() < 0.5 ? -1 : 1) * (0.0015 + next() * 0.05); // ≥ 0.0015: outside
  const r = next();
  const vec = (a: number, b: number) => `p2 = [${a.toFixed(5)}, ${b.toFixed(5)}]`;
  if (r < 0.35) return { source: vec(0.64 + small(), 0.16 + small()), points: 2 };
  if (r < 0.5) return { source: vec(0.8 + small(), 0.4 + small()), points: 1 };
  if (r < 0.6) return { source: vec(0.64 + large(), 0.16 + small()), points: 0 };
  if (r < 0.7) return { source: vec(0.64 + small(), 0.16 + large()), points: 0 };
  const fixed = [
    { source: "p2 = gd(f, [x, y] = [1, 1], η = 0.1, steps = 2)[2]", points: 2 },
    { source: "p2 = [0.64; 0.16]", points: 2 },
    { source: "p2 = [16/25, 4/25]", points: 2 },
    { source: "p1 = [1, 1] - 0.1 [2, 6]\np2 = p1 - 0.1 [2 p1[1], 6 p1[2]]", points: 2 },
    { source: "p2 = [0.16, 0.64]", points: 0 },
    { source: "p2 = [0.64, 0.16, 0]", points: 0 },
    { source: "p2 = 0.64", points: 0 },
    { source: "p2 = [0.6, 0.2]", points: 0 },
  ];
  return fixed[Math.floor(next() * fixed.length)];
}

/** Question 4: the loss to a relative tolerance of 2e-3. */
function lossAnswer(next: () => number): { source: string; points: number } {
  const r = next();
  const rel = (e: number) => `Lval = ${(LVAL * (1 + e)).toPrecision(7)}`;
  if (r < 0.35) return { source: rel((next() - 0.5) * 0.0036), points: 2 }; // |e| ≤ 0.0018
  if (r < 0.6) return { source: rel((next() < 0.5 ? -1 : 1) * (0.0025 + next() * 0.1)), points: 0 }; // ≥ 0.0025
  const fixed = [
    { source: `Lval = ${LVAL.toPrecision(3)}`, points: 2 },
    { source: "Lval = σ(2σ(1) - 1)^2", points: 2 },
    { source: "Lval = 1/(1 + exp(1 - 2/(1 + exp(-1))))^2", points: 2 },
    { source: `Lval = ${(-LVAL).toPrecision(6)}`, points: 0 },
    { source: `Lval = ${Math.sqrt(LVAL).toPrecision(6)}`, points: 0 },
    { source: "Lval = 0.38", points: 0 },
    { source: "Lval = 0.3764.", points: 0 },
  ];
  return fixed[Math.floor(next() * fixed.length)];
}

export interface Student {
  name: string;
  expected: Record<string, number>;
}

function withCells(student: Notebook, answers: Record<string, string>, before: string[], after: string[]): Notebook {
  const nb = structuredClone(student);
  const own = (source: string): Cell =>
    ({ cell_type: "code", metadata: {}, source: toSourceLines(source), outputs: [], execution_count: null }) as Cell;
  const cells: Cell[] = before.map(own);
  for (const cell of nb.cells) {
    const id = gradeId(cell);
    cells.push(id && answers[id] !== undefined ? { ...cell, source: toSourceLines(answers[id]) } : cell);
    if (id === "q6_test") cells.push(...after.map(own));
  }
  nb.cells = cells;
  return nb;
}

/** Writes `count` students into `dir`; returns who should get what. */
export function writeClass2(dir: string, studentVersion: string, count: number): Student[] {
  mkdirSync(dir, { recursive: true });
  const student = parseNotebook(readFileSync(studentVersion, "utf8"));
  const next = random(20261130);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
  const students: Student[] = [];
  for (let i = 0; i < count; i++) {
    const name = `s${String(i + 1).padStart(3, "0")}`;
    const expected: Record<string, number> = {};
    const answers: Record<string, string> = {};
    if (i % 11 === 10) {
      // Redefine what the key uses, then answer nothing right.
      for (const q of Object.keys(TESTS) as Question[]) {
        answers[q] = RIGGED_ANSWERS[q];
        expected[TESTS[q]] = 0;
      }
      writeFileSync(
        join(dir, `${name}.ipynb`),
        JSON.stringify(withCells(student, answers, [pick(RIGGINGS), pick(RIGGINGS), pick(RIGGINGS)], [])),
      );
      students.push({ name, expected });
      continue;
    }
    for (const q of Object.keys(TESTS) as Question[]) {
      const a = q === "q3" ? gdAnswer(next) : q === "q4" ? lossAnswer(next) : pick(POOLS[q]);
      answers[q] = a.source;
      expected[TESTS[q]] = a.points;
    }
    const after = next() < 0.3 ? [pick(RIGGINGS), pick(RIGGINGS)] : [];
    writeFileSync(join(dir, `${name}.ipynb`), JSON.stringify(withCells(student, answers, [], after)));
    students.push({ name, expected });
  }
  return students;
}
