// Printers for labelled results (records): each tag says how its fields read.
import type { Node, Struct } from "../node.js";
import { latexText, type Style } from "./style.js";

type FieldPrinter = (fields: Map<string, Node>, style: Style, print: (n: Node) => string) => string;

function items(n: Node | undefined): readonly Node[] {
  return n?.kind === "tuple" ? n.items : n ? [n] : [];
}

/** Gradient-descent results read as decimals when they terminate: 3.2, not 16/5. */
function decimal(n: Node, print: (n: Node) => string): string {
  if (n.kind === "num" && !n.value.isInteger()) {
    let d = n.value.den;
    for (const p of [2n, 5n]) while (d % p === 0n) d /= p;
    if (d === 1n && n.value.den <= 10n ** 12n) return n.value.toNumber().toString();
  }
  if (n.kind === "tensor") return `[${n.entries.map((e) => decimal(e, print)).join(", ")}]`;
  return print(n);
}

function text(n: Node | undefined): string {
  return n?.kind === "str" ? n.value : "";
}

function word(st: Style, s: string): string {
  return st.name === "latex" ? `\\text{${latexText(s)}}` : s;
}

const thousands = (n: Node | undefined) => (n?.kind === "num" ? Number(n.value.num).toLocaleString("en-US") : "?");

const PRINTERS: Record<string, FieldPrinter> = {
  layer: (f, st) =>
    word(st, `dense(${thousands(f.get("inputs"))} → ${thousands(f.get("outputs"))}, ${text(f.get("activation"))})`),
  network: (f, st) => {
    const layers = items(f.get("layers")) as Struct[];
    const first = layers[0]?.fields.find((x) => x.name === "inputs")?.value;
    const chain = [
      thousands(first),
      ...layers.map((l) => `${thousands(l.fields[1].value)} ${text(l.fields[2].value)}`),
    ].join(" → ");
    return word(st, `${chain} (${thousands(f.get("parameters"))} parameters)`);
  },
  dataset: (f, st) => {
    const features = thousands(f.get("features"));
    const classes = f.get("classes");
    const target =
      classes?.kind === "num" && classes.value.isZero() ? "a real target" : `${thousands(classes)} classes`;
    return word(
      st,
      `data set ${text(f.get("name"))}: ${thousands(f.get("samples"))} samples, ${features} feature${features === "1" ? "" : "s"}, ${target}`,
    );
  },
  training: (f, st, print) =>
    word(
      st,
      `trained ${thousands(f.get("epochs"))} epochs${text(f.get("stopped")) ? " (stopped early)" : ""}: loss ${print(f.get("loss")!)}${f.has("accuracy") ? `, accuracy ${((f.get("accuracy") as { value: number }).value * 100).toFixed(1)}%` : ""}`,
    ),
  perceptron: (f, st) => {
    const steps = items(f.get("steps")).map((l) => (l.kind === "str" ? l.value : ""));
    const w = items(f.get("w")).map((x) => (x.kind === "float" ? String(x.value) : "?"));
    const b = f.get("b");
    const summary = `${text(f.get("converged")) === "yes" ? "converged" : "did not converge"}: w = (${w.join(", ")}), b = ${b?.kind === "float" ? b.value : "?"}`;
    if (st.name === "latex") return word(st, summary);
    return [...steps, summary].join(st.name === "pretty" ? "\n" : "; ");
  },
  backprop: (f, st, print) => {
    // [what, left side, value]: δˡ = …, or ∂L/∂Wˡ = … for "∂".
    // The loss's own name when it has one (∂J/∂W of J = mse(y, lin(x))), else L.
    const loss = f.get("loss");
    const L = loss ? print(loss) : "L";
    const equations = items(f.get("equations")).map((e) => {
      const [what, name, value] = items(e);
      const left =
        text(what) !== "∂"
          ? print(name)
          : st.name === "latex"
            ? `\\frac{\\partial ${L}}{\\partial ${print(name)}}`
            : `∂${L}/∂${print(name)}`;
      return st.name === "latex" ? `${left} &= ${print(value)}` : `${left} = ${print(value)}`;
    });
    const note = `(${text(f.get("note"))})`;
    if (st.name === "latex") return `\\begin{aligned}${equations.join(" \\\\ ")}\\end{aligned}`;
    return [...equations, note].join(st.name === "pretty" ? "\n" : "; ");
  },
  solutions: (f, st, print) => {
    const sets = items(f.get("items"));
    const note = text(f.get("note"));
    if (sets.length === 0) return word(st, note || "no real solution");
    const one = (set: Node) => items(set).map(print).join(", ");
    const body =
      sets.length === 1 || items(sets[0]).length === 1
        ? sets.map(one).join(", ")
        : sets.map((x) => st.paren(one(x))).join(", ");
    return note ? `${body}${st.name === "latex" ? "\\quad" : ""} ${word(st, `(${note})`)}` : body;
  },
  point: (f, st, print) => {
    const at = items(f.get("at")).map(print).join(", ");
    const exact = text(f.get("exact")) === "numeric" ? ", numeric" : "";
    const corner = f.get("corner") ? `, ${text(f.get("corner"))}` : "";
    return `${at}: ${word(st, `${text(f.get("kind"))}${exact}${corner}, value`)} ${print(f.get("value")!)}`;
  },
  points: (f, st, print) => {
    const list = items(f.get("items"));
    const note = text(f.get("note"));
    if (list.length === 0) return word(st, note || "no real stationary point");
    const body = list.map(print).join(st.name === "latex" ? ";\\quad " : "; ");
    return note ? `${body}${st.name === "latex" ? "\\quad" : ""} ${word(st, `(${note})`)}` : body;
  },
  // A proved optimum reads `25 at x = 5, y = 5`; anything less says so: `local maximum 8 at …; f is unbounded above …`.
  optimum: (f, st, print) => {
    const status = text(f.get("status"));
    const note = text(f.get("note"));
    const at = `${word(st, "at")} ${items(f.get("at")).map(print).join(", ")}`;
    if (status === "none") return word(st, note);
    if (status === "local")
      return `${word(st, `${text(f.get("kind"))} `)}${print(f.get("value")!)} ${at}${word(st, `; ${note}`)}`;
    return `${print(f.get("value")!)} ${at}`;
  },
  descent: (f, st, print) => {
    const path = items(f.get("path"));
    if (path.length === 2) return decimal(f.get("point")!, print);
    return path.map((p) => decimal(p, print)).join(st.name === "latex" ? " \\to " : " → ");
  },
  convexity: (f, st) => {
    const answer = text(f.get("convex"));
    const reason = text(f.get("reason"));
    const words = answer === "true" ? "convex" : answer === "false" ? "not convex" : "undecided";
    return st.name === "latex" ? `\\text{${words}: ${latexText(reason)}}` : `${answer}: ${reason}`;
  },
  // A series reads from the lowest power up: 1 + x + x²/2 + x³/6.
  series: (f, st, print) => {
    const terms = items(f.get("terms"));
    if (terms.length === 0) return "0";
    return terms
      .map((t, i) => {
        const s = print(t);
        if (i === 0) return s;
        return s.startsWith("-") || s.startsWith("−") ? ` ${st.minus} ${s.slice(1)}` : ` + ${s}`;
      })
      .join("");
  },
  eig: (f, st, print) => {
    const values = items(f.get("values"));
    const vectors = items(f.get("vectors"));
    const lambda = st.symbol("λ");
    const v = st.symbol("v");
    const parts = values.map((value, i) => {
      const vec = vectors[i]
        ? `${st.name === "latex" ? `${v}_{${i + 1}}` : `${v}${i + 1}`} = ${print(vectors[i])}`
        : "";
      const l = st.name === "latex" ? `${lambda}_{${i + 1}}` : `${lambda}${i + 1}`;
      return `${l} = ${print(value)}${vec ? (st.name === "latex" ? ",\\ " : ", ") + vec : ""}`;
    });
    return parts.join(st.name === "latex" ? ";\\quad " : "; ");
  },
  // A distribution reads as the call that makes it: Bernoulli(3/10), Normal(μ, σ²).
  distribution: (f, st, print) => {
    const family = text(f.get("family"));
    const params = [...f.entries()].filter(([name]) => name !== "family" && name !== "id").map(([, v]) => print(v));
    return st.name === "latex"
      ? `\\operatorname{${family}}\\left(${params.join(", ")}\\right)`
      : `${family}(${params.join(", ")})`;
  },
  diagonalization: (f, st, print) => {
    const [V, L, Vi] = ["V", "Λ", "Vinv"].map((k) => print(f.get(k)!));
    return st.name === "latex"
      ? `A = V \\Lambda V^{-1},\\quad V = ${V},\\ \\Lambda = ${L},\\ V^{-1} = ${Vi}`
      : `A = V Λ V⁻¹ with V = ${V}, Λ = ${L}, V⁻¹ = ${Vi}`;
  },
};

