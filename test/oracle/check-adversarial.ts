// Generated adversarial `check` pairs of the kinds an adversarial pass found wrong: identities of
// powers and logs with symbolic exponents (true only for positive bases), differences past 10⁶
// (saturating functions shifted by a large constant), narrow bumps at random places, offsets of
// 10⁻⁴⁰ and less, and domains the graph's folding drops (x/x, √x²). Seeded: the same pairs on every
// run. Labels follow docs/checking.md; SymPy confirms them (check-adversarial.test.ts).
import type { CheckPair } from "./check-corpus.js";
import { random } from "../../src/engine/check/points.js";

const next = random(0x5eed13);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
const pair = (a: string, b: string, equivalent: boolean, why: string, where?: string): CheckPair => ({
  a,
  b,
  equivalent,
  why,
  where,
});

/** Identities of powers and logs: false on the reals as stated, true for positive bases. */
function exponents(): CheckPair[] {
  const out: CheckPair[] = [];
  const names = [
    ["x", "a", "b"],
    ["t", "p", "q"],
    ["u", "m", "n"],
  ];
  for (const [x, a, b] of names) {
    out.push(
      pair(`(${x}^${a})^${b}`, `${x}^(${a} ${b})`, false, "(x^a)^b = x^(ab) needs x > 0"),
      pair(`(${x}^${a})^${b}`, `${x}^(${a} ${b})`, true, "true for a positive base", `${x} > 0`),
      pair(`log(${x}^${a})`, `${a} log(${x})`, false, "x^a > 0 at x = −1, a = 2"),
      pair(`log(${x}^${a})`, `${a} log(${x})`, true, "true for a positive base", `${x} > 0`),
      pair(`sqrt(${x}^${a})`, `sqrt(${x})^${a}`, false, "√x undefined for x < 0"),
      pair(`sqrt(${x}^${a})`, `sqrt(${x})^${a}`, true, "true for a positive base", `${x} > 0`),
      pair(`${x}^${a} ${x}^${b}`, `${x}^(${a} + ${b})`, false, "x^(1/2) undefined at x = −1, x¹ is not"),
      pair(`${x}^${a} ${x}^${b}`, `${x}^(${a} + ${b})`, true, "true for a positive base", `${x} > 0`),
    );
  }
  // Whole and fractional exponents, drawn at random.
  for (let k = 0; k < 6; k++) {
    const p = pick([2, 4, 6]);
    const c = pick([2, 3, 5, 7, 10]);
    out.push(
      pair(`log(x^${p})`, `${p} log(x)`, false, `an even power: x^${p} > 0 for x < 0`),
      pair(`log(x^${p})`, `${p} log(x)`, true, "a positive base", "x > 0"),
      pair(`log(${c} x y)`, `log(${c}) + log(x) + log(y)`, true, "logs of positive factors", "x > 0, y > 0"),
      pair(`log(${c} x y)`, `log(${c}) + log(x) + log(y)`, false, "x, y < 0: only the left side"),
    );
  }
  out.push(
    pair("log(x/y)", "log(x) - log(y)", true, "a quotient of positives", "x > 0, y > 0"),
    pair("log(x/y)", "log(x) - log(y)", false, "x, y < 0"),
    pair("exp(a log(x))", "x^a", true, "the definition of x^a for x > 0", "x > 0"),
    pair("exp(a log(x))", "x^a", false, "x^2 is defined at x = −1"),
    pair("2^x 2^y", "2^(x + y)", true, "a positive constant base"),
    pair("x^a y^a", "(x y)^a", true, "positive bases", "x > 0, y > 0"),
    pair("log(x^a y^a)", "a log(x y)", true, "positive bases", "x > 0, y > 0"),
    pair("(x^2)^a", "x^(2 a)", false, "|x| against x at a = 1/2"),
    pair("x^a", "abs(x)^a", false, "x^(1/2) undefined for x < 0"),
    pair("(2^x)^y", "2^(x y)", true, "a positive constant base"),
  );
  return out;
}

