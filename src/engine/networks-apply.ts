// A network as a function: `net(x)` is the forward pass, `out.W` and `out.b` are a layer's
// parameters, and `∂L/∂out.W` of a loss built on `net(x)` is shown in δ form.
//
// A layer's parameters are symbols named after the layer (W_out, b_out; shapes declared when the
// layer is named) until a network holding the layer is trained; then `out.W` reads the trained
// values (of the network trained last that holds the layer). `net(x)` for a shape-declared x is
// always symbolic in the parameters, so a loss on it can be differentiated with respect to them;
// for numbers x it is numeric with the trained weights, and symbolic in the parameters before
// training.
import { mathError, shapeError } from "../errors.js";
import { add, apply, float, mul, str, struct, sym, tensor, tuple } from "../graph/construct.js";
import type { Node, Struct, Sym } from "../graph/node.js";
import { floatValue } from "../graph/evalf.js";
import { reserveEntries } from "../budget.js";
import { isScalar, showShape, type Shape } from "../graph/shape.js";
import { findInside, freeSymbols } from "../graph/traverse.js";
import { forward, type Dense, type LayerSpec } from "../nn/network.js";
import type { Environment } from "../environment.js";
import type { DiffVar, Expr } from "../syntax/ast.js";
import type { Evaluation } from "./commands/entry.js";
import { matrixGradient } from "./matrix-calculus.js";
import { substitute } from "./substitute.js";
import { isTrained, layerIdOf, layerNodes, networkModel, shareOut, specOfLayer } from "./networks.js";

const fieldOf = (s: Struct, name: string) => s.fields.find((f) => f.name === name)?.value;

/** The shape of a layer's W: m×n, a vector when one side is 1 (wᵀx + b for one output), a scalar for 1 → 1. */
export function weightShape(spec: LayerSpec): Shape {
  const { inputs: n, outputs: m } = spec;
  if (m === 1 && n === 1) return [];
  if (m === 1) return [n];
  if (n === 1) return [m];
  return [m, n];
}

const biasShape = (spec: LayerSpec): Shape => (spec.outputs === 1 ? [] : [spec.outputs]);

/** The name a layer's parameters carry: the layer's own (layer out = … gives W_out), else a name that holds it. */
export function layerName(layer: Node, env: Environment): string {
  if (layer.kind !== "record") return "layer";
  const own = fieldOf(layer, "name");
  if (own?.kind === "str") return own.value;
  for (const [name, value] of env.values) if (value === layer) return name;
  return layerIdOf(layer) || "layer";
}

export function parameterSymbol(layer: Node, which: "W" | "b", env: Environment): Sym {
  const spec = specOfLayer(layer);
  return sym(`${which}_${layerName(layer, env)}`, which === "W" ? weightShape(spec) : biasShape(spec));
}

/** `layer out = dense(…)`: the layer carries its name, and W_out, b_out are declared with their shapes. */
export function nameLayer(layer: Node, name: string, env: Environment): Node {
  if (layer.kind !== "record" || layer.tag !== "layer") return layer;
  const named = fieldOf(layer, "name") ? layer : struct("layer", [...layer.fields, { name: "name", value: str(name) }]);
  for (const which of ["W", "b"] as const) {
    const p = parameterSymbol(named, which, env);
    env.shapes.set(p.name, p.shape);
  }
  return named;
}

/** A trained layer's W and b as values, in the shapes of its symbols. */
function parameterValues(layer: Node, dense: Dense): { W: Node; b: Node } {
  const spec = specOfLayer(layer);
  const shaped = (shape: Shape, values: Float64Array) =>
    shape.length === 0 ? float(values[0]) : tensor(shape as number[], Array.from(values, float));
  return { W: shaped(weightShape(spec), dense.W), b: shaped(biasShape(spec), dense.b) };
}

/** The trained weights of the layer: from the network trained last that holds it. */
function trainedDense(layer: Node, env: Environment): Dense | undefined {
  const id = layerIdOf(layer);
  const models = [...env.models.values()].reverse();
  for (const model of models) {
    if (!isTrained(model)) continue;
    const found = model.find((d) => d.layer === id);
    if (found) return found;
  }
  return undefined;
}

