import type { Pricing } from "./client.js";
import type { CallUsage } from "./types.js";

/** A price table for cost accounting: chat input and output, and embeddings (per million tokens, USD). */
export interface PriceTable extends Pricing {
  /** Embedding input (default: `inputPerMillion`, which overestimates for most providers). */
  readonly embeddingPerMillion?: number;
}

/** The cost of tokens under a price table. */
export function costOf(
  pricing: PriceTable | undefined,
  usage: Omit<CallUsage, "cost">,
  embedding = false,
): number {
  if (!pricing) return 0;
  if (embedding) return (usage.promptTokens * (pricing.embeddingPerMillion ?? pricing.inputPerMillion)) / 1e6;
  return (
    (usage.promptTokens * pricing.inputPerMillion + usage.completionTokens * pricing.outputPerMillion) / 1e6
  );
}

/** A paid call that the budget refused to send. */
export class BudgetExhausted extends Error {
  override readonly name = "BudgetExhausted";
}

/** One reservation: settle it with the call's cost, or release it if the call failed. */
export interface BudgetTicket {
  settle(cost: number): void;
  release(): void;
}

/**
 * A spending limit shared by every call of a run. Before a paid call, `reserve(estimate)` checks
 * spent + reserved + estimate against `maxCost` and throws {@link BudgetExhausted} past it, so no
 * request is sent that the budget cannot cover; calls in flight hold their estimate until they
 * settle with their cost (see `createMeter`: the reported usage, or the estimate without one). Actual
 * spending can therefore pass `maxCost` only by the estimates' error on calls already in flight.
 */
export interface Budget {
  readonly maxCost: number;
  reserve(estimate: number): BudgetTicket;
  /** Settled spending so far. */
  spent(): number;
  /** True once a call has been refused. */
  exhausted(): boolean;
}

export function createBudget(maxCost: number): Budget {
  let spent = 0;
  let reserved = 0;
  let refused = false;
  return {
    maxCost,
    reserve(estimate) {
      if (spent + reserved + estimate > maxCost) {
        refused = true;
        throw new BudgetExhausted(
          `not judged: the cost budget of $${maxCost} would be exceeded ($${spent.toFixed(6)} spent, $${reserved.toFixed(6)} in flight, next call ~$${estimate.toFixed(6)})`,
        );
      }
      reserved += estimate;
      let open = true;
      const close = () => {
        if (open) reserved -= estimate;
        open = false;
      };
      return {
        settle(cost) {
          if (!open) return;
          close();
          spent += cost;
        },
        release: close,
      };
    },
    spent: () => spent,
    exhausted: () => refused,
  };
}
