// The dependency rules of .dependency-cruiser.cjs are not vacuous: on a small tree of fixtures they
// reject an engine module drawing a plot, syntax importing the graph, and a cycle of type-only imports,
// and accept the engine quoting a value with the expression printer (graph/print/).
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { cruise, type IConfiguration } from "dependency-cruiser";
import { describe, expect, it } from "vitest";

const config = createRequire(import.meta.url)("../.dependency-cruiser.cjs") as IConfiguration;
const fixtures = fileURLToPath(new URL("./fixtures/layers", import.meta.url));

describe("dependency rules", () => {
  it("catch layer violations and type-only cycles in a fixture tree", async () => {
    const result = await cruise(["src"], {
      baseDir: fixtures,
      ruleSet: { forbidden: config.forbidden },
      tsPreCompilationDeps: true,
      enhancedResolveOptions: { extensions: [".ts", ".js"] },
      validate: true,
    });
    const output = result.output as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
    const found = output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
    expect(found).toEqual([
      "engine-returns-data: src/engine/plots.ts → src/render/plot/draw.ts",
      "no-circular: src/engine/a.ts → src/engine/b.ts",
      "syntax-is-the-bottom: src/syntax/ast.ts → src/graph/node.ts",
    ]);
  });
});