/** `out.W`, `out.b`: the trained values, or the parameter's symbol before training. */
export function layerMember(layer: Node, name: string, env: Environment): Node | undefined {
  if (name !== "W" && name !== "b") return undefined;
  const dense = trainedDense(layer, env);
  if (dense) return parameterValues(layer, dense)[name];
  return parameterSymbol(layer, name, env);
}

/** `∂L/∂out.W`: a layer's parameter as a variable of differentiation is always its symbol. */
export function parameterVariable(path: string[], ev: Evaluation): Node | null {
  if (path.length !== 2) return null;
  const layer = ev.env.values.get(path[0]);
  if (!layer || layer.kind !== "record" || layer.tag !== "layer") return null;
  if (path[1] !== "W" && path[1] !== "b")
    throw mathError(`a layer's parameters are ${path[0]}.W and ${path[0]}.b, not ${path[0]}.${path[1]}`);
  return parameterSymbol(layer, path[1], ev.env);
}

interface LayerStep {
  W: Node;
  b: Node;
  spec: LayerSpec;
}

/** The pre-activation W a + b, by the shapes of W and a. */
function preActivation(step: LayerStep, a: Node): Node {
  const { W, b } = step;
  const Wa =
    isScalar(W.shape) || isScalar(a.shape)
      ? mul(W, a)
      : W.shape.length === 1
        ? apply("matmul", [apply("transpose", [W]), a])
        : apply("matmul", [W, a]);
  return add(Wa, b);
}

const activate = (spec: LayerSpec, z: Node) => (spec.activation === "identity" ? z : apply(spec.activation, [z]));

/** What a symbolic forward pass was built from, by its output: the δ form reads it back. */
interface ForwardPass {
  input: Node;
  steps: LayerStep[];
  /** zˡ as built, layer by layer. */
  z: Node[];
}
const PASSES = new WeakMap<Node, ForwardPass>();

function symbolicForward(x: Node, steps: LayerStep[]): Node {
  let a = x;
  const z: Node[] = [];
  for (const step of steps) {
    const zl = preActivation(step, a);
    z.push(zl);
    a = activate(step.spec, zl);
  }
  PASSES.set(a, { input: x, steps, z });
  return a;
}

const isNumeric = (n: Node): boolean =>
  n.kind === "num" ||
  n.kind === "float" ||
  (n.kind === "tensor" && n.entries.every((e) => e.kind === "num" || e.kind === "float"));

function describe(n: Node): string {
  return isScalar(n.shape) ? "a number" : `a ${showShape(n.shape)}${n.shape.length === 2 ? " matrix" : ""}`;
}

/** The input's samples as rows of numbers: a vector is one sample (or, for one input, one sample per entry). */
function numericRows(x: Node, inputs: number): { rows: number; data: Float64Array; single: boolean } {
  const entries = x.kind === "tensor" ? x.entries : [x];
  const values = entries.map((e, i) => {
    const v = floatValue(e);
    if (v === null || !Number.isFinite(v))
      throw mathError(
        `the network's input has ${v === null ? "a value that is not a number" : String(v)} at entry ${i + 1}`,
      );
    return v;
  });
  const shape = x.shape;
  if (shape.length === 0) {
    if (inputs !== 1) throw shapeError(`the network takes ${inputs} inputs, not a number`);
    return { rows: 1, data: Float64Array.from(values), single: true };
  }
  if (shape.length === 1) {
    if (shape[0] === inputs) return { rows: 1, data: Float64Array.from(values), single: true };
    if (inputs === 1) return { rows: shape[0] as number, data: Float64Array.from(values), single: false };
    throw shapeError(`the network takes ${inputs} inputs, not ${describe(x)}`);
  }
  if (shape.length === 2 && shape[1] === inputs)
    return { rows: shape[0] as number, data: Float64Array.from(values), single: false };
  throw shapeError(
    `the network takes ${inputs} inputs: give one sample (a vector of length ${inputs}) or a matrix with one sample per row and ${inputs} columns, not ${describe(x)}`,
  );
}

function outputNode(out: Float64Array, rows: number, width: number, single: boolean): Node {
  const values = Array.from(out, float);
  if (single) return width === 1 ? values[0] : tensor([width], values);
  return width === 1 ? tensor([rows], values) : tensor([rows, width], values);
}

