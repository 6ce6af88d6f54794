/**
 * What a report is built from: evaluation results as metric states. A report never sees raw
 * predictions unless a plot needs them and no state keeps them (regression scatter plots,
 * sentence-level text scores, per-query retrieval scores, RAG judge reasons): those come as
 * explicit per-sample fields.
 */
import { type CollectionState, collectionMembers, memberStates } from "../collection/metric-collection.js";
import { decodeState, encodeState } from "../core/codec.js";
import { describeValue, fail } from "../core/errors.js";
import { optionNames } from "../core/options.js";
import type { AnyMetricDef, MetricSnapshot } from "../metric.js";
import { decodeMetricSnapshot } from "../metric.js";
import { findDefinition } from "../metrics/registry.js";
import type { Interval } from "../stats/bootstrap.js";

/** The tasks a report has a layout for. */
export const REPORT_TASKS = [
  "classification",
  "regression",
  "detection",
  "segmentation",
  "text",
  "retrieval",
  "rag",
] as const;
export type ReportTask = (typeof REPORT_TASKS)[number];

/** One evaluated metric: its definition and its state (a live metric from `createMetric` has both). */
export interface EvaluatedMetric {
  /** The row name in tables; default: the id without its task (`binary_auroc`). */
  readonly name?: string;
  readonly def: AnyMetricDef;
  readonly state: unknown;
}

/** One judged RAG sample: its scores, the judge's reasons and anything else worth a column. */
export interface RagSampleRow {
  readonly id: string;
  readonly question?: string;
  readonly scores: Readonly<Record<string, number>>;
  readonly reasons?: Readonly<Record<string, string>>;
}

/** What the judge calls cost (tokens, requests and, when prices are known, money). */
export interface JudgeCost {
  readonly requests: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly usd?: number;
}

/** The input of {@link report}. */
export interface EvaluationResults {
  readonly task: ReportTask;
  readonly title?: string;
  /** The evaluated metrics, as a list or by row name (live metrics, collections' members, `{ def, state }`). */
  readonly metrics: readonly EvaluatedMetric[] | Readonly<Record<string, EvaluatedMetric>>;
  /** Names of classes (classification, segmentation) or categories (detection), by index. */
  readonly classNames?: readonly string[];
  readonly notes?: readonly string[];
  /** Regression: predictions and targets (no state keeps them) for predicted-vs-actual and residual plots. */
  readonly predictions?: { readonly preds: ArrayLike<number>; readonly target: ArrayLike<number> };
  /** Per-sample scores by metric name: sentence-level text scores, per-query retrieval scores. */
  readonly perSample?: Readonly<Record<string, ArrayLike<number>>>;
  /** Confidence intervals by metric name (`bootstrapMetric`, `bootstrapInterval`). */
  readonly intervals?: Readonly<Record<string, Interval>>;
  /** RAG: the judged samples. */
  readonly samples?: readonly RagSampleRow[];
  readonly cost?: JudgeCost;
}

/** The fields of {@link EvaluationResults} (read strictly, as options are). */
export const RESULT_FIELDS = optionNames<EvaluationResults>()(
  "task",
  "title",
  "metrics",
  "classNames",
  "notes",
  "predictions",
  "perSample",
  "intervals",
  "samples",
  "cost",
);

/** A metric with its row name resolved and its state checked against its definition. */
export interface NamedMetric {
  readonly name: string;
  readonly def: AnyMetricDef;
  readonly state: unknown;
}

/**
 * The metrics of `results` as a flat list of named, validated metrics: collections are expanded
 * into their members; each state is copied as a snapshot holds it (the report never reads a live
 * metric's buffers) and goes through its definition's `validateState`.
 */
export function namedMetrics(results: EvaluationResults): NamedMetric[] {
  const list = results.metrics;
  if (list === null || typeof list !== "object")
    fail(
      "invalid_value",
      `report: \`metrics\` must be a list or a record of metrics, got ${describeValue(list)}`,
    );
  const entries: [string | undefined, EvaluatedMetric][] = Array.isArray(list)
    ? (list as readonly EvaluatedMetric[]).map((m) => [m?.name, m])
    : Object.entries(list as Record<string, EvaluatedMetric>);
  const out: NamedMetric[] = [];
  const add = (name: string | undefined, metric: EvaluatedMetric, where: string) => {
    const def = metric?.def;
    if (
      def === null ||
      typeof def !== "object" ||
      typeof def.id !== "string" ||
      typeof def.compute !== "function"
    )
      fail(
        "invalid_value",
        `report: ${where} must be a metric or { def, state }, got ${describeValue(metric)}`,
      );
    // The state as a snapshot holds it (growable buffers compacted), checked like a decoded state.
    const state = decodeState(encodeState(metric.state));
    const validate: ((s: unknown) => void) | undefined = def.validateState;
    validate?.call(def, state);
    if (collectionMembers(def) !== undefined) {
      for (const [member, m] of Object.entries(memberStates(def, state as CollectionState)))
        add(member, m, `${where}.${member}`);
      return;
    }
    out.push({ name: name ?? def.id.slice(def.id.indexOf("/") + 1), def, state });
  };
  entries.forEach(([name, metric], i) => {
    add(name, metric, `metrics[${name ?? i}]`);
  });
  return out;
}

