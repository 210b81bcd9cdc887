// Training on the user's own data and with any loss of the loss table: `train net on (X, y)` with
// X a matrix of samples (one per row) and y their targets, and `loss = mae`, `loss = huber(2)`, ….
import { MathFailure } from "../errors.js";
import { apply, float, sym, tensor } from "../graph/construct.js";
import type { Node } from "../graph/node.js";
import { floatValue } from "../graph/evalf.js";
import { isHeldFloat } from "../graph/numeric-value.js";
import { toPretty } from "../graph/print/forms.js";
import { reserveEntries } from "../budget.js";
import { showShape } from "../graph/shape.js";
import { LOSSES, lookupOperator } from "../graph/operators.js";
import type { Dataset } from "../nn/datasets.js";
import type { Loss, SampleLoss } from "../nn/network.js";
import type { Expr, Span } from "../syntax/ast.js";
import { differentiate } from "./differentiate.js";
import { scalarKernel } from "./scalar-kernel.js";

const fail = (message: string, span: Span) => new MathFailure("shape", message, span);

/** The entries of a data array as floats: every one a finite number, or an error naming the entry. */
function numbers(value: Node, what: string, span: Span): Float64Array {
  const entries = value.kind === "tensor" ? value.entries : [value];
  const columns = value.shape.length === 2 ? (value.shape[1] as number) : 1;
  reserveEntries(entries.length, `the data ${what}`);
  const out = new Float64Array(entries.length);
  entries.forEach((e, i) => {
    const v = floatValue(e);
    const where =
      value.shape.length === 2 ? `${what}[${Math.floor(i / columns) + 1}, ${(i % columns) + 1}]` : `${what}[${i + 1}]`;
    if (v === null && isHeldFloat(e))
      throw new MathFailure(
        "math",
        `${where} is ${toPretty(e)}, outside double precision: the data must be doubles`,
        span,
      );
    if (v === null) throw new MathFailure("math", `${where} is not a number: the data must be numbers`, span);
    if (!Number.isFinite(v)) throw new MathFailure("math", `${where} is ${v}: the data must be finite numbers`, span);
    out[i] = v;
  });
  return out;
}

/**
 * (X, y) as a data set: X a matrix with one sample per row (a vector is one feature per sample), y a
 * vector of targets (one per sample) or a matrix of them (one row per sample, e.g. one-hot).
 */
export function datasetFromArrays(X: Node, y: Node, spans: { X: Span; y: Span }): Dataset {
  if (X.kind !== "tensor" || X.shape.length > 2)
    throw fail(
      `X must be a matrix with one sample per row (or a vector, one feature per sample), not ${X.shape.length ? `a ${showShape(X.shape)}` : "a number"}`,
      spans.X,
    );
  if (y.kind !== "tensor" || y.shape.length > 2)
    throw fail(
      `y must be a vector with one target per sample (or a matrix, one row per sample), not ${y.shape.length ? `a ${showShape(y.shape)}` : "a number"}`,
      spans.y,
    );
  const samples = X.shape[0] as number;
  const features = X.shape.length === 2 ? (X.shape[1] as number) : 1;
  const outputs = y.shape.length === 2 ? (y.shape[1] as number) : 1;
  if ((y.shape[0] as number) !== samples)
    throw fail(
      `y has ${y.shape[0]} ${y.shape.length === 2 ? "rows" : "entries"} but X has ${samples} samples (one per row): give one target per sample`,
      spans.y,
    );
  const Xs = numbers(X, "X", spans.X);
  const ys = numbers(y, "y", spans.y);
  // Classes when the targets are labels: 0/1 in one column, or one-hot rows.
  let classes = 0;
  if (outputs === 1 && ys.every((v) => v === 0 || v === 1)) classes = 2;
  else if (outputs > 1) {
    let oneHot = true;
    for (let r = 0; r < samples && oneHot; r++) {
      const row = ys.subarray(r * outputs, (r + 1) * outputs);
      oneHot = row.every((v) => v === 0 || v === 1) && row.reduce((s, v) => s + v, 0) === 1;
    }
    if (oneHot) classes = outputs;
  }
  return { name: "(X, y)", X: Xs, y: ys, samples, features, outputs, classes };
}

/** sparse_cce's targets are class numbers (1-based, as the loss table's row): one-hot rows for training. */
export function oneHotTargets(data: Dataset, width: number, span: Span): Dataset {
  if (data.outputs !== 1)
    throw new MathFailure("math", "sparse_cce needs one class number per sample (1-based), not rows of targets", span);
  const y = new Float64Array(data.samples * width);
  data.y.forEach((k, r) => {
    if (!Number.isInteger(k) || k < 1 || k > width)
      throw new MathFailure(
        "math",
        `sparse_cce needs class numbers 1..${width}, and sample ${r + 1} has ${k} (use onehot(labels, ${width}) and cce for 0-based labels)`,
        span,
      );
    y[r * width + k - 1] = 1;
  });
  return { ...data, y, outputs: width, classes: width };
}

export const LOSS_NAMES = LOSSES.map((l) => l.name);

/**
 * The loss of `loss = …`: mse, bce and cce have the fast path of nn/network.ts; every other row of
 * the loss table is compiled for one sample of `width` outputs: its value and its gradient in the
 * prediction, from the row's own formula and derivative.
 */
export function lossFrom(option: Expr, width: number): Loss {
  const name = option.kind === "name" ? option.name : option.kind === "call" ? option.callee : "";
  const row = lookupOperator(name);
  if (!row || !LOSS_NAMES.includes(row.name))
    throw new MathFailure("math", `loss = ${LOSS_NAMES.join(", ")} (huber(δ) with its threshold)`, option.span);
  const extra: Node[] = [];
  if (option.kind === "call") {
    for (const a of option.args) {
      const v = a.kind === "number" ? Number(a.text) : NaN;
      if (!Number.isFinite(v))
        throw new MathFailure("math", `${row.name}'s setting must be a number, as in huber(1.5)`, a.span);
      extra.push(float(v));
    }
    if (2 + extra.length > row.arity[1])
      throw new MathFailure("math", `${row.name} takes no setting: write loss = ${row.name}`, option.span);
  }
  if (row.name === "mse" || row.name === "bce" || row.name === "cce") return row.name;
  if (row.name === "sparse_cce") return "cce";
  return compiledLoss(row.name, width, extra);
}

function compiledLoss(name: string, width: number, extra: Node[]): SampleLoss {
  const ys = Array.from({ length: width }, (_, i) => sym(`y_${i + 1}`));
  const ps = Array.from({ length: width }, (_, i) => sym(`ŷ_${i + 1}`));
  const pack = (v: Node[]) => (width === 1 ? v[0] : tensor([width], v));
  const expr = apply(name, [pack(ys), pack(ps), ...extra]);
  const vars = [...ys, ...ps];
  const value = scalarKernel(expr, vars);
  const grads = ps.map((p) => scalarKernel(differentiate(expr, p), vars));
  return {
    name,
    value: (y, p) => {
      const v = value([...y, ...p]);
      // 0 · ln 0 is 0 by convention (kl against one-hot targets): entries of y that are 0 drop out.
      return Number.isNaN(v) ? value([...Array.from(y, (t) => (t === 0 ? 1e-300 : t)), ...p]) : v;
    },
    gradient: (y, p, out) => {
      const xs = [...y, ...p];
      grads.forEach((g, i) => (out[i] = g(xs)));
    },
  };
}
