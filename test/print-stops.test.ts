// A result's printed forms are made when first read (session.ts, withForms). A printer that fails
// reads as a note, and so does a size limit (the value is too large to print); a time limit, an
// interrupt or the memory guard belongs to the statement running while the form is read: it goes on
// up, nothing is kept, and the form is made afresh when read again.
import { describe, expect, it, vi } from "vitest";

const printer = vi.hoisted(() => ({ failWith: null as unknown }));

vi.mock("../src/render/index.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../src/render/index.js")>();
  return {
    ...real,
    prettyIn: (...args: Parameters<typeof real.prettyIn>) => {
      if (printer.failWith !== null) throw printer.failWith;
      return real.prettyIn(...args);
    },
  };
});

// test/setup.ts has loaded the session already: load it again, with the mocked printer, and its errors with it.
vi.resetModules();
const { Session } = await import("../src/session.js");
const { MathFailure, interruptError, limitError } = await import("../src/errors.js");

/** x + 1 as a result whose pretty form is read for the first time with the printer failing so. */
function readPretty(failure: unknown): () => string {
  const [result] = new Session().run("x + 1");
  printer.failWith = failure;
  return () => {
    try {
      return result.pretty;
    } finally {
      printer.failWith = null;
    }
  };
}

describe("a stop met while a form is printed", () => {
  it.each([
    ["time", limitError("the statement ran longer than 10 s and was stopped", null, "time")],
    ["memory", limitError("out of memory", null, "memory")],
    ["interrupt", interruptError()],
  ])("a %s stop goes on up, and the form is printed when read again", (reason, stop) => {
    const [result] = new Session().run("x + 1");
    printer.failWith = stop;
    expect(() => result.pretty).toThrow(stop);
    expect(stop.reason).toBe(reason);
    printer.failWith = null;
    expect(result.pretty).toBe("x + 1");
  });

  it("a size limit is the value's: the form says the value is too large to print", () => {
    const text = readPretty(limitError("the decimal would have 10^9 digits", null, "size"))();
    expect(text).toBe("(not printable: the decimal would have 10^9 digits)");
  });

  it("a printer fault reads as a note, not a throw", () => {
    expect(readPretty(new Error("no printer for this node"))()).toBe("(not printable: no printer for this node)");
    expect(readPretty(new MathFailure("math", "no form for this"))()).toBe("(not printable: no form for this)");
  });

  it("a value nested thousands deep (x^x^…^x) says so, not what the stack said", () => {
    expect(readPretty(new RangeError("Maximum call stack size exceeded"))()).toBe("(not printable: nested too deeply)");
    const tower = Array.from({ length: 3000 }, () => "x").join("^");
    expect(new Session().run(tower)[0].pretty).toBe("(not printable: nested too deeply)");
  });
});
