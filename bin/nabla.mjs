#!/usr/bin/env node
// The `nabla` command. An installed package has only the build (dist/): it runs that, from the
// bundle with its V8 code cache (scripts/bundle.ts) when the build made one. A development
// checkout runs the TypeScript sources through tsx, or the build with NABLA_USE_DIST=1 (benchmarks,
// fast starts); without tsx it runs the build, and without either it says how to make one.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const compiled = join(root, "dist", "src", "cli", "main.js");
const sources = join(root, "src", "cli", "main.ts");

/** tsx, when this is a checkout with its development dependencies installed. */
function tsxLoader() {
  if (!existsSync(sources)) return null;
  try {
    return import.meta.resolve("tsx/esm/api");
  } catch {
    return null;
  }
}

const built = existsSync(compiled);
const tsx = built && process.env.NABLA_USE_DIST === "1" ? null : tsxLoader();
let main;
if (tsx) {
  (await import(tsx)).register();
  main = (await import(pathToFileURL(sources).href)).main;
} else if (built) {
  const { loadBundle } = await import(pathToFileURL(join(root, "dist", "src", "bundle", "load.js")).href);
  main = loadBundle()?.cliMain ?? (await import(pathToFileURL(compiled).href)).main;
} else {
  process.stderr.write(`nabla: there is no build in ${root}: run \`npm install && npm run build\` there first\n`);
  process.exit(1);
}
process.exitCode = await main(process.argv.slice(2));
