/**
 * The standard retrieval suite as one public collection (`metricCollection`): the metrics
 * `plumbline eval retrieval` prints by default — MAP, MRR, nDCG@10, precision@10, recall@100 and
 * R-precision — over grouped queries in torchmetrics 1.9.0's conventions (`update(preds, target,
 * indexes)`, binary relevance; see each member). One update for all, one snapshot, mergeable,
 * rebuilt by the registry as `collection/metrics`. Every member keeps the documents (O(n)
 * state), so the members share one state layout but not one state (their options differ).
 */
import { type CollectionState, metricCollection } from "../../collection/metric-collection.js";
import { describeValue, fail } from "../../core/errors.js";
import { optionNames, readOptions } from "../../core/options.js";
import type { MetricDef } from "../../metric.js";
import { runOnce } from "../../metric.js";
import { type NonPositiveScores, retrievalMapDef } from "./average-precision.js";
import type {
  Aggregation,
  EmptyTargetAction,
  RetrievalArgs,
  RetrievalState,
  TieHandling,
} from "./grouped.js";
import { retrievalHitRateDef } from "./hit-rate.js";
import { retrievalNdcgDef } from "./ndcg.js";
import { retrievalPrecisionDef } from "./precision-at-k.js";
import { retrievalRPrecisionDef } from "./r-precision.js";
import { retrievalRecallDef } from "./recall-at-k.js";
import { retrievalMrrDef } from "./reciprocal-rank.js";

/** The members of the default suite (`eval retrieval`'s default `--metrics`). */
export const RETRIEVAL_SUITE_METRICS: readonly string[] = [
  "map",
  "mrr",
  "ndcg@10",
  "p@10",
  "recall@100",
  "rprec",
];

/** The metric names a suite member may have (before an optional `@k` cut-off). */
export const RETRIEVAL_SUITE_BASES: readonly string[] = [
  "map",
  "mrr",
  "ndcg",
  "p",
  "precision",
  "recall",
  "rprec",
  "r_precision",
  "hit_rate",
  "success",
];

export interface RetrievalSuiteOptions {
  /** Members by name, `base` or `base@k` (default {@link RETRIEVAL_SUITE_METRICS}). */
  readonly metrics?: readonly string[];
  readonly emptyTargetAction?: EmptyTargetAction;
  readonly ties?: TieHandling;
  readonly ignoreIndex?: number | null;
  readonly aggregation?: Aggregation;
  /** Documents with score <= 0 in MAP, MRR, precision and recall: torchmetrics counts them irrelevant (default). */
  readonly nonPositiveScores?: NonPositiveScores;
}
const SUITE_OPTIONS = optionNames<RetrievalSuiteOptions>()(
  "metrics",
  "emptyTargetAction",
  "ties",
  "ignoreIndex",
  "aggregation",
  "nonPositiveScores",
);

/** A member name read as its base and cut-off (`ndcg@10` → ndcg, 10). */
export function parseRetrievalMetricName(fn: string, name: unknown): { base: string; k: number | null } {
  const m = typeof name === "string" ? /^([a-z_]+)(?:@(\d+))?$/i.exec(name.trim()) : null;
  const base = m?.[1]?.toLowerCase();
  if (!m || base === undefined || !RETRIEVAL_SUITE_BASES.includes(base))
    fail(
      "invalid_option",
      `${fn}: option \`metrics\` must name ${RETRIEVAL_SUITE_BASES.join(", ")} (with @k where useful), got ${describeValue(name)}`,
    );
  const k = m[2] === undefined ? null : Number(m[2]);
  if (k !== null && !(k >= 1 && Number.isSafeInteger(k)))
    fail("invalid_option", `${fn}: option \`metrics\` cut-off must be >= 1, got ${describeValue(name)}`);
  if (["p", "precision", "recall", "hit_rate", "success"].includes(base) && k === null)
    fail(
      "invalid_option",
      `${fn}: option \`metrics\` ${base} needs a cut-off (${base}@k), got ${describeValue(name)}`,
    );
  return { base, k };
}

/**
 * The grouped-retrieval definition of one member name with the shared options: MAP, MRR,
 * precision and recall take `nonPositiveScores`; nDCG reads graded targets as they are.
 */
export function retrievalMemberDefinition(
  base: string,
  k: number | null,
  shared: Omit<RetrievalSuiteOptions, "metrics" | "nonPositiveScores">,
  nonPositiveScores?: NonPositiveScores,
): MetricDef<RetrievalState, RetrievalArgs, number> {
  const topK = k === null ? {} : { topK: k };
  const withScores = { ...shared, ...(nonPositiveScores ? { nonPositiveScores } : {}), ...topK };
  switch (base) {
    case "map":
      return retrievalMapDef(withScores);
    case "mrr":
      return retrievalMrrDef(withScores);
    case "ndcg":
      return retrievalNdcgDef({ ...shared, ...topK });
    case "p":
    case "precision":
      return retrievalPrecisionDef(withScores);
    case "recall":
      return retrievalRecallDef(withScores);
    case "rprec":
    case "r_precision":
      return retrievalRPrecisionDef(shared);
    default:
      return retrievalHitRateDef({ ...shared, ...topK });
  }
}

/** The suite's members by name (what {@link retrievalSuiteDef} collects). */
export function retrievalSuiteMembers(
  options?: RetrievalSuiteOptions,
): Record<string, MetricDef<RetrievalState, RetrievalArgs, number>> {
  const fn = "retrievalSuite";
  const { metrics, nonPositiveScores, ...shared } = readOptions<RetrievalSuiteOptions>(
    fn,
    options,
    SUITE_OPTIONS,
  );
  const names = metrics ?? RETRIEVAL_SUITE_METRICS;
  if (!Array.isArray(names) || names.length === 0)
    fail(
      "invalid_option",
      `${fn}: option \`metrics\` must be a non-empty list of names, got ${describeValue(names)}`,
    );
  const members: Record<string, MetricDef<RetrievalState, RetrievalArgs, number>> = {};
  for (const name of names as readonly unknown[]) {
    const { base, k } = parseRetrievalMetricName(fn, name);
    members[(name as string).trim()] = retrievalMemberDefinition(base, k, shared, nonPositiveScores);
  }
  return members;
}

/** The suite as one collection: `update(preds, target, indexes)` with 0/1 relevance; see the module comment. */
export function retrievalSuiteDef(
  options?: RetrievalSuiteOptions,
): MetricDef<CollectionState, RetrievalArgs, Record<string, number>> {
  return metricCollection(retrievalSuiteMembers(options)) as never;
}

/**
 * One-shot {@link retrievalSuiteDef}: each member's value by name.
 * @example retrievalSuite([0.9, 0.2, 0.7], [1, 0, 0], [0, 0, 0]).map // 1
 */
export function retrievalSuite(
  preds: ArrayLike<number>,
  target: ArrayLike<number>,
  indexes: ArrayLike<number>,
  options?: RetrievalSuiteOptions,
): Record<string, number> {
  return runOnce(retrievalSuiteDef(options), preds, target, indexes);
}
