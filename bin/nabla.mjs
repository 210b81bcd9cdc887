#!/usr/bin/env node
// Runs the TypeScript sources through tsx in a checkout; the compiled CLI (npm run build) when the
// sources are absent (an installed package) or NABLA_USE_DIST=1 (benchmarks, fast starts).
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const compiled = join(root, "dist", "src", "cli", "main.js");
let entry;
const sources = join(root, "src", "cli", "main.ts");
if (existsSync(compiled) && (process.env.NABLA_USE_DIST === "1" || !existsSync(sources))) {
  entry = pathToFileURL(compiled).href;
} else {
  const { register } = await import("tsx/esm/api");
  register();
  entry = pathToFileURL(join(root, "src", "cli", "main.ts")).href;
}
const { main } = await import(entry);
process.exitCode = await main(process.argv.slice(2));
