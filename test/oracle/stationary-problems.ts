// Lagrange and critical-point problems (2–4 variables, 0–2 constraints), for the SymPy oracle and
// for comparing Nabla's two routes to stationary points.
export interface Problem {
  f: string;
  constraints: string[];
  vars: string[];
}

const P = (f: string, vars: string[], ...constraints: string[]): Problem => ({ f, vars, constraints });

/** Constraints are written g = c; SymPy gets c − g (the same Lagrangian up to the multiplier's sign). */
export const PROBLEMS: Problem[] = [
  P("x*y", ["x", "y"], "x + y = 10"),
  P("x^2 + y^2", ["x", "y"], "x + y = 1"),
  P("x + y", ["x", "y"], "x^2 + y^2 = 1"),
  P("x^2 + y^2", ["x", "y"], "x*y = 1"),
  P("x^2 + y^2 + z^2", ["x", "y", "z"], "x + 2*y + 3*z = 6"),
  P("x*y*z", ["x", "y", "z"], "x + y + z = 3"),
  P("x + y + z", ["x", "y", "z"], "x^2 + y^2 + z^2 = 3"),
  P("x^2 + 2*y^2", ["x", "y"], "x + y = 3"),
  P("x^2 - y^2", ["x", "y"], "x^2 + y^2 = 4"),
  P("3*x + 4*y", ["x", "y"], "x^2 + y^2 = 25"),
  P("x^2 + y^2 + z^2", ["x", "y", "z"], "x + y + z = 1", "x - y = 0"),
  P("x*y + y*z", ["x", "y", "z"], "x + y = 2", "y + z = 2"),
  P("x^2 + y^2 + z^2 + w^2", ["x", "y", "z", "w"], "x + y + z + w = 4"),
  P("x*y", ["x", "y"], "x^2 + y^2 = 8"),
  P("2*x + y", ["x", "y"], "x^2 + 4*y^2 = 8"),
  P("x^3 - 3*x + y^2", ["x", "y"]),
  P("x^2 - y^2", ["x", "y"]),
  P("x^2 + x*y + y^2 - 3*x", ["x", "y"]),
  P("x^4 + y^4 - 4*x*y", ["x", "y"]),
  P("x^3 + y^3 - 3*x*y", ["x", "y"]),
  P("x^2 + y^2 + z^2 - 2*x + 4*z", ["x", "y", "z"]),
  P("x*y*(1 - x - y)", ["x", "y"]),
  P("x^2*y - x^2 - 2*y^2", ["x", "y"]),
  P("x^3 - x - y^2", ["x", "y"]),
  P("x^2 + y^2 - 2*x*y*z", ["x", "y", "z"], "z = 1"),
  P("x^3 - 12*x + y^3 - 3*y", ["x", "y"]),
];
