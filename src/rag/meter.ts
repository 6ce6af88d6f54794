import { type Budget, costOf, type PriceTable } from "./budget.js";
import { estimateMessageTokens, estimateTokens } from "./tokens.js";
import type { CallUsage, ChatMessage } from "./types.js";

/** Tokens, paid calls and cost of part of a run. */
export interface UsageTotals {
  /** Paid calls (cache hits are not calls). */
  calls: number;
  promptTokens: number;
  completionTokens: number;
  cost: number;
}

export const emptyTotals = (): UsageTotals => ({ calls: 0, promptTokens: 0, completionTokens: 0, cost: 0 });

/** Adds `b` into `a`. */
export function addTotals(a: UsageTotals, b: UsageTotals): void {
  a.calls += b.calls;
  a.promptTokens += b.promptTokens;
  a.completionTokens += b.completionTokens;
  a.cost += b.cost;
}

/** Closes one metered call with the usage the server reported (undefined: the call failed). */
export interface MeterTicket {
  done(usage: Omit<CallUsage, "cost"> | undefined): void;
}

/**
 * What a paid call passes through: `beforeChat`/`beforeEmbedding` reserve the estimated cost in
 * the budget (throwing `BudgetExhausted` when it cannot be covered) and the ticket records the
 * reported tokens and their cost under the run's price table.
 */
export interface CallMeter {
  beforeChat(messages: readonly ChatMessage[]): MeterTicket;
  beforeEmbedding(texts: readonly string[]): MeterTicket;
}

/** Completion tokens assumed for a chat call before any has been reported. */
const FIRST_COMPLETION_GUESS = 150;

/**
 * A meter adding into `totals` under `pricing`, with an optional shared `budget`. The estimate of
 * a chat call is its prompt's estimated tokens plus the mean completion reported so far in
 * `history` (shared by the meters of one metric; 150 before the first reply); an embedding call
 * costs its texts' estimated tokens.
 */
export function createMeter(
  totals: UsageTotals,
  pricing: PriceTable | undefined,
  budget?: Budget,
  history: { completions: number; replies: number } = { completions: 0, replies: 0 },
): CallMeter {
  const open = (estimate: Omit<CallUsage, "cost">, embedding: boolean): MeterTicket => {
    const estimatedCost = costOf(pricing, estimate, embedding);
    const ticket = budget?.reserve(estimatedCost);
    return {
      done(usage) {
        if (usage === undefined) {
          ticket?.release();
          return;
        }
        const reported = usage.promptTokens + usage.completionTokens > 0;
        const counted = reported ? usage : estimate;
        const cost = costOf(pricing, counted, embedding);
        ticket?.settle(cost);
        totals.calls++;
        totals.promptTokens += counted.promptTokens;
        totals.completionTokens += counted.completionTokens;
        totals.cost += cost;
        if (!embedding && reported) {
          history.completions += usage.completionTokens;
          history.replies++;
        }
      },
    };
  };
  return {
    beforeChat: (messages) =>
      open(
        {
          promptTokens: estimateMessageTokens(messages),
          completionTokens:
            history.replies > 0 ? history.completions / history.replies : FIRST_COMPLETION_GUESS,
        },
        false,
      ),
    beforeEmbedding: (texts) =>
      open({ promptTokens: texts.reduce((s, t) => s + estimateTokens(t), 0), completionTokens: 0 }, true),
  };
}
