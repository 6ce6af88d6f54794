import type { EntryCore } from "./types.js";

/**
 * The fields a catalog entry takes from its definition's meta (`MetricMeta`: id, range,
 * direction), so an entry states them once and can never disagree with the definition.
 */
export function metaFields(
  meta: Pick<EntryCore, "id" | "range" | "direction">,
): Pick<EntryCore, "id" | "range" | "direction"> {
  return { id: meta.id, range: meta.range, direction: meta.direction };
}
