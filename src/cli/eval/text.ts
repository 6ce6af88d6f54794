import type { Command } from "commander";
import { describeValue, fail } from "../../core/errors.js";
import type { AnyMetricDef, MetricDef } from "../../metric.js";
import { wordNet30 } from "../../metrics/text/node.js";
import { distinctNDef, selfBleuDef } from "../../metrics/text/similarity/diversity.js";
import { editDistanceDef } from "../../metrics/text/speech/edit-distance.js";
import {
  alignmentMeasuresDef,
  cerDef,
  type ErrorRateConvention,
  errorRateConventions,
  merDef,
  werDef,
  wilDef,
  wipDef,
} from "../../metrics/text/speech/wer.js";
import { rougeDef } from "../../metrics/text/summarization/rouge.js";
import { pySplit } from "../../metrics/text/tokenizers/python-strings.js";
import {
  type SacrebleuTokenizerName,
  sacrebleuTokenizerNames,
} from "../../metrics/text/tokenizers/sacrebleu.js";
import {
  type BleuSmoothMethod,
  bleuSmoothMethods,
  corpusBleuDef,
} from "../../metrics/text/translation/bleu.js";
import { chrfDef } from "../../metrics/text/translation/chrf.js";
import { extendedEditDistanceDef } from "../../metrics/text/translation/extended-edit-distance.js";
import { corpusGleuDef } from "../../metrics/text/translation/gleu.js";
import { meteorDef } from "../../metrics/text/translation/meteor.js";
import {
  type NltkSmoothing,
  nltkCorpusBleuDef,
  nltkSmoothingMethods,
} from "../../metrics/text/translation/nltk-bleu.js";
import { terDef } from "../../metrics/text/translation/ter.js";
import { bootstrapInterval, type Interval } from "../../stats/bootstrap.js";
import { runAction } from "../errors.js";
import {
  addFormatOption,
  type CommandOutput,
  parseChoice,
  parseFormat,
  parseList,
  parseMetricList,
  parseNumberFlag,
  readTextInput,
  startProgress,
} from "../grammar.js";
import { addReportOption, type Evaluation, finishEvaluation } from "../report.js";
import { checkOutputPath } from "../state-files.js";

const FN = "eval text";

/** The metrics `plumbline eval text --metrics` accepts. */
export const textEvalMetrics = [
  "bleu",
  "chrf",
  "chrf++",
  "ter",
  "nltk-bleu",
  "gleu",
  "wer",
  "cer",
  "mer",
  "wil",
  "wip",
  "wer-measures",
  "edit-distance",
  "eed",
  "distinct-2",
  "self-bleu",
  "rouge",
  "meteor",
] as const;
type TextEvalMetric = (typeof textEvalMetrics)[number];

/** What `eval text` computes without `--metrics`: sacrebleu's three corpus scores. */
export const defaultTextMetrics: readonly TextEvalMetric[] = ["bleu", "chrf", "ter"];

/** The parsed flags the metrics read. */
export interface TextEvalSettings {
  readonly tokenize: SacrebleuTokenizerName;
  readonly lowercase: boolean;
  readonly smoothMethod: BleuSmoothMethod;
  readonly smoothing: NltkSmoothing;
  readonly convention: ErrorRateConvention;
  /** Bootstrap resamples for confidence intervals, or 0 for none. */
  readonly resamples: number;
  /** 1 - confidence of the intervals. */
  readonly alpha: number;
  readonly seed: number;
  /** Score each segment alone too (for `--report`). */
  readonly perSample?: boolean;
}

/** One metric's result: the printed line, its JSON record and its CSV rows. */
export interface TextEvalResult {
  readonly line: string;
  readonly record: Record<string, unknown>;
  /** [metric, score, ci low, ci high, reference or signature] per reported value. */
  readonly rows: readonly (readonly unknown[])[];
  /** The definition behind the printed numbers and its state (signature, report). */
  readonly metric: { readonly name: string; readonly def: AnyMetricDef; readonly state: unknown };
  /** The bootstrap interval of the score, when asked. */
  readonly interval?: Interval;
  /** The score of each segment alone (the corpus metric on one segment), when a report asks. */
  readonly perSample?: readonly number[];
}

