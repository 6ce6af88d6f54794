import { optionNames, optOneOf } from "../../core/options.js";
import type { MetricDef, MetricMeta } from "../../metric.js";
import { runOnce } from "../../metric.js";
import {
  type DirectKernel,
  hypergeometric,
  type RankedQuery,
  RETRIEVAL_OPTIONS,
  type RetrievalArgs,
  type RetrievalOptions,
  type RetrievalState,
  readRetrievalOptions,
  retrievalDef,
  type Scores,
  type Targets,
  type TieHandling,
} from "./grouped.js";

/**
 * What a document whose score is <= 0 counts as. torchmetrics 1.9.0 (`retrieval_average_precision`,
 * `retrieval_reciprocal_rank`, `retrieval_precision`, `retrieval_recall`) treats it as
 * non-relevant (`"irrelevant"`, the default here); `"keep"` uses the target as given.
 */
export type NonPositiveScores = "irrelevant" | "keep";

/** Options of {@link retrievalMap}. */
export interface RetrievalMapOptions extends RetrievalOptions {
  /** Default `"irrelevant"` (torchmetrics 1.9.0). */
  readonly nonPositiveScores?: NonPositiveScores;
}

/** The option names of MAP, MRR and recall@k. */
export const RETRIEVAL_MAP_OPTIONS = optionNames<RetrievalMapOptions>()(
  ...RETRIEVAL_OPTIONS,
  "nonPositiveScores",
);

export const retrievalMapMeta: MetricMeta = {
  id: "retrieval/map",
  range: [0, 1],
  direction: "higher",
  conventions: ["torchmetrics-1.9.0"],
};

/**
 * A binary-relevance retrieval MetricDef (MAP, MRR, precision@k, recall@k): reads the options
 * strictly against `names`, resolves the shared retrieval options and `nonPositiveScores`
 * (default `"irrelevant"`, torchmetrics 1.9.0), then runs `kernel` per query with the resolved
 * rule. `extra` resolves the metric's own options from the option record (saved after
 * `nonPositiveScores` in `def.options`) and returns them.
 */
export function binaryRetrievalDefinition<O extends RetrievalMapOptions>(
  meta: MetricMeta,
  fn: string,
  options: O | undefined,
  names: readonly string[],
  kernel: (
    query: RankedQuery,
    topK: number | null,
    nonPositive: NonPositiveScores,
    extra: Record<string, unknown>,
  ) => number,
  extra: (record: Record<string, unknown>) => Record<string, unknown> = () => ({}),
  direct?: (ties: TieHandling, nonPositive: NonPositiveScores) => DirectKernel | undefined,
): MetricDef<RetrievalState, RetrievalArgs, number> {
  const { resolved, record } = readRetrievalOptions<O>(fn, options, names);
  const nonPositive = optOneOf(
    fn,
    "nonPositiveScores",
    record.nonPositiveScores,
    ["irrelevant", "keep"],
    "irrelevant",
  );
  const own = extra(record as Record<string, unknown>);
  const fast = direct?.(resolved.ties, nonPositive);
  return retrievalDef(meta, fn, resolved, (q, k) => kernel(q, k, nonPositive, own), {
    extraOptions: { nonPositiveScores: nonPositive, ...own },
    ...(fast ? { direct: fast } : {}),
  });
}

/** Gain of ranked position `i` after the non-positive-score rule. */
export function binaryGain(query: RankedQuery, i: number, nonPositive: NonPositiveScores): number {
  return nonPositive === "irrelevant" && !(query.scores[i]! > 0) ? 0 : query.target[i]!;
}

/**
 * Sum over the first `t` positions of a tie group (of which `m` are relevant, uniformly placed)
 * of P(relevant at i) * E[precision at i | relevant at i]:
 * sum_{i=1..t} (m/t) * (before + 1 + (i-1)(m-1)/(t-1)) / (offset + i).
 * For t = 1 this is the plain term m * (before + 1) / (offset + 1).
 */
function groupPrecisionSum(t: number, m: number, relevantBefore: number, offset: number): number {
  if (m === 0) return 0;
  if (t === 1) return (m * (relevantBefore + 1)) / (offset + 1);
  let sum = 0;
  const share = (m - 1) / (t - 1);
  for (let i = 1; i <= t; i++) sum += (relevantBefore + 1 + (i - 1) * share) / (offset + i);
  return (m / t) * sum;
}

/**
 * Average precision of one ranked query: the mean over the relevant documents within the
 * first k of the precision at their rank; 0 when none is within k (torchmetrics). With tie
 * groups it is the expectation over every order of each group (McSherry & Najork 2008): a
 * group straddling the cut-off mixes over the hypergeometric number of its relevant documents
 * that fall inside. O(n) per query.
 */
