// The evaluation thread's entry. Compiled, it runs the bundle's copy of the engine (loaded with
// V8's code cache, src/bundle/load.ts) when the build made one; otherwise the modules beside it.
import { loadBundle } from "../src/bundle/load.js";

const serve = loadBundle()?.serveEvaluation ?? (await import("./worker.js")).serveEvaluation;
serve();
