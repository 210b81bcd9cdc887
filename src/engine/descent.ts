// Gradient descent, exactly: x ← x − η∇f(x), step by step, with the whole trajectory kept.
import { mathError } from "../errors.js";
import { add, div, frac, int, mul, pow, sqrt, struct, sub, tensor, tuple } from "../graph/construct.js";
import { rewriteToFloat } from "../graph/evalf.js";
import type { Node } from "../graph/node.js";
import { gradient } from "./differentiate.js";
import { grouped, limitOf, overLimit } from "../budget.js";
import { substitute } from "./substitute.js";

function checkSteps(steps: number): void {
  if (!(steps >= 1)) throw mathError("steps must be at least 1");
  const cap = limitOf("descentSteps");
  if (steps > cap)
    throw overLimit("descentSteps", `${grouped(steps)} steps are too many; the limit is ${grouped(cap)}`);
}

/** Called after each step with the step number and the point reached (for progress displays). */
export type OnStep = (step: number, point: Node) => void;

export function gradientDescent(
  f: Node,
  vars: readonly Node[],
  start: readonly Node[],
  eta: Node,
  steps: number,
  onStep?: OnStep,
): Node {
  checkSteps(steps);
  const grad = gradient(f, vars);
  const partials = grad.kind === "tensor" ? grad.entries : [grad];
  let point = [...start];
  const path: Node[] = [pack(point)];
  for (let k = 0; k < steps; k++) {
    const at = new Map(vars.map((v, i) => [v, point[i]]));
    point = point.map((x, i) => sub(x, mul(eta, substitute(partials[i], at))));
    path.push(pack(point));
    onStep?.(k + 1, path[path.length - 1]);
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

export type Method = "momentum" | "nesterov" | "rmsprop" | "adam";

export interface MethodParams {
  eta: Node;
  gamma?: Node;
  beta?: Node;
  beta1?: Node;
  beta2?: Node;
  epsilon?: Node;
}

/**
 * The update rules of the notes, step by step. Momentum and Nesterov stay exact;
 * RMSprop and Adam take square roots, so they run in floats.
 *   momentum: v ← γv + η∇f(x), x ← x − v
 *   nesterov: v ← γv + η∇f(x − γv), x ← x − v
 *   rmsprop:  s ← βs + (1 − β)g², x ← x − ηg/(√s + ε)
 *   adam:     m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², x ← x − η m̂/(√v̂ + ε) with bias correction
 */
export function descentMethod(
  method: Method,
  f: Node,
  vars: readonly Node[],
  start: readonly Node[],
  p: MethodParams,
  steps: number,
  onStep?: OnStep,
): Node {
  checkSteps(steps);
  const grad = gradient(f, vars);
  const partials = grad.kind === "tensor" ? grad.entries : [grad];
  const inexact = method === "rmsprop" || method === "adam";
  const value = (n: Node) => (inexact ? rewriteToFloat(n) : n);
  const g = (x: readonly Node[]) => partials.map((d) => value(substitute(d, new Map(vars.map((v, i) => [v, x[i]])))));
  const one = int(1);
  let x = start.map(value);
  let v = x.map(() => int(0) as Node);
  let m = x.map(() => int(0) as Node);
  const path: Node[] = [pack(x)];
  const gamma = p.gamma ?? frac(9, 10);
  const beta = p.beta ?? frac(9, 10);
  const beta1 = value(p.beta1 ?? frac(9, 10));
  const beta2 = value(p.beta2 ?? frac(999, 1000));
  const eps = value(p.epsilon ?? frac(1, 100_000_000));
  for (let t = 1; t <= steps; t++) {
    if (method === "momentum" || method === "nesterov") {
      const look = method === "nesterov" ? x.map((xi, i) => sub(xi, mul(gamma, v[i]))) : x;
      const grads = g(look);
      v = v.map((vi, i) => add(mul(gamma, vi), mul(p.eta, grads[i])));
      x = x.map((xi, i) => sub(xi, v[i]));
    } else if (method === "rmsprop") {
      const grads = g(x);
      v = v.map((si, i) => value(add(mul(beta, si), mul(sub(one, beta), pow(grads[i], int(2))))));
      x = x.map((xi, i) => value(sub(xi, div(mul(p.eta, grads[i]), add(sqrt(v[i]), eps)))));
    } else {
      const grads = g(x);
      m = m.map((mi, i) => value(add(mul(beta1, mi), mul(sub(one, beta1), grads[i]))));
      v = v.map((vi, i) => value(add(mul(beta2, vi), mul(sub(one, beta2), pow(grads[i], int(2))))));
      const mHat = m.map((mi) => value(div(mi, sub(one, pow(beta1, int(t))))));
      const vHat = v.map((vi) => value(div(vi, sub(one, pow(beta2, int(t))))));
      x = x.map((xi, i) => value(sub(xi, div(mul(value(p.eta), mHat[i]), add(sqrt(vHat[i]), eps)))));
    }
    path.push(pack(x));
    onStep?.(t, path[path.length - 1]);
  }
  return struct("descent", [
    { name: "point", value: path[path.length - 1] },
    { name: "path", value: tuple(path) },
    { name: "steps", value: int(steps) },
  ]);
}
