// A grading thread's entry. Compiled, it runs the bundle's copy of the engine (loaded with V8's
// code cache, src/bundle/load.ts) when the build made one; otherwise the modules beside it.
import { loadBundle } from "../bundle/load.js";

const serve = loadBundle()?.serveGrading ?? (await import("./worker.js")).serveGrading;
serve();
