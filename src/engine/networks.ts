// Layers, networks, data sets and training in the language: `layer h = dense(2 → 4, tanh)`,
// `net = h → out`, `params(net)`, `data = dataset("xor")`, `train net on data with adam(η = 0.05), …`,
// `accuracy(net, data)`, `perceptron(and)`, `backprop(net)` (the δ-form equations).
import { MathFailure, mathError, rethrowStop } from "../errors.js";
import { datasetFromArrays, lossFrom, oneHotTargets } from "./networks-data.js";
import {
  ONE,
  add,
  addAll,
  apply,
  float,
  int,
  mul,
  mulAll,
  neg,
  pow,
  str,
  struct,
  sub,
  sym,
  tuple,
} from "../graph/construct.js";
import { matrixGradient } from "./matrix-calculus.js";
import { substitute } from "./substitute.js";
import type { Node, Struct } from "../graph/node.js";
import type { Expr, Span } from "../syntax/ast.js";
import { defineActivation, isActivation, type ActivationName } from "../nn/activations.js";
import { lookupOperator } from "../graph/operators.js";
import { scalarKernel } from "./scalar-kernel.js";
import { dataset as makeDataset, DATASET_NAMES, type Dataset } from "../nn/datasets.js";
import { datasetFromCsv } from "../nn/csv.js";
import {
  forward,
  initialise,
  parameterCount,
  type Dense,
  type Initializer,
  type LayerSpec,
  type Loss,
} from "../nn/network.js";
import { DEFAULT_OPTIMIZER, type OptimizerName, type OptimizerSettings } from "../nn/optimizers.js";
import { perceptron as runPerceptron } from "../nn/perceptron.js";
import { Random } from "../nn/random.js";
import { accuracy as measureAccuracy, train as runTraining } from "../nn/train.js";
import type { Evaluation } from "./commands/entry.js";
import { optionNamed, unknownOption } from "./commands/dispatch.js";
import { OPTIMIZER_OPTIONS, TRAIN_SETTINGS } from "./commands/options.js";
import { floatValue } from "../graph/evalf.js";
import { refuseOverEntries } from "../budget.js";

let counter = 0;
const fieldOf = (s: Struct, name: string) => s.fields.find((f) => f.name === name)!.value;
const text = (n: Node) => (n.kind === "str" ? n.value : "");
const whole = (n: Node, what: string) => {
  if (n.kind !== "num" || !n.value.isInteger() || n.value.sign() <= 0)
    throw mathError(`${what} must be a positive whole number`);
  return Number(n.value.num);
};

/** A layer's description; `id` tells two layers of one shape apart (each dense(…) call is its own layer). */
export function layerStruct(spec: LayerSpec, id?: string): Struct {
  return struct("layer", [
    { name: "inputs", value: int(spec.inputs) },
    { name: "outputs", value: int(spec.outputs) },
    { name: "activation", value: str(spec.activation) },
    ...(id ? [{ name: "id", value: str(id) }] : []),
  ]);
}

/** The id of a layer made by dense(…), or "" for one without. */
export function layerIdOf(layer: Node): string {
  const id = layer.kind === "record" ? layer.fields.find((f) => f.name === "id")?.value : undefined;
  return id?.kind === "str" ? id.value : "";
}

/**
 * Whether a layer may use the activation, defining it for training first when it is a scalar
 * function of the operator table without a fast path: f is the row's float kernel, f′ its partial
 * derivative compiled to a float function.
 */
function definedActivation(name: string): boolean {
  if (isActivation(name)) return true;
  const row = lookupOperator(name);
  const f = row?.float;
  if (!row || row.name !== name || !f || !row.partials || row.arity[0] !== 1 || f.length !== 1) return false;
  const z = sym("z");
  const df = scalarKernel(row.partials([z])[0], [z]);
  defineActivation(name, { f: (x) => f(x), df: (x) => df([x]) });
  return true;
}

