// Compiles an expression graph into a straight-line program over float arrays: every distinct node
// (the graph is interned, so a shared subexpression such as σ(Xw) is one node) becomes one step
// writing one register, in dependency order. Symbols become inputs; their declared dimensions
// (X ∈ ℝ^(m×d)) are bound from the values given at run time and checked against each other.
// Steps come from the fusions (./fusions.ts) and the operator table: each entry's `float` kernel
// entry by entry, or its `array` kernel. Every step also knows its adjoints, so a scalar program
// is differentiated in reverse mode: one forward sweep, one backward sweep, every input's gradient.
import { mathError, nameError, shapeError } from "../errors.js";
import { sym } from "../graph/construct.js";
import type { Node } from "../graph/node.js";
import { lookupOperator } from "../graph/operators.js";
import type { Shape } from "../graph/shape.js";
import { toText } from "../graph/print/forms.js";
import { toFloatArray, type FloatArray, type FloatInput } from "../numeric/float-array.js";
import type { Adjoints } from "../numeric/float-adjoints.js";
import { accumulate, entrywise, fold, productAdjoint } from "../numeric/entrywise.js";
import { FUSIONS } from "./fusions.js";
import { scalarKernel } from "./scalar-kernel.js";

export type InputValue = FloatInput;

export interface CompiledExpression {
  /** The symbols the expression needs, with their declared shapes. */
  readonly inputs: readonly { readonly name: string; readonly shape: Shape }[];
  /** The result's shape, in the declared dimensions. */
  readonly shape: Shape;
  /** The program, one line per step: `r4 = Aᵀ diag(v) A (r0, r3)`. */
  readonly program: readonly string[];
  run(values: Readonly<Record<string, InputValue>>): FloatArray;
  /**
   * A scalar expression's value and its gradient with respect to each input named in `wrt` (all
   * inputs by default), by reverse-mode differentiation of the program.
   */
  gradient(
    values: Readonly<Record<string, InputValue>>,
    wrt?: readonly string[],
  ): { value: number; gradients: Record<string, FloatArray> };
}

interface Step {
  readonly text: string;
  readonly args: readonly number[];
  /** The input this step reads, for input steps. */
  readonly input?: string;
  readonly forward: (args: FloatArray[]) => FloatArray;
  /** The arguments' adjoints given the result's; `wanted[k]` says whether argument k needs one. */
  readonly backward?: (
    args: FloatArray[],
    result: FloatArray,
    adjoint: FloatArray,
    wanted: boolean[],
  ) => (FloatArray | null)[];
}

const describe = (shape: readonly (number | string)[]) =>
  shape.length === 0 ? "a scalar" : shape.length === 1 ? `a vector of length ${shape[0]}` : shape.join("×");

const fromAdjoints =
  (vjp: Adjoints): Step["backward"] =>
  (args, result, adjoint) =>
    vjp(args, result, adjoint);

/** Reverse mode through a scalar function applied entry by entry: G ⊙ ∂f/∂argₖ, from the table's partials. */
function scalarFunctionAdjoints(op: string, arity: number): Step["backward"] {
  const entry = lookupOperator(op);
  if (!entry?.partials) return undefined;
  const params = Array.from({ length: arity }, (_, k) => sym(`u${k}`));
  let partials: ((xs: readonly number[]) => number)[] | null = null;
  return (args, _result, adjoint, wanted) => {
    partials ??= entry.partials!(params).map((p) => scalarKernel(p, params));
    return args.map((_, k) => (wanted[k] ? fold([adjoint, entrywise(args, partials![k])], "mul") : null));
  };
}

