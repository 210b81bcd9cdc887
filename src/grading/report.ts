// Item analysis: OUT/report.json (and report.html, report-page.ts). Per grading cell: the mean, the
// distribution of points, the discrimination index, and per `expect` statement how often each
// branch matched (0 the right answer, k the k-th `else if`, -1 none), what kind of wrong answer
// each unmatched one was, and the most common wrong answers grouped by equivalence.
//
// Discrimination (Kelley's upper-lower index): students ranked by total (ties by id), the top and
// bottom 27 % (rounded, at least one each); the index is (mean points in the top group − mean in the
// bottom group) / the cell's points, from −1 to 1; null with fewer than two students or no points.
//
// Wrong answers: the plain text the grader recorded (answers longer than 300 characters are not
// kept), counted, then the most frequent distinct texts grouped by the engine's own `check`, each
// pair in a fresh session under a time limit. A pair that is not proved equivalent stays apart; past
// the report's time budget texts are grouped only when identical, and the report says so.
import { Session } from "../session.js";
import type { CellGrade, ExpectVerdict } from "./grade-one.js";

export interface ReportStudent {
  student: string;
  total: number;
  grades: CellGrade[];
}

export interface Count<T> {
  value: T;
  students: number;
}

export interface WrongAnswer {
  /** The most frequent text of the group. */
  answer: string;
  students: number;
  /** Every text in the group, most frequent first. */
  forms: string[];
}

export interface ExpectReport {
  source: string;
  possible: number;
  mean: number;
  /** Branch → students; the feedback is the branch's own words (for k ≥ 1). */
  branches: { branch: number; feedback?: string; students: number }[];
  /** Why answers earned nothing or part: "missing", "negated", "different", "error"… */
  errors: Count<string>[];
  wrongAnswers: WrongAnswer[];
}

export interface ItemReport {
  gradeId: string;
  possible: number;
  mean: number;
  distribution: { points: number; students: number }[];
  discrimination: number | null;
  /** Students with no verdict for this cell (their submission could not be graded). */
  notGraded: number;
  expects: ExpectReport[];
}

export interface ClassReport {
  students: number;
  possible: number;
  mean: number;
  distribution: { points: number; students: number }[];
  /** The share of students in each of the upper and lower groups. */
  groupShare: 0.27;
  items: ItemReport[];
  /** Set when wrong answers were grouped only by their text for lack of time. */
  grouping?: string;
}

export interface ReportOptions {
  /** Distinct wrong answers compared for equivalence per statement (the most frequent). */
  compared?: number;
  /** Wrong answers listed per statement. */
  listed?: number;
  /** All the equivalence checks of a report together, ms. */
  budgetMs?: number;
  /** One check, ms. */
  checkMs?: number;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function distribution(points: number[]): { points: number; students: number }[] {
  const counts = new Map<number, number>();
  for (const p of points) counts.set(p, (counts.get(p) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([p, n]) => ({ points: p, students: n }));
}

const average = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0);
const mean = (xs: number[]) => round(average(xs));

/** The upper and lower 27 % by total, ties broken by id (deterministic). */
export function extremeGroups<T extends { student: string; total: number }>(students: T[]): { upper: T[]; lower: T[] } {
  const ranked = [...students].sort((a, b) => b.total - a.total || byText(a.student, b.student));
  const n = Math.max(1, Math.round(0.27 * ranked.length));
  return { upper: ranked.slice(0, n), lower: ranked.slice(-n) };
}

/** The kind of a verdict that did not earn full points, for the error counts. */
function kindOf(v: ExpectVerdict & { kind?: string; branch?: number }): string | null {
  if (v.verdict === "error") return "error in the grading cell";
  if (v.verdict === "missing") return "missing";
  if (v.verdict === "correct") return null;
  if (v.branch !== undefined && v.branch > 0) return "anticipated mistake";
  return v.kind ?? "different";
}

type Verdict = ExpectVerdict & { branch?: number; kind?: string; answer?: string };

class Grouper {
  private spentMs = 0;
  timedOut = false;

  constructor(
    private readonly budgetMs: number,
    private readonly checkMs: number,
  ) {}

  /** Whether the engine proves the two answers equal; false when it cannot say in time. */
  same(a: string, b: string): boolean {
    if (this.spentMs >= this.budgetMs) {
      this.timedOut = true;
      return false;
    }
    const started = Date.now();
    try {
      const results = new Session({ limits: { timeMs: this.checkMs } }).run(`check (${a}) ≡ (${b})`);
      return results.length === 1 && results[0].status === "ok" && results[0].verdict === "equivalent";
    } catch {
      return false;
    } finally {
      this.spentMs += Date.now() - started;
    }
  }
}

/** What one statement's verdicts add up to across the class. */
interface StatementTally {
  possible: number;
  earned: number[];
  branches: Map<number, { feedback?: string; students: number }>;
  errors: Map<string, number>;
  answers: Map<string, number>;
}

/** Distinct wrong answers counted per statement; past that, only the ones seen already. */
const MAX_DISTINCT = 10_000;

/**
 * The report, built as results arrive (the coordinator keeps no verdicts): per student only the
 * points per cell, per statement the counts.
 */
export class ItemAnalysis {
  private readonly students: { student: string; total: number; earned: number[]; graded: boolean[] }[] = [];
  /** Per cell: statement source → tally, in the order statements first appear. */
  private readonly tallies: Map<string, StatementTally>[];
  private readonly possible: number[];

