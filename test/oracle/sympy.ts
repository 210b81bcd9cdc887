// Asks Debian's SymPy (one process per request batch) for reference answers.
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const PYTHON = "/usr/bin/python3";

export const sympyAvailable = spawnSync(PYTHON, ["-c", "import sympy"]).status === 0;
if (!sympyAvailable) console.warn("SymPy oracle tests skipped: Debian's python3-sympy is not installed");

export function askSympy<T>(request: object): T {
  const r = spawnSync(PYTHON, [join(import.meta.dirname, "sympy_oracle.py")], {
    input: JSON.stringify(request),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    timeout: 600_000,
  });
  if (r.error) throw new Error(`SymPy did not run: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`SymPy failed (exit ${r.status}): ${r.stderr.slice(-2000)}`);
  return JSON.parse(r.stdout) as T;
}
