// `check` on a corpus of 300+ labelled pairs (test/oracle/check-corpus.ts): no pair that differs is
// called equivalent, no pair that is the same is called different, and every counterexample is
// re-evaluated independently by SymPy (check_oracle.py), which must find the two sides different
// there, or only one of them defined.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Session } from "../../src/session.js";
import { toJsonLine } from "../../src/cli/eval.js";
import { sympyAvailable } from "./sympy.js";
import { runPair, show } from "./check-run.js";
import { CORPUS, forSympy } from "./check-corpus.js";

const outcomes = CORPUS.map(runPair);

describe("check on the labelled corpus", () => {
  it("has at least 300 pairs, both kinds, every adversarial kind", () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(300);
    expect(CORPUS.filter((p) => !p.equivalent).length).toBeGreaterThanOrEqual(120);
    expect(CORPUS.filter((p) => p.where).length).toBeGreaterThanOrEqual(5);
  });

  it("never calls a pair that differs equivalent", () => {
    expect(outcomes.filter((o) => !o.pair.equivalent && o.verdict === "equivalent").map(show)).toEqual([]);
  });

  it("never calls a pair that is the same not equivalent, and rarely undecided", () => {
    expect(outcomes.filter((o) => o.pair.equivalent && o.verdict === "not equivalent").map(show)).toEqual([]);
    expect(outcomes.filter((o) => o.verdict.startsWith("error")).map(show)).toEqual([]);
    const undecided = outcomes.filter((o) => o.pair.equivalent && o.verdict === "undecided");
    expect(undecided.length, undecided.map(show).join("\n")).toBeLessThanOrEqual(CORPUS.length * 0.02);
  });

  it("gives every 'not equivalent' a counterexample point", () => {
    expect(outcomes.filter((o) => o.verdict === "not equivalent" && !o.point).map(show)).toEqual([]);
  });

  it.skipIf(!sympyAvailable)(
    "has every counterexample confirmed by SymPy",
    () => {
      const step0 = new Session().run("step(0)")[0].text;
      const wrong = outcomes.filter((o) => o.verdict === "not equivalent" && o.point);
      const items = wrong.map((o) => ({ a: forSympy(o.pair.a), b: forSympy(o.pair.b), point: o.point, step0 }));
      const r = spawnSync("/usr/bin/python3", [join(import.meta.dirname, "check_oracle.py")], {
        input: JSON.stringify({ items }),
        encoding: "utf8",
        maxBuffer: 64 << 20,
        timeout: 120_000,
      });
      expect(r.status, r.stderr).toBe(0);
      const answers = JSON.parse(r.stdout) as { differ: boolean | null; error?: string }[];
      const unconfirmed = wrong
        .filter((_, i) => answers[i].differ !== true)
        .map((o, i) => `${show(o)} — SymPy: ${answers[i]?.error ?? "the same there"}`);
      expect(unconfirmed).toEqual([]);
      expect(wrong.length).toBeGreaterThanOrEqual(120);
    },
    120_000,
  );

  it("says which tier decided, in text and in --json", () => {
    const [proved] = new Session().run("check sin(x)^2 + cos(x)^2 == 1");
    expect(proved.method).toBe("proof");
    expect(proved.pretty).toMatch(/^✓ equivalent \(proved/);
    expect(toJsonLine(proved).method).toBe("proof");
    const [sampled] = new Session().run("check relu(x) == max(x, 0)");
    expect(sampled.method).toBe("sampling");
    expect(sampled.pretty).toMatch(/^✓ equivalent \(not proved: equal at \d+ points/);
    expect(toJsonLine(sampled).method).toBe("sampling");
    const [exact] = new Session().run("check x/3 == 0.333333333333 x");
    expect(exact.verdict).toBe("not equivalent");
    expect(exact.method).toBe("proof");
  });

  it("names the point where only one side is defined, and notes a removable point", () => {
    expect(new Session().run("check log(x^2) == 2 log(x)")[0].pretty).toBe(
      "✗ not equivalent: at x = -1 only the left side is defined (it is 0)",
    );
    expect(new Session().run("check log(x^2) == 2 log(x) for x > 0")[0].verdict).toBe("equivalent");
    const removable = new Session().run("check (x^2 - 1)/(x - 1) == x + 1")[0];
    expect(removable.method).toBe("proof");
    expect(removable.pretty).toContain("at x = 1 only the right side is defined (a single point)");
  });

  it("rejects conditions that are not inequalities", () => {
    const [r] = new Session().run("check x == x for x = 1");
    expect(r.status).toBe("error");
  });
});
