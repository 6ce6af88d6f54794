import type { CatalogEntry } from "../../catalog/types.js";

/** Fields of a classification catalog entry; the rest get classification defaults (internal). */
export interface EntrySpec {
  id: string;
  title: string;
  formula: string;
  range: readonly [number, number];
  direction: "higher" | "lower" | "none";
  exports: readonly string[];
  implementation: string;
  paper?: string;
  robustness?: readonly string[];
  traits?: readonly string[];
  differentiable?: boolean;
}

/** Builds a classification metric's catalog entry. */
export function classificationEntry(spec: EntrySpec): CatalogEntry {
  return {
    id: spec.id,
    title: spec.title,
    kind: "metric",
    tasks: ["classification"],
    formula: spec.formula,
    range: spec.range,
    direction: spec.direction,
    differentiable: spec.differentiable ?? false,
    ...(spec.robustness ? { robustness: spec.robustness } : {}),
    references: [{ ...(spec.paper ? { paper: spec.paper } : {}), implementation: spec.implementation }],
    ...(spec.traits ? { traits: spec.traits } : {}),
    exports: spec.exports,
  };
}
