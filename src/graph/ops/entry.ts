// One row of the operator table: everything Nabla knows about an operator lives in its entry.
import type { Apply, Node } from "../node.js";
import type { Shape } from "../shape.js";
import type { FloatArray } from "../../numeric/float-array.js";
import type { Adjoints } from "../../numeric/float-adjoints.js";
import type { DecimalKernel } from "../../numeric/decimal-kernels.js";

/**
 * What rows build with besides graph/primitives.ts: the application of another operator (sin's
 * derivative is cos) and numeric evaluation, which both go through the table the rows make up.
 * graph/operators.ts hands it to each file of rows, so the rows never import the table.
 */
export interface Build {
  /** An operator's application, built through its row: the shape rule, then the fold. */
  apply(op: string, args: readonly Node[]): Node;
  /**
   * N(x): x with every exact number a float, the rest folded by the constructors; a value past the
   * double range computed in decimal (graph/numeric-value.ts).
   */
  evalf(x: Node): Node;
}

export interface Help {
  syntax: string;
  description: string;
  /** Statements that run as they stand; a test executes every one. */
  examples: string[];
}

export interface OperatorEntry {
  /** The canonical name, as printed in Nabla's text syntax. */
  name: string;
  /** Other spellings users may type: `σ` for sigmoid, `ln` for log. */
  aliases?: string[];
  /** Accepted argument counts, inclusive. */
  arity: [number, number];
  /** The result shape; throws a shape error naming the offending shapes. Scalar when absent. */
  shape?: (args: Shape[]) => Shape;
  /** Exact evaluation or simplification; undefined leaves the application as a node. */
  fold?: (args: readonly Node[]) => Node | undefined;
  /** The numeric kernel of a scalar function. */
  float?: (...xs: number[]) => number;
  /**
   * The same in decimal, with a bound on its error (numeric/decimal-kernels.ts): N(…) computes in it
   * where a double overflows or underflows (log(10^400), sin(10^400), sinh(1000)), and the checker
   * evaluates at a point in it to 40 digits and more.
   */
  decimal?: DecimalKernel;
  /** The float kernel of an array operator (matmul, transpose, …), used by compiled expressions. */
  array?: (args: FloatArray[]) => FloatArray;
  /** The array kernel's vector–Jacobian product, for reverse-mode differentiation of compiled programs. */
  vjp?: Adjoints;
  /**
   * The symbolic reverse-mode rule of an array operator, for matrix calculus: given the application
   * n and the adjoint n̄ of its result, each argument's share of its own adjoint (for C = AB,
   * Ā += C̄Bᵀ and B̄ += AᵀC̄). Operators without one go through their partials.
   */
  adjoint?: (n: Apply, bar: Node) => Node[];
  /**
   * The Jacobian of a vector operator of vectors, for matrix calculus's forward rules: ∂n/∂argᵢ as
   * a matrix, one per argument (softmax: diag(s) − s sᵀ). Entrywise functions go through their partials.
   */
  jacobian?: (n: Apply) => Node[];
  /** One partial derivative per argument (scalar functions of scalars). */
  partials?: (args: readonly Node[]) => Node[];
  /**
   * LaTeX of the application, given each argument's LaTeX (and the arguments themselves, for a form
   * that depends on them: (X⁻¹)ᵀ is X^{-⊤}). Nabla's call syntax, in LaTeX, when absent.
   */
  latex?: (args: string[], nodes: readonly Node[]) => string;
  /** The text form, given each argument's text; Nabla's call syntax when absent. It reads back to the same value. */
  text?: (args: string[], nodes: readonly Node[]) => string;
  /** The Unicode (pretty) form, given each argument's Unicode; Nabla's call syntax when absent. */
  unicode?: (args: string[], nodes: readonly Node[]) => string;
  /**
   * How the printed form binds, which decides parentheses (Nabla's text is always a call, which reads
   * back, except a juxtaposition):
   * - "call" (the default): f(x), an atom, the arguments bare inside its parentheses;
   * - "delimited": |x|, ‖v‖, an atom whose delimiters enclose the arguments;
   * - "postfix": Aᵀ, A⁻¹, A², a power, the first argument parenthesised unless an atom;
   * - "infix": A ⊙ B, a product, each argument parenthesised unless a power or tighter;
   * - "juxtaposition": A B, a product written as the style writes products (A*B in text), which
   *   associates (Xᵀ diag(p) X needs no parentheses).
   */
  notation?: "call" | "delimited" | "postfix" | "infix" | "juxtaposition";
  /**
   * Where the function is not smooth, for the checker's test points, critical points and convexity:
   * - "kink": continuous, made of linear pieces that meet where an argument is 0 (or, for max and
   *   min, where two are equal): abs, relu, leaky_relu, hardtanh, max, min;
   * - "jump": constant pieces with a jump between them: sign, step;
   * - "corner": not differentiable at one point, without pieces: ‖v‖ at v = 0.
   * Pieces ("kink", "jump") keep rational arguments rational.
   */
  breaks?: "kink" | "jump" | "corner";
  /** The sign of every value, wherever the function is defined: > 0 (exp) or ≥ 0 (relu). */
  sign?: "positive" | "nonnegative";
  /**
   * It changes character where its argument crosses 0, so the checker tries points there: tanh,
   * sigmoid, softplus and atan go flat beyond it, sinh, cosh and asinh turn exponential or logarithmic.
   */
  turnsAtZero?: true;
  help: Help;
}
