// A class where one submission of each broken or hostile kind sits among good ones, graded as an
// instructor would run it: every broken file is that student's zero with its reason, everyone
// else gets exactly their score, the gradebook read back by a CSV parser has one row per
// submission and no formula cell, ids are distinct, feedback never shows a hidden test or a
// branch that did not fire, and every feedback notebook passes nbformat's validation.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gradeClass } from "../../src/grading/grade.js";
import { hiddenTests } from "../../src/grading/assign.js";
import { gradeId, isGradeCell, parseNotebook, sourceOf, toSourceLines } from "../../src/grading/notebook.js";
import { HOMEWORK_MASTER, HOMEWORK_RELEASED, HOMEWORK_RIGHT, withAnswers } from "./class.js";
import { nbformatErrors, readCsv } from "./read-back.js";

const MASTER = HOMEWORK_MASTER;
const RELEASED = HOMEWORK_RELEASED;
const PERFECT = HOMEWORK_RIGHT;
/** The hidden q1 test's first mistake branch fires: 1 of 2 points there. */
const CHAIN_RULE_SLIP = { ...PERFECT, q1: "q1 = cos(x^2)" };
const MAX_BYTES = 2_000_000;

const notebook = (answers: Record<string, string>) => JSON.stringify(withAnswers(RELEASED, answers));

