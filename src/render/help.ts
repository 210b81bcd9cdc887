// A help page as HTML (the kernel's pager and inspect, the JupyterLite page): the engine gives the
// page as data (engine/commands/table.ts helpFor), this lays it out.
import { helpFor as helpPageFor } from "../help.js";
import type { Effect, HelpPage } from "../results.js";
import { escapeHtml } from "./page/html.js";

export function helpHtml(page: HelpPage): string {
  if (page.names) return `<p>${escapeHtml(page.names.join(", "))}</p>`;
  return page.sections
    .map(
      (s) =>
        `<h3><code>${escapeHtml(s.syntax)}</code></h3><p>${escapeHtml(s.description)}</p>` +
        (s.options.length ? `<pre>${escapeHtml(s.options.join("\n"))}</pre>` : "") +
        (s.examples.length ? `<p>Examples:</p><pre>${s.examples.map(escapeHtml).join("\n")}</pre>` : ""),
    )
    .join("");
}

/** A pager effect with its help page laid out as HTML (as the session hands effects to front ends). */
export function typesetHelp(effect: Effect): Effect {
  if (effect.kind !== "pager" || !effect.help) return effect;
  const { help, ...rest } = effect;
  return { ...rest, html: helpHtml(help) };
}

/** The help of a name as text and HTML, or undefined when the name has none. */
export function helpFor(name: string): { text: string; html: string } | undefined {
  const page = helpPageFor(name);
  return page && { text: page.text, html: helpHtml(page) };
}