/** `net(x)`, `out(x)`: the forward pass. */
export function applyNetwork(net: Node, args: Node[], ev: Evaluation, name: string): Node {
  if (args.length !== 1) throw mathError(`${name} takes one input, not ${args.length}: ${name}(x)`);
  const [x] = args;
  const layers = layerNodes(net);
  const specs = layers.map(specOfLayer);
  const inputs = specs[0].inputs;
  if (isNumeric(x)) {
    // One sample per row; the fast path when the network itself was trained.
    const { rows, data, single } = numericRows(x, inputs);
    const model = networkModel(net, ev.env);
    if (model && isTrained(model)) {
      reserveEntries(rows * Math.max(...specs.map((s) => s.outputs)), "the network's outputs");
      const out = forward(model, data, rows).a[model.length];
      return outputNode(out, rows, specs[specs.length - 1].outputs, single);
    }
    const steps = layers.map((layer, l) => {
      const dense = trainedDense(layer, ev.env);
      const values = dense ? parameterValues(layer, dense) : null;
      return {
        W: values?.W ?? parameterSymbol(layer, "W", ev.env),
        b: values?.b ?? parameterSymbol(layer, "b", ev.env),
        spec: specs[l],
      };
    });
    // The samples as given (exact numbers stay exact).
    const entries = x.kind === "tensor" ? x.entries : [x];
    const sample = (r: number) =>
      symbolicForward(
        single ? x : inputs === 1 ? entries[r] : tensor([inputs], entries.slice(r * inputs, (r + 1) * inputs)),
        steps,
      );
    if (single) return sample(0);
    reserveEntries(rows * specs[specs.length - 1].outputs, "the network's outputs");
    const outs = Array.from({ length: rows }, (_, r) => sample(r));
    if (outs.every((o) => isScalar(o.shape))) return tensor([rows], outs);
    if (outs.every((o) => o.kind === "tensor"))
      return tensor(
        [rows, specs[specs.length - 1].outputs],
        outs.flatMap((o) => (o as { entries: readonly Node[] }).entries),
      );
    return tuple(outs);
  }
  const expected: Shape = inputs === 1 ? [] : [inputs];
  // net(x) with x a name not declared yet: x is the network's input, x ∈ ℝ^n (as LANGUAGE.md writes it).
  const free = x.kind === "sym" && isScalar(x.shape) && !ev.env.shapes.has(x.name) && !ev.env.values.has(x.name);
  if (free && inputs > 1) {
    ev.env.shapes.set(x.name, expected);
    return applyNetwork(net, [sym(x.name, expected)], ev, name);
  }
  const fits = x.shape.length === expected.length && x.shape.every((d, i) => d === expected[i]);
  if (!fits)
    throw shapeError(
      `${name} takes ${inputs === 1 ? "a number" : `a vector of length ${inputs}`}, but its input is ${describe(x)}`,
    );
  const steps = layers.map((layer, l) => ({
    W: parameterSymbol(layer, "W", ev.env),
    b: parameterSymbol(layer, "b", ev.env),
    spec: specs[l],
  }));
  return symbolicForward(x, steps);
}

/**
 * cce(y, net(x)) with y a name not declared yet: y is a target of the network's output shape
 * (declared so, y ∈ ℝ^k), as a mathematician writes the loss of a network.
 */
export function targetOfOutput(args: Node[], env: Environment): Node[] {
  const [y, p] = args;
  if (args.length < 2 || !PASSES.has(p) || isScalar(p.shape)) return args;
  if (y.kind !== "sym" || !isScalar(y.shape) || env.shapes.has(y.name) || env.values.has(y.name)) return args;
  env.shapes.set(y.name, p.shape);
  return [sym(y.name, p.shape), ...args.slice(1)];
}

/** The forward pass inside an expression, found by its output node. */
function passIn(n: Node): ForwardPass | undefined {
  const output = findInside(n, (m) => PASSES.has(m));
  return output && PASSES.get(output);
}

/**
 * `∂L/∂out.W` as a statement of its own: the δ-form equations of the network inside L (zˡ, aˡ as
 * the layers compute them, δᴸ = ∂L/∂zᴸ, δˡ = ∂(δˡ⁺¹ · zˡ⁺¹)/∂zˡ, ∂L/∂Wˡ = ∂(δˡ · zˡ)/∂Wˡ),
 * or null when L is not a loss of one network's output (or the variable is not its parameter).
 */