describe("a class with one submission of each broken and hostile kind", () => {
  const dir = mkdtempSync(join(tmpdir(), "nabla-hostile-"));
  const key = join(dir, "master.ipynb");
  copyFileSync(MASTER, key);
  mkdirSync(join(dir, "elsewhere"));
  writeFileSync(join(dir, "elsewhere", "solved.ipynb"), notebook(PERFECT));
  const sub = join(dir, "submitted");
  mkdirSync(join(sub, "carol"), { recursive: true });
  const at = (name: string) => join(sub, name);

  /** File name (without .ipynb) → expected total, for the ones that are graded. */
  const graded: Record<string, number> = {};
  const good = (name: string, answers: Record<string, string>, total: number) => {
    writeFileSync(at(`${name}.ipynb`), notebook(answers));
    graded[name] = total;
  };
  good("good-1", PERFECT, 12);
  good("good-2", CHAIN_RULE_SLIP, 11);
  // Hostile names: formulas for a spreadsheet, a carriage return and a comma that could forge a row.
  for (const name of [
    '=HYPERLINK("evil.example","click")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "evil\r=1+1,forged",
    "tab\tstart",
  ])
    good(name, PERFECT, 12);
  // Names that collide once made safe, or compared without case.
  for (const name of ["a b", "a_b", "carol", "carol-2", "CAROL"]) good(name, PERFECT, 12);
  writeFileSync(join(sub, "carol", "hw.ipynb"), notebook(CHAIN_RULE_SLIP));

  // A grade_id with a carriage return and a formula, reported in the problems column.
  const forged = withAnswers(RELEASED, PERFECT);
  forged.cells.push({
    cell_type: "code",
    source: ["z = 1"],
    metadata: { nbgrader: { grade_id: 'x\r=1+1,"forged"\nrow', solution: true } },
    outputs: [],
    execution_count: null,
  });
  writeFileSync(at("forged-grade-id.ipynb"), JSON.stringify(forged));
  graded["forged-grade-id"] = 12;

  // Huge cells inside the size limit: graded, and the feedback stays small.
  const bigCells = withAnswers(RELEASED, PERFECT);
  bigCells.cells.push({ cell_type: "markdown", source: toSourceLines("word ".repeat(150_000)), metadata: {} });
  bigCells.cells.push({
    cell_type: "code",
    source: toSourceLines(`# ${"#".repeat(400_000)}\nv = [${Array.from({ length: 30_000 }, (_, i) => i).join(", ")}]`),
    metadata: {},
    outputs: [],
    execution_count: null,
  });
  writeFileSync(at("huge-cells.ipynb"), JSON.stringify(bigCells));
  graded["huge-cells"] = 12;

  // Broken files: each a zero with its reason.
  const refused: Record<string, RegExp> = {};
  const broken = (name: string, reason: RegExp, make: (path: string) => void) => {
    make(at(`${name}.ipynb`));
    refused[name] = reason;
  };
  broken("fifo", /FIFO/, (p) => spawnSync("mkfifo", [p]));
  broken("dangling", /symbolic link to nothing/, (p) => symlinkSync("no-such-file.ipynb", p));
  broken("loop-a", /loops/, (p) => symlinkSync("loop-b.ipynb", p));
  broken("loop-b", /loops/, (p) => symlinkSync("loop-a.ipynb", p));
  broken("key-link", /outside the submissions folder/, (p) => symlinkSync(key, p));
  broken("key-hard-link", /master key itself/, (p) => linkSync(key, p));
  broken("key-copy", /copy of the master key/, (p) => copyFileSync(key, p));
  broken("outside-link", /outside the submissions folder/, (p) =>
    symlinkSync(join(dir, "elsewhere", "solved.ipynb"), p),
  );
  broken("dev-zero", /outside the submissions folder/, (p) => symlinkSync("/dev/zero", p));
  broken("huge", /bytes; the limit is 2000000/, (p) =>
    writeFileSync(p, `{"cells": [], "pad": "${"x".repeat(MAX_BYTES)}"}`),
  );
  broken("bad-json", /not valid JSON/, (p) => writeFileSync(p, "{ this is not json"));
  // A link that stays inside the folder is followed: the student it names is graded.
  symlinkSync("good-1.ipynb", at("inside-link.ipynb"));
  graded["inside-link"] = 12;

  const out = join(dir, "graded");
  let summary: Awaited<ReturnType<typeof gradeClass>>;

  it("finishes with a gradebook in which everyone is graded or refused with the reason", async () => {
    // Generous limits: on a loaded machine a right answer must not become a timeout.
    summary = await gradeClass({
      key,
      submissions: [sub],
      out,
      jobs: 2,
      statementMs: 20_000,
      submissionMs: 300_000,
      maxBytes: MAX_BYTES,
      quiet: true,
      rubric: true,
    });
    const json = JSON.parse(readFileSync(join(out, "gradebook.json"), "utf8")) as {
      students: { student: string; name: string; file: string; total: number; problems: string[] }[];
      renamed: string[];
    };
    const byName = new Map(json.students.map((s) => [s.file.slice(sub.length + 1).replace(/\.ipynb$/, ""), s]));
    expect(json.students).toHaveLength(Object.keys(graded).length + Object.keys(refused).length + 1);
    for (const [name, total] of Object.entries(graded)) expect([name, byName.get(name)?.total]).toEqual([name, total]);
    expect(byName.get("carol/hw")?.total).toBe(11);
    for (const [name, reason] of Object.entries(refused)) {
      const s = byName.get(name)!;
      expect([name, s.total]).toEqual([name, 0]);
      expect(s.problems.join(" | ")).toMatch(reason);
    }
  }, 400_000);

  it("gives every submission its own id, deterministically, and reports the renaming", () => {
    const json = JSON.parse(readFileSync(join(out, "gradebook.json"), "utf8")) as {
      students: { student: string; name: string; file: string }[];
      renamed: string[];
    };
    const ids = json.students.map((s) => s.student);
    expect(new Set(ids.map((id) => id.toLowerCase())).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[\p{L}\p{N}_][\p{L}\p{N}._-]*$/u);
    const idOf = (file: string) => json.students.find((s) => s.file === join(sub, file))!.student;
    expect(idOf("a_b.ipynb")).toBe("a_b");
    expect(idOf("a b.ipynb")).toBe("a_b-2");
    // carol, CAROL and carol/ (a folder) want one id; carol-2 is another student's own name.
    expect(idOf("carol-2.ipynb")).toBe("carol-2");
    expect([idOf("CAROL.ipynb"), idOf("carol.ipynb"), idOf("carol/hw.ipynb")]).toEqual(["CAROL", "carol-3", "carol-4"]);
    expect(json.renamed.some((r) => r.includes("carol/hw.ipynb") && r.includes("shared by 3"))).toBe(true);
    // One feedback notebook and page per submission: nobody's overwrote another's.
    const files = readdirSync(join(out, "feedback")).filter((f) => f.endsWith(".ipynb"));
    expect(files.sort()).toEqual(ids.map((id) => `${id}.ipynb`).sort());
  });

  it("writes a CSV that a CSV parser reads as one row per submission, with no formula cell", () => {
    const rows = readCsv(join(out, "gradebook.csv"));
    expect(rows).toHaveLength(summary.results.length + 1);
    for (const row of rows) {
      expect(row).toHaveLength(rows[0].length);
      for (const cell of row) {
        expect(cell).not.toMatch(/^[=+\-@\t\r]/);
        expect([...cell].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)).toBe(false);
      }
    }
    const names = rows.slice(1).map((r) => r[1]);
    expect(names).toContain(`'=HYPERLINK("evil.example","click")`);
    expect(names).toContain("evil\\x0d=1+1,forged");
    expect(names).toContain("'@SUM(A1)");
    const problems = rows.find((r) => r[0] === "forged-grade-id")![rows[0].indexOf("problems")];
    expect(problems).toContain('x\\x0d=1+1,"forged"\\x0arow');
  });

  it("keeps feedback bounded and valid: nbformat 4.5 with cell ids", () => {
    const notebooks = readdirSync(join(out, "feedback"))
      .filter((f) => f.endsWith(".ipynb"))
      .map((f) => join(out, "feedback", f));
    expect(nbformatErrors(notebooks)).toEqual([]);
    const huge = join(out, "feedback", "huge-cells.ipynb");
    expect(statSync(huge).size).toBeLessThan(3_000_000);
    expect(readFileSync(huge, "utf8")).toContain("more characters not shown");
  });

  it("never shows a hidden test, nor a branch that did not fire", () => {
    const master = parseNotebook(readFileSync(MASTER, "utf8"));
    const hidden = master.cells
      .filter(isGradeCell)
      .flatMap((c) => hiddenTests(sourceOf(c)).split("\n"))
      .map((l) => l.trim())
      .filter(Boolean);
    expect(hidden.length).toBeGreaterThan(0);
    // The hints of hidden branches, and the expected answers written only in hidden tests.
    const secrets = [...hidden, "d/dx sin(x^2)", "check the sign", "mind the sign convention"];
    const plain = (file: string) => {
      const text = readFileSync(file, "utf8");
      return file.endsWith(".html")
        ? text
            .replace(/<[^>]*>/g, "")
            .replace(/&quot;/g, '"')
            .replace(/&#39;/g, "'")
            .replace(/&lt;/g, "<")
            .replace(/&gt;/g, ">")
            .replace(/&amp;/g, "&")
        : text;
    };
    for (const f of readdirSync(join(out, "feedback")).filter((name) => /\.(ipynb|html)$/.test(name))) {
      const text = plain(join(out, "feedback", f));
      for (const secret of secrets) expect([f, text.includes(secret)]).toEqual([f, false]);
    }
    // The branch that fired is shown: its hint, and the points.
    expect(plain(join(out, "feedback", "good-2.ipynb"))).toContain("missing the chain-rule factor 2x");
    expect(plain(join(out, "feedback", "good-2.html"))).toContain("hidden test 1");
    // Instructors asked for the rubric: there it is.
    expect(plain(join(out, "rubric", "good-2.ipynb"))).toContain("d/dx sin(x^2)");
    expect(plain(join(out, "rubric", "good-2.html"))).toContain("check the sign");
  });

  it("renders Markdown and math in the feedback page, not raw text", () => {
    const html = readFileSync(join(out, "feedback", "good-1.html"), "utf8");
    expect(html).toMatch(/<h1>Feedback for good-1<\/h1>/);
    expect(html).toContain('class="katex"');
    expect(html).not.toContain("**Question 1");
    expect(html).toContain("<strong>Question 1 (2 points).</strong>");
  });

  it("grades the key-links and copies only as refusals, never with the key's marks", () => {
    for (const name of ["key-link", "key-hard-link", "key-copy"]) {
      const feedback = readFileSync(join(out, "feedback", `${name}.ipynb`), "utf8");
      expect(feedback).not.toContain("2x cos(x^2)");
    }
    const grades = new Map(summary.results.map((r) => [r.student, r.grades]));
    for (const g of grades.get("key-copy")!) expect(g.earned).toBe(0);
    void gradeId;
  });
});
