// Closed numbers too large for 40 digits to tell apart (exp(100) against exp(100) + 1) were
// "equivalent (not proved: equal numerically)": the difference, with the second side's terms negated
// one by one, is now built so shared terms cancel, and it decides. Points where a side is too large
// to evaluate (e^u past u = 10⁵) were skipped, so a difference that lives only out there was never
// seen: exp(x²) + step(x − 1000) against exp(x²) was "equivalent (not proved …)". Where both sides
// are defined everywhere (total functions, powers of e), their gap decides there now; a side that
// may be undefined keeps the old caution.
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";

const GROWTHS = ["exp(x^2)", "exp(x)", "exp(exp(x))", "exp(x^4 + x)", "3 exp(x^2) - 1"];
const PIECES = (c: string) => [`step(x - ${c})`, `relu(x - ${c})`, `max(x, ${c}) - ${c}`, `sign(x - ${c}) + 1`];
const EDGES = ["50", "1000", "200000"];

describe("differences beyond what the sides' size lets one evaluate", () => {
  it("are found by the gap, for every growth and piece", () => {
    const s = new Session();
    const missed: string[] = [];
    for (const f of GROWTHS)
      for (const c of EDGES)
        for (const piece of PIECES(c)) {
          const [r] = s.run(`check ${f} + ${piece} == ${f}`);
          if (r.verdict !== "not equivalent") missed.push(`${f} + ${piece}: ${r.pretty}`);
        }
    expect(missed).toEqual([]);
  });

  it("say what they can: the point, and the difference there", () => {
    expect(new Session().run("check exp(x^2) + step(x - 1000) == exp(x^2)")[0].pretty).toBe(
      "✗ not equivalent: at x = 1000 the left side is too large to compute, the right side too large to compute, a difference of 1",
    );
  });

  it("part closed numbers larger than 40 digits can tell apart, by their difference", () => {
    const s = new Session();
    for (const big of ["exp(100)", "exp(200)", "exp(1000)", "pi^200", "2^1000 + exp(300)"])
      for (const offset of ["1", "1e-30", "-1e-300"]) {
        expect(s.run(`check ${big} == ${big} + ${offset}`)[0].verdict, `${big} + ${offset}`).toBe("not equivalent");
        expect(s.run(`check ${big} + ${offset} == ${offset} + ${big}`)[0].verdict, `${big} + ${offset}`).toBe(
          "equivalent",
        );
      }
  });

  it("leave equal sides equal", () => {
    const s = new Session();
    for (const f of GROWTHS)
      for (const c of EDGES)
        expect(s.run(`check ${f} + step(x - ${c}) - step(x - ${c}) == ${f}`)[0].verdict).toBe("equivalent");
  });
});
