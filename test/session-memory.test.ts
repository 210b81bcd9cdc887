// What a session holds across statements is bounded (Limits.sessionBytes): a statement that would take
// the session past it fails with a limit error that says how much is held and how to free it, the
// names keep their values, and the session goes on. Small limits keep these tests light.
import { getHeapStatistics } from "node:v8";
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";
import { DEFAULT_LIMITS } from "../src/environment.js";
import { LIMIT_REASONS } from "../src/budget.js";
import type { NablaError } from "../src/results.js";

const MB = 1024 * 1024;

/** A WeakRef's target made in a job lives until the job ends (graph/node.ts): a turn lets it go. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

const heldNow = () => {
  const heap = getHeapStatistics();
  return heap.used_heap_size + heap.external_memory;
};

/** Runs `statement(1)`, `statement(2)`, … one at a time until one fails: its number and error. */
async function runUntilRefused(session: Session, statement: (i: number) => string, most = 400) {
  for (let i = 1; i <= most; i++) {
    const [result] = session.run(statement(i));
    await turn();
    if (result.status === "error") return { index: i, error: result.error as NablaError };
  }
  return null;
}

/** The last value `code` shows; every statement of it must succeed. */
async function value(session: Session, code: string): Promise<string> {
  const results = session.run(code);
  await turn();
  for (const r of results) expect(r.status, `${code}: ${r.error?.message}`).toBe("ok");
  return results[results.length - 1].text;
}

describe("a session's memory across statements", () => {
  it("is a limit of its own, 4 GiB by default, with reason memory", () => {
    expect(DEFAULT_LIMITS.sessionBytes).toBe(4 * 1024 * MB);
    expect(LIMIT_REASONS.sessionBytes).toBe("memory");
  });

  it("refuses the allocation that would pass it; the session goes on and frees by reassigning", async () => {
    const session = new Session({ limits: { sessionBytes: heldNow() + 8 * MB } });
    // 90,000 entries: 0.7 MB each, which every allocation of that size asks the budget for.
    const refused = await runUntilRefused(session, (i) => `m${i} = ${i}*ones(300, 300);`);
    expect(refused).not.toBeNull();
    const { index, error } = refused!;
    expect(index).toBeGreaterThan(3);
    expect(error).toMatchObject({ kind: "limit", reason: "memory", line: 1 });
    expect(error.message).toMatch(
      /^(.* would take 0\.7 MB, and )?the session holds [\d.]+ MB; its limit is [\d.]+ MB: the largest values are m\d+, m\d+, m\d+: reassign them \(m\d+ = 0\) to free memory, or start a new session$/,
    );

    // A small statement still evaluates, the names made before keep their values, the refused one has none.
    expect(await value(session, "1 + 1")).toBe("2");
    expect(await value(session, "m2[3, 4] + m3[1, 1]")).toBe("5");
    expect(session.names().some((n) => n.name === `m${index}`)).toBe(false);

    // Reassigning names frees what they held, and the next allocation fits.
    for (let i = 1; i <= 5; i++) expect(await value(session, `m${i} = 0`)).toBe("0");
    expect(await value(session, "big = 7*ones(300, 300); big[300, 300]")).toBe("7");
  });

  it("counts values that no single allocation check sees, between statements", async () => {
    const session = new Session({ limits: { sessionBytes: heldNow() + 3 * MB } });
    // 10,000 entries each: under the size where an allocation asks the budget.
    const refused = await runUntilRefused(session, (i) => `a${i} = ${i}*ones(100, 100);`, 2_000);
    expect(refused).not.toBeNull();
    expect(refused!.error).toMatchObject({ kind: "limit", reason: "memory" });
    expect(refused!.error.message).toMatch(/the session holds [\d.]+ MB; its limit is [\d.]+ MB: .* to free memory/);
    // Over it, a new name waits, but expressions and reassignments run.
    expect(await value(session, "a1[1, 1] + a2[2, 2]")).toBe("3");
    expect(await value(session, "a1 = 1")).toBe("1");
  });

  it("leaves a session under it as it was", async () => {
    const session = new Session({ limits: { sessionBytes: heldNow() + 64 * MB } });
    for (let i = 1; i <= 5; i++)
      expect(await value(session, `m${i} = ${i}*ones(400, 400); m${i}[400, 400]`)).toBe(String(i));
    const plain = new Session();
    expect(await value(plain, "A = ones(1000, 1000); A[1000, 1000]")).toBe("1");
  });
});
