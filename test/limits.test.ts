// Limits that hold: one Limits object read by every cap, failures that say why (reason: time, size,
// memory, interrupt), refused before the allocation or the computation that would break them.
import { describe, expect, it } from "vitest";
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Session } from "../src/session.js";
import { readDataFile } from "../src/nn/read-file.js";
import { DEFAULT_LIMITS, type Limits } from "../src/environment.js";
import { LIMIT_REASONS } from "../src/budget.js";

function failure(code: string, limits: Partial<Limits> = {}) {
  const results = new Session({ limits: { timeMs: 5000, ...limits }, readFile: readDataFile }).run(code);
  const failed = results.find((r) => r.status === "error");
  return failed?.error ? { kind: failed.error.kind, reason: failed.error.reason, message: failed.error.message } : null;
}

const size = (what: RegExp) => ({ kind: "limit", reason: "size", message: expect.stringMatching(what) });

describe("arrays are refused before they are made", () => {
  it.each([10_000, 2_000, 1_001])("I(%i) is over the entry limit", (n) => {
    expect(failure(`I(${n})`)).toEqual(
      size(new RegExp(`I\\(${n}\\) would have ${(n * n).toLocaleString("en-US")} entries; the limit is 1,000,000`)),
    );
  });
  it.each([
    "zeros(2000, 2000)",
    "ones(1001, 1000)",
    "ones(10000) ⊗ ones(10000)",
    "outer(ones(3000), ones(3000))",
    "zeros(100, 100, 101)",
  ])("%s is over the entry limit", (code) => {
    expect(failure(code)).toEqual(size(/would have [\d,]+ entries; the limit is 1,000,000/));
  });
  it("the limit is the session's: arrayEntries", () => {
    expect(failure("I(40)", { arrayEntries: 1000 })).toEqual(
      size(/I\(40\) would have 1,600 entries; the limit is 1,000/),
    );
    expect(failure("I(31)", { arrayEntries: 1000 })).toBeNull();
    expect(failure("ones(40) ⊗ ones(30)", { arrayEntries: 1000 })).toEqual(
      size(/outer product would have 1,200 entries/),
    );
  });
  it("layers and data sets are under it too", () => {
    expect(
      failure(
        'layer a = dense(2 → 600000, relu)\nlayer b = dense(600000 → 1, sigmoid)\ntrain a → b on dataset("moons", n = 10) with epochs = 1',
      ),
    ).toEqual(size(/weights of a 2 → 600000 layer would have 1,200,000 entries/));
    expect(failure('dataset("moons", n = 100000000)')).toEqual(
      size(/a data set of 100000000 points would have 200,000,000 entries/),
    );
  });
  it("a layer or a network too large to train is refused where it is written, not when trained", () => {
    for (const [inputs, outputs, entries] of [
      ["100000", "100000", "10,000,000,000"],
      ["1001", "1000", "1,001,000"],
      ["1", "1000001", "1,000,001"],
      ["2^40", "2^40", "about 1.21 × 10\\^24"],
    ]) {
      const results = new Session().run(`layer big = dense(${inputs} → ${outputs}, relu)\nbig`);
      expect(results[0].error).toMatchObject({ kind: "limit", reason: "size", line: 1 });
      expect(results[0].error?.message).toMatch(
        new RegExp(`layer would have ${entries} entries; the limit is 1,000,000`),
      );
      expect(results[1].pretty).toBe("big");
    }
    expect(failure("layer a = dense(1000 → 1000)")).toBeNull();
    expect(failure("layer a = dense(1000 → 600)\nlayer b = dense(600 → 1000)\nnet = a → b")).toEqual(
      size(/^the network's parameters would have 1,201,600 entries; the limit is 1,000,000/),
    );
    expect(failure("layer a = dense(40 → 30)", { arrayEntries: 1000 })).toEqual(
      size(/40 → 30 layer would have 1,200 entries; the limit is 1,000/),
    );
  });
});

describe("exact numbers are refused before they are computed", () => {
  it.each(["1e1000000000", "1e-1000000000", "2.5e80000", "1e79000"])("%s", (code) => {
    expect(failure(code)).toEqual(size(/an exact number would have more than 78,913 digits/));
  });
  it("the bit limit is the session's: bigintBits", () => {
    expect(failure("1e400", { bigintBits: 1000 })).toEqual(size(/more than 301 digits/));
    expect(failure("2^2000", { bigintBits: 1000 })).toEqual(size(/more than 301 digits/));
    expect(failure("1e300", { bigintBits: 1000 })).toBeNull();
  });
});

describe("every cap is a field of Limits, with its reason", () => {
  // Each: a statement one step past a small setting of the limit, which one more allows.
  const cases: [keyof Limits, number, string][] = [
    // A body with no closed form: past the limit, Σ i is n(n + 1)/2 at once (test/large-sums.test.ts).
    ["bigopTerms", 10, "Σ_{i=1}^{11} sin(i)"],
    ["bigopTerms", 10, "∏_{i=0}^{10} (i + 1)"],
    ["exactExponent", 10, "3^11"],
    ["exactExponent", 10, "(2/3)^(-11)"],
    ["expandPower", 10, "expand((x + y)^11)"],
    ["expansionTerms", 8, "expand((a + b + c)(d + e + f))"],
    ["groebnerBasis", 3, "solve([x^2 + y^2 = 1, x y = 1/4], [x, y])"],
    ["groebnerPairs", 5, "solve([x^2 + y^2 = 1, x y = 1/4], [x, y])"],
    ["descentSteps", 10, "gd(x^2, x = 4, η = 0.1, steps = 11)"],
    ["taylorOrder", 10, "taylor(exp(x), x = 0, 11)"],
    ["symbolicDeterminant", 2, "det([a, b, c; d, e, f; g, h, k])"],
    ["symbolicInverse", 1, "inv([a, b; c, d])"],
    ["randomChoices", 9, "random(1..10)"],
    ["randomChoices", 2, "random([1, 2, 5])"],
    ["criticalKinks", 1, "critical(abs(x) + abs(x - 1))"],
    ["arrayEntries", 99, "zeros(100)"],
    ["arrayEntries", 99, "layer h = dense(10 → 10)"],
  ];
  it.each(cases)("%s = %i stops %s, one more lets it through", (key, cap, code) => {
    expect(failure(code, { [key]: cap })).toMatchObject({ kind: "limit", reason: LIMIT_REASONS[key] });
    expect(failure(code, { [key]: cap + 1 })).toBeNull();
  });
  it("every limit has a reason, and the defaults hold the old caps", () => {
    expect(Object.keys(LIMIT_REASONS).sort()).toEqual(Object.keys(DEFAULT_LIMITS).sort());
    expect(failure("Σ_{i=1}^{100001} sin(i)")).toEqual({
      kind: "limit",
      reason: "time",
      message: "a Σ over 100,001 terms is too long to write out; the limit is 100,000 terms",
    });
    expect(failure("2^100001")?.reason).toBe("size");
  });
  it("sizes are the entry limit's to judge, not a fixed largest dimension", () => {
    expect(failure("zeros(20000)")).toBeNull();
    expect(failure("ones(1, 50000)")).toBeNull();
    expect(failure("I(10^30)")).toEqual(size(/entries; the limit is 1,000,000/));
    expect(failure("zeros(0)")).toMatchObject({ kind: "math", message: "zeros needs a positive whole number" });
  });
});

describe("time", () => {
  it("a long product stops at the time limit with reason time", () => {
    expect(failure("∏_{i=1}^{100000} i", { timeMs: 300 })).toEqual({
      kind: "limit",
      reason: "time",
      message: expect.stringMatching(/longer than 0.3 s/),
    });
  });
});

describe("load() reads regular files within the byte limit", () => {
  const dir = mkdtempSync(join(tmpdir(), "nabla-load-"));
  const csv = join(dir, "data.csv");
  writeFileSync(csv, "a,b,label\n" + Array.from({ length: 200 }, (_, i) => `${i},${i % 7},${i % 2}`).join("\n") + "\n");
  it("reads a CSV", () => {
    expect(failure(`d = load("${csv}")`)).toBeNull();
  });
  it.each(["/dev/zero", "/dev/urandom", dir])("refuses %s: not a regular file", (path) => {
    expect(failure(`load("${path}")`)?.message).toBe(`cannot load ${path}: ${path} is not a regular file`);
  });
  it("refuses a file over totalBytes, with reason memory", () => {
    const bytes = statSync(csv).size;
    expect(failure(`load("${csv}")`, { totalBytes: bytes - 1 })).toEqual({
      kind: "limit",
      reason: "memory",
      message: expect.stringMatching(/the file .* would take/),
    });
    expect(failure(`load("${csv}")`, { totalBytes: bytes })).toBeNull();
  });
  it("refuses a data set over the entry limit", () => {
    expect(failure(`load("${csv}")`, { arrayEntries: 500 })).toEqual(size(/the data set in .* would have 600 entries/));
  });
  it("readDataFile outside a statement uses the default limits", () => {
    expect(readDataFile(csv).startsWith("a,b,label\n")).toBe(true);
  });
});

describe("no catch swallows a limit or an interrupt", () => {
  // A catch without a binding cannot pass a limit or an interrupt on; in the engine every recovering
  // catch calls rethrowStop (errors.ts) or rethrows what it does not recognise.
  const roots = ["src/engine", "src/graph", "src/numeric", "src/nn", "src/session.ts"];
  const files = roots
    .flatMap((root) => (statSync(root).isFile() ? [root] : walk(root)))
    .filter((f) => f.endsWith(".ts"));
  it.each(files)("%s has no bare catch", (file) => {
    const bare = readFileSync(file, "utf8")
      .split("\n")
      .flatMap((line, i) => (/catch\s*\{/.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : []));
    expect(bare).toEqual([]);
  });
});

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)],
  );
}
