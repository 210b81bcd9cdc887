// Per-student parameters, from the side of students who share answers: each student's locked cell
// holds their own values (drawn with HMAC-SHA256 from the instructor's seed), so an answer worked out
// for one student's values earns nothing for another's; a student who edits the parameter cell to
// values they like has it restored with their own and is reported; a notebook copied whole from
// another student is graded with that student's values and both are reported.
import { describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assignCommand } from "../../src/cli/grading.js";
import { gradeClass } from "../../src/grading/grade.js";
import { gradeId, parseNotebook, sourceOf, toSourceLines, type Notebook } from "../../src/grading/notebook.js";
import {
  ParameterError,
  drawValue,
  masterParameters,
  readRoster,
  releasedTo,
  studentValues,
} from "../../src/grading/params.js";
import { Session } from "../../src/session.js";
import { masterOf } from "./key-submission.js";

const SEED = "correct horse battery staple";

const MASTER = masterOf([
  { markdown: "# Homework\nDifferentiate $\\sin({{a}} x)$; then add {{b}} and {{c}}. Braces {{kept}} stay." },
  { setup: "a = random(2..9)\nb = random([1, 2, 5])  # a comment stays\nc = random(-3..3, not 0)", id: "params" },
  { answer: "q1 = a cos(a x)", id: "q1" },
  { test: "expect q1 ≡ d/dx sin(a x) points 2", id: "q1_test", points: 2 },
  { answer: "v = b + c", id: "q2" },
  { test: "expect v ≡ b + c points 1", id: "q2_test", points: 1 },
]);

const ROSTER = ["ada", "bob", "cy", "dee", "eve", "fay", "gus", "hal", "jon", "kim"];

/** What a student who works their own values out by hand writes. */
function handWorked(values: Map<string, string>): Record<string, string> {
  const a = values.get("a")!;
  const bc = Number(values.get("b")) + Number(values.get("c"));
  return { q1: `q1 = ${a} cos(${a} x)`, q2: `v = ${bc}` };
}

function answered(nb: Notebook, answers: Record<string, string>): Notebook {
  const copy = structuredClone(nb);
  for (const cell of copy.cells) {
    const id = gradeId(cell);
    if (id && id in answers) cell.source = toSourceLines(answers[id]);
  }
  return copy;
}

const params = masterParameters(MASTER);
const valuesOf = (student: string) => studentValues(SEED, student, params);

describe("drawing a student's values", () => {
  it("reads the three forms, with their choices", () => {
    expect(params.map((p) => [p.name, p.choices])).toEqual([
      ["a", ["2", "3", "4", "5", "6", "7", "8", "9"]],
      ["b", ["1", "2", "5"]],
      ["c", ["-3", "-2", "-1", "1", "2", "3"]],
    ]);
  });

  it("is a keyed function of (seed, student, name): the same on every call, another with another seed", () => {
    const students = Array.from({ length: 400 }, (_, i) => `student-${i}`);
    const draw = (seed: string) => students.map((s) => drawValue(seed, s, "a", params[0].choices));
    const mine = draw(SEED);
    expect(draw(SEED)).toEqual(mine);
    const other = draw("another secret");
    expect(other.filter((v, i) => v === mine[i]).length).toBeLessThan(100);
    // The name is part of the key: a and a second parameter with the same choices differ for most students.
    const renamed = students.map((s) => drawValue(SEED, s, "a2", params[0].choices));
    expect(renamed.filter((v, i) => v === mine[i]).length).toBeLessThan(100);
    // Every value is drawn, none far more often than the others (400 draws of 8: 50 each expected).
    const counts = params[0].choices.map((c) => mine.filter((v) => v === c).length);
    expect(Math.min(...counts)).toBeGreaterThan(20);
    expect(Math.max(...counts)).toBeLessThan(85);
  });

  it("refuses a master whose random(…) is not a draw of its own, or cannot draw", () => {
    const bad = (setup: string) => () =>
      masterParameters(
        masterOf([
          { setup, id: "params" },
          { test: "expect 1 ≡ 1 points 1", id: "t", points: 1 },
        ]),
      );
    expect(bad("a = 2 random(2..9)")).toThrow(/drawn only as name = random/);
    expect(bad("a = random(2..9)\na = random(1..3)")).toThrow(/draws a twice/);
    expect(bad("a = random(9..2)")).toThrow(/empty/);
    expect(bad("a = random(1..3, not [1, 2, 3])")).toThrow(/nothing left/);
    expect(bad("a = random([x, 1])")).toThrow(/must be numbers/);
    expect(bad("a = random(1.5..4)")).toThrow(/whole numbers/);
  });

  it("in a notebook (not released by assign), random(…) is a seeded draw, the same on every run", () => {
    const run = () => new Session().run("a = random(2..9)\nc = random(-3..3, not 0)").map((r) => r.pretty);
    expect(run()).toEqual(run());
    const [a] = new Session().run("a = random(2..9)");
    expect(Number(a.pretty.replace("a = ", ""))).toBeGreaterThanOrEqual(2);
    const [bad] = new Session().run("random(2..9, 3)");
    expect(bad.status).toBe("error");
    expect(bad.error!.message).toMatch(/only exclusions such as not 0/);
  });
});