/** A saturating or piecewise function shifted by a constant far beyond 10⁶. */
function shifts(): CheckPair[] {
  const out: CheckPair[] = [];
  for (let k = 0; k < 8; k++) {
    const mantissa = 1 + Math.floor(next() * 9);
    const power = 6 + Math.floor(next() * 7);
    const c = `${mantissa}*10^${power}`;
    out.push(
      pair(`tanh(x - ${c})`, "-1", false, `switches at ${c}`),
      pair(`softplus(x - ${c})`, "0", false, `grows past ${c}`),
      pair(`sigmoid(x - ${c})`, "0", false, `½ at ${c}`),
      pair(`x + relu(x - ${c})`, "x", false, `differs past ${c}`),
      pair(`tanh(x - ${c})`, `2 sigmoid(2 (x - ${c})) - 1`, true, "tanh through σ"),
    );
  }
  return out;
}

/** A bump of random width at a random place: zero everywhere else. */
function bumps(): CheckPair[] {
  const out: CheckPair[] = [];
  for (let k = 0; k < 8; k++) {
    const centre = (Math.round((next() * 2000 - 1000) * 1000) / 1000).toString();
    const w = pick(["0.01", "10^-4", "10^-6"]);
    const shifted = centre.startsWith("-") ? `(x + ${centre.slice(1)})` : `(x - ${centre})`;
    out.push(
      pair(`relu(${w} - ${shifted}^2)`, "0", false, `a bump of height ${w} at ${centre}`),
      pair(`relu(${w} - abs${shifted})`, "0", false, `a tent at ${centre}`),
      pair(`step(${w} - ${shifted}^2)`, "0", false, `an indicator near ${centre}`),
      pair(`relu(-${shifted}^2 - ${w})`, "0", true, "never positive"),
    );
  }
  // In two variables: positive only near one point of the plane.
  for (let k = 0; k < 4; k++) {
    const [cx, cy] = [1, 2].map(() => Math.round((next() * 200 - 100) * 100) / 100);
    const around = (v: string, c: number) => (c < 0 ? `(${v} + ${-c})` : `(${v} - ${c})`);
    const w = pick(["0.01", "10^-4"]);
    out.push(
      pair(`relu(${w} - ${around("x", cx)}^2 - ${around("y", cy)}^2)`, "0", false, `a bump at (${cx}, ${cy})`),
      pair(`relu(-${around("x", cx)}^2 - ${around("y", cy)}^2 - ${w})`, "0", true, "never positive"),
    );
  }
  return out;
}

/** Offsets far below 40 digits. */
function offsets(): CheckPair[] {
  const out: CheckPair[] = [];
  const fs = ["x^2", "sin(x)", "exp(x)", "x^3 - x", "σ(x)", "sqrt(x^2 + 1)", "log(x^2 + 1)"];
  for (const f of fs) {
    const k = pick([40, 50, 80, 120, 200]);
    out.push(
      pair(`${f} + 10^-${k}`, f, false, `an offset of 10⁻${k}`),
      pair(`(1 + 10^-${k}) (${f})`, f, false, `a factor 1 + 10⁻${k}`),
    );
  }
  out.push(pair("sin(x)^2 + cos(x)^2 + 10^-60", "1", false, "a disguised 1 plus 10⁻⁶⁰"));
  return out;
}

/** Domains the graph's folding drops, as typed. */
function folded(): CheckPair[] {
  const out: CheckPair[] = [
    pair("x/x", "1", true, "equal except at x = 0, a removable point"),
    pair("sqrt(x)^2", "x", false, "undefined for x < 0 on the left"),
    pair("sqrt(x)^2", "x", true, "on the stated domain", "x >= 0"),
    pair("sqrt(x)/sqrt(x)", "1", false, "undefined for x < 0 on the left"),
    pair("log(x) - log(x)", "0", false, "undefined for x ≤ 0 on the left"),
    pair("x^(1/2) x^(1/2)", "x", false, "undefined for x < 0 on the left"),
    pair("(x^2)^(1/2)", "x", false, "|x|, not x"),
    pair("(x^2)^(1/2)", "abs(x)", true, "|x|"),
  ];
  for (let k = 0; k < 4; k++) {
    const c = 1 + Math.floor(next() * 50);
    out.push(
      pair(`sqrt(x + ${c})^2`, `x + ${c}`, false, `undefined for x < −${c} on the left`),
      pair(`(x + ${c})/(x + ${c})`, "1", true, `a removable point at −${c}`),
    );
  }
  return out;
}

