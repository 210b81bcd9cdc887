// Errors are values with a kind and, where known, the source span they belong to. Everything the
// engine throws on bad input is a MathFailure; anything else reaching the session is a bug.
import type { ErrorKind } from "./results.js";
import type { Span } from "./syntax/ast.js";

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
