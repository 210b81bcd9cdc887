// Statistics of data and class labels. A data matrix holds one sample per row (features in columns);
// a vector is the samples of one variable. Exact on exact data: the mean of [1, 2] is 3/2. Class
// labels are 0-based, as in the course notes' one-hot table (indices into arrays stay 1-based).
import { mathError, shapeError } from "../../errors.js";
import { ONE, ZERO, add, addAll, div, int, mul, pow, sqrt, sub, sym, tensor } from "../primitives.js";
import type { Node, Tensor } from "../node.js";
import { isScalar, showShape, type Shape } from "../shape.js";
import type { Build, OperatorEntry } from "./entry.js";
import { fromRows, rowsOf } from "./arrays.js";
import { reserveEntries } from "../../budget.js";

/** The columns of a data set: one per feature, each the list of its samples. */
function columnsOf(name: string, t: Tensor): Node[][] {
  if (t.shape.length === 1) return [t.entries.slice()];
  if (t.shape.length !== 2)
    throw shapeError(`${name} needs a vector or a data matrix (one sample per row), not a ${showShape(t.shape)}`);
  const rows = rowsOf(t);
  return rows[0].map((_, j) => rows.map((row) => row[j]));
}

function samplesShape(name: string, shape: Shape): void {
  if (shape.length !== 1 && shape.length !== 2)
    throw shapeError(`${name} needs a vector or a data matrix (one sample per row), not a ${showShape(shape)}`);
}

/** A vector's statistic is a number, a data matrix's a vector with one entry per column. */
function perColumnShape(name: string): (args: Shape[]) => Shape {
  return ([a]) => {
    samplesShape(name, a);
    return a.length === 1 ? [] : [a[1]];
  };
}

function perColumn(t: Tensor, name: string, of: (column: Node[]) => Node): Node {
  const values = columnsOf(name, t).map(of);
  return t.shape.length === 1 ? values[0] : tensor([values.length], values);
}

function meanOf(xs: Node[]): Node {
  return div(addAll(xs), int(xs.length));
}

/** The sample variance, Σ(xᵢ − x̄)²/(n − ddof); ddof = 1 unless asked otherwise. */
function varianceOf(xs: Node[], ddof: number): Node {
  if (xs.length - ddof <= 0)
    throw mathError(
      `the variance of ${xs.length} sample${xs.length === 1 ? "" : "s"} with ddof = ${ddof} is undefined`,
    );
  const m = meanOf(xs);
  return div(addAll(xs.map((x) => pow(sub(x, m), int(2)))), int(xs.length - ddof));
}

function covarianceOf(xs: Node[], ys: Node[]): Node {
  if (xs.length !== ys.length)
    throw shapeError(`cov needs two variables with as many samples, not ${xs.length} and ${ys.length}`);
  if (xs.length < 2) throw mathError("the sample covariance needs at least two samples");
  const mx = meanOf(xs);
  const my = meanOf(ys);
  return div(addAll(xs.map((x, i) => mul(sub(x, mx), sub(ys[i], my)))), int(xs.length - 1));
}

function ddofOf(d: Node | undefined): number {
  if (d === undefined) return 1;
  if (d.kind !== "num" || !d.value.isInteger() || d.value.num < 0n || d.value.num > 1n)
    throw mathError("ddof is 0 (population) or 1 (sample)");
  return Number(d.value.num);
}

function label(name: string, n: Node, classes: number): number {
  if (n.kind !== "num" || !n.value.isInteger())
    throw mathError(
      `${name} needs whole-number class labels, not ${n.kind === "num" ? n.value.toString() : "a symbol"}`,
    );
  const k = Number(n.value.num);
  if (k < 0 || k >= classes) throw mathError(`class label ${k} is outside 0..${classes - 1}`);
  return k;
}

function classCount(n: Node): number {
  if (n.kind !== "num" || !n.value.isInteger() || n.value.num < 1n)
    throw mathError("the number of classes must be a whole number ≥ 1");
  return Number(n.value.num);
}

function oneHot(k: number, classes: number): Node[] {
  return Array.from({ length: classes }, (_, i) => (i === k ? ONE : ZERO));
}

/** The index (0-based) of the largest number; the first one on a tie. */
function largest({ evalf }: Build, name: string, xs: readonly Node[]): number {
  let best = -1;
  let bestValue = -Infinity;
  xs.forEach((x, i) => {
    // Exact reals (softmax's e^1/(e^1 + e^3 + e^2)) are compared by their values.
    const f = x.kind === "num" || x.kind === "float" ? x : evalf(x);
    if (f.kind !== "num" && f.kind !== "float") throw mathError(`${name} needs numbers`);
    const v = f.kind === "num" ? f.value.toNumber() : f.value;
    if (v > bestValue) [best, bestValue] = [i, v];
  });
  return best;
}