/** Its own seed, so the pairs above stay what they were. */
const more = random(0xb0a4d5);
const pickMore = <T>(xs: readonly T[]): T => xs[Math.floor(more() * xs.length)];

/**
 * Conditions whose interval reaches just past a side's domain or a breakpoint: x > −10⁻⁹ lets x in
 * (−10⁻⁹, 0), where √x is undefined and |x| ≠ x; a bound between 10⁻⁶ and 10⁻¹².
 */
function nearBounds(): CheckPair[] {
  const out: CheckPair[] = [];
  for (let k = 0; k < 6; k++) {
    const b = `${pickMore([1, 2, 3, 5, 7, 9])}*10^-${6 + Math.floor(more() * 7)}`;
    out.push(
      pair("sqrt(x)^2", "x", false, `√x undefined on (−${b}, 0)`, `x > -${b}`),
      pair("abs(x)", "x", false, `|x| ≠ x on (−${b}, 0)`, `x > -${b}`),
      pair("relu(x)", "0", false, `x > 0 on (0, ${b})`, `x < ${b}`),
      pair(`step(x - ${b})`, "1", false, `0 on (0, ${b})`, "x > 0"),
      pair("log(x y)", "log(x) + log(y)", false, "x, y in (−b, 0): only the left side", `x > -${b}, y > -${b}`),
      pair(`sqrt(x + ${b})^2`, `x + ${b}`, false, `undefined below −${b}`, `x > -2*${b}`),
      pair(`step(x + ${b})`, "1", true, "x + b > 0", "x >= 0"),
      pair("relu(x)", "abs(x)", true, "x ≥ 0", "x >= 0"),
    );
  }
  return out;
}

/**
 * Crossings far out or at constants that are not literals: x − e³⁰, x − 2⁴⁵ (a breakpoint at the
 * constant's value), √x − 10⁸ and log x − 150 (roots at 10¹⁶ and e¹⁵⁰, past any sampled scale).
 */
function farCrossings(): CheckPair[] {
  const out: CheckPair[] = [];
  for (let k = 0; k < 4; k++) {
    const e = `exp(${20 + Math.floor(more() * 40)})`;
    const p = `2^${30 + Math.floor(more() * 30)}`;
    const c = pickMore([e, p, `${e} + ${p}`, `3 ${e}`]);
    const m = 4 + Math.floor(more() * 16);
    const l = 50 + Math.floor(more() * 250);
    out.push(
      pair(`relu(x - ${c})`, "0", false, `positive past ${c}`),
      pair(`tanh(x - ${c})`, "-1", false, `switches at ${c}`),
      pair(`step(x - ${c})`, "0", false, `1 past ${c}`),
      pair(`relu(sqrt(x) - 10^${m})`, "0", false, `positive past 10^${2 * m}`, "x > 0"),
      pair(`relu(log(x) - ${l})`, "0", false, `positive past e^${l}`, "x > 0"),
      pair(`tanh(x - ${c})`, `2 sigmoid(2 (x - ${c})) - 1`, true, "tanh through σ"),
      pair(`relu(-(x - ${c})^2 - 1)`, "0", true, "never positive"),
    );
  }
  return out;
}

/** Bumps far narrower than a double's spacing, at irrational centres: only x = c itself shows them. */
function irrationalCentres(): CheckPair[] {
  const out: CheckPair[] = [];
  const centres = ["pi", "sqrt(2)", "sqrt(3)", "exp(1)", "log(2)", "pi/3 + 1", "2 sqrt(5) - 1", "exp(2) - pi"];
  for (let k = 0; k < 6; k++) {
    const c = pickMore(centres);
    const w = `10^-${40 + Math.floor(more() * 40)}`;
    out.push(
      pair(`relu(${w} - (x - (${c}))^2)`, "0", false, `a bump of height ${w} at ${c}`),
      pair(`step(${w} - (x - (${c}))^2)`, "0", false, `an indicator at ${c}`),
      pair(`relu(-(x - (${c}))^2 - ${w})`, "0", true, "never positive"),
      pair(`step(x - (${c}))`, `step(x - (${c}) - ${w})`, false, `they part on (${c}, ${c} + ${w})`),
      pair(`relu(x - (${c}))`, `max(x - (${c}), 0)`, true, "relu as max(u, 0)"),
    );
  }
  const [cx, cy] = [pickMore(centres), pickMore(centres)];
  out.push(
    pair(`relu(10^-40 - (x - (${cx}))^2 - (y - (${cy}))^2)`, "0", false, `a bump at (${cx}, ${cy})`),
    pair(`relu(-(x - (${cx}))^2 - (y - (${cy}))^2 - 10^-40)`, "0", true, "never positive"),
  );
  return out;
}

