// Small data sets, generated with a seed (nothing downloads): the logic gates of the notes, blobs,
// moons, circles and spirals for classifiers, and noisy curves (sine, line, cubic) for regression.
// Labels are one-hot rows when there are more than two classes, a single 0/1 column otherwise.
import { reserveEntries } from "../budget.js";
import { Random } from "./random.js";

export interface Dataset {
  name: string;
  X: Float64Array;
  y: Float64Array;
  samples: number;
  features: number;
  outputs: number;
  classes: number;
}

const GATES: Record<string, number[]> = { and: [0, 0, 0, 1], or: [0, 1, 1, 1], xor: [0, 1, 1, 0], nand: [1, 1, 1, 0] };

function fromPoints(name: string, points: [number, number][], labels: number[], classes: number): Dataset {
  const outputs = classes > 2 ? classes : 1;
  const y = new Float64Array(points.length * outputs);
  labels.forEach((c, i) => {
    if (outputs === 1) y[i] = c;
    else y[i * outputs + c] = 1;
  });
  return { name, X: Float64Array.from(points.flat()), y, samples: points.length, features: 2, outputs, classes };
}

/** Curves for regression: y = f(x) + noise, x uniform on [0, 1] (the bias–variance homework). */
const CURVES: Record<string, (x: number) => number> = {
  sine: (x) => Math.sin(2 * Math.PI * x),
  line: (x) => 2 * x + 1,
  cubic: (x) => 8 * (x - 0.5) ** 3 - (x - 0.5),
};

export const DATASET_NAMES = [
  "and",
  "or",
  "xor",
  "nand",
  "blobs",
  "moons",
  "circles",
  "spirals",
  ...Object.keys(CURVES),
];

/** A regression set: one feature x, one target y, no classes. */
function curve(name: string, n: number, rng: Random, noise: number): Dataset {
  const X = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    X[i] = rng.next();
    y[i] = CURVES[name](X[i]) + rng.gaussian() * noise;
  }
  return { name, X, y, samples: n, features: 1, outputs: 1, classes: 0 };
}

export function dataset(name: string, n = 200, seed = 1, noise = 0.1): Dataset {
  reserveEntries(2 * n, `a data set of ${n} points`, 64);
  const rng = new Random(seed);
  if (Object.hasOwn(CURVES, name)) return curve(name, n, rng, noise);
  if (Object.hasOwn(GATES, name)) {
    return fromPoints(
      name,
      [
        [0, 0],
        [0, 1],
        [1, 0],
        [1, 1],
      ],
      GATES[name],
      2,
    );
  }
  const points: [number, number][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % (name === "blobs" ? 3 : 2);
    const t = rng.next();
    let p: [number, number];
    if (name === "blobs") {
      const centers: [number, number][] = [
        [-2, -1],
        [2, -1],
        [0, 2],
      ];
      p = [centers[c][0] + rng.gaussian() * 0.6, centers[c][1] + rng.gaussian() * 0.6];
    } else if (name === "moons") {
      const angle = Math.PI * t;
      p = c === 0 ? [Math.cos(angle), Math.sin(angle)] : [1 - Math.cos(angle), 0.5 - Math.sin(angle)];
    } else if (name === "circles") {
      const angle = 2 * Math.PI * t;
      const r = c === 0 ? 1 : 0.5;
      p = [r * Math.cos(angle), r * Math.sin(angle)];
    } else if (name === "spirals") {
      const r = 0.2 + 2.8 * t;
      const angle = 1.75 * Math.PI * t + c * Math.PI;
      p = [r * Math.cos(angle), r * Math.sin(angle)];
    } else {
      throw new Error(`unknown data set ${name}; the data sets are ${DATASET_NAMES.join(", ")}`);
    }
    points.push([p[0] + rng.gaussian() * noise, p[1] + rng.gaussian() * noise]);
    labels.push(c);
  }
  return fromPoints(name, points, labels, name === "blobs" ? 3 : 2);
}
