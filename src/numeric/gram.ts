// H = Aᵀ diag(v) A for an m×n row-major A. H is symmetric, so only its upper triangle is computed:
// each entry is a dot product of two columns, taken from transposed copies (contiguous, length m),
// four entries at a time so that one column's loads serve four sums held in registers.
export function transposed(A: Float64Array, m: number, n: number): Float64Array {
  const T = new Float64Array(m * n);
  for (let r = 0; r < m; r++) for (let c = 0; c < n; c++) T[c * m + r] = A[r * n + c];
  return T;
}

/**
 * Rows [from, to) of the upper triangle of Aᵀ diag(v) A, given At = Aᵀ (n×m): two rows by four
 * columns at a time, eight sums in registers for six loads per step.
 */
export function weightedGramRows(
  At: Float64Array,
  m: number,
  n: number,
  v: Float64Array,
  from: number,
  to: number,
  out: Float64Array,
): void {
  const u = new Float64Array(m);
  const w = new Float64Array(m);
  let i = from;
  for (; i + 1 < to; i += 2) {
    const ci = i * m;
    for (let r = 0; r < m; r++) {
      u[r] = v[r] * At[ci + r];
      w[r] = v[r] * At[ci + m + r];
    }
    // The pair's own corner (columns i, i+1) first, then four columns at a time.
    let d0 = 0,
      d1 = 0,
      d2 = 0;
    for (let r = 0; r < m; r++) {
      d0 += u[r] * At[ci + r];
      d1 += u[r] * At[ci + m + r];
      d2 += w[r] * At[ci + m + r];
    }
    out[i * n + i] = d0;
    out[i * n + i + 1] = d1;
    out[(i + 1) * n + i + 1] = d2;
    let j = i + 2;
    for (; j + 3 < n; j += 4) {
      const c0 = j * m,
        c1 = c0 + m,
        c2 = c1 + m,
        c3 = c2 + m;
      let a0 = 0,
        a1 = 0,
        a2 = 0,
        a3 = 0,
        b0 = 0,
        b1 = 0,
        b2 = 0,
        b3 = 0;
      for (let r = 0; r < m; r++) {
        const x = u[r];
        const y = w[r];
        const t0 = At[c0 + r],
          t1 = At[c1 + r],
          t2 = At[c2 + r],
          t3 = At[c3 + r];
        a0 += x * t0;
        a1 += x * t1;
        a2 += x * t2;
        a3 += x * t3;
        b0 += y * t0;
        b1 += y * t1;
        b2 += y * t2;
        b3 += y * t3;
      }
      const oi = i * n + j;
      const oj = oi + n;
      out[oi] = a0;
      out[oi + 1] = a1;
      out[oi + 2] = a2;
      out[oi + 3] = a3;
      out[oj] = b0;
      out[oj + 1] = b1;
      out[oj + 2] = b2;
      out[oj + 3] = b3;
    }
    for (; j < n; j++) {
      const cj = j * m;
      let a = 0,
        b = 0;
      for (let r = 0; r < m; r++) {
        a += u[r] * At[cj + r];
        b += w[r] * At[cj + r];
      }
      out[i * n + j] = a;
      out[(i + 1) * n + j] = b;
    }
  }
  for (; i < to; i++) {
    const ci = i * m;
    for (let r = 0; r < m; r++) u[r] = v[r] * At[ci + r];
    for (let j = i; j < n; j++) {
      const cj = j * m;
      let s = 0;
      for (let r = 0; r < m; r++) s += u[r] * At[cj + r];
      out[i * n + j] = s;
    }
  }
}

export function mirrorUpper(H: Float64Array, n: number): Float64Array {
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) H[j * n + i] = H[i * n + j];
  return H;
}

/** Aᵀ diag(v) A in one thread. */
export function weightedGram(A: Float64Array, m: number, n: number, v: Float64Array): Float64Array {
  const out = new Float64Array(n * n);
  weightedGramRows(transposed(A, m, n), m, n, v, 0, n, out);
  return mirrorUpper(out, n);
}

/**
 * Splits the triangle's rows so that each part has about the same number of entries: row i has
 * n − i of them, so the first part is shorter in rows.
 */
export function balancedSplit(n: number, parts: number): number[] {
  const total = (n * (n + 1)) / 2;
  const bounds = [0];
  let acc = 0;
  for (let i = 0; i < n && bounds.length < parts; i++) {
    acc += n - i;
    if (acc >= (total * bounds.length) / parts) bounds.push(i + 1);
  }
  bounds.push(n);
  return bounds;
}
