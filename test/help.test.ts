// Docs are data: every operator and command has help, and every example in it runs without an error.
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";
import { helpExamples, helpFor, vocabulary } from "../src/help.js";
import { COMMANDS } from "../src/engine/commands/table.js";
import { operators } from "../src/graph/operators.js";

/** A session that may read one small CSV file, so load's example runs too. */
const session = () => new Session({ readFile: () => "x1,x2,label\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n" });

describe("help", () => {
  it.each(helpExamples().map((e) => [e.name, e.example]))("%s: %s", (_name, example) => {
    const results = session().run(example);
    for (const r of results) expect(r.status, `${example}: ${r.error?.message}`).toBe("ok");
  });
  it.each([...operators(), ...COMMANDS].map((e) => [e.name, e]))(
    "%s has a syntax, a description and an example",
    (name, entry) => {
      expect(entry.help.syntax.length).toBeGreaterThan(0);
      expect(entry.help.description.length).toBeGreaterThan(5);
      expect(entry.help.examples.length).toBeGreaterThan(0);
      expect(helpFor(name)?.text).toContain(entry.help.description);
    },
  );
  it("shows an operator's entry in the pager", () => {
    const [r] = new Session().run("help(det)");
    expect(r.silent).toBe(true);
    expect(r.effects[0]).toMatchObject({ kind: "pager" });
    expect(helpFor("det")?.text).toContain("det([1, 2; 3, 4])");
  });
  it("shows a command's entry with its options", () => {
    const [r] = new Session().run("help(solve)");
    expect(r.status).toBe("ok");
    expect(r.effects[0]).toMatchObject({ kind: "pager" });
    expect(helpFor("gd")?.text).toContain("steps = …  the number of steps (1 when omitted)");
  });
  it("says which names have no help", () => {
    const [r] = new Session().run("help(frobnicate)");
    expect(r.error?.message).toContain("no help for frobnicate");
  });
  it("names every operator and command, aliases included, once", () => {
    const names = vocabulary().map((w) => w.name);
    for (const name of ["σ", "sigmoid", "ln", "solve", "gd", "help", "perceptron"]) expect(names).toContain(name);
  });
  it("prints to the output streams", () => {
    const [p, w] = new Session().run('print("loss after training:", 1/4)\nwarn("λ is large")');
    expect(p.effects).toEqual([{ kind: "stdout", text: "loss after training: 1/4\n" }]);
    expect(w.effects).toEqual([{ kind: "stderr", text: "λ is large\n" }]);
  });
});

describe("help as data", () => {
  it("the engine gives the page's parts; the pager effect carries its HTML, laid out by render/", () => {
    const page = helpFor("gd")!;
    expect(page.sections[0].syntax.length).toBeGreaterThan(0);
    expect(page.sections[0].options[0]).toBe("Options:");
    expect(page).not.toHaveProperty("html");
    const effects: { kind: string; html?: string }[] = [];
    new Session({ onEffect: (e) => effects.push(e) }).run("help(gd)");
    const pager = effects.find((e) => e.kind === "pager")!;
    expect(pager.html).toContain("<h3><code>");
    expect(pager.html).toContain("<pre>Options:");
    expect(pager).not.toHaveProperty("help");
  });

  it("escapes what the help text holds (<, &, quotes) in its HTML", async () => {
    const { helpHtml } = await import("../src/render/help.js");
    const html = helpHtml({
      text: "",
      sections: [{ syntax: 'a < b & "c"', description: "x", options: [], examples: [] }],
    });
    expect(html).toContain("a &lt; b &amp; &quot;c&quot;");
  });
});