export function specOfLayer(layer: Node): LayerSpec {
  if (layer.kind !== "record" || layer.tag !== "layer")
    throw mathError("a network is made of layers: net = h1 → h2 → out");
  const activation = text(fieldOf(layer, "activation")) as ActivationName;
  if (!definedActivation(activation)) throw mathError(`unknown activation ${activation}`);
  return {
    inputs: Number((fieldOf(layer, "inputs") as { value: { num: bigint } }).value.num),
    outputs: Number((fieldOf(layer, "outputs") as { value: { num: bigint } }).value.num),
    activation,
  };
}

export function layersOf(net: Node): LayerSpec[] {
  if (net.kind === "record" && net.tag === "network")
    return (fieldOf(net, "layers") as Node & { kind: "tuple" }).items.map(specOfLayer);
  if (net.kind === "record" && net.tag === "layer") return [specOfLayer(net)];
  throw mathError("that is not a network");
}

/** The layers of a network (or the one layer), as the values `layer h = …` made. */
export function layerNodes(net: Node): Node[] {
  if (net.kind === "record" && net.tag === "network")
    return [...(fieldOf(net, "layers") as Node & { kind: "tuple" }).items];
  if (net.kind === "record" && net.tag === "layer") return [net];
  throw mathError("that is not a network");
}

/** `dense(784 → 128, relu)`. */
export function dense(args: Expr[], ev: Evaluation): Node {
  const [shape, act] = args;
  if (!shape || shape.kind !== "arrow" || shape.items.length !== 2)
    throw mathError("write dense(inputs → outputs, activation), as in dense(784 → 128, relu)");
  const [inputs, outputs] = shape.items.map((e, i) =>
    whole(ev.expr(e), i === 0 ? "the number of inputs" : "the number of outputs"),
  );
  const name = act ? (act.kind === "name" ? act.name : act.kind === "call" ? act.callee : "") : "identity";
  // Any scalar function of the operator table, by any of its names (σ is sigmoid); linear is identity.
  const activation = name === "linear" || name === "identity" ? "identity" : (lookupOperator(name)?.name ?? name);
  if (!definedActivation(activation))
    throw mathError(
      `unknown activation ${name}: use identity, softmax or a function of one number such as relu, sigmoid, tanh, softplus, hardtanh`,
    );
  // Refused here, not when trained: a layer its weights cannot be made for is no layer.
  refuseOverEntries(inputs * outputs, `the weights of a ${inputs} → ${outputs} layer`);
  return layerStruct({ inputs, outputs, activation }, `layer${++counter}`);
}

/** `h1 → h2 → out`: shapes must chain. */
export function network(items: Node[]): Node {
  const layers = items.flatMap(layerNodes);
  const specs = layers.map(specOfLayer);
  specs.slice(1).forEach((s, i) => {
    if (s.inputs !== specs[i].outputs)
      throw mathError(`layer ${i + 2} takes ${s.inputs} inputs but layer ${i + 1} gives ${specs[i].outputs}`);
  });
  refuseOverEntries(parameterCount(specs), `the network's parameters`);
  return struct("network", [
    { name: "layers", value: tuple(layers) },
    { name: "id", value: str(`net${++counter}`) },
    { name: "parameters", value: int(parameterCount(specs)) },
  ]);
}

export function isNetworkNode(n: Node): boolean {
  return n.kind === "record" && (n.tag === "network" || n.tag === "layer");
}

/** A network's id; a single layer trained on its own is a network of one layer, under the layer's id. */
function networkId(net: Node): string {
  if (net.kind === "record" && net.tag === "layer" && layerIdOf(net)) return `net-${layerIdOf(net)}`;
  if (net.kind !== "record" || net.tag !== "network")
    throw mathError("train a network made with →, as in net = h1 → out, or a layer made with dense(…)");
  return text(fieldOf(net, "id"));
}

/** Weights that training has set (not only initialised). */
const TRAINED = new WeakSet<Dense[]>();

