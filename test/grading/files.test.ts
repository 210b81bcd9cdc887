// Submission files from an attacker's side: ids that stay distinct whatever the names, and a reader
// that refuses what is not a small regular file even when it is handed the path directly.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync, symlinkSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { distinctIds, findSubmissions, keyIdentity, readSubmission, safeName } from "../../src/grading/files.js";

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

describe("student ids", () => {
  // Names from a small alphabet, so that many collide once made safe or compared without case.
  const ALPHABET = ["a", "A", "b", " ", "_", "-", "2", ".", "=", "\r", "é", "é"];
  const next = random(7);
  const classes = Array.from({ length: 200 }, () =>
    Array.from({ length: 1 + Math.floor(next() * 12) }, (_, i) => {
      const name = Array.from(
        { length: 1 + Math.floor(next() * 4) },
        () => ALPHABET[Math.floor(next() * ALPHABET.length)],
      ).join("");
      return { name, file: `/sub/${i}-${name}.ipynb`, real: `/sub/${i}.ipynb` };
    }),
  );

  it("are distinct (also without case), safe as file names, and the same in any order of discovery", () => {
    for (const found of classes) {
      const { submissions } = distinctIds(found);
      const ids = submissions.map((s) => s.student);
      expect(new Set(ids.map((id) => id.toLowerCase())).size).toBe(found.length);
      for (const id of ids) expect(id).toMatch(/^[\p{L}\p{N}_][\p{L}\p{N}._-]*$/u);
      const shuffled = [...found].sort(() => next() - 0.5);
      const again = new Map(distinctIds(shuffled).submissions.map((s) => [s.file, s.student]));
      for (const s of submissions) expect(again.get(s.file)).toBe(s.student);
    }
  });

  it("keep a name that is already safe and unique, and report every renaming", () => {
    const { submissions, renamed } = distinctIds([
      { name: "carol", file: "/s/carol.ipynb", real: "/s/carol.ipynb" },
      { name: "carol", file: "/s/carol/hw.ipynb", real: "/s/carol/hw.ipynb" },
      { name: "carol-2", file: "/s/carol-2.ipynb", real: "/s/carol-2.ipynb" },
      { name: "bob", file: "/s/bob.ipynb", real: "/s/bob.ipynb" },
    ]);
    expect(Object.fromEntries(submissions.map((s) => [s.file, s.student]))).toEqual({
      "/s/carol.ipynb": "carol",
      "/s/carol/hw.ipynb": "carol-3",
      "/s/carol-2.ipynb": "carol-2",
      "/s/bob.ipynb": "bob",
    });
    expect(renamed).toEqual(["/s/carol/hw.ipynb is graded as carol-3 (carol is shared by 2 submissions)"]);
  });

  it("never start with a dot or a dash, nor hold a separator", () => {
    expect(safeName("../../etc/passwd")).toBe("__.._etc_passwd");
    expect(safeName("-rf")).toBe("_rf");
    expect(safeName("")).toBe("_");
  });
});

describe("reading a submission", () => {
  const dir = mkdtempSync(join(tmpdir(), "nabla-files-"));
  const key = join(dir, "key.ipynb");
  writeFileSync(key, '{"cells": []}');
  const keyId = keyIdentity(key, readFileSync(key));

  it("refuses a FIFO handed to it directly, without waiting on it", () => {
    const fifo = join(dir, "fifo.ipynb");
    spawnSync("mkfifo", [fifo]);
    expect(readSubmission({ real: fifo }, 1000, keyId)).toEqual({
      refused: "the file is a FIFO (named pipe), not a regular file",
    });
  });

  it("refuses a device, a link in place of the file, an over-long file and the key", () => {
    expect(readSubmission({ real: "/dev/zero" }, 1000, keyId)).toEqual({
      refused: "the file is a device, not a regular file",
    });
    const link = join(dir, "link.ipynb");
    symlinkSync(key, link);
    expect(readSubmission({ real: link }, 1000, keyId)).toHaveProperty("refused");
    const long = join(dir, "long.ipynb");
    writeFileSync(long, "x".repeat(1001));
    expect(readSubmission({ real: long }, 1000, keyId)).toEqual({
      refused: "the file has 1001 bytes; the limit is 1000",
    });
    expect(readSubmission({ real: key }, 1000, keyId)).toEqual({
      refused: "the file is the master key itself (a link to it), not a submission",
    });
    const copy = join(dir, "copy.ipynb");
    writeFileSync(copy, '{"cells": []}');
    expect(readSubmission({ real: copy }, 1000, keyId)).toEqual({
      refused: "the file is a copy of the master key, not a submission",
    });
  });

  it("does not take the grader's own output folder for students", () => {
    const sub = join(dir, "class");
    mkdirSync(join(sub, "graded", "feedback"), { recursive: true });
    writeFileSync(join(sub, "ann.ipynb"), "{}");
    writeFileSync(join(sub, "graded", "feedback", "ann.ipynb"), "{}");
    expect(findSubmissions([sub], keyId, [join(sub, "graded")]).submissions.map((s) => s.file)).toEqual([
      join(sub, "ann.ipynb"),
    ]);
  });

  it("reads a small regular file", () => {
    const ok = join(dir, "ok.ipynb");
    writeFileSync(ok, '{"cells": [1]}');
    expect(readSubmission({ real: ok }, 1000, keyId)).toEqual({ text: '{"cells": [1]}' });
  });
});
