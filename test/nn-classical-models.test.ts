// Notebook 12 (classical models) against NumPy: the same full-batch gradient descent from zero
// weights, written out in NumPy, gives the weights, biases and losses the notebook's training
// reaches; the normal equations give NumPy's least-squares solution; the notebook's checks hold.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";
import { parseNotebook, sourceOf } from "../src/grading/notebook.js";
import type { Node } from "../src/graph/node.js";
import { floatValue } from "../src/graph/evalf.js";

const PYTHON = "/usr/bin/python3";
const hasNumpy = spawnSync(PYTHON, ["-c", "import numpy"]).status === 0;

const REFERENCE = `
import json, sys
import numpy as np
d = json.load(sys.stdin)

def linear(X, y, eta, epochs):
    X, y = np.array(X), np.array(y)
    n = len(y)
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(epochs):
        r = X @ w + b - y
        w, b = w - eta * 2 * X.T @ r / n, b - eta * 2 * r.sum() / n
    r = X @ w + b - y
    theta = np.linalg.lstsq(np.c_[X, np.ones(n)], y, rcond=None)[0]
    return {"w": w.tolist(), "b": b, "loss": float((r ** 2).mean()), "theta": theta.tolist()}

def logistic(X, t, eta, epochs):
    X, t = np.array(X), np.array(t)
    n = len(t)
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(epochs):
        p = 1 / (1 + np.exp(-(X @ w + b)))
        w, b = w - eta * X.T @ (p - t) / n, b - eta * (p - t).sum() / n
    p = 1 / (1 + np.exp(-(X @ w + b)))
    loss = -(t * np.log(p) + (1 - t) * np.log(1 - p)).mean()
    return {"w": w.tolist(), "b": b, "loss": float(loss), "p": p.tolist()}

def softmax_rows(Z):
    Z = Z - Z.max(axis=1, keepdims=True)
    P = np.exp(Z)
    return P / P.sum(axis=1, keepdims=True)

def softmax(X, labels, k, eta, epochs, mu=None):
    X = np.array(X)
    Y = np.eye(k)[labels]
    n = len(labels)
    W, b = np.zeros((k, X.shape[1])), np.zeros(k)
    vW, vb = np.zeros_like(W), np.zeros_like(b)
    for _ in range(epochs):
        D = (softmax_rows(X @ W.T + b) - Y) / n
        gW, gb = D.T @ X, D.sum(axis=0)
        if mu is None:
            W, b = W - eta * gW, b - eta * gb
        else:
            # The notes' velocity form: v = mu v + grad, theta = theta - eta v.
            vW, vb = mu * vW + gW, mu * vb + gb
            W, b = W - eta * vW, b - eta * vb
    P = softmax_rows(X @ W.T + b)
    loss = -(Y * np.log(P)).sum(axis=1).mean()
    return {"W": W.tolist(), "b": b.tolist(), "loss": float(loss), "P": P.tolist()}

print(json.dumps({
    "linear": linear(d["X"], d["y"], 0.02, 3000),
    "logistic": logistic(d["X2"], d["t2"], 0.5, 2000),
    "softmax": softmax(d["X3"], d["labels"], 3, 0.5, 500),
    "momentum": softmax(d["X3"], d["labels"], 3, 0.05, 100, mu=0.9),
}))
`;

const numbers = (n: Node): number[] => (n.kind === "tensor" ? n.entries.map((e) => floatValue(e)!) : [floatValue(n)!]);

function field(n: Node, name: string): Node {
  if (n.kind !== "record") throw new Error("not a record");
  return n.fields.find((f) => f.name === name)!.value;
}

function close(actual: number[], expected: number[], what: string, tol = 1e-9): void {
  expect(actual.length, what).toBe(expected.length);
  actual.forEach((a, i) =>
    expect(Math.abs(a - expected[i]), `${what}[${i}]: ${a} vs ${expected[i]}`).toBeLessThan(
      tol * Math.max(1, Math.abs(expected[i])),
    ),
  );
}

describe.skipIf(!hasNumpy)("notebook 12: classical models against NumPy", () => {
  const nb = parseNotebook(
    readFileSync(join(import.meta.dirname, "..", "notebooks", "12-classical-models.ipynb"), "utf8"),
  );
  const session = new Session();
  const shown: Node[] = [];
  for (const cell of nb.cells.filter((c) => c.cell_type === "code"))
    for (const r of session.run(sourceOf(cell))) {
      if (r.status !== "ok") throw new Error(`${r.source}: ${r.error?.message}`);
      if (r.verdict !== undefined) expect(r.verdict, r.source).toBe("equivalent");
      shown.push(r.value!);
    }
  const value = (name: string) => session.env.values.get(name)!;
  const data = Object.fromEntries(
    ["X", "y", "X2", "t2", "X3", "labels"].map((name) => {
      const v = value(name);
      const flat = numbers(v);
      const rows =
        v.shape.length === 2
          ? Array.from({ length: v.shape[0] as number }, (_, r) =>
              flat.slice(r * (v.shape[1] as number), (r + 1) * (v.shape[1] as number)),
            )
          : flat;
      return [name, rows];
    }),
  );
  const run = spawnSync(PYTHON, ["-c", REFERENCE], { input: JSON.stringify(data), encoding: "utf8" });
  const reference = JSON.parse(run.stdout) as Record<string, Record<string, number | number[] | number[][]>>;
  const flat = (x: number | number[] | number[][]) =>
    typeof x === "number" ? [x] : (x as (number | number[])[]).flat();

  it("linear regression: the trained weights are NumPy's, and near the normal equations' exact solution", () => {
    const ref = reference.linear;
    close(numbers(value("w_lin")), flat(ref.w), "w");
    close(numbers(value("b_lin")), flat(ref.b), "b");
    close(numbers(field(value("fit_lin"), "loss")), flat(ref.loss), "loss");
    // θ is exact (rationals); NumPy's least squares agrees to its precision, and training to 1e-6.
    close(numbers(value("θ")), flat(ref.theta), "θ", 1e-12);
    close([...numbers(value("w_lin")), ...numbers(value("b_lin"))], flat(ref.theta), "trained vs θ", 1e-6);
  });

  it("logistic regression: weights, bias, loss and probabilities as NumPy's", () => {
    const ref = reference.logistic;
    close(numbers(value("w_log")), flat(ref.w), "w");
    close(numbers(value("b_log")), flat(ref.b), "b");
    close(numbers(field(value("fit_log"), "loss")), flat(ref.loss), "loss", 1e-8);
    close(numbers(value("p2")), flat(ref.p), "p");
  });

  it("the softmax classifier, with plain steps and with the notes' momentum", () => {
    const ref = reference.softmax;
    close(numbers(value("W_fit")), flat(ref.W), "W");
    close(numbers(value("b_fit")), flat(ref.b), "b");
    close(numbers(field(value("fit_soft"), "loss")), flat(ref.loss), "loss", 1e-8);
    close(numbers(value("P3")), flat(ref.P), "P");
    const momentum = shown[shown.length - 1];
    close(numbers(field(momentum, "loss")), flat(reference.momentum.loss), "momentum loss", 1e-8);
  });
});
