// Nabla against Maxima 5.46 (Debian's `maxima`), interleaved in one run, on issue 18's workloads.
//   warm: one long-running process per side (Nabla: this process, a fresh Session per round;
//         Maxima: one `maxima` fed through its stdin), variables renamed every round;
//   cold: a fresh process per run, process start included (Nabla: `nabla eval FILE` as installed,
//         bin/nabla on the build, from its start-up snapshot; Maxima: `maxima -b file`).
// Each round runs every workload once on each side, in alternating order; the ratio is Maxima's
// time over Nabla's within the round (> 1: Nabla faster), reported as median and range.
// Warm runs also count CPU time (Nabla: this process's, GC threads included; Maxima: its process's
// utime + stime from /proc, in 10 ms ticks, so reported as the mean over the rounds), which a
// machine shared with other work disturbs much less than wall time.
// `npm run bench maxima` (env MAXIMA_ROUNDS=5, MAXIMA_PARTS=table,growth, MAXIMA_COLD=0 to skip cold,
// MAXIMA_GROWTH=series,exact,Hessian to pick growth families by the start of their name,
// MAXIMA_GROWTH_ROUNDS=3 rounds per growth size).
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { GROWTH, WORKLOADS, type Workload } from "./workloads.js";

const ROOT = join(import.meta.dirname, "..", "..");
const BUILD = join(ROOT, "node_modules", ".cache", "nabla-maxima-bench");
const BUNDLE = join(BUILD, "session.mjs");
const TIMEOUT_MS = 600_000;

interface SessionLike {
  run(code: string): { status: string; silent?: boolean; pretty: string; error?: { message: string } }[];
}
type SessionClass = new (options?: object) => SessionLike;

async function bundle(): Promise<SessionClass> {
  mkdirSync(BUILD, { recursive: true });
  const { build } = await import("esbuild");
  await build({
    entryPoints: [join(ROOT, "src", "session.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    outfile: BUNDLE,
    packages: "external",
    logLevel: "error",
  });
  return ((await import(pathToFileURL(BUNDLE).href)) as { Session: SessionClass }).Session;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Wall and CPU milliseconds of one run. */
interface Timing {
  wall: number;
  cpu: number;
}

function nablaWarm(Session: SessionClass, code: string): Timing {
  const t = performance.now();
  const c = process.cpuUsage();
  const rs = new Session({ limits: { timeMs: TIMEOUT_MS } }).run(code);
  const shown = rs
    .filter((r) => !r.silent)
    .map((r) => r.pretty)
    .join("\n");
  const ms = performance.now() - t;
  const cpu = process.cpuUsage(c);
  const bad = rs.find((r) => r.status !== "ok");
  if (bad || shown.length === 0) throw new Error(`Nabla failed: ${bad?.error?.message ?? "no output"}`);
  return { wall: ms, cpu: (cpu.user + cpu.system) / 1000 };
}

/**
 * Cold as a user starts it: `nabla eval FILE` of an installed package, through bin/nabla on the build
 * (from its start-up snapshot; `npm run build` makes it when dist/ has none).
 */
function nablaCold(dir: string, code: string): number {
  const file = join(dir, "w.nabla");
  writeFileSync(file, code);
  const t = performance.now();
  const r = spawnSync(join(ROOT, "bin", "nabla"), ["eval", file], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
    timeout: TIMEOUT_MS,
    env: { ...process.env, NABLA_USE_DIST: "1" },
  });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`Nabla (cold) failed: ${r.stdout.slice(-500)}${r.stderr.slice(-500)}`);
  return ms;
}

function maximaCold(dir: string, code: string): number {
  const file = join(dir, "w.mac");
  writeFileSync(file, `display2d: false$\n${code}\n`);
  const t = performance.now();
  const r = spawnSync("maxima", ["--very-quiet", "-b", file], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
    timeout: TIMEOUT_MS,
  });
  const ms = performance.now() - t;
  if (r.status !== 0 || /incorrect syntax|-- an error/.test(r.stdout))
    throw new Error(`Maxima (cold) failed: ${r.stdout.slice(-500)}${r.stderr.slice(-500)}`);
  return ms;
}

/** One maxima process fed through stdin; each request ends with a marker it prints when done. */
class WarmMaxima {
  private proc: ChildProcessWithoutNullStreams;
  private out = "";
  private count = 0;
  private waiting: { marker: string; resolve: () => void } | null = null;

  constructor() {
    this.proc = spawn("maxima", ["--very-quiet"], { stdio: "pipe" });
    this.proc.stdout.setEncoding("utf8");
    this.proc.stdout.on("data", (chunk: string) => {
      this.out += chunk;
      if (this.waiting && this.out.includes(this.waiting.marker)) {
        const w = this.waiting;
        this.waiting = null;
        w.resolve();
      }
    });
    this.proc.stdin.write("display2d: false$\n");
  }

