// A training step (forward + backward + Adam) of the notes' 784-128-128-10 network at batch 64:
// Nabla against TensorFlow.js 4.22 with its CPU and its WASM backends, in the same run.
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const HERE = import.meta.dirname;

function measure(args: string[]): number | null {
  const r = spawnSync(process.execPath, args, { encoding: "utf8", timeout: 300_000 });
  const v = Number(r.stdout.trim().split("\n").pop());
  if (r.status !== 0 || !Number.isFinite(v)) {
    console.log(`  failed: ${r.stderr.trim().split("\n").slice(-2).join(" ")}`);
    return null;
  }
  return v;
}

export async function run(): Promise<void> {
  const nabla = measure(["--import", "tsx", join(HERE, "nabla-step.ts"), "30"]);
  const cpu = measure([join(HERE, "tfjs-step.mjs"), "cpu", "20"]);
  const wasm = measure([join(HERE, "tfjs-step.mjs"), "wasm", "30"]);
  console.log("nn: one Adam step of 784-128-128-10 at batch 64 (median ms per step)");
  if (nabla !== null) console.log(`  Nabla (float64, 1 thread)  ${nabla.toFixed(1)} ms`);
  if (cpu !== null)
    console.log(
      `  tfjs 4.22 cpu (float32)    ${cpu.toFixed(1)} ms${nabla ? `   Nabla is ${(cpu / nabla).toFixed(1)}× its throughput` : ""}`,
    );
  if (wasm !== null)
    console.log(
      `  tfjs 4.22 wasm (float32)   ${wasm.toFixed(1)} ms${nabla ? `   Nabla is ${(wasm / nabla).toFixed(2)}× its throughput` : ""}`,
    );
}
