// The perceptron learning rule, step by step: ŷ = step(w·x + b), then w ← w + η(y − ŷ)x and
// b ← b + η(y − ŷ), sample after sample, until an epoch makes no error.
import type { Dataset } from "./datasets.js";

export interface PerceptronStep {
  epoch: number;
  x: number[];
  y: number;
  prediction: number;
  error: number;
  w: number[];
  b: number;
}

export function perceptron(
  data: Dataset,
  eta = 1,
  maxEpochs = 50,
): { steps: PerceptronStep[]; converged: boolean; w: number[]; b: number } {
  const n = data.features;
  const w = new Array<number>(n).fill(0);
  let b = 0;
  const steps: PerceptronStep[] = [];
  for (let epoch = 1; epoch <= maxEpochs; epoch++) {
    let mistakes = 0;
    for (let r = 0; r < data.samples; r++) {
      const x = Array.from(data.X.subarray(r * n, (r + 1) * n));
      const y = data.y[r];
      // step(z) = 1 for z ≥ 0, as the notes define the perceptron's activation.
      const prediction = w.reduce((s, wi, i) => s + wi * x[i], b) >= 0 ? 1 : 0;
      const error = y - prediction;
      if (error !== 0) {
        mistakes++;
        for (let i = 0; i < n; i++) w[i] += eta * error * x[i];
        b += eta * error;
      }
      steps.push({ epoch, x, y, prediction, error, w: [...w], b });
    }
    if (mistakes === 0) return { steps, converged: true, w, b };
  }
  return { steps, converged: false, w, b };
}
