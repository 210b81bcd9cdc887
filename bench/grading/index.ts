// Grading 1,000 submissions of the sample homework in-process on all cores, against what
// nbgrader's autograde does per notebook: `jupyter nbconvert --execute` with a fresh Nabla kernel,
// timed on a sample and scaled. The two are interleaved (a few nbconvert runs, then a whole
// grading run, three times) so that a slow spell of the shared machine affects both alike. The
// class includes broken and hostile files (a FIFO, dangling and looping links, a link to the key).
// Peak memory is the grading process's maximum resident set (its worker threads included).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { writeClass } from "../../test/grading/class.js";

const ROOT = join(import.meta.dirname, "..", "..");
const MASTER = join(ROOT, "notebooks", "homework", "master.ipynb");
const STUDENT = join(ROOT, "notebooks", "homework", "student.ipynb");
const JUPYTER = "/usr/bin/jupyter";
const ROUNDS = 3;
const NBCONVERT_PER_ROUND = 2;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "nabla-grade-bench-"));
  const submissions = join(dir, "submitted");
  writeClass(submissions, STUDENT, 990);
  spawnSync("mkfifo", [join(submissions, "zz-fifo.ipynb")]);
  symlinkSync("nowhere.ipynb", join(submissions, "zz-dangling.ipynb"));
  symlinkSync("zz-loop.ipynb", join(submissions, "zz-loop.ipynb"));
  symlinkSync(MASTER, join(submissions, "zz-key-link.ipynb"));
  const count = readdirSync(submissions).length;
  // NABLA_BENCH_BUILT=1: measure the build already in dist/ (made by `npm run build` just before).
  // NABLA_BENCH_SOURCES=1: measure the sources through tsx (no build; the kernel from the sources too).
  const fromSources = process.env.NABLA_BENCH_SOURCES === "1";
  const build =
    process.env.NABLA_BENCH_BUILT === "1" || fromSources
      ? { status: 0, stdout: "", stderr: "" }
      : spawnSync("npm", ["run", "build"], { cwd: ROOT, encoding: "utf8" });
  if (build.status !== 0) {
    console.log(
      `grading: skipped, the build failed (measuring an older build would mislead):\n${build.stdout.slice(-2000)}${build.stderr.slice(-2000)}`,
    );
    return;
  }
  const env = fromSources ? { ...process.env } : { ...process.env, NABLA_USE_DIST: "1" };
  // The kernel for nbconvert goes into a prefix of its own: the user's Jupyter is left alone.
  const prefix = join(dir, "jupyter");
  const installed = spawnSync(
    process.execPath,
    [join(ROOT, "bin", "nabla.mjs"), "install-kernel", "--prefix", prefix, ...(fromSources ? ["--from-sources"] : [])],
    { encoding: "utf8", env },
  );
  const jupyterEnv = { ...env, JUPYTER_PATH: join(prefix, "share", "jupyter") };
  const sample = readdirSync(submissions).filter((f) => f.startsWith("student"));
  const grading: { seconds: number; peakMb: number; cpu: number; coordinatorMb: number }[] = [];
  const nbconvert: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    if (installed.status === 0) {
      for (const f of sample.slice(round * NBCONVERT_PER_ROUND, (round + 1) * NBCONVERT_PER_ROUND)) {
        const t0 = process.hrtime.bigint();
        spawnSync(
          JUPYTER,
          [
            "nbconvert",
            "--to",
            "notebook",
            "--execute",
            "--allow-errors",
            "--ExecutePreprocessor.kernel_name=nabla",
            "--output-dir",
            join(dir, "nbconvert"),
            join(submissions, f),
          ],
          { encoding: "utf8", env: jupyterEnv },
        );
        nbconvert.push(Number(process.hrtime.bigint() - t0) / 1e9);
      }
    }
    const out = join(dir, `graded-${round}`);
    const started = process.hrtime.bigint();
    const r = spawnSync(
      "/usr/bin/time",
      [
        "-f",
        "%M %U %S",
        process.execPath,
        join(ROOT, "bin", "nabla.mjs"),
        "grade",
        "--key",
        MASTER,
        submissions,
        "-o",
        out,
        "--timeout",
        "2",
        "-q",
      ],
      { encoding: "utf8", env },
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const rows = readFileSync(join(out, "gradebook.csv"), "utf8").trim().split("\n").length - 1;
    if (r.status !== 0 || rows !== count)
      console.log(
        `  round ${round + 1}: nabla grade exited ${r.status} with ${rows} rows for ${count} submissions\n${r.stderr.slice(-1000)}`,
      );
    const [rss, user, sys] = r.stderr.trim().split("\n").pop()!.split(" ").map(Number);
    const coordinatorMb = Number(/heap at most (\d+) MB/.exec(r.stdout)?.[1] ?? NaN);
    grading.push({ seconds, peakMb: rss / 1024, cpu: user + sys, coordinatorMb });
  }
  const best = median(grading.map((g) => g.seconds));
  const peak = Math.max(...grading.map((g) => g.peakMb));
  console.log(
    `grading: ${count} submissions in ${grading.map((g) => g.seconds.toFixed(1)).join(", ")} s (median ${best.toFixed(1)} s, ${(count / best).toFixed(0)}/s), CPU ${grading.map((g) => g.cpu.toFixed(1)).join(", ")} s, peak memory ${peak.toFixed(0)} MB (the process with its worker threads), the coordinator's heap at most ${Math.max(...grading.map((g) => g.coordinatorMb))} MB of its cap; load average ${loadavg()[0].toFixed(1)} at the end`,
  );
  if (installed.status !== 0) {
    console.log(
      `  nbconvert --execute per notebook: skipped (the kernel could not be installed: ${installed.stderr.trim().slice(0, 300)})`,
    );
    return;
  }
  const perNotebook = nbconvert.reduce((s, x) => s + x, 0) / nbconvert.length;
  const scaled = perNotebook * count;
  console.log(
    `  nbconvert --execute per notebook: ${perNotebook.toFixed(2)} s each on ${nbconvert.length} samples (${nbconvert.map((x) => x.toFixed(2)).join(", ")}) → ${(scaled / 60).toFixed(1)} min for ${count}; in-process grading is ${(scaled / best).toFixed(0)}× faster`,
  );
}
