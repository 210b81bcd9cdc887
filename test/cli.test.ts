// `nabla eval --json` prints one object per statement (LANGUAGE.md §9) and exits 1 on any error.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";

const BIN = join(import.meta.dirname, "..", "bin", "nabla.mjs");

function nabla(args: string[], input: string) {
  return spawnSync(process.execPath, [BIN, ...args], { input, encoding: "utf8" });
}

describe("nabla eval", () => {
  it("prints JSON lines", () => {
    const out = nabla(["eval", "--json", "-"], "A = [1, 2; 3, 4]\ndet(A)\n‖A‖_F");
    expect(out.status).toBe(0);
    const lines = out.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines[0]).toEqual({
      index: 0,
      line: 1,
      source: "A = [1, 2; 3, 4]",
      status: "ok",
      name: "A",
      text: "[1, 2; 3, 4]",
      latex: "A = \\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}",
    });
    expect(lines[1]).toMatchObject({ index: 1, line: 2, text: "-2", status: "ok" });
    expect(lines[2]).toMatchObject({ text: "sqrt(30)", latex: "\\sqrt{30} \\approx 5.4772" });
  });
  it("exits 1 and reports the error with line and column", () => {
    const out = nabla(["eval", "--json", "-"], "x = 1\ny = (2");
    expect(out.status).toBe(1);
    const last = JSON.parse(out.stdout.trim().split("\n").pop()!);
    expect(last.error).toEqual({
      kind: "parse",
      message: "expected `)` to close the parenthesis opened at 2:5",
      line: 2,
      column: 7,
    });
  });
  it("prints Unicode math in the terminal", () => {
    const out = nabla(["eval", "-"], "‖[1, 2; 3, 4]‖_F\n[1, 2]ᵀ [3, 4]");
    expect(out.stdout).toBe("√30 ≈ 5.4772\n11\n");
  });
  it("writes plots as SVG files and says where", () => {
    const dir = mkdtempSync(join(tmpdir(), "nabla-plots-"));
    const out = nabla(["eval", "--plots", dir, "-"], "plot(σ(x), x = -6..6)\nplot(x^2, x = -1..1)");
    expect(out.stdout).toBe(
      `plot of σ(x) → ${join(dir, "nabla.plot-1.svg")}\nplot of x² → ${join(dir, "nabla.plot-2.svg")}\n`,
    );
    expect(readFileSync(join(dir, "nabla.plot-1.svg"), "utf8")).toMatch(/^<svg [^>]*class="marks"/);
  });
  it("stops quietly when the reader of its output goes away (nabla eval … | head -1)", () => {
    // 12,000 results of 62 bytes: more than a pipe holds, so writes meet the closed pipe (EPIPE).
    const dir = mkdtempSync(join(tmpdir(), "nabla-pipe-"));
    const file = join(dir, "many.nabla");
    writeFileSync(file, Array.from({ length: 12_000 }, (_, k) => `10^60 + ${k + 1}`).join("\n"));
    const out = spawnSync("sh", ["-c", `"$0" "$1" eval "$2" | head -1`, process.execPath, BIN, file], {
      encoding: "utf8",
    });
    expect(out.stdout).toBe(`1${"0".repeat(59)}1\n`);
    expect(out.stderr).toBe("");
  }, 60_000);
});

describe("nabla repl", () => {
  it("keeps names across lines and continues an open bracket", () => {
    const out = nabla(["repl"], "A = [1, 2;\n3, 4]\ndet(A)\n");
    expect(out.stdout).toContain("A = [1, 2; 3, 4]");
    expect(out.stdout).toContain("−2");
  });

  it("says what is wrong with a statement left open at the end of input, and exits 1", () => {
    const out = nabla(["repl"], "x = 1\n[1, 2\nx + 1\n");
    expect(out.stdout).toContain("Parse error at 2:6: expected `]` to close the matrix opened at 1:1");
    expect(out.status).toBe(1);
    expect(nabla(["repl"], "x = 1\nx + 1\n").status).toBe(0);
  });
});
