// Dependency rules, checked by `npm test` (npm run deps): no import cycles (type-only imports
// included) and the layers of DESIGN.md, one direction only:
//
//   syntax → graph → engine → render → session → cli / kernel / grading
//
// with numeric/ (exact and float arithmetic) below graph/, nn/ (float networks) below engine/, and
// errors.ts (failures) and budget.ts (the statement's limits, asked by long loops in every layer) beside
// syntax/ at the bottom; results.ts (the result types the engine emits) sits with the engine. A module
// may import its own layer and the ones to its left.
// There are no exceptions: every rule below holds for the whole of src/ (a new one would be a debt, listed here
// with the reason it stands).

/** Paths of a layer, as regular expressions (dependency-cruiser matches them against "src/…"). */
const SYNTAX = "^src/syntax/";
/** Beside syntax/ at the bottom: failures and the statement's budget. */
const BOTTOM = "^src/(errors|budget)\\.ts$";
const GRAPH = "^src/graph/";
const NUMERIC = "^src/numeric/";
const NN = "^src/nn/";
/** With the engine: its state (environment.ts), its docs (help.ts) and the result types it emits (results.ts). */
const ENGINE = "^src/(engine/|environment\\.ts$|help\\.ts$|results\\.ts$)";
const RENDER = "^src/render/";
const SESSION = "^src/(session|tslab)\\.ts$";
const FRONT_ENDS = "^(src/(cli|grading|bundle)/|src/index\\.ts$|kernel/)";

const above = (...layers) => layers.join("|");

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment:
        "An import cycle (type-only imports count: they tie the modules' meaning together just the same). " +
        "The operator rows (graph/ops/*) build with graph/primitives.ts and receive the table's apply from " +
        "graph/operators.ts instead of importing it.",
      from: {},
      to: { circular: true },
    },
    {
      name: "syntax-is-the-bottom",
      severity: "error",
      comment: "syntax/ turns text into ASTs and knows nothing of graphs, the engine or anything above.",
      from: { path: SYNTAX },
      to: { path: above(GRAPH, NUMERIC, NN, ENGINE, RENDER, SESSION, FRONT_ENDS, BOTTOM) },
    },
    {
      name: "bottom-is-the-bottom",
      severity: "error",
      comment:
        "errors.ts and budget.ts are asked from every layer, so they import none (errors.ts takes syntax/'s Span type).",
      from: { path: BOTTOM },
      to: { path: above(GRAPH, NUMERIC, NN, ENGINE, RENDER, SESSION, FRONT_ENDS) },
    },
    {
      name: "numeric-below-graph",
      severity: "error",
      comment: "numeric/ is arithmetic on numbers and arrays; its long loops ask budget.ts, below it.",
      from: { path: NUMERIC },
      to: { path: above(GRAPH, NN, ENGINE, RENDER, SESSION, FRONT_ENDS) },
    },
    {
      name: "graph-below-engine",
      severity: "error",
      comment: "graph/ (nodes, shapes, the operator table) never imports the engine or anything above it.",
      from: { path: GRAPH },
      to: { path: above(NN, ENGINE, RENDER, SESSION, FRONT_ENDS) },
    },
    {
      name: "nn-below-engine",
      severity: "error",
      from: { path: NN },
      to: { path: above(ENGINE, RENDER, SESSION, FRONT_ENDS) },
    },
    {
      name: "engine-returns-data",
      severity: "error",
      comment:
        "The engine returns values and records (a plot record, a backprop record); render/ turns them into LaTeX, SVG " +
        "and Vega-Lite. The expression printers its messages quote values with are graph/print/, below it.",
      from: { path: ENGINE },
      to: { path: above(RENDER, SESSION, FRONT_ENDS) },
    },
    {
      name: "render-below-session",
      severity: "error",
      from: { path: RENDER },
      to: { path: above(SESSION, FRONT_ENDS) },
    },
    {
      name: "session-below-front-ends",
      severity: "error",
      comment: "The session and its result types are the public API: front ends use them, never the reverse.",
      from: { path: SESSION },
      to: { path: FRONT_ENDS },
    },
    {
      name: "only-the-cli-imports-the-kernel",
      severity: "error",
      comment:
        "kernel/ is one front end; the CLI installs it (nabla kernel install) and the bundle packs it. Nothing else in src/ imports it.",
      from: { path: "^src/", pathNot: "^src/(cli|bundle)/" },
      to: { path: "^kernel/" },
    },
    {
      name: "front-ends-apart",
      severity: "error",
      comment: "The kernel and the grader share the session, not each other.",
      from: { path: "^(kernel/|src/grading/)" },
      to: { path: "^(src/cli/|src/index\\.ts$)" },
    },
    {
      name: "kernel-and-grading-apart",
      severity: "error",
      from: { path: "^kernel/" },
      to: { path: "^src/grading/" },
    },
    {
      name: "grading-and-kernel-apart",
      severity: "error",
      from: { path: "^src/grading/" },
      to: { path: "^kernel/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|dist)/" },
    // Type-only imports are dependencies too: a cycle through `import type` is still a cycle.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js", ".mjs", ".cjs"] },
  },
};
