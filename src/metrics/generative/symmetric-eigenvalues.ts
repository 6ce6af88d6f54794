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
  // p = A v over the lower triangle, four rows at a time (they share the loads of v and p)
  let i = from;
  for (; i + 3 < n; i += 4) {
    const r0 = i * n;
    const r1 = r0 + n;
    const r2 = r1 + n;
    const r3 = r2 + n;
    const v0 = v[i]!;
    const v1 = v[i + 1]!;
    const v2 = v[i + 2]!;
    const v3 = v[i + 3]!;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let j = from; j < i; j++) {
      const a0 = a[r0 + j]!;
      const a1 = a[r1 + j]!;
      const a2 = a[r2 + j]!;
      const a3 = a[r3 + j]!;
      const vj = v[j]!;
      s0 += a0 * vj;
      s1 += a1 * vj;
      s2 += a2 * vj;
      s3 += a3 * vj;
      p[j]! += a0 * v0 + a1 * v1 + a2 * v2 + a3 * v3;
    }
    // the 4 x 4 diagonal block
    for (let r = 0; r < 4; r++) {
      const row = (i + r) * n;
      let s = r === 0 ? s0 : r === 1 ? s1 : r === 2 ? s2 : s3;
      for (let j = i; j < i + r; j++) {
        const aij = a[row + j]!;
        s += aij * v[j]!;
        p[j]! += aij * v[i + r]!;
      }
      p[i + r]! += s + a[row + i + r]! * v[i + r]!;
    }
  }
  for (; i < n; i++) {
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
  for (let k = from; k < n; k++) {
    p[k]! *= beta;
    pv += p[k]! * v[k]!;
  }
  const half = (beta / 2) * pv;
  for (let k = from; k < n; k++) p[k]! -= half * v[k]!;
  // A -= v w^T + w v^T on the lower triangle (w in p), four rows at a time
  i = from;
  for (; i + 3 < n; i += 4) {
    const r0 = i * n;
    const r1 = r0 + n;
    const r2 = r1 + n;
    const r3 = r2 + n;
    const v0 = v[i]!;
    const v1 = v[i + 1]!;
    const v2 = v[i + 2]!;
    const v3 = v[i + 3]!;
    const w0 = p[i]!;
    const w1 = p[i + 1]!;
    const w2 = p[i + 2]!;
    const w3 = p[i + 3]!;
    for (let j = from; j < i; j++) {
      const vj = v[j]!;
      const wj = p[j]!;
      a[r0 + j]! -= v0 * wj + w0 * vj;
      a[r1 + j]! -= v1 * wj + w1 * vj;
      a[r2 + j]! -= v2 * wj + w2 * vj;
      a[r3 + j]! -= v3 * wj + w3 * vj;
    }
    for (let r = 0; r < 4; r++) {
      const row = (i + r) * n;
      const vi = v[i + r]!;
      const wi = p[i + r]!;
      for (let j = i; j <= i + r; j++) a[row + j]! -= vi * p[j]! + wi * v[j]!;
    }
  }
  for (; i < n; i++) {
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
