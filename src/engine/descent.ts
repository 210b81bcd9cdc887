// Gradient descent, exactly: x ← x − η∇f(x), step by step, with the whole trajectory kept.
import { mathError } from "../errors.js";
import { int, mul, struct, sub, tensor, tuple } from "../graph/construct.js";
import type { Node } from "../graph/node.js";
import { gradient } from "./differentiate.js";
import { substitute } from "./substitute.js";

export function gradientDescent(f: Node, vars: readonly Node[], start: readonly Node[], eta: Node, steps: number): Node {
  if (steps < 1 || steps > 10_000) throw mathError("steps must be between 1 and 10,000");
  const grad = gradient(f, vars);
  const partials = grad.kind === "tensor" ? grad.entries : [grad];
  let point = [...start];
  const path: Node[] = [pack(point)];
  for (let k = 0; k < steps; k++) {
    const at = new Map(vars.map((v, i) => [v, point[i]]));
    point = point.map((x, i) => sub(x, mul(eta, substitute(partials[i], at))));
    path.push(pack(point));
  }
  return struct("descent", [
    { name: "point", value: path[path.length - 1] },
    { name: "path", value: tuple(path) },
    { name: "steps", value: int(steps) },
  ]);
}

function pack(point: readonly Node[]): Node {
  return point.length === 1 ? point[0] : tensor([point.length], point);
}