export function deltaForm(body: Node, variable: Node, loss = "L"): Node | null {
  const pass = passIn(body);
  if (!pass) return null;
  const k = pass.steps.findIndex((s) => s.W === variable || s.b === variable);
  if (k < 0) return null;
  const L = pass.steps.length;
  const column = (spec: LayerSpec): Shape => (spec.outputs === 1 ? [] : [spec.outputs]);
  const z = (l: number) => sym(`z^${l}`, column(pass.steps[l - 1].spec));
  const a = (l: number) =>
    l === 0
      ? pass.input
      : pass.steps[l - 1].spec.activation === "identity"
        ? z(l)
        : sym(`a^${l}`, column(pass.steps[l - 1].spec));
  const delta = (l: number) => sym(`δ^${l}`, column(pass.steps[l - 1].spec));
  const f = (l: number, x: Node) => activate(pass.steps[l - 1].spec, x);
  // The loss as a function of the output layer's pre-activation: nothing else of the network may remain.
  const outer = substitute(body, new Map([[pass.z[L - 1], z(L)]]));
  const parameters = new Set<Node>(pass.steps.flatMap((s) => [s.W, s.b]));
  if (freeSymbols(outer).some((s) => parameters.has(s))) return null;
  // fˡ(zˡ) is shown as aˡ; a layer without an activation has no aˡ of its own (aˡ = zˡ).
  const named = (n: Node, l: number) =>
    shareOut(pass.steps[l - 1].spec.activation === "identity" ? n : substitute(n, new Map([[f(l, z(l)), a(l)]])));
  const pairing = (u: Node, v: Node) => (isScalar(u.shape) ? mul(u, v) : apply("dot", [u, v]));
  const equations: [string, Node, Node][] = [];
  for (let l = 1; l <= L; l++) {
    equations.push(["=", z(l), preActivation(pass.steps[l - 1], a(l - 1))]);
    if (pass.steps[l - 1].spec.activation !== "identity") equations.push(["=", a(l), f(l, z(l))]);
  }
  const deltaL = named(matrixGradient(outer, z(L)), L);
  equations.push(["δ", delta(L), deltaL]);
  // Cross-entropy's δ is aᴸ sum(y) − y for any y: aᴸ − y only when y's entries sum to 1 (one-hot).
  const summed = findInside(deltaL, (n) => n.kind === "apply" && n.op === "sum");
  const target = summed?.kind === "apply" && summed.args[0].kind === "sym" ? summed.args[0].name : "y";
  for (let l = L - 1; l >= k + 1; l--) {
    const next = preActivation(pass.steps[l], f(l, z(l)));
    equations.push(["δ", delta(l), named(matrixGradient(pairing(delta(l + 1), next), z(l)), l)]);
  }
  const zk = pairing(delta(k + 1), preActivation(pass.steps[k], a(k)));
  equations.push(["∂", variable, matrixGradient(zk, variable)]);
  return struct("backprop", [
    { name: "equations", value: tuple(equations.map(([what, left, value]) => tuple([str(what), left, value]))) },
    { name: "loss", value: sym(loss) },
    {
      name: "note",
      value: str(
        `δˡ = ∂${loss}/∂zˡ${summed ? `; δ${superscript(L)} = a${superscript(L)} − ${target} when ${target} is one-hot (its entries sum to 1)` : ""}; assign it, G = ∂${loss}/∂…, for the expression itself`,
      ),
    },
  ]);
}

const superscript = (n: number) => [...String(n)].map((d) => "⁰¹²³⁴⁵⁶⁷⁸⁹"[Number(d)]).join("");

/** For a statement that is one derivative with respect to a layer's parameter: its δ form. */
export function deltaFormOf(e: Expr, ev: Evaluation & { variable(v: DiffVar | string): Node }): Node | null {
  if (e.kind !== "partialOf" && e.kind !== "derivative") return null;
  if (e.vars.length !== 1 || e.vars[0].order !== 1) return null;
  const variable = ev.variable(e.vars[0]);
  const body =
    e.kind === "partialOf"
      ? (ev.env.functions.get(e.fn[0])?.body ?? ev.env.values.get(e.fn[0]) ?? null)
      : ev.expr(e.arg);
  const loss = e.kind === "partialOf" ? e.fn.join(".") : e.arg.kind === "name" ? e.arg.name : "L";
  return body ? deltaForm(body, variable, loss) : null;
}
