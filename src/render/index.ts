// The printed forms of a value.
import type { Node } from "../graph/node.js";
import { print } from "./printer.js";
import { LATEX, PRETTY, TEXT } from "./style.js";

export const toText = (n: Node) => print(n, TEXT);
export const toLatex = (n: Node) => print(n, LATEX);
export const toPretty = (n: Node) => print(n, PRETTY);
export { renderLatex } from "./katex.js";
