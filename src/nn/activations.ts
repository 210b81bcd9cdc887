// Activation functions of layers, each with its derivative in terms of z (and of a = f(z)). Every
// scalar function of the operator table can be one: the engine derives f and f′ from the row
// (engine/networks.ts, when a layer names it) and defines it here. The common ones keep a fast path
// below (f′ from a = f(z)), which test/activations-rows.test.ts holds equal to their rows.

/** "identity", "softmax" (a layer-wide activation), or the name of a scalar function's row. */
export type ActivationName = string;

export interface Activation {
  f: (z: number) => number;
  /** f'(z), given z and a = f(z). */
  df: (z: number, a: number) => number;
}

/** The fast path: f′ in terms of z and a, without building nodes. */
export const ACTIVATIONS: Record<string, Activation> = {
  identity: { f: (z) => z, df: () => 1 },
  relu: { f: (z) => (z > 0 ? z : 0), df: (z) => (z > 0 ? 1 : 0) },
  leaky_relu: { f: (z) => (z > 0 ? z : 0.01 * z), df: (z) => (z > 0 ? 1 : 0.01) },
  sigmoid: {
    f: (z) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z))),
    df: (_z, a) => a * (1 - a),
  },
  tanh: { f: Math.tanh, df: (_z, a) => 1 - a * a },
  softplus: { f: (z) => (z > 30 ? z : Math.log1p(Math.exp(z))), df: (z) => 1 / (1 + Math.exp(-z)) },
  step: { f: (z) => (z >= 0 ? 1 : 0), df: () => 0 },
};

const derived = new Map<string, Activation>();

/** An activation derived from an operator row (by the engine, which can compile the row's derivative). */
export function defineActivation(name: string, activation: Activation): void {
  derived.set(name, activation);
}

/** The activation of that name: the fast path, else one the engine defined from its row. */
export function activationOf(name: string): Activation | undefined {
  return Object.hasOwn(ACTIVATIONS, name) ? ACTIVATIONS[name] : derived.get(name);
}

export function isActivation(name: string): boolean {
  return name === "softmax" || activationOf(name) !== undefined;
}
