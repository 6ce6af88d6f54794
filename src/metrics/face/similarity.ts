import { type Matrix, toMatrix } from "../../core/coerce.js";
import { fail } from "../../core/errors.js";
import { assertAllocation } from "../../core/limits.js";
import { optionNames, optOneOf, readOptions } from "../../core/options.js";
import { assertFinite } from "../../core/validate.js";

/** Options of {@link pairwiseSimilarity}. */
export interface SimilarityOptions {
  /** "cosine" (default) or "negative_euclidean". */
  readonly measure?: "cosine" | "negative_euclidean";
}

const SIMILARITY_OPTIONS = optionNames<SimilarityOptions>()("measure");

/**
 * Pairwise similarity of two sets of embeddings (rows): `cosine` (default; u·v / (|u||v|), a
 * zero vector gives 0) or `negative_euclidean` (−|u − v|, so that higher means more similar for
 * every metric that consumes it). Returns an a.rows × b.rows row-major matrix. O(a·b·d).
 */
export function pairwiseSimilarity(a: unknown, b: unknown, options: SimilarityOptions = {}): Matrix {
  const fn = "pairwiseSimilarity";
  const o = readOptions<SimilarityOptions>(fn, options, SIMILARITY_OPTIONS);
  const measure = optOneOf(fn, "measure", o.measure, ["cosine", "negative_euclidean"] as const, "cosine");
  const left = toMatrix(a, fn, "a");
  const right = toMatrix(b, fn, "b");
  assertAllocation(
    fn,
    `a ${left.rows} x ${right.rows} similarity matrix`,
    left.rows * right.rows * 8,
    "invalid_value",
  );
  if (left.cols !== right.cols)
    fail(
      "shape_mismatch",
      `${fn}: \`a\` and \`b\` must have the same embedding size, got ${left.cols} and ${right.cols}`,
    );
  assertFinite(left.data, fn, "a");
  assertFinite(right.data, fn, "b");
  const d = left.cols;
  const out = new Float64Array(left.rows * right.rows);
  const norms = (m: Matrix) =>
    Float64Array.from({ length: m.rows }, (_, r) => {
      let s = 0;
      for (let c = 0; c < d; c++) s += m.data[r * d + c]! ** 2;
      return Math.sqrt(s);
    });
  const leftNorms = norms(left);
  const rightNorms = norms(right);
  for (let i = 0; i < left.rows; i++) {
    for (let j = 0; j < right.rows; j++) {
      let dot = 0;
      let dist = 0;
      for (let c = 0; c < d; c++) {
        const x = left.data[i * d + c]!;
        const y = right.data[j * d + c]!;
        dot += x * y;
        dist += (x - y) ** 2;
      }
      const denominator = leftNorms[i]! * rightNorms[j]!;
      out[i * right.rows + j] =
        measure === "cosine" ? (denominator === 0 ? 0 : dot / denominator) : -Math.sqrt(dist);
    }
  }
  return { data: out, rows: left.rows, cols: right.rows };
}
