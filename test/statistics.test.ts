// Statistics, one-hot encoding, convolution and PCA: the notes' examples exactly, and generated data
// against NumPy and PyTorch (Debian's python3-torch, a reference only) — conv2d as torch computes a
// convolutional layer's feature map, pca as the eigenvectors of np.cov.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { Session } from "../src/session.js";
import { rewriteToFloat } from "../src/graph/evalf.js";
import type { Node } from "../src/graph/node.js";

const PYTHON = "/usr/bin/python3";
const hasTorch = spawnSync(PYTHON, ["-c", "import torch, numpy"]).status === 0;
if (!hasTorch) console.warn("NumPy/PyTorch reference tests skipped: Debian's python3-torch is not installed");

function value(source: string): Node {
  const results = new Session().run(source);
  const last = results[results.length - 1];
  if (last.status !== "ok" || !last.value) throw new Error(`${source}: ${last.error?.message}`);
  return last.value;
}

/** A value as nested numbers (a tensor by rows; a record's fields by name). */
function numbers(n: Node): unknown {
  const f = rewriteToFloat(n);
  if (f.kind === "float") return f.value;
  if (f.kind === "num") return f.value.toNumber();
  if (f.kind === "tensor") {
    const xs = f.entries.map((e) => numbers(e) as number);
    if (f.shape.length === 1) return xs;
    const cols = f.shape[1] as number;
    return Array.from({ length: f.shape[0] as number }, (_, i) => xs.slice(i * cols, (i + 1) * cols));
  }
  if (f.kind === "record") return Object.fromEntries(f.fields.map((x) => [x.name, numbers(x.value)]));
  throw new Error(`not a number: ${f.kind}`);
}

function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
}

const matrix = (rows: number[][]) => `[${rows.map((r) => r.join(", ")).join("; ")}]`;
const integers = (next: () => number, m: number, n: number, span = 9) =>
  Array.from({ length: m }, () => Array.from({ length: n }, () => Math.floor(next() * (2 * span + 1)) - span));

function close(actual: unknown, expected: unknown, tol = 1e-9): boolean {
  if (typeof actual === "number" && typeof expected === "number")
    return Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected));
  if (Array.isArray(actual) && Array.isArray(expected))
    return actual.length === expected.length && actual.every((a, i) => close(a, expected[i], tol));
  return false;
}