/** One segment per line; a `.jsonl` file holds a JSON string, an object with `text`, or (references) an array of strings per line. `-` reads stdin. */
export async function readSegments(path: string, what: string): Promise<(string | string[])[]> {
  const text = await readTextInput(`${FN} (${what} file)`, path);
  const lines = text.split("\n");
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  const stripped = lines.map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l));
  if (!path.endsWith(".jsonl")) return stripped;
  return stripped.map((line, i) => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      return fail("io_error", `${FN}: ${path} line ${i + 1} is not JSON (${(error as Error).message})`);
    }
    if (typeof value === "string") return value;
    if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value as string[];
    if (value && typeof value === "object" && typeof (value as { text?: unknown }).text === "string")
      return (value as { text: string }).text;
    return fail(
      "io_error",
      `${FN}: ${path} line ${i + 1} must be a string, an array of strings or {"text": ...}, got ${describeValue(value)}`,
    );
  });
}

/**
 * References per hypothesis (`perHypothesis[i]`) and as sacrebleu streams (`streams[k][i]`, null
 * where a hypothesis has fewer references) from the reference files, each one stream (a `.jsonl`
 * line with an array gives that hypothesis several references).
 */
function references(
  files: (string | string[])[][],
  n: number,
): { perHypothesis: string[][]; streams: (string | null)[][] } {
  const perHypothesis: string[][] = Array.from({ length: n }, () => []);
  files.forEach((file, k) => {
    if (file.length !== n)
      fail(
        "shape_mismatch",
        `${FN}: reference file ${k + 1} has ${file.length} segments, the hypotheses ${n}`,
      );
    file.forEach((seg, i) => {
      if (Array.isArray(seg)) perHypothesis[i]!.push(...seg);
      else perHypothesis[i]!.push(seg);
    });
  });
  let width = 0;
  for (const refs of perHypothesis) width = Math.max(width, refs.length);
  const streams = Array.from({ length: width }, (_, k) => perHypothesis.map((refs) => refs[k] ?? null));
  return { perHypothesis, streams };
}

const fmt = (v: number, digits = 4): string => (Number.isFinite(v) ? v.toFixed(digits) : String(v));

/**
 * Percentile bootstrap interval of a corpus metric over segments: each segment's state is built
 * once (its sums are the sufficient statistics), a resample adds the numeric fields of the drawn
 * segments' states and computes the metric from that. `score` picks the number to report.
 */
function segmentInterval<S, A extends unknown[], R>(
  def: MetricDef<S, A, R>,
  states: readonly S[],
  score: (result: R) => number,
  settings: TextEvalSettings,
): Interval {
  const n = states.length;
  // The numeric fields (and arrays of numbers) summed; others (reference counts for the
  // signature, texts) taken from the first state, since the score does not read them.
  const template = def.init();
  const keys = Object.keys(template as object).filter((k) => k !== "minRefs" && k !== "maxRefs");
  const summable = keys.filter((k) => {
    const v = (template as Record<string, unknown>)[k];
    return typeof v === "number" || (Array.isArray(v) && v.every((x) => typeof x === "number"));
  });
  const statistic = (indices: Uint32Array): number => {
    const acc = structuredClone(states[0]!) as Record<string, unknown>;
    for (const key of summable) {
      const v = acc[key];
      if (typeof v === "number") {
        let sum = 0;
        for (const i of indices) sum += (states[i] as Record<string, number>)[key]!;
        acc[key] = sum;
      } else {
        const out = new Array<number>((v as number[]).length).fill(0);
        for (const i of indices) {
          const row = (states[i] as Record<string, number[]>)[key]!;
          for (let j = 0; j < out.length; j++) out[j]! += row[j]!;
        }
        acc[key] = out;
      }
    }
    return score(def.compute(acc as S));
  };
  return bootstrapInterval(n, statistic, {
    resamples: settings.resamples,
    confidence: 1 - settings.alpha,
    seed: settings.seed,
  });
}

function ciText(ci: Interval | undefined, digits: number): string {
  if (ci === undefined) return "";
  return ` [${Math.round(100 * ci.confidence)}% CI ${fmt(ci.low, digits)}-${fmt(ci.high, digits)}, ${ci.resamples} resamples]`;
}

function ciRecord(ci: Interval | undefined): Record<string, unknown> {
  return ci === undefined
    ? {}
    : { ci: { low: ci.low, high: ci.high, confidence: ci.confidence, resamples: ci.resamples } };
}

