// Random expressions over x, y, z built from every built-in with a derivative, in a syntax both
// Nabla and SymPy read (`^` becomes `**` for SymPy). Arguments of log and sqrt are kept positive.
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const SMOOTH = ["exp", "sin", "cos", "tanh", "sinh", "cosh", "sigmoid", "softplus"];
const KINKED = ["abs", "relu"];

export function generateExpressions(count: number, seed: number, vars = ["x", "y", "z"]): string[] {
  const next = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const build = (depth: number): string => {
    if (depth === 0 || next() < 0.2) return next() < 0.75 ? pick(vars) : String(1 + Math.floor(next() * 4));
    const r = next();
    const a = () => build(depth - 1);
    if (r < 0.18) return `(${a()} + ${a()})`;
    if (r < 0.3) return `(${a()} - ${a()})`;
    if (r < 0.48) return `(${a()} * ${a()})`;
    if (r < 0.56) return `(${a()} / (${a()}^2 + 1))`;
    if (r < 0.66) return `(${a()})^${pick([2, 3])}`;
    if (r < 0.72) return `log(${a()}^2 + 1)`;
    if (r < 0.76) return `sqrt(${a()}^2 + 2)`;
    if (r < 0.94) return `${pick(SMOOTH)}(${a()})`;
    return `${pick(KINKED)}(${a()})`;
  };
  const out: string[] = [];
  while (out.length < count) {
    const e = build(5);
    if (e.length < 400 && vars.some((v) => e.includes(v))) out.push(e);
  }
  return out;
}
