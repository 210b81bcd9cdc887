// Names that begin with a keyword and an underscore are names (train_loss, check_x, layer_1), in
// the grammar and in the fast parser alike; the keywords themselves still start their statements.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/session.js";
import { KEYWORDS } from "../../src/syntax/fast-parse.js";

describe("a keyword followed by _ starts a name", () => {
  it.each(KEYWORDS)("%s_a = 3 assigns a name", (word) => {
    const [assigned, used] = new Session().run(`${word}_a = 3\n${word}_a + 1`);
    expect(assigned.status, assigned.error?.message).toBe("ok");
    expect(used.text).toBe("4");
  });

  it("while the keywords still begin their statements", () => {
    const [checked] = new Session().run("check x == x");
    expect(checked.verdict).toBe("equivalent");
    expect(new Session().run("x_in = 4\nx_in")[1].text).toBe("4");
  });
});
