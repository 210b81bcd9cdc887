// The student version of a master notebook.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gradeClass } from "../../src/grading/grade.js";
import { withAnswers } from "./class.js";
import { STUB, assign, removeHiddenTests, removeSolutions } from "../../src/grading/assign.js";
import { checksum, gradeId, parseNotebook, sourceOf, toSourceLines } from "../../src/grading/notebook.js";

const MASTER = parseNotebook(
  readFileSync(join(import.meta.dirname, "..", "..", "notebooks", "homework", "master.ipynb"), "utf8"),
);

describe("assign", () => {
  it("replaces solution regions with a stub", () => {
    expect(removeSolutions("before\n### BEGIN SOLUTION\nq1 = 2x\n### END SOLUTION\nafter")).toBe(
      `before\n${STUB}\nafter`,
    );
  });
  it("drops hidden tests", () => {
    expect(removeHiddenTests("expect a ≡ 1\n### BEGIN HIDDEN TESTS\nexpect b ≡ 2\n### END HIDDEN TESTS")).toBe(
      "expect a ≡ 1",
    );
  });
  it("gives a student version without answers or hidden tests, with checksums on locked cells", () => {
    const student = assign(MASTER);
    const text = JSON.stringify(student);
    expect(text).not.toContain("2x cos(x^2)");
    expect(text).not.toContain("HIDDEN");
    const q1 = student.cells.find((c) => gradeId(c) === "q1")!;
    expect(sourceOf(q1)).toBe(STUB);
    for (const cell of student.cells.filter((c) => c.metadata.nbgrader?.locked)) {
      expect(cell.metadata.nbgrader?.checksum).toBe(checksum(cell));
    }
    expect(student).toEqual(
      JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "notebooks", "homework", "student.ipynb"), "utf8")),
    );
  });
});

describe("a key changed after assign", () => {
  const PERFECT = {
    q1: "q1 = 2x cos(x^2)",
    q2: "q2 = x^2 + 6y",
    q3: "H = [6x, 0; 0, 6y]",
    q4: "x1 = 3.2",
    q5: "fmax = 25\nlam = 5",
  };
  const dir = mkdtempSync(join(tmpdir(), "nabla-key-change-"));
  const released = assign(MASTER);
  // The instructor edits the setup and a visible test after the students got the notebook.
  const changed = structuredClone(MASTER);
  for (const c of changed.cells) {
    if (gradeId(c) === "setup") c.source = toSourceLines(sourceOf(c).replace("x^2 y + 3y^2", "y x^2 + 3y^2"));
    if (gradeId(c) === "q2_test") c.source = toSourceLines(sourceOf(c).replace("points 2 else", "points 2  else"));
  }
  const key = join(dir, "master-v2.ipynb");
  writeFileSync(key, JSON.stringify(changed));
  const sub = join(dir, "submitted");
  mkdirSync(sub);
  writeFileSync(join(sub, "kept.ipynb"), JSON.stringify(withAnswers(released, PERFECT)));
  const edited = withAnswers(released, PERFECT);
  for (const c of edited.cells) if (gradeId(c) === "setup") c.source = toSourceLines("f(x, y) = 0");
  writeFileSync(join(sub, "edited.ipynb"), JSON.stringify(edited));
  writeFileSync(join(sub, "kept-too.ipynb"), JSON.stringify(withAnswers(released, PERFECT)));
  // Edits the locked cell and the checksum assign recorded beside it, to pass for a key change.
  const forged = withAnswers(released, PERFECT);
  for (const c of forged.cells) {
    if (gradeId(c) !== "setup") continue;
    c.source = toSourceLines("f(x, y) = 0");
    c.metadata.nbgrader!.checksum = checksum(c);
  }
  writeFileSync(join(sub, "forged.ipynb"), JSON.stringify(forged));

  it("says once that the key changed, does not accuse students who kept the released cells, and still catches one who edited", async () => {
    const summary = await gradeClass({
      key,
      submissions: [sub],
      out: join(dir, "graded"),
      jobs: 1,
      quiet: true,
      feedback: false,
    });
    expect(summary.keyChanged).toEqual(["q2_test", "setup"]);
    const json = JSON.parse(readFileSync(join(dir, "graded", "gradebook.json"), "utf8")) as {
      keyChanged: string;
      students: { student: string; total: number; problems: string[] }[];
    };
    expect(json.keyChanged).toMatch(/^the key changed since assign: the locked cells q2_test, setup differ/);
    const by = new Map(json.students.map((s) => [s.student, s]));
    expect(by.get("kept")!.problems).toEqual([]);
    expect(by.get("kept-too")!.problems).toEqual([]);
    expect(by.get("edited")!.problems).toEqual(["the locked cell setup was changed; it was restored from the key"]);
    // The class's notebooks record one checksum; the forger's records another.
    expect(by.get("forged")!.problems).toEqual(["the locked cell setup was changed; it was restored from the key"]);
    expect(["kept", "kept-too", "edited", "forged"].map((s) => by.get(s)!.total)).toEqual([12, 12, 12, 12]);
  }, 120_000);

  it("tells a lone forger from a key change: the class hands the cell in as the key has it", async () => {
    // The key as released; one student edits a locked cell and its checksum, the others keep it.
    const same = join(dir, "master.ipynb");
    writeFileSync(same, JSON.stringify(MASTER));
    const alone = join(dir, "alone");
    mkdirSync(alone);
    for (const name of ["alice", "carol"])
      writeFileSync(join(alone, `${name}.ipynb`), JSON.stringify(withAnswers(released, PERFECT)));
    writeFileSync(join(alone, "bob.ipynb"), JSON.stringify(forged));
    const summary = await gradeClass({
      key: same,
      submissions: [alone],
      out: join(dir, "graded-alone"),
      jobs: 1,
      quiet: true,
      feedback: false,
    });
    expect(summary.keyChanged).toEqual([]);
    const json = JSON.parse(readFileSync(join(dir, "graded-alone", "gradebook.json"), "utf8")) as {
      keyChanged?: string;
      students: { student: string; problems: string[] }[];
    };
    expect(json.keyChanged ?? "").not.toMatch(/key changed/);
    const by = new Map(json.students.map((s) => [s.student, s.problems]));
    expect(by.get("bob")).toEqual(["the locked cell setup was changed; it was restored from the key"]);
    expect([by.get("alice"), by.get("carol")]).toEqual([[], []]);
  }, 120_000);
});

