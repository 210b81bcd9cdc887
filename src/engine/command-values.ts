// Results of commands as values. `solve` gives a set of solutions, `critical` and `lagrange` a set of
// points, `gd` (and the other descent methods) a path: each reads as a list of points, so
// `sol[1]` is the first solution (a number for one unknown, a vector [x, y] for several),
// `sol[1, 2]` its second coordinate, and `g[k]` the point after k steps. The same points are what
// `expect` compares when an answer or a key is one of these results.
import { tensor } from "../graph/construct.js";
import type { Node } from "../graph/node.js";

/** One point of a result: its coordinates and, where the result names them, the variables. */
export interface ResultPoint {
  names: (string | null)[];
  coords: Node[];
}

function field(node: Node, name: string): Node | undefined {
  return node.kind === "record" ? node.fields.find((f) => f.name === name)?.value : undefined;
}

/** `x = 2, y = 1` (a tuple of equations) as a point. */
function pointOfEquations(node: Node): ResultPoint | null {
  if (node.kind !== "tuple") return null;
  const names: (string | null)[] = [];
  const coords: Node[] = [];
  for (const item of node.items) {
    if (item.kind !== "rel" || item.op !== "=") return null;
    names.push(item.left.kind === "sym" ? item.left.name : null);
    coords.push(item.right);
  }
  return { names, coords };
}

/** A point given as a value: a number (one coordinate) or a vector of coordinates. */
function pointOfValue(node: Node): ResultPoint {
  if (node.kind === "tensor" && node.shape.length === 1)
    return { names: node.entries.map(() => null), coords: [...node.entries] };
  return { names: [null], coords: [node] };
}

/** The points of a command's result, in its order, or null when `node` is not such a result. */
export function resultPoints(node: Node): ResultPoint[] | null {
  if (node.kind !== "record") return null;
  const items = field(node, "items");
  switch (node.tag) {
    case "solutions": {
      if (items?.kind !== "tuple") return null;
      const points = items.items.map(pointOfEquations);
      return points.every((p) => p !== null) ? (points as ResultPoint[]) : null;
    }
    case "points": {
      if (items?.kind !== "tuple") return null;
      const points = items.items.map((p) => pointOfEquations(field(p, "at") ?? p));
      return points.every((p) => p !== null) ? (points as ResultPoint[]) : null;
    }
    case "descent": {
      const path = field(node, "path");
      // The path starts at the starting point; the k-th item is the point after k steps.
      return path?.kind === "tuple" ? path.items.slice(1).map(pointOfValue) : null;
    }
    default:
      return null;
  }
}

/** A point as the value `sol[k]` reads: its one coordinate, or the vector of them. */
export function pointValue(p: ResultPoint): Node {
  return p.coords.length === 1 ? p.coords[0] : tensor([p.coords.length], p.coords);
}

/** The items of a result as values (`sol[k]`), or null when `node` is not a command's result. */
export function resultItems(node: Node): Node[] | null {
  return resultPoints(node)?.map(pointValue) ?? null;
}
