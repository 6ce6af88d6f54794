import { describeValue, fail } from "../core/errors.js";
import { optInteger, optionNames, optNumber, readOptions } from "../core/options.js";
import { canonicalJson } from "../metric.js";
import { cohenKappaScore, krippendorffAlpha } from "./agreement.js";
import { type Budget, createBudget, type PriceTable } from "./budget.js";
import { type JudgmentCache, requestKey } from "./cache.js";
import { resolvePricing } from "./client.js";
import { addTotals, createMeter, emptyTotals, type UsageTotals } from "./meter.js";
import { defaultPrompts, type PromptId, type PromptOverrides } from "./prompts.js";
import {
  defaultJudgedRagMetrics,
  offlineRagMetrics,
  type RagRunnerMetric,
  ragMetricNames,
  ragMetrics,
} from "./registry.js";
import { type MeanInterval, meanInterval, type PpiInterval, predictionPoweredMean } from "./stats.js";
import type { LlmContext } from "./structured.js";
import type { Embedder, Judge, RagSample, SampleScore, ScoreFailure } from "./types.js";

export {
  defaultJudgedRagMetrics,
  judgedRagMetrics,
  offlineRagMetrics,
  type RagMetricNeeds,
  ragMetricNames,
} from "./registry.js";

/** Options of {@link evaluateRag}. */
export interface EvaluateRagOptions {
  /** Metric names (see `ragMetricNames`); default: the judged set with a judge, else the offline set. */
  readonly metrics?: readonly string[];
  readonly judge?: Judge;
  readonly embed?: Embedder;
  readonly prompts?: PromptOverrides;
  /** The judgment cache (parsed judgments keyed by request; see `judgmentCache`). */
  readonly cache?: JudgmentCache;
  /** Names the judge in cache and result keys when the judge function has no `identity`. */
  readonly judgeIdentity?: string;
  /** Judgments per item (k, default 1): the report gives each metric's mean, spread and unstable items. */
  readonly samplesPerItem?: number;
  /** An item whose k judgments span more than this (max - min) is listed as unstable (default 0.25). */
  readonly unstableSpread?: number;
  /** Judge and human values at or above it count as 1 for Cohen's kappa (default 0.5). */
  readonly agreementThreshold?: number;
  /** 1 - confidence level (default 0.05). */
  readonly alpha?: number;
  /** Items judged at once (default 8; the HTTP client has its own limit). */
  readonly concurrency?: number;
  /** USD per million tokens, for per-metric costs and the budget. */
  readonly pricing?: PriceTable;
  /** Stop sending paid calls once they would take the run past this many USD (needs `pricing`). */
  readonly maxCost?: number;
  /** Records of an earlier run of the same evaluation: items found there are not judged again. */
  readonly previous?: readonly RagResultRecord[];
  /** Called with each record as soon as its item is scored (stream it to a file to survive a kill). */
  readonly onResult?: (record: RagResultRecord) => void | Promise<void>;
  readonly onProgress?: (done: number, total: number) => void;
}

const OPTIONS = optionNames<EvaluateRagOptions>()(
  "metrics",
  "judge",
  "embed",
  "prompts",
  "cache",
  "judgeIdentity",
  "samplesPerItem",
  "unstableSpread",
  "agreementThreshold",
  "alpha",
  "concurrency",
  "pricing",
  "maxCost",
  "previous",
  "onResult",
  "onProgress",
);

/** One scored (metric, item, judgment) of a run: a line of the results file. */
export interface RagResultRecord {
  /** SHA-256 of what determines the result: metric and its version, judge, embedder, prompts, sample, trial. */
  readonly key: string;
  readonly metric: string;
  readonly index: number;
  readonly id?: string;
  readonly trial: number;
  /** The score (null when NaN: JSON has no NaN). */
  readonly value: number | null;
  readonly reason?: string;
  readonly kind?: ScoreFailure;
  readonly verdicts?: readonly number[];
  readonly detail?: unknown;
  readonly usage: UsageTotals;
}

/** An item listed with a reason. */
export interface ItemNote {
  readonly index: number;
  readonly id?: string;
  readonly reason: string;
}

