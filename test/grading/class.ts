// A generated class for the sample homework: right answers in many equivalent forms, typical
// mistakes, blanks, and broken submissions, each with the score it must get.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { gradeId, parseNotebook, toSourceLines, type Notebook } from "../../src/grading/notebook.js";

type Pool = { source: string; points: number }[];

/** Answer source → points, per answer cell. */
export const POOLS: Record<string, Pool> = {
  q1: [
    { source: "q1 = 2x cos(x^2)", points: 2 },
    { source: "q1 = 2*x*cos(x^2)", points: 2 },
    { source: "q1 = cos(x^2) * 2x", points: 2 },
    { source: "q1 = 2 x cos(x²)", points: 2 },
    { source: "q1 = d/dx sin(x^2)", points: 2 },
    { source: "q1 = x cos(x^2) + x cos(x^2)", points: 2 },
    { source: "q1 = 2x cos(x x)", points: 2 },
    { source: "q1 = cos(x^2)", points: 1 },
    { source: "q1 = -2x cos(x^2)", points: 1 },
    { source: "q1 = 2x sin(x^2)", points: 0 },
    { source: "q1 = cos(2x)", points: 0 },
    { source: "q1 = 2cos(x^2)", points: 0 },
    { source: "# YOUR ANSWER HERE", points: 0 },
  ],
  q2: [
    { source: "q2 = x^2 + 6y", points: 2 },
    { source: "q2 = 6y + x^2", points: 2 },
    { source: "q2 = x² + 6y", points: 2 },
    { source: "q2 = ∂f/∂y", points: 2 },
    { source: "q2 = diff(f, y)", points: 2 },
    { source: "q2 = x*x + 2*3*y", points: 2 },
    { source: "q2 = x^2 + 3y", points: 1 },
    { source: "q2 = 2x y", points: 0 },
    { source: "q2 = x^2", points: 0 },
    { source: "# YOUR ANSWER HERE", points: 0 },
  ],
  q3: [
    { source: "H = [6x, 0; 0, 6y]", points: 3 },
    { source: "H = hessian(x^3 + y^3)", points: 3 },
    { source: "H = [6*x, 0\n     0, 6*y]", points: 3 },
    { source: "H = diag([6x, 6y])", points: 3 },
    { source: "H = 6 [x, 0; 0, y]", points: 3 },
    { source: "H = [3x^2, 0; 0, 3y^2]", points: 1 },
    { source: "H = [6x, 6y]", points: 0 },
    { source: "H = [6, 0; 0, 6]", points: 0 },
    { source: "# YOUR ANSWER HERE", points: 0 },
  ],
  q4: [
    { source: "x1 = 4 - 0.1 * 2 * 4", points: 2 },
    { source: "x1 = 3.2", points: 2 },
    { source: "x1 = 16/5", points: 2 },
    { source: "x1 = 3.20", points: 2 },
    { source: "x1 = 4.8", points: 1 },
    { source: "x1 = 3.6", points: 0 },
    { source: "x1 = 0.8", points: 0 },
    { source: "# YOUR ANSWER HERE", points: 0 },
  ],
  q5: [
    { source: "fmax = 25\nlam = 5", points: 3 },
    { source: "fmax = 5*5\nlam = 10/2", points: 3 },
    { source: "fmax = 5^2\nlam = 5", points: 3 },
    { source: "fmax = 5\nlam = 5", points: 2 },
    { source: "fmax = 25\nlam = -5", points: 2 },
    { source: "fmax = 50\nlam = 0", points: 0 },
    { source: "# YOUR ANSWER HERE", points: 0 },
  ],
};

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

export interface Student {
  name: string;
  /** Expected points per grading cell. */
  expected: Record<string, number>;
}

const TESTS: Record<string, string> = { q1: "q1_test", q2: "q2_test", q3: "q3_test", q4: "q4_test", q5: "q5_test" };

