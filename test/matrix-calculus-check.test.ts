// `check` of matrix expressions of a symbolic size (#13): decided at instances of the sizes with
// random exact entries. A difference is "not equivalent" with the instance as counterexample, which
// the test evaluates again in a fresh session; equality everywhere tried is "equivalent (not
// proved: …)" by sampling, never a proof.
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";
import { int } from "../src/graph/construct.js";
import { toText } from "../src/graph/print/forms.js";

const DECLARATIONS = "x ∈ ℝ^n; a ∈ ℝ^n; y ∈ ℝ^m; b ∈ ℝ^m; A ∈ ℝ^(n×n); B ∈ ℝ^(n×n); C ∈ ℝ^(n×n); W ∈ ℝ^(m×n); λ ∈ ℝ";

function check(claim: string) {
  const s = new Session();
  s.run(DECLARATIONS);
  const [r] = s.run(`check ${claim}`);
  if (r.status !== "ok") throw new Error(`${claim}: ${r.error?.message}`);
  return r;
}

// Identities of the references that no normal form proves entry by entry.
const EQUAL = [
  "tr(A B) == tr(B A)",
  "tr(A B C) == tr(C A B)",
  "inv(A B) == inv(B) inv(A)",
  "det(A B) == det(A) det(B)",
  "det(Aᵀ) == det(A)",
  "∇_x ‖W x − y‖² == 2 Wᵀ W x − 2 Wᵀ y",
  "xᵀ A x == xᵀ Aᵀ x",
  "xᵀ (A + Aᵀ) x == 2 xᵀ A x",
  "λ (A + B) == λ A + λ B",
  "softmax(x) == exp(x)/sum(exp(x))",
  "σ(W x) == 1/(1 + exp(-W x))",
  "sum(x) == 𝟏ᵀ x",
  "(A + B)(A − B) == A A − A B + B A − B B",
  "∇_x (xᵀ A x) == A x + Aᵀ x",
  "(x aᵀ)ᵀ == a xᵀ",
];

// Plausible mistakes: each differs at some instance.
const DIFFERENT = [
  "(A B)ᵀ == Aᵀ Bᵀ",
  "inv(A B) == inv(A) inv(B)",
  "A B == B A",
  "abs(det(A)) == det(A)",
  "tr(A B C) == tr(A C B)",
  "∇_x ‖W x − y‖² == 2 Wᵀ W x − Wᵀ y",
  "∇_x (xᵀ A x) == 2 A x",
  "xᵀ A x == xᵀ B x",
  "σ(W x) == 1/(1 + exp(W x))",
  "det(A + B) == det(A) + det(B)",
  "(A + B)(A − B) == A A − B B",
  "x == 𝟏",
  "x aᵀ == a xᵀ",
];

// True for random arrays, false at the zero, small, singular, nilpotent or equal ones (an adversarial
// pass found random entries alone call them equivalent).
const DIFFERENT_AWAY_FROM_RANDOM = [
  "relu(xᵀ x − 1e-6) == xᵀ x − 1e-6",
  "relu(1 − ‖x‖²) == 0",
  "max(‖x‖, 1) == ‖x‖",
  "relu(0.01 − tr(Aᵀ A)) == 0",
  "relu(1e-20 − tr(Aᵀ A)) == 0",
  "relu(‖x‖² − 1e12) == 0",
  "rank(A) == n",
  "rank(A B) == rank(A)",
  "rank(A) == rank(A A)",
  "rank(A − B) == n",
  "rank(x xᵀ) == 1",
  "sign(‖x‖) == 1",
  "sign(xᵀ x) == 1",
  "sign(det(A))^2 == 1",
  "rank(W) == min(m, n)",
];