/** Its own seed too, for the pairs of polynomial and rational arguments with close roots. */
const roots = random(0x2007a5);
const pickRoot = <T>(xs: readonly T[]): T => xs[Math.floor(roots() * xs.length)];
/** A short decimal centre in (−50, 50), written so it reads back: (x - 3.25) or (x + 3.25). */
const centre = () => Math.round((roots() * 100 - 50) * 100) / 100;
const shift = (v: string, c: number) => (c < 0 ? `(${v} + ${-c})` : c === 0 ? v : `(${v} - ${c})`);

/**
 * Piecewise functions of polynomial and rational arguments whose roots are close: a difference
 * confined between two roots 10⁻⁸ to 10⁻⁴⁰ apart (rational or irrational), or to a tiny interval
 * around 0, or to the single irrational point where a step jumps. The search finds their roots
 * exactly and tries every sign region between them.
 */
function closeRoots(): CheckPair[] {
  const out: CheckPair[] = [];
  for (let k = 0; k < 8; k++) {
    const c = centre();
    const e = 8 + Math.floor(roots() * 33);
    const x = shift("x", c);
    // Rational roots c and c + 10⁻ᵉ: negative only between them.
    const p = `${x} (${x} - 10^-${e})`;
    out.push(
      pair(`relu(-${p})`, "0", false, `positive only between ${c} and ${c} + 10^-${e}`),
      pair(`abs(${p})`, p, false, `differs only between ${c} and ${c} + 10^-${e}`),
      pair(`step(-${p})`, `step(-${p} - 10^-${2 * e + 5})`, false, `they part beside the roots`),
      pair(`max(${p}, 0)`, `relu(${p})`, true, "relu as max(u, 0)"),
    );
    // Irrational roots c ± √m·10⁻ᵉ (m not a square): a quadratic, and a quartic with four close roots.
    const m = pickRoot([2, 3, 5, 6, 7]);
    const q = `${x}^2 - ${m}*10^-${2 * e}`;
    out.push(
      pair(`relu(-(${q}))`, "0", false, `positive only within √${m}·10^-${e} of ${c}`),
      pair(`abs(${q})`, q, false, `differs only within √${m}·10^-${e} of ${c}`),
      pair(`step(${q})`, `(sign(${q}) + 1)/2`, false, `they differ only at ${c} ± √${m}·10^-${e}`),
      pair(`abs(${q}) + ${q}`, `2 relu(${q})`, true, "|u| + u = 2 relu(u)"),
    );
    const w = 20 + Math.floor(roots() * 30);
    const quartic = `(${x}^2 - ${m})^2 - 10^-${2 * w}`;
    out.push(
      pair(`relu(-(${quartic}))`, "0", false, `positive within about 10^-${w} of ${c} ± √${m}`),
      pair(`min(${quartic}, 0)`, `-relu(-(${quartic}))`, true, "min(u, 0) = −relu(−u)"),
    );
  }
  // Cubics with a pair of close roots and one far, and a difference at x beyond ±100.
  for (let k = 0; k < 4; k++) {
    const [a, b] = [centre(), 100 + Math.floor(roots() * 900)];
    const e = 10 + Math.floor(roots() * 20);
    const cubic = `${shift("x", a)} (${shift("x", a)} - 10^-${e}) (x - ${b})`;
    out.push(
      pair(`relu(${cubic})`, `relu(${cubic}) + relu(x - ${b})`, false, `differs past ${b}`),
      pair(`abs(${cubic})`, `sqrt((${cubic})^2)`, true, "|u| = √(u²)"),
      pair(`hardtanh(${cubic})`, `min(max(${cubic}, -1), 1)`, true, "hardtanh as a clip"),
      pair(
        `relu(-(${cubic}))`,
        `relu(${b} - x) relu(-${shift("x", a)} (${shift("x", a)} - 10^-${e}))`,
        false,
        "the close pair",
      ),
    );
  }
  // A tiny interval around 0: |x² − 10⁻ᵉ| against x² − 10⁻ᵉ, from the issue.
  for (let k = 0; k < 4; k++) {
    const e = pickRoot([10, 20, 31, 50, 80]);
    out.push(
      pair(`abs(x^2 - 10^-${e})`, `x^2 - 10^-${e}`, false, `they differ on (−10^-${e / 2}, 10^-${e / 2})`),
      pair(`abs(x^2 - 10^-${e})`, `x^2 - 10^-${e}`, true, "equal outside the roots", `x > 1`),
      pair(`relu(x^3 - x + 10^-${e})`, `relu(x^3 - x)`, false, "an offset beside each root"),
    );
  }
  // Rational arguments: their sign changes at the roots of the numerator and of the denominator.
  for (let k = 0; k < 4; k++) {
    const m = pickRoot([2, 3, 5]);
    const e = 10 + Math.floor(roots() * 30);
    out.push(
      pair(`relu(1/(x^2 - ${m}) - 10^${e})`, "0", false, `positive just past ±√${m}`),
      pair(`step(x/(x^2 - ${m}))`, `step(x (x^2 - ${m}))`, true, "the same sign where defined", `x^2 > ${m}`),
    );
  }
  // Two variables: a disk of radius 10⁻ᵉ, and a band 10⁻ᵉ wide along a line.
  for (let k = 0; k < 3; k++) {
    const [cx, cy] = [centre(), centre()];
    const e = 10 + Math.floor(roots() * 20);
    out.push(
      pair(`relu(10^-${2 * e} - ${shift("x", cx)}^2 - ${shift("y", cy)}^2)`, "0", false, `a disk at (${cx}, ${cy})`),
      pair(`relu(10^-${2 * e} - (x - y - ${cx})^2)`, "0", false, `a band along x − y = ${cx}`),
    );
  }
  // The issue's own: relu(x² − 2) + x against x differs only for |x| > √2.
  out.push(
    pair("relu(x^2 - 2) + x", "x", false, "differs only for |x| > √2"),
    pair("relu(x^2 - 2) + x", "x", true, "equal inside the roots", "x > -1, x < 1"),
    pair("max(x^3 - x, 0)", "relu(x^3 - x)", true, "relu as max(u, 0)"),
    pair("max(x^3 - x, 0)", "relu(x^3 - x - 10^-30)", false, "an offset beside each root"),
  );
  return out;
}

