// `value.name`: a field of a record (a command's result: pca(X).components, a data set's X and y).
// The data of a data set lives in the session beside its description, so its X and y are read there.
import { mathError } from "../errors.js";
import { float, tensor } from "../graph/construct.js";
import type { Node } from "../graph/node.js";
import type { Environment } from "../environment.js";
import { didYouMean } from "./suggest.js";
import { layerMember } from "./networks-apply.js";

/** Fields that describe how a value is stored, not what it is. */
const INTERNAL = ["id"];

function datasetArrays(value: Node & { kind: "record" }, env: Environment): Map<string, Node> {
  const id = value.fields.find((f) => f.name === "id")?.value;
  const data = id?.kind === "str" ? env.datasets.get(id.value) : undefined;
  if (!data) return new Map();
  const matrix = (values: Float64Array, columns: number) =>
    columns === 1
      ? tensor([values.length], Array.from(values, float))
      : tensor([values.length / columns, columns], Array.from(values, float));
  return new Map([
    ["X", matrix(data.X, data.features)],
    ["y", matrix(data.y, data.outputs)],
  ]);
}

export function memberOf(value: Node, name: string, env: Environment): Node {
  if (value.kind !== "record")
    throw mathError(`.${name}: only a command's result or a data set has members, not this value`);
  // A layer's W and b: trained values, or its parameters' symbols before training.
  const parameter = value.tag === "layer" ? layerMember(value, name, env) : undefined;
  if (parameter) return parameter;
  const arrays = value.tag === "dataset" ? datasetArrays(value, env) : new Map<string, Node>();
  const found =
    arrays.get(name) ?? (INTERNAL.includes(name) ? undefined : value.fields.find((f) => f.name === name)?.value);
  if (found) return found;
  const names = [
    ...(value.tag === "layer" ? ["W", "b"] : []),
    ...arrays.keys(),
    ...value.fields.map((f) => f.name).filter((n) => !INTERNAL.includes(n)),
  ];
  const close = didYouMean(name, names);
  throw mathError(
    `this ${value.tag} has no member ${name}${close ? ` — did you mean ${close}?` : ""}; its members are ${names.join(", ")}`,
  );
}
