import type { CatalogEntry } from "../../../catalog/types.js";

/** What a text metric's catalog entry states; the rest are the text defaults of {@link textEntry}. */
export type TextEntrySpec = Omit<CatalogEntry, "kind" | "tasks" | "differentiable"> &
  Partial<Pick<CatalogEntry, "tasks" | "differentiable">>;

/** A text metric's catalog entry: kind "metric", tasks ["nlp"] and not differentiable unless stated. */
export function textEntry(spec: TextEntrySpec): CatalogEntry {
  return { kind: "metric", tasks: ["nlp"], differentiable: false, ...spec };
}
