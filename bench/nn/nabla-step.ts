// One Adam training step of 784-128-128-10 at batch 64 in Nabla's numeric engine (float64, one
// thread). Prints the median milliseconds per step.
import { backward, forward, initialise } from "../../src/nn/network.js";
import { DEFAULT_OPTIMIZER, Optimizer } from "../../src/nn/optimizers.js";
import { Random } from "../../src/nn/random.js";

const steps = Number(process.argv[2] ?? 20);
const rng = new Random(1);
const layers = initialise(
  [
    { inputs: 784, outputs: 128, activation: "relu" },
    { inputs: 128, outputs: 128, activation: "relu" },
    { inputs: 128, outputs: 10, activation: "softmax" },
  ],
  rng,
);
const B = 64;
const X = Float64Array.from({ length: B * 784 }, () => rng.next());
const y = new Float64Array(B * 10);
for (let r = 0; r < B; r++) y[r * 10 + (r % 10)] = 1;
const optimizer = new Optimizer({ ...DEFAULT_OPTIMIZER, eta: 0.001 });
const step = () => {
  const pass = forward(layers, X, B);
  const { dW, db } = backward(layers, pass, y, B, "cce");
  optimizer.tick();
  layers.forEach((l, i) => {
    optimizer.update(l.W, dW[i], true);
    optimizer.update(l.b, db[i], false);
  });
};
for (let i = 0; i < 3; i++) step();
const times: number[] = [];
for (let i = 0; i < steps; i++) {
  const t = performance.now();
  step();
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
console.log(times[Math.floor(times.length / 2)]);
