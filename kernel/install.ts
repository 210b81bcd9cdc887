// `nabla install-kernel [--user | --prefix P | --sys-prefix] [--from-sources]`: writes a kernelspec
// (kernel.json, the logos, kernel.js — Notebook 6's highlighting and math stylesheet — and KaTeX's
// stylesheet and fonts in katex/) to a temporary folder and hands it to `jupyter kernelspec install`.
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
import hljs from "highlight.js/lib/core";
import { nablaLanguage } from "../src/render/highlight.js";
import { copyKatexAssets } from "../src/render/page/site.js";

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

/** highlight.js scopes as CodeMirror 5 token styles (cm-keyword, cm-builtin, …). */
const CODEMIRROR_STYLE: Record<string, string> = {
  comment: "comment",
  string: "string",
  number: "number",
  keyword: "keyword",
  literal: "atom",
  "title.function": "def",
  built_in: "builtin",
  operator: "operator",
};

/**
 * The pages' highlighter's rules (src/render/highlight.ts: one vocabulary, read from the tables) as
 * [CodeMirror style, regular expression source, flags]: its patterns as they are, and its two
 * begin/end modes (a `#` comment, a string with escapes) as the one-line patterns they amount to.
 */
export function highlightRules(): [style: string, source: string, flags: string][] {
  const language = nablaLanguage(hljs);
  return (language.contains ?? []).map((rule) => {
    const scope = String(rule.scope);
    const style = CODEMIRROR_STYLE[scope];
    if (!style) throw new Error(`the highlighter's scope ${scope} has no CodeMirror style`);
    if (rule.match instanceof RegExp) return [style, rule.match.source, rule.match.flags];
    if (scope === "comment") return [style, "#.*", "u"];
    if (scope === "string") return [style, '"(?:[^"\\\\]|\\\\.)*"?', "u"];
    throw new Error(`the highlighter's ${scope} rule is not a pattern`);
  });
}

/**
 * Notebook 6 loads a kernelspec's kernel.js before the first cell is shown. It defines the
 * CodeMirror mode \`nabla\` the kernel's language_info names, from the pages' highlighter's rules
 * (tried in order at each position, as highlight.js does; no rule, one character unstyled), and
 * loads KaTeX's stylesheet and fonts, served with the kernelspec, for the kernel's math
 * (./math-html.ts): nothing is fetched from elsewhere.
 */
export function kernelJs(): string {
  return `// Nabla's CodeMirror mode and math stylesheet for Notebook 6, written by \`nabla install-kernel\`.
define(["module", "codemirror/lib/codemirror"], function (module, CodeMirror) {
  "use strict";
  var rules = ${JSON.stringify(highlightRules())}.map(function (rule) {
    return { style: rule[0], pattern: new RegExp(rule[1], rule[2] + "y") };
  });
  function token(stream) {
    for (var i = 0; i < rules.length; i++) {
      rules[i].pattern.lastIndex = stream.pos;
      var found = rules[i].pattern.exec(stream.string);
      if (found && found[0].length) {
        stream.pos += found[0].length;
        return rules[i].style;
      }
    }
    stream.pos += stream.string.codePointAt(stream.pos) > 0xffff ? 2 : 1;
    return null;
  }
  function defineNabla() {
    CodeMirror.defineMode("nabla", function () {
      return { token: token, lineComment: "#" };
    });
    CodeMirror.defineMIME("text/x-nabla", "nabla");
  }
  function loadMathStyle() {
    if (typeof document === "undefined" || document.getElementById("nabla-katex-css")) return;
    var link = document.createElement("link");
    link.id = "nabla-katex-css";
    link.rel = "stylesheet";
    link.href = new URL("katex/katex.min.css", new URL(module.uri, document.baseURI)).href;
    document.head.appendChild(link);
    var style = document.createElement("style");
    // Results left-aligned, as the pages show them (src/render/page/style.ts).
    style.textContent = ".output_area .katex-display { margin: 0.3em 0; text-align: left; }" +
      " .output_area .katex-display > .katex { text-align: left; }";
    document.head.appendChild(style);
  }
  defineNabla();
  loadMathStyle();
  return { onload: function () { defineNabla(); loadMathStyle(); } };
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
  copyKatexAssets(join(dir, "katex"));
  for (const logo of ["logo-32x32.png", "logo-64x64.png"]) copyFileSync(join(ROOT, "kernel", logo), join(dir, logo));
  const r = spawnSync(jupyter(), ["kernelspec", "install", "--replace", "--name", "nabla", ...target, dir], {
    encoding: "utf8",
  });
  process.stdout.write(r.stdout ?? "");
  process.stderr.write(r.stderr ?? "");
  return r.status ?? 1;
}