/** The network trained last comes last, so that out.W reads the weights of the last training of its layer. */
function markTrained(ev: Evaluation, net: Node, layers: Dense[]): void {
  const id = networkId(net);
  TRAINED.add(layers);
  ev.env.models.delete(id);
  ev.env.models.set(id, layers);
}

export function isTrained(model: Dense[]): boolean {
  return TRAINED.has(model);
}

/** The network's weights, if it has any yet. */
export function networkModel(net: Node, env: Evaluation["env"]): Dense[] | undefined {
  return env.models.get(networkId(net));
}

/** `dataset("moons", n = 200, seed = 1, noise = 0.1)`: the options come checked and defaulted by the command table. */
export function datasetNode(args: Expr[], opts: ReadonlyMap<string, Node>, ev: Evaluation): Node {
  const name = args[0]?.kind === "string" ? args[0].value : args[0]?.kind === "name" ? args[0].name : "";
  if (!DATASET_NAMES.includes(name))
    throw mathError(`unknown data set ${name || "(none)"}: try ${DATASET_NAMES.join(", ")}`);
  const n = whole(opts.get("n")!, "n");
  const seed = whole(opts.get("seed")!, "seed");
  const noise = floatValue(opts.get("noise")!) ?? 0.1;
  const data = makeDataset(name, n, seed, noise);
  const id = `data${++counter}`;
  ev.env.datasets.set(id, data);
  return struct("dataset", [
    { name: "name", value: str(name) },
    { name: "samples", value: int(data.samples) },
    { name: "features", value: int(data.features) },
    { name: "classes", value: int(data.classes) },
    { name: "id", value: str(id) },
  ]);
}

/** `load("file.csv")`: a data set from a CSV file, where the session may read files. */
export function loadNode(args: Expr[], ev: Evaluation): Node {
  const path = args[0]?.kind === "string" ? args[0].value : null;
  if (!path || args.length !== 1) throw mathError('write load("file.csv")');
  if (!ev.env.readFile) throw mathError("this session cannot read files (a graded notebook has no file access)");
  let data: Dataset;
  try {
    data = datasetFromCsv(path, ev.env.readFile(path));
  } catch (err) {
    rethrowStop(err);
    throw mathError(`cannot load ${path}: ${(err as Error).message}`);
  }
  const id = `data${++counter}`;
  ev.env.datasets.set(id, data);
  return struct("dataset", [
    { name: "name", value: str(path) },
    { name: "samples", value: int(data.samples) },
    { name: "features", value: int(data.features) },
    { name: "classes", value: int(data.classes) },
    { name: "id", value: str(id) },
  ]);
}

function dataOf(n: Node, ev: Evaluation): Dataset {
  if (n.kind === "record" && n.tag === "dataset") return ev.env.datasets.get(text(fieldOf(n, "id")))!;
  throw mathError('train on a data set: data = dataset("xor")');
}

function weights(ev: Evaluation, net: Node, seed: number, init: Initializer = "auto"): Dense[] {
  const id = networkId(net);
  let model = ev.env.models.get(id);
  if (!model) {
    model = initialise(layersOf(net), new Random(seed), init);
    layerNodes(net).forEach((layer, l) => (model![l].layer = layerIdOf(layer)));
    ev.env.models.set(id, model);
  }
  return model;
}