/** Computes one metric (and its bootstrap interval when asked and defined) for the CLI. */
export async function evaluateTextMetric(
  metric: TextEvalMetric,
  hyps: string[],
  refs: { perHypothesis: string[][]; streams: (string | null)[][] },
  settings: TextEvalSettings,
): Promise<TextEvalResult> {
  const single = (): string[] => {
    if (refs.perHypothesis.some((r) => r.length !== 1))
      fail("shape_mismatch", `${FN}: --metrics ${metric} takes exactly one reference per hypothesis`);
    return refs.perHypothesis.map((r) => r[0]!);
  };
  const n = hyps.length;
  /** The metric over the corpus, with its definition and state. */
  const once = <S, A extends unknown[], R>(
    def: MetricDef<S, A, R>,
    ...args: A
  ): { result: R; signed: Pick<TextEvalResult, "metric"> } => {
    const state = def.init();
    def.update(state, ...args);
    return { result: def.compute(state), signed: { metric: { name: metric, def, state } } };
  };
  const streamArgs = (i: number): [string[], (string | null)[][]] => [
    [hyps[i]!],
    refs.streams.map((stream) => [stream[i]!]),
  ];
  /** The metric over the corpus, its definition and state, and (when asked) its interval and segment scores. */
  const withInterval = <S, A extends unknown[], R>(
    def: MetricDef<S, A, R>,
    args: A,
    segmentArgs: (i: number) => A,
    score: (r: R) => number,
  ): {
    result: R;
    ci: Interval | undefined;
    signed: Pick<TextEvalResult, "metric" | "interval" | "perSample">;
  } => {
    const { result, signed } = once(def, ...args);
    let states: S[] | undefined;
    if (settings.resamples > 0 || settings.perSample) {
      states = [];
      for (let i = 0; i < n; i++) {
        const s = def.init();
        def.update(s, ...segmentArgs(i));
        states.push(s);
      }
    }
    const ci = settings.resamples > 0 ? segmentInterval(def, states!, score, settings) : undefined;
    return {
      result,
      ci,
      signed: {
        ...signed,
        ...(ci ? { interval: ci } : {}),
        ...(settings.perSample ? { perSample: states!.map((st) => score(def.compute(st))) } : {}),
      },
    };
  };
  /** A scalar metric over per-hypothesis reference lists (GLEU, EED), with its interval. */
  const listScore = <S>(
    def: MetricDef<S, [string[], string[][]], number>,
    label: string,
    reference: string,
  ): TextEvalResult => {
    const {
      result: v,
      ci,
      signed,
    } = withInterval(
      def,
      [hyps, refs.perHypothesis],
      (i) => [[hyps[i]!], [refs.perHypothesis[i]!]] as [string[], string[][]],
      (x) => x,
    );
    return {
      line: `${label} = ${fmt(v)}${ciText(ci, 4)}`,
      record: { metric, score: v, ...ciRecord(ci) },
      rows: [[metric, v, ci?.low, ci?.high, reference]],
      ...signed,
    };
  };
  switch (metric) {
    case "bleu": {
      const def = corpusBleuDef({
        tokenize: settings.tokenize,
        lowercase: settings.lowercase,
        smoothMethod: settings.smoothMethod,
      });
      const { result: r, ci, signed } = withInterval(def, [hyps, refs.streams], streamArgs, (x) => x.score);
      const prec = r.precisions.map((p) => p.toFixed(1)).join("/");
      return {
        line: `BLEU|${r.signature} = ${r.score.toFixed(2)} ${prec} (BP = ${r.bp.toFixed(3)} ratio = ${r.ratio.toFixed(3)} hyp_len = ${r.sysLen} ref_len = ${r.refLen})${ciText(ci, 2)}`,
        record: { metric, ...r, ...ciRecord(ci) },
        rows: [[metric, r.score, ci?.low, ci?.high, r.signature]],
        ...signed,
      };
    }
    case "chrf":
    case "chrf++": {
      const def = chrfDef({ wordOrder: metric === "chrf++" ? 2 : 0, lowercase: settings.lowercase });
      const { result: r, ci, signed } = withInterval(def, [hyps, refs.streams], streamArgs, (x) => x.score);
      return {
        line: `${r.name}|${r.signature} = ${r.score.toFixed(2)}${ciText(ci, 2)}`,
        record: { metric, ...r, ...ciRecord(ci) },
        rows: [[metric, r.score, ci?.low, ci?.high, r.signature]],
        ...signed,
      };
    }
    case "ter": {
      const def = terDef();
      const { result: r, ci, signed } = withInterval(def, [hyps, refs.streams], streamArgs, (x) => x.score);
      return {
        line: `TER|${r.signature} = ${r.score.toFixed(2)}${ciText(ci, 2)}`,
        record: { metric, ...r, ...ciRecord(ci) },
        rows: [[metric, r.score, ci?.low, ci?.high, r.signature]],
        ...signed,
      };
    }
    case "nltk-bleu": {
      const { result: v, signed } = once(
        nltkCorpusBleuDef({ smoothing: settings.smoothing }),
        hyps,
        refs.perHypothesis,
      );
      const reference = `nltk 3.8 corpus_bleu, ${settings.smoothing}`;
      return {
        line: `nltk corpus_bleu (${settings.smoothing}, nltk 3.8) = ${fmt(v)}`,
        record: { metric, score: v, smoothing: settings.smoothing },
        rows: [[metric, v, undefined, undefined, reference]],
        ...signed,
      };
    }
    case "gleu":
      return listScore(corpusGleuDef(), "GLEU (nltk 3.8 corpus_gleu)", "nltk 3.8 corpus_gleu");
    case "wer":
    case "cer":
    case "mer":
    case "wil":
    case "wip": {
      const factory = { wer: werDef, cer: cerDef, mer: merDef, wil: wilDef, wip: wipDef }[metric];
      const def = factory({ convention: settings.convention });
      const references = single();
      const {
        result: v,
        ci,
        signed,
      } = withInterval(
        def,
        [hyps, references],
        (i) => [[hyps[i]!], [references[i]!]] as [string[], string[]],
        (x) => x,
      );
      const reference = {
        jiwer: "jiwer 2.3.0",
        jiwer3: "jiwer 3.x",
        jiwer4: "jiwer 4.0.0",
        torchmetrics: "torchmetrics 1.9.0",
      }[settings.convention];
      return {
        line: `${metric.toUpperCase()} (${reference}) = ${fmt(v)}${ciText(ci, 4)}`,
        record: { metric, score: v, convention: settings.convention, ...ciRecord(ci) },
        rows: [[metric, v, ci?.low, ci?.high, reference]],
        ...signed,
      };
    }
    case "wer-measures": {
      if (settings.convention === "torchmetrics")
        fail(
          "invalid_option",
          `${FN}: --metrics wer-measures follows jiwer; --convention must be jiwer, jiwer3 or jiwer4`,
        );
      const { result: m, signed } = once(
        alignmentMeasuresDef({ convention: settings.convention }),
        hyps,
        single(),
      );
      return {
        line: `WER = ${fmt(m.wer)} MER = ${fmt(m.mer)} WIL = ${fmt(m.wil)} WIP = ${fmt(m.wip)} (hits ${m.hits}, substitutions ${m.substitutions}, deletions ${m.deletions}, insertions ${m.insertions}; ${settings.convention})`,
        record: { metric, ...m },
        rows: (["wer", "mer", "wil", "wip"] as const).map((k) => [
          k,
          m[k],
          undefined,
          undefined,
          settings.convention,
        ]),
        ...signed,
      };
    }
    case "edit-distance": {
      const { result, signed } = once(editDistanceDef(), hyps, single());
      const v = result as number;
      return {
        line: `edit distance (mean per pair, torchmetrics 1.9.0) = ${fmt(v)}`,
        record: { metric, score: v },
        rows: [[metric, v, undefined, undefined, "torchmetrics 1.9.0 edit_distance"]],
        ...signed,
      };
    }
    case "eed":
      return listScore(
        extendedEditDistanceDef(),
        "EED (torchmetrics 1.9.0)",
        "torchmetrics 1.9.0 extended_edit_distance",
      );
    case "distinct-2": {
      const { result: v, signed } = once(distinctNDef({ n: 2 }), hyps);
      return {
        line: `distinct-2 (hypotheses only) = ${fmt(v)}`,
        record: { metric, score: v },
        rows: [[metric, v, undefined, undefined, "hypotheses only"]],
        ...signed,
      };
    }
    case "self-bleu": {
      const { result: v, signed } = once(selfBleuDef(), hyps);
      return {
        line: `self-BLEU (hypotheses only, nltk method1, orders 1-3) = ${fmt(v)}`,
        record: { metric, score: v },
        rows: [[metric, v, undefined, undefined, "nltk 3.8 sentence_bleu method1, orders 1-3"]],
        ...signed,
      };
    }
    case "rouge": {
      const { result: r, signed } = once(rougeDef(), hyps, refs.perHypothesis);
      const parts = Object.entries(r).map(
        ([type, s]) => `${type} F = ${fmt(s.fmeasure)} (P = ${fmt(s.precision)}, R = ${fmt(s.recall)})`,
      );
      return {
        line: `ROUGE (rouge-score 0.1.2): ${parts.join("; ")}`,
        record: { metric, ...r },
        rows: Object.entries(r).map(([type, s]) => [
          type,
          s.fmeasure,
          undefined,
          undefined,
          "rouge-score 0.1.2 F1",
        ]),
        ...signed,
      };
    }
    case "meteor": {
      const def = meteorDef({ wordnet: wordNet30() });
      const tokens = hyps.map((h) => pySplit(h));
      const refTokens = refs.perHypothesis.map((rs) => rs.map((r) => pySplit(r)));
      const {
        result: v,
        ci,
        signed,
      } = withInterval(
        def,
        [tokens, refTokens],
        (i) => [[tokens[i]!], [refTokens[i]!]] as [string[][], string[][][]],
        (x) => x,
      );
      return {
        line: `METEOR (nltk 3.8, WordNet 3.0) = ${fmt(v)}${ciText(ci, 4)}`,
        record: { metric, score: v, ...ciRecord(ci) },
        rows: [[metric, v, ci?.low, ci?.high, "nltk 3.8 meteor_score, WordNet 3.0"]],
        ...signed,
      };
    }
  }
}

