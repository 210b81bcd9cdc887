// Errors are values with a kind and, where known, the source span they belong to. Everything the
// engine throws on bad input is a MathFailure; anything else reaching the session is a bug. A
// failure that stops work rather than judging the input (a limit, an interrupt) says why in
// `reason`, and no `catch` may swallow it: `rethrowStop(err)` first in any catch that recovers.
import type { Span } from "./syntax/ast.js";

/** What went wrong, as the result of a statement reports it. */
export type ErrorKind = "parse" | "shape" | "name" | "math" | "limit" | "interrupt" | "internal";

/** Why a statement was stopped: it ran out of time, made something too large, ran out of memory, or was interrupted. */
export type StopReason = "time" | "size" | "memory" | "interrupt";

export class MathFailure extends Error {
  readonly kind: ErrorKind;
  span: Span | null;
  /** Set for limit and interrupt failures. */
  readonly reason: StopReason | null;

  constructor(kind: ErrorKind, message: string, span: Span | null = null, reason: StopReason | null = null) {
    super(message);
    this.kind = kind;
    this.span = span;
    this.reason = reason ?? (kind === "interrupt" ? "interrupt" : kind === "limit" ? "size" : null);
  }
}

export const shapeError = (message: string, span: Span | null = null) => new MathFailure("shape", message, span);
export const mathError = (message: string, span: Span | null = null) => new MathFailure("math", message, span);
export const nameError = (message: string, span: Span | null = null) => new MathFailure("name", message, span);
export const limitError = (
  message: string,
  span: Span | null = null,
  reason: Exclude<StopReason, "interrupt"> = "size",
) => new MathFailure("limit", message, span, reason);
export const interruptError = () => new MathFailure("interrupt", "interrupted", null, "interrupt");

/** A limit or an interrupt: work must stop, not try another way. */
export function isStop(err: unknown): err is MathFailure {
  return err instanceof MathFailure && err.reason !== null;
}

/** First line of a catch that recovers from failures: limits and interrupts pass through. */
export function rethrowStop(err: unknown): void {
  if (isStop(err)) throw err;
}
