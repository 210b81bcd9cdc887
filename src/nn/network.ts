// Dense networks on Float64Array: forward passes over a batch, backpropagation in δ form
// (δᴸ = aᴸ − y for softmax + cross-entropy and sigmoid + binary cross-entropy; otherwise
// δᴸ = ∂L/∂aᴸ ⊙ f'(zᴸ); δˡ = (Wˡ⁺¹)ᵀδˡ⁺¹ ⊙ f'(zˡ)), and ∂L/∂Wˡ = δˡ(aˡ⁻¹)ᵀ, ∂L/∂bˡ = δˡ.
import { reserveEntries } from "../budget.js";
import { activationOf, type ActivationName } from "./activations.js";
import type { Random } from "./random.js";
import { multiplyABt } from "../numeric/matmul-fast.js";

export interface LayerSpec {
  inputs: number;
  outputs: number;
  activation: ActivationName;
}

export interface Dense extends LayerSpec {
  /** outputs × inputs, row-major. */
  W: Float64Array;
  b: Float64Array;
  /** The id of the layer in the language (`layer out = …`), so that `out.W` finds its weights. */
  layer?: string;
}

export type LossName = "mse" | "bce" | "cce";

/**
 * Any other loss, one sample at a time (the engine compiles it from the loss table's row): its
 * value and its gradient with respect to the prediction. The batch's loss is the mean over samples.
 */
export interface SampleLoss {
  name: string;
  value(y: Float64Array, p: Float64Array): number;
  gradient(y: Float64Array, p: Float64Array, out: Float64Array): void;
}

export type Loss = LossName | SampleLoss;

export function parameterCount(layers: readonly LayerSpec[]): number {
  return layers.reduce((s, l) => s + l.inputs * l.outputs + l.outputs, 0);
}

export type Initializer = "auto" | "he" | "xavier" | "gaussian" | "zeros";

/**
 * Weights from a seeded generator: He (normal, √(2/n)) for ReLU layers and Xavier/Glorot
 * (√(2/(n + m))) for the rest by default; "gaussian" is N(0, 0.01²); "zeros" shows why symmetric
 * starts cannot learn. Biases start at zero.
 */
export function initialise(specs: readonly LayerSpec[], rng: Random, init: Initializer = "auto"): Dense[] {
  return specs.map((s) => {
    const relu = s.activation === "relu" || s.activation === "leaky_relu";
    const scale =
      init === "zeros"
        ? 0
        : init === "gaussian"
          ? 0.01
          : init === "he" || (init === "auto" && relu)
            ? Math.sqrt(2 / s.inputs)
            : Math.sqrt(2 / (s.inputs + s.outputs));
    reserveEntries(s.inputs * s.outputs, `the weights of a ${s.inputs} → ${s.outputs} layer`);
    const W = new Float64Array(s.inputs * s.outputs);
    for (let i = 0; i < W.length; i++) W[i] = rng.gaussian() * scale;
    return { ...s, W, b: new Float64Array(s.outputs) };
  });
}

export interface Pass {
  /** Activations per layer, a⁰ = the input; each batch × width, row-major. */
  a: Float64Array[];
  z: Float64Array[];
  /** Dropout's multipliers per layer (0 or 1/(1 − p)), null where nothing was dropped. */
  masks: (Float64Array | null)[];
  /** Activations before dropout, for the activation's derivative. */
  pre: Float64Array[];
}

export function forward(layers: readonly Dense[], X: Float64Array, batch: number, dropout = 0, rng?: Random): Pass {
  const a: Float64Array[] = [X];
  const z: Float64Array[] = [];
  const masks: (Float64Array | null)[] = [];
  const pre: Float64Array[] = [X];
  layers.forEach((layer, l) => {
    const input = a[l];
    const { inputs: n, outputs: m, W, b } = layer;
    // z = a Wᵀ + b, the batch's rows against the weight rows (WebAssembly SIMD when it pays).
    const zl = multiplyABt({ data: input }, { data: W }, batch, m, n);
    for (let r = 0; r < batch; r++) for (let i = 0; i < m; i++) zl[r * m + i] += b[i];
    const al = new Float64Array(batch * m);
    if (layer.activation === "softmax") {
      for (let r = 0; r < batch; r++) {
        let top = -Infinity;
        for (let i = 0; i < m; i++) top = Math.max(top, zl[r * m + i]);
        let total = 0;
        for (let i = 0; i < m; i++) total += al[r * m + i] = Math.exp(zl[r * m + i] - top);
        for (let i = 0; i < m; i++) al[r * m + i] /= total;
      }
    } else {
      const f = activationOf(layer.activation)!.f;
      for (let i = 0; i < al.length; i++) al[i] = f(zl[i]);
    }
    pre.push(al);
    // Inverted dropout on hidden layers while training: scale the kept units by 1/(1 − p).
    if (dropout > 0 && rng && l < layers.length - 1) {
      const mask = new Float64Array(al.length);
      const kept = new Float64Array(al.length);
      for (let i = 0; i < al.length; i++) kept[i] = al[i] * (mask[i] = rng.next() < dropout ? 0 : 1 / (1 - dropout));
      masks.push(mask);
      a.push(kept);
    } else {
      masks.push(null);
      a.push(al);
    }
    z.push(zl);
  });
  return { a, z, masks, pre };
}