describe("check over arrays of a symbolic size", () => {
  it.each(EQUAL)("%s is equivalent, not proved", (claim) => {
    const r = check(claim);
    expect(r.verdict, r.text).toBe("equivalent");
    // `identical` (the same graph) is a proof; anything else here is sampled.
    if (!r.text.includes("identical")) {
      expect(r.method).toBe("sampling");
      expect(r.text).toMatch(/not proved: equal at \d+ instances \(random exact entries; zero, tiny, huge/);
    }
  });

  it.each([...DIFFERENT, ...DIFFERENT_AWAY_FROM_RANDOM])(
    "%s is not equivalent, at an instance that evaluates again to a difference",
    (claim) => {
      const r = check(claim);
      expect(r.verdict, r.text).toBe("not equivalent");
      const point = r.counterexample!;
      expect(point.n, r.text).toMatch(/^\d+$/);
      // A fresh session with the sizes and the arrays of the counterexample as values.
      const s = new Session();
      for (const [name, value] of Object.entries(point)) {
        if (/^\d+$/.test(value)) s.env.values.set(name, int(Number(value)));
        else {
          const [assigned] = s.run(`${name} = ${value}`);
          expect(assigned.status, `${name} = ${value}`).toBe("ok");
        }
      }
      for (const name of ["x", "a", "y", "b", "A", "B", "C", "W", "λ"]) if (!(name in point)) s.run(`${name} = 0`);
      // The sides are worked out over symbols of the instance's shapes (∇_x of a name that holds a
      // value is an error, not 0), then evaluated where the names hold the instance's values.
      const symbolic = new Session();
      for (const [name, value] of Object.entries(point)) {
        if (/^\d+$/.test(value)) symbolic.env.values.set(name, int(Number(value)));
        else {
          const shape = s.env.values.get(name)!.shape;
          symbolic.run(`${name} ∈ ℝ^${shape.length === 1 ? shape[0] : `(${shape.join("×")})`}`);
        }
      }
      for (const name of ["x", "a", "y", "b", "A", "B", "C", "W", "λ"])
        if (!(name in point)) symbolic.run(`${name} = 0`);
      // 𝟏 is sized by its use in the claim; here no shape is declared, so it is written ones(n).
      const [left, right] = claim.replace(/𝟏/gu, "ones(n)").split(" == ");
      const [l] = symbolic.run(left);
      const [rr] = symbolic.run(right);
      expect(l.status, l.error?.message).toBe("ok");
      expect(rr.status, rr.error?.message).toBe("ok");
      const [differ] = s.run(`check ${toText(l.value!)} == ${toText(rr.value!)}`);
      expect(differ.verdict, `${claim} at ${JSON.stringify(point)}`).toBe("not equivalent");
    },
  );

  it("says where: the sizes and the entries, both sides' values", () => {
    const r = check("(A B)ᵀ == Aᵀ Bᵀ");
    expect(r.text).toMatch(/^✗ not equivalent: at n = \d+, .* the left side is .*, the right side /u);
    expect(Object.keys(r.counterexample!).sort()).toEqual(["A", "B", "n"]);
  });

  it("grades a matrix answer of symbolic size: right earns the points, a slip shows an instance", () => {
    const s = new Session();
    s.run("X ∈ ℝ^(m×n); w ∈ ℝ^n; y ∈ ℝ^m\nq1 = 2 Xᵀ X w − 2 Xᵀ y\nq2 = 2 Xᵀ X w − Xᵀ y");
    const [right] = s.run("expect q1 ≡ ∇_w ‖X w − y‖² points 2");
    expect(right.text).toBe("✓ 2/2 points: correct");
    const [slip] = s.run("expect q2 ≡ ∇_w ‖X w − y‖² points 2");
    expect(slip.text).toMatch(/^✗ 0\/2 points: your answer gives .* at m = \d, n = \d, X = /u);
  });

  it("keeps deciding scalar checks and concrete arrays as before", () => {
    expect(check("t^2 == t t").verdict).toBe("equivalent");
    const r = check("[1, 2; 3, 4] [1, 1] == [3, 7]");
    expect(r.verdict).toBe("equivalent");
    expect(r.method).toBe("proof");
  });
});
