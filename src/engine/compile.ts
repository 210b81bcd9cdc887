// Compiles an expression graph into a straight-line program over float arrays: every distinct node
// (the graph is interned, so a shared subexpression such as σ(Xw) is one node) becomes one step
// writing one register, in dependency order. Symbols become inputs; their declared dimensions
// (X ∈ ℝ^(m×d)) are bound from the values given at run time and checked against each other.
// Steps come from the operator table (each entry's `float` or `array` kernel) and, first, from the
// fusions below: products that are cheaper as one kernel than as their parts.
import { mathError, nameError, shapeError } from "../errors.js";
import type { Apply, Node } from "../graph/node.js";
import { lookupOperator } from "../graph/operators.js";
import type { Shape } from "../graph/shape.js";
import { toText } from "../render/index.js";
import type { FloatArray } from "../numeric/float-array.js";
import * as kernels from "../numeric/float-kernels.js";
import { weightedGramFast } from "../numeric/gram-parallel.js";

export type InputValue = FloatArray | number | readonly number[] | readonly (readonly number[])[];

export interface CompiledExpression {
  /** The symbols the expression needs, with their declared shapes. */
  readonly inputs: readonly { readonly name: string; readonly shape: Shape }[];
  /** The result's shape, in the declared dimensions. */
  readonly shape: Shape;
  /** The program, one line per step: `r4 = Aᵀ diag(v) A (r0, r3)`. */
  readonly program: readonly string[];
  run(values: Readonly<Record<string, InputValue>>): FloatArray;
}

interface Step {
  readonly text: string;
  readonly run: (registers: FloatArray[]) => FloatArray;
}

interface Fusion {
  readonly name: string;
  /** The operands when `n` has this form. */
  readonly match: (n: Node) => Node[] | null;
  readonly kernel: (args: FloatArray[]) => FloatArray;
}

const isApply = (n: Node, op: string): n is Apply => n.kind === "apply" && n.op === op;
const isMatrix = (n: Node) => n.shape.length === 2;
const isVector = (n: Node) => n.shape.length === 1;

/** A, v when n is Aᵀ diag(v) A, nested either way. */
function gramOperands(n: Node): Node[] | null {
  if (!isApply(n, "matmul")) return null;
  const [left, right] = n.args;
  if (isApply(left, "transpose") && isApply(right, "matmul") && isApply(right.args[0], "diag")) {
    const [A, v] = [left.args[0], right.args[0].args[0]];
    return isMatrix(A) && isVector(v) && right.args[1] === A ? [A, v] : null;
  }
  if (isApply(left, "matmul") && isApply(left.args[0], "transpose") && isApply(left.args[1], "diag")) {
    const [A, v] = [left.args[0].args[0], left.args[1].args[0]];
    return isMatrix(A) && isVector(v) && right === A ? [A, v] : null;
  }
  return null;
}

const FUSIONS: readonly Fusion[] = [
  {
    name: "Aᵀ diag(v) A",
    match: gramOperands,
    kernel: ([A, v]) => {
      const [m, n] = A.shape;
      if (v.data.length !== m) throw shapeError(`Aᵀ diag(v) A needs v of length ${m}, not ${v.data.length}`);
      return { shape: [n, n], data: weightedGramFast(A.data, m, n, v.data) };
    },
  },
  {
    name: "Aᵀ B",
    match: (n) => (isApply(n, "matmul") && isApply(n.args[0], "transpose") && isMatrix(n.args[0].args[0]) ? [n.args[0].args[0], n.args[1]] : null),
    kernel: ([A, B]) => kernels.transposeTimes(A, B),
  },
  {
    name: "diag(v) B",
    match: (n) => (isApply(n, "matmul") && isApply(n.args[0], "diag") && isVector(n.args[0].args[0]) ? [n.args[0].args[0], n.args[1]] : null),
    kernel: ([v, B]) => kernels.diagTimes(v, B),
  },
];

