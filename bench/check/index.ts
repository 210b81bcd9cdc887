// `npm run bench check`: `check` throughput from cold, from the sources (no build needed). Each
// workload runs in a fresh Node process (tsx), one Session over all its statements; the process
// reports its wall time and its CPU time (user + system) for the statements alone, so a loaded
// machine shows in the wall time and less in the CPU time. With NABLA_OLD_ROOT=<a checkout of an
// older commit> the same workloads run there too, interleaved, and the ratio is printed. With
// NABLA_CHECK_FROM=build each side runs its build (dist/nabla.mjs: the bundle and its code cache, as
// users get it; `npm run build` in each checkout first) with plain node instead of the sources.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { manyChecks } from "../calculus/workloads.js";

const ROOT = join(import.meta.dirname, "..", "..");

/** The derivative checks of the calculus bench (proved in tier 1: the common case). */
const derivatives = manyChecks(1000).nabla;

/** 200 checks that need the search: domains, piecewise functions, shifts, exponents. */
function searched(n = 200): string {
  const lines: string[] = [];
  for (let k = 0; k < n; k++) {
    const c = k + 2;
    lines.push(
      [
        `check relu(x - ${c}) + x == max(x, ${c})`,
        `check log(x^2) == 2 log(x) for x > ${k % 3}`,
        `check tanh(x - ${c}*10^6) == -1`,
        `check (x^a)^${c} == x^(${c} a)`,
        `check x/x + ${c} == ${c + 1}`,
      ][k % 5],
    );
  }
  return lines.join("\n");
}

const FROM_BUILD = process.env.NABLA_CHECK_FROM === "build";

function once(root: string, dir: string, code: string): { wall: number; cpu: number; count: number } {
  const file = join(dir, "w.nabla");
  writeFileSync(file, code);
  const script = join(dir, FROM_BUILD ? "run.mjs" : "run.mts");
  const entry = FROM_BUILD ? join(root, "dist", "nabla.mjs") : join(root, "src", "session.ts");
  writeFileSync(
    script,
    [
      `import { readFileSync } from "node:fs";`,
      `const { Session } = await import(${JSON.stringify(entry)});`,
      `const code = readFileSync(${JSON.stringify(file)}, "utf8");`,
      `const cpu0 = process.cpuUsage();`,
      `const t = performance.now();`,
      `const rs = new Session({ limits: { timeMs: 600000 } }).run(code);`,
      `const wall = performance.now() - t;`,
      `const c = process.cpuUsage(cpu0);`,
      `if (rs.some((r) => r.status !== "ok")) { console.error(JSON.stringify(rs.find((r) => r.status !== "ok").error)); process.exit(1); }`,
      `console.log(JSON.stringify({ wall, cpu: (c.user + c.system) / 1000, count: rs.length }));`,
    ].join("\n"),
  );
  const runner = FROM_BUILD ? process.execPath : join(ROOT, "node_modules", ".bin", "tsx");
  const r = spawnSync(runner, [script], { encoding: "utf8", cwd: root });
  if (r.status !== 0) throw new Error(`check bench failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as { wall: number; cpu: number; count: number };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function run(repeats = 5): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "nabla-check-bench-"));
  const old = process.env.NABLA_OLD_ROOT;
  console.log(
    `check: cold, median of ${repeats} fresh processes (wall and CPU of the statements alone), ${FROM_BUILD ? "the build" : "the sources"}`,
  );
  for (const [name, code] of [
    ["1,000 derivative checks (the calculus bench's)", derivatives],
    ["200 checks that need the search", searched()],
  ] as const) {
    let roots = old ? [ROOT, old] : [ROOT];
    const runs = new Map<string, { wall: number; cpu: number; count: number }[]>(roots.map((r) => [r, []]));
    for (let k = 0; k < repeats; k++)
      for (const root of roots) {
        try {
          runs.get(root)!.push(once(root, dir, code));
        } catch (err) {
          // An older commit may not know a statement of the workload (check … for x > 0): it is left out.
          if (root === ROOT) throw err;
          console.log(`  ${name.padEnd(48)} old: cannot run it (${String(err).split("\n")[1] ?? err})`);
          roots = [ROOT];
        }
      }
    for (const root of roots) {
      const rs = runs.get(root)!;
      const wall = median(rs.map((r) => r.wall));
      const cpu = median(rs.map((r) => r.cpu));
      const count = rs[0].count;
      console.log(
        `  ${name.padEnd(48)} ${root === ROOT ? "now" : "old"}: wall ${wall.toFixed(0).padStart(6)} ms (${Math.round((count / wall) * 1000)}/s), CPU ${cpu.toFixed(0).padStart(6)} ms (${Math.round((count / cpu) * 1000)}/s)`,
      );
    }
    if (roots.length > 1) {
      const ratio = median(runs.get(ROOT)!.map((r) => r.cpu)) / median(runs.get(old!)!.map((r) => r.cpu));
      console.log(`  ${"".padEnd(48)} CPU now/old: ${ratio.toFixed(2)}`);
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run(Number(process.env.REPEATS ?? 5));
