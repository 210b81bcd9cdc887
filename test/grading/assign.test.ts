// The student version of a master notebook.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { STUB, assign, removeHiddenTests, removeSolutions } from "../../src/grading/assign.js";
import { checksum, gradeId, parseNotebook, sourceOf } from "../../src/grading/notebook.js";

const MASTER = parseNotebook(readFileSync(join(import.meta.dirname, "..", "..", "notebooks", "homework", "master.ipynb"), "utf8"));

describe("assign", () => {
  it("replaces solution regions with a stub", () => {
    expect(removeSolutions("before\n### BEGIN SOLUTION\nq1 = 2x\n### END SOLUTION\nafter")).toBe(`before\n${STUB}\nafter`);
  });
  it("drops hidden tests", () => {
    expect(removeHiddenTests("expect a ≡ 1\n### BEGIN HIDDEN TESTS\nexpect b ≡ 2\n### END HIDDEN TESTS")).toBe("expect a ≡ 1");
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
    expect(student).toEqual(JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "notebooks", "homework", "student.ipynb"), "utf8")));
  });
});
