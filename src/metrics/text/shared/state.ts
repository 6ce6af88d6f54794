import { invalidValue } from "../../../core/errors.js";
import { addExactSums, ExactSum, exactSums, exactSumsShape, exactToNumber } from "../../../core/exact-sum.js";
import { checkState, type FieldCheck, field, stateInvariant } from "../../../core/state-check.js";

/**
 * State fields shared by the corpus metrics that take several references per segment (BLEU,
 * chrF, TER): the number of segments and the fewest and most references one segment had (for
 * sacrebleu's `nrefs` signature field). A fresh state holds `minRefs = Number.MAX_SAFE_INTEGER`
 * and `maxRefs = 0`.
 */
export interface SegmentCounts {
  segments: number;
  minRefs: number;
  maxRefs: number;
}

export const segmentCountFields: Readonly<Record<keyof SegmentCounts, FieldCheck>> = {
  segments: field.count(),
  minRefs: field.count(),
  maxRefs: field.count(),
};

/** A fresh {@link SegmentCounts}. */
export function noSegments(): SegmentCounts {
  return { segments: 0, minRefs: Number.MAX_SAFE_INTEGER, maxRefs: 0 };
}

/** The counts of two merged states. */
export function mergeSegmentCounts(a: SegmentCounts, b: SegmentCounts): SegmentCounts {
  return {
    segments: a.segments + b.segments,
    minRefs: Math.min(a.minRefs, b.minRefs),
    maxRefs: Math.max(a.maxRefs, b.maxRefs),
  };
}

/** Fails unless the reference counts agree with the number of segments. */
export function checkSegmentCounts(id: string, s: SegmentCounts): void {
  if (s.segments === 0)
    stateInvariant(
      id,
      s.minRefs === Number.MAX_SAFE_INTEGER && s.maxRefs === 0,
      "state.minRefs and state.maxRefs must be the empty values (Number.MAX_SAFE_INTEGER, 0) when state.segments is 0",
    );
  else
    stateInvariant(
      id,
      s.minRefs >= 1 && s.minRefs <= s.maxRefs,
      `state.minRefs must be in [1, state.maxRefs] when there are segments, got ${s.minRefs} and ${s.maxRefs}`,
    );
}

/** The `nrefs` field of a sacrebleu signature: the number of references, or "var" when it varied. */
export function nrefs(s: SegmentCounts): number | "var" {
  return s.minRefs === s.maxRefs ? s.maxRefs : "var";
}

/**
 * The exact sum (`core/exact-sum.ts` limbs) of `limbs` and `scores`, as a new array (`limbs` is
 * left as it was, so a batch that fails half-way changes no state). Every text metric that adds
 * float scores keeps them this way, so a merged result is bit-identical for any split and merge
 * order. A score that is not finite (inputs of extreme magnitude) is `invalid_value`.
 */
export function plusScores(limbs: Float64Array, scores: ArrayLike<number>, fn: string): Float64Array {
  const out = limbs.slice();
  const sum = new ExactSum(out);
  for (let i = 0; i < scores.length; i++) {
    const x = scores[i]!;
    if (!Number.isFinite(x))
      invalidValue(`${fn}: a score is ${x} (inputs beyond the range of float64), at index ${i}`);
    sum.add(x);
  }
  sum.finish();
  return out;
}

/** An exact sum of per-item scores and their count (METEOR, EED, RIBES, embedding cosine). */
export interface MeanState {
  /** One exact sum (`core/exact-sum.ts` limbs). */
  sum: Float64Array;
  count: number;
}

/** A fresh {@link MeanState}. */
export function noScores(): MeanState {
  return { sum: exactSums(1), count: 0 };
}

/** Adds a batch of scores to `state`. */
export function addScores(state: MeanState, scores: readonly number[], fn: string): void {
  state.sum = plusScores(state.sum, scores, fn);
  state.count += scores.length;
}

/** Two merged {@link MeanState}s. */
export function mergeScores(a: MeanState, b: MeanState): MeanState {
  return { sum: addExactSums(a.sum, b.sum), count: a.count + b.count };
}

/** The mean score: the exact sum rounded once, over the count (NaN for no scores). */
export function meanScore(state: MeanState): number {
  return exactToNumber(state.sum) / state.count;
}

/**
 * Fails unless `state` is a {@link MeanState} whose sum fits `count` scores in [low, high]
 * (default [0, 1]): canonical exact-sum limbs, an integer count, low * count <= sum <= high * count.
 */
export function checkMeanState(id: string, state: unknown, low = 0, high = 1): void {
  checkState(id, state, { sum: exactSumsShape(1), count: field.count() });
  const s = state as MeanState;
  const sum = exactToNumber(s.sum);
  stateInvariant(
    id,
    sum >= low * s.count && sum <= high * s.count,
    `state.sum (${sum}) must lie in [${low} * count, ${high} * count] for count ${s.count} scores in [${low}, ${high}]`,
  );
}

/**
 * State invariant: the counts `state[part]` do not exceed `state[whole]` (numbers, or arrays
 * compared element by element), e.g. matched n-grams at most the n-grams of that order.
 */
export function checkAtMost(id: string, state: object, part: string, whole: string): void {
  const s = state as Record<string, number | readonly number[]>;
  const parts = [s[part]!].flat();
  const wholes = [s[whole]!].flat();
  parts.forEach((x, i) => {
    const at = Array.isArray(s[part]) ? `[${i}]` : "";
    stateInvariant(
      id,
      x <= wholes[i]!,
      `state.${part}${at} (${x}) must not exceed state.${whole}${at} (${wholes[i]})`,
    );
  });
}
