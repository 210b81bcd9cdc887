// Grading 1,000 submissions of the sample homework in-process on all cores, against what
// nbgrader's autograde does per notebook: `jupyter nbconvert --execute` with a fresh Nabla kernel,
// timed on a sample and scaled. Peak memory is the grading process's maximum resident set.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeClass } from "../../test/grading/class.js";

const ROOT = join(import.meta.dirname, "..", "..");
const MASTER = join(ROOT, "notebooks", "homework", "master.ipynb");
const STUDENT = join(ROOT, "notebooks", "homework", "student.ipynb");
const JUPYTER = "/usr/bin/jupyter";

function kernelInstalled(): boolean {
  const r = spawnSync(JUPYTER, ["kernelspec", "list"], { encoding: "utf8" });
  return r.status === 0 && /\bnabla\b/.test(r.stdout);
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "nabla-grade-bench-"));
  const submissions = join(dir, "submitted");
  writeClass(submissions, STUDENT, 990);
  const count = readdirSync(submissions).length;
  spawnSync("npm", ["run", "build"], { cwd: ROOT, encoding: "utf8" });
  const started = process.hrtime.bigint();
  const r = spawnSync("/usr/bin/time", ["-f", "%M", process.execPath, join(ROOT, "bin", "nabla.mjs"), "grade", "--key", MASTER, submissions, "-o", join(dir, "graded"), "--timeout", "2"], {
    encoding: "utf8",
    env: { ...process.env, NABLA_USE_DIST: "1" },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const peakKb = Number(r.stderr.trim().split("\n").pop());
  console.log(`grading: ${count} submissions in ${seconds.toFixed(1)} s (${(count / seconds).toFixed(0)}/s), peak memory ${(peakKb / 1024).toFixed(0)} MB (main process; workers are threads in it)`);
  if (!kernelInstalled()) {
    console.log("  nbconvert --execute per notebook: skipped (the nabla kernel is not installed: run `nabla install-kernel --user`)");
    return;
  }
  const sample = readdirSync(submissions).filter((f) => f.startsWith("student")).slice(0, 5);
  const t0 = process.hrtime.bigint();
  for (const f of sample) {
    spawnSync(JUPYTER, ["nbconvert", "--to", "notebook", "--execute", "--allow-errors", "--ExecutePreprocessor.kernel_name=nabla", "--output-dir", join(dir, "nbconvert"), join(submissions, f)], { encoding: "utf8" });
  }
  const perNotebook = Number(process.hrtime.bigint() - t0) / 1e9 / sample.length;
  const scaled = perNotebook * count;
  console.log(`  nbconvert --execute per notebook: ${perNotebook.toFixed(2)} s each on ${sample.length} samples → ${(scaled / 60).toFixed(1)} min for ${count}; in-process grading is ${(scaled / seconds).toFixed(0)}× faster`);
}
