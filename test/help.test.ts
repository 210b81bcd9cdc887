// Docs are data: every example in every help entry runs without an error.
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";
import { helpExamples, helpFor } from "../src/help.js";

describe("help", () => {
  it.each(helpExamples().map((e) => [e.name, e.example]))("%s: %s", (_name, example) => {
    const results = new Session().run(example);
    for (const r of results) expect(r.status, `${example}: ${r.error?.message}`).toBe("ok");
  });
  it("shows an operator's entry in the pager", () => {
    const [r] = new Session().run("help(det)");
    expect(r.silent).toBe(true);
    expect(r.effects[0]).toMatchObject({ kind: "pager" });
    expect(helpFor("det")?.text).toContain("det([1, 2; 3, 4])");
  });
  it("prints to the output streams", () => {
    const [p, w] = new Session().run('print("loss after training:", 1/4)\nwarn("λ is large")');
    expect(p.effects).toEqual([{ kind: "stdout", text: "loss after training: 1/4\n" }]);
    expect(w.effects).toEqual([{ kind: "stderr", text: "λ is large\n" }]);
  });
});
