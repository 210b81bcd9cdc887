// Printers for labelled results (records): each tag says how its fields read.
import type { Node, Struct } from "../graph/node.js";
import type { Style } from "./style.js";

type FieldPrinter = (fields: Map<string, Node>, style: Style, print: (n: Node) => string) => string;

function items(n: Node | undefined): readonly Node[] {
  return n?.kind === "tuple" ? n.items : n ? [n] : [];
}

const PRINTERS: Record<string, FieldPrinter> = {
  eig: (f, st, print) => {
    const values = items(f.get("values"));
    const vectors = items(f.get("vectors"));
    const lambda = st.symbol("λ");
    const v = st.symbol("v");
    const parts = values.map((value, i) => {
      const vec = vectors[i] ? `${st.name === "latex" ? `${v}_{${i + 1}}` : `${v}${i + 1}`} = ${print(vectors[i])}` : "";
      const l = st.name === "latex" ? `${lambda}_{${i + 1}}` : `${lambda}${i + 1}`;
      return `${l} = ${print(value)}${vec ? (st.name === "latex" ? ",\\ " : ", ") + vec : ""}`;
    });
    return parts.join(st.name === "latex" ? ";\\quad " : "; ");
  },
  diagonalization: (f, st, print) => {
    const [V, L, Vi] = ["V", "Λ", "Vinv"].map((k) => print(f.get(k)!));
    return st.name === "latex" ? `A = V \\Lambda V^{-1},\\quad V = ${V},\\ \\Lambda = ${L},\\ V^{-1} = ${Vi}` : `A = V Λ V⁻¹ with V = ${V}, Λ = ${L}, V⁻¹ = ${Vi}`;
  },
};

export function printStruct(n: Struct, style: Style, print: (n: Node) => string): string {
  const fields = new Map(n.fields.map((f) => [f.name, f.value]));
  const custom = PRINTERS[n.tag];
  if (custom) return custom(fields, style, print);
  const sep = style.name === "latex" ? ",\\quad " : ", ";
  return n.fields.map((f) => `${style.name === "latex" ? `\\text{${f.name}}` : f.name} = ${print(f.value)}`).join(sep);
}
