// The Nabla kernel against ipykernel (Debian's python3-ipykernel) and tslab, measured in the same
// run with jupyter_client: cold start to the first reply (median of five starts), the median round-trip of
// execute_request
// for `1 + 1` and for a 3×3 inverse, and resident memory after start.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..", "..");
const PYTHON = "/usr/bin/python3";

interface Row {
  kernel: string;
  /** Median over five starts of start_kernel → the first reply, and → the end of wait_for_ready. */
  first_reply_s: number;
  ready_s: number;
  /** The same for the very first start, which also pays the client's first-use imports. */
  client_cold_first_reply_s: number;
  client_cold_ready_s: number;
  simple_ms: number;
  inverse_ms: number;
  rss_mb: number;
}

const KERNELS: { name: string; label: string; simple: string; inverse: string }[] = [
  { name: "nabla", label: "Nabla", simple: "1 + 1", inverse: "inv([2, 1, 0; 1, 3, 1; 0, 1, 4])" },
  {
    name: "python3",
    label: "ipykernel",
    simple: "1 + 1",
    inverse: "from fractions import Fraction as F\n[[F(x) for x in r] for r in [[2,1,0],[1,3,1],[0,1,4]]]",
  },
  {
    name: "tslab",
    label: "tslab",
    simple: "1 + 1",
    inverse: "const m = [[2, 1, 0], [1, 3, 1], [0, 1, 4]]; m.map((r) => r.map((x) => x * 2));",
  },
];

/** The error in a failed run's stderr, without jupyter_client's noise from its clients' __del__ at exit. */
function whyFailed(stderr: string): string {
  const lines = stderr
    .split("\n")
    .filter((l) => /Error|Exception|error/.test(l) && !/__del__|isEnabledFor|NoneType/.test(l));
  return lines.at(-1)?.trim() ?? stderr.trim().split("\n").at(-1) ?? "no output";
}

export async function run(runs = 20): Promise<void> {
  const prefix = mkdtempSync(join(tmpdir(), "nabla-kernel-bench-"));
  spawnSync("npm", ["run", "build"], { cwd: ROOT, encoding: "utf8" });
  const env = { ...process.env, NABLA_USE_DIST: "1", JUPYTER_PATH: join(prefix, "share", "jupyter") };
  spawnSync(process.execPath, [join(ROOT, "bin", "nabla.mjs"), "install-kernel", "--prefix", prefix], {
    env,
    encoding: "utf8",
  });
  spawnSync(
    process.execPath,
    [
      join(ROOT, "node_modules", "tslab", "bin", "tslab"),
      "install",
      `--python=${PYTHON}`,
      "--prefix",
      prefix,
      `--binary=${join(ROOT, "node_modules", ".bin", "tslab")}`,
    ],
    { env, encoding: "utf8" },
  );
  const rows: Row[] = [];
  for (const k of KERNELS) {
    // One retry: a peer that fails to start once (tslab has, here) is measured on the second try.
    for (let attempt = 1; attempt <= 2; attempt++) {
      const r = spawnSync(
        PYTHON,
        [join(import.meta.dirname, "measure.py"), k.name, k.simple, k.inverse, String(runs)],
        { env, encoding: "utf8", timeout: 300_000 },
      );
      try {
        rows.push({ ...(JSON.parse(r.stdout.trim().split("\n").pop() ?? "") as Row), kernel: k.label });
        break;
      } catch {
        console.log(`  ${k.label}: could not be measured (attempt ${attempt}): ${whyFailed(r.stderr)}`);
      }
    }
  }
  interleaved(env);
  interruptLatency(env);
  console.log(
    "kernel: cold start to the first reply (and to wait_for_ready's end), median of 5; the client's very first start apart;",
  );
  console.log("        median execute round-trip (1 + 1, 3×3 inverse); resident memory after start");
  const s = (x: number) => `${x.toFixed(2)} s`;
  for (const row of rows) {
    console.log(
      `  ${row.kernel.padEnd(10)} start ${s(row.first_reply_s)} (ready ${s(row.ready_s)}; first of all ${s(row.client_cold_first_reply_s)}, ready ${s(row.client_cold_ready_s)})` +
        `   1 + 1 ${row.simple_ms.toFixed(1)} ms   3×3 inverse ${row.inverse_ms.toFixed(1)} ms   RSS ${row.rss_mb.toFixed(0)} MB`,
    );
  }
}

