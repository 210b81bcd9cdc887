// Julia-style escapes: typing \nabla then Tab gives ∇.
const GREEK = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu", "nu", "xi", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega"];
const LOWER = "αβγδεζηθικλμνξπρστυφχψω";
const UPPER: Record<string, string> = { Gamma: "Γ", Delta: "Δ", Theta: "Θ", Lambda: "Λ", Xi: "Ξ", Pi: "Π", Sigma: "Σ", Phi: "Φ", Psi: "Ψ", Omega: "Ω" };

export const LATEX_ESCAPES: Record<string, string> = {
  ...Object.fromEntries(GREEK.map((g, i) => [`\\${g}`, LOWER[i]])),
  ...Object.fromEntries(Object.entries(UPPER).map(([k, v]) => [`\\${k}`, v])),
  "\\nabla": "∇",
  "\\partial": "∂",
  "\\sum": "Σ",
  "\\prod": "∏",
  "\\in": "∈",
  "\\RR": "ℝ",
  "\\^T": "ᵀ",
  "\\transpose": "ᵀ",
  "\\^-1": "⁻¹",
  "\\^2": "²",
  "\\^3": "³",
  "\\_1": "₁",
  "\\_2": "₂",
  "\\cdot": "·",
  "\\odot": "⊙",
  "\\otimes": "⊗",
  "\\times": "×",
  "\\to": "→",
  "\\rightarrow": "→",
  "\\equiv": "≡",
  "\\approx": "≈",
  "\\leq": "≤",
  "\\geq": "≥",
  "\\neq": "≠",
  "\\norm": "‖",
  "\\|": "‖",
  "\\sqrt": "√",
  "\\infty": "∞",
};
