// Nabla's own lint rule: a catch in the engine lets limits and interrupts through.
import { Linter } from "eslint";
import tseslint from "typescript-eslint";
import { describe, expect, it } from "vitest";
import nabla from "../eslint-rules.js";

function problems(code: string): string[] {
  const linter = new Linter({ configType: "flat" });
  const messages = linter.verify(
    code,
    [
      {
        files: ["**/*.ts"],
        languageOptions: { parser: tseslint.parser as Linter.Parser },
        plugins: { nabla },
        rules: { "nabla/no-swallowed-stop": "error" },
      },
    ],
    "x.ts",
  );
  return messages.map((m) => m.ruleId ?? m.message);
}

describe("nabla/no-swallowed-stop", () => {
  it("flags a catch that recovers without letting a stop through", () => {
    expect(problems("try { f(); } catch { return null; }".replace("return null;", "g();"))).toEqual([
      "nabla/no-swallowed-stop",
    ]);
    expect(problems("function a() { try { return f(); } catch (err) { return fallback(err); } }")).toEqual([
      "nabla/no-swallowed-stop",
    ]);
    // A throw inside a nested function does not rethrow from the catch.
    expect(problems("function a() { try { return f(); } catch (err) { return () => { throw err; }; } }")).toEqual([
      "nabla/no-swallowed-stop",
    ]);
  });
  it("accepts a catch that rethrows, or passes stops through first", () => {
    expect(problems("function a() { try { return f(); } catch (err) { rethrowStop(err); return null; } }")).toEqual([]);
    expect(
      problems("function a() { try { return f(); } catch (err) { if (isStop(err)) throw err; return null; } }"),
    ).toEqual([]);
    expect(
      problems(
        "function a() { try { return f(); } catch (err) { if (err instanceof RangeError) return null; throw err; } }",
      ),
    ).toEqual([]);
  });
});
