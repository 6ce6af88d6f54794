/**
 * The jobs of a distributed evaluation (one BullMQ flow per run): `shard` children, one per
 * shard of the input, each returning the snapshots of its suite sealed with the shard's label;
 * and the `merge` parent, which merges its children's snapshots by shard identity.
 */
import type { MetricSnapshot } from "../metric.js";
import type { ShardedInput, ShardSpec } from "../parallel/shards.js";

/** Default queue name. */
export const DEFAULT_QUEUE = "plumbline";

/** A shard job: which suite (runner and configuration) over which shard of which input. */
export interface ShardJobData {
  readonly fn: string;
  readonly runner: string;
  readonly config: unknown;
  readonly input: ShardedInput;
  readonly shard: ShardSpec;
}

/** What a shard job returns: its label, the rows it read and its metrics' snapshots. */
export interface ShardJobResult {
  readonly label: string;
  readonly rows: number;
  readonly snapshots: readonly MetricSnapshot[];
}

/** The merge job: how many shards its children are. */
export interface MergeJobData {
  readonly fn: string;
  readonly shards: number;
}

/** What the merge job returns: the rows of all shards and the merged snapshots. */
export interface MergeJobResult {
  readonly rows: number;
  readonly snapshots: readonly MetricSnapshot[];
}

/** A PlumblineError travels as `code: message` in a job's failed reason. */
export const REASON = /^([a-z_]+): ([\s\S]*)$/;
