// The kernel's evaluation thread ending on its own (out of memory, or a failure nothing caught)
// must not leave the kernel waiting: the running cell gets an error, a new thread takes over and
// the names come back from their values, as after an interrupt.
import { describe, expect, it } from "vitest";
import type { Worker } from "node:worker_threads";
import { EvaluationThread } from "../../kernel/evaluation-thread.js";
import type { StatementResult } from "../../src/results.js";

const ignore = () => undefined;

async function shown(thread: EvaluationThread, code: string): Promise<string[]> {
  const results = (await thread.run(code, ignore, ignore)) ?? [];
  return results.map((r) => r.error?.message ?? r.pretty);
}

describe("the evaluation thread", () => {
  it("is replaced when it ends on its own, with the names restored", async () => {
    const thread = new EvaluationThread();
    try {
      expect(await shown(thread, "A = [1, 2; 3, 4]\nf(t) = t^2 + 1")).toEqual(["A = [1, 2; 3, 4]", "f(t) = t² + 1"]);
      const reported: StatementResult[] = [];
      const running = thread.run("slow = diff(sin(cos(tan(u))), u, 40)", ignore, (r) => reported.push(r));
      // The thread ends under the running cell, as a worker out of memory does.
      void (thread as unknown as { worker: Worker }).worker.terminate();
      const [stopped] = (await running)!;
      expect(stopped.error).toMatchObject({ kind: "internal" });
      expect(stopped.error!.message).toMatch(
        /^the evaluation thread stopped \(exit code \d+\) and was replaced; 2 names were restored from their values$/,
      );
      expect(reported.map((r) => r.error?.kind)).toEqual(["internal"]);
      expect(await shown(thread, "det(A)\nf(2)")).toEqual(["−2", "5"]);
      expect(await thread.names()).toEqual(expect.arrayContaining(["A", "f"]));
    } finally {
      await thread.close();
    }
  }, 120_000);
});
