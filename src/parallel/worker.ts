import { parentPort } from "node:worker_threads";
import { encodeState } from "../core/codec.js";
import { isPlumblineError } from "../core/errors.js";
import { findDefinition } from "../metrics/registry.js";

/** Message from the pool: fold these batches into a fresh state of metric `id`. */
export interface ShardRequest {
  readonly id: string;
  readonly options: unknown;
  readonly batches: readonly unknown[][];
}

/** Reply: the shard's encoded state, or the error that stopped it. */
export type ShardReply = { readonly state: unknown } | { readonly error: { code?: string; message: string } };

parentPort?.on("message", async (request: ShardRequest) => {
  try {
    const def = await findDefinition(request.id, request.options);
    const state = def.init();
    for (const batch of request.batches) def.update(state, ...batch);
    parentPort!.postMessage({ state: encodeState(state) } satisfies ShardReply);
  } catch (error) {
    const reply: ShardReply = {
      error: isPlumblineError(error)
        ? { code: error.code, message: error.message }
        : { message: String((error as Error)?.stack ?? error) },
    };
    parentPort!.postMessage(reply);
  }
});