/**
 * Evaluated metrics from snapshots (`metric.toJSON()`, the `snapshots` of a state file written by
 * `eval ... --emit-state`): each definition is rebuilt from its id and options through the
 * registry and its state decoded and validated.
 */
export async function metricsFromSnapshots(
  snapshots: readonly MetricSnapshot[],
  names?: readonly string[],
): Promise<EvaluatedMetric[]> {
  const out: EvaluatedMetric[] = [];
  for (let i = 0; i < snapshots.length; i++) {
    const snapshot = snapshots[i]!;
    const def = await findDefinition(snapshot?.id, decodeState(snapshot?.options ?? {}));
    const { state } = decodeMetricSnapshot(def, snapshot);
    const name = names?.[i];
    out.push(name === undefined ? { def, state } : { name, def, state });
  }
  return out;
}

const isNumbers = (v: unknown): boolean =>
  (Array.isArray(v) && v.every((x) => typeof x === "number")) ||
  (ArrayBuffer.isView(v) &&
    !(v instanceof DataView) &&
    !(v instanceof BigInt64Array) &&
    !(v instanceof BigUint64Array));
const isStrings = (v: unknown): boolean => Array.isArray(v) && v.every((x) => typeof x === "string");
const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * Checks the optional fields of evaluation results (they may come from a JSON file): each has the
 * documented shape or `invalid_value` names the field and what arrived.
 */
export function checkResultFields(results: EvaluationResults): void {
  const bad = (field: string, expected: string, value: unknown): never =>
    fail("invalid_value", `report: \`${field}\` must be ${expected}, got ${describeValue(value)}`);
  const r = results as unknown as Record<string, unknown>;
  if (r.title !== undefined && typeof r.title !== "string") bad("title", "a string", r.title);
  if (r.classNames !== undefined && !isStrings(r.classNames))
    bad("classNames", "a list of strings", r.classNames);
  if (r.notes !== undefined && !isStrings(r.notes)) bad("notes", "a list of strings", r.notes);
  if (r.predictions !== undefined) {
    const p = r.predictions as Record<string, unknown> | null;
    if (!isRecord(p) || !isNumbers(p.preds) || !isNumbers(p.target))
      bad("predictions", "{ preds: numbers, target: numbers }", p);
  }
  if (r.perSample !== undefined) {
    if (!isRecord(r.perSample)) bad("perSample", "a record of number lists", r.perSample);
    for (const [name, values] of Object.entries(r.perSample as Record<string, unknown>))
      if (!isNumbers(values)) bad(`perSample.${name}`, "a list of numbers", values);
  }
  if (r.intervals !== undefined) {
    if (!isRecord(r.intervals)) bad("intervals", "a record of intervals", r.intervals);
    for (const [name, ci] of Object.entries(r.intervals as Record<string, unknown>)) {
      const c = ci as Record<string, unknown> | null;
      if (!isRecord(c) || !["estimate", "low", "high", "confidence"].every((k) => typeof c[k] === "number"))
        bad(`intervals.${name}`, "{ estimate, low, high, confidence } numbers", ci);
    }
  }
  if (r.samples !== undefined) {
    if (!Array.isArray(r.samples)) bad("samples", "a list of judged samples", r.samples);
    (r.samples as unknown[]).forEach((sample, i) => {
      const s = sample as Record<string, unknown> | null;
      const ok =
        isRecord(s) &&
        typeof s.id === "string" &&
        (s.question === undefined || typeof s.question === "string") &&
        isRecord(s.scores) &&
        Object.values(s.scores).every((v) => typeof v === "number") &&
        (s.reasons === undefined ||
          (isRecord(s.reasons) && Object.values(s.reasons).every((v) => typeof v === "string")));
      if (!ok)
        bad(`samples[${i}]`, "{ id, question?, scores: { name: number }, reasons?: { name: text } }", sample);
    });
  }
  if (r.cost !== undefined) {
    const c = r.cost as Record<string, unknown> | null;
    if (
      !isRecord(c) ||
      !["requests", "inputTokens", "outputTokens"].every((k) => typeof c[k] === "number") ||
      (c.usd !== undefined && typeof c.usd !== "number")
    )
      bad("cost", "{ requests, inputTokens, outputTokens, usd? } numbers", c);
  }
}
