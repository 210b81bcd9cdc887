// Every LaTeX string Nabla makes renders in KaTeX with throwOnError.
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";
import { VALUES } from "./corpus.js";

const EXTRA = [
  "eig([2, 1; 1, 2])",
  "eig([1, 2; 3, 4])",
  "diagonalize([4, 1; 2, 3])",
  "svd([3, 0; 0, 4])",
  "f(x, y) = x^2 y",
  "A = [1, 2; 3, 4]",
  '"a string with $ and _"',
  "x_i + W_{ij}",
  "hessian(x^3 + y^3)",
];

describe("LaTeX renders in KaTeX", () => {
  it.each([...VALUES, ...EXTRA])("%s", (source) => {
    for (const r of new Session().run(source)) {
      expect(r.status).toBe("ok");
      expect(r.latex).toRenderInKatex();
      expect(r.html).toContain("katex");
    }
  });
});
