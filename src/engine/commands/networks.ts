// Network commands: layers, data sets, the perceptron rule, backpropagation's equations. The work
// is in engine/networks.ts; these rows give each call its name, arity, options and help.
import { floatValue } from "../../graph/evalf.js";
import { int } from "../../graph/construct.js";
import { accuracyOf, backpropOf, datasetNode, dense, layersOf, loadNode, perceptronOf } from "../networks.js";
import type { CommandEntry } from "./entry.js";
import { TRAIN_SETTINGS } from "./options.js";
import { mathError } from "../../errors.js";

export const NETWORKS: CommandEntry[] = [
  {
    name: "dense",
    arity: [1, 2],
    help: {
      syntax: "layer h = dense(inputs → outputs, activation)",
      description:
        "A fully connected layer: a = f(W x + b); the activation is identity when omitted. A layer or a network is a function: h(x) is its forward pass (symbolic in its parameters W_h, b_h for a declared x; numbers, one sample per row, after training), h.W and h.b its parameters; train h on (X, y) fits it to a data matrix.",
      examples: [
        "layer h = dense(784 → 128, relu)",
        "dense(2 → 1, σ)",
        "layer o = dense(2 → 1, σ)\nx ∈ ℝ^2\no(x), o.W, o.b",
        "layer o = dense(2 → 1, σ)\ntrain o on ([0, 1; 1, 0; 1, 1], [1, 0, 1]) with sgd(α = 1), epochs = 20\no([0, 1])",
      ],
    },
    run: ({ args }, ev) => dense(args, ev),
  },
  {
    name: "params",
    arity: [1, 1],
    help: {
      syntax: "params(net)",
      description: "The number of weights and biases: Σ(mₗmₗ₋₁ + mₗ).",
      examples: ["layer a = dense(784 → 128, relu)\nparams(a)"],
    },
    run: ({ args }, ev) => int(layersOf(ev.expr(args[0])).reduce((s, l) => s + l.inputs * l.outputs + l.outputs, 0)),
  },
  {
    name: "dataset",
    arity: [1, 1],
    options: [
      { name: "n", type: "whole", default: "200", description: "the number of samples" },
      { name: "seed", type: "whole", default: "1", description: "the random seed" },
      { name: "noise", type: "number", default: "0.1", description: "the noise's standard deviation" },
    ],
    help: {
      syntax: 'dataset("xor"), dataset("moons", n = 200, seed = 1, noise = 0.1)',
      description:
        "A small generated data set: the gates and, or, xor, nand and the classes blobs, moons, circles, spirals; for regression the noisy curves sine, line, cubic (x uniform on [0, 1]). data.X and data.y are its inputs and targets.",
      examples: [
        'dataset("xor")',
        'dataset("moons", n = 40, seed = 5, noise = 0.3)',
        'data = dataset("sine", n = 10, noise = 0.2)\ndata.X, data.y',
      ],
    },
    run: ({ args, options }, ev) => datasetNode(args, options, ev),
  },
  {
    name: "load",
    arity: [1, 1],
    help: {
      syntax: 'load("file.csv")',
      description:
        "A data set from a CSV file (features, then the label in the last column), where the session may read files.",
      examples: ['data = load("gates.csv")'],
    },
    run: ({ args }, ev) => loadNode(args, ev),
  },
  {
    name: "accuracy",
    arity: [2, 2],
    help: {
      syntax: "accuracy(net, data)",
      description: "The fraction of the data set's samples the network classifies correctly.",
      examples: [
        'layer h = dense(2 → 2, relu)\nlayer out = dense(2 → 1, sigmoid)\nnet = h → out\naccuracy(net, dataset("and"))',
      ],
    },
    run: ({ args }, ev) => accuracyOf(args, ev),
  },
  {
    name: "perceptron",
    arity: [1, 1],
    options: [{ name: "η", aliases: ["eta"], type: "number", default: "1", description: "the learning rate" }],
    help: {
      syntax: "perceptron(and), perceptron(data, η = 0.5)",
      description: "Runs the perceptron learning rule step by step on a logic gate or data set.",
      examples: ["perceptron(and)", "perceptron(or, η = 0.5)"],
    },
    run: ({ args, options }, ev) => perceptronOf(args, floatValue(options.get("η")!)!, ev),
  },
  {
    // A statement (train is a keyword): the row gives it help, help("train"), and lists its settings.
    name: "train",
    arity: [0, 0],
    options: TRAIN_SETTINGS,
    help: {
      syntax:
        "train net on data with adam(η = 0.01), epochs = 100, …; train net on (X, y) with sgd(α = 0.1); run = train …",
      description:
        "Trains a network or a single layer (linear regression dense(d → 1), logistic dense(d → 1, σ), softmax dense(d → k, softmax)) on a data set or on a data matrix X (one sample per row) and its targets y. Optimizers: sgd, momentum, nesterov, rmsprop, adam, with the learning rate η or α, momentum's γ, β or μ, RMSprop's β or ρ. Losses: loss = any row of the loss table (mse, mae, huber(δ), logcosh, bce, cce, sparse_cce, kl, hinge, wasserstein). Afterwards net(x) computes with the trained weights and out.W, out.b read them.",
      examples: [
        'layer h = dense(2 → 4, tanh)\nlayer o = dense(4 → 1, σ)\nnet = h → o\ntrain net on dataset("xor") with adam(η = 0.05), epochs = 200, batch = 4, seed = 3',
        "layer lin = dense(1 → 1)\ntrain lin on ([0, 1, 2, 3], [1, 3, 5, 7]) with sgd(α = 0.1), epochs = 200\nlin.W, lin.b",
      ],
    },
    run: () => {
      throw mathError("train is a statement: train net on data with adam(η = 0.01), or train net on (X, y)");
    },
  },
  {
    name: "backprop",
    arity: [1, 2],
    help: {
      syntax: "backprop(net), backprop(net, loss)",
      description:
        "The backpropagation equations of a network in δ form (the loss is cce, bce or mse; by default the one that suits the output layer).",
      examples: ["layer a = dense(2 → 3, relu)\nlayer b = dense(3 → 1, sigmoid)\nbackprop(a → b)"],
    },
    run: ({ args }, ev) => backpropOf(args, ev),
  },
];
