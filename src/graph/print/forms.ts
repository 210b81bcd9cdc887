// The printed forms of a value: text (what reads back), pretty (Unicode) and LaTeX strings, from
// the operator rows. The engine quotes values with them in its messages; render/ typesets the LaTeX.
import type { Node } from "../node.js";
import { print } from "./printer.js";
import { LATEX, PRETTY, TEXT } from "./style.js";
import { LATEX_SIZES, PRETTY_SIZES, sizedNames } from "./readback-sizes.js";
import type { BareDefaults } from "./readback-sizes.js";

export const toText = (n: Node) => print(n, TEXT);
export const toLatex = (n: Node) => latexIn(n, null);
export const toPretty = (n: Node) => prettyIn(n, null);

/**
 * The forms in a session whose declarations make a bare I and 𝟏 read back as `sizes`; an identity or
 * all-ones array whose size neither its use nor those sizes give back prints with it (`I_n`, `𝟏_m`).
 */
export const latexIn = (n: Node, sizes: BareDefaults | null) => print(n, LATEX, sizedNames(n, LATEX_SIZES, sizes));
export const prettyIn = (n: Node, sizes: BareDefaults | null) => print(n, PRETTY, sizedNames(n, PRETTY_SIZES, sizes));
