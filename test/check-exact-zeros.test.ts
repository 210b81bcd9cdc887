// A jump (sign, step) differs from its neighbours only where its argument is 0: a point no decimal
// hits when the zero is transcendental or periodic. The search takes those zeros exactly (log 2,
// ±π/2, asin(1/3) + 2kπ, …; src/engine/check/exact-roots.ts), where "sign(exp(x) − 2)² == 1" and
// "sign(cos x)² == 1" were equivalent by sampling. True identities of the same shape stay equivalent.
import { describe, expect, it } from "vitest";
import { Session } from "../src/session.js";

const verdict = (claim: string) => [...new Session({ limits: { timeMs: 8000 } }).run(`check ${claim}`)][0];

/** Arguments with exact zeros the search must find, each inside sign² and step + step. */
const ARGUMENTS = [
  "exp(x) - 2",
  "exp(3x) - 5",
  "log(x^2 + 1) - 1",
  "cos(x)",
  "sin(x) - 1/3",
  "cos(2x) + 1/2",
  "tan(x) - 2",
  "tanh(x) - 1/2",
  "sinh(x) - 3",
  "σ(x) - 1/4",
  "sin(x + 1) - 1/5",
];

describe("a jump at a transcendental or periodic zero is seen", () => {
  const claims = ARGUMENTS.flatMap((u) => [`sign(${u})^2 == 1`, `step(${u}) + step(-(${u})) == 1`]);
  it.each(claims)("%s is not equivalent", (claim) => {
    const r = verdict(claim);
    expect(r.verdict, r.pretty).toBe("not equivalent");
  });
});

describe("identities of the same shape", () => {
  const claims = ARGUMENTS.flatMap((u) => [
    `sign(${u})^4 == sign(${u})^2`,
    `step(${u}) + step(-(${u})) - step(${u}) step(-(${u})) == 1`,
  ]);
  it.each(claims)("%s stays equivalent", (claim) => {
    const r = verdict(claim);
    expect(r.verdict, r.pretty).toBe("equivalent");
  });
});

describe("e to a multiple of a logarithm", () => {
  it.each([
    ["exp(log(2))", "2"],
    ["exp(2 log(3))", "9"],
    ["exp(-log(5))", "1/5"],
    ["exp(log(2)/2)", "sqrt(2)"],
    ["sign(exp(log(2)) - 2)", "0"],
    ["σ(log(1/3))", "1/4"],
  ])("%s is %s", (code, text) => {
    expect([...new Session().run(code)][0].text).toBe(text);
  });
});
