// Errors are values with a kind and, where known, the source span they belong to. Everything the
// engine throws on bad input is a MathFailure; anything else reaching the session is a bug.
import type { Span } from "./syntax/ast.js";

/** What went wrong, as the result of a statement reports it. */
export type ErrorKind = "parse" | "shape" | "name" | "math" | "limit" | "interrupt" | "internal";

export class MathFailure extends Error {
  readonly kind: ErrorKind;
  span: Span | null;

  constructor(kind: ErrorKind, message: string, span: Span | null = null) {
    super(message);
    this.kind = kind;
    this.span = span;
  }
}

export const shapeError = (message: string, span: Span | null = null) => new MathFailure("shape", message, span);
export const mathError = (message: string, span: Span | null = null) => new MathFailure("math", message, span);
export const nameError = (message: string, span: Span | null = null) => new MathFailure("name", message, span);
export const limitError = (message: string, span: Span | null = null) => new MathFailure("limit", message, span);
