// The only way to make nodes: the canonical constructors of graph/primitives.ts (numbers, symbols,
// sums, products, powers, arrays…) and the operator table's `apply` (graph/operators.ts). The engine
// imports them from here; the operator rows import graph/primitives.ts and receive `apply`, since
// apply looks them up.
export * from "./primitives.js";
export { apply } from "./operators.js";