/**
 * Math mode drops spaces, so `25 \text{at} x` reads "25atx": a space beside a `\text{…}` becomes a
 * LaTeX space (`\ `), inside or outside the braces.
 */
export function keepTextSpaces(latex: string): string {
  return latex.replace(
    /(\s*)\\text\{((?:[^{}\\]|\\.|\{\})*)\}(\s*)/g,
    (_, before: string, body: string, after: string) => {
      const inner = body.match(/^(\s*)([\s\S]*?)(\s*)$/)!;
      const lead = before || inner[1] ? "\\ " : "";
      const trail = after || inner[3] ? "\\ " : "";
      return `${lead}\\text{${inner[2]}}${trail}`;
    },
  );
}

export function printStruct(n: Struct, style: Style, print: (n: Node) => string): string {
  const fields = new Map(n.fields.map((f) => [f.name, f.value]));
  const custom = PRINTERS[n.tag];
  if (custom)
    return style.name === "latex" ? keepTextSpaces(custom(fields, style, print)) : custom(fields, style, print);
  const sep = style.name === "latex" ? ",\\quad " : ", ";
  return n.fields
    .map((f) => `${style.name === "latex" ? `\\text{${latexText(f.name)}}` : f.name} = ${print(f.value)}`)
    .join(sep);
}
