// Nabla against SymPy on the calculus workloads of issue 3. Each workload runs in a fresh process on
// both sides; the time reported is the workload's own, measured inside that process from cold
// (first run: no warm JIT, SymPy's cache empty), with each side's start-up reported apart.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WORKLOADS, manyChecks } from "./workloads.js";

const ROOT = join(import.meta.dirname, "..", "..");
const PYTHON = "/usr/bin/python3";

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function nablaOnce(dir: string, code: string): number {
  const file = join(dir, "w.nabla");
  writeFileSync(file, code);
  const script = join(dir, "run.mjs");
  writeFileSync(
    script,
    `import { readFileSync } from "node:fs";\nconst { Session } = await import(${JSON.stringify(join(ROOT, "dist", "nabla.mjs"))});\nconst code = readFileSync(${JSON.stringify(file)}, "utf8");\nconst t = performance.now();\nconst rs = new Session({ limits: { timeMs: 600000 } }).run(code);\nconst shown = rs.filter((r) => !r.silent).map((r) => r.pretty).join("\\n");\nconst ms = performance.now() - t;\nif (rs.some((r) => r.status !== "ok")) { console.error(JSON.stringify(rs.find((r) => r.status !== "ok").error)); process.exit(1); }\nconsole.log(ms);\n`,
  );
  const r = spawnSync(process.execPath, [script], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`Nabla failed: ${r.stderr}`);
  return Number(r.stdout.trim().split("\n").pop());
}

function sympyOnce(dir: string, code: string): number {
  const file = join(dir, "w.py");
  writeFileSync(
    file,
    `import time\nfrom sympy import *\n_started = time.perf_counter()\n${code}\nimport sys\nsys.stderr.write(str((time.perf_counter() - _started) * 1000))\n`,
  );
  const r = spawnSync(PYTHON, [file], { encoding: "utf8", timeout: 600_000 });
  if (r.status !== 0) throw new Error(`SymPy failed: ${r.stderr.slice(-500)}`);
  return Number(r.stderr.trim().split("\n").pop());
}

export async function run(repeats = 5): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "nabla-calc-bench-"));
  spawnSync("npm", ["run", "build"], { cwd: ROOT, encoding: "utf8" });
  const hasSympy = spawnSync(PYTHON, ["-c", "import sympy"]).status === 0;
  console.log("calculus: cold in-process time of each workload, median of 5 fresh processes per side");
  const all = [...WORKLOADS, { name: "throughput: 1,000 distinct checks", ...manyChecks(1000) }];
  for (const w of all) {
    const nabla = median(Array.from({ length: repeats }, () => nablaOnce(dir, w.nabla)));
    let line = `  ${w.name.padEnd(58)} nabla ${nabla.toFixed(1).padStart(8)} ms`;
    if (hasSympy) {
      const sympy = median(Array.from({ length: repeats }, () => sympyOnce(dir, w.sympy)));
      line += `   sympy ${sympy.toFixed(1).padStart(8)} ms   ${(sympy / nabla).toFixed(1)}×`;
    }
    console.log(line);
  }
}
