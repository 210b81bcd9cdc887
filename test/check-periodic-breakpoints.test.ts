// Bumps and steps on periodic (and slowly turning) arguments. The scan for an argument's zeros ran
// from −10³⁰⁰ upward and kept the first 16 crossings: for a periodic argument all 16 were far out,
// where a float scan cannot place a turn on a peak, so relu(sin(x) − 0.9999) == 0 was "equivalent"
// (its bump, 0.028 wide, repeats every 2π) and so was an answer carrying 1000 step(sin(10x) − 0.999).
// The scan now goes outward from 0 each way. And a root found in floating point is tried 10⁻¹² to
// either side, so step(tanh(x) − 1/2) and the same step moved by 10⁻⁸ part.
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";

/** Arguments with their largest value, periodic and not. */
const PEAKS: [string, string][] = [
  ["sin(x)", "1"],
  ["cos(x)", "1"],
  ["sin(x) cos(x)", "1/2"],
  ["sin(x) + cos(x)", "sqrt(2)"],
  ["sin(x^2)", "1"],
  ["sin(3x + 1)", "1"],
  ["sin(10x)", "1"],
  ["cos(sqrt(x^2 + 1))", "1"],
  ["exp(sin(x))", "e"],
  ["exp(-x^2)", "1"],
  ["1/(1 + x^2)", "1"],
  ["x exp(-x)", "exp(-1)"],
];
const GAPS = ["1e-2", "1e-4"];
/** Arguments that cross a level once or periodically, and the level. */
const LEVELS: [string, string][] = [
  ["sin(x)", "0.5"],
  ["tanh(x)", "0.5"],
  ["sqrt(x)", "0.5"],
  ["exp(x)", "3"],
  ["atan(x)", "0.5"],
  ["sin(10x)", "0.999"],
];

describe("breakpoints of periodic and turning arguments", () => {
  it("find every bump at an argument's peak", () => {
    const s = new Session();
    const missed: string[] = [];
    for (const [f, top] of PEAKS)
      for (const gap of GAPS) {
        const code = `check relu(${f} - ${top} + ${gap}) == 0`;
        const [r] = s.run(code);
        if (r.verdict !== "not equivalent") missed.push(`${code}: ${r.pretty}`);
      }
    expect(missed).toEqual([]);
  });

  it("part a step from the same step moved by 10⁻⁸", () => {
    const s = new Session();
    const missed: string[] = [];
    for (const [g, level] of LEVELS) {
      const code = `check step(${g} - ${level}) == step(${g} - ${level} + 1e-8)`;
      const [r] = s.run(code);
      if (r.verdict !== "not equivalent") missed.push(`${code}: ${r.pretty}`);
    }
    expect(missed).toEqual([]);
  });

  it("leave true identities of pieces equivalent", () => {
    const s = new Session();
    for (const [f] of PEAKS) {
      expect(s.run(`check relu(${f}) == (${f} + abs(${f}))/2`)[0].verdict, f).toBe("equivalent");
      expect(s.run(`check max(${f}, 0) == relu(${f})`)[0].verdict, f).toBe("equivalent");
    }
  });

  it("cost an answer with a periodic spike its marks", () => {
    const s = new Session();
    s.run("q1 = 2x cos(x^2) + 1000 step(sin(10x) - 0.999)");
    expect(s.run("expect q1 ≡ d/dx sin(x^2) points 2")[0].pretty).toMatch(/^✗ 0\/2 points/);
  });
});
