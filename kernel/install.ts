// `nabla install-kernel [--user | --prefix P | --sys-prefix] [--from-sources]`: writes a kernelspec
// (kernel.json, the logos, and kernel.js, Notebook 6's highlighting) to a temporary folder and hands
// it to `jupyter kernelspec install`.
//
// The kernelspec runs the build (dist/kernel/main.js) by absolute paths, so a notebook in any
// folder starts it. An installed package has only the build; a checkout uses its build when there is
// one and otherwise says how to make it. `--from-sources` (development) runs the TypeScript through
// tsx, imported by absolute URL for the same reason.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { KEYWORDS, builtinNames } from "../src/help.js";

const HERE = dirname(fileURLToPath(import.meta.url));
/** The package's root: kernel/ in a checkout, dist/kernel/ in the build. */
export const ROOT = resolve(HERE, "..", existsSync(join(HERE, "..", "package.json")) ? "" : "..");

function jupyter(): string {
  const found = spawnSync("sh", ["-c", "command -v jupyter"], { encoding: "utf8" }).stdout.trim();
  // The jupyter first on PATH may belong to a Python without jupyter_client; Debian's always works.
  if (found && spawnSync(found, ["kernelspec", "--version"]).status === 0) return found;
  return "/usr/bin/jupyter";
}

export class InstallProblem extends Error {}

/** How the kernel starts: the build, or with `fromSources` the TypeScript through tsx. */
export function kernelArgv(fromSources = false): string[] {
  const compiled = join(ROOT, "dist", "kernel", "main.js");
  const sources = join(ROOT, "kernel", "main.ts");
  if (fromSources) {
    if (!existsSync(sources))
      throw new InstallProblem("--from-sources needs a checkout of Nabla's sources; this is an installed package");
    let tsx: string;
    try {
      tsx = import.meta.resolve("tsx");
    } catch {
      throw new InstallProblem(`--from-sources needs tsx: run \`npm install\` in ${ROOT}`);
    }
    return [process.execPath, "--import", tsx, sources, "{connection_file}"];
  }
  if (existsSync(compiled)) return [process.execPath, compiled, "{connection_file}"];
  throw new InstallProblem(
    `there is no build in ${ROOT}: run \`npm run build\` there, then \`nabla install-kernel\` again (or \`nabla install-kernel --from-sources\` for a development kernel that runs the TypeScript through tsx)`,
  );
}

export function kernelSpec(fromSources = false): Record<string, unknown> {
  return {
    argv: kernelArgv(fromSources),
    display_name: "Nabla",
    language: "nabla",
    interrupt_mode: "message",
    env: {},
    metadata: { debugger: false },
  };
}

/**
 * Notebook 6 loads a kernelspec's kernel.js before the first cell is shown: it defines the
 * CodeMirror mode `nabla` the kernel's language_info names (keywords, built-in names, numbers,
 * strings, `#` comments, operators).
 */
export function kernelJs(): string {
  const words = (list: string[]) =>
    JSON.stringify([...new Set(list)].filter((w) => /^[\p{L}_][\p{L}\p{N}_]*$/u.test(w)).sort());
  return `// Nabla's CodeMirror mode for Notebook 6, written by \`nabla install-kernel\`.
define(["codemirror/lib/codemirror"], function (CodeMirror) {
  "use strict";
  var keywords = new Set(${words(KEYWORDS)});
  var builtins = new Set(${words(builtinNames())});
  function defineNabla() {
    CodeMirror.defineMode("nabla", function () {
      return {
        token: function (stream) {
          if (stream.eatSpace()) return null;
          if (stream.match("#")) { stream.skipToEnd(); return "comment"; }
          if (stream.match(/^"(?:[^"\\\\]|\\\\.)*"?/)) return "string";
          if (stream.match(/^(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?/)) return "number";
          var word = stream.match(/^[\\p{L}_][\\p{L}\\p{N}_]*/u);
          if (word) return keywords.has(word[0]) ? "keyword" : builtins.has(word[0]) ? "builtin" : "variable";
          stream.next();
          return "operator";
        },
        lineComment: "#",
      };
    });
    CodeMirror.defineMIME("text/x-nabla", "nabla");
  }
  defineNabla();
  return { onload: defineNabla };
});
`;
}

function where(args: string[]): string[] {
  if (args.includes("--sys-prefix")) return ["--sys-prefix"];
  const p = args.indexOf("--prefix");
  if (p >= 0) {
    const prefix = args[p + 1];
    if (!prefix || prefix.startsWith("--"))
      throw new InstallProblem("--prefix needs a folder: nabla install-kernel --prefix PREFIX");
    return ["--prefix", resolve(prefix)];
  }
  return ["--user"];
}

export async function installKernel(args: string[]): Promise<number> {
  const known = new Set(["--user", "--prefix", "--sys-prefix", "--from-sources"]);
  const unknown = args.filter((a, i) => a.startsWith("-") && !known.has(a) && args[i - 1] !== "--prefix");
  let spec: Record<string, unknown>;
  let target: string[];
  try {
    if (unknown.length)
      throw new InstallProblem(
        `unknown option ${unknown[0]}: nabla install-kernel [--user | --prefix P | --sys-prefix] [--from-sources]`,
      );
    target = where(args);
    spec = kernelSpec(args.includes("--from-sources"));
  } catch (err) {
    if (!(err instanceof InstallProblem)) throw err;
    process.stderr.write(`nabla install-kernel: ${err.message}\n`);
    return 1;
  }
  const dir = join(mkdtempSync(join(tmpdir(), "nabla-kernelspec-")), "nabla");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "kernel.json"), JSON.stringify(spec, null, 2) + "\n");
  writeFileSync(join(dir, "kernel.js"), kernelJs());
  for (const logo of ["logo-32x32.png", "logo-64x64.png"]) copyFileSync(join(ROOT, "kernel", logo), join(dir, logo));
  const r = spawnSync(jupyter(), ["kernelspec", "install", "--replace", "--name", "nabla", ...target, dir], {
    encoding: "utf8",
  });
  process.stdout.write(r.stdout ?? "");
  process.stderr.write(r.stderr ?? "");
  return r.status ?? 1;
}