export function compile(root: Node): CompiledExpression {
  const steps: Step[] = [];
  const registerOf = new Map<Node, number>();
  const inputs = new Map<string, Shape>();
  let bound = new Map<string, FloatArray>();
  let dims = new Map<string, number>();

  const push = (
    text: string,
    args: number[],
    forward: Step["forward"],
    backward?: Step["backward"],
    input?: string,
  ): number => {
    const names = args.map((r) => `r${r}`).join(", ");
    steps.push({
      text: `r${steps.length} = ${text}${args.length ? ` (${names})` : ""}`,
      args,
      forward,
      backward,
      input,
    });
    return steps.length - 1;
  };
  const resolved = (shape: Shape): number[] =>
    shape.map((d) => {
      if (typeof d === "number") return d;
      const size = dims.get(d);
      if (size === undefined) throw shapeError(`the dimension ${d} is not fixed by any input`);
      return size;
    });

  const lower = (n: Node): number => {
    const known = registerOf.get(n);
    if (known !== undefined) return known;
    const r = lowerNew(n);
    registerOf.set(n, r);
    return r;
  };

  const lowerNew = (n: Node): number => {
    for (const fusion of FUSIONS) {
      const operands = fusion.match(n);
      if (operands) return push(fusion.name, operands.map(lower), fusion.kernel, fromAdjoints(fusion.vjp));
    }
    switch (n.kind) {
      case "num":
      case "float":
      case "const": {
        const x =
          n.kind === "num" ? n.value.toNumber() : n.kind === "float" ? n.value : n.name === "π" ? Math.PI : Math.E;
        const value: FloatArray = { shape: [], data: Float64Array.of(x) };
        return push(String(x), [], () => value);
      }
      case "sym": {
        if (n.name === "𝟏") {
          return push(`ones ${n.shape.join("×")}`, [], () => {
            const shape = resolved(n.shape);
            return { shape, data: new Float64Array(shape.reduce((p, d) => p * d, 1)).fill(1) };
          });
        }
        inputs.set(n.name, n.shape);
        // A scalar named like a dimension (the n of mse's mean over ℝ^n) is that dimension when no value is given.
        return push(
          `input ${n.name}`,
          [],
          () => bound.get(n.name) ?? { shape: [], data: Float64Array.of(dims.get(n.name)!) },
          undefined,
          n.name,
        );
      }
      case "add":
        return push(
          "add",
          n.terms.map(lower),
          (a) => fold(a, "add"),
          (a, _r, g) => a.map(() => g),
        );
      case "mul":
        return push(
          "multiply",
          n.factors.map(lower),
          (a) => fold(a, "mul"),
          (a, _r, g, wanted) => a.map((_, k) => (wanted[k] ? productAdjoint(a, k, g) : null)),
        );
      case "pow":
        return push(
          "power",
          [lower(n.base), lower(n.exp)],
          (a) => entrywise(a, ([b, e]) => Math.pow(b, e)),
          (a, r, g, wanted) => [
            wanted[0] ? fold([g, entrywise(a, ([b, e]) => (e === 0 ? 0 : e * Math.pow(b, e - 1)))], "mul") : null,
            wanted[1] ? fold([g, r, entrywise([a[0]], ([b]) => Math.log(b))], "mul") : null,
          ],
        );
      case "apply": {
        const entry = lookupOperator(n.op);
        const args = n.args.map(lower);
        if (entry?.array) return push(n.op, args, entry.array, entry.vjp && fromAdjoints(entry.vjp));
        if (entry?.float) {
          const f = entry.float;
          return push(n.op, args, (a) => entrywise(a, (xs) => f(...xs)), scalarFunctionAdjoints(n.op, n.args.length));
        }
        throw mathError(`${n.op} has no float kernel, so ${toText(n)} cannot be compiled`);
      }
      case "tensor": {
        const shape = [...n.shape];
        return push(
          `array ${shape.join("×")}`,
          n.entries.map(lower),
          (a) => ({ shape, data: Float64Array.from(a, (x) => x.data[0]) }),
          (a, _r, g) => a.map((_, k) => ({ shape: [], data: Float64Array.of(g.data[k]) })),
        );
      }
      default:
        throw mathError(`${toText(n)} cannot be compiled to a float program`);
    }
  };

  const result = lower(root);
  const dimensionNames = new Set(
    [...inputs.values()].flatMap((shape) => shape.filter((d): d is string => typeof d === "string")),
  );
  const declared = [...inputs]
    .map(([name, shape]) => ({ name, shape }))
    .filter((i) => !(i.shape.length === 0 && dimensionNames.has(i.name)));

  const bind = (values: Readonly<Record<string, InputValue>>) => {
    bound = new Map();
    dims = new Map();
    for (const { name, shape } of declared) {
      const given = Object.hasOwn(values, name) ? values[name] : undefined;
      if (given === undefined) throw nameError(`no value given for ${name}, which the expression needs`);
      const v = toFloatArray(name, given);
      if (v.shape.length !== shape.length)
        throw shapeError(`${name} is declared ${describe(shape)}, but its value is ${describe(v.shape)}`);
      shape.forEach((d, k) => {
        const size = v.shape[k];
        if (typeof d === "number") {
          if (d !== size)
            throw shapeError(`${name} is declared ${describe(shape)}, but its value is ${describe(v.shape)}`);
        } else if (dims.has(d) && dims.get(d) !== size) {
          throw shapeError(`${name} makes ${d} = ${size}, but an earlier input made ${d} = ${dims.get(d)}`);
        } else dims.set(d, size);
      });
      bound.set(name, v);
    }
  };

  const forward = (values: Readonly<Record<string, InputValue>>): FloatArray[] => {
    bind(values);
    const registers = new Array<FloatArray>(steps.length);
    for (let i = 0; i <= result; i++) registers[i] = steps[i].forward(steps[i].args.map((a) => registers[a]));
    return registers;
  };

  // Which registers depend on any of the given inputs: only they receive adjoints.
  const dependents = (wrt: ReadonlySet<string>): boolean[] => {
    const needs = new Array<boolean>(steps.length).fill(false);
    steps.forEach((s, i) => (needs[i] = s.input !== undefined ? wrt.has(s.input) : s.args.some((a) => needs[a])));
    return needs;
  };

  return {
    inputs: declared,
    shape: root.shape,
    program: steps.map((s) => s.text),
    run(values) {
      const out = forward(values)[result];
      const expected = resolved(root.shape);
      // Kernels demote n×1 to vectors and 1×1 to scalars; a declared dimension that is 1 keeps its place.
      if (out.data.length !== expected.reduce((p, d) => p * d, 1)) {
        throw shapeError(`the program made ${describe(out.shape)} where ${describe(expected)} was expected`);
      }
      return { shape: expected, data: out.data };
    },
    gradient(values, wrt) {
      if (root.shape.length !== 0)
        throw shapeError(`a gradient needs a scalar expression, not ${describe(root.shape)}`);
      const names = wrt ?? declared.map((d) => d.name);
      for (const name of names) if (!inputs.has(name)) throw nameError(`the expression does not depend on ${name}`);
      const registers = forward(values);
      const needs = dependents(new Set(names));
      const adjoints = new Array<FloatArray | undefined>(steps.length);
      adjoints[result] = { shape: [], data: Float64Array.of(1) };
      for (let i = result; i >= 0; i--) {
        const g = adjoints[i];
        const step = steps[i];
        if (!g || !needs[i] || step.args.length === 0) continue;
        if (!step.backward)
          throw mathError(`reverse mode cannot pass through ${step.text.replace(/^r\d+ = /, "")}: it has no adjoint`);
        const args = step.args.map((a) => registers[a]);
        const wanted = step.args.map((a) => needs[a]);
        step.backward(args, registers[i], g, wanted).forEach((ga, k) => {
          if (ga && wanted[k]) adjoints[step.args[k]] = accumulate(adjoints[step.args[k]], ga, args[k]);
        });
      }
      const gradients: Record<string, FloatArray> = {};
      for (const name of names) {
        const r = steps.findIndex((s) => s.input === name);
        const value = bound.get(name)!;
        gradients[name] = { shape: value.shape, data: adjoints[r]?.data ?? new Float64Array(value.data.length) };
      }
      return { value: registers[result].data[0], gradients };
    },
  };
}