export function averagePrecisionKernel(
  query: RankedQuery,
  topK: number | null,
  nonPositive: NonPositiveScores,
): number {
  const n = query.end - query.start;
  const k = Math.min(topK ?? n, n);
  let sum = 0;
  let relevantBefore = 0;
  let groupStart = 0;
  for (let g = 0; g < query.groups && groupStart < k; g++) {
    const groupEnd = query.groupEnd[g]!;
    const size = groupEnd - groupStart;
    let r = 0;
    for (let i = groupStart; i < groupEnd; i++) r += binaryGain(query, query.start + i, nonPositive);
    const inside = Math.min(groupEnd, k) - groupStart;
    if (inside === size) {
      sum += groupPrecisionSum(size, r, relevantBefore, groupStart);
      relevantBefore += r;
      groupStart = groupEnd;
      continue;
    }
    let expected = 0;
    for (let m = Math.max(0, inside - (size - r)); m <= Math.min(r, inside); m++) {
      const denominator = relevantBefore + m;
      if (denominator === 0) continue;
      const p = hypergeometric(size, r, inside, m);
      expected += (p * (sum + groupPrecisionSum(inside, m, relevantBefore, groupStart))) / denominator;
    }
    return expected;
  }
  return relevantBefore > 0 ? sum / relevantBefore : 0;
}

/** Most buckets of the direct kernel (a query uses about one per document, 16 to 2^16). */
const MAX_BUCKETS = 2 ** 16;
/**
 * Most relevant documents sharing one bucket (equal or nearly equal scores): past it the query is
 * ranked instead, so a document is compared with at most this many relevant documents.
 */
const MAX_SHARED = 32;

/** Scratch space of {@link averagePrecisionDirect}, grown on demand and reused across queries. */
const direct = {
  /** The relevant documents in input order: positions and buckets. */
  found: new Int32Array(64),
  buckets: new Int32Array(64),
  /** The relevant documents by rank: positions and scores, then a sentinel. */
  positions: new Int32Array(65),
  scores: new Float64Array(65),
  /** `aboveCounts[j]`: documents with exactly j relevant documents ranked above them. */
  aboveCounts: new Int32Array(65),
  /** Per bucket: how many relevant documents it holds (zero between queries). */
  bucketRelevant: new Int32Array(1024),
  /** Per bucket: the rank index of the first relevant document in it or in a lower bucket. */
  firstRelevantAtOrBelow: new Int32Array(1024),
};

/**
 * Room for more than `r` relevant documents (twice as many, at most the query's `m` documents),
 * keeping the first `r` found.
 */
function growRelevant(r: number, m: number): void {
  const size = Math.min(2 * r, m);
  const found = new Int32Array(size);
  found.set(direct.found.subarray(0, r));
  direct.found = found;
  direct.buckets = new Int32Array(size);
  direct.positions = new Int32Array(size + 1);
  direct.scores = new Float64Array(size + 1);
  direct.aboveCounts = new Int32Array(size + 1);
}

/**
 * Average precision of one query without sorting it, for ties in input order (`"torchmetrics"`):
 * a document ranks above another when its score is higher, or equal with an earlier position.
 *
 * One pass finds the score range and the relevant documents. A monotone map of the score,
 * (s - min) * (B - 1) / (max - min) truncated, puts every document in one of B buckets (about one
 * per document, 16 to 2^16): a document in a higher bucket ranks above every document of a lower
 * one. The relevant documents are ranked by a counting sort on their buckets (input order within
 * a bucket) and an insertion pass within buckets they share. A second pass finds, per document,
 * J = how many relevant documents rank above it, from its bucket's first relevant document and a
 * comparison with those sharing its bucket (one comparison without branches when no bucket holds
 * two), and counts documents per J. The k-th relevant document (0-based) has J = k, so its rank,
 * 1 + the documents above it, is the number of documents with J <= k; AP = mean over the
 * relevant documents within `topK` of (k + 1) / rank. O(m + B) per query; undefined (the query
 * is ranked instead) when more than 32 relevant documents share a bucket (ties). Equals
 * {@link averagePrecisionKernel} on the ranked query.
 */
