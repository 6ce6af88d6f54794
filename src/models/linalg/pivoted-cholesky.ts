/**
 * Cholesky factorisation with diagonal pivoting of a symmetric positive semi-definite matrix
 * (LAPACK `dpstrf`'s algorithm, unblocked): `P^T A P = L L^T` with `L` lower trapezoidal of
 * rank `r`, stopping when the largest remaining diagonal falls to `n * eps * max(diag(A))`
 * (LAPACK's default tolerance), so that a covariance of fewer samples than features factors
 * without dividing by rounding noise.
 *
 * Row-major throughout; each entry is one contiguous dot product of two rows of `L`, so the
 * factorisation streams memory. O(n r^2 / 2) multiply-adds.
 */
export interface PivotedCholesky {
  /** Rank found (number of columns of L). */
  readonly rank: number;
  /** `perm[i]` is the row of A that row i of L factors. */
  readonly perm: Int32Array;
  /** n x n row-major; columns past `rank` are zero. */
  readonly factor: Float64Array;
}

/** Pivoted Cholesky factor of the symmetric PSD n x n row-major `a` (read only). */
export function pivotedCholesky(a: Float64Array, n: number): PivotedCholesky {
  const perm = new Int32Array(n);
  const diag = new Float64Array(n);
  let largest = 0;
  for (let i = 0; i < n; i++) {
    perm[i] = i;
    diag[i] = a[i * n + i]!;
    largest = Math.max(largest, diag[i]!);
  }
  const factor = new Float64Array(n * n);
  const tolerance = n * 2 ** -52 * largest;
  let rank = 0;
  for (let j = 0; j < n; j++) {
    let p = j;
    for (let i = j + 1; i < n; i++) if (diag[i]! > diag[p]!) p = i;
    if (!(diag[p]! > tolerance)) break;
    if (p !== j) {
      [perm[j], perm[p]] = [perm[p]!, perm[j]!];
      [diag[j], diag[p]] = [diag[p]!, diag[j]!];
      const rj = factor.subarray(j * n, j * n + j);
      const rp = factor.subarray(p * n, p * n + j);
      const tmp = rj.slice();
      rj.set(rp);
      rp.set(tmp);
    }
    const pivot = Math.sqrt(diag[j]!);
    const rowJ = j * n;
    factor[rowJ + j] = pivot;
    const source = perm[j]! * n;
    for (let i = j + 1; i < n; i++) {
      const rowI = i * n;
      let s = a[source + perm[i]!]!;
      for (let k = 0; k < j; k++) s -= factor[rowI + k]! * factor[rowJ + k]!;
      const l = s / pivot;
      factor[rowI + j] = l;
      diag[i]! -= l * l;
    }
    rank = j + 1;
  }
  return { rank, perm, factor };
}
