/**
 * Evaluation across machines through BullMQ on Redis: a producer splits one input file into
 * shard jobs of a flow, `plumbline worker --redis URL` processes on any machines evaluate them,
 * and the flow's parent merges their snapshots once per shard identity. See docs/scale.md.
 */
export { type RedisTarget, redisTarget } from "./connection.js";
export { evaluateFileOnQueue, type QueueFileOptions } from "./evaluate-file.js";
export { DEFAULT_QUEUE, type MergeJobResult, type ShardJobData, type ShardJobResult } from "./jobs.js";
export { evaluateOnQueue, type QueueRunOptions } from "./producer.js";
export { type QueueWorker, type QueueWorkerOptions, startQueueWorker } from "./worker.js";