/**
 * Vectors and matrices whose entries differ only in the ways above: beside two close roots, by
 * 10⁻³⁰, past ±10⁶, or in the domain typed in one entry; and entries that agree.
 */
function arrays(): CheckPair[] {
  const out: CheckPair[] = [];
  for (let k = 0; k < 6; k++) {
    const c = centre();
    const e = 10 + Math.floor(roots() * 30);
    const x = shift("x", c);
    const close = `${x}^2 - 10^-${2 * e}`;
    const far = 6 + Math.floor(roots() * 6);
    out.push(
      pair(`[abs(${close}), x]`, `[${close}, x]`, false, `the first entry differs within 10^-${e} of ${c}`),
      pair(`[x, relu(x - 10^${far})]`, "[x, 0]", false, `the second entry differs past 10^${far}`),
      pair(`[x^2, y; y, x + 10^-${e}]`, `[x^2, y; y, x]`, false, `an entry 10^-${e} off`),
      pair(`[sqrt(${x})^2, 1]`, `[${x}, 1]`, false, `undefined below ${c} in the first entry`),
      pair(`[sqrt(${x})^2, 1]`, `[${x}, 1]`, true, "defined where the condition holds", `x > ${c}`),
      pair(`[abs(${close}) + ${close}, 2 x]`, `[2 relu(${close}), x + x]`, true, "|u| + u = 2 relu(u), entrywise"),
    );
  }
  return out;
}

export const ADVERSARIAL: CheckPair[] = [
  ...exponents(),
  ...shifts(),
  ...bumps(),
  ...offsets(),
  ...folded(),
  ...nearBounds(),
  ...farCrossings(),
  ...irrationalCentres(),
  ...closeRoots(),
  ...arrays(),
];
