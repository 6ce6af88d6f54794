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

/** A running sum of per-item scores and their count (METEOR, EED, embedding cosine). */
export interface MeanState {
  sum: number;
  count: number;
}

/**
 * Fails unless `state` is a {@link MeanState} whose sum fits `count` scores in [low, high]
 * (default [0, 1]): a finite sum, an integer count, low * count <= sum <= high * count.
 */
export function checkMeanState(id: string, state: unknown, low = 0, high = 1): void {
  checkState(id, state, { sum: field.number("finite"), count: field.count() });
  const s = state as MeanState;
  stateInvariant(
    id,
    s.sum >= low * s.count && s.sum <= high * s.count,
    `state.sum (${s.sum}) must lie in [${low} * count, ${high} * count] for count ${s.count} scores in [${low}, ${high}]`,
  );
}
