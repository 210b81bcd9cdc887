// An AST as an S-expression, so parse tests read as the structure they expect.
import type { Expr, Statement } from "../../src/syntax/ast.js";

export function sexp(e: Expr): string {
  switch (e.kind) {
    case "number":
      return e.text;
    case "string":
      return JSON.stringify(e.value);
    case "name":
      return e.name;
    case "binary":
      return `(${e.op} ${sexp(e.left)} ${sexp(e.right)})`;
    case "neg":
      return `(neg ${sexp(e.arg)})`;
    case "approx":
      return `(≈ ${sexp(e.arg)})`;
    case "call":
      return `(${e.callee}${"'".repeat(e.primes)} ${e.args.map(sexp).join(" ")})`.replace(/ \)$/, ")");
    case "index":
      return `(index ${sexp(e.target)} ${e.indices.map((i) => (i === "all" ? ":" : sexp(i))).join(" ")})`;
    case "member":
      return `(. ${sexp(e.target)} ${e.name})`;
    case "transpose":
      return `(ᵀ ${sexp(e.arg)})`;
    case "matrix":
      return `[${e.rows.map((r) => r.map(sexp).join(" ")).join("; ")}]`;
    case "norm":
      return `(norm${e.p ? `_${e.p}` : ""} ${sexp(e.arg)})`;
    case "abs":
      return `(abs ${sexp(e.arg)})`;
    case "derivative":
      return `(d/${e.vars.map((v) => v.path.join(".") + (v.order > 1 ? `^${v.order}` : "")).join(",")} ${sexp(e.arg)})`;
    case "partialOf":
      return `(∂ ${e.fn.join(".")} / ${e.vars.map((v) => v.path.join(".") + (v.order > 1 ? `^${v.order}` : "")).join(",")})`;
    case "grad":
      return `(∇${e.order > 1 ? e.order : ""}${e.wrt.length ? `_${e.wrt.join(",")}` : ""} ${sexp(e.arg)})`;
    case "bigop":
      return `(${e.op} ${e.index ?? ""}${e.from ? `=${sexp(e.from)}` : ""}${e.to ? `..${sexp(e.to)}` : ""} ${sexp(e.body)})`;
    case "relation":
      return `(${e.op} ${sexp(e.left)} ${sexp(e.right)})`;
    case "range":
      return `(.. ${sexp(e.from)} ${sexp(e.to)})`;
    case "arrow":
      return `(→ ${e.items.map(sexp).join(" ")})`;
  }
}

export function sexpStatement(s: Statement): string {
  switch (s.kind) {
    case "exprs":
      return s.exprs.map(sexp).join(", ");
    case "assign":
      return `(:= ${s.name} ${sexp(s.expr)})`;
    case "define":
      return `(def ${s.name} (${s.params.join(" ")}) ${sexp(s.body)})`;
    case "declare":
      return `(∈ ${s.names.join(" ")} ℝ^(${s.dims.map((d) => (d.kind === "number" ? d.value : d.name)).join("×")}))`;
    case "check":
      return `(check ${sexp(s.expr)})`;
    case "expect":
      return `(expect ${s.branches.map((b) => `${sexp(b.expr)}${b.points ? ` points ${b.points}` : ""}${b.feedback ? ` ${JSON.stringify(b.feedback)}` : ""}`).join(" | ")})`;
    case "optimize":
      return `(${s.sense} ${sexp(s.objective)}${s.constraints.length ? ` st ${s.constraints.map(sexp).join(" ")}` : ""})`;
    case "layer":
      return `(layer ${s.name} ${sexp(s.expr)})`;
    case "train":
      return `(train ${sexp(s.net)} ${sexp(s.data)} ${s.options.map(sexp).join(" ")})`;
  }
}
