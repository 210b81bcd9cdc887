// `nabla eval` writes its results in batches (src/cli/held-output.ts): a write to a pipe per
// statement cost a long file a sixth of its time. Every result is still written once, in order,
// and none waits long: not past HOLD_MS, not behind a long statement, not past the run's end.
import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { evalCommand } from "../src/cli/eval.js";
import { HOLD_MS, HeldOutput } from "../src/cli/held-output.js";

const dir = mkdtempSync(join(tmpdir(), "nabla-held-"));

function program(name: string, lines: string[]): string {
  const file = join(dir, name);
  writeFileSync(file, lines.join("\n"));
  return file;
}

/** A clock the test moves by hand. */
function clock() {
  let t = 0;
  return { now: () => t, pass: (ms: number) => void (t += ms) };
}

describe("held output", () => {
  it("holds text until the oldest of it is HOLD_MS old, then writes it all at once", () => {
    const time = clock();
    const writes: string[] = [];
    const out = new HeldOutput((s) => writes.push(s), HOLD_MS, time.now);
    out.add("a\n");
    time.pass(HOLD_MS - 1);
    out.add("b\n");
    out.whileBusy();
    expect(writes).toEqual([]);
    time.pass(1);
    out.add("c\n");
    expect(writes).toEqual(["a\nb\nc\n"]);
    out.add("d\n");
    out.flush();
    expect(writes).toEqual(["a\nb\nc\n", "d\n"]);
    out.flush();
    expect(writes).toHaveLength(2);
  });

  it("writes at once when 64 KB are held, however young", () => {
    const writes: string[] = [];
    const out = new HeldOutput((s) => writes.push(s), HOLD_MS, clock().now);
    const line = "x".repeat(1023) + "\n";
    for (let k = 0; k < 64; k++) out.add(line);
    expect(writes.join("")).toBe(line.repeat(64));
  });

  it("keeps a write that fails during a statement's budget check and throws it at the next flush", () => {
    const time = clock();
    const out = new HeldOutput(
      () => {
        throw new Error("EIO");
      },
      HOLD_MS,
      time.now,
    );
    out.add("a\n");
    time.pass(HOLD_MS);
    expect(() => out.whileBusy()).not.toThrow();
    expect(() => out.flush()).toThrow("EIO");
  });
});

describe("nabla eval's output", () => {
  it("is every result once, in order, in fewer writes than statements", async () => {
    const n = 400;
    const file = program(
      "many.nabla",
      Array.from({ length: n }, (_, k) => `check d/dx (${k + 2} x^3) == ${3 * (k + 2)} x^2`),
    );
    const writes: string[] = [];
    expect(await evalCommand(file, false, (s) => writes.push(s))).toBe(0);
    const lines = writes.join("").split("\n");
    expect(lines.pop()).toBe("");
    expect(lines).toHaveLength(n);
    expect(lines.every((l) => l.startsWith("✓ equivalent"))).toBe(true);
    expect(writes.length).toBeLessThan(n / 4);
  });

  it("writes one JSON line per statement, indices in order", async () => {
    const file = program(
      "json.nabla",
      Array.from({ length: 150 }, (_, k) => `${k} + 1`),
    );
    let text = "";
    await evalCommand(file, true, (s) => (text += s));
    const indices = text
      .trimEnd()
      .split("\n")
      .map((l) => (JSON.parse(l) as { index: number; text: string }).index);
    expect(indices).toEqual(Array.from({ length: 150 }, (_, k) => k));
  });

  it("does not hold a finished result behind a long statement", async () => {
    // The long statement makes many nodes: its budget checks write what the first left.
    const file = program("long.nabla", ["1 + 1", "expand((x + y + z + w)^12)"]);
    const writes: { text: string; at: number }[] = [];
    const start = performance.now();
    await evalCommand(file, false, (text) => writes.push({ text, at: performance.now() - start }));
    const end = performance.now() - start;
    expect(writes[0].text).toBe("2\n");
    expect(writes.length).toBe(2);
    // Written while the expansion ran, long before it ended.
    expect(end - writes[0].at).toBeGreaterThan(HOLD_MS);
  });

  it("writes what it holds when the run ends with a failure", async () => {
    const file = program("fails.nabla", ["1 + 1", "[1, 2] + [1, 2, 3]", "2 + 2"]);
    let text = "";
    expect(await evalCommand(file, false, (s) => (text += s))).toBe(1);
    expect(text).toMatch(/^2\n/);
    expect(text).toMatch(/\nError at 2:1: /);
    expect(text).toMatch(/4\n$/);
  });
});