export function statisticsRows(build: Build): OperatorEntry[] {
  const { apply } = build;
  return [
    {
      name: "mean",
      arity: [1, 1],
      shape: perColumnShape("mean"),
      fold: ([x]) => {
        if (x.kind === "tensor") return perColumn(x, "mean", meanOf);
        // A symbolic vector x ∈ ℝ^n: sum(x)/n, which matrix calculus differentiates.
        if (x.shape.length === 1)
          return div(apply("sum", [x]), typeof x.shape[0] === "number" ? int(x.shape[0]) : sym(x.shape[0]));
        return undefined;
      },
      latex: ([x]) => `\\operatorname{mean}\\left(${x}\\right)`,
      help: {
        syntax: "mean(x), mean(X)",
        description: "The mean of a vector's entries, or the column means of a data matrix (one sample per row).",
        examples: ["mean([1, 2, 3, 4])", "mean([1, 2; 3, 4; 5, 9])"],
      },
    },
    {
      name: "var",
      arity: [1, 2],
      shape: perColumnShape("var"),
      fold: ([x, d]) => (x.kind === "tensor" ? perColumn(x, "var", (xs) => varianceOf(xs, ddofOf(d))) : undefined),
      latex: ([x]) => `\\operatorname{Var}\\left(${x}\\right)`,
      help: {
        syntax: "var(x), var(X), var(x, 0)",
        description:
          "The sample variance Σ(xᵢ − x̄)²/(n − 1) of a vector, or of each column of a data matrix; var(x, 0) divides by n (the population variance).",
        examples: ["var([2, 4, 4, 4, 5, 5, 7, 9])", "var([2, 4, 4, 4, 5, 5, 7, 9], 0)"],
      },
    },
    {
      name: "std",
      arity: [1, 2],
      shape: perColumnShape("std"),
      fold: ([x, d]) =>
        x.kind === "tensor" ? perColumn(x, "std", (xs) => sqrt(varianceOf(xs, ddofOf(d)))) : undefined,
      latex: ([x]) => `\\operatorname{std}\\left(${x}\\right)`,
      help: {
        syntax: "std(x), std(X), std(x, 0)",
        description: "The standard deviation: the square root of var (sample by default, population with 0).",
        examples: ["std([2, 4, 4, 4, 5, 5, 7, 9], 0)"],
      },
    },
    {
      name: "cummean",
      arity: [1, 1],
      shape: ([a]) => {
        if (a.length !== 1) throw shapeError(`cummean needs a vector of samples, not a ${showShape(a)}`);
        return a;
      },
      fold: ([x]) => {
        if (x.kind !== "tensor") return undefined;
        let total: Node = ZERO;
        return tensor(
          x.shape as number[],
          x.entries.map((e, k) => {
            total = add(total, e);
            return div(total, int(k + 1));
          }),
        );
      },
      latex: ([x]) => `\\operatorname{cummean}\\left(${x}\\right)`,
      help: {
        syntax: "cummean(x)",
        description:
          "The running means of a vector: the mean of its first k entries for k = 1, 2, …, n (empirical averages approaching the expectation, as the law of large numbers says).",
        examples: ["cummean([1, 0, 1, 1])", "plot(cummean(sample(Bernoulli(3/10), 500, seed = 1)), 3/10)"],
      },
    },
    {
      name: "cov",
      arity: [1, 2],
      shape: ([a, b]) => {
        samplesShape("cov", a);
        if (b !== undefined) return [];
        return a.length === 1 ? [] : [a[1], a[1]];
      },
      fold: ([x, y]) => {
        if (x.kind !== "tensor" || (y !== undefined && y.kind !== "tensor")) return undefined;
        if (y !== undefined) {
          if (x.shape.length !== 1 || y.shape.length !== 1) throw shapeError("cov(x, y) needs two vectors of samples");
          return covarianceOf(x.entries.slice(), (y as Tensor).entries.slice());
        }
        const columns = columnsOf("cov", x);
        if (x.shape.length === 1) return covarianceOf(columns[0], columns[0]);
        reserveEntries(columns.length * columns.length, "the covariance matrix");
        return fromRows(columns.map((a) => columns.map((b) => covarianceOf(a, b))));
      },
      latex: ([x, y]) => `\\operatorname{cov}\\left(${y === undefined ? x : `${x}, ${y}`}\\right)`,
      help: {
        syntax: "cov(X), cov(x, y)",
        description:
          "The sample covariance matrix (divided by n − 1) of a data matrix with one sample per row, or the covariance of two vectors of samples.",
        examples: ["cov([1, 2; 2, 4; 3, 7])", "cov([1, 2, 3], [2, 4, 7])"],
      },
    },
    {
      name: "center",
      arity: [1, 1],
      shape: ([a]) => {
        samplesShape("center", a);
        return a;
      },
      fold: ([x]) => {
        if (x.kind !== "tensor") return undefined;
        const columns = columnsOf("center", x);
        const means = columns.map(meanOf);
        if (x.shape.length === 1)
          return tensor(
            x.shape as number[],
            x.entries.map((e) => sub(e, means[0])),
          );
        return fromRows(rowsOf(x).map((row) => row.map((e, j) => sub(e, means[j]))));
      },
      latex: ([x]) => `\\operatorname{center}\\left(${x}\\right)`,
      help: {
        syntax: "center(X)",
        description: "The data with each column's mean subtracted (the first step of PCA).",
        examples: ["center([1, 2; 3, 4; 5, 9])"],
      },
    },
    {
      name: "polyfeatures",
      arity: [2, 2],
      shape: ([x, d]) => {
        if (x.length !== 1 || !isScalar(d))
          throw shapeError(`polyfeatures needs a vector of inputs and a degree, not a ${showShape(x)}`);
        return [x[0], "d"];
      },
      fold: ([x, d]) => {
        if (d.kind !== "num" || !d.value.isInteger() || d.value.num < 0n || d.value.num > 50n)
          throw mathError("polyfeatures' degree is a whole number from 0 to 50");
        if (x.kind !== "tensor") throw mathError("polyfeatures needs the inputs as a vector of values");
        const degree = Number(d.value.num);
        reserveEntries(x.entries.length * (degree + 1), "the polynomial features");
        return tensor(
          [x.entries.length, degree + 1],
          x.entries.flatMap((xi) => Array.from({ length: degree + 1 }, (_, k) => pow(xi, int(k)))),
        );
      },
      help: {
        syntax: "polyfeatures(x, d)",
        description:
          "The polynomial features [1, xᵢ, xᵢ², …, xᵢᵈ] of each input, one row per sample: the design matrix of a degree-d least-squares fit.",
        examples: ["polyfeatures([1, 2, 3], 2)"],
      },
    },
    {
      name: "onehot",
      aliases: ["one_hot"],
      arity: [2, 2],
      shape: ([l, k]) => {
        if (!isScalar(k)) throw shapeError("onehot's second argument is the number of classes");
        if (!isScalar(l) && l.length !== 1)
          throw shapeError(`onehot needs a label or a vector of labels, not a ${showShape(l)}`);
        // The result's size depends on the number of classes, a value: the fold below gives it.
        return [];
      },
      fold: ([labels, k]) => {
        const classes = classCount(k);
        reserveEntries(classes, "the one-hot vector");
        if (labels.kind === "num") return tensor([classes], oneHot(label("onehot", labels, classes), classes));
        if (labels.kind !== "tensor") throw mathError("onehot needs whole-number labels, not a symbol");
        reserveEntries(labels.shape[0] * classes, "the one-hot matrix");
        return fromRows(labels.entries.map((l) => oneHot(label("onehot", l, classes), classes)));
      },
      help: {
        syntax: "onehot(label, classes), onehot(labels, classes)",
        description:
          "One-hot encoding of 0-based class labels: onehot(2, 3) = [0, 0, 1]; a vector of labels gives one row per label.",
        examples: ["onehot(1, 3)", "onehot([0, 1, 2, 1], 3)"],
      },
    },
    {
      name: "argmax",
      arity: [1, 1],
      shape: ([a]) => {
        samplesShape("argmax", a);
        return a.length === 1 ? [] : [a[0]];
      },
      fold: ([x]) => {
        if (x.kind !== "tensor") return undefined;
        if (x.shape.length === 1) return int(largest(build, "argmax", x.entries));
        return tensor(
          [x.shape[0]],
          rowsOf(x).map((row) => int(largest(build, "argmax", row))),
        );
      },
      help: {
        syntax: "argmax(p), argmax(P)",
        description:
          "The 0-based class of the largest entry (the first on a tie), so argmax(onehot(k, n)) = k; of a matrix, the class of each row.",
        examples: ["argmax([0.2, 0.7, 0.1])", "argmax(onehot([2, 0], 3))"],
      },
    },
  ];
}
