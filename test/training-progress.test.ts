// Training shows its progress at least once a second, also inside one long epoch of many batches.
// The clock is simulated (each reading of Date.now is 300 ms later), so the test does not time anything.
import { afterEach, describe, expect, it, vi } from "vitest";
import { Session } from "../src/session.js";
import type { Effect } from "../src/results.js";

afterEach(() => {
  vi.restoreAllMocks();
});

function progressOf(code: string): string[] {
  const shown: string[] = [];
  const session = new Session({
    limits: { timeMs: 1e12 },
    onEffect: (e: Effect) => {
      if (e.kind === "display" && e.text.startsWith("training")) shown.push(e.text);
    },
  });
  session.run(
    'layer h = dense(2 → 4, tanh)\nlayer out = dense(4 → 1, sigmoid)\nnet = h → out\ndata = dataset("moons", n = 400)',
  );
  let now = 0;
  vi.spyOn(Date, "now").mockImplementation(() => (now += 300));
  const results = session.run(code);
  expect(results.map((r) => r.error?.message)).toEqual([undefined]);
  return shown;
}

describe("training progress", () => {
  it("updates within a single epoch of many batches", () => {
    const shown = progressOf("train net on data with adam(η = 0.01), epochs = 1, batch = 1");
    const batches = shown.flatMap((t) => {
      const m = /^training: epoch 1 of 1, batch (\d+) of 400$/.exec(t);
      return m ? [Number(m[1])] : [];
    });
    // A clock reading per batch at least, 300 ms apart: an update every few batches.
    expect(batches.length).toBeGreaterThan(50);
    expect(batches).toEqual([...batches].sort((a, b) => a - b));
    expect(shown[0]).toBe("training: epoch 0 of 1");
    expect(shown.at(-1)).toMatch(/^training: epoch 1 of 1, loss \d/);
  });

  it("between epochs of one batch, every epoch is shown when each takes over a second", () => {
    const shown = progressOf("train net on data with adam(η = 0.01), epochs = 30");
    expect(shown.filter((t) => / batch /.test(t))).toEqual([]);
    expect(shown.filter((t) => /^training: epoch \d+ of 30, loss/.test(t)).length).toBe(30);
  });
});