export function trainStatement(
  netExpr: Expr,
  dataExpr: Expr,
  options: Expr[],
  ev: Evaluation,
  targetsExpr: Expr | null = null,
): Node {
  const net = ev.expr(netExpr);
  const specs = layersOf(net);
  const width = specs[specs.length - 1].outputs;
  let data = targetsExpr
    ? datasetFromArrays(ev.expr(dataExpr), ev.expr(targetsExpr), { X: dataExpr.span, y: targetsExpr.span })
    : dataOf(ev.expr(dataExpr), ev);
  const lossOption = options.find((o) => o.kind === "relation" && o.left.kind === "name" && o.left.name === "loss");
  const lossExpr = lossOption?.kind === "relation" ? lossOption.right : null;
  if (
    lossExpr &&
    (lossExpr.kind === "name" || lossExpr.kind === "call") &&
    (lossExpr.kind === "name" ? lossExpr.name : lossExpr.callee) === "sparse_cce"
  )
    data = oneHotTargets(data, width, targetsExpr?.span ?? dataExpr.span);
  const where = targetsExpr ?? dataExpr;
  if (specs[0].inputs !== data.features)
    throw new MathFailure(
      "shape",
      `the network takes ${specs[0].inputs} input${specs[0].inputs === 1 ? "" : "s"} but the data has ${data.features} feature${data.features === 1 ? "" : "s"}${targetsExpr ? " (columns of X)" : ""}`,
      dataExpr.span,
    );
  if (width !== data.outputs)
    throw new MathFailure(
      "shape",
      `the network gives ${width} output${width === 1 ? "" : "s"} but the data has ${data.outputs} target${data.outputs === 1 ? "" : "s"} per sample${width > 1 && data.outputs === 1 ? ` (for class labels use onehot(y, ${width}) or loss = sparse_cce)` : ""}`,
      where.span,
    );
  const settings: OptimizerSettings = { ...DEFAULT_OPTIMIZER };
  const numbers = new Map<string, number>();
  let init: Initializer = "auto";
  let lossName: Loss =
    specs[specs.length - 1].activation === "softmax"
      ? "cce"
      : specs[specs.length - 1].activation === "sigmoid"
        ? "bce"
        : "mse";
  for (const o of options) {
    if (o.kind === "call" && Object.hasOwn(OPTIMIZER_OPTIONS, o.callee)) {
      settings.name = o.callee as OptimizerName;
      if (o.callee === "rmsprop") settings.beta1 = 0.9;
      const accepted = OPTIMIZER_OPTIONS[o.callee as OptimizerName];
      for (const a of o.args) {
        if (a.kind !== "relation" || a.op !== "=" || a.left.kind !== "name")
          throw mathError(`write the optimizer's settings by name, as in ${o.callee}(η = 0.01)`);
        const option = optionNamed(accepted, a.left.name);
        if (!option) throw unknownOption(o.callee, accepted, a.left.name);
        const v = floatValue(ev.expr(a.right));
        if (v === null) throw mathError(`${o.callee}'s ${option.name} must be a number`);
        const key = option.name;
        if (key === "η") settings.eta = v;
        else if (key === "γ") settings.gamma = v;
        else if (key === "β_1" || key === "β") settings.beta1 = v;
        else if (key === "β_2") settings.beta2 = v;
        else if (key === "ε") settings.epsilon = v;
      }
    } else if (o.kind === "relation" && o.left.kind === "name") {
      if (o.left.name === "init") {
        const name = o.right.kind === "string" ? o.right.value : o.right.kind === "name" ? o.right.name : "";
        if (!["he", "xavier", "gaussian", "zeros"].includes(name))
          throw mathError('init = "he", "xavier", "gaussian" or "zeros"');
        init = name as Initializer;
      } else if (o.left.name === "loss") {
        lossName = lossFrom(o.right, width);
      } else {
        const setting = optionNamed(TRAIN_SETTINGS, o.left.name);
        if (!setting) throw unknownOption("train", TRAIN_SETTINGS, o.left.name);
        const v = floatValue(ev.expr(o.right));
        if (v === null) throw mathError(`${setting.name} must be a number`);
        numbers.set(setting.name, v);
      }
    } else
      throw mathError("train options are an optimizer (adam(η = 0.01)) and settings such as epochs = 500, batch = 4");
  }
  refuseImpossibleTargets(lossName, data, where.span);
  settings.l1 = numbers.get("l1") ?? 0;
  settings.l2 = numbers.get("l2") ?? 0;
  const epochs = numbers.get("epochs") ?? 100;
  // A whole number of at least 1 each: batch = 0 would never finish an epoch.
  for (const setting of ["epochs", "batch"])
    if (numbers.has(setting) && !(Number.isInteger(numbers.get(setting)) && numbers.get(setting)! >= 1))
      throw new MathFailure(
        "math",
        `${setting} must be a whole number of at least 1, not ${numbers.get(setting)}`,
        options.find(
          (o) =>
            o.kind === "relation" &&
            o.left.kind === "name" &&
            optionNamed(TRAIN_SETTINGS, o.left.name)?.name === setting,
        )?.span ?? null,
      );
  const seed = numbers.get("seed") ?? 1;
  const layers = weights(ev, net, seed, init);
  const displayId = `nabla-train-${++counter}`;
  ev.env.emit({ kind: "display", text: `training: epoch 0 of ${epochs}`, displayId });
  // Shown every 1/20 of the epochs, and at least once a second when epochs are slow, within an epoch too.
  const every = Math.max(1, Math.floor(epochs / 20));
  let shown = Date.now();
  // Marked before the first step: an interrupted run leaves the weights it reached, and out.W reads them.
  markTrained(ev, net, layers);
  const result = runTraining(layers, data, {
    epochs,
    batch: numbers.get("batch") ?? data.samples,
    optimizer: settings,
    loss: lossName,
    seed,
    validation: numbers.get("validation") ?? 0,
    dropout: numbers.get("dropout") ?? 0,
    patience: numbers.get("patience") ?? 0,
    onEpoch: (epoch, trainLoss, valLoss) => {
      if (epoch % every === 0 || epoch === epochs || Date.now() - shown >= 1000) {
        shown = Date.now();
        ev.env.emit({
          kind: "display",
          text: `training: epoch ${epoch} of ${epochs}, loss ${trainLoss.toPrecision(4)}${valLoss === null ? "" : `, validation ${valLoss.toPrecision(4)}`}`,
          displayId,
          update: true,
        });
      }
    },
    onBatch: (epoch, batch, batches) => {
      if (batch === batches || Date.now() - shown < 1000) return;
      shown = Date.now();
      ev.env.emit({
        kind: "display",
        text: `training: epoch ${epoch} of ${epochs}, batch ${batch} of ${batches}`,
        displayId,
        update: true,
      });
    },
  });
  const broken = result.history.loss.findIndex((v) => !Number.isFinite(v));
  if (broken >= 0)
    throw mathError(
      `the training loss became ${result.history.loss[broken]} at epoch ${broken + 1}: an activation or loss left its domain (${specs.map((s) => s.activation).join(", ")}; log, sqrt and the like are not defined for every input) or the steps diverged (try a smaller learning rate)`,
    );
  return struct("training", [
    { name: "epochs", value: int(result.epochs) },
    { name: "loss", value: float(result.history.loss[result.history.loss.length - 1]) },
    // Accuracy is a classifier's: targets that are labels (0/1, or one-hot rows).
    ...(data.classes > 0 ? [{ name: "accuracy", value: float(measureAccuracy(layers, data)) }] : []),
    { name: "stopped", value: str(result.stoppedEarly ? "early" : "") },
    { name: "history", value: tuple(result.history.loss.map(float)) },
    ...(result.history.validation.length
      ? [{ name: "validation", value: tuple(result.history.validation.map(float)) }]
      : []),
  ]);
}

