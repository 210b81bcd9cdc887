// Minibatch training with a validation split, dropout, L1/L2 and early stopping with patience.
import type { Dataset } from "./datasets.js";
import { backward, forward, loss, type Dense, type Loss } from "./network.js";
import { Optimizer, type OptimizerSettings } from "./optimizers.js";
import { Random } from "./random.js";
import { checkBudget } from "../budget.js";

export interface TrainOptions {
  epochs: number;
  batch: number;
  optimizer: OptimizerSettings;
  loss: Loss;
  seed: number;
  /** Fraction of the samples held out for validation (0 for none). */
  validation: number;
  dropout: number;
  /** Stop after this many epochs without a better validation loss (0: never). */
  patience: number;
  onEpoch?: (epoch: number, trainLoss: number, validationLoss: number | null) => void;
  /** After each minibatch: an epoch of many batches may take long, and progress is shown within it. */
  onBatch?: (epoch: number, batch: number, batches: number) => void;
}

export interface TrainResult {
  history: { loss: number[]; validation: number[] };
  epochs: number;
  stoppedEarly: boolean;
}

function rows(data: Dataset, index: number[]): { X: Float64Array; y: Float64Array } {
  const X = new Float64Array(index.length * data.features);
  const y = new Float64Array(index.length * data.outputs);
  index.forEach((r, i) => {
    X.set(data.X.subarray(r * data.features, (r + 1) * data.features), i * data.features);
    y.set(data.y.subarray(r * data.outputs, (r + 1) * data.outputs), i * data.outputs);
  });
  return { X, y };
}

export function train(layers: Dense[], data: Dataset, o: TrainOptions): TrainResult {
  const rng = new Random(o.seed);
  const order = rng.shuffle(data.samples);
  const held = Math.floor(data.samples * o.validation);
  const valIndex = order.slice(0, held);
  const trainIndex = order.slice(held);
  const val = held ? rows(data, valIndex) : null;
  const optimizer = new Optimizer(o.optimizer);
  const history = { loss: [] as number[], validation: [] as number[] };
  let best = Infinity;
  let bestWeights: Float64Array[] | null = null;
  let waited = 0;
  for (let epoch = 1; epoch <= o.epochs; epoch++) {
    checkBudget();
    const shuffled = rng.shuffle(trainIndex.length).map((i) => trainIndex[i]);
    const batches = Math.ceil(shuffled.length / o.batch);
    for (let start = 0; start < shuffled.length; start += Math.max(1, o.batch)) {
      // Within the epoch too: an interrupt or the time limit stops a long one between batches.
      if (start > 0) checkBudget();
      const index = shuffled.slice(start, start + o.batch);
      const { X, y } = rows(data, index);
      const pass = forward(layers, X, index.length, o.dropout, rng);
      const { dW, db } = backward(layers, pass, y, index.length, o.loss);
      optimizer.tick();
      layers.forEach((layer, l) => {
        optimizer.update(layer.W, dW[l], true);
        optimizer.update(layer.b, db[l], false);
      });
      o.onBatch?.(epoch, start / o.batch + 1, batches);
    }
    const all = rows(data, trainIndex);
    const trainLoss = loss(
      o.loss,
      forward(layers, all.X, trainIndex.length).a[layers.length],
      all.y,
      trainIndex.length,
    );
    history.loss.push(trainLoss);
    let valLoss: number | null = null;
    if (val) {
      valLoss = loss(o.loss, forward(layers, val.X, held).a[layers.length], val.y, held);
      history.validation.push(valLoss);
      if (valLoss < best - 1e-12) {
        best = valLoss;
        bestWeights = layers.flatMap((l) => [l.W.slice(), l.b.slice()]);
        waited = 0;
      } else if (o.patience > 0 && ++waited >= o.patience) {
        o.onEpoch?.(epoch, trainLoss, valLoss);
        // Early stopping keeps the weights of the best validation loss.
        if (bestWeights) layers.forEach((l, i) => (l.W.set(bestWeights![2 * i]), l.b.set(bestWeights![2 * i + 1])));
        return { history, epochs: epoch, stoppedEarly: true };
      }
    }
    o.onEpoch?.(epoch, trainLoss, valLoss);
  }
  return { history, epochs: o.epochs, stoppedEarly: false };
}

/** The share of samples classified right: the largest output, or output ≥ 0.5 for one output. */
export function accuracy(layers: Dense[], data: Dataset): number {
  const p = forward(layers, data.X, data.samples).a[layers.length];
  let right = 0;
  for (let r = 0; r < data.samples; r++) {
    if (data.outputs === 1) right += (p[r] >= 0.5 ? 1 : 0) === data.y[r] ? 1 : 0;
    else {
      let best = 0;
      let truth = 0;
      for (let c = 1; c < data.outputs; c++) {
        if (p[r * data.outputs + c] > p[r * data.outputs + best]) best = c;
        if (data.y[r * data.outputs + c] > data.y[r * data.outputs + truth]) truth = c;
      }
      right += best === truth ? 1 : 0;
    }
  }
  return right / data.samples;
}
