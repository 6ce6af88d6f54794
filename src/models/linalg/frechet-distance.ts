import { traceSqrtProductSymmetric } from "./trace-sqrt-product.js";

/**
 * The Fréchet distance between N(mu1, S1) and N(mu2, S2),
 * `|mu1 - mu2|^2 + tr(S1) + tr(S2) - 2 tr(sqrtm(S1 S2))`, in float64 with the symmetric route of
 * {@link traceSqrtProductSymmetric} (pytorch-fid 0.3.0 `calculate_frechet_distance` takes scipy's
 * `sqrtm(S1 @ S2)`; they agree to rounding for full-rank covariances). Matrices are d x d
 * row-major. O(1.5 d^3).
 */
export function frechetDistanceSymmetric(
  mu1: Float64Array,
  sigma1: Float64Array,
  mu2: Float64Array,
  sigma2: Float64Array,
): number {
  const d = mu1.length;
  let meanTerm = 0;
  for (let j = 0; j < d; j++) meanTerm += (mu1[j]! - mu2[j]!) ** 2;
  let traces = 0;
  for (let j = 0; j < d; j++) traces += sigma1[j * d + j]! + sigma2[j * d + j]!;
  return meanTerm + traces - 2 * traceSqrtProductSymmetric(sigma1, sigma2, d);
}
