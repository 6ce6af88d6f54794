import { describeValue, fail } from "../core/errors.js";
import { readOptions } from "../core/options.js";
import type { CatalogEntry } from "./entry.js";
import type { TaskRules } from "./rules.js";
import { resolveTask, resolveTraits, type Task } from "./tasks.js";

/** What to ask `recommend`: a task (or alias) and optionally traits of its vocabulary. */
export interface RecommendQuery {
  /** One of `TASKS` or an alias (`plumbline traits` lists them). */
  readonly task: string;
  /** Traits of the task's vocabulary, e.g. ["imbalanced", "calibration"]. */
  readonly traits?: readonly string[];
}

const RECOMMEND_OPTIONS = ["task", "traits"] as const;

/** One recommended (or discouraged) entry and the reason. */
export interface Advice {
  readonly id: string;
  readonly why: string;
}

/** A recommended loss and the metrics to report when training with it. */
export interface LossAdvice extends Advice {
  readonly pairsWith: readonly string[];
}

/** The advice for one task and set of traits. */
export interface Recommendation {
  readonly task: Task;
  readonly traits: readonly string[];
  /** Metrics, best first. */
  readonly metrics: readonly Advice[];
  /** Losses (and loss-weighting schemes), best first. */
  readonly losses: readonly LossAdvice[];
  /** Entries that mislead under the given traits. */
  readonly avoid: readonly Advice[];
}

interface Candidate {
  entry: CatalogEntry;
  /** Reasons from the traits that prefer it, in trait order. */
  reasons: { trait: string; why: string; position: number }[];
  /** Position in the task's general-purpose list, or Infinity. */
  baseline: number;
  order: number;
}

/**
 * The survey's advice as a query over the rules table (`catalog/rules.ts`): metrics and losses for
 * a task, best first, each with a one-sentence reason; losses with the metrics they pair with; and
 * the entries to avoid under the given traits.
 *
 * Ranking: entries preferred by more of the asked traits first; then by their place in the trait's
 * list; then the task's general-purpose choices in their order. An entry that any asked trait
 * advises against goes to `avoid` (with that reason), even if another trait prefers it, and is
 * left out of the losses' `pairsWith`.
 *
 * Throws `invalid_option` for an unknown task or trait (the message lists the vocabulary).
 */
export function recommendFrom(
  catalog: readonly CatalogEntry[],
  rules: Readonly<Record<Task, TaskRules>>,
  query: RecommendQuery,
): Recommendation {
  const fn = "recommend";
  const options = readOptions<RecommendQuery>(fn, query, RECOMMEND_OPTIONS);
  const task = resolveTask(fn, options.task);
  const rawTraits = options.traits ?? [];
  if (!Array.isArray(rawTraits))
    fail(
      "invalid_option",
      `${fn}: option \`traits\` must be an array of trait names, got ${describeValue(rawTraits)}`,
    );
  const traits = resolveTraits(fn, task, rawTraits);
  const taskRules = rules[task];

  const avoidWhy = new Map<string, string[]>();
  for (const trait of traits) {
    for (const [id, why] of Object.entries(taskRules.traits[trait]?.avoid ?? {})) {
      avoidWhy.set(id, [...(avoidWhy.get(id) ?? []), traits.length > 1 ? `${trait}: ${why}` : why]);
    }
  }

  const byId = new Map(catalog.map((entry, order) => [entry.id, { entry, order }]));
  const candidates = new Map<string, Candidate>();
  const candidate = (id: string): Candidate | undefined => {
    const found = byId.get(id);
    if (!found?.entry.tasks.includes(task) || avoidWhy.has(id)) return undefined;
    let c = candidates.get(id);
    if (!c) {
      c = { entry: found.entry, reasons: [], baseline: Number.POSITIVE_INFINITY, order: found.order };
      candidates.set(id, c);
    }
    return c;
  };
  for (const trait of traits) {
    Object.entries(taskRules.traits[trait]?.prefer ?? {}).forEach(([id, why], position) => {
      candidate(id)?.reasons.push({ trait, why, position });
    });
  }
  [...taskRules.metrics, ...taskRules.losses].forEach((id, position) => {
    const c = candidate(id);
    if (c) c.baseline = Math.min(c.baseline, position);
  });

  const ranked = [...candidates.values()].sort(
    (a, b) =>
      b.reasons.length - a.reasons.length ||
      Math.min(...a.reasons.map((r) => r.position)) - Math.min(...b.reasons.map((r) => r.position)) ||
      a.baseline - b.baseline ||
      a.order - b.order,
  );
  const why = (c: Candidate) =>
    c.reasons.length === 0
      ? c.entry.usage
      : c.reasons.length === 1
        ? c.reasons[0]!.why
        : c.reasons.map((r) => `${r.trait}: ${r.why}`).join("; ");

  const metricIds = new Set(catalog.filter((e) => e.kind === "metric").map((e) => e.id));
  const pairsWith = (entry: CatalogEntry) => {
    const all = entry.pairings.map((p) => p.id).filter((id) => metricIds.has(id) && !avoidWhy.has(id));
    const inTask = all.filter((id) => byId.get(id)?.entry.tasks.includes(task));
    return inTask.length > 0 ? inTask : all;
  };

  return {
    task,
    traits,
    metrics: ranked.filter((c) => c.entry.kind === "metric").map((c) => ({ id: c.entry.id, why: why(c) })),
    losses: ranked
      .filter((c) => c.entry.kind !== "metric")
      .map((c) => ({ id: c.entry.id, why: why(c), pairsWith: pairsWith(c.entry) })),
    avoid: [...avoidWhy.entries()]
      .filter(([id]) => byId.get(id)?.entry.tasks.includes(task))
      .map(([id, reasons]) => ({ id, why: reasons.join("; ") })),
  };
}
