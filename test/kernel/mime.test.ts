// A result too large to show is sent to the front end as the beginning of its text, with its size,
// and without LaTeX or KaTeX's HTML: taylor(exp(x), x = 0, 2000) was one 29 MB message (text,
// LaTeX and HTML), more than a notebook page can hold.
import { describe, expect, it } from "vitest";
import { DISPLAY_CHARS, bundleOf } from "../../kernel/mime.js";
import type { StatementResult } from "../../src/results.js";

const result = (pretty: string, latex: string, html = "<span>…</span>") =>
  ({ pretty, latex, html, text: pretty }) as unknown as StatementResult;

describe("a result's MIME bundle", () => {
  it("carries text, LaTeX and HTML for a result of ordinary size", () => {
    expect(Object.keys(bundleOf(result("x^2", "x^{2}")))).toEqual(["text/plain", "text/latex", "text/html"]);
  });

  it("carries only the beginning of a text too long to show, with its size", () => {
    const long = "x + ".repeat(100_000);
    const bundle = bundleOf(result(long, "x+".repeat(100_000)));
    expect(Object.keys(bundle)).toEqual(["text/plain"]);
    expect(bundle["text/plain"].length).toBeLessThan(DISPLAY_CHARS + 200);
    expect(bundle["text/plain"]).toMatch(/…\n\(400,000 characters, too many to show in full or typeset/);
  });

  it("drops LaTeX too long to typeset, even under a short text", () => {
    const bundle = bundleOf(result("a short name", "\\frac{1}{2}".repeat(30_000)));
    expect(Object.keys(bundle)).toEqual(["text/plain"]);
  });
});
