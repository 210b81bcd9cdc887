// Nabla against SymPy on exact linear algebra, each workload in a fresh process (cold start
// included on both sides), median of several runs, answers compared.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WORKLOADS } from "./workloads.js";

const ROOT = join(import.meta.dirname, "..", "..");
const PYTHON = "/usr/bin/python3";

function timed(cmd: string, args: string[]): { ms: number; out: string } {
  const started = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} failed: ${r.stderr}`);
  return { ms, out: r.stdout.trim() };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function run(repeats = 5): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "nabla-bench-"));
  const hasSympy = spawnSync(PYTHON, ["-c", "import sympy"]).status === 0;
  console.log(
    `linalg: exact linear algebra, Nabla (node dist/, cold) vs SymPy ${hasSympy ? "" : "(not installed: skipped)"}`,
  );
  const build = spawnSync("npm", ["run", "build"], { cwd: ROOT, encoding: "utf8" });
  process.env.NABLA_USE_DIST = "1";
  if (build.status !== 0) throw new Error(`build failed: ${build.stdout}`);
  for (const w of WORKLOADS) {
    const nablaFile = join(dir, "w.nabla");
    const pyFile = join(dir, "w.py");
    writeFileSync(nablaFile, w.nabla);
    writeFileSync(pyFile, `from sympy import *\n${w.sympy}\n`);
    const nabla = Array.from({ length: repeats }, () =>
      timed(process.execPath, [join(ROOT, "bin", "nabla.mjs"), "eval", "--json", nablaFile]),
    );
    const answer = JSON.parse(nabla[0].out.split("\n").pop()!).text as string;
    let line = `  ${w.name.padEnd(42)} nabla ${median(nabla.map((r) => r.ms))
      .toFixed(0)
      .padStart(5)} ms`;
    if (hasSympy) {
      const sympy = Array.from({ length: repeats }, () => timed(PYTHON, [pyFile]));
      const same = sympy[0].out.replace(/\s/g, "") === answer.replace(/\s/g, "");
      const ratio = median(sympy.map((r) => r.ms)) / median(nabla.map((r) => r.ms));
      line += `   sympy ${median(sympy.map((r) => r.ms))
        .toFixed(0)
        .padStart(
          5,
        )} ms   sympy/nabla ${ratio.toFixed(2)}×   ${same ? "same answer" : `DIFFERENT: ${answer} vs ${sympy[0].out}`}`;
    }
    console.log(line);
  }
}
