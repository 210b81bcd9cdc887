// Start-up (issue 18): `nabla eval -` of one statement, a fresh process each time, against `node -e 0`
// (Node's own start, the floor) and Maxima's `maxima --very-quiet --batch-string` of the same
// statement, interleaved: each round runs every command once, in a rotating order. Nabla runs as an
// installed package does, through bin/nabla on the build: from the start-up snapshot
// (dist/nabla.blob), and with NABLA_NO_SNAPSHOT=1 from the bundle and its code cache (the start
// before the snapshot). Wall time per run (median and range); CPU time per run (user + system of
// the child, the mean: Linux counts it in 10 ms ticks); ratios of medians.
// `npm run bench startup` (env STARTUP_ROUNDS=20). Builds first when dist/ has no snapshot.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..", "..");

interface Command {
  label: string;
  argv: string[];
  env?: Record<string, string>;
  input?: string;
  /** What a correct run prints (a part of its output). */
  expect?: string;
}

/** The statement as each side writes it, and what both print. */
const STATEMENTS = [
  { nabla: "1 + 1", maxima: "1 + 1;", shows: "2" },
  { nabla: "d/dx sin(x)^2", maxima: "diff(sin(x)^2, x);", shows: "2 cos(x) sin(x)" },
];

/** The children's CPU time so far (user + system, ms), from /proc (Linux); 0 elsewhere. */
function childrenCpuMs(): number {
  try {
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
    // Fields 16 and 17 of stat(5) (cutime, cstime) are the 14th and 15th after the command name.
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
  } catch {
    return 0;
  }
}

function time(c: Command): { wallMs: number; cpuMs: number } {
  const cpu = childrenCpuMs();
  const t = performance.now();
  const r = spawnSync(c.argv[0], c.argv.slice(1), {
    input: c.input ?? "",
    encoding: "utf8",
    env: { ...process.env, NODE_OPTIONS: "", ...c.env },
  });
  const wallMs = performance.now() - t;
  if (r.status !== 0 || (c.expect !== undefined && !r.stdout.includes(c.expect)))
    throw new Error(`${c.label} failed (${r.status}): ${r.stderr.slice(-500)} ${r.stdout.slice(-500)}`);
  return { wallMs, cpuMs: childrenCpuMs() - cpu };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export async function run(rounds = Number(process.env.STARTUP_ROUNDS ?? 20)): Promise<void> {
  const dist = join(ROOT, "dist");
  if (!existsSync(join(dist, "nabla.blob.stamp"))) spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  if (!existsSync(join(dist, "nabla.blob.stamp"))) throw new Error("the build made no start-up snapshot");
  const launcher = join(ROOT, "bin", "nabla");
  const maxima = spawnSync("maxima", ["--version"]).status === 0;
  const load = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  console.log(`\n## startup — nabla eval of one statement (${rounds} rounds, load ${load()} at the start)\n`);
  if (process.env.NODE_EXTRA_CA_CERTS)
    console.log(
      `NODE_EXTRA_CA_CERTS is set (${process.env.NODE_EXTRA_CA_CERTS}): node -e 0 reads it at start; bin/nabla eval does not.\n`,
    );
  for (const s of STATEMENTS) {
    const commands: Command[] = [
      { label: "node -e 0", argv: [process.execPath, "-e", "0"] },
      // bin/nabla starts eval without the extra certificates Node would read first (only TLS uses them).
      ...(process.env.NODE_EXTRA_CA_CERTS
        ? [
            {
              label: "node -e 0, no extra CA certs",
              argv: ["env", "-u", "NODE_EXTRA_CA_CERTS", process.execPath, "-e", "0"],
            },
          ]
        : []),
      {
        label: "nabla (snapshot)",
        argv: [launcher, "eval", "-"],
        env: { NABLA_USE_DIST: "1" },
        input: s.nabla,
        expect: s.shows,
      },
      {
        label: "nabla (bundle + code cache)",
        argv: [launcher, "eval", "-"],
        env: { NABLA_USE_DIST: "1", NABLA_NO_SNAPSHOT: "1" },
        input: s.nabla,
        expect: s.shows,
      },
      ...(maxima
        ? [{ label: "maxima", argv: ["maxima", "--very-quiet", "--batch-string", s.maxima], expect: s.shows }]
        : []),
    ];
    const wall = new Map<string, number[]>(commands.map((c) => [c.label, []]));
    const cpu = new Map<string, number[]>(commands.map((c) => [c.label, []]));
    for (const c of commands) time(c); // one unmeasured run each: the files in the page cache
    for (let round = 0; round < rounds; round++) {
      for (let k = 0; k < commands.length; k++) {
        const c = commands[(round + k) % commands.length];
        const t = time(c);
        wall.get(c.label)!.push(t.wallMs);
        cpu.get(c.label)!.push(t.cpuMs);
      }
    }
    const node = median(wall.get("node -e 0")!);
    const snapshot = median(wall.get("nabla (snapshot)")!);
    console.log(`\`${s.nabla}\` (Maxima: \`${s.maxima}\`), load ${load()} at the end\n`);
    console.log("| command | wall median | wall range | CPU mean | wall / node's |");
    console.log("|---|---|---|---|---|");
    for (const c of commands) {
      const w = wall.get(c.label)!;
      const m = median(w);
      const cpuMean = cpu.get(c.label)!.reduce((a, b) => a + b, 0) / rounds;
      console.log(
        `| ${c.label} | ${m.toFixed(0)} ms | ${Math.min(...w).toFixed(0)}–${Math.max(...w).toFixed(0)} ms | ${cpuMean.toFixed(0)} ms | ${(m / node).toFixed(2)} |`,
      );
    }
    const before = median(wall.get("nabla (bundle + code cache)")!);
    const ratios = [`bundle / snapshot ${(before / snapshot).toFixed(2)}×`];
    if (maxima)
      ratios.push(`Maxima / Nabla ${(median(wall.get("maxima")!) / snapshot).toFixed(2)}× (> 1: Nabla faster)`);
    console.log(`\n${ratios.join("; ")}; target ≤ 150 ms wall: ${snapshot <= 150 ? "met" : "not met"}\n`);
  }
}

if (process.argv[1] === import.meta.filename) await run();
