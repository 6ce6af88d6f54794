/**
 * The standard translation suite as one public collection (`metricCollection`): sacrebleu's
 * three corpus scores, BLEU, chrF and TER — what `plumbline eval text` computes without
 * `--metrics` — over `(hypotheses, references)` with references as sacrebleu's streams
 * (`corpus_bleu(hyps, [refs])`). Each member as its own definition computes it (sacrebleu 2.6.0;
 * see each), one update for all, one snapshot, mergeable, rebuilt by the registry as
 * `collection/metrics`. State: each member's sufficient statistics (bounded by the n-gram and
 * edit counts, not by the corpus).
 */
import { type CollectionState, metricCollection } from "../../../collection/metric-collection.js";
import { optionNames, readOptions } from "../../../core/options.js";
import type { AnyMetricDef, MetricDef } from "../../../metric.js";
import { runOnce } from "../../../metric.js";
import type { ReferenceStreams } from "../shared/inputs.js";
import { type BleuOptions, type BleuScore, corpusBleuDef } from "./bleu.js";
import { type ChrfOptions, type ChrfScore, chrfDef } from "./chrf.js";
import { type TerOptions, type TerScore, terDef } from "./ter.js";

export interface TextSuiteOptions {
  /** Options of the BLEU member (`corpusBleuDef`). */
  readonly bleu?: BleuOptions;
  /** Options of the chrF member (`chrfDef`; `wordOrder: 2` for chrF++). */
  readonly chrf?: ChrfOptions;
  /** Options of the TER member (`terDef`). */
  readonly ter?: TerOptions;
}
const SUITE_OPTIONS = optionNames<TextSuiteOptions>()("bleu", "chrf", "ter");

/** The suite's results by member name. */
export interface TextSuiteResult {
  readonly bleu: BleuScore;
  readonly chrf: ChrfScore;
  readonly ter: TerScore;
}

/** The suite's members by name (what {@link textSuiteDef} collects). */
export function textSuiteMembers(options?: TextSuiteOptions): Record<keyof TextSuiteResult, AnyMetricDef> {
  const o = readOptions<TextSuiteOptions>("textSuite", options, SUITE_OPTIONS);
  return { bleu: corpusBleuDef(o.bleu), chrf: chrfDef(o.chrf), ter: terDef(o.ter) };
}

/** The suite as one collection: `update(hypotheses, referenceStreams)`; see the module comment. */
export function textSuiteDef(
  options?: TextSuiteOptions,
): MetricDef<
  CollectionState,
  [hypotheses: readonly string[], references: ReferenceStreams],
  TextSuiteResult
> {
  return metricCollection(textSuiteMembers(options)) as never;
}

/**
 * One-shot {@link textSuiteDef}: `textSuite(hyps, [refs])` as sacrebleu's `corpus_bleu`,
 * `corpus_chrf` and `corpus_ter` on the same streams.
 * @example textSuite(["the cat sat"], [["the cat sat"]]).bleu.score // 100
 */
export function textSuite(
  hypotheses: readonly string[],
  references: ReferenceStreams,
  options?: TextSuiteOptions,
): TextSuiteResult {
  return runOnce(textSuiteDef(options), hypotheses, references);
}
