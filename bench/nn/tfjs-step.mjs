// One Adam training step of 784-128-128-10 at batch 64 in TensorFlow.js, with the backend named
// on the command line (cpu or wasm). Prints the median milliseconds per step.
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";

const backend = process.argv[2];
const steps = Number(process.argv[3] ?? 20);
await tf.setBackend(backend);
await tf.ready();
const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [784], units: 128, activation: "relu" }),
    tf.layers.dense({ units: 128, activation: "relu" }),
    tf.layers.dense({ units: 10, activation: "softmax" }),
  ],
});
model.compile({ optimizer: tf.train.adam(0.001), loss: "categoricalCrossentropy" });
const x = tf.randomUniform([64, 784], 0, 1, "float32", 1);
const y = tf.oneHot(
  tf.tensor1d(
    Array.from({ length: 64 }, (_, i) => i % 10),
    "int32",
  ),
  10,
);
for (let i = 0; i < 3; i++) await model.trainOnBatch(x, y);
const times = [];
for (let i = 0; i < steps; i++) {
  const t = performance.now();
  await model.trainOnBatch(x, y);
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
console.log(times[Math.floor(times.length / 2)]);
