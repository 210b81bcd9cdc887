// 25 Lagrange and critical-point problems (2–4 variables, 0–2 constraints): Nabla's real
// solution sets equal SymPy's, as sets of points (to 1e-9, in any order).
import { describe, expect, it } from "vitest";
import { Session } from "../../src/session.js";
import type { Node } from "../../src/graph/node.js";
import { floatValue } from "../../src/graph/evalf.js";
import { askSympy, sympyAvailable } from "./sympy.js";
import { PROBLEMS, type Problem } from "./stationary-problems.js";

function nablaPoints(p: Problem): number[][] {
  const nabla = (s: string) => s.replace(/\*/g, " * ");
  const code = p.constraints.length
    ? `lagrange(${nabla(p.f)}, ${p.constraints.map(nabla).join(", ")})`
    : `critical(${nabla(p.f)})`;
  const [r] = new Session().run(code);
  if (r.status !== "ok") throw new Error(`${code}: ${r.error?.message}`);
  const items = (r.value as Node & { kind: "record" }).fields[0].value;
  if (items.kind !== "tuple") return [];
  return items.items.map((pt) => {
    const at = (pt as Node & { kind: "record" }).fields[0].value as Node & { kind: "tuple" };
    const byName = new Map(
      at.items.map((rel) => [(rel as Node & { kind: "rel" }).left, (rel as Node & { kind: "rel" }).right]),
    );
    return p.vars.map((v) => floatValue([...byName].find(([k]) => k.kind === "sym" && k.name === v)![1])!);
  });
}

function sameSet(a: number[][], b: number[][]): boolean {
  const close = (u: number[], v: number[]) => u.every((x, i) => Math.abs(x - v[i]) <= 1e-9 * Math.max(1, Math.abs(x)));
  return (
    a.length === b.length && a.every((u) => b.some((v) => close(u, v))) && b.every((v) => a.some((u) => close(u, v)))
  );
}

describe.skipIf(!sympyAvailable)("stationary points against SymPy", () => {
  it(`agree on ${PROBLEMS.length} problems`, () => {
    expect(PROBLEMS.length).toBeGreaterThanOrEqual(25);
    const reference = askSympy<number[][][]>({
      kind: "stationary",
      problems: PROBLEMS.map((p) => ({
        f: p.f,
        vars: p.vars,
        constraints: p.constraints.map((c) => {
          const [g, k] = c.split("=");
          return `(${k}) - (${g})`;
        }),
      })),
    });
    const mismatches = PROBLEMS.map((p, i) => ({ p, ours: nablaPoints(p), theirs: reference[i] }))
      .filter(({ ours, theirs }) => !sameSet(ours, theirs))
      .map(
        ({ p, ours, theirs }) =>
          `${p.f} s.t. ${p.constraints.join(", ") || "nothing"}: Nabla ${JSON.stringify(ours)}, SymPy ${JSON.stringify(theirs)}`,
      );
    expect(mismatches).toEqual([]);
  }, 300_000);
});