interface Summary {
  kernel: string;
  code?: string;
  median_ms: number;
  min_ms: number;
  max_ms: number;
}

/**
 * Start and round trips against ipykernel, interleaved (./interleaved.py): the kernels take turns,
 * so a busy spell of the shared machine falls on both; median and range, and the load average.
 */
function interleaved(env: NodeJS.ProcessEnv): void {
  const cells = KERNELS.filter((k) => k.name !== "tslab").flatMap((k) => [k.name, k.simple, k.name, k.inverse]);
  const r = spawnSync(PYTHON, [join(import.meta.dirname, "interleaved.py"), "10", "30", ...cells], {
    env,
    encoding: "utf8",
    timeout: 900_000,
  });
  try {
    const m = JSON.parse(r.stdout.trim().split("\n").pop() ?? "") as {
      starts: Summary[];
      round_trips: Summary[];
      load_before: number[];
      load_after: number[];
    };
    const label = (name: string) => KERNELS.find((k) => k.name === name)?.label ?? name;
    const row = (x: Summary, unit: "s" | "ms") => {
      const f = (v: number) => (unit === "s" ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(1)} ms`);
      return `${f(x.median_ms)} [${f(x.min_ms)} – ${f(x.max_ms)}]`;
    };
    const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(" ");
    console.log(
      `kernel, interleaved with ipykernel: median [min – max]; load average ${load(m.load_before)} before, ${load(m.load_after)} after`,
    );
    for (const x of m.starts) console.log(`  ${label(x.kernel).padEnd(10)} start to first reply ${row(x, "s")}`);
    for (const x of m.round_trips)
      console.log(
        `  ${label(x.kernel).padEnd(10)} ${x.code!.split("\n").pop()!.slice(0, 40).padEnd(42)} ${row(x, "ms")}`,
      );
  } catch {
    console.log(`  interleaved: could not be measured: ${whyFailed(r.stderr)}`);
  }
}

/**
 * Interrupt latency, Nabla and ipykernel alike: a cell that checks for interrupts, and one that does
 * not (Nabla: one exact matrix power; ipykernel: one huge integer power, a single C call), from
 * interrupt_kernel() to the cell's reply, and the next cell's round trip after it.
 */
function interruptLatency(env: NodeJS.ProcessEnv): void {
  // "Nabla, replaced": with a grace of 0 ms the evaluation thread is replaced on every interrupt, as
  // for a cell that never reaches a budget check; the next cell then waits for the names' restore.
  const cells = [
    {
      name: "nabla",
      label: "Nabla",
      cooperative: "slow = diff(sin(cos(tan(x))), x, 40)",
      stubborn: "inv([1, 2; 3, 4])^1000000",
      grace: "500",
    },
    {
      name: "nabla",
      label: "Nabla, replaced",
      cooperative: "slow = diff(sin(cos(tan(x))), x, 40)",
      stubborn: "inv([1, 2; 3, 4])^1000000",
      grace: "0",
    },
    { name: "python3", label: "ipykernel", cooperative: "while True: pass", stubborn: "x = 3 ** 10**9", grace: "500" },
  ];
  console.log(
    "kernel: interrupt to the cell's reply (median of 5 [range]), cooperative and not; then the next cell's round trip",
  );
  for (const k of cells) {
    const r = spawnSync(PYTHON, [join(import.meta.dirname, "interrupt.py"), k.name, k.cooperative, k.stubborn, "5"], {
      env: { ...env, NABLA_INTERRUPT_GRACE_MS: k.grace },
      encoding: "utf8",
      timeout: 600_000,
    });
    try {
      const m = JSON.parse(r.stdout.trim().split("\n").pop() ?? "") as Record<string, number & number[]>;
      const ms = (key: string) =>
        `${m[key].toFixed(0)} ms [${m[`${key.replace(/_ms$/, "")}_range_ms`].map((x) => x.toFixed(0)).join("–")}]`;
      console.log(
        `  ${k.label.padEnd(16)} cooperative ${ms("cooperative_interrupt_ms")} (next cell ${ms("cooperative_next_cell_ms")})   not cooperative ${ms("stubborn_interrupt_ms")} (next cell ${ms("stubborn_next_cell_ms")}); load ${m.load_before[0].toFixed(1)}`,
      );
    } catch {
      console.log(`  ${k.label}: could not be measured: ${whyFailed(r.stderr)}`);
    }
  }
}
