// Odd and hostile input to `nabla eval`, `nabla render` and a session, as a user pastes it or an
// adversary writes it: each gets a clear error within the limits, never a crash, a hang or a
// silently different reading.
import { describe, expect, it } from "vitest";
import { mkdtempSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readProgram } from "../src/cli/read-program.js";
import { evalCommand } from "../src/cli/eval.js";
import { renderCommand } from "../src/cli/render.js";
import { readDataFile } from "../src/nn/read-file.js";
import { Session } from "../src/session.js";

const dir = mkdtempSync(join(tmpdir(), "nabla-hostile-input-"));

/** Runs `fn` with standard error captured. */
async function stderrOf(fn: () => Promise<unknown> | unknown): Promise<string> {
  const write = process.stderr.write.bind(process.stderr);
  let err = "";
  process.stderr.write = ((s: string) => ((err += s), true)) as typeof process.stderr.write;
  try {
    await fn();
  } finally {
    process.stderr.write = write;
  }
  return err;
}

describe("programs that are not files of a program's size", () => {
  it("reads a device to its end or its bound; refuses a folder and a file past the limit unread", () => {
    expect(() => readProgram("/dev/zero", 200_000)).toThrow(/holds more than 0\.6 MB; a program may have 200,000/);
    expect(readProgram("/dev/null", 200_000)).toBe("");
    expect(() => readProgram(dir, 200_000)).toThrow(/a folder/);
    const big = join(dir, "big.nabla");
    writeFileSync(big, "1 + 1\n".repeat(200_000));
    expect(() => readProgram(big, 200_000)).toThrow(/holds 1\.1 MB; a program may have 200,000 characters/);
    writeFileSync(join(dir, "ok.nabla"), "1 + 1\n");
    expect(readProgram(join(dir, "ok.nabla"), 200_000)).toBe("1 + 1\n");
  });

  it("eval says so and exits 2; render to a folder says so too", async () => {
    let code = 0;
    expect(await stderrOf(async () => (code = await evalCommand("/dev/zero", false, () => {})))).toMatch(
      /cannot read \/dev\/zero: it holds more than 0\.6 MB/,
    );
    expect(code).toBe(2);
    writeFileSync(join(dir, "one.nabla"), "1 + 1\n");
    expect(await stderrOf(() => (code = renderCommand(join(dir, "one.nabla"), dir)))).toMatch(/it is a folder/);
    expect(code).toBe(2);
  });
});

describe("a session given odd text", () => {
  it("ends a line at a lone carriage return, as at \\r\\n and \\n", () => {
    for (const eol of ["\r", "\r\n", "\n"]) {
      const results = new Session().run(`x = 1${eol}y = 2${eol}x + y${eol}`);
      expect(results.map((r) => r.text)).toEqual(["1", "2", "3"]);
    }
  });

  it("works out a chain tens of thousands long, or says it is too deep as a limit, not an internal error", () => {
    // Products and quotients are gathered by a loop, however long; a tower of powers nests.
    expect(new Session().run(`x${"/x".repeat(10_000)}`)[0].text).toBe("1/x^9999");
    expect(new Session().run(`x${"*x".repeat(99_000)}`)[0].text).toBe("x^99001");
    const [tower] = new Session().run(`x${"^x".repeat(20_000)}`);
    expect(tower.status).toBe("error");
    expect(tower.error!.kind).toBe("limit");
  });

  it("multiplies a name repeated fifty thousand times", () => {
    const [r] = new Session().run(Array(50_000).fill("x").join(" "));
    expect(r.text).toBe("x^50000");
  });

  it("shows a long line's error around its column, not the whole line", () => {
    const [r] = new Session().run(`y = ${"1 + ".repeat(30_000)})`);
    expect(r.status).toBe("error");
    expect(r.error!.column).toBe(120_005);
    expect(r.error!.excerpt.length).toBeLessThan(400);
    expect(r.error!.excerpt).toMatch(/^….*\)\n +\^$/);
  });

  it("gives a file's own size when it is over the limit", () => {
    const huge = join(dir, "huge.csv");
    writeFileSync(huge, "");
    truncateSync(huge, 300 * 1048576); // sparse: no disk taken
    const [r] = new Session({ readFile: readDataFile }).run(`d = load("${huge}")`);
    expect(r.error!.message).toMatch(/would take 300 MB; the limit is 256 MB/);
  });

  it("warns when a function of the notes is written without parentheses, and only then", () => {
    const warned = (code: string) =>
      new Session()
        .run(code)
        .flatMap((r) => r.effects)
        .filter((e) => e.kind === "stderr")
        .map((e) => (e as { text: string }).text);
    // A bare name alone is a symbol of that name, said so; juxtaposed (sin x, log 2) it is an error
    // (test/function-notation.test.ts), and sin^2(x) is sin(x)^2.
    expect(warned("f = sin + 1")).toEqual([
      "warning: sin is a function, but without parentheses it is read as a symbol named sin: write sin(x) (and sin(x)^2, not sin^2(x))\n",
    ]);
    expect(warned("check sin^2(x) + cos^2(x) == 1")).toEqual([]);
    for (const fine of ["sin(x)^2", "log(2)", "layer h = dense(2 → 4, relu)", "sinx = 3", "sin_1 + 1"])
      expect(warned(fine), fine).toEqual([]);
  });
});

describe("characters one cannot see", () => {
  it("are named by their code point in a parse error, and a character outside the BMP is shown whole", () => {
    for (const [ch, name] of [
      ["\u200b", "U\\+200B"],
      ["\u202e", "U\\+202E"],
    ]) {
      const [r] = new Session().run(`x${ch} + 1`);
      expect(r.error!.message, name).toMatch(new RegExp(`unexpected invisible character ${name}`));
    }
    expect(new Session().run("x + 😀")[0].error!.message).toMatch(/unexpected `😀`/);
  });
});