function python<T>(script: string, input: unknown): T {
  const r = spawnSync(PYTHON, ["-c", script], { input: JSON.stringify(input), encoding: "utf8", maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(r.stderr.slice(-2000));
  return JSON.parse(r.stdout) as T;
}

describe("statistics of data", () => {
  it("are exact on exact data", () => {
    expect("mean([1, 2, 3, 4])").toEvaluateTo("5/2");
    expect("mean([1, 2; 3, 4; 5, 9])").toEvaluateTo("[3, 5]");
    expect("var([2, 4, 4, 4, 5, 5, 7, 9], 0)").toEvaluateTo("4");
    expect("var([2, 4, 4, 4, 5, 5, 7, 9])").toEvaluateTo("32/7");
    expect("std([2, 4, 4, 4, 5, 5, 7, 9], 0)").toEvaluateTo("2");
    expect("cov([1, 2, 3], [2, 4, 7])").toEvaluateTo("5/2");
    expect("center([1, 2; 3, 4; 5, 9])").toEvaluateTo("[-2, -3; 0, -1; 2, 4]");
  });

  it("include running means, whose last entry is the mean", () => {
    expect("cummean([1, 0, 1, 1])").toEvaluateTo("[1, 1/2, 2/3, 3/4]");
    expect("cummean([a, b])").toEvaluateTo("[a, (a + b)/2]");
    for (let n = 1; n <= 30; n += 7) {
      const xs = Array.from({ length: n }, (_, i) => ((i * 7919) % 13) - 6);
      const running = new Session().run(`cummean([${xs}])[${n}] - mean([${xs}])`)[0];
      expect(running.text).toBe("0");
    }
    expect(new Session().run("cummean([1, 2; 3, 4])")[0].error?.message).toMatch(/needs a vector of samples/);
  });

  it("of a symbolic vector differentiate: ∇ mean(x) = 𝟏/n", () => {
    expect("x ∈ ℝ^n\nmean(x)").toEvaluateTo("sum(x)/n");
  });

  it("refuse what has no answer", () => {
    const errors = (src: string) => new Session().run(src).at(-1)!.error?.message;
    expect(errors("var([3])")).toMatch(/undefined/);
    expect(errors("cov([1, 2], [1, 2, 3])")).toMatch(/as many samples/);
    expect(errors("mean(zeros(2, 2, 2))")).toMatch(/data matrix/);
  });

  it.skipIf(!hasTorch)("agree with NumPy on generated data (mean, var, std, cov with n − 1)", () => {
    const next = seeded(7);
    const cases = Array.from({ length: 12 }, (_, i) => integers(next, 3 + (i % 5), 1 + (i % 4)));
    const ours = cases.map((X) => ({
      mean: numbers(value(`mean(${matrix(X)})`)),
      var: numbers(value(`var(${matrix(X)})`)),
      std: numbers(value(`std(${matrix(X)})`)),
      cov: numbers(value(`cov(${matrix(X)})`)),
    }));
    const reference = python<{ mean: unknown; var: unknown; std: unknown; cov: unknown }[]>(
      `import json, sys, numpy as np
out = []
for X in json.load(sys.stdin):
    X = np.array(X, float)
    one = X.shape[1] == 1
    pick = lambda v: float(v[0]) if one else v.tolist()
    c = np.cov(X.T, ddof=1)
    out.append({"mean": pick(X.mean(0)), "var": pick(X.var(0, ddof=1)), "std": pick(X.std(0, ddof=1)), "cov": float(c) if one else c.tolist()})
print(json.dumps(out))`,
      cases.map((X) => X),
    );
    ours.forEach((o, i) => {
      for (const key of ["mean", "var", "std", "cov"] as const)
        expect(
          close(o[key], reference[i][key]),
          `${key} of ${matrix(cases[i])}: ${JSON.stringify(o[key])} vs ${JSON.stringify(reference[i][key])}`,
        ).toBe(true);
    });
  });
});

describe("one-hot encoding", () => {
  it("turns 0-based labels into rows of the identity, as the notes' table", () => {
    expect("onehot(0, 3)").toEvaluateTo("[1, 0, 0]");
    expect("onehot(2, 3)").toEvaluateTo("[0, 0, 1]");
    expect("onehot([0, 1, 2, 1], 3)").toEvaluateTo("[1, 0, 0; 0, 1, 0; 0, 0, 1; 0, 1, 0]");
  });

  it("and argmax takes them back", () => {
    for (let k = 0; k < 5; k++) expect(`argmax(onehot(${k}, 5))`).toEvaluateTo(String(k));
    expect("argmax(onehot([3, 0, 2], 4))").toEvaluateTo("[3, 0, 2]");
    expect("argmax(softmax([1, 3, 2]))").toEvaluateTo("1");
  });

  it("refuses labels outside the classes, fractions and symbols", () => {
    const errors = (src: string) => new Session().run(src).at(-1)!.error?.message;
    expect(errors("onehot(3, 3)")).toMatch(/outside 0\.\.2/);
    expect(errors("onehot(1/2, 3)")).toMatch(/whole-number/);
    expect(errors("onehot(x, 3)")).toMatch(/whole-number/);
    expect(errors("onehot(1, 0)")).toMatch(/number of classes/);
    // A billion classes is refused by the entry limit, not by running out of memory.
    expect(errors("onehot(1, 10^9)")).toMatch(/the limit is/);
  });

  it("compares softmax outputs with one-hot targets by cross-entropy", () => {
    expect(numbers(value("cce(onehot(1, 3), [0.2, 0.7, 0.1])"))).toBeCloseTo(-Math.log(0.7), 12);
  });
});

describe("convolution", () => {
  it("in one dimension is the full convolution, exact", () => {
    expect("conv([1, 2, 3], [0, 1, 0.5])").toEvaluateTo("[0, 1, 5/2, 4, 3/2]");
    expect("conv([1], [4, 5])").toEvaluateTo("[4, 5]");
  });

  it("of the notes' vertical-edge filter on a 3×3 patch is one number", () => {
    expect("conv2d([1, 2, 3; 4, 5, 6; 7, 8, 9], [1, 0, -1; 1, 0, -1; 1, 0, -1])").toEvaluateTo("-6");
    expect("convolve2d([1, 2, 3; 4, 5, 6; 7, 8, 9], [1, 0, -1; 1, 0, -1; 1, 0, -1])").toEvaluateTo("6");
    expect(
      numbers(value("conv2d([10, 10, 0, 0; 10, 10, 0, 0; 10, 10, 0, 0], [1, 0, -1; 1, 0, -1; 1, 0, -1])")),
    ).toEqual([[30, 30]]);
  });

  it("with symbolic kernels differentiates entry by entry (∂/∂K of a feature map)", () => {
    expect("d/dk_1 conv2d([1, 2; 3, 4], [k_1, k_2; k_3, k_4])").toEvaluateTo("1");
    expect("d/dk_4 sum(conv2d([1, 2, 3; 4, 5, 6; 7, 8, 9], [k_1, k_2; k_3, k_4]))").toEvaluateTo("28");
  });

  it("checks its options", () => {
    const errors = (src: string) => new Session().run(src).at(-1)!.error?.message;
    expect(errors("conv2d([1, 2; 3, 4], [1, 1; 1, 1], pad = 1)")).toMatch(/no option pad/);
    expect(errors("conv2d([1, 2; 3, 4], [1, 1, 1; 1, 1, 1; 1, 1, 1])")).toMatch(/does not fit/);
  });

  it.skipIf(!hasTorch)(
    "agrees with PyTorch's conv2d (padding, stride) and NumPy's convolve on generated inputs",
    () => {
      const next = seeded(11);
      const cases = Array.from({ length: 16 }, (_, i) => {
        const h = 3 + (i % 4);
        const k = 2 + (i % 2);
        return {
          X: integers(next, h, h + (i % 2)),
          K: integers(next, k, k),
          padding: i % 3 === 0 ? 1 : 0,
          stride: 1 + (i % 2),
          a: integers(next, 1, 2 + (i % 5))[0],
          b: integers(next, 1, 1 + (i % 3))[0],
        };
      });
      const ours = cases.map((c) => ({
        conv2d: numbers(value(`conv2d(${matrix(c.X)}, ${matrix(c.K)}, padding = ${c.padding}, stride = ${c.stride})`)),
        conv: numbers(value(`conv([${c.a.join(", ")}], [${c.b.join(", ")}])`)),
      }));
      const reference = python<{ conv2d: number[][]; conv: number[] }[]>(
        `import json, sys, numpy as np, torch
out = []
for c in json.load(sys.stdin):
    X = torch.tensor(c["X"], dtype=torch.float64)[None, None]
    K = torch.tensor(c["K"], dtype=torch.float64)[None, None]
    y = torch.nn.functional.conv2d(X, K, padding=c["padding"], stride=c["stride"])[0, 0].tolist()
    out.append({"conv2d": y, "conv": np.convolve(c["a"], c["b"]).tolist()})
print(json.dumps(out))`,
        cases,
      );
      ours.forEach((o, i) => {
        const expected = reference[i].conv2d;
        // One number when the output is 1×1; a column when it is one wide.
        const shaped = expected.length === 1 && expected[0].length === 1 ? expected[0][0] : expected;
        expect(
          close(o.conv2d, shaped),
          `conv2d case ${i}: ${JSON.stringify(o.conv2d)} vs ${JSON.stringify(shaped)}`,
        ).toBe(true);
        expect(close(o.conv, reference[i].conv), `conv case ${i}`).toBe(true);
      });
    },
  );
});

describe("principal component analysis", () => {
  it("is exact when the eigenvalues are rational", () => {
    const p = numbers(value("pca([2, 0; 0, 1; -2, 0; 0, -1], 1)")) as Record<string, unknown>;
    expect(p).toEqual({ components: [1, 0], variance: [8 / 3], ratio: [0.8], projected: [2, 0, -2, 0] });
  });

  it("says why when there is nothing to find", () => {
    const errors = (src: string) => new Session().run(src).at(-1)!.error?.message;
    expect(errors("pca([1, 2; 1, 2])")).toMatch(/no variance/);
    expect(errors("pca([1, 2; 3, 4], 3)")).toMatch(/from 1 to 2/);
    expect(errors("pca([x, 1; 2, 3])")).toMatch(/numbers/);
  });

  it.skipIf(!hasTorch)("agrees with NumPy's eigenvectors of np.cov up to sign, on generated data", () => {
    const next = seeded(3);
    const cases = Array.from({ length: 10 }, (_, i) => integers(next, 5 + i, 2 + (i % 3)));
    const ours = cases.map(
      (X) =>
        numbers(value(`pca(${matrix(X)}, 2)`)) as {
          components: number[][];
          variance: number[];
          ratio: number[];
          projected: number[][];
        },
    );
    const reference = python<{ components: number[][]; variance: number[]; ratio: number[]; projected: number[][] }[]>(
      `import json, sys, numpy as np
out = []
for X in json.load(sys.stdin):
    X = np.array(X, float)
    w, v = np.linalg.eigh(np.cov(X.T))
    order = np.argsort(w)[::-1]
    w, v = w[order], v[:, order]
    out.append({"components": v[:, :2].tolist(), "variance": w[:2].tolist(), "ratio": (w[:2] / w.sum()).tolist(), "projected": ((X - X.mean(0)) @ v[:, :2]).tolist()})
print(json.dumps(out))`,
      cases,
    );
    ours.forEach((o, i) => {
      expect(close(o.variance, reference[i].variance, 1e-6), `variance ${i}`).toBe(true);
      expect(close(o.ratio, reference[i].ratio, 1e-6), `ratio ${i}`).toBe(true);
      // Eigenvectors are defined up to sign: compare each column after matching its sign.
      for (let c = 0; c < 2; c++) {
        const ours_ = o.components.map((row) => row[c]);
        const ref = reference[i].components.map((row) => row[c]);
        const sign = Math.sign(ours_.reduce((s, x, j) => s + x * ref[j], 0)) || 1;
        expect(
          close(
            ours_.map((x) => x * sign),
            ref,
            1e-6,
          ),
          `component ${c} of case ${i}`,
        ).toBe(true);
        expect(
          close(
            o.projected.map((row) => row[c] * sign),
            reference[i].projected.map((row) => row[c]),
            1e-6,
          ),
          `projection ${c} of case ${i}`,
        ).toBe(true);
      }
    });
  });
});

describe("the Wasserstein loss", () => {
  it("is the mean of y·ŷ, with its gradient", () => {
    expect("wasserstein([1, -1], [0.8, 0.3])").toEvaluateTo("1/4");
    expect("y ∈ ℝ^n; p ∈ ℝ^n\n∇_p wasserstein(y, p)").toEvaluateTo("y/n");
  });
});

describe("regression data and polynomial features", () => {
  it("give the design matrix of a least-squares fit", () => {
    expect("polyfeatures([1, 2, 3], 2)").toEvaluateTo("[1, 1, 1; 1, 2, 4; 1, 3, 9]");
    expect(new Session().run("polyfeatures([1, 2], 51)")[0].error?.message).toMatch(/0 to 50/);
  });

  it("read a data set's inputs and targets as data.X and data.y, seeded", () => {
    const session = new Session();
    const [, X, y, again] = session.run(
      'd = dataset("sine", n = 30, noise = 0, seed = 4)\nd.X\nd.y\ndataset("sine", n = 30, noise = 0, seed = 4).y',
    );
    const xs = numbers(X.value!) as number[];
    const ys = numbers(y.value!) as number[];
    expect(xs).toHaveLength(30);
    // Without noise the targets are the curve itself.
    xs.forEach((x, i) => expect(ys[i]).toBeCloseTo(Math.sin(2 * Math.PI * x), 12));
    expect(again.text).toBe(y.text);
  });

  it("say which members a value has", () => {
    const [, , wrong] = new Session().run("p = pca([2, 1; 1, 2; -2, -1; -1, -2], 1)\np.ratio\np.ratios");
    expect(wrong.error?.message).toMatch(
      /no member ratios — did you mean ratio\?; its members are components, variance, ratio, projected/,
    );
    expect(new Session().run("[1, 2].x")[0].error?.message).toMatch(
      /only a command's result or a data set has members/,
    );
  });

  it("show the bias–variance tradeoff: training error falls with the degree, test error does not", () => {
    const session = new Session();
    const results = session.run(`seen = dataset("sine", n = 12, noise = 0.2, seed = 1)
unseen = dataset("sine", n = 200, noise = 0.2, seed = 2)
X1 = polyfeatures(seen.X, 1); w1 = inv(X1ᵀ X1) X1ᵀ seen.y;
X9 = polyfeatures(seen.X, 9); w9 = inv(X9ᵀ X9) X9ᵀ seen.y;
[mse(seen.y, X1 w1), mse(seen.y, X9 w9)]
[mse(unseen.y, polyfeatures(unseen.X, 1) w1), mse(unseen.y, polyfeatures(unseen.X, 9) w9)]`);
    const [train1, train9] = numbers(results.at(-2)!.value!) as number[];
    const [test1, test9] = numbers(results.at(-1)!.value!) as number[];
    expect(train9).toBeLessThan(train1);
    expect(test9).toBeGreaterThan(test1);
  });
});
