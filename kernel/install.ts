// `nabla install-kernel [--user | --prefix P | --sys-prefix]`: writes a kernelspec (kernel.json and
// the logos) to a temporary folder and hands it to `jupyter kernelspec install`.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "..", existsSync(join(HERE, "..", "package.json")) ? "" : "..");

function jupyter(): string {
  const found = spawnSync("sh", ["-c", "command -v jupyter"], { encoding: "utf8" }).stdout.trim();
  // The jupyter first on PATH may belong to a Python without jupyter_client; Debian's always works.
  if (found && spawnSync(found, ["kernelspec", "--version"]).status === 0) return found;
  return "/usr/bin/jupyter";
}

/**
 * How the kernel starts: the compiled kernel (fast) when asked for with NABLA_USE_DIST=1 after
 * `npm run build`, or when there are no sources; else the sources through tsx.
 */
export function kernelArgv(): string[] {
  const compiled = join(ROOT, "dist", "kernel", "main.js");
  const sources = join(ROOT, "kernel", "main.ts");
  if (existsSync(compiled) && (process.env.NABLA_USE_DIST === "1" || !existsSync(sources))) return [process.execPath, compiled, "{connection_file}"];
  return [process.execPath, "--import", "tsx", join(ROOT, "kernel", "main.ts"), "{connection_file}"];
}

export function kernelSpec(): Record<string, unknown> {
  return {
    argv: kernelArgv(),
    display_name: "Nabla",
    language: "nabla",
    interrupt_mode: "message",
    env: {},
    metadata: { debugger: false },
  };
}

export async function installKernel(args: string[]): Promise<number> {
  const dir = join(mkdtempSync(join(tmpdir(), "nabla-kernelspec-")), "nabla");
  spawnSync("mkdir", ["-p", dir]);
  writeFileSync(join(dir, "kernel.json"), JSON.stringify(kernelSpec(), null, 2) + "\n");
  for (const logo of ["logo-32x32.png", "logo-64x64.png"]) copyFileSync(join(ROOT, "kernel", logo), join(dir, logo));
  const where = args.includes("--sys-prefix") ? ["--sys-prefix"] : args.includes("--prefix") ? ["--prefix", args[args.indexOf("--prefix") + 1]] : ["--user"];
  const r = spawnSync(jupyter(), ["kernelspec", "install", "--replace", "--name", "nabla", ...where, dir], { encoding: "utf8" });
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  return r.status ?? 1;
}
