// Runs the Python kernel suites (jupyter_kernel_test conformance, robustness) against a kernelspec
// installed into a temporary prefix. Skipped, with the reason, where Debian's Jupyter is missing.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { installKernel } from "../../kernel/install.js";

const PYTHON = "/usr/bin/python3";
const HERE = import.meta.dirname;
const probe = spawnSync(PYTHON, ["-c", "import jupyter_client, jupyter_kernel_test, zmq"], { encoding: "utf8" });
const available = probe.status === 0;
if (!available)
  console.warn(
    `kernel tests skipped: Debian's Jupyter (python3-jupyter-kernel-test) is not installed: ${probe.stderr.trim().split("\n").pop()}`,
  );

describe.skipIf(!available)("the Jupyter kernel", () => {
  const prefix = mkdtempSync(join(tmpdir(), "nabla-kernelspec-"));
  const env = { ...process.env, JUPYTER_PATH: join(prefix, "share", "jupyter"), NABLA_STATEMENT_SECONDS: "600" };

  it("installs its kernelspec", async () => {
    expect(await installKernel(["--prefix", prefix, "--from-sources"])).toBe(0);
  });

  for (const suite of ["test_nabla_kernel", "test_kernel_robustness", "test_kernel_protocol"]) {
    it(`passes ${suite}`, () => {
      const r = spawnSync(PYTHON, ["-m", "unittest", "-v", suite], {
        cwd: HERE,
        env,
        encoding: "utf8",
        timeout: 300_000,
      });
      const summary = r.stderr
        .split("\n")
        .filter((l) => /^(Ran|OK|FAILED)|(FAIL|ERROR):/.test(l))
        .join("\n");
      expect(r.status, `${summary}\n${r.stderr.slice(-3000)}`).toBe(0);
    }, 320_000);
  }
});
