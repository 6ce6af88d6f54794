/**
 * Eigenvalues (without eigenvectors) of a symmetric matrix: Householder reduction to tridiagonal
 * form on the lower triangle (LAPACK `dsytd2`'s algorithm: `A <- H A H` with
 * `H = I - beta v v^T`, applied as the rank-2 update `A - v w^T - w v^T`,
 * `w = p - (beta / 2)(p . v) v`, `p = beta A v`), then the implicit QL iteration with Wilkinson
 * shifts on the tridiagonal matrix (EISPACK `tql1`). Rows are contiguous in memory and only the
 * lower triangle is read and written, so the reduction streams half the matrix twice per step.
 * O(2 n^3 / 3) multiply-adds for the reduction, O(n^2) for the iteration.
 */

/** Eigenvalues, ascending, of the symmetric n x n matrix whose lower triangle `a` holds (row-major; overwritten). */
export function symmetricEigenvalues(a: Float64Array, n: number): Float64Array {
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  tridiagonalizeLower(a, n, d, e);
  qlEigenvalues(d, e, n);
  return d.sort();
}

function tridiagonalizeLower(a: Float64Array, n: number, d: Float64Array, e: Float64Array): void {
  const v = new Float64Array(n);
  const p = new Float64Array(n);
  for (let k = 0; k < n - 2; k++) {
    d[k] = a[k * n + k]!;
    // Householder vector of column k below the diagonal (stored in row i, column k, i > k).
    let scale = 0;
    for (let i = k + 1; i < n; i++) scale = Math.max(scale, Math.abs(a[i * n + k]!));
    if (scale === 0) {
      e[k] = 0;
      continue;
    }
    let sigma = 0;
    for (let i = k + 1; i < n; i++) {
      v[i] = a[i * n + k]! / scale;
      sigma += v[i]! * v[i]!;
    }
    // H x = alpha e1 with alpha = -sign(x0) |x|; v = x - alpha e1; beta = 2 / (v . v) = 1 / (sigma - alpha x0)
    const x0 = v[k + 1]!;
    const alpha = x0 >= 0 ? -Math.sqrt(sigma) : Math.sqrt(sigma);
    e[k] = alpha * scale;
    v[k + 1] = x0 - alpha;
    householderUpdate(a, n, k + 1, v, p, 1 / (sigma - alpha * x0));
  }
  if (n >= 2) {
    d[n - 2] = a[(n - 2) * n + n - 2]!;
    e[n - 2] = a[(n - 1) * n + n - 2]!;
  }
  if (n >= 1) d[n - 1] = a[(n - 1) * n + n - 1]!;
  e[n - 1] = 0;
}

/**
 * Applies `A <- H A H` on the trailing block [from, n) of the lower triangle, `H = I - beta v v^T`:
 * `p = beta A v`, `w = p - (beta / 2)(p . v) v`, `A -= v w^T + w v^T`.
 */
function householderUpdate(
  a: Float64Array,
  n: number,
  from: number,
  v: Float64Array,
  p: Float64Array,
  beta: number,
): void {
  p.fill(0, from, n);
  for (let i = from; i < n; i++) {
    const row = i * n;
    const vi = v[i]!;
    let s = 0;
    for (let j = from; j < i; j++) {
      const aij = a[row + j]!;
      s += aij * v[j]!;
      p[j]! += aij * vi;
    }
    p[i]! += s + a[row + i]! * vi;
  }
  let pv = 0;
  for (let i = from; i < n; i++) {
    p[i]! *= beta;
    pv += p[i]! * v[i]!;
  }
  const half = (beta / 2) * pv;
  for (let i = from; i < n; i++) p[i]! -= half * v[i]!;
  for (let i = from; i < n; i++) {
    const row = i * n;
    const vi = v[i]!;
    const wi = p[i]!;
    for (let j = from; j <= i; j++) a[row + j]! -= vi * p[j]! + wi * v[j]!;
  }
}

/** Implicit QL with shifts on the symmetric tridiagonal (d diagonal, e[0..n-2] off-diagonal); eigenvalues left in d. */
function qlEigenvalues(d: Float64Array, e: Float64Array, n: number): void {
  const eps = 2 ** -52;
  for (let l = 0; l < n; l++) {
    let iterations = 0;
    for (;;) {
      let m = l;
      for (; m < n - 1; m++) {
        const dd = Math.abs(d[m]!) + Math.abs(d[m + 1]!);
        if (Math.abs(e[m]!) <= eps * dd) break;
      }
      if (m === l) break;
      if (++iterations > 60) throw new Error("symmetricEigenvalues: the QL iteration did not converge");
      let g = (d[l + 1]! - d[l]!) / (2 * e[l]!);
      let r = Math.hypot(g, 1);
      g = d[m]! - d[l]! + e[l]! / (g + (g >= 0 ? Math.abs(r) : -Math.abs(r)));
      let s = 1;
      let c = 1;
      let p = 0;
      let i = m - 1;
      for (; i >= l; i--) {
        const f = s * e[i]!;
        const b = c * e[i]!;
        r = Math.hypot(f, g);
        e[i + 1] = r;
        if (r === 0) {
          d[i + 1]! -= p;
          e[m] = 0;
          break;
        }
        s = f / r;
        c = g / r;
        g = d[i + 1]! - p;
        r = (d[i]! - g) * s + 2 * c * b;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - b;
      }
      if (r === 0 && i >= l) continue;
      d[l]! -= p;
      e[l] = g;
      e[m] = 0;
    }
  }
}
