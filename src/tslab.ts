// Nabla inside TypeScript notebooks (the tslab kernel): nabla`∇(x^2 + y^2)` runs the statements in
// a session kept for the notebook and shows each result typeset through tslab's display API.
import { createRequire } from "node:module";
import { Session } from "./session.js";
import type { StatementResult } from "./results.js";

interface Display {
  html(s: string, plain: string): void;
  text(s: string): void;
}

let shared: Session | null = null;

const consoleDisplay: Display = { html: (_html, plain) => console.log(plain), text: (s) => console.log(s) };

/** tslab's display inside a tslab kernel; console output elsewhere (tslab's display throws "Not ready" there). */
async function display(): Promise<Display> {
  let tslab: { html(s: string): void; text(s: string): void };
  try {
    // required, not imported: the compiled bundle (scripts/bundle.ts) holds no import() of its own.
    tslab = (createRequire(import.meta.url)("tslab") as { display: { html(s: string): void; text(s: string): void } })
      .display;
  } catch {
    return consoleDisplay;
  }
  const t = tslab;
  return {
    html: (html, plain) => {
      try {
        t.html(html);
      } catch {
        consoleDisplay.html(html, plain);
      }
    },
    text: (s) => {
      try {
        t.text(s);
      } catch {
        consoleDisplay.text(s);
      }
    },
  };
}

function show(out: Display, r: StatementResult): void {
  for (const e of r.effects) if (e.kind === "stdout" || e.kind === "stderr") out.text(e.text);
  if (r.status === "error") out.text(`${r.error!.message}\n${r.error!.excerpt}`);
  else if (!r.silent) out.html(r.html, r.pretty);
}

/** The tagged template: interpolated values are spliced in as text. */
export async function nabla(strings: TemplateStringsArray, ...values: unknown[]): Promise<StatementResult[]> {
  const code = strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ""), "");
  shared ??= new Session();
  const results = shared.run(code);
  const out = await display();
  for (const r of results) show(out, r);
  return results;
}

/** A fresh notebook state for the template. */
export function resetNabla(): void {
  shared = null;
}
