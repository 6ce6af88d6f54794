import { fail } from "../core/errors.js";
import type { MetricSnapshot } from "../metric.js";
import type { ShardedInput } from "../parallel/shards.js";

/** Placeholder until the BullMQ producer lands (next commit). */
export async function evaluateOnQueue(options: {
  fn: string;
  redis: string;
  queue?: string | undefined;
  shards: number;
  runner: string;
  config: unknown;
  input: ShardedInput;
}): Promise<{ rows: number; snapshots: MetricSnapshot[] }> {
  return fail("unsupported", `${options.fn}: --redis is not available yet`);
}