/** Entry by entry over arrays of one size; scalars (one entry) are broadcast. */
function entrywise(args: FloatArray[], f: (xs: number[]) => number): FloatArray {
  const big = args.find((a) => a.shape.length > 0);
  if (!big) return { shape: [], data: Float64Array.of(f(args.map((a) => a.data[0]))) };
  const size = big.data.length;
  for (const a of args) {
    if (a.shape.length > 0 && a.data.length !== size) throw shapeError(`entry-by-entry operation on a ${big.shape.join("×")} and a ${a.shape.join("×")} array`);
  }
  const out = new Float64Array(size);
  if (args.length === 1) {
    const x = args[0].data;
    for (let i = 0; i < size; i++) out[i] = f([x[i]]);
    return { shape: big.shape, data: out };
  }
  const xs = new Array<number>(args.length);
  for (let i = 0; i < size; i++) {
    for (let k = 0; k < args.length; k++) xs[k] = args[k].data.length === 1 && args[k].shape.length === 0 ? args[k].data[0] : args[k].data[i];
    out[i] = f(xs);
  }
  return { shape: big.shape, data: out };
}

/** Sums and products fold their operands pairwise in place: no closure call per entry. */
function fold(args: FloatArray[], unit: number, combine: "add" | "mul"): FloatArray {
  const big = args.find((a) => a.shape.length > 0);
  const size = big ? big.data.length : 1;
  const out = new Float64Array(size).fill(unit);
  for (const a of args) {
    const x = a.data;
    if (a.shape.length === 0) {
      const c = x[0];
      if (combine === "add") for (let i = 0; i < size; i++) out[i] += c;
      else for (let i = 0; i < size; i++) out[i] *= c;
    } else {
      if (x.length !== size) throw shapeError(`entry-by-entry operation on a ${big!.shape.join("×")} and a ${a.shape.join("×")} array`);
      if (combine === "add") for (let i = 0; i < size; i++) out[i] += x[i];
      else for (let i = 0; i < size; i++) out[i] *= x[i];
    }
  }
  return { shape: big ? big.shape : [], data: out };
}

function toFloatArray(name: string, v: InputValue): FloatArray {
  if (typeof v === "number") return { shape: [], data: Float64Array.of(v) };
  if ("data" in v && "shape" in v) return v;
  const rows = v as readonly (number | readonly number[])[];
  if (rows.every((r) => typeof r === "number")) return { shape: [rows.length], data: Float64Array.from(rows as number[]) };
  const width = (rows[0] as readonly number[]).length;
  if (rows.some((r) => typeof r === "number" || r.length !== width)) throw shapeError(`${name}: every row needs ${width} entries`);
  const data = new Float64Array(rows.length * width);
  rows.forEach((r, i) => data.set(r as readonly number[], i * width));
  return { shape: [rows.length, width], data };
}

const describe = (shape: readonly (number | string)[]) => (shape.length === 0 ? "a scalar" : shape.length === 1 ? `a vector of length ${shape[0]}` : shape.join("×"));