/** nbformat's own validator, with its warnings (a missing cell id is one today) counted as errors. */
function nbformatProblems(notebook: unknown): string {
  const r = spawnSync(
    "/usr/bin/python3",
    [
      "-c",
      "import sys, warnings, nbformat\nwarnings.simplefilter('error')\n" +
        "nb = nbformat.reads(sys.stdin.read(), as_version=nbformat.NO_CONVERT)\nnbformat.validate(nb)\nprint('valid')",
    ],
    { input: JSON.stringify(notebook), encoding: "utf8" },
  );
  return r.stdout.trim() === "valid" ? "" : `${r.stdout}${r.stderr}`.slice(-800);
}

describe("the released notebook is nbformat 4.5", () => {
  it("validates, every cell with a distinct id, for both sample homeworks", () => {
    // The validator is strict here: the master itself, without ids, fails it.
    expect(nbformatProblems(MASTER)).toMatch(/MissingIDFieldWarning|id/);
    for (const name of ["master.ipynb", "hw2-master.ipynb"]) {
      const master = parseNotebook(
        readFileSync(join(import.meta.dirname, "..", "..", "notebooks", "homework", name), "utf8"),
      );
      const released = assign(master);
      expect(nbformatProblems(released)).toBe("");
      const ids = released.cells.map((c) => c.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it("gives valid, distinct ids whatever ids and grade_ids the master's cells carry", () => {
    // Ids an editor or a hand might leave: duplicates, spaces, too long, empty, not strings, and
    // grade_ids that are not valid ids or collide with another cell's id.
    const odd: unknown[] = ["a", "a", "has space", "x".repeat(65), "", 7, null, "cell-9", "ok_1", undefined];
    const gradeIds = ["q 1", "a", "cell-2", "ok_1", "é", "setup", "x".repeat(64), "b", "c", "d"];
    for (let round = 0; round < 20; round++) {
      const master = structuredClone(MASTER);
      master.cells = Array.from({ length: 12 }, (_, i) => ({
        cell_type: i % 3 === 0 ? "markdown" : "code",
        source: [`x${i} = ${i}`],
        metadata: { nbgrader: { grade_id: gradeIds[(i * 7 + round) % gradeIds.length], locked: true } },
        ...(odd[(i + round) % odd.length] === undefined ? {} : { id: odd[(i + round) % odd.length] as string }),
        ...(i % 3 === 0 ? {} : { outputs: [], execution_count: null }),
      }));
      const released = assign(master);
      const ids = released.cells.map((c) => c.id!);
      expect(ids.every((id) => /^[A-Za-z0-9_-]{1,64}$/.test(id))).toBe(true);
      expect(new Set(ids).size).toBe(ids.length);
      // The same master gives the same ids.
      expect(assign(master).cells.map((c) => c.id)).toEqual(ids);
      if (round < 3) expect(nbformatProblems(released)).toBe("");
    }
  });
});
