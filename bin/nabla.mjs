#!/usr/bin/env node
// Runs the TypeScript sources through tsx in a checkout; the compiled CLI (npm run build) when the
// sources are absent (an installed package) or NABLA_USE_DIST=1 (benchmarks, fast starts) — from
// the bundle with its V8 code cache (scripts/bundle.ts) when the build made one.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const sources = join(root, "src", "cli", "main.ts");
let main;
if (existsSync(join(dist, "src", "cli", "main.js")) && (process.env.NABLA_USE_DIST === "1" || !existsSync(sources))) {
  const { loadBundle } = await import(pathToFileURL(join(dist, "src", "bundle", "load.js")).href);
  main = loadBundle()?.cliMain ?? (await import(pathToFileURL(join(dist, "src", "cli", "main.js")).href)).main;
} else {
  const { register } = await import("tsx/esm/api");
  register();
  main = (await import(pathToFileURL(sources).href)).main;
}
process.exitCode = await main(process.argv.slice(2));
