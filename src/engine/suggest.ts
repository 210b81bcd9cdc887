// "Did you mean": the closest known name by edit distance, when it is close enough to be a typo.

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/**
 * What other systems (SymPy, Maxima, Mathematica, NumPy) call a command Nabla spells differently:
 * `series(…)` is not a typo of `taylor`, yet a user of SymPy types it first.
 */
const OTHER_SYSTEMS: Readonly<Record<string, string>> = {
  series: "taylor",
  gradient: "grad",
  derivative: "diff",
  differentiate: "diff",
  invert: "inv",
  inverse: "inv",
  determinant: "det",
  eigenvals: "eig",
  eigenvalues: "eig",
  eigenvects: "eig",
  eigenvectors: "eig",
  ratsimp: "simplify",
  fullsimplify: "simplify",
  trigsimp: "simplify",
  nsolve: "solve",
  linsolve: "solve",
  algsys: "solve",
  nroots: "solve",
  evalf: "N",
  float: "N",
  minimize: "critical",
  maximize: "critical",
};

export function didYouMean(name: string, known: Iterable<string>): string | null {
  const other = Object.hasOwn(OTHER_SYSTEMS, name.toLowerCase()) ? OTHER_SYSTEMS[name.toLowerCase()] : undefined;
  if (other !== undefined && other !== name) {
    for (const candidate of known) if (candidate === other) return other;
  }
  if (name.length < 3) return null;
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const allowed = name.length <= 4 ? 1 : 2;
  return bestDistance <= allowed && best !== name ? best : null;
}