export function accuracyOf(args: Expr[], ev: Evaluation): Node {
  if (args.length !== 2) throw mathError("write accuracy(net, data)");
  const net = ev.expr(args[0]);
  return float(measureAccuracy(weights(ev, net, 1), dataOf(ev.expr(args[1]), ev)));
}

export function perceptronOf(args: Expr[], eta: number, ev: Evaluation): Node {
  const target = args[0];
  const data =
    target?.kind === "name" && DATASET_NAMES.includes(target.name) && !ev.env.values.has(target.name)
      ? makeDataset(target.name)
      : dataOf(ev.expr(target), ev);
  const run = runPerceptron(data, eta);
  const lines = run.steps.map((s) =>
    str(
      `epoch ${s.epoch}: x = (${s.x.join(", ")}), y = ${s.y}, ŷ = ${s.prediction}${s.error ? `, error ${s.error > 0 ? "+" : ""}${s.error} → w = (${s.w.join(", ")}), b = ${s.b}` : ""}`,
    ),
  );
  return struct("perceptron", [
    { name: "steps", value: tuple(lines) },
    { name: "w", value: tuple(run.w.map((w) => float(w))) },
    { name: "b", value: float(run.b) },
    { name: "converged", value: str(run.converged ? "yes" : "no") },
  ]);
}

