// Loss functions, written out in elementary functions so that their derivatives come from the rules
// of those functions: (true value, prediction) first, then any parameter. On vectors they average
// (mse, mae, huber, logcosh, bce, hinge) or sum (cce, kl) over the entries, as Keras does.
import { mathError, shapeError } from "../../errors.js";
import { HALF, ONE, ZERO, add, addAll, div, int, mul, mulAll, neg, pow, sub, sym } from "../primitives.js";
import type { Node } from "../node.js";
import { isScalar, sameShape, showShape, type Shape } from "../shape.js";
import type { Build, OperatorEntry } from "./entry.js";

function pairs(name: string, y: Node, p: Node): [Node, Node][] | undefined {
  if (!sameShape(y.shape, p.shape))
    throw shapeError(
      `${name} needs a true value and a prediction of one shape, not a ${showShape(y.shape)} and a ${showShape(p.shape)}`,
    );
  if (isScalar(y.shape)) return [[y, p]];
  if (y.kind === "tensor" && p.kind === "tensor") return y.entries.map((e, i) => [e, p.entries[i]]);
  return undefined;
}

/** The number of entries of a shape: a number, or a product of its dimensions' names. */
function entries(shape: Shape): Node {
  return mulAll(shape.map((d) => (typeof d === "number" ? int(d) : sym(d))));
}

function mean(terms: Node[]): Node {
  return div(addAll(terms), int(terms.length));
}

function loss(
  { apply }: Build,
  name: string,
  help: string,
  example: string,
  each: (y: Node, p: Node, k?: Node) => Node,
  reduce: "mean" | "sum",
  arity: [number, number] = [2, 2],
): OperatorEntry {
  return {
    name,
    arity,
    fold: ([y, p, k]) => {
      const ps = pairs(name, y, p);
      if (!ps) {
        // Symbolic arrays (y, ŷ ∈ ℝ^n): the same formula entry by entry, summed or averaged over the n entries.
        const total = apply("sum", [each(y, p, k)]);
        return reduce === "mean" ? div(total, entries(y.shape)) : total;
      }
      const terms = ps.map(([a, b]) => each(a, b, k));
      return reduce === "mean" ? mean(terms) : addAll(terms);
    },
    help: { syntax: `${name}(y, ŷ${arity[1] > 2 ? ", δ" : ""})`, description: help, examples: [example] },
  };
}

export function lossRows(build: Build): OperatorEntry[] {
  const { apply } = build;
  const log = (x: Node) => apply("log", [x]);
  const abs = (x: Node) => apply("abs", [x]);
  const step = (x: Node) => apply("step", [x]);
  return [
    loss(
      build,
      "mse",
      "Mean squared error: the mean of (y − ŷ)².",
      "mse([1, 2], [1.5, 1])",
      (y, p) => pow(sub(y, p), int(2)),
      "mean",
    ),
    loss(
      build,
      "mae",
      "Mean absolute error: the mean of |y − ŷ|.",
      "mae([1, 2], [1.5, 1])",
      (y, p) => abs(sub(y, p)),
      "mean",
    ),
    loss(
      build,
      "huber",
      "Huber loss with threshold δ (default 1): ½a² for |a| ≤ δ, δ(|a| − ½δ) beyond, a = y − ŷ.",
      "huber(0, 3, 1)",
      (y, p, d) => {
        const delta = d ?? ONE;
        const a = sub(y, p);
        if (a.kind === "num" && delta.kind === "num") {
          return a.value.abs().compare(delta.value) <= 0
            ? mul(HALF, pow(a, int(2)))
            : mul(delta, sub(abs(a), mul(HALF, delta)));
        }
        return add(
          mul(HALF, pow(a, int(2)), step(sub(delta, abs(a)))),
          mul(delta, sub(abs(a), mul(HALF, delta)), step(sub(abs(a), delta))),
        );
      },
      "mean",
      [2, 3],
    ),
    loss(
      build,
      "logcosh",
      "Log-cosh loss: the mean of ln cosh(ŷ − y).",
      "logcosh(0, 1)",
      (y, p) => log(apply("cosh", [sub(p, y)])),
      "mean",
    ),
    loss(
      build,
      "bce",
      "Binary cross-entropy: −(y ln p + (1 − y) ln(1 − p)); with p = σ(z), ∂L/∂z = p − y.",
      "bce(1, 0.9)",
      (y, p) => neg(add(mul(y, log(p)), mul(sub(ONE, y), log(sub(ONE, p))))),
      "mean",
    ),
    loss(
      build,
      "cce",
      "Categorical cross-entropy: −Σ yᵢ ln pᵢ; with p = softmax(z), ∂L/∂z = p − y.",
      "cce([0, 1, 0], [0.2, 0.7, 0.1])",
      (y, p) => (y === ZERO ? ZERO : neg(mul(y, log(p)))),
      "sum",
    ),
    {
      name: "sparse_cce",
      arity: [2, 2],
      fold: ([k, p]) => {
        if (p.kind !== "tensor" || p.shape.length !== 1) return undefined;
        if (k.kind !== "num" || !k.value.isInteger())
          throw mathError("sparse_cce needs the class as a whole number (1-based)");
        const i = Number(k.value.num);
        if (i < 1 || i > p.shape[0]) throw shapeError(`class ${i} is out of range 1..${p.shape[0]}`);
        return neg(log(p.entries[i - 1]));
      },
      help: {
        syntax: "sparse_cce(k, p)",
        description: "Cross-entropy with the true class given by its number k (1-based): −ln p_k.",
        examples: ["sparse_cce(2, [0.2, 0.7, 0.1])"],
      },
    },
    loss(
      build,
      "kl",
      "Kullback–Leibler divergence Σ pᵢ ln(pᵢ/qᵢ).",
      "kl([1/2, 1/2], [1/4, 3/4])",
      (p, q) => (p === ZERO ? ZERO : mul(p, log(div(p, q)))),
      "sum",
    ),
    loss(
      build,
      "wasserstein",
      "Wasserstein (WGAN critic) loss: the mean of y·ŷ for labels y = ±1 and critic scores ŷ (as Keras writes it); ∂L/∂ŷ = y/n.",
      "wasserstein([1, -1], [0.8, 0.3])",
      (y, p) => mul(y, p),
      "mean",
    ),
    loss(
      build,
      "hinge",
      "Hinge loss max(0, 1 − y·s) for labels y = ±1 and scores s (mean over entries).",
      "hinge(1, 0.3)",
      (y, s) => apply("relu", [sub(ONE, mul(y, s))]),
      "mean",
    ),
  ];
}
