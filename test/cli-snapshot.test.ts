// The CLI's start-up snapshot (src/bundle/snapshot.ts, made by scripts/bundle.ts): `nabla eval`
// started from it prints exactly what the normal load of the same bundle prints, text and JSON,
// for every course notebook's code (plots included: vega loads on first use after the start).
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bundle } from "../scripts/bundle.js";
import { STAMP, stampFor } from "../src/bundle/make-snapshot.js";
import { parseNotebook, sourceOf } from "../src/grading/notebook.js";

const ROOT = join(import.meta.dirname, "..");
const NOTEBOOKS = join(ROOT, "notebooks");

describe("the start-up snapshot", () => {
  // Inside the checkout (test-output/ is ignored by git): the bundle requires its external packages
  // (vega, highlight.js …) from node_modules, which a folder under /tmp cannot reach.
  mkdirSync(join(ROOT, "test-output"), { recursive: true });
  const out = mkdtempSync(join(ROOT, "test-output", "snapshot-"));
  const dist = join(out, "dist");
  const built = bundle(ROOT, dist, { snapshot: true });

  /** `nabla ARGS` from the snapshot, or from the bundle loaded as bin/nabla.mjs loads it. */
  function nabla(from: "snapshot" | "bundle", args: string[], input = "") {
    const probe = `import { runBundle } from ${JSON.stringify(join(ROOT, "src", "bundle", "load.ts"))};
process.exitCode = await runBundle(${JSON.stringify(join(dist, "nabla.cjs"))}).exports.cliMain(process.argv.slice(1));`;
    const r =
      from === "snapshot"
        ? spawnSync(process.execPath, ["--snapshot-blob", join(dist, "nabla.blob"), "--", ...args], {
            cwd: NOTEBOOKS,
            input,
            encoding: "utf8",
          })
        : spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", probe, "--", ...args], {
            cwd: NOTEBOOKS,
            input,
            encoding: "utf8",
          });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  it("is made, stamped for this Node and this folder, and warmed up", async () => {
    const { snapshot } = await built;
    expect(snapshot).toMatchObject({ ok: true, warm: true });
    expect(readFileSync(join(dist, STAMP), "utf8")).toBe(stampFor(dist) + "\n");
  }, 300_000);

  it("prints what the normal load prints for the course notebooks, as text and as JSON", async () => {
    await built;
    const plots = join(out, "plots");
    // All but the two that train networks for most of a minute; JSON for three.
    const slow = ["05-neurons-perceptron-mlp.ipynb", "08-regularization.ipynb"];
    const json = ["01-linear-algebra.ipynb", "02-calculus.ipynb", "13-matrix-calculus.ipynb"];
    for (const file of readdirSync(NOTEBOOKS).filter((f) => f.endsWith(".ipynb") && !slow.includes(f))) {
      const cells = parseNotebook(readFileSync(join(NOTEBOOKS, file), "utf8"))
        .cells.filter((c) => c.cell_type === "code")
        .map(sourceOf);
      const source = join(out, file.replace(/\.ipynb$/, ".nabla"));
      writeFileSync(source, cells.join("\n") + "\n");
      for (const args of [
        ["eval", "--plots", plots, source],
        ...(json.includes(file) ? [["eval", "--json", "--plots", plots, source]] : []),
      ]) {
        const fromSnapshot = nabla("snapshot", args);
        expect(fromSnapshot.stdout.length, file).toBeGreaterThan(0);
        expect(fromSnapshot, `${file}: ${args.join(" ")}`).toEqual(nabla("bundle", args));
      }
    }
    expect(existsSync(join(plots))).toBe(true);
  }, 600_000);

  it("answers standard input, errors, help and usage errors as the normal load does", async () => {
    await built;
    for (const [args, input] of [
      [["eval", "-"], "1 + 1\n"],
      [["eval", "-"], "x = 1\ny = (2\n"],
      [["eval", "--json", "-"], "check sin(x)^2 + cos(x)^2 == 1\nsolve(x^2 = 2, x)\n"],
      [["eval", "missing-file.nabla"], ""],
      [["--help"], ""],
      [["eval", "--nonsense", "-"], ""],
      [["bogus"], ""],
    ] as [string[], string][]) {
      expect(nabla("snapshot", args, input), args.join(" ")).toEqual(nabla("bundle", args, input));
    }
  }, 300_000);

  it("typesets pages as the normal load does: KaTeX, outside the snapshot, loads on first use", async () => {
    await built;
    // Math in results and in markdown cells (KaTeX), a markdown cell's list (markdown-it), code (highlight.js).
    const file = join(out, "typeset.nabla");
    writeFileSync(file, "A = [1, 2; 3, 4]\ninv(A)\nd/dx sin(x)^2\ncheck d/dx x^3 == 3x^2\n");
    for (const [name, args] of [
      ["page of a file", ["render", file]],
      ["page of a notebook", ["render", join(NOTEBOOKS, "13-matrix-calculus.ipynb")]],
    ] as [string, string[]][]) {
      const pages = (["snapshot", "bundle"] as const).map((from) => {
        const page = join(out, `${from}-${name.replaceAll(" ", "-")}.html`);
        expect(nabla(from, [...args, "-o", page]).status, `${from}: ${name}`).toBe(0);
        return readFileSync(page, "utf8");
      });
      expect(pages[0], name).toContain('class="katex"');
      expect(pages[0] === pages[1], `${name}: the snapshot's page is the bundle's`).toBe(true);
    }
  }, 300_000);
});
