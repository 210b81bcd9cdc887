// `text` reads back: running a value's text gives the same (interned, so identical) value.
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";
import { VALUES } from "./corpus.js";

describe("text round-trips", () => {
  it.each(VALUES)("%s", (source) => {
    const [first] = new Session().run(source);
    expect(first.status).toBe("ok");
    // A float's decimal reads back exact; N() of it is the float again.
    const hasFloat = /\d\.\d|\de/.test(first.text);
    const [again] = new Session().run(hasFloat ? `N(${first.text})` : first.text);
    expect(again.status, `${first.text}: ${again.error?.message}`).toBe("ok");
    expect(again.value === first.value, `${source} → ${first.text} → ${again.text}`).toBe(true);
  });
});
