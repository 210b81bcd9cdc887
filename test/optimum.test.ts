// maximize/minimize claim a global optimum only when it is proved, and say "unbounded" with a line
// of the feasible set along which f runs off. Generated problems: every global claim is checked
// against random feasible points, every unbounded claim along its line.
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";
import type { Node } from "../src/graph/node.js";
import { floatValue } from "../src/graph/evalf.js";
import { sym } from "../src/graph/construct.js";
import { evaluateAt } from "../src/engine/numeric-eval.js";
import { seededRandom } from "./helpers/random.js";

function run(s: Session, code: string): { text: string; value: Node } {
  const [r] = s.run(code);
  if (r.status !== "ok" || !r.value) throw new Error(`${code}: ${r.error?.message}`);
  return { text: r.text, value: r.value };
}

function field(n: Node, name: string): Node {
  return (n as Node & { kind: "record" }).fields.find((f) => f.name === name)!.value;
}

describe("maximize and minimize", () => {
  it("say what is proved", () => {
    const s = new Session();
    const text = (code: string) => run(s, code).text;
    expect(text("maximize x y z subject to x + y + z = 6")).toMatch(
      /^local maximum 8 at x = 2, y = 2, z = 2; f is unbounded above on the constraint, as \(x, y, z\) = /,
    );
    expect(text("maximize x y subject to x + y = 10")).toBe("25 at x = 5, y = 5");
    expect(text("minimize x^2 + y^2 + z^2 subject to x + 2y + 3z = 6")).toBe("18/7 at x = 3/7, y = 6/7, z = 9/7");
    expect(text("minimize x^3 - 3x")).toBe("local minimum -2 at x = 1; f is unbounded below, as x → −∞");
    expect(text("minimize x^2 + y^2 subject to x y = 1")).toMatch(
      /^local minimum 2 at .*; no global minimum was proved$/,
    );
    expect(text("maximize x + y subject to x^2 + y^2 = 1")).toBe("sqrt(2) at x = sqrt(2)/2, y = sqrt(2)/2");
    expect(text("minimize x^4 + y^4 - 4 x y")).toBe("-2 at x = -1, y = -1");
    expect(text("minimize x y")).toMatch(/^f is unbounded below, as \(x, y\) = /);
    // Equations stored in a name are constraints like any other.
    run(s, "c = [x + y + z = 6]");
    expect(text("maximize x y z subject to c")).toMatch(/^local maximum 8/);
  });

  const next = seededRandom(99);
  const monomials = ["x", "y", "x^2", "y^2", "x y", "x^3", "y^3", "x^2 y", "x y^2", "x^4", "y^4"];
  const constraints = [null, "x + y = 1", "x - 2y = 3", "x^2 + y^2 = 1", "x^2 + 4y^2 = 4"];
  const problems = Array.from({ length: 40 }, () => {
    const constraint = constraints[Math.floor(next() * constraints.length)];
    // Quartic objectives on curved constraints make Gröbner bases too large for a test.
    const allowed = constraint?.includes("^") ? monomials.filter((m) => !m.includes("4")) : monomials;
    const terms = allowed
      .filter(() => next() < 0.4)
      .map((m) => `${next() < 0.5 ? "-" : "+"} ${1 + Math.floor(next() * 3)} ${m}`);
    const f = (terms.length ? terms.join(" ") : "+ x y").replace(/^\+ /, "");
    return { f, constraint, sense: next() < 0.5 ? "maximize" : "minimize" };
  });

  it(`${problems.length} generated problems: global claims beat every sampled feasible point, unbounded claims run off along their line`, () => {
    const failures: string[] = [];
    const xs = [sym("x"), sym("y")];
    for (const p of problems) {
      const s = new Session();
      const code = `${p.sense} ${p.f}${p.constraint ? ` subject to ${p.constraint}` : ""}`;
      const [r] = s.run(code);
      if (r.status !== "ok" || !r.value) continue; // no stationary point: an error, not a claim
      const status = (field(r.value, "status") as { value: string }).value;
      const note = (field(r.value, "note") as { value: string }).value;
      const f = run(s, p.f).value;
      const at = (x: number[]) => evaluateAt(f, new Map(xs.map((v, i) => [v, x[i]])));
      const sign = p.sense === "maximize" ? 1 : -1;
      const feasible: number[][] = [];
      for (let k = 0; k < 400; k++) {
        const t = (next() * 2 - 1) * 5;
        const angle = next() * 2 * Math.PI;
        const c = p.constraint;
        if (c === null) feasible.push([t, (next() * 2 - 1) * 5]);
        else if (c === "x + y = 1") feasible.push([t, 1 - t]);
        else if (c === "x - 2y = 3") feasible.push([3 + 2 * t, t]);
        else if (c === "x^2 + y^2 = 1") feasible.push([Math.cos(angle), Math.sin(angle)]);
        else feasible.push([2 * Math.cos(angle), Math.sin(angle)]);
      }
      if (status === "global") {
        const best = floatValue(field(r.value, "value"))!;
        const beaten = feasible.find((x) => sign * (at(x) - best) > 1e-9 * Math.max(1, Math.abs(best)));
        if (beaten) failures.push(`${code}: claimed ${best} global, but f(${beaten}) = ${at(beaten)}`);
      }
      if (note.includes("unbounded")) {
        const line = note.match(/\(([^)]*)\) = \(([^)]*)\) \+ s·\(([^)]*)\)/u);
        if (!line) {
          failures.push(`${code}: unbounded without a line (${note})`);
          continue;
        }
        const num = (t: string) => {
          const u = t.replace(/−/g, "-").trim();
          return u.includes("/") ? Number(u.split("/")[0]) / Number(u.split("/")[1]) : Number(u);
        };
        // The line is written in the variables' typed order: (y, x) when y came first.
        const names = line[1].split(",").map((t) => t.trim());
        const inXY = (values: number[]) => ["x", "y"].map((n) => values[names.indexOf(n)]);
        const p0 = inXY(line[2].split(",").map(num));
        const v = inXY(line[3].split(",").map(num));
        const along = (s0: number) => at(p0.map((a, i) => a + s0 * v[i]));
        if (!(sign * along(1e3) > sign * along(10) && sign * along(1e5) > sign * along(1e3)))
          failures.push(`${code}: f does not run off along ${line[0]}`);
        if (p.constraint && p.constraint.includes("=")) {
          const [left, right] = p.constraint.split("=");
          const g = run(s, `(${left}) - (${right})`).value;
          const point = p0.map((a, i) => a + 1e3 * v[i]);
          if (Math.abs(evaluateAt(g, new Map(xs.map((x, i) => [x, point[i]])))) > 1e-6)
            failures.push(`${code}: the line leaves the constraint`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
