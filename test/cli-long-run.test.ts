// `nabla eval`'s long-run hook: the compiled CLI's loaders keep V8's baseline compiler off at start
// (a short run loses to its compiling batches) and turn it back on once a run has gone on for 64
// statements. The hook runs once, at the 64th statement, and never for a shorter file.
import { afterEach, describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { evalCommand, longRunAhead, whenLongRun } from "../src/cli/eval.js";

const dir = mkdtempSync(join(tmpdir(), "nabla-long-run-"));

async function runLines(n: number, calls: number[]): Promise<number> {
  const file = join(dir, `f${n}.nabla`);
  writeFileSync(file, Array.from({ length: n }, (_, k) => `${k} + 1`).join("\n"));
  let written = "";
  whenLongRun(() => calls.push(linesOf(written)));
  await evalCommand(file, false, (s) => {
    written += s;
  });
  return linesOf(written);
}

const linesOf = (text: string) => text.split("\n").length - 1;

describe("nabla eval's long-run hook", () => {
  afterEach(() => whenLongRun(() => undefined));

  it("is not called for 63 statements", async () => {
    const calls: number[] = [];
    expect(await runLines(63, calls)).toBe(63);
    expect(calls).toEqual([]);
  });

  it("is called once for 200 statements, at the 64th (at most 63 results written so far)", async () => {
    const calls: number[] = [];
    expect(await runLines(200, calls)).toBe(200);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toBeLessThanOrEqual(63);
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

describe("nabla eval's turns", () => {
  it("gives the event loop turns during a long run, so a finished statement's nodes can be freed", async () => {
    // A WeakRef (the node table's) keeps its target until the running job ends: one job for the
    // whole file would keep every node made; between turns V8 may free them.
    const file = join(dir, "turns.nabla");
    writeFileSync(
      file,
      Array.from({ length: 400 }, (_, k) => `check d/dx (${k + 1}x^3 + sin(x)) == ${3 * (k + 1)}x^2 + cos(x)`).join(
        "\n",
      ),
    );
    let turns = 0;
    const tick = () => {
      turns++;
      if (!done) setImmediate(tick);
    };
    let done = false;
    setImmediate(tick);
    let writtenAfterATurn = 0;
    const code = await evalCommand(file, false, () => {
      if (turns > 0) writtenAfterATurn++;
    });
    done = true;
    expect(code).toBe(0);
    expect(writtenAfterATurn).toBeGreaterThan(0);
    expect(turns).toBeGreaterThan(1);
  });
});
