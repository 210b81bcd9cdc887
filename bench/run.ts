// `npm run bench [suite…]`: runs each bench/<suite>/index.ts (all when none is named).
import { readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const dir = import.meta.dirname;
const wanted = process.argv.slice(2);
const suites = readdirSync(dir).filter(
  (d) => existsSync(join(dir, d, "index.ts")) && (wanted.length === 0 || wanted.includes(d)),
);
for (const suite of suites) {
  const mod = (await import(pathToFileURL(join(dir, suite, "index.ts")).href)) as { run: () => Promise<void> };
  await mod.run();
}