/** One metric's outcome over the items. */
export interface RagMetricReport {
  readonly metric: string;
  /** The definition and reference version it implements. */
  readonly variant: string;
  /** Per item: the mean of its judgments (`detail.trials` lists them when k > 1). */
  readonly scores: readonly SampleScore[];
  /** Mean of the scored items with its interval (prediction-powered with human labels). */
  readonly summary: MeanInterval | PpiInterval;
  readonly interval: "normal" | "ppi";
  /** Items whose judge or embedder failed, or that lack a field. */
  readonly failures: readonly (ItemNote & { kind: ScoreFailure })[];
  /** Items the metric's own rule leaves undefined (ragas' NaN rules). */
  readonly undefinedScores: readonly ItemNote[];
  /** Items the cost budget left unjudged. */
  readonly notJudged: number;
  /** With k > 1: the pooled within-item standard deviation and the unstable items. */
  readonly spread?: {
    readonly sd: number;
    readonly items: number;
    readonly unstable: readonly { index: number; id?: string; values: readonly number[] }[];
  };
  /** With human labels: agreement on the labelled items (judge vs people). */
  readonly agreement?: {
    readonly labelled: number;
    readonly cohenKappa: number;
    readonly krippendorffAlpha: number;
    readonly threshold: number;
  };
  /** Paid calls, tokens and cost of this metric in this run. */
  readonly usage: UsageTotals;
  /** Judgments taken from `previous` instead of being judged again. */
  readonly resumed: number;
}

/** The outcome of {@link evaluateRag}. */
export interface RagEvaluation {
  readonly metrics: readonly RagMetricReport[];
  readonly usage: UsageTotals;
  /** Present with `maxCost`. */
  readonly budget?: { readonly maxCost: number; readonly spent: number; readonly exhausted: boolean };
  /** False when the budget left items unjudged. */
  readonly complete: boolean;
}

