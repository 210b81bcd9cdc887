// Writes the course site from executed notebooks: `tsx scripts/site.ts OUT NOTEBOOK.ipynb …` puts one
// page per notebook (named after it), an index and the assets (KaTeX's CSS and fonts) in OUT.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { writeSite, type CoursePage } from "../src/render/page/site.js";
import { siteLink } from "./site-lite.js";
import type { PageNotebook } from "../src/render/page/notebook.js";

export const COURSE_TITLE = "The math of machine learning, in Nabla";
export const COURSE_INTRODUCTION =
  "Worked examples from the course notes, run in Nabla: linear algebra, calculus, optimization, Lagrange multipliers, neurons and networks, activations, losses, regularization and backpropagation. Every answer is computed, and each is checked.";

export function coursePages(files: string[]): CoursePage[] {
  return files.map((file) => {
    const name = basename(file, ".ipynb");
    return {
      file: `${name}.html`,
      notebook: JSON.parse(readFileSync(file, "utf8")) as PageNotebook,
      fallbackTitle: name,
    };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [out, ...files] = process.argv.slice(2);
  if (!out || files.length === 0) {
    process.stderr.write("usage: tsx scripts/site.ts OUT NOTEBOOK.ipynb …\n");
    process.exit(2);
  }
  // Each page links to its notebook in the JupyterLite site when `npm run site` has written out/site/.
  const pages = coursePages(files).map((p) => ({ ...p, run: siteLink(out, basename(p.file, ".html")) }));
  for (const file of writeSite(out, pages, { title: COURSE_TITLE, introduction: COURSE_INTRODUCTION }))
    process.stdout.write(`${file}\n`);
}