describe("the id in the metadata", () => {
  it("is read only when assign could have written it; otherwise the file's id decides", () => {
    const nb = (student: unknown) => ({ ...MASTER, metadata: { nabla: { student } } }) as Notebook;
    expect(releasedTo(nb("ada"))).toBe("ada");
    for (const odd of ["", "a\u001b[2Jb", "x".repeat(81), "../bob", "a b", 7, null, { id: "ada" }, ["ada"]])
      expect(releasedTo(nb(odd)), JSON.stringify(odd)).toBeUndefined();
    expect(releasedTo({ ...MASTER, metadata: {} })).toBeUndefined();
  });
});

describe("the roster", () => {
  it("is read by its student column; a missing column, an empty id or two ids for one file are refused", () => {
    expect(readRoster('name,student,email\nAda L,ada,a@x\n"Bob, Jr",bob,b@x\n')).toEqual(["ada", "bob"]);
    expect(readRoster("\uFEFFstudent\n ada \n")).toEqual(["ada"]);
    expect(() => readRoster("name\nada\n")).toThrow(/no student column/);
    expect(() => readRoster("student,name\n,Ada\n")).toThrow(/row 2 of the roster has no student/);
    expect(() => readRoster("student\nada\nada\n")).toThrow(/ada is twice in the roster/);
    expect(() => readRoster("student\na b\na_b\n")).toThrow(/a b and a_b in the roster would share one file name/);
    expect(() => readRoster("student\n")).toThrow(ParameterError);
    expect(() => readRoster('student\n"ada\n')).toThrow(/not readable CSV/);
  });
});