export function averagePrecisionDirect(
  preds: Scores,
  target: Targets,
  from: number,
  m: number,
  topK: number | null,
  keepNonPositive: boolean,
): number | undefined {
  const end = from + m;
  let r = 0;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  let found = direct.found;
  for (let d = from; d < end; d++) {
    const s = preds[d]!;
    if (s < lo) lo = s;
    if (s > hi) hi = s;
    if (target[d] === 1 && (keepNonPositive || s > 0)) {
      if (r === found.length) {
        growRelevant(r, m);
        found = direct.found;
      }
      found[r++] = d;
    }
  }
  if (r === 0) return 0;
  // about one bucket per document: a power of two in [16, 2^16]
  const bits = 32 - Math.clz32(m - 1);
  const buckets = bits >= 16 ? MAX_BUCKETS : Math.max(16, 1 << bits);
  if (direct.bucketRelevant.length < buckets) {
    direct.bucketRelevant = new Int32Array(buckets);
    direct.firstRelevantAtOrBelow = new Int32Array(buckets);
  }
  const { buckets: relevantBuckets, positions, scores, aboveCounts } = direct;
  const { bucketRelevant, firstRelevantAtOrBelow } = direct;
  let scale = (buckets - 1) / (hi - lo);
  if (!(scale < Number.POSITIVE_INFINITY)) scale = 0; // one score, or a range too small or too wide
  let most = 0; // most relevant documents in one bucket
  for (let k = 0; k < r; k++) {
    const b = ((preds[found[k]!]! - lo) * scale) | 0;
    relevantBuckets[k] = b;
    most = Math.max(most, ++bucketRelevant[b]!);
  }
  let above = 0;
  for (let b = buckets - 1; b >= 0; b--) {
    firstRelevantAtOrBelow[b] = above;
    above += bucketRelevant[b]!;
    bucketRelevant[b] = 0;
  }
  if (most > MAX_SHARED) return undefined;
  // counting sort by bucket, highest first; input order within a bucket
  for (let k = 0; k < r; k++) {
    const b = relevantBuckets[k]!;
    const at = firstRelevantAtOrBelow[b]! + bucketRelevant[b]!++;
    positions[at] = found[k]!;
    scores[at] = preds[found[k]!]!;
  }
  for (let k = 0; k < r; k++) bucketRelevant[relevantBuckets[k]!] = 0;
  if (most > 1) {
    // within shared buckets, by score descending (strict comparison: equal scores keep input order)
    for (let i = 1; i < r; i++) {
      const s = scores[i]!;
      const d = positions[i]!;
      let k = i;
      while (k > 0 && scores[k - 1]! < s) {
        scores[k] = scores[k - 1]!;
        positions[k] = positions[k - 1]!;
        k--;
      }
      scores[k] = s;
      positions[k] = d;
    }
  }
  scores[r] = Number.NEGATIVE_INFINITY; // the sentinel ranks below every document
  aboveCounts.fill(0, 0, r + 1);
  if (most > 1) {
    for (let d = from; d < end; d++) {
      const s = preds[d]!;
      let j = firstRelevantAtOrBelow[((s - lo) * scale) | 0]!;
      while (scores[j]! > s || (scores[j] === s && positions[j]! < d)) j++;
      aboveCounts[j]!++;
    }
  } else {
    // at most one relevant document per bucket: one comparison, as 0/1 arithmetic (no branch)
    for (let d = from; d < end; d++) {
      const s = preds[d]!;
      const j = firstRelevantAtOrBelow[((s - lo) * scale) | 0]!;
      const t = scores[j]!;
      aboveCounts[j + (+(t > s) | (+(t === s) & +(positions[j]! < d)))]!++;
    }
  }
  const cut = topK ?? m;
  let sum = 0;
  let rank = 0;
  let within = 0;
  for (let k = 0; k < r; k++) {
    rank += aboveCounts[k]!;
    if (rank > cut) break;
    within++;
    sum += within / rank;
  }
  return within > 0 ? sum / within : 0;
}

/**
 * Mean average precision over queries as a MetricDef (`update(preds, target, indexes)`):
 * documents grouped by query id (`indexes`), each query's average precision within the first `topK` documents, then the mean
 * (or `aggregation`) over queries.
 *
 * AP_q = (1 / |relevant within k|) * sum over relevant d_i within k of (relevant within i) / i;
 * 0 when no relevant document is within k. Matches torchmetrics 1.9.0 `RetrievalMAP(top_k,
 * empty_target_action)`, including its rule that a document with score <= 0 counts as
 * non-relevant (`nonPositiveScores`). Queries without any relevant document follow
 * `emptyTargetAction`. O(n) state; compute O(n log m) for queries of m documents.
 */
export function retrievalMapDef(
  options?: RetrievalMapOptions,
): MetricDef<RetrievalState, RetrievalArgs, number> {
  return binaryRetrievalDefinition(
    retrievalMapMeta,
    "retrievalMap",
    options,
    RETRIEVAL_MAP_OPTIONS,
    averagePrecisionKernel,
    undefined,
    (ties, nonPositive) =>
      ties === "torchmetrics"
        ? (preds, target, from, m, topK) =>
            averagePrecisionDirect(preds, target, from, m, topK, nonPositive === "keep")
        : undefined,
  );
}

/**
 * One-shot {@link retrievalMapDef}: `retrievalMap(preds, target, indexes, options)` as
 * torchmetrics' `retrieval_average_precision` over query groups (`RetrievalMAP()(preds, target,
 * indexes=indexes)`).
 */
export function retrievalMap(
  preds: ArrayLike<number>,
  target: ArrayLike<number>,
  indexes: ArrayLike<number>,
  options?: RetrievalMapOptions,
): number {
  return runOnce(retrievalMapDef(options), preds, target, indexes);
}