/** The sample homework's key and the version students were given. */
export const HOMEWORK_MASTER = join(import.meta.dirname, "..", "..", "notebooks", "homework", "master.ipynb");
export const HOMEWORK_RELEASED = parseNotebook(
  readFileSync(join(import.meta.dirname, "..", "..", "notebooks", "homework", "student.ipynb"), "utf8"),
);
/** A right answer to every question of the sample homework (12 points). */
export const HOMEWORK_RIGHT: Readonly<Record<string, string>> = {
  q1: "q1 = 2x cos(x^2)",
  q2: "q2 = x^2 + 6y",
  q3: "H = [6x, 0; 0, 6y]",
  q4: "x1 = 3.2",
  q5: "fmax = 25\nlam = 5",
};

export function withAnswers(student: Notebook, answers: Record<string, string>): Notebook {
  const nb = structuredClone(student);
  for (const cell of nb.cells) {
    const id = gradeId(cell);
    if (id && answers[id] !== undefined) cell.source = toSourceLines(answers[id]);
  }
  return nb;
}

/** Writes `count` ordinary students and the special cases into `dir`; returns who should get what. */
export function writeClass(dir: string, studentVersion: string, count: number): Student[] {
  mkdirSync(dir, { recursive: true });
  const student = parseNotebook(readFileSync(studentVersion, "utf8"));
  const next = random(2026);
  const students: Student[] = [];
  const save = (name: string, nb: Notebook | string, expected: Record<string, number>) => {
    writeFileSync(join(dir, `${name}.ipynb`), typeof nb === "string" ? nb : JSON.stringify(nb));
    students.push({ name, expected });
  };
  const zero = () => Object.fromEntries(Object.values(TESTS).map((t) => [t, 0]));
  for (let i = 0; i < count; i++) {
    const answers: Record<string, string> = {};
    const expected: Record<string, number> = {};
    for (const [q, pool] of Object.entries(POOLS)) {
      const pick = pool[Math.floor(next() * pool.length)];
      answers[q] = pick.source;
      expected[TESTS[q]] = pick.points;
    }
    save(`student${String(i + 1).padStart(3, "0")}`, withAnswers(student, answers), expected);
  }
  const perfect: Record<string, string> = Object.fromEntries(
    Object.entries(POOLS).map(([q, pool]) => [q, pool[0].source]),
  );
  const full = Object.fromEntries(Object.entries(POOLS).map(([q, pool]) => [TESTS[q], pool[0].points]));

  save("zz-broken-json", "{ this is not json", zero());
  save("zz-not-a-notebook", JSON.stringify({ hello: "world" }), zero());
  save("zz-blank", student, zero());

  const missing = withAnswers(student, perfect);
  missing.cells = missing.cells.filter((c) => gradeId(c) !== "q3");
  save("zz-missing-cell", missing, { ...full, q3_test: 0 });

  const renamed = withAnswers(student, perfect);
  for (const c of renamed.cells) if (gradeId(c) === "q2") c.metadata.nbgrader!.grade_id = "q2_renamed";
  // The answer still runs (and is reported): a correct answer keeps its points.
  save("zz-renamed-grade-id", renamed, full);

  const tampered = withAnswers(student, { ...perfect, q1: "q1 = 0" });
  for (const c of tampered.cells) if (gradeId(c) === "q1_test") c.source = toSourceLines("expect q1 ≡ q1 points 2");
  save("zz-tampered-test", tampered, { ...full, q1_test: 0 });

  save("zz-huge-expression", withAnswers(student, { ...perfect, q1: `q1 = ${"x + ".repeat(2_600_000)}x` }), {
    ...full,
    q1_test: 0,
  });
  save("zz-deep-brackets", withAnswers(student, { ...perfect, q2: `q2 = ${"(".repeat(5000)}1${")".repeat(5000)}` }), {
    ...full,
    q2_test: 0,
  });
  save(
    "zz-never-ends",
    withAnswers(student, { ...perfect, q4: "x1 = 3.2\nslow = diff(sin(cos(tan(x))), x, 25)" }),
    full,
  );
  save("zz-syntax-error", withAnswers(student, { ...perfect, q1: "q1 = 2x cos(x^2" }), { ...full, q1_test: 0 });
  save("zz-perfect", withAnswers(student, perfect), full);
  return students;
}
