// The abstract syntax of one statement: a tagged union keyed on `kind`, every node with its span.

/** Offsets into the cell's source, end exclusive. */
export interface Span {
  start: number;
  end: number;
}

export type BinaryOp = "+" | "-" | "*" | "/" | "·" | "⊙" | "⊗" | "^";
export type RelOp = "=" | "==" | "≠" | "<" | "<=" | ">" | ">=";

/** A variable of differentiation: `x`, `out.W`, with its order (∂x² is order 2). */
export interface DiffVar {
  path: string[];
  order: number;
}

export type Expr =
  | { kind: "number"; text: string; span: Span }
  | { kind: "string"; value: string; span: Span }
  | { kind: "name"; name: string; span: Span }
  | { kind: "binary"; op: BinaryOp; left: Expr; right: Expr; implicit: boolean; span: Span }
  | { kind: "neg"; arg: Expr; span: Span }
  | { kind: "approx"; arg: Expr; span: Span }
  | { kind: "call"; callee: string; primes: number; args: Expr[]; span: Span; calleeSpan: Span }
  | { kind: "index"; target: Expr; indices: (Expr | "all")[]; span: Span }
  | { kind: "member"; target: Expr; name: string; span: Span }
  | { kind: "transpose"; arg: Expr; span: Span }
  | { kind: "matrix"; rows: Expr[][]; span: Span }
  | { kind: "norm"; arg: Expr; p: string | null; span: Span }
  | { kind: "abs"; arg: Expr; span: Span }
  | { kind: "derivative"; vars: DiffVar[]; arg: Expr; span: Span }
  | { kind: "partialOf"; fn: string[]; vars: DiffVar[]; span: Span }
  | { kind: "grad"; order: number; wrt: string[]; arg: Expr; span: Span }
  | {
      kind: "bigop";
      op: "sum" | "prod";
      index: string | null;
      from: Expr | null;
      to: Expr | null;
      body: Expr;
      span: Span;
    }
  | { kind: "relation"; op: RelOp; left: Expr; right: Expr; span: Span }
  | { kind: "range"; from: Expr; to: Expr; span: Span }
  | { kind: "arrow"; items: Expr[]; span: Span };

export interface ExpectBranch {
  expr: Expr;
  /** Absolute tolerance (`tol 1e-3`), and relative (`rtol 1e-2`), applied entry by entry. */
  tolerance: string | null;
  relativeTolerance: string | null;
  points: string | null;
  feedback: string | null;
}

export type Dim = { kind: "number"; value: number } | { kind: "name"; name: string };

export type Statement =
  | { kind: "exprs"; exprs: Expr[]; span: Span }
  // `X ~ Bernoulli(p)` is an assignment (draw) whose value must be a distribution.
  | { kind: "assign"; name: string; expr: Expr; draw?: true; span: Span }
  | { kind: "define"; name: string; params: string[]; body: Expr; span: Span }
  | { kind: "declare"; names: string[]; dims: Dim[]; span: Span }
  | { kind: "check"; expr: Expr; /** `for x > 0, …`: where the comparison holds. */ conditions?: Expr[]; span: Span }
  | { kind: "expect"; branches: ExpectBranch[]; forbid: string[]; span: Span }
  | { kind: "optimize"; sense: "maximize" | "minimize"; objective: Expr; constraints: Expr[]; span: Span }
  | { kind: "layer"; name: string; expr: Expr; span: Span }
  | {
      kind: "train";
      name: string | null;
      net: Expr;
      data: Expr;
      /** `train net on (X, y)`: data is X (one sample per row) and targets is y. */
      targets?: Expr;
      options: Expr[];
      span: Span;
    };
