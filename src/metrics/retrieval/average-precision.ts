import { optionNames, optOneOf } from "../../core/options.js";
import type { MetricDef, MetricMeta } from "../../metric.js";
import { runOnce } from "../../metric.js";
import {
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
} from "./grouped.js";
import { directFromRanks, relevantRank, relevantRanks } from "./relevant-ranks.js";

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
 * `nonPositiveScores` in `def.options`) and returns them. With ties in input order
 * (`"torchmetrics"`), `fromRanks` scores a query from the ranks of its relevant documents
 * instead of ranking it (see relevant-ranks.ts).
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
  fromRanks?: (
    r: number,
    m: number,
    topK: number | null,
    target: Targets,
    from: number,
    extra: Record<string, unknown>,
  ) => number,
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
  // ties in input order: the direct kernel, from the relevant documents' ranks
  const fast =
    fromRanks && resolved.ties === "torchmetrics"
      ? directFromRanks(nonPositive === "keep", (r, m, topK, target, from) =>
          fromRanks(r, m, topK, target, from, own),
        )
      : undefined;
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

/**
 * Average precision of one query without sorting it, for ties in input order (`"torchmetrics"`),
 * from the ranks of its relevant documents ({@link relevantRanks}, O(m) per query): the mean over
 * the relevant documents within `topK` of (k + 1) / rank of the k-th. Undefined (the query is
 * ranked instead) when more than 32 relevant documents share a bucket of nearly equal scores.
 * Equals {@link averagePrecisionKernel} on the ranked query.
 */
export function averagePrecisionDirect(
  preds: Scores,
  target: Targets,
  from: number,
  m: number,
  topK: number | null,
  keepNonPositive: boolean,
): number | undefined {
  const r = relevantRanks(preds, target, from, m, keepNonPositive);
  return r < 0 ? undefined : averagePrecisionFromRanks(r, m, topK);
}

/** AP from the ranks of the query's `r` relevant documents ({@link relevantRanks}). */
function averagePrecisionFromRanks(r: number, m: number, topK: number | null): number {
  const cut = topK ?? m;
  let sum = 0;
  let within = 0;
  for (let k = 0; k < r && relevantRank(k) <= cut; k++) {
    within++;
    sum += within / relevantRank(k);
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
    averagePrecisionFromRanks,
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
