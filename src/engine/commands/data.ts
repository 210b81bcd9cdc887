// Commands on data: convolution (1-D, and the 2-D feature map of a convolutional layer with its
// padding and stride) and principal component analysis. Statistics with one result (mean, cov,
// onehot, …) are rows of the operator table instead.
import { convolve1d, convolve2d } from "../convolution.js";
import { principalComponents } from "../pca.js";
import { wholeOption } from "./args.js";
import type { CommandCall, CommandEntry, CommandOption, Evaluation } from "./entry.js";

function featureMap(flip: boolean): (call: CommandCall, ev: Evaluation) => ReturnType<typeof convolve2d> {
  return (call, ev) =>
    convolve2d(ev.expr(call.args[0]), ev.expr(call.args[1]), {
      padding: wholeOption(call, "padding"),
      stride: wholeOption(call, "stride"),
      flip,
    });
}

const WINDOW: CommandOption[] = [
  { name: "padding", type: "whole", default: "0", description: "rows and columns of zeros added around the image" },
  { name: "stride", type: "whole", default: "1", description: "how far the kernel moves at each step" },
];

export const DATA: CommandEntry[] = [
  {
    name: "conv",
    arity: [2, 2],
    help: {
      syntax: "conv(a, b)",
      description:
        "The full discrete convolution (a ∗ b)ₖ = Σᵢ aᵢ bₖ₋ᵢ of two vectors, of length n + m − 1; exact on exact input.",
      examples: ["conv([1, 2, 3], [0, 1, 0.5])"],
    },
    run: ({ args }, ev) => convolve1d(ev.expr(args[0]), ev.expr(args[1])),
  },
  {
    name: "conv2d",
    arity: [2, 2],
    options: WINDOW,
    help: {
      syntax: "conv2d(X, K), conv2d(X, K, padding = 1, stride = 2)",
      description:
        "The feature map of a convolutional layer: the kernel K slides over the image X unflipped (cross-correlation), Σᵤ,ᵥ X[i + u, j + v] K[u, v], over the positions where it fits (with zero padding and a stride if asked). A kernel as large as the image gives one number.",
      examples: [
        "conv2d([1, 2, 3; 4, 5, 6; 7, 8, 9], [1, 0, -1; 1, 0, -1; 1, 0, -1])",
        "conv2d([1, 2; 3, 4], [1, 1; 1, 1], padding = 1)",
      ],
    },
    run: featureMap(false),
  },
  {
    name: "convolve2d",
    arity: [2, 2],
    options: WINDOW,
    help: {
      syntax: "convolve2d(X, K)",
      description:
        "The true 2-D convolution: the kernel flipped in both directions, then slid over the image as conv2d does.",
      examples: ["convolve2d([1, 2, 3; 4, 5, 6; 7, 8, 9], [1, 0, -1; 1, 0, -1; 1, 0, -1])"],
    },
    run: featureMap(true),
  },
  {
    name: "pca",
    arity: [1, 2],
    help: {
      syntax: "pca(X), pca(X, k)",
      description:
        "Principal components of a data matrix (one sample per row): the unit eigenvectors of cov(X), largest variance first (as columns), the variance each explains and its ratio to the total, and the centred data projected onto the first k.",
      examples: ["pca([2, 0; 0, 1; -2, 0; 0, -1], 1)", "pca([1, 2; 2, 4; 3, 7; 4, 7])"],
    },
    run: ({ args }, ev) => principalComponents(ev.expr(args[0]), args[1] ? ev.expr(args[1]) : undefined),
  },
];
