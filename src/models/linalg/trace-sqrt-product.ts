import { pivotedCholesky } from "./pivoted-cholesky.js";
import { symmetricEigenvalues } from "./symmetric-eigenvalues.js";

/**
 * `tr(sqrtm(S1 S2))` for symmetric positive semi-definite S1, S2 (the coupling term of the
 * Fréchet distance), by a symmetric route: factor `P^T S1 P = L L^T` (pivoted Cholesky, rank r),
 * then `S1 S2` is similar to `M = L^T (P^T S2 P) L` (r x r, symmetric PSD), whose eigenvalues
 * (Householder tridiagonalisation and QL, no eigenvectors) give the trace as
 * `sum sqrt(max(lambda, 0))`. Equals the real part of scipy's `sqrtm(S1 @ S2).trace()` for PSD
 * inputs; where S1 has rank below n (fewer samples than features), directions below LAPACK's
 * pivot tolerance are dropped instead of contributing the square roots of rounding noise.
 *
 * About 1.5 n^3 multiply-adds in cache-blocked loops over contiguous rows, against about 9 n^3
 * for the eigendecompositions with eigenvectors of `generative/linalg.ts`'s `traceSqrtProduct`.
 * bench/models.mjs times it against scipy.
 */
export function traceSqrtProductSymmetric(s1: Float64Array, s2: Float64Array, n: number): number {
  const { rank: r, perm, factor } = pivotedCholesky(s1, n);
  if (r === 0) return 0;
  // B = P^T S2 P, L (n x r) and its transpose, compacted from the n x n factor.
  const b = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const from = perm[i]! * n;
    for (let j = 0; j < n; j++) b[i * n + j] = s2[from + perm[j]!]!;
  }
  const l = new Float64Array(n * r);
  const lt = new Float64Array(r * n);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < Math.min(i + 1, r); c++) {
      const v = factor[i * n + c]!;
      l[i * r + c] = v;
      lt[c * n + i] = v;
    }
  }
  // T = B L (n x r); L[k][c] = 0 for c > k.
  const t = new Float64Array(n * r);
  multiplyAccumulate(
    b,
    l,
    t,
    n,
    n,
    r,
    (_i, k) => Math.min(k + 1, r),
    () => 0,
  );
  // M = L^T T (r x r), lower triangle only; L^T[c][a] = 0 for a < c.
  const m = new Float64Array(r * r);
  multiplyAccumulate(
    lt,
    t,
    m,
    r,
    n,
    r,
    (i) => i + 1,
    (i) => i,
  );
  const values = symmetricEigenvalues(m, r);
  let trace = 0;
  for (const v of values) trace += Math.sqrt(Math.max(v, 0));
  return trace;
}

const BLOCK_K = 64;
const BLOCK_J = 512;

/**
 * `C += A B` for row-major A (rows x inner), B (inner x cols), C (rows x cols), tiled so a
 * `BLOCK_K x BLOCK_J` tile of B stays in cache while every row of A passes over it. `jEnd(i, k)`
 * bounds the columns of C row i that term k touches (triangular operands), `kStart(i)` the
 * first k with a non-zero A[i][k].
 */
function multiplyAccumulate(
  a: Float64Array,
  bm: Float64Array,
  c: Float64Array,
  rows: number,
  inner: number,
  cols: number,
  jEnd: (i: number, k: number) => number,
  kStart: (i: number) => number,
): void {
  for (let j0 = 0; j0 < cols; j0 += BLOCK_J) {
    const j1 = Math.min(cols, j0 + BLOCK_J);
    for (let k0 = 0; k0 < inner; k0 += BLOCK_K) {
      const k1 = Math.min(inner, k0 + BLOCK_K);
      for (let i = 0; i < rows; i++) {
        const rowA = i * inner;
        const rowC = i * cols;
        for (let k = Math.max(k0, kStart(i)); k < k1; k++) {
          const aik = a[rowA + k]!;
          if (aik === 0) continue;
          const end = Math.min(j1, jEnd(i, k));
          const rowB = k * cols;
          for (let j = j0; j < end; j++) c[rowC + j]! += aik * bm[rowB + j]!;
        }
      }
    }
  }
}
