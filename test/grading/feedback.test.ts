// Feedback pages from the side of a student who writes Markdown meant to make the reader's browser
// fetch something (a tracking pixel, a probe of the grader's network): no image, style or embedded
// object in a student's Markdown loads, in the HTML page or the feedback notebook; each image is a
// placeholder link one may follow by choice.
import { describe, expect, it } from "vitest";
import { feedbackHtml, feedbackNotebook } from "../../src/grading/feedback.js";
import { gradeSubmission } from "../../src/grading/grade-one.js";
import { sourceOf, toSourceLines, type Notebook } from "../../src/grading/notebook.js";
import { keyOf, submission } from "./key-submission.js";

const key = keyOf([
  { markdown: "# Homework\nDifferentiate $\\sin(x^2)$." },
  { answer: "q1 = 2x cos(x^2)", id: "q1" },
  { test: "expect q1 ≡ d/dx sin(x^2) points 2", id: "q1_test", points: 2 },
]);

/** Markdown a student may add, each trying to load something from evil.example. */
const HOSTILE = [
  "![pixel](http://evil.example/a.png)",
  '![pixel](https://evil.example/b.png "title")',
  "![pixel](//evil.example/c.png)",
  "![](<https://evil.example/d e.png>)",
  "![pixel](HTTPS://EVIL.EXAMPLE/e.png)",
  "![ref][r1]\n\n[r1]: http://evil.example/f.png",
  "![r2]\n\n[r2]: <//evil.example/g.png>",
  "![coll][]\n\n[coll]: https://evil.example/h.png 'x'",
  '<img src="http://evil.example/i.png">',
  "<img src=//evil.example/j.png onerror=alert(1)>",
  "<IMG SRC='https://evil.example/k.png'>",
  '<picture><source srcset="http://evil.example/l.png"></picture>',
  '<svg><image href="http://evil.example/m.svg"/></svg>',
  '<div style="background:url(http://evil.example/n.png)">x</div>',
  '<video poster="http://evil.example/o.png"></video>',
  '<object data="http://evil.example/p.svg"></object>',
  "$\\includegraphics{http://evil.example/q.png}$",
  "$$\\href{http://evil.example/r}{x}$$",
  "![nested [brackets]](http://evil.example/s.png)",
  "- a list with ![in it](http://evil.example/t.png) inside",
  "> ![quoted](https://evil.example/u.png)",
];
const DATA_IMAGES = [
  "![tiny](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==)",
  "![gif](data:image/gif;base64,R0lGODlhAQABAAAAACw=)",
  "![svg](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)",
];

function gradedWith(markdown: string[]): { html: string; notebook: Notebook } {
  const nb = JSON.parse(submission(key, { q1: "q1 = 2x cos(x^2)" })) as Notebook;
  nb.cells.splice(
    1,
    0,
    ...markdown.map((m) => ({ cell_type: "markdown" as const, source: toSourceLines(m), metadata: {} })),
  );
  const result = gradeSubmission(key, "mallory", "mallory.ipynb", JSON.stringify(nb), { statementMs: 5000 });
  expect(result.total).toBe(2);
  const notebook = feedbackNotebook(result, key);
  return { html: feedbackHtml(result, key, {}, notebook), notebook };
}

/** The tags of a page (not its text) that would fetch `host`, other than a link one follows by choice. */
function fetchingTags(html: string, host: RegExp): string[] {
  return [...html.matchAll(/<[A-Za-z][^>]*>/g)].map((m) => m[0]).filter((tag) => host.test(tag) && !/^<a\s/i.test(tag));
}

describe("students' Markdown in feedback", () => {
  it("loads no remote image, style or object in the feedback page", () => {
    const { html } = gradedWith(HOSTILE);
    expect(fetchingTags(html, /evil\.example/i)).toEqual([]);
    // Every Markdown image became a placeholder that names it.
    // Every Markdown image became a link that names it.
    for (const [label, url] of [
      ["pixel", "http://evil.example/a.png"],
      ["ref", "http://evil.example/f.png"],
      ["r2", "//evil.example/g.png"],
      ["coll", "https://evil.example/h.png"],
    ])
      expect(html).toContain(`<a href="${url}">image: ${label}</a>`);
  });

  it("replaces images on the page even when the notebook it is made from still has them", () => {
    const { notebook } = gradedWith([]);
    const raw: Notebook = structuredClone(notebook);
    raw.cells.push({ cell_type: "markdown", source: toSourceLines(HOSTILE.slice(0, 8).join("\n\n")), metadata: {} });
    raw.cells.push({ cell_type: "markdown", source: toSourceLines(DATA_IMAGES.join("\n\n")), metadata: {} });
    const result = gradeSubmission(key, "m", "m.ipynb", submission(key, { q1: "q1 = 2x cos(x^2)" }), {
      statementMs: 5000,
    });
    const html = feedbackHtml(result, key, {}, raw);
    expect(fetchingTags(html, /evil\.example/i)).toEqual([]);
    expect(html).not.toMatch(/<img\b/i);
    expect(html).toContain(
      '<a class="image-placeholder" href="http://evil.example/a.png" rel="noopener noreferrer nofollow">[image: pixel]</a>',
    );
    expect(html).toContain('<span class="image-placeholder">[image: tiny]</span>');
  });

  it("shows no data: image from a student's Markdown, and keeps no image tag of theirs at all", () => {
    const { html } = gradedWith([...DATA_IMAGES, "![local](pic.png)", "![](./x/../y.png)"]);
    // The only images on a feedback page are figures the grader drew; these cells have none.
    expect(html).not.toMatch(/<img\b/i);
    expect(html).toContain("<p>[image: tiny]</p>");
    expect(html).toContain("<p>[image: local]</p>");
  });

  it("leaves no Markdown image or URL-bearing HTML tag in the feedback notebook (front ends render raw HTML)", () => {
    const { notebook } = gradedWith([...HOSTILE, ...DATA_IMAGES]);
    for (const cell of notebook.cells.filter((c) => c.cell_type === "markdown")) {
      const text = sourceOf(cell);
      expect(text).not.toMatch(/!\[[^\]]*\]\(/);
      expect(text).not.toMatch(
        /<(img|picture|source|svg|image|video|object|div)\b[^>]*(src|href|style|poster|data)\s*=/i,
      );
      // A reference image is a placeholder link too.
      expect(text).not.toMatch(/!\[[^\]]*\]\[/);
    }
    const all = notebook.cells.map(sourceOf).join("\n");
    expect(all).toContain("[image: pixel](<http://evil.example/a.png>)");
    expect(all).toContain("\\[image: tiny\\]");
  });

  it("keeps the rest of the Markdown as written: headings, math, links and emphasis", () => {
    const { html } = gradedWith([
      "## My working\nBy the *chain rule* $2x \\cos(x^2)$, see [notes](https://example.org/n).",
    ]);
    expect(html).toContain("<h2>My working</h2>");
    expect(html).toContain("<em>chain rule</em>");
    expect(html).toContain('href="https://example.org/n"');
    expect(html).toContain("katex");
  });
});
