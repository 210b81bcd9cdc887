// Every course file in notebooks/ runs without an error and renders to a page of typeset math.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { renderPage } from "../src/cli/render.js";

const DIR = join(import.meta.dirname, "..", "notebooks");
const FILES = readdirSync(DIR).filter((f) => f.endsWith(".nabla"));

describe("course files", () => {
  it.each(FILES)("%s runs cleanly", (file) => {
    const { html, errors } = renderPage(readFileSync(join(DIR, file), "utf8"), file);
    expect(errors).toBe(0);
    expect(html).toContain("katex-mathml");
  });
});
