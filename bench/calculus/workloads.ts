// The calculus workloads of issue 3, each as a Nabla program and a SymPy program that print
// comparable answers.
export interface Workload {
  name: string;
  nabla: string;
  sympy: string;
}

function quartic(n: number): { nabla: string; sympy: string; vars: string[] } {
  const vars = Array.from({ length: n }, (_, i) => `x_${i + 1}`);
  const terms: string[] = [];
  for (let i = 0; i < n; i++) {
    terms.push(`${(i % 3) + 1}*${vars[i]}^4`);
    terms.push(`${vars[i]}^2*${vars[(i + 1) % n]}^2`);
    terms.push(`${(i % 5) + 1}*${vars[i]}*${vars[(i + 2) % n]}`);
  }
  const f = terms.join(" + ");
  return { nabla: f, sympy: f.replace(/\^/g, "**"), vars };
}

const network = (() => {
  const h = [1, 2, 3].map((j) => `sigmoid(w_${j}1*x_1 + w_${j}2*x_2 + c_${j})`);
  const out = `sigmoid(v_1*${h[0]} + v_2*${h[1]} + v_3*${h[2]} + d)`;
  const params = ["w_11", "w_12", "w_21", "w_22", "w_31", "w_32", "c_1", "c_2", "c_3", "v_1", "v_2", "v_3", "d"];
  return { expr: `(${out} - t)^2`, params };
})();

const CHECKS: [string, string][] = [
  ["d/dx sin(x^2)", "2*x*cos(x^2)"],
  ["d/dx sigmoid(x)", "sigmoid(x)*(1 - sigmoid(x))"],
  ["d/dx tanh(x)", "1 - tanh(x)^2"],
  ["d/dx log(x^2 + 1)", "2*x/(x^2 + 1)"],
];

const sympyCheck = ([a, b]: [string, string]) => {
  const f = a.replace(/^d\/dx /, "");
  return `print(simplify(diff(${f.replace(/\^/g, "**")}, x) - (${b.replace(/\^/g, "**")})) == 0)`;
};

const SYMPY_PRELUDE = "sigmoid = Lambda(Symbol('u'), 1/(1 + exp(-Symbol('u'))))";

export const WORKLOADS: Workload[] = [
  ...[5, 10, 20].map((n) => {
    const q = quartic(n);
    return {
      name: `Hessian of a quartic in ${n} variables`,
      nabla: `H = hessian(${q.nabla}, [${q.vars.join(", ")}]);\ntr(H)`,
      sympy: `xs = symbols('${q.vars.join(" ")}')\nf = ${q.sympy.replace(/x_(\d+)/g, "xs[$1-1]")}\nH = hessian(f, xs)\nprint(expand(H.trace()))`,
    };
  }),
  {
    name: "gradient of a 2-3-1 sigmoid network's loss (13 parameters)",
    nabla: `G = grad(${network.expr}, [${network.params.join(", ")}]);\nG[13]`,
    sympy: `${SYMPY_PRELUDE}\nw_11, w_12, w_21, w_22, w_31, w_32, c_1, c_2, c_3, v_1, v_2, v_3, d, x_1, x_2, t = symbols('w_11 w_12 w_21 w_22 w_31 w_32 c_1 c_2 c_3 v_1 v_2 v_3 d x_1 x_2 t')\nL = ${network.expr.replace(/\^/g, "**")}\nG = [diff(L, p) for p in (w_11, w_12, w_21, w_22, w_31, w_32, c_1, c_2, c_3, v_1, v_2, v_3, d)]\nprint(len(G))`,
  },
  {
    name: "Lagrange system in 3 variables",
    nabla: "lagrange(x y z, x + y + z = 3)",
    sympy:
      "x, y, z, l = symbols('x y z l')\nL = x*y*z + l*(3 - x - y - z)\nprint(solve([diff(L, v) for v in (x, y, z, l)], [x, y, z, l], dict=True))",
  },
  {
    name: "Lagrange system in 4 variables",
    nabla: "lagrange(x^2 + y^2 + z^2 + w^2, x + y + z + w = 4, x - y = 1)",
    sympy:
      "x, y, z, w, a, b = symbols('x y z w a b')\nL = x**2 + y**2 + z**2 + w**2 + a*(4 - x - y - z - w) + b*(1 - x + y)\nprint(solve([diff(L, v) for v in (x, y, z, w, a, b)], [x, y, z, w, a, b], dict=True))",
  },
  {
    // The issue's reference SymPy took ~0.2 s per Lagrange system; the linear one above takes a
    // quarter of that, this one more. Its stationary points include a continuum (two coordinates
    // zero): Nabla lists (1, 1, 1, 1) and says so; SymPy 1.11 returns three points of the
    // continuum and misses (1, 1, 1, 1).
    name: "Lagrange system in 4 variables (xyzw on a plane)",
    nabla: "lagrange(x y z w, x + y + z + w = 4)",
    sympy:
      "x, y, z, w, l = symbols('x y z w l')\nL = x*y*z*w + l*(4 - x - y - z - w)\nprint(solve([diff(L, v) for v in (x, y, z, w, l)], [x, y, z, w, l], dict=True))",
  },
  {
    name: "order-6 series of exp(sin x)",
    nabla: "taylor(exp(sin(x)), x = 0, 6)",
    sympy: "x = symbols('x')\nprint(series(exp(sin(x)), x, 0, 7).removeO())",
  },
  {
    name: "4 derivative equivalence checks",
    nabla: CHECKS.map(([a, b]) => `check ${a} == ${b}`).join("\n"),
    sympy: `${SYMPY_PRELUDE}\nx = symbols('x')\n${CHECKS.map(sympyCheck).join("\n")}`,
  },
];

/** 1,000 distinct checks (every coefficient differs, so no cache helps either side), for throughput. */
export function manyChecks(n = 1000): { nabla: string; sympy: string } {
  const lines: [string, string][] = [];
  for (let k = 0; k < n; k++) {
    const a = k + 1;
    const p = (k % 5) + 2;
    lines.push([`d/dx (${a}*x^${p} + sin(${a}*x))`, `${a * p}*x^${p - 1} + ${a}*cos(${a}*x)`]);
  }
  return {
    nabla: lines.map(([a, b]) => `check ${a} == ${b}`).join("\n"),
    sympy: `x = symbols('x')\n${lines.map(([a, b]) => `simplify(diff(${a.replace(/^d\/dx /, "").replace(/\^/g, "**")}, x) - (${b.replace(/\^/g, "**")})) == 0`).join("\n")}\nprint("done")`,
  };
}