  /** utime + stime of the Maxima process in ms (fields 14 and 15 of /proc/pid/stat, 100 ticks a second). */
  private cpu(): number {
    try {
      const fields = readFileSync(`/proc/${this.proc.pid}/stat`, "utf8").split(") ")[1].split(" ");
      return (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      return NaN;
    }
  }

  async run(code: string): Promise<Timing> {
    const marker = `@@done${++this.count}@@`;
    this.out = "";
    let timer: NodeJS.Timeout | undefined;
    const done = new Promise<void>((resolve, reject) => {
      this.waiting = { marker, resolve };
      timer = setTimeout(() => reject(new Error("Maxima (warm) timed out")), TIMEOUT_MS);
    }).finally(() => clearTimeout(timer));
    const c = this.cpu();
    const t = performance.now();
    this.proc.stdin.write(`${code}\nprint("${marker}")$\n`);
    await done;
    const ms = performance.now() - t;
    const cpu = this.cpu() - c;
    if (/incorrect syntax|-- an error/.test(this.out))
      throw new Error(`Maxima (warm) failed: ${this.out.slice(0, 500)}`);
    return { wall: ms, cpu };
  }

  close(): void {
    this.proc.stdin.end("quit();\n");
  }
}

interface Row {
  name: string;
  nabla: number[];
  maxima: number[];
  nablaCpu: number[];
  maximaCpu: number[];
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function summary(rows: Row[], label: string): void {
  console.log(`  ${label}`);
  for (const r of rows) {
    const ratios = r.nabla.map((n, i) => r.maxima[i] / n);
    console.log(
      `    ${r.name.padEnd(52)} nabla ${median(r.nabla).toFixed(1).padStart(8)} ms  maxima ${median(r.maxima).toFixed(1).padStart(8)} ms  ratio ${median(ratios).toFixed(2)} (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`,
    );
    if (r.nablaCpu.length)
      console.log(
        `    ${"".padEnd(52)} cpu, mean: nabla ${mean(r.nablaCpu).toFixed(1).padStart(8)} ms  maxima ${mean(r.maximaCpu).toFixed(1).padStart(8)} ms  ratio ${(mean(r.maximaCpu) / mean(r.nablaCpu)).toFixed(2)}`,
      );
  }
}

/** The exponent k of t ≈ c·nᵏ, by least squares on the logarithms. */
function fittedExponent(ns: number[], ts: number[]): number {
  const xs = ns.map(Math.log);
  const ys = ts.map(Math.log);
  const mx = xs.reduce((a, b) => a + b) / xs.length;
  const my = ys.reduce((a, b) => a + b) / ys.length;
  let num = 0;
  let den = 0;
  xs.forEach((x, i) => {
    num += (x - mx) * (ys[i] - my);
    den += (x - mx) ** 2;
  });
  return num / den;
}

async function table(
  Session: SessionClass,
  maxima: WarmMaxima,
  dir: string,
  rounds: number,
  cold: boolean,
): Promise<void> {
  const row = (w: Workload): Row => ({ name: w.name, nabla: [], maxima: [], nablaCpu: [], maximaCpu: [] });
  const warm: Row[] = WORKLOADS.map(row);
  const coldRows: Row[] = WORKLOADS.map(row);
  for (let r = 1; r <= rounds; r++) {
    for (const [i, w] of WORKLOADS.entries()) {
      // Alternate which side goes first, round by round.
      const nCode = w.nabla(r);
      const mCode = w.maxima(r);
      let n: Timing;
      let m: Timing;
      if (r % 2) {
        n = nablaWarm(Session, nCode);
        m = await maxima.run(mCode);
      } else {
        m = await maxima.run(mCode);
        n = nablaWarm(Session, nCode);
      }
      warm[i].nabla.push(n.wall);
      warm[i].nablaCpu.push(n.cpu);
      warm[i].maxima.push(m.wall);
      warm[i].maximaCpu.push(m.cpu);
      if (cold) {
        const cN = w.nabla(100 + r);
        const cM = w.maxima(100 + r);
        if (r % 2) {
          coldRows[i].nabla.push(nablaCold(dir, cN));
          coldRows[i].maxima.push(maximaCold(dir, cM));
        } else {
          coldRows[i].maxima.push(maximaCold(dir, cM));
          coldRows[i].nabla.push(nablaCold(dir, cN));
        }
      }
    }
    process.stdout.write(`  round ${r}/${rounds} done\n`);
  }
  summary(warm, `warm (one process each, ${rounds} rounds; ratio = Maxima/Nabla, median (range))`);
  if (cold) summary(coldRows, `cold (fresh process each run, start included, ${rounds} rounds)`);
}

async function growth(Session: SessionClass, maxima: WarmMaxima, rounds: number): Promise<void> {
  console.log(
    `  growth (warm, median wall and mean CPU of ${rounds} rounds; exponent k of t ≈ c·nᵏ fitted over the sizes)`,
  );
  const only = process.env.MAXIMA_GROWTH?.split(",");
  // Fitted where measured (Maxima's CPU ticks are 10 ms: a cheap size may read 0), over every size
  // and over the larger half, where a fixed cost per statement no longer flattens the curve.
  const exponent = (sizes: number[], ts: number[], from = 0) =>
    fittedExponent(
      sizes.filter((_, i) => i >= from && ts[i] > 0),
      ts.filter((t, i) => i >= from && t > 0),
    ).toFixed(2);
  const line = (label: string, ts: number[], sizes: number[]) =>
    console.log(
      `    ${label.padEnd(30)} ${ts.map((t) => t.toFixed(1).padStart(9)).join("")}   ${exponent(sizes, ts)} / ${exponent(sizes, ts, Math.floor(sizes.length / 2))}`,
    );
  for (const g of GROWTH.filter((f) => !only || only.some((o) => f.family.startsWith(o)))) {
    const nabla: number[] = [];
    const max: number[] = [];
    const nablaCpu: number[] = [];
    const maxCpu: number[] = [];
    for (const n of g.sizes) {
      const w: Workload = g.make(n);
      const a: Timing[] = [];
      const b: Timing[] = [];
      for (let r = 1; r <= rounds; r++) {
        if (r % 2) {
          a.push(nablaWarm(Session, w.nabla(200 + r)));
          b.push(await maxima.run(w.maxima(200 + r)));
        } else {
          b.push(await maxima.run(w.maxima(200 + r)));
          a.push(nablaWarm(Session, w.nabla(200 + r)));
        }
      }
      nabla.push(median(a.map((t) => t.wall)));
      max.push(median(b.map((t) => t.wall)));
      nablaCpu.push(mean(a.map((t) => t.cpu)));
      maxCpu.push(mean(b.map((t) => t.cpu)));
    }
    const upper = g.sizes[Math.floor(g.sizes.length / 2)];
    console.log(
      `    ${g.family.padEnd(30)} ${g.sizes.map((n) => String(n).padStart(9)).join("")}   exponent (all / from ${upper})`,
    );
    line("nabla wall (ms)", nabla, g.sizes);
    line("maxima wall (ms)", max, g.sizes);
    line("nabla cpu (ms)", nablaCpu, g.sizes);
    line("maxima cpu (ms)", maxCpu, g.sizes);
    console.log(`    ${"ratio wall".padEnd(30)} ${max.map((t, i) => (t / nabla[i]).toFixed(2).padStart(9)).join("")}`);
    console.log(
      `    ${"ratio cpu".padEnd(30)} ${maxCpu.map((t, i) => (t / nablaCpu[i]).toFixed(2).padStart(9)).join("")}`,
    );
  }
}

export async function run(): Promise<void> {
  if (spawnSync("maxima", ["--version"]).status !== 0) {
    console.log("maxima: skipped (Debian's maxima is not installed)");
    return;
  }
  const rounds = Number(process.env.MAXIMA_ROUNDS ?? 5);
  const parts = (process.env.MAXIMA_PARTS ?? "table,growth").split(",");
  const cold = process.env.MAXIMA_COLD !== "0";
  if (cold && !existsSync(join(ROOT, "dist", "nabla.blob.stamp")))
    spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  const Session = await bundle();
  const dir = mkdtempSync(join(tmpdir(), "nabla-maxima-bench-"));
  const maxima = new WarmMaxima();
  await maxima.run("1+1;");
  // One unmeasured pass of every workload warms both sides (V8 compiles each path on first use;
  // Maxima's Lisp is compiled ahead), so round 1 is not a compile measurement.
  for (const w of WORKLOADS) {
    nablaWarm(Session, w.nabla(0));
    await maxima.run(w.maxima(0));
  }
  console.log(
    `maxima: Nabla against ${spawnSync("maxima", ["--version"], { encoding: "utf8" }).stdout.trim()}, interleaved`,
  );
  try {
    if (parts.includes("table")) await table(Session, maxima, dir, rounds, cold);
    if (parts.includes("growth"))
      await growth(Session, maxima, Number(process.env.MAXIMA_GROWTH_ROUNDS ?? Math.min(rounds, 3)));
  } finally {
    maxima.close();
  }
}
