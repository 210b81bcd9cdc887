// Parameter updates: SGD, momentum, Nesterov (in its usual reformulation), RMSprop and Adam with
// bias correction; L2 as weight decay in the gradient, L1 as its subgradient.
export type OptimizerName = "sgd" | "momentum" | "nesterov" | "rmsprop" | "adam";

export interface OptimizerSettings {
  name: OptimizerName;
  eta: number;
  gamma: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  l1: number;
  l2: number;
}

/** `train`'s defaults: Adam with η = 0.01 and the usual β₁, β₂, ε; momentum's γ = 0.9; no penalty. */
export const DEFAULT_OPTIMIZER: Readonly<OptimizerSettings> = {
  name: "adam",
  eta: 0.01,
  gamma: 0.9,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-8,
  l1: 0,
  l2: 0,
};

export class Optimizer {
  private readonly m = new Map<Float64Array, Float64Array>();
  private readonly v = new Map<Float64Array, Float64Array>();
  private t = 0;

  constructor(readonly settings: OptimizerSettings) {}

  /** Call once per batch, before the updates of that batch. */
  tick(): void {
    this.t++;
  }

  update(param: Float64Array, grad: Float64Array, regularize: boolean): void {
    const { name, eta, gamma, beta1, beta2, epsilon, l1, l2 } = this.settings;
    const state = (map: Map<Float64Array, Float64Array>) => {
      let s = map.get(param);
      if (!s) map.set(param, (s = new Float64Array(param.length)));
      return s;
    };
    const m = name === "sgd" ? null : state(this.m);
    const v = name === "rmsprop" || name === "adam" ? state(this.v) : null;
    // Adam's bias corrections depend on the step only: computed once per update, not per weight.
    const c1 = 1 / (1 - beta1 ** this.t);
    const c2 = 1 / (1 - beta2 ** this.t);
    const decay = regularize && (l1 !== 0 || l2 !== 0);
    for (let i = 0; i < param.length; i++) {
      let g = grad[i];
      if (decay) g += 2 * l2 * param[i] + l1 * Math.sign(param[i]);
      switch (name) {
        case "sgd":
          param[i] -= eta * g;
          break;
        case "momentum":
          m![i] = gamma * m![i] + eta * g;
          param[i] -= m![i];
          break;
        case "nesterov": {
          const previous = m![i];
          m![i] = gamma * m![i] + eta * g;
          param[i] -= (1 + gamma) * m![i] - gamma * previous;
          break;
        }
        case "rmsprop":
          v![i] = beta1 * v![i] + (1 - beta1) * g * g;
          param[i] -= (eta * g) / (Math.sqrt(v![i]) + epsilon);
          break;
        case "adam": {
          m![i] = beta1 * m![i] + (1 - beta1) * g;
          v![i] = beta2 * v![i] + (1 - beta2) * g * g;
          const mHat = m![i] * c1;
          const vHat = v![i] * c2;
          param[i] -= (eta * mHat) / (Math.sqrt(vHat) + epsilon);
          break;
        }
      }
    }
  }
}
