// Activation functions of layers, each with its derivative in terms of z (and of a = f(z)).
export type ActivationName = "identity" | "relu" | "sigmoid" | "tanh" | "softmax" | "leaky_relu" | "softplus" | "step";

export interface Activation {
  f: (z: number) => number;
  /** f'(z), given z and a = f(z). */
  df: (z: number, a: number) => number;
}

export const ACTIVATIONS: Record<Exclude<ActivationName, "softmax">, Activation> = {
  identity: { f: (z) => z, df: () => 1 },
  relu: { f: (z) => (z > 0 ? z : 0), df: (z) => (z > 0 ? 1 : 0) },
  leaky_relu: { f: (z) => (z > 0 ? z : 0.01 * z), df: (z) => (z > 0 ? 1 : 0.01) },
  sigmoid: { f: (z) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z))), df: (_z, a) => a * (1 - a) },
  tanh: { f: Math.tanh, df: (_z, a) => 1 - a * a },
  softplus: { f: (z) => (z > 30 ? z : Math.log1p(Math.exp(z))), df: (z) => 1 / (1 + Math.exp(-z)) },
  step: { f: (z) => (z > 0 ? 1 : 0), df: () => 0 },
};

export function isActivation(name: string): name is ActivationName {
  return name === "softmax" || Object.hasOwn(ACTIVATIONS, name);
}
