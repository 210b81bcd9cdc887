// Grading on the BullMQ queue: a generated class (5,000 by default, NABLA_BENCH_QUEUE_N) graded
// in-process with 2 threads, then on a private redis-server by 1, 2 and 4 `nabla worker`
// processes of one thread each, the coordinator grading nothing itself (--no-local). Each run
// writes the gradebook, report and feedback, and must give the in-process gradebook exactly.
// Measured per run: wall time, submissions per second, and CPU seconds of every process (from
// /usr/bin/time: the coordinator, each worker, and Redis's own counters), so the queue's overhead
// per job (its CPU beyond in-process grading) does not depend on how loaded the machine is.
// Run: npx tsx bench/grading/queue.ts   (from the sources, through tsx, like the tests)
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { writeClass } from "../../test/grading/class.js";
import { hasRedis, startRedis } from "../../test/grading/queue-redis.js";

const ROOT = join(import.meta.dirname, "..", "..");
const NABLA = join(ROOT, "bin", "nabla.mjs");
const MASTER = join(ROOT, "notebooks", "homework", "master.ipynb");
const STUDENT = join(ROOT, "notebooks", "homework", "student.ipynb");
const TIME = "/usr/bin/time";

interface Usage {
  wall: number;
  cpu: number;
}

/** `/usr/bin/time -f` prints user and system seconds as its last line on stderr. */
function cpuOf(stderr: string): number {
  const m = /TIME (\d+\.\d+) (\d+\.\d+)\s*$/.exec(stderr);
  return m ? Number(m[1]) + Number(m[2]) : NaN;
}

function timed(args: string[]): Usage & { stderr: string } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(TIME, ["-f", "TIME %U %S", process.execPath, NABLA, ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`nabla ${args.join(" ")} failed:\n${r.stderr.slice(-2000)}`);
  return { wall, cpu: cpuOf(r.stderr), stderr: r.stderr };
}

/** A worker process; it says its CPU seconds (all its threads) when it stops. */
function startWorker(url: string): { child: ChildProcess; ready: Promise<void>; cpu: Promise<number> } {
  const child = spawn(process.execPath, [NABLA, "worker", "--queue", url, "--jobs", "1"], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let err = "";
  let readyNow: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (readyNow = resolve));
  child.stderr!.on("data", (d: Buffer) => {
    err += d.toString();
    if (err.includes("grading jobs from")) readyNow();
  });
  const cpu = new Promise<number>((resolve) =>
    child.once("exit", () => resolve(Number(/CPU (\d+\.\d+) s\s*$/.exec(err)?.[1] ?? NaN))),
  );
  return { child, ready, cpu };
}

async function redisCpu(url: string): Promise<number> {
  const port = /:(\d+)\/0$/.exec(url)![1];
  const r = spawnSync("/usr/bin/redis-cli", ["-p", port, "info", "cpu"], { encoding: "utf8" });
  const field = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`).exec(r.stdout)?.[1] ?? NaN);
  return field("used_cpu_user") + field("used_cpu_sys");
}

export async function run(): Promise<void> {
  if (!hasRedis) {
    console.log("grading queue: skipped, /usr/bin/redis-server is not installed");
    return;
  }
  const n = Number(process.env.NABLA_BENCH_QUEUE_N ?? 5000);
  const dir = mkdtempSync(join(tmpdir(), "nabla-queue-bench-"));
  const submissions = join(dir, "submitted");
  writeClass(submissions, STUDENT, Math.max(1, n - 11));
  const count = readdirSync(submissions).length;
  const lines: string[] = [
    `grading queue: ${count} submissions, ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)} at the start`,
  ];
  const say = (line: string) => {
    lines.push(line);
    console.log(line);
  };
  say(lines[0]);
  const book = (out: string) => readFileSync(join(out, "gradebook.csv"), "utf8");
  const reference = join(dir, `in-process-${(process.env.NABLA_BENCH_QUEUE_THREADS ?? "2").trim().split(/\s+/)[0]}`);
  const rows: { label: string; wall: number; cpu: number; coordinator: number; redis: number }[] = [];
  // In-process with 2 threads is the reference (NABLA_BENCH_QUEUE_THREADS="1 2" adds one thread).
  const threads = (process.env.NABLA_BENCH_QUEUE_THREADS ?? "2").split(/\s+/).filter(Boolean).map(Number);
  for (const jobs of threads) {
    const out = join(dir, `in-process-${jobs}`);
    const u = timed(["grade", "--key", MASTER, submissions, "-o", out, "--jobs", String(jobs), "-q"]);
    rows.push({ label: `in-process, ${jobs} thread(s)`, wall: u.wall, cpu: u.cpu, coordinator: u.cpu, redis: 0 });
    say(
      `  in-process ${jobs} thread(s): ${u.wall.toFixed(1)} s, ${(count / u.wall).toFixed(1)}/s, CPU ${u.cpu.toFixed(1)} s (${((1000 * u.cpu) / count).toFixed(1)} ms a submission); load ${loadavg()[0].toFixed(1)}`,
    );
    if (book(out) !== book(reference)) say("  !! the gradebooks of the in-process runs differ");
  }
  const workerCounts = (process.env.NABLA_BENCH_QUEUE_WORKERS ?? "1 2 4").split(/\s+/).filter(Boolean).map(Number);
  for (const workers of workerCounts) {
    const redis = await startRedis();
    try {
      const procs = Array.from({ length: workers }, () => startWorker(redis.url));
      await Promise.all(procs.map((p) => p.ready));
      const redisBefore = await redisCpu(redis.url);
      const out = join(dir, `queue-${workers}`);
      const u = timed(["grade", "--key", MASTER, submissions, "-o", out, "--queue", redis.url, "--no-local", "-q"]);
      const redisUsed = (await redisCpu(redis.url)) - redisBefore;
      for (const p of procs) p.child.kill("SIGTERM"); // before Redis stops: they finish cleanly
      const workerCpu = (await Promise.all(procs.map((p) => p.cpu))).reduce((s, c) => s + c, 0);
      const cpu = u.cpu + workerCpu + redisUsed;
      rows.push({ label: `queue, ${workers} worker(s)`, wall: u.wall, cpu, coordinator: u.cpu, redis: redisUsed });
      say(
        `  queue ${workers} worker process(es): ${u.wall.toFixed(1)} s, ${(count / u.wall).toFixed(1)}/s; CPU ${cpu.toFixed(1)} s in all (${((1000 * cpu) / count).toFixed(1)} ms a submission): coordinator ${u.cpu.toFixed(1)} s, workers ${workerCpu.toFixed(1)} s, redis ${redisUsed.toFixed(1)} s; load ${loadavg()[0].toFixed(1)}`,
      );
      if (book(out) !== book(reference)) say("  !! the queue's gradebook differs from the in-process one");
    } finally {
      await redis.stop();
    }
  }
  const base = rows[0];
  const one = rows.find((r) => r.label.startsWith("queue, 1"))!;
  say(
    `  queue overhead: ${((1000 * (one.cpu - base.cpu)) / count).toFixed(1)} ms of CPU a submission over in-process (1 worker against ${base.label}); scaling 1 → 2 → 4 workers: ${rows
      .filter((r) => r.label.startsWith("queue"))
      .map((r) => (one.wall / r.wall).toFixed(2))
      .join(" → ")}×`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