/** x − x ⊙ t² as x ⊙ (1 − t²): the factors every term of a sum shares, taken out. */
export function shareOut(n: Node): Node {
  if (n.kind !== "add") return n;
  const factorsOf = (t: Node): readonly Node[] => (t.kind === "mul" ? t.factors : [t]);
  const common = factorsOf(n.terms[0]).filter(
    (f) => f.kind !== "num" && n.terms.every((t) => factorsOf(t).includes(f)),
  );
  if (common.length === 0) return n;
  const rest = n.terms.map((t) => {
    const left = [...factorsOf(t)];
    for (const c of common) left.splice(left.indexOf(c), 1);
    return left.length ? mulAll(left) : ONE;
  });
  return mul(...common, addAll(rest));
}

/**
 * The δ-form equations of backpropagation, derived from the network's graph by matrix calculus:
 * zˡ = Wˡ aˡ⁻¹ + bˡ and aˡ = fˡ(zˡ) as shape-declared symbols, δᴸ = ∂ℓ/∂zᴸ of one sample's loss ℓ,
 * δˡ = ∂(δˡ⁺¹ · zˡ⁺¹)/∂zˡ, ∂L/∂Wˡ = ∂(δˡ · zˡ)/∂Wˡ and ∂L/∂bˡ = ∂(δˡ · zˡ)/∂bˡ, each written back
 * in the layer's own names (fˡ(zˡ) shown as aˡ).
 */
export function backpropOf(args: Expr[], ev: Evaluation): Node {
  const specs = layersOf(ev.expr(args[0]));
  const L = specs.length;
  const lossName =
    args[1]?.kind === "name"
      ? args[1].name
      : specs[L - 1].activation === "softmax"
        ? "cce"
        : specs[L - 1].activation === "sigmoid"
          ? "bce"
          : "mse";
  if (lossName !== "cce" && lossName !== "bce" && lossName !== "mse")
    throw mathError(`backprop knows the losses cce, bce and mse, not ${lossName}`);
  const width = (l: number) => (l === 0 ? specs[0].inputs : specs[l - 1].outputs);
  const named = (name: string, l: number, shape: number[]) => sym(`${name}^${l}`, shape);
  // A layer of one unit has scalar z, a, b and δ (and a row of weights).
  const column = (l: number) => (width(l) === 1 ? [] : [width(l)]);
  const z = (l: number) => named("z", l, column(l));
  const a = (l: number) => named("a", l, column(l));
  const W = (l: number) => named("W", l, [width(l), width(l - 1)]);
  const b = (l: number) => named("b", l, column(l));
  const delta = (l: number) => named("δ", l, column(l));
  const f = (l: number, x: Node) => (specs[l - 1].activation === "identity" ? x : apply(specs[l - 1].activation, [x]));
  // Shown in the layer's names (fˡ(zˡ) is aˡ), with what every term shares taken out.
  const named_ = (n: Node, l: number) => shareOut(substitute(n, new Map([[f(l, z(l)), a(l)]])));
  const y = sym("y", column(L));
  const out = f(L, z(L));
  const loss =
    lossName === "cce"
      ? neg(apply("sum", [mul(y, apply("log", [out]))]))
      : lossName === "bce"
        ? neg(apply("sum", [add(mul(y, apply("log", [out])), mul(sub(ONE, y), apply("log", [sub(ONE, out)])))]))
        : apply("sum", [pow(sub(out, y), int(2))]);
  const pairing = (u: Node, v: Node) => (u.shape.length === 0 ? mul(u, v) : apply("dot", [u, v]));
  // y is one-hot for cross-entropy: its entries sum to 1.
  const oneHot = lossName === "cce" ? new Map<Node, Node>([[apply("sum", [y]), ONE]]) : new Map<Node, Node>();
  // Each equation as data: [what, left side, value], what "δ" for δˡ = … and "∂" for ∂L/∂Wˡ = …;
  // graph/print/structs.ts writes them as text or LaTeX.
  const equations: [string, Node, Node][] = [];
  equations.push(["δ", delta(L), named_(substitute(matrixGradient(loss, z(L)), oneHot), L)]);
  for (let l = L - 1; l >= 1; l--) {
    const next = add(apply("matmul", [W(l + 1), f(l, z(l))]), b(l + 1));
    equations.push(["δ", delta(l), named_(matrixGradient(pairing(delta(l + 1), next), z(l)), l)]);
  }
  for (let l = 1; l <= L; l++) {
    const zl = pairing(delta(l), add(apply("matmul", [W(l), a(l - 1)]), b(l)));
    equations.push(["∂", W(l), matrixGradient(zl, W(l))], ["∂", b(l), matrixGradient(zl, b(l))]);
  }
  const note =
    lossName === "cce"
      ? "one sample's cross-entropy, y one-hot"
      : lossName === "bce"
        ? "one sample's binary cross-entropy"
        : "one sample's squared error Σ(a − y)²";
  return struct("backprop", [
    { name: "equations", value: tuple(equations.map(([what, name, value]) => tuple([str(what), name, value]))) },
    { name: "note", value: str(`ℓ = ${note}`) },
  ]);
}