/** Human labels of a sample for a metric (labels are keyed by metric name). */
function humanLabel(sample: RagSample, metric: string): number | undefined {
  const v = sample.human?.[metric];
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

/** The mean of the finite values (NaN without any). */
function meanOf(values: readonly number[]): number {
  const kept = values.filter((v) => !Number.isNaN(v));
  return kept.length === 0 ? Number.NaN : kept.reduce((a, b) => a + b, 0) / kept.length;
}

/** Sample variance (n - 1) of the finite values, NaN with fewer than 2. */
function varianceOf(values: readonly number[]): number {
  const kept = values.filter((v) => !Number.isNaN(v));
  if (kept.length < 2) return Number.NaN;
  const m = kept.reduce((a, b) => a + b, 0) / kept.length;
  return kept.reduce((a, v) => a + (v - m) ** 2, 0) / (kept.length - 1);
}

/**
 * Scores every sample with every metric, `samplesPerItem` times for judged metrics, and reports
 * for each metric:
 * - the mean over items (an item's value is the mean of its judgments) with a confidence interval:
 *   the normal approximation over the item means, which carries the judge's run-to-run spread,
 *   or prediction-powered inference (Angelopoulos et al. 2023, as ARES) when some items carry a
 *   human label for the metric (`sample.human[metric]`);
 * - with k > 1, the pooled within-item standard deviation and the items whose judgments span more
 *   than `unstableSpread`;
 * - with human labels, Cohen's kappa (values binarised at `agreementThreshold`) and Krippendorff's
 *   alpha (interval level) between judge and people on the labelled items;
 * - failures with their reasons (never a silent 0), the metric's own undefined scores, the items
 *   the budget left unjudged, and the metric's paid calls, tokens and cost.
 * Every (metric, item, judgment) result goes to `onResult` as soon as it exists, keyed by what
 * determines it, so a later run given those records as `previous` judges only what is missing.
 */
export async function evaluateRag(
  samples: readonly RagSample[],
  options?: EvaluateRagOptions,
): Promise<RagEvaluation> {
  const fn = "evaluateRag";
  const o = readOptions<EvaluateRagOptions>(fn, options, OPTIONS);
  if (!Array.isArray(samples) || samples.length === 0)
    fail("empty_input", `${fn}: \`samples\` must hold at least one sample, got ${describeValue(samples)}`);
  const names = o.metrics ?? (o.judge ? defaultJudgedRagMetrics : offlineRagMetrics);
  const k = optInteger(fn, "samplesPerItem", o.samplesPerItem, 1, { min: 1, max: 100 });
  const unstableSpread = optNumber(fn, "unstableSpread", o.unstableSpread, 0.25, { min: 0 });
  const threshold = optNumber(fn, "agreementThreshold", o.agreementThreshold, 0.5);
  const alpha = optNumber(fn, "alpha", o.alpha, 0.05, {
    min: 0,
    max: 1,
    minExclusive: true,
    maxExclusive: true,
  });
  const concurrency = optInteger(fn, "concurrency", o.concurrency, 8, { min: 1, max: 1024 });
  const pricing = o.pricing === undefined ? undefined : resolvePriceTable(fn, o.pricing);
  const maxCost = optNumber(fn, "maxCost", o.maxCost, undefined, { min: 0 });
  if (maxCost !== undefined && !pricing)
    fail("invalid_option", `${fn}: option \`maxCost\` needs \`pricing\` (the cost of a token)`);
  const metrics = names.map((name) => {
    const m = Object.hasOwn(ragMetrics, name) ? ragMetrics[name] : undefined;
    if (!m)
      fail(
        "invalid_option",
        `${fn}: option \`metrics\` must name ${ragMetricNames.join(", ")}, got ${describeValue(name)}`,
      );
    if (m.needs.includes("judge") && !o.judge)
      fail("invalid_option", `${fn}: metric ${name} needs a judge (option \`judge\`)`);
    if (m.needs.includes("embedder") && !o.embed)
      fail("invalid_option", `${fn}: metric ${name} needs an embedder (option \`embed\`)`);
    return { name, ...m };
  });
  const judgeIdentity = o.judgeIdentity ?? o.judge?.identity;
  if (o.previous && judgeIdentity === undefined && metrics.some((m) => m.needs.includes("judge")))
    fail(
      "invalid_option",
      `${fn}: resuming from \`previous\` needs a judge identity (option \`judgeIdentity\`)`,
    );
  const judge: Judge = o.judge ?? (async () => fail("invalid_option", `${fn}: no judge`));
  const budget: Budget | undefined = maxCost === undefined ? undefined : createBudget(maxCost);
  const promptsHash = requestKey(
    Object.fromEntries(
      (Object.keys(defaultPrompts) as PromptId[]).map((id) => [id, o.prompts?.[id] ?? defaultPrompts[id]]),
    ),
  );
  const previous = new Map<string, RagResultRecord>();
  for (const r of o.previous ?? []) if (r.kind === undefined || r.kind === "missing") previous.set(r.key, r);

  const usages = metrics.map(() => emptyTotals());
  // Per metric, the completion sizes reported so far (the next calls' estimates use their mean).
  const histories = metrics.map(() => ({ completions: 0, replies: 0 }));
  const resumed = metrics.map(() => 0);
  const results: SampleScore[][][] = metrics.map(() => samples.map(() => []));
  const units: [number, number, number][] = [];
  for (let m = 0; m < metrics.length; m++) {
    const repeats = metrics[m]!.needs === "none" ? 1 : k;
    for (let s = 0; s < samples.length; s++) for (let t = 0; t < repeats; t++) units.push([m, s, t]);
  }
  const keyOf = (metric: RagRunnerMetric & { name: string }, sample: RagSample, trial: number) => {
    const { human: _labels, id: _id, ...content } = sample;
    return requestKey({
      kind: "rag-result",
      metric: metric.name,
      variant: metric.variant,
      judge: metric.needs.includes("judge") ? (judgeIdentity ?? null) : null,
      embedder: metric.needs.includes("embedder") ? (o.embed?.identity ?? null) : null,
      prompts: metric.needs.includes("judge") ? promptsHash : null,
      sample: canonicalJson(content),
      trial,
    });
  };

  let done = 0;
  let next = 0;
  const worker = async () => {
    while (next < units.length) {
      const [m, s, t] = units[next++]!;
      const metric = metrics[m]!;
      const sample = samples[s]!;
      const key = keyOf(metric, sample, t);
      const before = previous.get(key);
      let score: SampleScore;
      let record: RagResultRecord;
      if (before) {
        score = {
          value: before.value ?? Number.NaN,
          ...(before.reason !== undefined ? { reason: before.reason } : {}),
          ...(before.kind !== undefined ? { kind: before.kind } : {}),
          ...(before.verdicts ? { verdicts: before.verdicts } : {}),
          ...(before.detail !== undefined ? { detail: before.detail } : {}),
        };
        record = before;
        resumed[m]!++;
      } else {
        const spent = emptyTotals();
        const ctx: LlmContext = {
          judge,
          ...(o.embed ? { embed: o.embed } : {}),
          ...(o.prompts ? { prompts: o.prompts } : {}),
          ...(o.cache ? { cache: o.cache } : {}),
          ...(judgeIdentity !== undefined ? { judgeIdentity } : {}),
          meter: createMeter(spent, pricing, budget, histories[m]),
          trial: t,
        };
        score = await metric.run(sample, ctx);
        addTotals(usages[m]!, spent);
        record = {
          key,
          metric: metric.name,
          index: s,
          ...(sample.id !== undefined ? { id: sample.id } : {}),
          trial: t,
          value: Number.isNaN(score.value) ? null : score.value,
          ...(score.reason !== undefined ? { reason: score.reason } : {}),
          ...(score.kind !== undefined ? { kind: score.kind } : {}),
          ...(score.verdicts ? { verdicts: score.verdicts } : {}),
          ...(score.detail !== undefined ? { detail: score.detail } : {}),
          usage: spent,
        };
        await o.onResult?.(record);
      }
      results[m]![s]!.push(score);
      o.onProgress?.(++done, units.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, units.length)) }, worker));

  const reports = metrics.map((metric, m): RagMetricReport => {
    const idOf = (i: number) => (samples[i]!.id !== undefined ? { id: samples[i]!.id! } : {});
    const failures: (ItemNote & { kind: ScoreFailure })[] = [];
    const undefinedScores: ItemNote[] = [];
    let notJudged = 0;
    const scores: SampleScore[] = results[m]!.map((trials, i) => {
      const failed = trials.find(
        (x) => x.kind === "failed" || x.kind === "missing" || x.kind === "not_judged",
      );
      if (failed) {
        if (failed.kind === "not_judged") notJudged++;
        else failures.push({ index: i, ...idOf(i), reason: failed.reason ?? "NaN", kind: failed.kind! });
        return { value: Number.NaN, reason: failed.reason ?? "NaN", kind: failed.kind! };
      }
      const values = trials.map((x) => x.value);
      const value = meanOf(values);
      if (Number.isNaN(value)) {
        const reason = trials[0]!.reason ?? "NaN";
        undefinedScores.push({ index: i, ...idOf(i), reason });
        return { value, reason };
      }
      if (trials.length === 1) return trials[0]!;
      return { value, detail: { trials: values } };
    });
    const range = metric.meta.range as [number, number];
    const clip: [number, number] = [range[0], range[1]];
    let summary: MeanInterval | PpiInterval = meanInterval(
      scores.map((x) => x.value),
      alpha,
      clip,
    );
    let interval: "normal" | "ppi" = "normal";
    let agreement: RagMetricReport["agreement"];
    if (metric.needs !== "none") {
      const judged: number[] = [];
      const labels: number[] = [];
      const unlabelled: number[] = [];
      scores.forEach((x, i) => {
        if (Number.isNaN(x.value)) return;
        const human = humanLabel(samples[i]!, metric.name);
        if (human === undefined) unlabelled.push(x.value);
        else {
          judged.push(x.value);
          labels.push(human);
        }
      });
      if (labels.length > 0) {
        if (unlabelled.length > 0) {
          summary = predictionPoweredMean(unlabelled, judged, labels, alpha, clip);
          interval = "ppi";
        }
        const binarise = (v: number) => (v >= threshold ? 1 : 0);
        let alphaValue = Number.NaN;
        try {
          alphaValue = krippendorffAlpha([judged, labels], { level: "interval" });
        } catch {
          // one distinct value overall: alpha is undefined
        }
        agreement = {
          labelled: labels.length,
          cohenKappa: cohenKappaScore(judged.map(binarise), labels.map(binarise)),
          krippendorffAlpha: alphaValue,
          threshold,
        };
      }
    }
    let spread: RagMetricReport["spread"];
    if (metric.needs !== "none" && k > 1) {
      const variances: number[] = [];
      const unstable: { index: number; id?: string; values: number[] }[] = [];
      results[m]!.forEach((trials, i) => {
        const values = trials.map((x) => x.value).filter((v) => !Number.isNaN(v));
        const v = varianceOf(values);
        if (!Number.isNaN(v)) variances.push(v);
        if (values.length >= 2 && Math.max(...values) - Math.min(...values) > unstableSpread)
          unstable.push({ index: i, ...idOf(i), values });
      });
      spread = {
        sd:
          variances.length === 0
            ? Number.NaN
            : Math.sqrt(variances.reduce((a, b) => a + b, 0) / variances.length),
        items: variances.length,
        unstable,
      };
    }
    return {
      metric: metric.name,
      variant: metric.variant,
      scores,
      summary,
      interval,
      failures,
      undefinedScores,
      notJudged,
      ...(spread ? { spread } : {}),
      ...(agreement ? { agreement } : {}),
      usage: usages[m]!,
      resumed: resumed[m]!,
    };
  });
  const usage = emptyTotals();
  for (const u of usages) addTotals(usage, u);
  return {
    metrics: reports,
    usage,
    ...(budget
      ? { budget: { maxCost: budget.maxCost, spent: budget.spent(), exhausted: budget.exhausted() } }
      : {}),
    complete: reports.every((r) => r.notJudged === 0),
  };
}

/** Checks a price table with an optional embedding price. */
export function resolvePriceTable(fn: string, pricing: unknown): PriceTable {
  if (pricing === null || typeof pricing !== "object" || Array.isArray(pricing))
    fail(
      "invalid_option",
      `${fn}: option \`pricing\` must be { inputPerMillion, outputPerMillion, embeddingPerMillion? }, got ${describeValue(pricing)}`,
    );
  const { embeddingPerMillion, ...chat } = pricing as Record<string, unknown>;
  const base = resolvePricing(fn, chat);
  if (embeddingPerMillion === undefined) return base;
  return {
    ...base,
    embeddingPerMillion: optNumber(fn, "pricing.embeddingPerMillion", embeddingPerMillion, 0, { min: 0 }),
  };
}
