// Names are plain data: a notebook may call a value or a function `toString`, `constructor` or
// `valueOf`, and no JavaScript property of Object.prototype answers for it.
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";

const JS_NAMES = Object.getOwnPropertyNames(Object.prototype).filter((n) => /^[A-Za-z][A-Za-z0-9]*$/.test(n));
JS_NAMES.push("prototype", "length", "name", "caller", "arguments", "then", "toJSON", "call", "apply", "bind");

function shown(session: Session, code: string): string {
  return session
    .run(code)
    .map((r) => (r.error ? `${r.error.kind}: ${r.error.message}` : r.pretty))
    .join(" | ");
}

describe("names that are JavaScript properties", () => {
  it.each(JS_NAMES)("%s is an ordinary name", (n) => {
    const s = new Session();
    expect(shown(s, `${n} = 3`)).toBe(`${n} = 3`);
    expect(shown(s, `${n} + 1`)).toBe("4");
    expect(shown(s, `${n}(x) = x + 1`)).toBe(`${n}(x) = x + 1`);
    expect(shown(s, `${n}(2)`)).toBe("3");
    const t = new Session();
    expect(shown(t, `f(${n}) = 2${n}`)).toBe(`f(${n}) = 2 ${n}`);
    expect(shown(t, "f(5)")).toBe("10");
    expect(shown(t, `Σ_{${n}=1}^{3} ${n}`)).toBe("6");
    expect(shown(s, `help(${n})`)).toMatch(/^math: no help for /);
    expect(shown(s, `layer a = dense(2 → 3, ${n})`)).toMatch(/^math: unknown activation /);
    expect(shown(s, `dataset("${n}")`)).not.toMatch(/internal|native code/);
    expect(s.names().map((x) => x.name)).toEqual(expect.arrayContaining([n]));
  });

  it("a compiled expression reads only the values it is given", () => {
    const s = new Session();
    expect(() => s.compile("toString^2").run({})).toThrow(/no value given for toString/);
    expect(s.compile("valueOf^2").run({ valueOf: 3 })).toBeDefined();
  });
});