interface TextEvalFlags {
  metrics?: string;
  hyp: string;
  ref?: string[];
  tokenize: string;
  lowercase?: boolean;
  smoothMethod: string;
  smoothing: string;
  convention: string;
  bootstrap?: string;
  alpha?: string;
  seed: string;
  format: string;
  report?: string;
}

/** Parses the flags that do not name files (every caller mistake exits 2 before any file is read). */
export function parseTextSettings(
  flags: Omit<TextEvalFlags, "hyp" | "ref" | "metrics" | "format" | "report">,
): TextEvalSettings {
  const alpha =
    flags.alpha === undefined
      ? 0.05
      : parseNumberFlag(FN, "--alpha", flags.alpha, {
          min: 0,
          max: 1,
          minExclusive: true,
          maxExclusive: true,
        });
  const resamples =
    flags.bootstrap !== undefined
      ? parseNumberFlag(FN, "--bootstrap", flags.bootstrap, { min: 1, max: 1_000_000, integer: true })
      : flags.alpha !== undefined
        ? 1000
        : 0;
  return {
    tokenize: parseChoice(FN, "--tokenize", flags.tokenize, sacrebleuTokenizerNames),
    lowercase: flags.lowercase === true,
    smoothMethod: parseChoice(FN, "--smooth-method", flags.smoothMethod, bleuSmoothMethods),
    smoothing: parseChoice(FN, "--smoothing", flags.smoothing, nltkSmoothingMethods),
    convention: parseChoice(FN, "--convention", flags.convention, errorRateConventions),
    resamples,
    alpha,
    seed: parseNumberFlag(FN, "--seed", flags.seed, { min: 0, max: 0xffffffff, integer: true }),
  };
}

