// `nabla render FILE.nabla -o FILE.html`: a page with each statement and its typeset result.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, basename } from "node:path";
import { Session } from "../session.js";

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[ch]!);
}

export function renderPage(source: string, title: string): { html: string; errors: number } {
  const results = new Session().run(source);
  const css = readFileSync(createRequire(import.meta.url).resolve("katex/dist/katex.min.css"), "utf8");
  let errors = 0;
  const cells = results.map((r) => {
    const out =
      r.status === "error"
        ? (errors++, `<pre class="error">${escapeHtml(`${r.error!.message}\n${r.error!.excerpt}`)}</pre>`)
        : r.silent
          ? ""
          : r.html;
    const effects = r.effects.map((e) => (e.kind === "stdout" || e.kind === "stderr" ? `<pre>${escapeHtml(e.text)}</pre>` : e.kind === "display" && e.svg ? e.svg : "")).join("");
    return `<section><pre class="in">${escapeHtml(r.source)}</pre>${effects}${out}</section>`;
  });
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>${css}\nbody{font-family:sans-serif;max-width:60em;margin:2em auto}pre.in{background:#f4f4f8;padding:.4em}.error{color:#b00}</style></head>
<body><h1>${escapeHtml(title)}</h1>${cells.join("\n")}</body></html>`;
  return { html, errors };
}

export function renderCommand(file: string, output: string): number {
  const { html, errors } = renderPage(readFileSync(file, "utf8"), basename(file));
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, html);
  process.stdout.write(`${output}${errors ? ` (${errors} error${errors === 1 ? "" : "s"})` : ""}\n`);
  return errors ? 1 : 0;
}
