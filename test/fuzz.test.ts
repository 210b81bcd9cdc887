// No input escapes session.run as an exception or hangs it: random text and mutations of real
// statements all come back as results.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Session } from "../src/session.js";
import { VALUES } from "./corpus.js";

const ALPHABET = "xyzAB0123456789+-*/^()[];,.'ᵀ⁻¹‖|∂∇Σ_{}=≡ \n#\"dσλ".split("");

function runsCleanly(code: string): boolean {
  const session = new Session({ limits: { timeMs: 500 } });
  const started = Date.now();
  const results = session.run(code);
  expect(Date.now() - started).toBeLessThan(5000);
  for (const r of results) {
    expect(["ok", "error"]).toContain(r.status);
    if (r.status === "error") expect(r.error?.kind).not.toBe("internal");
  }
  return true;
}

describe("fuzz", () => {
  it("random strings never throw or hang", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...ALPHABET), { maxLength: 40 }).map((cs) => cs.join("")),
        runsCleanly,
      ),
      { numRuns: 400, seed: 42 },
    );
  });
  it("mutated statements never throw or hang", () => {
    const mutated = fc
      .tuple(
        fc.constantFrom(...VALUES),
        fc.nat(),
        fc.constantFrom(...ALPHABET),
        fc.constantFrom("insert", "delete", "replace"),
      )
      .map(([src, at, ch, how]) => {
        const i = at % (src.length + 1);
        return how === "insert"
          ? src.slice(0, i) + ch + src.slice(i)
          : how === "delete"
            ? src.slice(0, i) + src.slice(i + 1)
            : src.slice(0, i) + ch + src.slice(i + 1);
      });
    fc.assert(fc.property(mutated, runsCleanly), { numRuns: 600, seed: 7 });
  });
});
