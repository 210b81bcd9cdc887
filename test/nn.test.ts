// Layers, networks and training: the notes' MNIST-shaped network, XOR, the perceptron, optimizers,
// regularization, and backpropagation against finite differences.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Session } from "../src/session.js";
import { dataset } from "../src/nn/datasets.js";
import {
  backward,
  forward,
  initialise,
  loss,
  parameterCount,
  type LayerSpec,
  type LossName,
} from "../src/nn/network.js";
import { Random } from "../src/nn/random.js";
import { accuracy, train } from "../src/nn/train.js";
import { DEFAULT_OPTIMIZER, type OptimizerName } from "../src/nn/optimizers.js";

function last(code: string) {
  const results = new Session().run(code);
  const r = results[results.length - 1];
  if (r.status !== "ok") throw new Error(`${code}: ${r.error?.message}`);
  return r;
}

const MNIST =
  "layer h1 = dense(784 → 128, relu)\nlayer h2 = dense(128 → 128, relu)\nlayer out = dense(128 → 10, softmax)\nnet = h1 → h2 → out\n";
const XOR = 'layer a = dense(2 → 4, tanh)\nlayer b = dense(4 → 1, sigmoid)\nxnet = a → b\ndata = dataset("xor")\n';

describe("networks in the language", () => {
  it("counts the notes' 784 → 128 → 128 → 10 network's 118,282 parameters", () => {
    expect(last(`${MNIST}params(net)`).text).toBe("118282");
    expect(last(MNIST).pretty).toBe("net = 784 → 128 relu → 128 relu → 10 softmax (118,282 parameters)");
  });
  it("derives backpropagation in δ form from the network's graph", () => {
    expect(last(`${MNIST}backprop(net)`).pretty.split("\n")).toEqual([
      "δ³ = a³ − y",
      "δ² = (W³ᵀδ³) ⊙ step(z²)",
      "δ¹ = (W²ᵀδ²) ⊙ step(z¹)",
      "∂L/∂W¹ = δ¹ a⁰ᵀ",
      "∂L/∂b¹ = δ¹",
      "∂L/∂W² = δ² a¹ᵀ",
      "∂L/∂b² = δ²",
      "∂L/∂W³ = δ³ a²ᵀ",
      "∂L/∂b³ = δ³",
      "(ℓ = one sample's cross-entropy, y one-hot)",
    ]);
  });
  it("derives δ for other activations and losses: σ' = a(1 − a), squared error", () => {
    const lines = last(
      "layer s1 = dense(2 → 3, sigmoid)\nlayer s2 = dense(3 → 1, sigmoid)\nbackprop(s1 → s2, mse)",
    ).pretty.split("\n");
    expect(lines.slice(0, 2)).toEqual(["δ² = 2a²(a² − y)(1 − a²)", "δ¹ = δ²(a¹ ⊙ W²ᵀ ⊙ (1 − a¹))"]);
    expect(
      last("layer s1 = dense(2 → 3, sigmoid)\nlayer s2 = dense(3 → 1, sigmoid)\nbackprop(s1 → s2)").pretty.split(
        "\n",
      )[0],
    ).toBe("δ² = a² − y");
    expect(
      last("layer t1 = dense(2 → 3, tanh)\nlayer s2 = dense(3 → 1, sigmoid)\nbackprop(t1 → s2)").pretty.split("\n")[1],
    ).toBe("δ¹ = δ²(W²ᵀ ⊙ (1 − (a¹)²))");
  });
  it("learns XOR with a 2-4-1 network to 100% accuracy (seed 3)", () => {
    const r = last(`${XOR}train xnet on data with adam(η = 0.05), loss = bce, epochs = 500, batch = 4, seed = 3`);
    expect(r.pretty).toMatch(/^trained 500 epochs: loss .*, accuracy 100\.0%$/);
    expect(
      last(`${XOR}train xnet on data with adam(η = 0.05), epochs = 500, batch = 4, seed = 3\naccuracy(xnet, data)`)
        .text,
    ).toBe("1.0");
  });
  it("reports training progress in place", () => {
    const [, , , , r] = new Session().run(`${XOR}train xnet on data with adam(η = 0.05), epochs = 100, seed = 3`);
    const displays = r.effects.filter((e) => e.kind === "display");
    expect(displays[0]).toMatchObject({ text: "training: epoch 0 of 100" });
    expect(displays.at(-1)).toMatchObject({ update: true });
  });
  it("cannot learn XOR from all-zero weights (symmetry), but can from Xavier's", () => {
    expect(last(`${XOR}train xnet on data with adam(η = 0.05), epochs = 200, init = "zeros"`).pretty).toMatch(
      /accuracy 50\.0%$/,
    );
    expect(
      last(`${XOR}train xnet on data with adam(η = 0.05), epochs = 300, batch = 4, seed = 3, init = "xavier"`).pretty,
    ).toMatch(/accuracy 100\.0%$/);
  });
  it("loads a CSV file where the session may read files, and refuses where it may not", () => {
    const files = new Session({ readFile: () => "x1,x2,label\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n" });
    expect(files.run('d = load("xor.csv")')[0].pretty).toBe("d = data set xor.csv: 4 samples, 2 features, 2 classes");
    expect(new Session().run('load("xor.csv")')[0].error?.message).toBe(
      "this session cannot read files (a graded notebook has no file access)",
    );
  });
  it("runs the perceptron rule on AND until it converges", () => {
    const r = last("perceptron(and)");
    expect(r.pretty.split("\n").at(-1)).toBe("converged: w = (2, 1), b = -3");
  });
  it("refuses layers that do not chain", () => {
    const [r] = new Session().run("layer a = dense(2 → 4, relu)\nlayer b = dense(3 → 1, sigmoid)\nn = a → b").slice(-1);
    expect(r.error?.message).toBe("layer 2 takes 3 inputs but layer 1 gives 4");
  });
});