  constructor(private readonly gradeCells: { id: string; points: number }[]) {
    this.tallies = gradeCells.map(() => new Map());
    this.possible = gradeCells.map((g) => g.points);
  }

  add(s: ReportStudent): void {
    const cells = this.gradeCells.map(({ id }) => s.grades.find((g) => g.gradeId === id));
    this.students.push({
      student: s.student,
      total: s.total,
      earned: cells.map((c) => c?.earned ?? 0),
      graded: cells.map((c) => (c?.verdicts.length ?? 0) > 0),
    });
    cells.forEach((cell, i) => {
      if (!cell) return;
      this.possible[i] = Math.max(this.possible[i], cell.possible);
      for (const v of cell.verdicts as Verdict[]) this.tally(i, v);
    });
  }

  private tally(cell: number, v: Verdict): void {
    const t: StatementTally = this.tallies[cell].get(v.source) ?? {
      possible: 0,
      earned: [],
      branches: new Map(),
      errors: new Map(),
      answers: new Map(),
    };
    this.tallies[cell].set(v.source, t);
    t.possible = Math.max(t.possible, v.possible);
    t.earned.push(v.earned);
    const branch = v.verdict === "correct" ? 0 : (v.branch ?? -1);
    const entry = t.branches.get(branch) ?? { ...(branch > 0 ? { feedback: v.feedback } : {}), students: 0 };
    entry.students++;
    t.branches.set(branch, entry);
    const kind = kindOf(v);
    if (kind) t.errors.set(kind, (t.errors.get(kind) ?? 0) + 1);
    if (v.verdict !== "correct" && v.answer !== undefined) {
      const seen = t.answers.get(v.answer);
      if (seen !== undefined || t.answers.size < MAX_DISTINCT) t.answers.set(v.answer, (seen ?? 0) + 1);
    }
  }

  build(options: ReportOptions = {}): ClassReport {
    const o: Required<ReportOptions> = { compared: 30, listed: 10, budgetMs: 20_000, checkMs: 2_000, ...options };
    const grouper = new Grouper(o.budgetMs, o.checkMs);
    const students = this.students;
    const { upper, lower } = extremeGroups(students);
    const items = this.gradeCells.map(({ id }, i): ItemReport => {
      const possible = this.possible[i];
      const at = (s: { earned: number[] }) => s.earned[i];
      return {
        gradeId: id,
        possible,
        mean: mean(students.map(at)),
        distribution: distribution(students.map(at)),
        discrimination:
          students.length >= 2 && possible > 0
            ? round((average(upper.map(at)) - average(lower.map(at))) / possible)
            : null,
        notGraded: students.filter((s) => !s.graded[i]).length,
        expects: [...this.tallies[i].entries()].map(([source, t]) => ({
          source,
          possible: t.possible,
          mean: mean(t.earned),
          branches: [...t.branches.entries()]
            .sort((a, b) => (a[0] < 0 ? 1 : b[0] < 0 ? -1 : a[0] - b[0]))
            .map(([branch, e]) => ({ branch, ...e })),
          errors: [...t.errors.entries()]
            .sort((a, b) => b[1] - a[1] || byText(a[0], b[0]))
            .map(([value, n]) => ({ value, students: n })),
          wrongAnswers: wrongAnswers(t.answers, grouper, o.compared, o.listed),
        })),
      };
    });
    return {
      students: students.length,
      possible: this.gradeCells.reduce((sum, g) => sum + g.points, 0),
      mean: mean(students.map((s) => s.total)),
      distribution: distribution(students.map((s) => s.total)),
      groupShare: 0.27,
      items,
      ...(grouper.timedOut
        ? {
            grouping:
              "the equivalence checks ran out of their time budget: the rest of the answers are grouped by text only",
          }
        : {}),
    };
  }
}

function wrongAnswers(counts: Map<string, number>, grouper: Grouper, compared: number, listed: number): WrongAnswer[] {
  const texts = [...counts.entries()].sort((a, b) => b[1] - a[1] || byText(a[0], b[0]));
  const groups: { forms: [string, number][] }[] = [];
  texts.forEach(([text, n], i) => {
    const home = i < compared ? groups.find((g) => grouper.same(g.forms[0][0], text)) : undefined;
    if (home) home.forms.push([text, n]);
    else groups.push({ forms: [[text, n]] });
  });
  return groups
    .map((g) => ({
      answer: g.forms[0][0],
      students: g.forms.reduce((sum, [, n]) => sum + n, 0),
      forms: g.forms.map(([t]) => t),
    }))
    .sort((a, b) => b.students - a.students || byText(a.answer, b.answer))
    .slice(0, listed);
}

export function buildReport(
  students: ReportStudent[],
  gradeCells: { id: string; points: number }[],
  options: ReportOptions = {},
): ClassReport {
  const analysis = new ItemAnalysis(gradeCells);
  for (const s of students) analysis.add(s);
  return analysis.build(options);
}
