import { append, concatGrowable, filled, type GrowableFloat64, growableFloat64 } from "../../core/buffer.js";
import { toFloat64, toMatrix } from "../../core/coerce.js";
import { describeValue, fail } from "../../core/errors.js";
import { exactSumOf } from "../../core/exact-sum.js";
import { optionNames, optOneOf, readOptions } from "../../core/options.js";
import { checkState, field } from "../../core/state-check.js";
import { assertFinite } from "../../core/validate.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";

const IDENTIFICATION_OPTIONS = optionNames<IdentificationOptions>()("ranks", "ties", "missing");

export interface IdentificationOptions {
  /** Ranks k reported by the CMC curve (default [1, 5, 10]). */
  readonly ranks?: readonly number[];
  /**
   * Equal scores between the best correct gallery item and wrong ones: "optimistic" (default)
   * ranks the correct item first among its ties, "pessimistic" last, "average" in the middle.
   */
  readonly ties?: "optimistic" | "pessimistic" | "average";
  /** A probe whose identity is not in the gallery: "error" (default, closed-set protocol) or "miss". */
  readonly missing?: "error" | "miss";
}

export interface IdentificationResult {
  /** Cumulative match characteristic: share of probes whose first correct match is within rank k. */
  readonly cmc: Readonly<Record<string, number>>;
  /** Mean reciprocal rank of the first correct match (a missing identity counts 0). */
  readonly meanReciprocalRank: number;
  readonly probes: number;
}

export interface IdentificationState {
  /** 1-based rank of each probe's first correct match; Infinity for a missing identity. */
  ranks: GrowableFloat64;
}

export const identificationMeta: MetricMeta = {
  id: "face/identification_rank",
  range: [0, 1],
  direction: "higher",
};

/**
 * Rank-k identification (closed-set face identification, the CMC curve). For each probe, the
 * rank of its first correct gallery match given a probe × gallery similarity matrix (higher is
 * more similar): 1 + the number of wrong-identity gallery items scoring strictly above the best
 * correct one (ties per `ties`). Streaming over probes: each batch brings its rows of the
 * similarity matrix; the state keeps one rank per probe (8 bytes), so merging is concatenation.
 * Cost: O(probes × gallery).
 */
export function identificationRankDef(
  options: IdentificationOptions = {},
): MetricDef<
  IdentificationState,
  [similarity: unknown, probeLabels: ArrayLike<number>, galleryLabels: ArrayLike<number>],
  IdentificationResult
> {
  const fn = "identificationRank";
  const o = readOptions<IdentificationOptions>(fn, options, IDENTIFICATION_OPTIONS);
  const ranks = (o.ranks ?? [1, 5, 10]) as unknown;
  if (!Array.isArray(ranks) || ranks.length === 0 || ranks.length > 1000)
    fail(
      "invalid_option",
      `${fn}: option \`ranks\` must be a non-empty array of at most 1000 ranks, got ${describeValue(ranks)}`,
    );
  ranks.forEach((k: unknown, i) => {
    if (typeof k !== "number" || !Number.isSafeInteger(k) || k < 1)
      fail(
        "invalid_option",
        `${fn}: option \`ranks\` must hold integers >= 1, got ${describeValue(k)} at index ${i}`,
      );
  });
  const ties = optOneOf(fn, "ties", o.ties, ["optimistic", "pessimistic", "average"] as const, "optimistic");
  const missing = optOneOf(fn, "missing", o.missing, ["error", "miss"] as const, "error");
  return {
    id: identificationMeta.id,
    meta: identificationMeta,
    options: { ranks: [...ranks], ties, missing },
    init: () => ({ ranks: growableFloat64() }),
    update(state, similarity, probeLabels, galleryLabels) {
      const scores = toMatrix(similarity, fn, "similarity");
      const probes = toFloat64(probeLabels, fn, "probeLabels");
      const gallery = toFloat64(galleryLabels, fn, "galleryLabels");
      if (scores.rows !== probes.length || (scores.rows > 0 && scores.cols !== gallery.length)) {
        fail(
          "shape_mismatch",
          `${fn}: \`similarity\` must be probes x gallery = ${probes.length} x ${gallery.length}, got ${scores.rows} x ${scores.cols}`,
        );
      }
      assertFinite(scores.data, fn, "similarity");
      const batch = new Float64Array(probes.length);
      for (let p = 0; p < probes.length; p++) {
        const row = p * scores.cols;
        let best = Number.NEGATIVE_INFINITY;
        let found = false;
        for (let g = 0; g < gallery.length; g++) {
          if (gallery[g] === probes[p]) {
            found = true;
            best = Math.max(best, scores.data[row + g]!);
          }
        }
        if (!found) {
          if (missing === "error") {
            fail(
              "invalid_value",
              `${fn}: probe ${p} has identity ${describeValue(probes[p])}, which the gallery does not hold`,
            );
          }
          batch[p] = Number.POSITIVE_INFINITY;
          continue;
        }
        let above = 0;
        let tied = 0;
        for (let g = 0; g < gallery.length; g++) {
          if (gallery[g] === probes[p]) continue;
          const s = scores.data[row + g]!;
          if (s > best) above++;
          else if (s === best) tied++;
        }
        batch[p] = 1 + above + (ties === "optimistic" ? 0 : ties === "pessimistic" ? tied : tied / 2);
      }
      append(state.ranks, batch);
    },
    merge: (a, b) => ({ ranks: concatGrowable(a.ranks, b.ranks) }),
    validateState(state: unknown): asserts state is IdentificationState {
      checkState(identificationMeta.id, state, {
        ranks: field.growable(Float64Array, {
          test: (r) => r >= 1,
          words: "ranks >= 1 (Infinity for a missing identity)",
        }),
      });
    },
    compute(state) {
      const all = filled(state.ranks);
      const n = all.length;
      const cmc: Record<string, number> = {};
      for (const k of ranks) {
        let hits = 0;
        for (const r of all) if (r <= k) hits++;
        cmc[String(k)] = n === 0 ? Number.NaN : hits / n;
      }
      // Summed exactly: the same bits for any order of the probes (merges in any order; issue 13 §3).
      const reciprocal = exactSumOf(all.map((r) => (Number.isFinite(r) ? 1 / r : 0)));
      return { cmc, meanReciprocalRank: n === 0 ? Number.NaN : reciprocal / n, probes: n };
    },
  };
}

/** One-shot {@link identificationRankDef}. */
export function identificationRank(
  similarity: unknown,
  probeLabels: ArrayLike<number>,
  galleryLabels: ArrayLike<number>,
  options: IdentificationOptions = {},
): IdentificationResult {
  return runOnce(identificationRankDef(options), similarity, probeLabels, galleryLabels);
}