export function compile(root: Node): CompiledExpression {
  const steps: Step[] = [];
  const registerOf = new Map<Node, number>();
  const inputs = new Map<string, Shape>();
  let bound: Map<string, FloatArray> = new Map();
  let dims: Map<string, number> = new Map();

  const push = (text: string, run: Step["run"]): number => {
    steps.push({ text: `r${steps.length} = ${text}`, run });
    return steps.length - 1;
  };
  const resolved = (shape: Shape): number[] =>
    shape.map((d) => {
      if (typeof d === "number") return d;
      const size = dims.get(d);
      if (size === undefined) throw shapeError(`the dimension ${d} is not fixed by any input`);
      return size;
    });
  const names = (regs: number[]) => regs.map((r) => `r${r}`).join(", ");

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
      if (!operands) continue;
      const regs = operands.map(lower);
      return push(`${fusion.name} (${names(regs)})`, (R) => fusion.kernel(regs.map((r) => R[r])));
    }
    switch (n.kind) {
      case "num": case "float": case "const": {
        const x = n.kind === "num" ? n.value.toNumber() : n.kind === "float" ? n.value : n.name === "π" ? Math.PI : Math.E;
        const value: FloatArray = { shape: [], data: Float64Array.of(x) };
        return push(String(x), () => value);
      }
      case "sym": {
        if (n.name === "𝟏") return push(`ones ${n.shape.join("×")}`, () => {
          const shape = resolved(n.shape);
          return { shape, data: new Float64Array(shape.reduce((p, d) => p * d, 1)).fill(1) };
        });
        inputs.set(n.name, n.shape);
        return push(`input ${n.name}`, () => bound.get(n.name)!);
      }
      case "add": {
        const regs = n.terms.map(lower);
        return push(`add (${names(regs)})`, (R) => fold(regs.map((r) => R[r]), 0, "add"));
      }
      case "mul": {
        const regs = n.factors.map(lower);
        return push(`multiply (${names(regs)})`, (R) => fold(regs.map((r) => R[r]), 1, "mul"));
      }
      case "pow": {
        const regs = [lower(n.base), lower(n.exp)];
        return push(`power (${names(regs)})`, (R) => entrywise([R[regs[0]], R[regs[1]]], ([b, e]) => Math.pow(b, e)));
      }
      case "apply": {
        const entry = lookupOperator(n.op);
        const regs = n.args.map(lower);
        if (entry?.array) {
          const kernel = entry.array;
          return push(`${n.op} (${names(regs)})`, (R) => kernel(regs.map((r) => R[r])));
        }
        if (entry?.float) {
          const f = entry.float;
          return push(`${n.op} (${names(regs)})`, (R) => entrywise(regs.map((r) => R[r]), (xs) => f(...xs)));
        }
        throw mathError(`${n.op} has no float kernel, so ${toText(n)} cannot be compiled`);
      }
      case "tensor": {
        const regs = n.entries.map(lower);
        const shape = [...n.shape];
        return push(`array ${shape.join("×")} (${names(regs)})`, (R) => ({ shape, data: Float64Array.from(regs, (r) => R[r].data[0]) }));
      }
      default:
        throw mathError(`${toText(n)} cannot be compiled to a float program`);
    }
  };

  const result = lower(root);
  const declared = [...inputs].map(([name, shape]) => ({ name, shape }));
  const program = steps.map((s) => s.text);

  const bind = (values: Readonly<Record<string, InputValue>>) => {
    bound = new Map();
    dims = new Map();
    for (const { name, shape } of declared) {
      const given = values[name];
      if (given === undefined) throw nameError(`no value given for ${name}, which the expression needs`);
      const v = toFloatArray(name, given);
      if (v.shape.length !== shape.length) throw shapeError(`${name} is declared ${describe(shape)}, but its value is ${describe(v.shape)}`);
      shape.forEach((d, k) => {
        const size = v.shape[k];
        if (typeof d === "number") {
          if (d !== size) throw shapeError(`${name} is declared ${describe(shape)}, but its value is ${describe(v.shape)}`);
        } else if (dims.has(d) && dims.get(d) !== size) {
          throw shapeError(`${name} makes ${d} = ${size}, but an earlier input made ${d} = ${dims.get(d)}`);
        } else dims.set(d, size);
      });
      bound.set(name, v);
    }
  };

  return {
    inputs: declared,
    shape: root.shape,
    program,
    run(values) {
      bind(values);
      const registers = new Array<FloatArray>(steps.length);
      for (let i = 0; i < steps.length; i++) registers[i] = steps[i].run(registers);
      const out = registers[result];
      const expected = resolved(root.shape);
      // Kernels demote n×1 to vectors and 1×1 to scalars; a declared dimension that is 1 keeps its place.
      if (out.data.length !== expected.reduce((p, d) => p * d, 1)) {
        throw shapeError(`the program made ${describe(out.shape)} where ${describe(expected)} was expected`);
      }
      return { shape: expected, data: out.data };
    },
  };
}
