// The Nabla kernel against ipykernel (Debian's python3-ipykernel) and tslab, measured in the same
// run with jupyter_client: cold start to the first reply, the median round-trip of execute_request
// for `1 + 1` and for a 3×3 inverse, and resident memory after start.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..", "..");
const PYTHON = "/usr/bin/python3";

interface Row {
  kernel: string;
  start_s: number;
  simple_ms: number;
  inverse_ms: number;
  rss_mb: number;
}

const KERNELS: { name: string; label: string; simple: string; inverse: string }[] = [
  { name: "nabla", label: "Nabla", simple: "1 + 1", inverse: "inv([2, 1, 0; 1, 3, 1; 0, 1, 4])" },
  { name: "python3", label: "ipykernel", simple: "1 + 1", inverse: "from fractions import Fraction as F\n[[F(x) for x in r] for r in [[2,1,0],[1,3,1],[0,1,4]]]" },
  { name: "tslab", label: "tslab", simple: "1 + 1", inverse: "const m = [[2, 1, 0], [1, 3, 1], [0, 1, 4]]; m.map((r) => r.map((x) => x * 2));" },
];

export async function run(runs = 20): Promise<void> {
  const prefix = mkdtempSync(join(tmpdir(), "nabla-kernel-bench-"));
  spawnSync("npm", ["run", "build"], { cwd: ROOT, encoding: "utf8" });
  const env = { ...process.env, NABLA_USE_DIST: "1", JUPYTER_PATH: join(prefix, "share", "jupyter") };
  spawnSync(process.execPath, [join(ROOT, "bin", "nabla.mjs"), "install-kernel", "--prefix", prefix], { env, encoding: "utf8" });
  spawnSync(process.execPath, [join(ROOT, "node_modules", "tslab", "bin", "tslab"), "install", `--python=${PYTHON}`, "--prefix", prefix, `--binary=${join(ROOT, "node_modules", ".bin", "tslab")}`], { env, encoding: "utf8" });
  const rows: Row[] = [];
  for (const k of KERNELS) {
    const r = spawnSync(PYTHON, [join(import.meta.dirname, "measure.py"), k.name, k.simple, k.inverse, String(runs)], { env, encoding: "utf8", timeout: 300_000 });
    const line = r.stdout.trim().split("\n").pop() ?? "";
    try {
      rows.push({ ...(JSON.parse(line) as Row), kernel: k.label });
    } catch {
      console.log(`  ${k.label}: could not be measured: ${r.stderr.trim().split("\n").slice(-2).join(" ")}`);
    }
  }
  console.log("kernel: cold start, median execute round-trip (1 + 1, 3×3 inverse), resident memory after start");
  for (const row of rows) {
    console.log(`  ${row.kernel.padEnd(10)} start ${row.start_s.toFixed(2)} s   1 + 1 ${row.simple_ms.toFixed(1)} ms   3×3 inverse ${row.inverse_ms.toFixed(1)} ms   RSS ${row.rss_mb.toFixed(0)} MB`);
  }
}
