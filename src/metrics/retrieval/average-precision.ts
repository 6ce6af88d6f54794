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

const DIRECT_MAX_RELEVANT = 64;
/** Most buckets of the direct kernel (a query uses about one per document, 16 to 1024). */
const MAX_BUCKETS = 1024;
const relevantPositions = new Int32Array(DIRECT_MAX_RELEVANT);
const relevantScores = new Float64Array(DIRECT_MAX_RELEVANT);
const relevantBuckets = new Int32Array(DIRECT_MAX_RELEVANT);
const relevantAbove = new Int32Array(DIRECT_MAX_RELEVANT);
const bucketCounts = new Int32Array(MAX_BUCKETS + 1);
/** Per bucket, the first relevant document in it (relevant documents are sorted, so a bucket's are consecutive) and how many. */
const bucketFirstRelevant = new Int32Array(MAX_BUCKETS);
const bucketRelevant = new Int32Array(MAX_BUCKETS);

/**
 * Average precision of one query without sorting it, for ties in input order (`"torchmetrics"`):
 * a document ranks above another when its score is higher, or equal with an earlier position.
 * The relevant documents are sorted by that order (insertion; queries with more than 64 are
 * ranked instead). Every document goes to one of B buckets (about one per document, 16 to 1024)
 * by a monotone map of its score ((s - min) * (B - 1) / (max - min), truncated), so a document in a
 * higher bucket ranks above every
 * relevant document of a lower one; only documents sharing a relevant document's bucket are
 * compared with it. The rank of the k-th relevant document is 1 + the documents above it, and
 * AP = mean over the relevant documents within `topK` of k / rank. Two passes over the query
 * instead of a sort; equals {@link averagePrecisionKernel} on the ranked query.
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
  for (let d = from; d < end; d++) {
    const s = preds[d]!;
    if (s < lo) lo = s;
    if (s > hi) hi = s;
    if (target[d] === 1 && (keepNonPositive || s > 0)) {
      if (r === DIRECT_MAX_RELEVANT) return undefined;
      // insertion by (score descending, position ascending): equal scores stay in input order
      let k = r++;
      while (k > 0 && relevantScores[k - 1]! < s) {
        relevantScores[k] = relevantScores[k - 1]!;
        relevantPositions[k] = relevantPositions[k - 1]!;
        k--;
      }
      relevantScores[k] = s;
      relevantPositions[k] = d;
    }
  }
  if (r === 0) return 0;
  // about one bucket per document: a power of two in [16, 1024]
  const buckets = Math.min(MAX_BUCKETS, Math.max(16, 2 ** Math.ceil(Math.log2(m))));
  const scale = hi > lo && hi - lo < Number.POSITIVE_INFINITY ? (buckets - 1) / (hi - lo) : 0;
  bucketCounts.fill(0, 0, buckets);
  bucketRelevant.fill(0, 0, buckets);
  for (let k = 0; k < r; k++) {
    const b = ((relevantScores[k]! - lo) * scale) | 0;
    relevantBuckets[k] = b;
    relevantAbove[k] = 0;
    if (bucketRelevant[b]!++ === 0) bucketFirstRelevant[b] = k;
  }
  // One pass: count every document's bucket, and compare exactly those sharing a relevant one's.
  for (let d = from; d < end; d++) {
    const s = preds[d]!;
    const b = ((s - lo) * scale) | 0;
    bucketCounts[b]!++;
    const count = bucketRelevant[b]!;
    if (count === 0) continue;
    const first = bucketFirstRelevant[b]!;
    for (let k = first; k < first + count; k++) {
      const t = relevantScores[k]!;
      if (s > t || (s === t && d < relevantPositions[k]!)) relevantAbove[k]!++;
    }
  }
  // plus every document in a strictly higher bucket
  let higher = 0;
  let next = 0;
  for (let b = buckets - 1; b >= 0 && next < r; b--) {
    while (next < r && relevantBuckets[next] === b) relevantAbove[next++]! += higher;
    higher += bucketCounts[b]!;
  }
  const cut = topK ?? m;
  let sum = 0;
  let found = 0;
  for (let k = 0; k < r; k++) {
    const rank = relevantAbove[k]! + 1;
    if (rank > cut) break;
    found++;
    sum += found / rank;
  }
  return found > 0 ? sum / found : 0;
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
