/** Collections of metrics that update, snapshot and merge as one metric (torchmetrics' MetricCollection). */
export {
  COLLECTION_ID,
  type CollectionOptions,
  type CollectionResult,
  type CollectionState,
  collectionMembers,
  computeGroups,
  memberStates,
  metricCollection,
} from "./metric-collection.js";
export { rebuildCollection } from "./rebuild.js";
