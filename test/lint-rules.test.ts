// Nabla's own lint rule: a catch in the engine lets limits and interrupts through, as its first
// statement or by rethrowing what it caught; naming isStop somewhere in it is not enough.
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
  it("flags a catch that only mentions isStop, throws another error, or keeps every MathFailure", () => {
    const flagged = [
      // isStop named, but not as the first statement's guard: the stop is swallowed on the way.
      "function a() { try { return f(); } catch (err) { const r = fallback(); if (isStop(err)) log(err); return r; } }",
      "function a() { try { return f(); } catch (err) { g(); rethrowStop(err); return null; } }",
      // A new error loses the stop's reason.
      'function a() { try { return f(); } catch (err) { throw new Error("failed"); } }',
      // Every MathFailure, stops included, becomes a fallback.
      "function a() { try { return f(); } catch (err) { if (err instanceof MathFailure) return null; throw err; } }",
      'function a() { try { return f(); } catch (err) { if (err instanceof MathFailure && err.kind !== "limit") return 0; throw err; } }',
      // A throw only on one branch of the last statement.
      "function a() { try { return f(); } catch (err) { if (bad) throw err; return null; } }",
    ];
    for (const code of flagged) expect(problems(code), code).toEqual(["nabla/no-swallowed-stop"]);
  });
  it("accepts a catch that rethrows, or passes stops through first", () => {
    const accepted = [
      "function a() { try { return f(); } catch (err) { if (!(err instanceof RangeError)) throw err; return null; } }",
      "function a() { try { return f(); } catch (err) { if (err !== BAIL) throw err; return null; } }",
      "function a() { try { return f(); } catch (err) { if (err === BAIL || err instanceof RangeError) return null; throw err; } }",
      // A test that names the stops it keeps is a decision, not an accident.
      'function a() { try { return f(); } catch (err) { if (isStop(err) && err.reason !== "size") throw err; return null; } }',
      'function a() { try { return f(); } catch (err) { if (err instanceof MathFailure && err.reason === "size") return u; throw err; } }',
      "function a() { try { return f(); } catch (err) { if (err instanceof MathFailure && !isStop(err)) return 0; throw err; } }",
    ];
    for (const code of accepted) expect(problems(code), code).toEqual([]);
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
