// A subscript written with Unicode's small letters is the same subscript as one written with `_`:
// xᵢ is x_i as x₁ is x_1. Notes pasted from a PDF carry xᵢ; a Σ over i must bind it.
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";
import { canonicalName } from "../src/syntax/names.js";

/** Each subscript letter with the letter it writes small. */
const LETTERS: [string, string][] = [
  ["ₐ", "a"],
  ["ₑ", "e"],
  ["ₒ", "o"],
  ["ₓ", "x"],
  ["ₕ", "h"],
  ["ₖ", "k"],
  ["ₗ", "l"],
  ["ₘ", "m"],
  ["ₙ", "n"],
  ["ₚ", "p"],
  ["ₛ", "s"],
  ["ₜ", "t"],
  ["ᵢ", "i"],
  ["ᵣ", "r"],
  ["ᵤ", "u"],
  ["ᵥ", "v"],
  ["ⱼ", "j"],
  ["ᵦ", "β"],
  ["ᵧ", "γ"],
  ["ᵨ", "ρ"],
  ["ᵩ", "φ"],
  ["ᵪ", "χ"],
];

function shown(session: Session, code: string): string {
  return session
    .run(code)
    .map((r) => (r.error ? `${r.error.kind}: ${r.error.message}` : r.pretty))
    .join(" | ");
}

describe("a subscript letter is the letter after _", () => {
  it.each(LETTERS)("w%s is w_%s", (small, letter) => {
    expect(canonicalName(`w${small}`)).toBe(`w_${letter}`);
    const s = new Session();
    expect(shown(s, `w_${letter} = 7`)).toBe(`w_${letter} = 7`);
    expect(shown(s, `w${small} + 1`)).toBe("8");
    expect(shown(new Session(), `∂/∂w${small} (w_${letter}^2)`)).toBe(`2 w_${letter}`);
  });

  it.each(LETTERS.filter(([, letter]) => /^[a-z]$/.test(letter) && !["e", "x"].includes(letter)))(
    "Σ over %s binds x%s",
    (small, letter) => {
      const s = new Session();
      expect(shown(s, `Σ_{${letter}=1}^{3} x${small}`)).toBe("x₁ + x₂ + x₃");
      expect(shown(s, `Σ_{${letter}=1}^{3} x${small}`)).toBe(shown(s, `Σ_{${letter}=1}^{3} x_${letter}`));
    },
  );

  it("several subscript characters make one subscript, digits and letters alike", () => {
    expect(canonicalName("wₖⱼ")).toBe("w_kj");
    expect(canonicalName("xᵢ₁")).toBe("x_i1");
    expect(canonicalName("θᵦ")).toBe("θ_β");
    expect(canonicalName("alphaᵢ")).toBe("α_i");
  });

  it("a subscript letter alone is a name of its own, not a subscript of nothing", () => {
    expect(canonicalName("ᵢ")).toBe("ᵢ");
    expect(shown(new Session(), "ᵢ + ᵢ")).toBe("2ᵢ");
  });

  it("the least-squares loss reads the same either way", () => {
    const s = new Session();
    const typed = shown(s, "∂/∂w Σ_{i=1}^{3} (y_i - w x_i)^2");
    expect(shown(s, "∂/∂w Σ_{i=1}^{3} (yᵢ - w xᵢ)^2")).toBe(typed);
    expect(typed).toMatch(/x₁/);
  });
});
