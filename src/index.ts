/**
 * plumbline: deep-learning loss functions and evaluation metrics for TypeScript.
 * Import a task's subpath (`plumbline/classification`, `plumbline/losses`, ...) for its API;
 * this entry point exports the contract (metrics, errors, limits) and the catalog. Kernels and
 * codecs live under `plumbline/core`.
 */

export type { CatalogEntry, Recommendation, RecommendQuery, Reference, Task } from "./catalog/index.js";
export { catalog, describe, recommend } from "./catalog/index.js";
export {
  type CollectionResult,
  type CollectionState,
  computeGroups,
  metricCollection,
} from "./collection/index.js";
export { isPlumblineError, PlumblineError, type PlumblineErrorCode } from "./core/errors.js";
export { getLimits, type Limits, setLimits } from "./core/limits.js";
export {
  type AnyMetricDef,
  createMetric,
  decodeMetricState,
  type Metric,
  type MetricDef,
  type MetricMeta,
  type MetricSnapshot,
  runOnce,
  type ShardIdentity,
} from "./metric.js";