/** A network's weights (trained, or freshly initialised) and a data set, for pictures. */
export function trainedModel(net: Node, data: Node, ev: Evaluation): { model: Dense[]; dataset: Dataset } {
  return { model: weights(ev, net, 1), dataset: dataOf(data, ev) };
}

export function predictClass(model: Dense[], x: number, y: number): number {
  const out = forward(model, Float64Array.of(x, y), 1).a[model.length];
  if (out.length === 1) return out[0] >= 0.5 ? 1 : 0;
  let best = 0;
  for (let c = 1; c < out.length; c++) if (out[c] > out[best]) best = c;
  return best;
}

export function labelOf(data: Dataset, r: number): number {
  if (data.outputs === 1) return data.y[r] >= 0.5 ? 1 : 0;
  let best = 0;
  for (let c = 1; c < data.outputs; c++) if (data.y[r * data.outputs + c] > data.y[r * data.outputs + best]) best = c;
  return best;
}

/**
 * Cross-entropy compares probabilities: a bce target outside [0, 1] (y = 2, y = −5) makes the loss
 * unbounded below, so training "improves" it forever; cce's target rows must be distributions.
 */
function refuseImpossibleTargets(loss: Loss, data: Dataset, span: Span | null): void {
  if (loss !== "bce" && loss !== "cce") return;
  const width = data.outputs;
  for (let r = 0; r < data.samples; r++) {
    const row = data.y.subarray(r * width, (r + 1) * width);
    const outside = row.find((v) => !(v >= 0 && v <= 1));
    if (outside !== undefined)
      throw new MathFailure(
        "math",
        `${loss} compares probabilities, and sample ${r + 1}'s target is ${outside}: targets must be between 0 and 1 (use loss = mse for other values)`,
        span,
      );
    const total = row.reduce((t, v) => t + v, 0);
    if (loss === "cce" && Math.abs(total - 1) > 1e-9)
      throw new MathFailure(
        "math",
        `cce compares distributions, and sample ${r + 1}'s targets add up to ${total}, not 1 (one-hot rows: onehot(labels, ${width}))`,
        span,
      );
  }
}
