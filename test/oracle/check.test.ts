// `check` on 200 labelled answer pairs: SymPy confirms the labels; Nabla gives no false
// "equivalent" and fewer than 1% false "not equivalent".
import { describe, expect, it } from "vitest";
import { Session } from "../../src/session.js";
import { askSympy, sympyAvailable } from "./sympy.js";
import { PAIRS, sympyForm } from "./check-pairs.js";

describe("check on labelled answers", () => {
  it("has at least 200 pairs, right and wrong", () => {
    expect(PAIRS.length).toBeGreaterThanOrEqual(200);
    expect(PAIRS.filter((p) => p.equivalent).length).toBeGreaterThanOrEqual(90);
  });

  it.skipIf(!sympyAvailable)(
    "labels agree with SymPy",
    () => {
      const pairs = PAIRS.filter((p) => !p.b.includes("sech")).map((p) => ({ a: sympyForm(p.a), b: sympyForm(p.b) }));
      const verdicts = askSympy<boolean[]>({ kind: "equivalent", pairs });
      const labels = PAIRS.filter((p) => !p.b.includes("sech"));
      const disagreements = labels
        .filter((p, i) => verdicts[i] !== p.equivalent)
        .map((p) => `${p.a} vs ${p.b}: labelled ${p.equivalent}`);
      expect(disagreements).toEqual([]);
    },
    300_000,
  );

  it("gives no false 'equivalent' and under 1% false 'not equivalent'", () => {
    let falseEquivalent: string[] = [];
    let falseDifferent = 0;
    let right = 0;
    for (const p of PAIRS) {
      const [r] = new Session().run(`check ${p.a} == ${p.b}`);
      if (r.status === "error") {
        if (p.equivalent) falseDifferent++;
        continue;
      }
      if (p.equivalent) {
        right++;
        if (r.verdict !== "equivalent") falseDifferent++;
      } else if (r.verdict === "equivalent") falseEquivalent = [...falseEquivalent, `${p.a} == ${p.b}`];
    }
    expect(falseEquivalent).toEqual([]);
    expect(falseDifferent / right).toBeLessThan(0.01);
  });
});
