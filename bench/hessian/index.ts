// The Hessian of the logistic loss, m = 1000 points, d = 10, 100, 500, float64: Nabla derives it
// once in closed form (∇²_w L = Xᵀ diag(σ(Xw) ⊙ (1 − σ(Xw))) X) and runs the compiled program;
// torch.autograd.functional.hessian (Debian python3-torch, 2 threads) in the same run, with
// vectorize=False and True, and torch's own closed form through BLAS for reference. The largest
// absolute difference between the two Hessians is printed.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { Session } from "../../src/session.js";
import { Random } from "../../src/nn/random.js";
import { hasWasmSimd } from "../../src/numeric/gram-parallel.js";

const HERE = import.meta.dirname;
const M = 1000;
const SECONDS = 2;

interface TorchTimes {
  autograd: number;
  vectorized: number;
  closedForm: number;
  hessian: number[];
  version: string;
  threads: number;
}

function medianMs(f: () => void): number {
  f();
  const times: number[] = [];
  const budget = performance.now() + SECONDS * 1000;
  while (times.length < 3 || (performance.now() < budget && times.length < 500)) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

export async function run(): Promise<void> {
  const started = performance.now();
  const session = new Session();
  const hessian = session.compile(
    "X ∈ ℝ^(m×d); w ∈ ℝ^d; y ∈ ℝ^m\nL = -sum(y ⊙ log(σ(X w)) + (1 - y) ⊙ log(1 - σ(X w)))\n∇²_w L",
  );
  const derive = performance.now() - started;
  console.log(`hessian: ∇²_w of the logistic loss, m = ${M}, float64 (median ms per Hessian)`);
  console.log(
    `  Nabla derives ${session.run("∇²_w L")[0].pretty} once (${derive.toFixed(0)} ms with parsing and compiling), then runs ${hessian.program.length} steps; WebAssembly SIMD ${hasWasmSimd() ? "on" : "off"}`,
  );
  console.log("  d     Nabla     torch autograd   torch vectorize=True   torch closed form (BLAS)   max |ΔH|");
  for (const d of [10, 100, 500]) {
    const rng = new Random(d);
    const X = { shape: [M, d], data: Float64Array.from({ length: M * d }, () => rng.gaussian()) };
    const w = Array.from({ length: d }, () => 0.1 * rng.gaussian());
    const y = Array.from({ length: M }, () => (rng.next() < 0.5 ? 0 : 1));
    const ours = hessian.run({ X, w, y });
    const nabla = medianMs(() => hessian.run({ X, w, y }));
    const r = spawnSync("/usr/bin/python3", [join(HERE, "torch_hessian.py")], {
      input: JSON.stringify({ m: M, d, X: Array.from(X.data), y, w, seconds: SECONDS }),
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
      timeout: 600_000,
    });
    if (r.status !== 0) {
      console.log(
        `  ${String(d).padEnd(5)} ${nabla.toFixed(2).padStart(7)}   torch failed: ${r.stderr.trim().split("\n").slice(-1)[0] ?? r.error?.message}`,
      );
      continue;
    }
    const torch = JSON.parse(r.stdout) as TorchTimes;
    let diff = 0;
    torch.hessian.forEach((h, i) => (diff = Math.max(diff, Math.abs(h - ours.data[i]))));
    const cell = (t: number) => `${t.toFixed(2)} (${(t / nabla).toFixed(1)}×)`;
    console.log(
      `  ${String(d).padEnd(5)} ${nabla.toFixed(2).padStart(7)}   ${cell(torch.autograd).padStart(14)}   ${cell(torch.vectorized).padStart(20)}   ${cell(torch.closedForm).padStart(24)}   ${diff.toExponential(1)}`,
    );
    if (d === 500) console.log(`  torch ${torch.version}, ${torch.threads} threads; (k×) = torch time / Nabla time`);
  }
}
