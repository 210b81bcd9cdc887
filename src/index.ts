// The public API.
export { Session, type SessionOptions } from "./session.js";
export type { CompiledExpression, InputValue } from "./engine/compile.js";
export type { FloatArray } from "./numeric/float-array.js";
export type { StatementResult, Effect, NablaError, Verdict } from "./results.js";
export { isComplete } from "./syntax/complete.js";
export { builtinNames, KEYWORDS } from "./help.js";
export { helpFor } from "./render/help.js";
export { nabla, resetNabla } from "./tslab.js";