function textOutput(results: readonly TextEvalResult[]): CommandOutput {
  return {
    table: () => results.map((r) => r.line).join("\n"),
    json: () => results.map((r) => r.record),
    csv: () => ({
      header: ["metric", "score", "ci_low", "ci_high", "reference"],
      rows: results.flatMap((r) => r.rows),
    }),
  };
}

/** What `eval text` prints, signs and reports (intervals and segment scores when computed). */
export function textEvaluation(results: readonly TextEvalResult[]): Evaluation {
  const metrics = results.map((r) => r.metric);
  const owner = new Map<readonly unknown[], string>();
  for (const r of results) for (const row of r.rows) owner.set(row, r.metric.name);
  const intervals = Object.fromEntries(
    results.filter((r) => r.interval).map((r) => [r.metric.name, r.interval!]),
  );
  const perSample = Object.fromEntries(
    results.filter((r) => r.perSample).map((r) => [r.metric.name, r.perSample!]),
  );
  return {
    output: textOutput(results),
    metrics,
    rowMetric: (row) => owner.get(row) ?? String(row[0]),
    results: () => ({
      task: "text",
      metrics,
      ...(Object.keys(intervals).length > 0 ? { intervals } : {}),
      ...(Object.keys(perSample).length > 0
        ? {
            perSample,
            notes: [
              "Segment scores are each corpus metric computed on one segment alone (not a smoothed sentence-level variant).",
            ],
          }
        : {}),
    }),
  };
}

