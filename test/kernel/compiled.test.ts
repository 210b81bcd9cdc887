// The kernel as `npm run build` makes it (the README's main command runs this one): sockets bound
// first, the engine from the bundle with its code cache, answering a cell through jupyter_client.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..", "..");
const PYTHON = "/usr/bin/python3";
const available = spawnSync(PYTHON, ["-c", "import jupyter_client"]).status === 0;
if (!available) console.warn("compiled-kernel test skipped: Debian's jupyter-client is not installed");

const CLIENT = `
import json, sys, jupyter_client
km = jupyter_client.KernelManager(kernel_name="nabla")
km.start_kernel()
kc = km.client()
kc.start_channels()
kc.wait_for_ready(timeout=60)
outputs = []
reply = kc.execute_interactive(sys.argv[1], timeout=60, output_hook=lambda m: outputs.append(m["content"].get("data", {}).get("text/plain")))
kc.stop_channels()
km.shutdown_kernel(now=True)
print(json.dumps({"status": reply["content"]["status"], "outputs": [o for o in outputs if o]}))
`;

describe.skipIf(!available)("the compiled kernel", () => {
  it("builds, installs and answers a cell", () => {
    const build = spawnSync("npm", ["run", "build"], { cwd: ROOT, encoding: "utf8" });
    expect(build.status, build.stderr).toBe(0);
    expect(build.stdout).toMatch(/dist\/nabla\.cjs [\d.]+ MB, code cache [\d.]+ MB/);
    const prefix = mkdtempSync(join(tmpdir(), "nabla-compiled-kernel-"));
    const env = { ...process.env, NABLA_USE_DIST: "1", JUPYTER_PATH: join(prefix, "share", "jupyter") };
    const install = spawnSync(
      process.execPath,
      [join(ROOT, "bin", "nabla.mjs"), "install-kernel", "--prefix", prefix],
      { env, encoding: "utf8" },
    );
    expect(install.status, install.stderr).toBe(0);
    const client = join(prefix, "client.py");
    writeFileSync(client, CLIENT);
    const run = spawnSync(PYTHON, [client, "d/dx sin(x^2)\ncheck d/dx x^3 == 3x^2"], {
      env,
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(JSON.parse(run.stdout.trim().split("\n").pop() ?? "null"), run.stderr.slice(-2000)).toEqual({
      status: "ok",
      outputs: ["2x cos(x²)", "✓ equivalent (identical)"],
    });
  }, 180_000);
});
