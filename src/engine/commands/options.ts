// Option rows shared by several commands and by the train statement: the descent methods' settings,
// spelled as the notes spell them (η, γ, β, β₁, β₂, ε), with the other spellings they use.
import type { CommandOption } from "./entry.js";

export const ETA: CommandOption = {
  name: "η",
  // α is the learning rate in one set of the notes (w ← w − α∇L).
  aliases: ["eta", "α", "alpha"],
  type: "expression",
  required: true,
  description: "a learning rate",
};
export const STEPS: CommandOption = { name: "steps", type: "whole", default: "1", description: "the number of steps" };
/** Momentum's coefficient: γ in one set of notes, β in the other. */
export const GAMMA: CommandOption = {
  name: "γ",
  // μ in the notes' velocity form v ← μv + ∇J, θ ← θ − ηv (the same steps as v ← γv + η∇J, θ ← θ − v).
  aliases: ["gamma", "β", "beta", "μ", "mu"],
  type: "expression",
  default: "0.9",
  description: "the momentum coefficient",
};
export const BETA: CommandOption = {
  name: "β",
  aliases: ["beta", "ρ", "rho"],
  type: "expression",
  default: "0.9",
  description: "the decay of the squared-gradient average",
};
export const BETA1: CommandOption = {
  name: "β_1",
  aliases: ["beta1", "beta_1"],
  type: "expression",
  default: "0.9",
  description: "the decay of the gradient average",
};
export const BETA2: CommandOption = {
  name: "β_2",
  aliases: ["beta2", "beta_2"],
  type: "expression",
  default: "0.999",
  description: "the decay of the squared-gradient average",
};
export const EPSILON: CommandOption = {
  name: "ε",
  aliases: ["epsilon", "eps"],
  type: "expression",
  default: "0.00000001",
  description: "the constant that keeps the division finite",
};

/** Each optimizer's settings, as the descent commands and `train … with adam(η = 0.01)` read them. */
export const OPTIMIZER_OPTIONS = {
  sgd: [ETA],
  momentum: [ETA, GAMMA],
  nesterov: [ETA, GAMMA],
  rmsprop: [ETA, BETA, EPSILON],
  adam: [ETA, BETA1, BETA2, EPSILON],
} satisfies Record<string, CommandOption[]>;

/** The settings after `train net on data with …`, besides the optimizer. */
export const TRAIN_SETTINGS: CommandOption[] = [
  { name: "epochs", type: "whole", default: "100", description: "the number of passes over the data" },
  { name: "batch", type: "whole", description: "the samples per step (all of them when omitted)" },
  {
    name: "seed",
    type: "whole",
    default: "1",
    description: "the random seed of the initial weights and the shuffling",
  },
  { name: "loss", type: "expression", description: "mse, bce or cce (by default the one that suits the output layer)" },
  { name: "init", type: "expression", description: '"he", "xavier", "gaussian" or "zeros"' },
  { name: "validation", type: "number", default: "0", description: "the fraction of the data held out to validate" },
  { name: "dropout", type: "number", default: "0", description: "the fraction of hidden units dropped in each step" },
  {
    name: "patience",
    type: "whole",
    default: "0",
    description: "epochs without improvement before stopping early (0: never)",
  },
  { name: "l1", type: "number", default: "0", description: "the L1 penalty" },
  { name: "l2", aliases: ["λ"], type: "number", default: "0", description: "the L2 penalty (weight decay)" },
];
