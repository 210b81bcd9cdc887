// Principal component analysis of a data matrix (one sample per row): the eigenvectors of the sample
// covariance matrix, largest eigenvalue first, as unit vectors; the variance each explains and its
// share of the total; and the centred data projected onto the first k. Exact where the eigenvalues
// are rational, in decimals otherwise.
import { mathError, shapeError } from "../errors.js";
import { addAll, apply, div, mul, sqrt, struct, tensor } from "../graph/construct.js";
import { rewriteToFloat } from "../graph/evalf.js";
import type { Node, Tensor } from "../graph/node.js";
import { fromRows, rowsOf } from "../graph/ops/arrays.js";
import { showShape } from "../graph/shape.js";
import { eigen } from "./decompositions.js";

function fieldOf(n: Node, name: string): Node | undefined {
  return n.kind === "record" ? n.fields.find((f) => f.name === name)?.value : undefined;
}

function itemsOf(n: Node | undefined): readonly Node[] {
  return n?.kind === "tuple" ? n.items : [];
}

function unit(v: Node): Node[] {
  if (v.kind !== "tensor") throw mathError("pca: an eigenvector is not a vector of values");
  const length = sqrt(addAll(v.entries.map((x) => mul(x, x))));
  return v.entries.map((x) => div(x, length));
}

export function principalComponents(data: Node, count: Node | undefined): Node {
  if (data.kind !== "tensor" || data.shape.length !== 2) {
    throw shapeError(
      `pca needs a data matrix of values with one sample per row, not ${data.kind === "tensor" ? `a ${showShape(data.shape)}` : "a symbolic array"}`,
    );
  }
  const [m, n] = data.shape as number[];
  if (m < 2) throw mathError("pca needs at least two samples (rows)");
  let k = n;
  if (count !== undefined) {
    if (count.kind !== "num" || !count.value.isInteger() || count.value.num < 1n || count.value.num > BigInt(n))
      throw mathError(`pca's number of components is a whole number from 1 to ${n}`);
    k = Number(count.value.num);
  }
  if (!data.entries.every((e) => e.kind === "num" || e.kind === "float"))
    throw mathError("pca needs a data matrix of numbers");
  const covariance = apply("cov", [data]);
  const decomposition = eigen(n === 1 ? tensor([1, 1], [covariance]) : covariance);
  const values = itemsOf(fieldOf(decomposition, "values"));
  const vectors = itemsOf(fieldOf(decomposition, "vectors"));
  if (vectors.length < k)
    throw mathError("pca: the covariance matrix has fewer eigenvectors than components asked for");
  const components = vectors.slice(0, k).map(unit);
  const total = addAll(values);
  if (total.kind === "num" && total.value.isZero())
    throw mathError("pca: the data has no variance (every sample is the same)");
  const centred = rowsOf(apply("center", [data]) as Tensor);
  const projected = centred.map((row) => components.map((c) => addAll(row.map((x, j) => mul(x, c[j])))));
  const columns = fromRows(Array.from({ length: n }, (_, j) => components.map((c) => c[j])));
  // Radicals of radicals (an irrational eigenvalue's unit eigenvector) help no reader: then decimals.
  const exact = values.every((v) => v.kind === "num");
  const shown = (x: Node) => (exact ? x : rewriteToFloat(x));
  return struct("pca", [
    { name: "components", value: shown(k === 1 ? tensor([n], components[0]) : columns) },
    { name: "variance", value: shown(tensor([k], values.slice(0, k))) },
    {
      name: "ratio",
      value: shown(
        tensor(
          [k],
          values.slice(0, k).map((v) => div(v, total)),
        ),
      ),
    },
    {
      name: "projected",
      value: shown(
        k === 1
          ? tensor(
              [m],
              projected.map((r) => r[0]),
            )
          : fromRows(projected),
      ),
    },
  ]);
}
