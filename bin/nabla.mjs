#!/usr/bin/env node
// Runs the compiled CLI when it is built, else the TypeScript sources through tsx.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const compiled = join(root, "dist", "src", "cli", "main.js");
let entry;
if (existsSync(compiled)) {
  entry = pathToFileURL(compiled).href;
} else {
  const { register } = await import("tsx/esm/api");
  register();
  entry = pathToFileURL(join(root, "src", "cli", "main.ts")).href;
}
const { main } = await import(entry);
process.exitCode = await main(process.argv.slice(2));