/** `plumbline eval text --hyp FILE --ref FILE [--ref FILE ...] [--metrics bleu,chrf,ter] [--bootstrap N] [--alpha A]`. */
export function register(evalCommand: Command): void {
  const command = evalCommand
    .command("text")
    .description(
      "score hypotheses against references: BLEU, chrF, TER by default (sacrebleu 2.6.0); WER/CER/MER/WIL/WIP (jiwer), ROUGE, METEOR, ... with --metrics",
    )
    .option(
      "--metrics <names>",
      `comma-separated, default ${defaultTextMetrics.join(",")}; from ${textEvalMetrics.join(", ")}`,
    )
    .requiredOption("--hyp <file>", "hypotheses, one segment per line (or .jsonl); - reads stdin")
    .option(
      "--ref <files...>",
      "references, one file per reference stream (one segment per line, or .jsonl with arrays for several references)",
    )
    .option("--tokenize <name>", `sacrebleu tokenizer for BLEU: ${sacrebleuTokenizerNames.join(", ")}`, "13a")
    .option(
      "--lowercase",
      "case-insensitive BLEU and chrF (TER is case-insensitive by default, as sacrebleu)",
    )
    .option("--smooth-method <name>", `BLEU smoothing: ${bleuSmoothMethods.join(", ")}`, "exp")
    .option("--smoothing <method>", "nltk BLEU smoothing: method0 ... method7", "method0")
    .option("--convention <name>", `WER family: ${errorRateConventions.join(", ")}`, "jiwer")
    .option("--bootstrap <resamples>", "percentile bootstrap confidence intervals over segments (e.g. 1000)")
    .option(
      "--alpha <a>",
      "1 - confidence of the bootstrap intervals, in (0, 1); default 0.05 (implies --bootstrap 1000)",
    )
    .option("--seed <n>", "seed of the bootstrap resampling", "0");
  addFormatOption(command);
  addReportOption(command);
  command.action((flags: TextEvalFlags) =>
    runAction(async () => {
      const format = parseFormat(FN, flags.format);
      const metrics = parseMetricList(
        FN,
        parseList(flags.metrics),
        textEvalMetrics,
        defaultTextMetrics,
      ) as TextEvalMetric[];
      const settings = { ...parseTextSettings(flags), perSample: flags.report !== undefined };
      await checkOutputPath(FN, "--report", flags.report);
      const needsRefs = metrics.some((m) => m !== "distinct-2" && m !== "self-bleu");
      if (needsRefs && (flags.ref ?? []).length === 0)
        fail(
          "invalid_option",
          `${FN}: --ref is required for ${metrics.filter((m) => m !== "distinct-2" && m !== "self-bleu").join(", ")}`,
        );
      const hypSegments = await readSegments(flags.hyp, "hypothesis");
      const hyps = hypSegments.map((s, i) =>
        typeof s === "string" ? s : fail("io_error", `${FN}: hypothesis line ${i + 1} must be one string`),
      );
      const refFiles = await Promise.all((flags.ref ?? []).map((f) => readSegments(f, "reference")));
      const refs =
        refFiles.length > 0
          ? references(refFiles, hyps.length)
          : { perHypothesis: hyps.map(() => []), streams: [] };
      const results: TextEvalResult[] = [];
      const progress = startProgress("scoring", metrics.length);
      try {
        for (const [done, m] of metrics.entries()) {
          progress.update(done);
          results.push(await evaluateTextMetric(m, hyps, refs, settings));
        }
      } finally {
        progress.stop();
      }
      await finishEvaluation(format, flags, textEvaluation(results));
    }),
  );
}
