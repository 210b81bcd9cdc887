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

/**
 * Runs a short SymPy script on JSON input and returns what it prints as JSON. The script starts with
 * `P(s)`, which parses Nabla-like text (implicit products, ^, decimals as rationals) over the real
 * symbols `names` (x, y and pi to begin with), and reads the input as `data`.
 */
export function sympyScript<T>(lines: readonly string[], input: unknown): T {
  const prelude = [
    "import json, sys",
    "import sympy as sp",
    "from sympy.parsing.sympy_parser import standard_transformations, implicit_multiplication_application, convert_xor, rationalize",
    "T = standard_transformations + (implicit_multiplication_application, convert_xor, rationalize)",
    "x, y = sp.symbols('x y', real=True)",
    "names = {'x': x, 'y': y, 'pi': sp.pi}",
    "P = lambda s: sp.parse_expr(s, local_dict=names, transformations=T)",
    "data = json.load(sys.stdin)",
  ];
  const r = spawnSync(PYTHON, ["-c", [...prelude, ...lines].join("\n")], {
    input: JSON.stringify(input),
    encoding: "utf8",
    timeout: 240_000,
  });
  if (r.error) throw new Error(`SymPy did not run: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`SymPy failed (exit ${r.status}): ${r.stderr.slice(-2000)}`);
  return JSON.parse(r.stdout) as T;
}
