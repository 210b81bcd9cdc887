// Discrete convolution: 1-D full convolution of two vectors, and the 2-D cross-correlation that
// convolutional layers compute (the kernel slides over the image unflipped), with zero padding and a
// stride; the true 2-D convolution flips the kernel first. Entries may be symbols, so the result
// is a tensor of expressions that differentiates entry by entry (∂/∂K of a feature map).
import { mathError, shapeError } from "../errors.js";
import { ZERO, addAll, mul, tensor } from "../graph/construct.js";
import type { Node, Tensor } from "../graph/node.js";
import { fromRows, rowsOf } from "../graph/ops/arrays.js";
import { showShape } from "../graph/shape.js";
import { checkBudget, reserveEntries } from "../budget.js";

function requireArray(name: string, what: string, n: Node, rank: number): Tensor {
  if (n.kind !== "tensor")
    throw mathError(
      `${name} needs the ${what} as a ${rank === 1 ? "vector" : "matrix"} of values, not a symbolic array`,
    );
  if (n.shape.length !== rank)
    throw shapeError(`${name} needs the ${what} as a ${rank === 1 ? "vector" : "matrix"}, not a ${showShape(n.shape)}`);
  return n;
}

/** (a ∗ b)ₖ = Σᵢ aᵢ bₖ₋ᵢ over the full length n + m − 1. */
export function convolve1d(a: Node, b: Node): Node {
  const x = requireArray("conv", "first argument", a, 1).entries;
  const k = requireArray("conv", "second argument", b, 1).entries;
  const n = x.length + k.length - 1;
  reserveEntries(n * Math.min(x.length, k.length), "the convolution");
  const out: Node[] = [];
  for (let j = 0; j < n; j++) {
    checkBudget();
    const terms: Node[] = [];
    for (let i = Math.max(0, j - k.length + 1); i <= Math.min(j, x.length - 1); i++) terms.push(mul(x[i], k[j - i]));
    out.push(addAll(terms));
  }
  return tensor([n], out);
}

export interface Conv2dOptions {
  padding: number;
  stride: number;
  /** True convolution: the kernel is flipped in both directions before it slides. */
  flip: boolean;
}

/** out[i, j] = Σᵤ,ᵥ X[i·s + u − p, j·s + v − p] · K[u, v], zeros outside X. */
export function convolve2d(image: Node, kernel: Node, { padding, stride, flip }: Conv2dOptions): Node {
  const name = flip ? "convolve2d" : "conv2d";
  if (padding < 0 || stride < 1) throw mathError(`${name}'s padding is a whole number ≥ 0 and its stride ≥ 1`);
  const X = rowsOf(requireArray(name, "image", image, 2));
  let K = rowsOf(requireArray(name, "kernel", kernel, 2));
  if (flip)
    K = K.slice()
      .reverse()
      .map((row) => row.slice().reverse());
  const [h, w] = [X.length, X[0].length];
  const [kh, kw] = [K.length, K[0].length];
  const outH = Math.floor((h + 2 * padding - kh) / stride) + 1;
  const outW = Math.floor((w + 2 * padding - kw) / stride) + 1;
  if (outH < 1 || outW < 1)
    throw shapeError(`a ${kh}×${kw} kernel does not fit in a ${h}×${w} image with padding ${padding}`);
  reserveEntries(outH * outW * kh * kw, "the convolution");
  const at = (r: number, c: number) => (r < 0 || c < 0 || r >= h || c >= w ? ZERO : X[r][c]);
  const rows: Node[][] = [];
  for (let i = 0; i < outH; i++) {
    checkBudget();
    const row: Node[] = [];
    for (let j = 0; j < outW; j++) {
      const terms: Node[] = [];
      for (let u = 0; u < kh; u++)
        for (let v = 0; v < kw; v++) terms.push(mul(at(i * stride + u - padding, j * stride + v - padding), K[u][v]));
      row.push(addAll(terms));
    }
    rows.push(row);
  }
  // One number when the kernel covers the whole image, as the notes' edge filter on a 3×3 patch.
  if (outH === 1 && outW === 1) return rows[0][0];
  return outW === 1 ? tensor([outH, 1], rows.flat()) : fromRows(rows);
}