describe("the numeric engine", () => {
  const specs: LayerSpec[] = [
    { inputs: 2, outputs: 4, activation: "tanh" },
    { inputs: 4, outputs: 1, activation: "sigmoid" },
  ];
  const options = (name: OptimizerName, epochs = 200) => ({
    epochs,
    batch: 4,
    optimizer: {
      ...DEFAULT_OPTIMIZER,
      name,
      eta: name === "sgd" || name === "momentum" || name === "nesterov" ? 0.5 : 0.05,
    },
    loss: "bce" as LossName,
    seed: 3,
    validation: 0,
    dropout: 0,
    patience: 0,
  });

  it("is deterministic for a seed", () => {
    const run = () => train(initialise(specs, new Random(7)), dataset("xor"), options("adam", 50)).history.loss;
    expect(run()).toEqual(run());
  });
  it.each(["sgd", "momentum", "nesterov", "rmsprop", "adam"] as OptimizerName[])("%s lowers the loss", (name) => {
    const h = train(initialise(specs, new Random(5)), dataset("xor"), options(name)).history.loss;
    expect(h[h.length - 1]).toBeLessThan(h[0]);
  });
  it("shrinks the weights more as L2's λ grows", () => {
    const norms = [0, 0.01, 0.1].map((l2) => {
      const layers = initialise(specs, new Random(5));
      train(layers, dataset("xor"), { ...options("adam"), optimizer: { ...options("adam").optimizer, l2 } });
      return layers.reduce((s, l) => s + l.W.reduce((t, w) => t + w * w, 0), 0);
    });
    expect(norms[1]).toBeLessThan(norms[0]);
    expect(norms[2]).toBeLessThan(norms[1]);
  });
  it("trains with dropout 0.3 and 0.5", () => {
    for (const dropout of [0.3, 0.5]) {
      const wide: LayerSpec[] = [
        { inputs: 2, outputs: 16, activation: "relu" },
        { inputs: 16, outputs: 3, activation: "softmax" },
      ];
      const layers = initialise(wide, new Random(2));
      const data = dataset("blobs", 150, 4);
      train(layers, data, { ...options("adam", 100), loss: "cce", batch: 16, dropout });
      expect(accuracy(layers, data)).toBeGreaterThan(0.85);
    }
  });
  it("classifies three blobs with softmax", () => {
    const layers = initialise(
      [
        { inputs: 2, outputs: 8, activation: "relu" },
        { inputs: 8, outputs: 3, activation: "softmax" },
      ],
      new Random(1),
    );
    const data = dataset("blobs", 300, 2);
    train(layers, data, { ...options("adam", 150), loss: "cce", batch: 32 });
    expect(accuracy(layers, data)).toBeGreaterThan(0.9);
  });
  it("stops early when the validation loss stops improving", () => {
    const layers = initialise(
      [
        { inputs: 2, outputs: 32, activation: "relu" },
        { inputs: 32, outputs: 1, activation: "sigmoid" },
      ],
      new Random(1),
    );
    const r = train(layers, dataset("moons", 60, 3, 0.4), {
      ...options("adam", 2000),
      batch: 8,
      validation: 0.3,
      patience: 10,
    });
    expect(r.stoppedEarly).toBe(true);
    expect(r.epochs).toBeLessThan(2000);
  });
  it("has parameter count Σ(mₗmₗ₋₁ + mₗ)", () => {
    expect(
      parameterCount([
        { inputs: 784, outputs: 128, activation: "relu" },
        { inputs: 128, outputs: 128, activation: "relu" },
        { inputs: 128, outputs: 10, activation: "softmax" },
      ]),
    ).toBe(118282);
  });

  it("backpropagation agrees with finite differences", () => {
    const acts = ["tanh", "sigmoid", "relu", "softplus", "identity"] as const;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 5 }),
        fc.constantFrom(...acts),
        fc.constantFrom<LossName>("mse", "bce", "cce"),
        fc.integer({ min: 1, max: 1000 }),
        (inputs, hidden, act, lossName, seed) => {
          const outputs = lossName === "cce" ? 3 : 1;
          const out = lossName === "mse" ? "identity" : lossName === "bce" ? "sigmoid" : "softmax";
          const layers = initialise(
            [
              { inputs, outputs: hidden, activation: act },
              { inputs: hidden, outputs, activation: out },
            ],
            new Random(seed),
          );
          const rng = new Random(seed + 1);
          const batch = 3;
          const X = Float64Array.from({ length: batch * inputs }, () => rng.gaussian());
          const y = new Float64Array(batch * outputs);
          for (let r = 0; r < batch; r++) {
            if (outputs === 1) y[r] = lossName === "bce" ? (rng.next() < 0.5 ? 1 : 0) : rng.gaussian();
            else y[r * outputs + Math.floor(rng.next() * outputs)] = 1;
          }
          const value = () => loss(lossName, forward(layers, X, batch).a[2], y, batch);
          const { dW } = backward(layers, forward(layers, X, batch), y, batch, lossName);
          for (let l = 0; l < 2; l++) {
            for (let i = 0; i < layers[l].W.length; i++) {
              const w = layers[l].W[i];
              const h = 1e-6;
              layers[l].W[i] = w + h;
              const up = value();
              layers[l].W[i] = w - h;
              const down = value();
              layers[l].W[i] = w;
              const numeric = (up - down) / (2 * h);
              expect(Math.abs(numeric - dW[l][i])).toBeLessThan(1e-5 * Math.max(1, Math.abs(numeric)));
            }
          }
        },
      ),
      { numRuns: 60, seed: 9 },
    );
  });
});
