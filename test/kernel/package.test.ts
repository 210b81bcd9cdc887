// The package as a user gets it: `npm pack` (which builds), `npm install -g` of the tarball into a
// temporary prefix (whose postinstall makes the start-up snapshot), `nabla` and `npx nabla` from
// it, its kernel installed into a temporary Jupyter path, and a notebook in an unrelated folder
// executed by nbconvert through that kernel.
import { describe, expect, it } from "vitest";
import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..", "..");
const JUPYTER = "/usr/bin/jupyter";
const available = spawnSync("/usr/bin/python3", ["-c", "import jupyter_client, nbconvert"]).status === 0;
if (!available) console.warn("package test skipped: Debian's jupyter (jupyter_client, nbconvert) is not installed");

function run(command: string, args: string[], options: SpawnSyncOptions = {}): string {
  const r = spawnSync(command, args, { encoding: "utf8", timeout: 300_000, ...options });
  if (r.status !== 0)
    throw new Error(
      `${command} ${args.join(" ")} failed (${r.status}):\n${String(r.stderr).slice(-3000)}\n${String(r.stdout).slice(-2000)}`,
    );
  return String(r.stdout);
}

const NOTEBOOK = {
  cells: [
    {
      cell_type: "code",
      execution_count: null,
      id: "a",
      metadata: {},
      outputs: [],
      source: ["f(x) = x^3\n", "d/dx f(x)"],
    },
    {
      cell_type: "code",
      execution_count: null,
      id: "b",
      metadata: {},
      outputs: [],
      source: ["check d/dx sin(x^2) == 2x cos(x^2)"],
    },
  ],
  metadata: { kernelspec: { name: "nabla", display_name: "Nabla", language: "nabla" } },
  nbformat: 4,
  nbformat_minor: 5,
};

describe.skipIf(!available)("the npm package", () => {
  const work = mkdtempSync(join(tmpdir(), "nabla-package-"));
  let tarball = "";

  it("packs the build, the kernelspec's assets, README and LICENSE, and no tests, benches or sources", () => {
    // What `npm pack`'s prepack script runs; apart, so pack's --json output is only JSON.
    run("npm", ["run", "build"], { cwd: ROOT });
    const packed = JSON.parse(
      run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", work], { cwd: ROOT }),
    ) as { filename: string; files: { path: string }[] }[];
    tarball = join(work, packed[0].filename);
    const files = packed[0].files.map((f) => f.path);
    for (const needed of [
      "LICENSE",
      "README.md",
      "bin/nabla",
      "bin/nabla.mjs",
      "dist/nabla-snapshot.cjs",
      "dist/src/bundle/make-snapshot.js",
      "dist/src/cli/main.js",
      "dist/kernel/main.js",
      "dist/kernel/worker-thread.js",
      "dist/grammar/nabla.ohm-bundle.js",
      "dist/nabla.cjs",
      "kernel/logo-64x64.png",
    ]) {
      expect(files).toContain(needed);
    }
    const stray = files.filter(
      (f) =>
        /^(test|bench|\.ci|src|scripts|notebooks)\//.test(f) ||
        (f.endsWith(".ts") && !f.endsWith(".d.ts")) ||
        f.endsWith(".map") ||
        // The start-up snapshot fits only the Node that made it: the install makes its own.
        /^dist\/nabla\.blob/.test(f),
    );
    expect(stray).toEqual([]);
  }, 600_000);

  it("installs globally into a prefix: nabla and npx nabla work, and its kernel runs a notebook from another folder", () => {
    const prefix = join(work, "prefix");
    run("npm", ["install", "-g", "--prefix", prefix, "--prefer-offline", "--no-audit", "--no-fund", tarball], {
      cwd: work,
    });
    const elsewhere = join(work, "elsewhere");
    mkdirSync(elsewhere);
    const nabla = join(prefix, "bin", "nabla");
    writeFileSync(join(elsewhere, "a.nabla"), "d/dx sin(x^2)\n");
    // PATH without the checkout's node_modules/.bin: nothing of the development tree is reachable.
    const env = { ...process.env, PATH: `${join(prefix, "bin")}:/usr/bin:/bin`, npm_config_prefix: prefix };
    expect(run(nabla, ["eval", "a.nabla"], { cwd: elsewhere, env }).trim()).toBe("2x cos(x²)");
    // The install made the start-up snapshot for this Node (postinstall), and bin/nabla starts from
    // it; without it (NABLA_NO_SNAPSHOT=1) the answer is the same.
    const installed = join(prefix, "lib", "node_modules", "nabla");
    expect(existsSync(join(installed, "dist", "nabla.blob.stamp"))).toBe(true);
    const traced = spawnSync("sh", ["-x", nabla, "eval", "a.nabla"], { cwd: elsewhere, env, encoding: "utf8" });
    expect(traced.stderr).toContain("--snapshot-blob");
    expect(traced.stdout.trim()).toBe("2x cos(x²)");
    expect(run(nabla, ["eval", "a.nabla"], { cwd: elsewhere, env: { ...env, NABLA_NO_SNAPSHOT: "1" } }).trim()).toBe(
      "2x cos(x²)",
    );
    expect(run("npx", ["--no-install", "nabla", "eval", "a.nabla"], { cwd: elsewhere, env }).trim()).toBe("2x cos(x²)");

    const jupyterPrefix = join(work, "jupyter");
    run(nabla, ["install-kernel", "--prefix", jupyterPrefix], { cwd: elsewhere, env });
    const kernelDir = join(jupyterPrefix, "share", "jupyter", "kernels", "nabla");
    const spec = JSON.parse(readFileSync(join(kernelDir, "kernel.json"), "utf8")) as { argv: string[] };
    expect(spec.argv.slice(1)).toEqual([
      join(prefix, "lib", "node_modules", "nabla", "dist", "kernel", "main.js"),
      "{connection_file}",
    ]);
    expect(readFileSync(join(kernelDir, "kernel.js"), "utf8")).toContain('CodeMirror.defineMode("nabla"');
    // KaTeX's stylesheet and fonts travel with the kernelspec: Notebook 6 loads them from there.
    expect(readFileSync(join(kernelDir, "katex", "katex.min.css"), "utf8")).toContain("KaTeX_Main");
    expect(existsSync(join(kernelDir, "katex", "fonts", "KaTeX_Size3-Regular.woff2"))).toBe(true);

    writeFileSync(join(elsewhere, "nb.ipynb"), JSON.stringify(NOTEBOOK));
    run(JUPYTER, ["nbconvert", "--to", "notebook", "--execute", "nb.ipynb", "--output", "out.ipynb"], {
      cwd: elsewhere,
      env: { ...env, JUPYTER_PATH: join(jupyterPrefix, "share", "jupyter") },
    });
    const out = JSON.parse(readFileSync(join(elsewhere, "out.ipynb"), "utf8")) as {
      cells: { outputs: { data?: Record<string, string[] | string> }[] }[];
    };
    const shown = out.cells.map((c) => c.outputs.map((o) => [o.data?.["text/plain"]].flat().join("")));
    expect(shown).toEqual([["f(x) = x³", "3x²"], ["✓ equivalent (identical)"]]);
  }, 600_000);
});
