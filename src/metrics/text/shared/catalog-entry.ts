import type { CatalogEntry } from "../../../catalog/types.js";

/**
 * What a text metric's catalog entry states; the rest are the text defaults of {@link textEntry}.
 * References may be given as `papers` and `implementations` (lists of strings) instead of
 * `references` objects with one key each.
 */
export type TextEntrySpec = Omit<CatalogEntry, "kind" | "tasks" | "differentiable" | "references"> &
  Partial<Pick<CatalogEntry, "tasks" | "differentiable" | "references">> & {
    readonly papers?: readonly string[];
    readonly implementations?: readonly string[];
  };

/**
 * A text metric's catalog entry: kind "metric", tasks ["nlp"] and not differentiable unless stated;
 * `papers` and `implementations` become `references` where they stand.
 */
export function textEntry(spec: TextEntrySpec): CatalogEntry {
  const entry: Record<string, unknown> = { kind: "metric", tasks: ["nlp"], differentiable: false };
  for (const [key, value] of Object.entries(spec)) {
    if (key === "papers" || key === "implementations") {
      const kind = key === "papers" ? "paper" : "implementation";
      entry.references = [
        ...((entry.references as unknown[]) ?? []),
        ...(value as string[]).map((text) => ({ [kind]: text })),
      ];
    } else entry[key] = value;
  }
  return entry as unknown as CatalogEntry;
}
