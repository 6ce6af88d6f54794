/**
 * Evaluation across worker threads of one machine: a persistent pool (piscina), states moved
 * back without encoding, and shards of a file read by the workers themselves. See docs/scale.md.
 */
export { evaluateFileInWorkers, type FileInput, type FileWorkerOptions } from "./evaluate-file.js";
export { evaluateInWorkers, type WorkerOptions } from "./evaluate-in-workers.js";
export { closeWorkerPool, MAX_WORKERS } from "./pool.js";
export {
  type PlanOptions,
  planShards,
  SHARDABLE_FORMATS,
  type ShardedInput,
  type ShardSpec,
} from "./shards.js";
