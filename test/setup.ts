// Custom matchers: `expect(src).toParseAs("(+ x 1)")`, `expect(src).toEvaluateTo("[17, 39]")`
// (the value's Nabla text), and `expect(latex).toRenderInKatex()`.
import { expect } from "vitest";
import katex from "katex";
import { parseStatement } from "../src/syntax/to-ast.js";
import { scan } from "../src/syntax/scanner.js";
import { Session } from "../src/session.js";
import { sexpStatement } from "./helpers/sexp.js";

function parseOne(source: string): string {
  const scanned = scan(source);
  if (!scanned.ok || scanned.statements.length !== 1) return `<scan failed: ${JSON.stringify(scanned)}>`;
  const st = scanned.statements[0];
  const parsed = parseStatement(st.text, st.offset);
  return parsed.ok
    ? sexpStatement(parsed.statement)
    : `<parse failed at ${parsed.offset}: ${parsed.expected.join(", ")}>`;
}

expect.extend({
  toParseAs(received: string, expected: string) {
    const actual = parseOne(received);
    return {
      pass: actual === expected,
      message: () => `${received}\n  parsed as ${actual}\n  expected  ${expected}`,
      actual,
      expected,
    };
  },
  toEvaluateTo(received: string, expected: string) {
    const results = new Session().run(received);
    const last = results[results.length - 1];
    const actual = last?.status === "ok" ? last.text : `<error: ${last?.error?.message}>`;
    return {
      pass: actual === expected,
      message: () => `${received}\n  gave     ${actual}\n  expected ${expected}`,
      actual,
      expected,
    };
  },
  toRenderInKatex(received: string) {
    try {
      katex.renderToString(received, { throwOnError: true, displayMode: true });
      return { pass: true, message: () => `${received} rendered` };
    } catch (err) {
      return { pass: false, message: () => `KaTeX rejected ${received}: ${(err as Error).message}` };
    }
  },
});

declare module "vitest" {
  interface Matchers<T = any> {
    toParseAs(expected: string): T;
    toEvaluateTo(expected: string): T;
    toRenderInKatex(): T;
  }
}