describe("assign --roster --seed, then grade --seed", () => {
  const dir = mkdtempSync(join(tmpdir(), "nabla-params-"));
  const master = join(dir, "master.ipynb");
  writeFileSync(master, JSON.stringify(MASTER));
  const roster = join(dir, "roster.csv");
  writeFileSync(roster, `student,name\n${ROSTER.map((s) => `${s},${s.toUpperCase()}`).join("\n")}\n`);
  const released = join(dir, "released");

  it("writes one notebook per student with their values in the locked cell, the Markdown filled and their id", () => {
    expect(assignCommand(master, released, roster, SEED)).toBe(0);
    expect(readdirSync(released).sort()).toEqual(ROSTER.map((s) => `${s}.ipynb`).sort());
    for (const s of ROSTER) {
      const nb = parseNotebook(readFileSync(join(released, `${s}.ipynb`), "utf8"));
      const v = valuesOf(s);
      expect((nb.metadata.nabla as { student: string }).student).toBe(s);
      const cell = nb.cells.find((c) => gradeId(c) === "params")!;
      expect(sourceOf(cell)).toBe(`a = ${v.get("a")}\nb = ${v.get("b")}  # a comment stays\nc = ${v.get("c")}`);
      expect(sourceOf(nb.cells[0])).toContain(`$\\sin(${v.get("a")} x)$; then add ${v.get("b")} and ${v.get("c")}`);
      expect(sourceOf(nb.cells[0])).toContain("Braces {{kept}} stay.");
      expect(JSON.stringify(nb)).not.toContain("random(");
    }
    // A master with draws cannot be released without a roster and a seed.
    expect(assignCommand(master, join(dir, "one.ipynb"))).toBe(1);
    expect(assignCommand(master, join(dir, "r2"), roster)).toBe(1);
  });

  it("grades each student's own answer right, another student's answer wrong, and restores a tampered cell", async () => {
    const submitted = join(dir, "submitted");
    mkdirSync(submitted, { recursive: true });
    const notebookOf = (s: string) => parseNotebook(readFileSync(join(released, `${s}.ipynb`), "utf8"));
    const differs = (s: string, t: string) =>
      valuesOf(s).get("a") !== valuesOf(t).get("a") &&
      Number(valuesOf(s).get("b")) + Number(valuesOf(s).get("c")) !==
        Number(valuesOf(t).get("b")) + Number(valuesOf(t).get("c"));
    // ada, bob, cy answer for their own values.
    for (const s of ["ada", "bob", "cy"])
      writeFileSync(join(submitted, `${s}.ipynb`), JSON.stringify(answered(notebookOf(s), handWorked(valuesOf(s)))));
    // dee hands in the answers of the first classmate whose values differ from hers.
    const lender = ROSTER.find((t) => t !== "dee" && differs("dee", t))!;
    writeFileSync(
      join(submitted, "dee.ipynb"),
      JSON.stringify(answered(notebookOf("dee"), handWorked(valuesOf(lender)))),
    );
    // eve edits her parameter cell to values of her choosing and answers for those.
    const chosen = new Map([
      ["a", valuesOf("eve").get("a") === "2" ? "3" : "2"],
      ["b", "1"],
      ["c", valuesOf("eve").get("b") === "1" && valuesOf("eve").get("c") === "1" ? "2" : "1"],
    ]);
    const eve = answered(notebookOf("eve"), handWorked(chosen));
    for (const c of eve.cells)
      if (gradeId(c) === "params") c.source = toSourceLines([...chosen].map(([k, v]) => `${k} = ${v}`).join("\n"));
    writeFileSync(join(submitted, "eve.ipynb"), JSON.stringify(eve));
    // fay's notebook lost its metadata (an LMS re-saved it): graded by its file name, the same values.
    const fay = answered(notebookOf("fay"), handWorked(valuesOf("fay")));
    fay.metadata = {};
    writeFileSync(join(submitted, "fay.ipynb"), JSON.stringify(fay));
    // gus hands in hal's whole notebook, answers and all; hal hands in his own.
    const hal = answered(notebookOf("hal"), handWorked(valuesOf("hal")));
    writeFileSync(join(submitted, "hal.ipynb"), JSON.stringify(hal));
    writeFileSync(join(submitted, "gus.ipynb"), JSON.stringify(hal));
    // ivy hands in jon's notebook, and jon hands in nothing: a copy no other submission reveals.
    writeFileSync(
      join(submitted, "ivy.ipynb"),
      JSON.stringify(answered(notebookOf("jon"), handWorked(valuesOf("jon")))),
    );
    // A course site's download keeps the student's id in the file name: not a copy.
    writeFileSync(
      join(submitted, "kim_20261130_attempt.ipynb"),
      JSON.stringify(answered(notebookOf("kim"), handWorked(valuesOf("kim")))),
    );

    const out = join(dir, "graded");
    const summary = await gradeClass({ key: master, submissions: [submitted], out, jobs: 2, quiet: true, seed: SEED });
    const book = JSON.parse(readFileSync(join(out, "gradebook.json"), "utf8")) as {
      students: {
        student: string;
        total: number;
        problems: string[];
        parameters?: { student: string; from: string; values: Record<string, string> };
      }[];
    };
    const by = new Map(book.students.map((s) => [s.student, s]));
    for (const s of ["ada", "bob", "cy", "fay", "hal"]) {
      expect(by.get(s)!.total, s).toBe(3);
      expect(by.get(s)!.parameters!.values, s).toEqual(Object.fromEntries(valuesOf(s)));
    }
    expect(by.get("fay")!.parameters!.from).toBe("file name");
    expect(by.get("ada")!.parameters!.from).toBe("metadata");
    expect(by.get("dee")!.total).toBe(0);
    expect(by.get("eve")!.total).toBe(0);
    expect(by.get("eve")!.problems).toContain("the locked cell params was changed; it was restored from the key");
    // The copied notebook is graded with hal's values, and both are reported.
    expect(by.get("gus")!.parameters!.student).toBe("hal");
    expect(by.get("gus")!.problems.join(" ")).toMatch(/released to hal, and so were 1 other submission\(s\) \(hal\)/);
    expect(by.get("hal")!.problems.join(" ")).toMatch(/released to hal, and so were 1 other submission\(s\) \(gus\)/);
    expect(by.get("ivy")!.problems).toContain(
      "this notebook was released to jon, but handed in as ivy: graded with jon's values",
    );
    expect(by.get("kim_20261130_attempt")!.problems).toEqual([]);
    expect(by.get("hal")!.problems.join(" ")).not.toMatch(/handed in as/);
    expect(summary.keyChanged).toEqual([]);
    // Each student's feedback shows their own locked cell, never the draws.
    const feedback = readFileSync(join(out, "feedback", "ada.html"), "utf8");
    expect(feedback).not.toContain("random");
    expect(JSON.stringify(JSON.parse(readFileSync(join(out, "feedback", "eve.ipynb"), "utf8")))).toContain(
      `a = ${valuesOf("eve").get("a")}`,
    );
  }, 300_000);

  it("will not grade a master with draws without the seed", async () => {
    await expect(
      gradeClass({ key: master, submissions: [join(dir, "submitted")], out: join(dir, "no-seed"), quiet: true }),
    ).rejects.toThrow(/draws per-student values \(a, b, c = random\(…\)\): grade with the --seed given to assign/);
  });
});