export function loss(name: Loss, p: Float64Array, y: Float64Array, batch: number): number {
  if (typeof name === "object") {
    const width = p.length / batch;
    let total = 0;
    for (let r = 0; r < batch; r++)
      total += name.value(y.subarray(r * width, (r + 1) * width), p.subarray(r * width, (r + 1) * width));
    return total / batch;
  }
  let s = 0;
  const eps = 1e-12;
  for (let i = 0; i < p.length; i++) {
    if (name === "mse") s += (p[i] - y[i]) ** 2;
    else if (name === "bce") s -= y[i] * Math.log(p[i] + eps) + (1 - y[i]) * Math.log(1 - p[i] + eps);
    else s -= y[i] * Math.log(p[i] + eps);
  }
  return name === "mse" ? s / p.length : s / batch;
}

/** Gradients of the mean loss over the batch, layer by layer. */
export function backward(
  layers: readonly Dense[],
  pass: Pass,
  y: Float64Array,
  batch: number,
  lossName: Loss,
): { dW: Float64Array[]; db: Float64Array[] } {
  const L = layers.length;
  const dW: Float64Array[] = new Array<Float64Array>(L);
  const db: Float64Array[] = layers.map((l) => new Float64Array(l.b.length));
  const out = layers[L - 1];
  const aL = pass.a[L];
  let delta = new Float64Array(aL.length);
  const fused =
    (lossName === "cce" && out.activation === "softmax") || (lossName === "bce" && out.activation === "sigmoid");
  const width = out.outputs;
  // ∂L/∂aᴸ, then through the output activation: f′(z) entrywise, softmax's Jacobian a ⊙ (g − (g · a)).
  const dLda = new Float64Array(aL.length);
  if (typeof lossName === "object") {
    const g = new Float64Array(width);
    for (let r = 0; r < batch; r++) {
      lossName.gradient(y.subarray(r * width, (r + 1) * width), aL.subarray(r * width, (r + 1) * width), g);
      for (let i = 0; i < width; i++) dLda[r * width + i] = g[i] / batch;
    }
  } else if (!fused) {
    for (let i = 0; i < aL.length; i++)
      dLda[i] =
        lossName === "mse"
          ? (2 * (aL[i] - y[i])) / aL.length
          : lossName === "bce"
            ? (aL[i] - y[i]) / Math.max(aL[i] * (1 - aL[i]), 1e-12) / batch
            : -y[i] / Math.max(aL[i], 1e-12) / batch;
  }
  if (fused) for (let i = 0; i < aL.length; i++) delta[i] = (aL[i] - y[i]) / batch;
  else if (out.activation === "softmax") {
    for (let r = 0; r < batch; r++) {
      let dot = 0;
      for (let i = 0; i < width; i++) dot += dLda[r * width + i] * aL[r * width + i];
      for (let i = 0; i < width; i++) delta[r * width + i] = aL[r * width + i] * (dLda[r * width + i] - dot);
    }
  } else {
    const df = activationOf(out.activation)!.df;
    for (let i = 0; i < aL.length; i++) delta[i] = dLda[i] * df(pass.z[L - 1][i], aL[i]);
  }
  for (let l = L - 1; l >= 0; l--) {
    const { inputs: n, outputs: m, W } = layers[l];
    const prev = pass.a[l];
    // ∂W = δᵀ a, ∂b = the column sums of δ.
    dW[l] = multiplyABt({ data: delta, transposed: true }, { data: prev, transposed: true }, m, n, batch);
    for (let r = 0; r < batch; r++) for (let i = 0; i < m; i++) db[l][i] += delta[r * m + i];
    if (l === 0) break;
    const below = layers[l - 1];
    // δˡ⁻¹ = δˡ Wˡ ⊙ f'(zˡ⁻¹) (rows are samples), times dropout's mask where units were dropped.
    const next = multiplyABt({ data: delta }, { data: W, transposed: true }, batch, n, m);
    const df = below.activation === "softmax" ? () => 1 : activationOf(below.activation)!.df;
    const mask = pass.masks[l - 1];
    const z = pass.z[l - 1],
      pre = pass.pre[l];
    for (let q = 0; q < next.length; q++) next[q] *= df(z[q], pre[q]) * (mask ? mask[q] : 1);
    delta = next;
  }
  return { dW, db };
}
