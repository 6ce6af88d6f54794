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
    const finish = (i: number, dot: number) => {
      const l = (a[source + perm[i]!]! - dot) / pivot;
      factor[i * n + j] = l;
      diag[i]! -= l * l;
    };
    let i = j + 1;
    // four rows at a time share the loads of row j
    for (; i + 3 < n; i += 4) {
      const r0 = i * n;
      const r1 = r0 + n;
      const r2 = r1 + n;
      const r3 = r2 + n;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let k = 0; k < j; k++) {
        const ljk = factor[rowJ + k]!;
        s0 += factor[r0 + k]! * ljk;
        s1 += factor[r1 + k]! * ljk;
        s2 += factor[r2 + k]! * ljk;
        s3 += factor[r3 + k]! * ljk;
      }
      finish(i, s0);
      finish(i + 1, s1);
      finish(i + 2, s2);
      finish(i + 3, s3);
    }
    for (; i < n; i++) {
      const rowI = i * n;
      let s = 0;
      for (let k = 0; k < j; k++) s += factor[rowI + k]! * factor[rowJ + k]!;
      finish(i, s);
    }
    rank = j + 1;
  }
  return { rank, perm, factor };
}
