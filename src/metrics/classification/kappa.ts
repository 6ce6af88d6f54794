/**
 * Cohen's kappa from a confusion matrix (internal, dependency-free, so the RAG agreement code can
 * use it without loading the classification builders).
 */

/** Disagreement weights: none (0 on the diagonal, 1 elsewhere), linear |i-j|, quadratic (i-j)^2. */
export type KappaWeights = "none" | "linear" | "quadratic";

/** Cohen's kappa of a C x C confusion matrix: 1 - sum(w O) / sum(w E), E the outer product of marginals / n. */
export function kappaFromConfusion(m: ArrayLike<number>, C: number, weights: KappaWeights): number {
  const rows = new Float64Array(C);
  const cols = new Float64Array(C);
  let total = 0;
  for (let i = 0; i < C; i++) {
    for (let j = 0; j < C; j++) {
      const v = m[i * C + j]!;
      rows[i] += v;
      cols[j] += v;
      total += v;
    }
  }
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < C; i++) {
    for (let j = 0; j < C; j++) {
      const d = Math.abs(i - j);
      const w = weights === "none" ? (d === 0 ? 0 : 1) : weights === "linear" ? d : d * d;
      observed += w * m[i * C + j]!;
      expected += (w * rows[i]! * cols[j]!) / total;
    }
  }
  return 1 - observed / expected;
}
