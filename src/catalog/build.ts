/**
 * Builds the catalog: each entry's metadata merged with its survey annotation and with the
 * traits the advice rules give it. Building never throws, so a definition added without an
 * annotation still lists (with empty advice); `catalog.test.ts` names every such gap.
 */
import type { Annotation, Annotations, Flag } from "./annotation.js";
import type { CatalogEntry, Pairing, Properties, TraitNote } from "./entry.js";
import type { TaskRules } from "./rules.js";
import { SURVEY_SECTIONS } from "./survey.js";
import { type Task, taskOfMeta } from "./tasks.js";
import type { EntryMeta } from "./types.js";

/** The annotation used for a definition nobody has annotated yet. */
const MISSING: Annotation = { survey: [], flags: [], usage: "", pros: [], cons: [] };

function properties(meta: EntryMeta, range: readonly [number, number], flags: readonly Flag[]): Properties {
  const has = (flag: Flag) => flags.includes(flag);
  return {
    differentiable: has("differentiable") ? true : has("not-differentiable") ? false : meta.differentiable,
    convex: has("convex"),
    smooth: has("smooth"),
    bounded: Number.isFinite(range[0]) && Number.isFinite(range[1]),
    robustToOutliers: has("robust"),
    scaleInvariant: has("scale-invariant"),
    needsProbabilities: has("probabilities"),
    thresholdDependent: has("threshold"),
    needsReference: !has("no-reference"),
  };
}

/**
 * The package subpath of an entry's exports: losses and weighting schemes are `plumbline/losses`;
 * a metric's is its id folder (`classification/auroc` -> `plumbline/classification`,
 * `models/lpips` -> `plumbline/models`). `catalog.test.ts` checks each export against it.
 */
export function moduleOf(meta: Pick<EntryMeta, "id" | "kind">): string {
  return meta.kind === "metric" ? `plumbline/${meta.id.split("/")[0]}` : "plumbline/losses";
}

/** The best attainable value: the range end the direction points to, when finite. */
export function defaultIdeal(
  direction: EntryMeta["direction"],
  range: readonly [number, number],
): number | null {
  const end = direction === "higher" ? range[1] : direction === "lower" ? range[0] : Number.NaN;
  return Number.isFinite(end) ? end : null;
}

/** Trait notes per entry id, from the rules table. */
function traitNotes(rules: Readonly<Record<Task, TaskRules>>): {
  suited: Map<string, TraitNote[]>;
  misleading: Map<string, TraitNote[]>;
} {
  const suited = new Map<string, TraitNote[]>();
  const misleading = new Map<string, TraitNote[]>();
  const add = (map: Map<string, TraitNote[]>, id: string, note: TraitNote) => {
    const list = map.get(id);
    if (list) list.push(note);
    else map.set(id, [note]);
  };
  for (const [task, taskRules] of Object.entries(rules) as [Task, TaskRules][]) {
    for (const [trait, rule] of Object.entries(taskRules.traits)) {
      for (const [id, why] of Object.entries(rule.prefer)) add(suited, id, { task, trait, why });
      for (const [id, why] of Object.entries(rule.avoid)) add(misleading, id, { task, trait, why });
    }
  }
  return { suited, misleading };
}

/** Merges definitions, annotations and rules into catalog entries (definition order kept). */
export function buildCatalog(
  definitions: readonly EntryMeta[],
  annotations: Annotations,
  rules: Readonly<Record<Task, TaskRules>>,
): CatalogEntry[] {
  const { suited, misleading } = traitNotes(rules);
  const titles = new Map(definitions.map((d) => [d.id, d.title]));
  // A loss's pairing, seen from the metric's side.
  const trainedBy = new Map<string, Pairing[]>();
  for (const meta of definitions) {
    if (meta.kind === "metric") continue;
    const pairs = (Object.hasOwn(annotations, meta.id) ? annotations[meta.id] : undefined)?.pairs ?? {};
    for (const [metricId, why] of Object.entries(pairs)) {
      const list = trainedBy.get(metricId) ?? [];
      list.push({ id: meta.id, why: `${titles.get(meta.id) ?? meta.id} reports it: ${why}` });
      trainedBy.set(metricId, list);
    }
  }
  return definitions.map((meta) => {
    const note = Object.hasOwn(annotations, meta.id) ? annotations[meta.id]! : MISSING;
    const range = note.fix?.range ?? meta.range;
    const direction = note.fix?.direction ?? meta.direction;
    const tasks = [...new Set([...meta.tasks.map(taskOfMeta), ...(note.alsoTasks ?? [])])];
    const own: Pairing[] = Object.entries(note.pairs ?? {}).map(([id, why]) => ({ id, why }));
    // Pairs the definition declares but the annotation does not explain keep an empty reason
    // (the catalog test lists them).
    for (const id of meta.pairsWith ?? []) if (!own.some((p) => p.id === id)) own.push({ id, why: "" });
    const pairings = meta.kind === "metric" ? [...own, ...(trainedBy.get(meta.id) ?? [])] : own;
    return {
      id: meta.id,
      title: meta.title,
      kind: meta.kind,
      tasks,
      formula: note.fix?.formula ?? meta.formula,
      range,
      direction,
      ideal: note.ideal !== undefined ? note.ideal : defaultIdeal(direction, range),
      properties: properties(meta, range, note.flags),
      usage: note.usage,
      advantages: note.pros,
      limitations: note.cons,
      suitedTo: suited.get(meta.id) ?? [],
      misleadingUnder: misleading.get(meta.id) ?? [],
      survey: note.survey.map((section) => ({ section, title: SURVEY_SECTIONS[section] ?? "" })),
      ...(note.beyondSurvey !== undefined ? { beyondSurvey: note.beyondSurvey } : {}),
      references: meta.references,
      pairings,
      exports: meta.exports,
      module: moduleOf(meta),
    };
  });
}
