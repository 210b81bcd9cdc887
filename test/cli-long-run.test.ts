// `nabla eval`'s long-run hook: the compiled CLI's loaders keep V8's baseline compiler off at start
// (a short run loses to its compiling batches) and turn it back on once a run has gone on for 64
// statements. The hook runs once, at the 64th statement, and never for a shorter file.
import { afterEach, describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { evalCommand, longRunAhead, whenLongRun } from "../src/cli/eval.js";

const dir = mkdtempSync(join(tmpdir(), "nabla-long-run-"));

function runLines(n: number, calls: number[]): number {
  const file = join(dir, `f${n}.nabla`);
  writeFileSync(file, Array.from({ length: n }, (_, k) => `${k} + 1`).join("\n"));
  let seen = 0;
  const out: string[] = [];
  whenLongRun(() => calls.push(seen));
  evalCommand(file, false, (s) => {
    out.push(s);
    seen = out.length;
  });
  return out.length;
}

describe("nabla eval's long-run hook", () => {
  afterEach(() => whenLongRun(() => undefined));

  it("is not called for 63 statements", () => {
    const calls: number[] = [];
    expect(runLines(63, calls)).toBe(63);
    expect(calls).toEqual([]);
  });

  it("is called once for 200 statements, during the run (before any output is written)", () => {
    const calls: number[] = [];
    expect(runLines(200, calls)).toBe(200);
    expect(calls).toEqual([0]);
  });
});

describe("a long run known from its start", () => {
  const file = (lines: number) => {
    const path = join(dir, `ahead${lines}.nabla`);
    writeFileSync(path, Array.from({ length: lines }, (_, k) => `check d/dx x^${k} == ${k} x^${k - 1}`).join("\n"));
    return path;
  };

  it("is a file of 64 lines or more given to eval (the snapshot's start then keeps Sparkplug on)", () => {
    expect(longRunAhead(["eval", file(64)])).toBe(true);
    expect(longRunAhead(["eval", "--json", file(1000)])).toBe(true);
    expect(longRunAhead(["eval", "--plots", dir, file(200)])).toBe(true);
  });

  it("is not a shorter file, standard input, a missing file or another command", () => {
    expect(longRunAhead(["eval", file(63)])).toBe(false);
    expect(longRunAhead(["eval", "-"])).toBe(false);
    expect(longRunAhead(["eval", join(dir, "missing.nabla")])).toBe(false);
    expect(longRunAhead(["render", file(200)])).toBe(false);
  });
});
