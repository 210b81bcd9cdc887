// The page writer on its own: Markdown with math, outputs as readers want them, highlighting, and
// notebooks that are not what they claim (raw HTML, scripts in figures, LaTeX KaTeX cannot read).
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../src/render/page/markdown.js";
import { alignedAssignments, splitAssignment } from "../src/render/page/math.js";
import { notebookBody, notebookSummary, type PageNotebook } from "../src/render/page/notebook.js";
import { highlightNabla, highlightVocabulary } from "../src/render/highlight.js";
import { keepTextSpaces } from "../src/graph/print/structs.js";

const latexOutput = (plain: string, latex: string) => ({
  output_type: "display_data",
  data: { "text/plain": plain, "text/latex": `$$${latex}$$` },
});

describe("Markdown cells", () => {
  it("typeset $…$ and $$…$$ with KaTeX, and leave dollars in code alone", () => {
    const html = renderMarkdown("Inline $x^2$, display $$\\frac{1}{2}$$ and `cost $5 or $6`.");
    expect(html).toContain('class="katex"');
    expect(html).toContain('class="katex-display"');
    expect(html).toContain("<code>cost $5 or $6</code>");
  });

  it("take a display block over several lines", () => {
    const html = renderMarkdown("$$\n\\begin{bmatrix} 1 \\\\ 2 \\end{bmatrix}\n$$");
    expect(html).toContain('class="math-display"');
    expect(html).not.toContain("$$");
  });

  it("show raw HTML as text rather than run it", () => {
    const html = renderMarkdown('<script>alert(1)</script><img src=x onerror="alert(2)">');
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
  });

  it("show LaTeX that KaTeX cannot read as its source", () => {
    expect(renderMarkdown("$\\notacommand{x}$")).toContain('class="math-source"');
  });
});

describe("outputs", () => {
  it("align a cell's name = value results on =", () => {
    expect(splitAssignment("A = \\begin{bmatrix} 1 & 2 \\end{bmatrix}")).toEqual([
      "A",
      "\\begin{bmatrix} 1 & 2 \\end{bmatrix}",
    ]);
    expect(splitAssignment("f\\left(x\\right) = x^{2}")).toEqual(["f\\left(x\\right)", "x^{2}"]);
    expect(splitAssignment("x^{a = b}")).toBeUndefined();
    expect(
      alignedAssignments([
        ["x", "5"],
        ["y", "6"],
      ]),
    ).toBe("\\begin{aligned}x &= 5 \\\\[0.4em] y &= 6\\end{aligned}");
    const nb: PageNotebook = {
      cells: [
        {
          cell_type: "code",
          source: "x = 5\ny = 6",
          outputs: [latexOutput("x = 5", "x = 5"), latexOutput("y = 6", "y = 6")],
        },
      ],
    };
    const html = notebookBody(nb, { trustedOutputs: true });
    expect(html.match(/class="katex-display"/g)).toHaveLength(1);
    expect(html).toContain("aligned");
  });

  it("keep results that are not assignments apart", () => {
    const nb: PageNotebook = {
      cells: [{ cell_type: "code", source: "1 + 1\n2 + 2", outputs: [latexOutput("2", "2"), latexOutput("4", "4")] }],
    };
    expect(notebookBody(nb, { trustedOutputs: true }).match(/class="katex-display"/g)).toHaveLength(2);
  });

  it("show an untrusted notebook's figures as images, which run no script", () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><script>alert(1)</script><circle r="1"/></svg>';
    const nb: PageNotebook = {
      cells: [
        {
          cell_type: "code",
          source: "plot(x)",
          outputs: [
            {
              output_type: "display_data",
              data: { "image/svg+xml": svg, "text/html": "<b onclick=x>hi</b>", "text/plain": "figure" },
            },
          ],
        },
      ],
    };
    const untrusted = notebookBody(nb, { trustedOutputs: false });
    expect(untrusted).not.toContain("<script");
    expect(untrusted).toContain('src="data:image/svg+xml;base64,');
    expect(notebookBody(nb, { trustedOutputs: true })).toContain("<circle");
  });

  it("show streams and errors as text, escaped, without terminal colours", () => {
    const nb: PageNotebook = {
      cells: [
        {
          cell_type: "code",
          source: "x",
          outputs: [
            { output_type: "stream", name: "stdout", text: ["<b>", "loss\n"] },
            { output_type: "error", ename: "E", evalue: "v", traceback: ["\u001b[31mParseError\u001b[0m: <x>"] },
          ],
        },
      ],
    };
    const html = notebookBody(nb, { trustedOutputs: false });
    expect(html).toContain("&lt;b&gt;loss");
    expect(html).toContain("ParseError: &lt;x&gt;");
    expect(html).not.toContain("\u001b");
  });

  it("read a notebook's title and what it covers from its first heading", () => {
    const nb: PageNotebook = {
      cells: [
        {
          cell_type: "markdown",
          source: "# 4. Lagrange\n\n*Covers: notes §3.*\n\nTo optimize f subject to g.\n\n## Next\n\nmore",
        },
      ],
    };
    expect(notebookSummary(nb)).toEqual({
      title: "4. Lagrange",
      summary: "*Covers: notes §3.*\n\nTo optimize f subject to g.",
    });
  });
});

describe("highlighting", () => {
  it("marks keywords, built-ins, numbers, strings, comments and math symbols", () => {
    const html = highlightNabla('check d/dx σ(x) == σ(x)(1 - σ(x))  # "not" a string\nprint("η = 0.1", 2.5e-3)\n∇f');
    expect(html).toContain('<span class="hljs-keyword">check</span>');
    expect(html).toContain('<span class="hljs-built_in">σ</span>');
    expect(html).toContain('<span class="hljs-comment"># &quot;not&quot; a string</span>');
    expect(html).toContain('<span class="hljs-string">&quot;η = 0.1&quot;</span>');
    expect(html).toContain('<span class="hljs-number">2.5e-3</span>');
    expect(html).toContain('<span class="hljs-operator">∇</span>');
  });

  it("does not colour a name that merely contains a keyword or a built-in", () => {
    const html = highlightNabla("checked = sinx + x_sin");
    expect(html).not.toContain("hljs-keyword");
    expect(html).not.toContain("hljs-built_in");
  });

  it("takes its words from the language's tables", () => {
    const v = highlightVocabulary();
    for (const name of ["det", "sigmoid", "relu", "solve", "lagrange", "hessian"]) expect(v.builtins).toContain(name);
    for (const word of ["check", "expect", "layer", "train", "subject"]) expect(v.keywords).toContain(word);
  });
});

describe("words in LaTeX results", () => {
  it("keep their spaces next to math", () => {
    expect(keepTextSpaces("25 \\text{at} x = 5")).toBe("25\\ \\text{at}\\ x = 5");
    expect(keepTextSpaces("x = 5: \\text{maximum, value} 25")).toBe("x = 5:\\ \\text{maximum, value}\\ 25");
    expect(keepTextSpaces("\\text{no real solution}")).toBe("\\text{no real solution}");
  });
});
