// The `nabla` command's options from a user's side: every wrong option, value or command is one
// plain message and exit code 2; the documented commands and flags keep working.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import fs, { mkdtempSync, writeFileSync } from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main.js";

let stderr = "";
let stdout = "";

beforeEach(() => {
  stderr = "";
  stdout = "";
  vi.spyOn(process.stderr, "write").mockImplementation((s) => ((stderr += String(s)), true));
  vi.spyOn(process.stdout, "write").mockImplementation((s) => ((stdout += String(s)), true));
  // nabla eval writes its results to descriptor 1 itself (src/cli/eval.ts writeStdout).
  const writeSync = fs.writeSync;
  vi.spyOn(fs, "writeSync").mockImplementation(((fd: number, data: Uint8Array, ...rest: never[]) => {
    if (fd !== 1) return (writeSync as (...a: unknown[]) => number)(fd, data, ...rest);
    stdout += Buffer.from(data).toString("utf8", (rest[0] as number | undefined) ?? 0);
    return data.length - ((rest[0] as number | undefined) ?? 0);
  }) as typeof fs.writeSync);
  syncBuiltinESMExports();
});
afterEach(() => {
  vi.restoreAllMocks();
  syncBuiltinESMExports();
});

const dir = mkdtempSync(join(tmpdir(), "nabla-cli-"));
const file = join(dir, "a.nabla");
writeFileSync(file, "x = 2\nx^2\n");

describe("nabla options", () => {
  const wrong: [string[], RegExp][] = [
    [["grade", "--key", "k.ipynb", "--jobs", "0", "s"], /--jobs.*'0' is invalid.*whole number from 1/],
    [["grade", "--key", "k.ipynb", "--jobs", "abc", "s"], /--jobs.*'abc' is invalid/],
    [["grade", "--key", "k.ipynb", "--jobs", "2.5", "s"], /--jobs.*'2.5' is invalid/],
    [["grade", "--key", "k.ipynb", "--timeout", "abc", "s"], /--timeout.*'abc' is invalid.*greater than 0/],
    [["grade", "--key", "k.ipynb", "--timeout", "0", "s"], /--timeout.*'0' is invalid/],
    [["grade", "--key", "k.ipynb", "--timeout", "-1", "s"], /--timeout.*'-1' is invalid/],
    [["grade", "--key", "k.ipynb", "--timeout", "Infinity", "s"], /--timeout.*'Infinity' is invalid/],
    [["grade", "--key", "k.ipynb", "--max-size", "", "s"], /--max-size.*is invalid/],
    [["grade", "--key", "k.ipynb", "--worker-memory", "1", "s"], /--worker-memory.*'1' is invalid/],
    [["grade", "--key", "k.ipynb", "--bogus", "s"], /unknown option '--bogus'/],
    [["grade", "s"], /required option '--key <master>' not specified/],
    [["grade", "--key", "k.ipynb"], /missing required argument 'submissions'/],
    [["assign", "master.ipynb"], /required option '-o, --out <student>'/],
    [["render", file], /required option '-o, --out <page>'/],
    [["eval"], /missing required argument 'file'/],
    [["eval", "--jsno", file], /unknown option '--jsno'/],
    [["install-kernel", "--bogus"], /unknown option '--bogus'/],
    [["grde"], /unknown command 'grde'[\s\S]*Did you mean grade/],
    [["grade", "--key", "k.ipynb", "--coordinator-memory", "abc", "s"], /--coordinator-memory.*'abc' is invalid/],
    [["grade", "--key", "k.ipynb", "--coordinator-memory", "8", "s"], /--coordinator-memory.*whole number from 64/],
    [["grade", "--key", "k.ipynb", "--seed", "s"], /missing required argument 'submissions'/],
    [["assign", "m.ipynb", "-o", "out", "--roster"], /option '--roster <csv>' argument missing/],
  ];
  for (const [argv, message] of wrong) {
    it(`nabla ${argv.join(" ")} → exit 2 with a message`, async () => {
      expect(await main(argv)).toBe(2);
      expect(stderr).toMatch(message);
      expect(stderr).not.toMatch(/\n\s+at /);
    });
  }

  it("keeps eval, --json and help working", async () => {
    expect(await main(["eval", file])).toBe(0);
    expect(stdout).toBe("x = 2\n4\n");
    stdout = "";
    expect(await main(["eval", "--json", file])).toBe(0);
    expect(
      stdout
        .trim()
        .split("\n")
        .map((l) => (JSON.parse(l) as { text: string }).text),
    ).toEqual(["2", "4"]);
    stdout = "";
    expect(await main(["help"])).toBe(0);
    for (const command of ["eval", "repl", "render", "assign", "grade", "install-kernel"])
      expect(stdout).toContain(command);
    stdout = "";
    expect(await main(["help", "grade"])).toBe(0);
    for (const option of ["--key", "--jobs", "--timeout", "--rubric", "--max-size", "--worker-memory", "-o, --out"])
      expect(stdout).toContain(option);
    expect(await main(["--help"])).toBe(0);
  });

  it("refuses a coordinator cap too small for the largest submission, and rosters it cannot use, plainly", async () => {
    const args = ["grade", "--key", join(dir, "k.ipynb"), dir, "-o", join(dir, "out"), "-q"];
    expect(await main([...args, "--max-size", "500", "--coordinator-memory", "256"])).toBe(1);
    expect(stderr).toMatch(/^nabla grade: a coordinator memory cap of 256 MB cannot read submissions of up to 500 MB/);
    stderr = "";
    const master = join(import.meta.dirname, "..", "..", "notebooks", "homework", "master.ipynb");
    expect(await main(["assign", master, "-o", join(dir, "rel"), "--seed", "s"])).toBe(1);
    expect(stderr).toMatch(/^nabla assign: --seed goes with --roster/);
    stderr = "";
    writeFileSync(join(dir, "roster.csv"), "name\nada\n");
    expect(
      await main(["assign", master, "-o", join(dir, "rel"), "--roster", join(dir, "roster.csv"), "--seed", "s"]),
    ).toBe(1);
    expect(stderr).toMatch(/^nabla assign: the roster has no student column/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("reads the seed from NABLA_SEED (out of the process list), for a roster only", async () => {
    const master = join(import.meta.dirname, "..", "..", "notebooks", "homework", "master.ipynb");
    process.env.NABLA_SEED = "from the environment";
    try {
      expect(await main(["assign", master, "-o", join(dir, "plain.ipynb")])).toBe(0);
      writeFileSync(join(dir, "roster2.csv"), "student\nada\nbob\n");
      expect(await main(["assign", master, "-o", join(dir, "rel2"), "--roster", join(dir, "roster2.csv")])).toBe(0);
      expect(stdout).toContain("2 notebook(s) in");
    } finally {
      delete process.env.NABLA_SEED;
    }
  });

  it("reports a missing key as a plain error, not a stack", async () => {
    expect(await main(["grade", "--key", join(dir, "missing.ipynb"), dir, "-o", join(dir, "out"), "-q"])).toBe(1);
    expect(stderr).toMatch(/^nabla grade: /);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
