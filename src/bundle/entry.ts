// What the compiled bundle (dist/nabla.cjs) holds: the public API, the CLI, and what the kernel's
// and the grader's worker threads run — one script, so one V8 code cache serves them all.
export * from "../index.js";
export { main as cliMain, prepare as cliPrepare } from "../cli/main.js";
export { longRunAhead, whenLongRun } from "../cli/eval.js";
export { serveGrading } from "../grading/worker.js";
export { serveEvaluation } from "../../kernel/worker.js";
