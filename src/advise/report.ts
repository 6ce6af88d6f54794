import { recommend } from "../catalog/index.js";
import type { Recommendation } from "../catalog/recommend.js";
import type { Task } from "../catalog/tasks.js";

/** One measurement on the data, the trait it points to (if any) and what follows from it. */
export interface Finding {
  /** What was measured, e.g. "prevalence of class 1". */
  readonly measure: string;
  /** The measured value, as a number or a short text. */
  readonly value: number | string;
  /** The trait of the task's vocabulary it indicates, if any. */
  readonly trait?: string;
  /** What follows from it, in one sentence. */
  readonly note: string;
}

/** What `advise*` found in the data and the recommendation that follows. */
export interface AdviceReport {
  readonly task: Task;
  /** What was measured over: samples, images, queries, segments. */
  readonly size: { readonly count: number; readonly unit: string };
  readonly findings: readonly Finding[];
  /** The traits the findings point to (vocabulary of the task), in order of discovery. */
  readonly traits: readonly string[];
  /** `recommend({ task, traits })`. */
  readonly recommendation: Recommendation;
}

/** Assembles the report: the traits of the findings, then the catalog's recommendation for them. */
export function report(task: Task, count: number, unit: string, findings: readonly Finding[]): AdviceReport {
  const traits = [...new Set(findings.flatMap((f) => (f.trait === undefined ? [] : [f.trait])))];
  return { task, size: { count, unit }, findings, traits, recommendation: recommend({ task, traits }) };
}

/** A share as a percentage with one decimal, for notes. */
export function percent(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}
