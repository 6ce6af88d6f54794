import { exactSumOf } from "../../../core/exact-sum.js";
import { optionNames, optNumber, optOneOf, readOptions } from "../../../core/options.js";
import { checkState, field } from "../../../core/state-check.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../../metric.js";
import { beamLevenshteinDistance } from "../shared/beam-edit-distance.js";
import { checkSinglePairs } from "../shared/inputs.js";
import { internIn } from "../shared/ngram-matches.js";
import { alignBitParallel } from "./bit-parallel-alignment.js";

export { beamLevenshteinDistance };

/** Counts of an alignment of a reference (source) onto a hypothesis (destination). */
export interface AlignmentCounts {
  hits: number;
  substitutions: number;
  deletions: number;
  insertions: number;
}

/**
 * Maps token sequences onto integers (equal tokens, equal ids) for the DP kernels. Pass one
 * `vocab` map for a whole batch to avoid rebuilding it per pair.
 */
export function toIds(
  a: readonly string[],
  b: readonly string[],
  vocab: Map<string, number> = new Map(),
): [Int32Array, Int32Array] {
  const convert = (tokens: readonly string[]): Int32Array =>
    Int32Array.from(tokens, (w) => internIn(vocab, w));
  return [convert(a), convert(b)];
}

/**
 * Levenshtein distance (unit costs) between two sequences: the S + D + I of an optimal alignment
 * ({@link levenshteinAlignmentInto}, bit-parallel; every NaN differs from everything). O(n*m/32).
 */
export function levenshteinDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const out = new Int32Array(3);
  levenshteinAlignmentInto(a, 0, a.length, b, 0, b.length, out);
  return out[0]! + out[1]! + out[2]!;
}

/**
 * The edit operations python-Levenshtein 0.12.2 `editops(source, destination)` returns, counted:
 * common prefix and suffix are stripped, the unit-cost matrix is filled, and the backtrace from
 * the end prefers continuing an insertion or deletion run, then a match, then a substitution,
 * then starting an insertion, then a deletion. jiwer 2.3.0 counts hits, substitutions,
 * deletions and insertions from exactly these operations (so MER, WIL and WIP, which depend on
 * the chosen alignment, match it). O(n*m).
 */
export function levenshteinAlignment(
  source: ArrayLike<number>,
  destination: ArrayLike<number>,
): AlignmentCounts {
  const out = new Int32Array(3);
  levenshteinAlignmentInto(source, 0, source.length, destination, 0, destination.length, out);
  return {
    hits: source.length - out[0]! - out[1]!,
    substitutions: out[0]!,
    deletions: out[1]!,
    insertions: out[2]!,
  };
}

/**
 * {@link levenshteinAlignment} of `source[sourceStart .. sourceStart + sourceLength)` onto
 * `destination[destinationStart .. destinationStart + destinationLength)`, writing
 * [substitutions, deletions, insertions] into `out` (hits = sourceLength - S - D): the items get
 * dense ids (equal numbers, equal ids; every NaN its own) and {@link alignBitParallel} aligns them
 * with python-Levenshtein's backtrace.
 */
export function levenshteinAlignmentInto(
  source: ArrayLike<number>,
  sourceStart: number,
  sourceLength: number,
  destination: ArrayLike<number>,
  destinationStart: number,
  destinationLength: number,
  out: Int32Array,
): void {
  const vocab = new Map<unknown, number>();
  const ids = (items: ArrayLike<number>, from: number, length: number): Int32Array =>
    Int32Array.from({ length }, (_, k) => {
      const v = items[from + k]!;
      return internIn(vocab, Number.isNaN(v) ? {} : v);
    });
  const s = ids(source, sourceStart, sourceLength);
  const d = ids(destination, destinationStart, destinationLength);
  alignBitParallel(s, 0, s.length, d, 0, d.length, vocab.size, "python-levenshtein", out);
}

export type EditDistanceReduction = "mean" | "sum" | "none";

export interface EditDistanceOptions {
  /** Cost of a substitution (default 1; insertions and deletions cost 1). */
  readonly substitutionCost?: number;
  /** "mean" (default) over pairs, "sum", or "none" (one distance per pair). */
  readonly reduction?: EditDistanceReduction;
}

export interface EditDistanceState {
  distances: number[];
}

export const editDistanceMeta: MetricMeta = {
  id: "text/edit_distance",
  range: [0, Infinity],
  direction: "lower",
  conventions: ["torchmetrics-1.9.0"],
};

/**
 * Character edit distance per pair as a streaming metric, matching torchmetrics 1.9.0
 * `EditDistance` / `edit_distance` (characters are code points; beam-restricted as
 * torchmetrics computes it). The state keeps each pair's distance (O(pairs) memory), `merge`
 * concatenates; "mean" divides the sum by the number of pairs. No pair: 0, as torchmetrics.
 */
export function editDistanceDef(
  options?: EditDistanceOptions,
): MetricDef<
  EditDistanceState,
  [hypotheses: readonly string[] | string, references: readonly string[] | string],
  number | number[]
> {
  const fn = "editDistance";
  const id = "text/edit_distance";
  const o = readOptions<EditDistanceOptions>(fn, options, EDIT_DISTANCE_OPTIONS);
  const substitutionCost = optNumber(fn, "substitutionCost", o.substitutionCost, 1, { min: 0 });
  const reduction = optOneOf(fn, "reduction", o.reduction, ["mean", "sum", "none"], "mean");
  return {
    id,
    meta: editDistanceMeta,
    options: { substitutionCost, reduction },
    init: () => ({ distances: [] }),
    update(state, hypotheses, references) {
      const pairs = checkSinglePairs(hypotheses, references, fn);
      const out: number[] = [];
      for (let i = 0; i < pairs.hypotheses.length; i++) {
        const [h, r] = toIds(Array.from(pairs.hypotheses[i]!), Array.from(pairs.references[i]!));
        out.push(beamLevenshteinDistance(h, r, substitutionCost));
      }
      for (const d of out) state.distances.push(d);
    },
    merge: (a, b) => ({ distances: [...a.distances, ...b.distances] }),
    compute(state) {
      if (reduction === "none") return state.distances.slice();
      if (state.distances.length === 0) return 0;
      // Summed exactly: "sum" and "mean" do not depend on the order states were merged in.
      const sum = exactSumOf(Float64Array.from(state.distances));
      return reduction === "sum" ? sum : sum / state.distances.length;
    },
    validateState(state): asserts state is EditDistanceState {
      checkState(id, state, { distances: field.array(field.number("nonNegative")) });
    },
  };
}

const EDIT_DISTANCE_OPTIONS = optionNames<EditDistanceOptions>()("substitutionCost", "reduction");

/** Edit distance between hypotheses and references (torchmetrics 1.9.0 `edit_distance`). */
export function editDistance(
  hypotheses: readonly string[] | string,
  references: readonly string[] | string,
  options?: EditDistanceOptions,
): number | number[] {
  return runOnce(editDistanceDef(options), hypotheses, references);
}
