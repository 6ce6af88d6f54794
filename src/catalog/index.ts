/**
 * `plumbline/catalog`: the survey (Terven et al. 2025) as data. Every metric, loss and
 * loss-weighting scheme with its formula, range, direction, properties, usage, advantages,
 * limitations, survey sections, references and pairings; the task and trait vocabulary; and
 * `recommend()`, the survey's advice as a query.
 */
import { annotations } from "./annotations/index.js";
import { buildCatalog } from "./build.js";
import { definitions } from "./definitions.js";
import type { CatalogEntry } from "./entry.js";
import { type Recommendation, type RecommendQuery, recommendFrom } from "./recommend.js";
import { RULES } from "./rules.js";
import { TASK_ALIASES, TASK_INFO, TASKS, type Task, TRAITS } from "./tasks.js";

export type { CatalogEntry, Pairing, Properties, SurveyRef, TraitNote } from "./entry.js";
export type { Advice, LossAdvice, Recommendation, RecommendQuery } from "./recommend.js";
export { RULES, type TaskRules, type TraitRule } from "./rules.js";
export { SURVEY, SURVEY_GAPS, SURVEY_SECTIONS, type SurveyGap } from "./survey.js";
export { resolveTask, resolveTraits, TASK_ALIASES, TASK_INFO, TASKS, type Task, TRAITS } from "./tasks.js";
export type { EntryMeta, MetaTask, Reference } from "./types.js";

/** Every metric, loss and loss-weighting scheme, in survey order. */
export const catalog: readonly CatalogEntry[] = buildCatalog(definitions, annotations, RULES);

const byId = new Map(catalog.map((e) => [e.id, e]));

/** The entry with this id, or undefined. */
export function describe(id: string): CatalogEntry | undefined {
  return byId.get(id);
}

/**
 * The survey's advice for a task and traits: metrics and losses ranked best first with a reason
 * each, losses with the metrics they pair with, and what to avoid. See `recommend.ts` for the
 * ranking; the rules are the reviewable table in `rules.ts`.
 *
 * @example
 * recommend({ task: "classification", traits: ["imbalanced"] }).avoid[0]
 * // { id: "classification/accuracy", why: "a majority-class predictor scores the majority share: ..." }
 */
export function recommend(query: RecommendQuery): Recommendation {
  return recommendFrom(catalog, RULES, query);
}

/** One task of the vocabulary: its title, survey sections, aliases and traits (name → description). */
export interface TaskVocabulary {
  readonly task: Task;
  readonly title: string;
  readonly sections: readonly string[];
  readonly aliases: readonly string[];
  readonly traits: Readonly<Record<string, string>>;
}

/** The task and trait vocabulary that `recommend`, `advise` and `plumbline list --task` accept. */
export function vocabulary(): TaskVocabulary[] {
  return TASKS.map((task) => ({
    task,
    title: TASK_INFO[task].title,
    sections: TASK_INFO[task].sections,
    aliases: Object.entries(TASK_ALIASES)
      .filter(([, t]) => t === task)
      .map(([alias]) => alias),
    traits: TRAITS[task],
  }));
}
