import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { describeValue, fail } from "../../core/errors.js";
import { toReferenceStreams } from "../../metrics/text/shared/inputs.js";
import { distinctN, selfBleu } from "../../metrics/text/similarity/diversity.js";
import { editDistance } from "../../metrics/text/speech/edit-distance.js";
import {
  alignmentMeasures,
  charErrorRate,
  type ErrorRateConvention,
  matchErrorRate,
  wordErrorRate,
  wordInformationLost,
  wordInformationPreserved,
} from "../../metrics/text/speech/wer.js";
import { pySplit } from "../../metrics/text/tokenizers/python-strings.js";
import type { SacrebleuTokenizerName } from "../../metrics/text/tokenizers/sacrebleu.js";
import { corpusBleu } from "../../metrics/text/translation/bleu.js";
import { chrf } from "../../metrics/text/translation/chrf.js";
import { extendedEditDistance } from "../../metrics/text/translation/extended-edit-distance.js";
import { corpusGleu } from "../../metrics/text/translation/gleu.js";
import { type NltkSmoothing, nltkCorpusBleu } from "../../metrics/text/translation/nltk-bleu.js";
import { ter } from "../../metrics/text/translation/ter.js";
import { runAction } from "../errors.js";

/** The metrics `plumbline eval text --metric` accepts. */
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

interface TextEvalFlags {
  metric: string[];
  hyp: string;
  ref?: string[];
  tokenize: string;
  lowercase?: boolean;
  smoothMethod: string;
  convention: string;
  smoothing: string;
  json?: boolean;
}

/** One line per segment; a `.jsonl` file holds a JSON string, an object with `text`, or (references) an array of strings per line. */
export async function readSegments(path: string, what: string): Promise<(string | string[])[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    return fail(
      "io_error",
      `eval text: cannot read ${what} file ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  const lines = text.split("\n");
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  const stripped = lines.map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l));
  if (!path.endsWith(".jsonl")) return stripped;
  return stripped.map((line, i) => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      return fail("io_error", `eval text: ${path} line ${i + 1} is not JSON (${(error as Error).message})`);
    }
    if (typeof value === "string") return value;
    if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value as string[];
    if (value && typeof value === "object" && typeof (value as { text?: unknown }).text === "string")
      return (value as { text: string }).text;
    return fail(
      "io_error",
      `eval text: ${path} line ${i + 1} must be a string, an array of strings or {"text": ...}, got ${describeValue(value)}`,
    );
  });
}

/** References per hypothesis from one or more reference files (each file one reference stream). */
function referenceSets(files: (string | string[])[][], n: number): string[][] {
  const out: string[][] = Array.from({ length: n }, () => []);
  files.forEach((file, k) => {
    if (file.length !== n)
      fail(
        "shape_mismatch",
        `eval text: reference file ${k + 1} has ${file.length} segments, the hypotheses have ${n}`,
      );
    file.forEach((seg, i) => {
      if (Array.isArray(seg)) out[i]!.push(...seg);
      else out[i]!.push(seg);
    });
  });
  return out;
}

const fmt = (v: number, digits = 4): string => (Number.isFinite(v) ? v.toFixed(digits) : String(v));

/** Computes one metric and returns its printable line and JSON record. */
export async function evaluateTextMetric(
  metric: TextEvalMetric,
  hyps: string[],
  refs: string[][],
  flags: Pick<TextEvalFlags, "tokenize" | "lowercase" | "smoothMethod" | "convention" | "smoothing">,
): Promise<{ line: string; record: Record<string, unknown> }> {
  const single = (): string[] => {
    if (refs.some((r) => r.length !== 1))
      fail("shape_mismatch", `eval text: --metric ${metric} takes exactly one reference per hypothesis`);
    return refs.map((r) => r[0]!);
  };
  const convention = flags.convention as ErrorRateConvention;
  switch (metric) {
    case "bleu": {
      const r = corpusBleu(hyps, toReferenceStreams(refs), {
        tokenize: flags.tokenize as SacrebleuTokenizerName,
        lowercase: Boolean(flags.lowercase),
        smoothMethod: flags.smoothMethod as never,
      });
      const prec = r.precisions.map((p) => p.toFixed(1)).join("/");
      return {
        line: `BLEU|${r.signature} = ${r.score.toFixed(2)} ${prec} (BP = ${r.bp.toFixed(3)} ratio = ${r.ratio.toFixed(3)} hyp_len = ${r.sysLen} ref_len = ${r.refLen})`,
        record: { metric, ...r },
      };
    }
    case "chrf":
    case "chrf++": {
      const r = chrf(hyps, toReferenceStreams(refs), {
        wordOrder: metric === "chrf++" ? 2 : 0,
        lowercase: Boolean(flags.lowercase),
      });
      return { line: `${r.name}|${r.signature} = ${r.score.toFixed(2)}`, record: { metric, ...r } };
    }
    case "ter": {
      const r = ter(hyps, toReferenceStreams(refs));
      return { line: `TER|${r.signature} = ${r.score.toFixed(2)}`, record: { metric, ...r } };
    }
    case "nltk-bleu": {
      const v = nltkCorpusBleu(hyps, refs, { smoothing: flags.smoothing as NltkSmoothing });
      return {
        line: `nltk corpus_bleu (${flags.smoothing}, nltk 3.8) = ${fmt(v)}`,
        record: { metric, score: v, smoothing: flags.smoothing },
      };
    }
    case "gleu": {
      const v = corpusGleu(hyps, refs);
      return { line: `GLEU (nltk 3.8 corpus_gleu) = ${fmt(v)}`, record: { metric, score: v } };
    }
    case "wer":
    case "cer":
    case "mer":
    case "wil":
    case "wip": {
      const f = {
        wer: wordErrorRate,
        cer: charErrorRate,
        mer: matchErrorRate,
        wil: wordInformationLost,
        wip: wordInformationPreserved,
      }[metric];
      const v = f(hyps, single(), { convention });
      const ref = convention === "jiwer" ? "jiwer 2.3.0" : "torchmetrics 1.9.0";
      return {
        line: `${metric.toUpperCase()} (${ref}) = ${fmt(v)}`,
        record: { metric, score: v, convention },
      };
    }
    case "wer-measures": {
      const m = alignmentMeasures(hyps, single());
      return {
        line: `WER = ${fmt(m.wer)} MER = ${fmt(m.mer)} WIL = ${fmt(m.wil)} WIP = ${fmt(m.wip)} (hits ${m.hits}, substitutions ${m.substitutions}, deletions ${m.deletions}, insertions ${m.insertions}; jiwer 2.3.0)`,
        record: { metric, ...m },
      };
    }
    case "edit-distance": {
      const v = editDistance(hyps, single()) as number;
      return {
        line: `edit distance (mean per pair, torchmetrics 1.9.0) = ${fmt(v)}`,
        record: { metric, score: v },
      };
    }
    case "eed": {
      const v = extendedEditDistance(hyps, refs);
      return { line: `EED (torchmetrics 1.9.0) = ${fmt(v)}`, record: { metric, score: v } };
    }
    case "distinct-2": {
      const v = distinctN(hyps, { n: 2 });
      return { line: `distinct-2 (hypotheses only) = ${fmt(v)}`, record: { metric, score: v } };
    }
    case "self-bleu": {
      const v = selfBleu(hyps);
      return {
        line: `self-BLEU (hypotheses only, nltk method1, orders 1-3) = ${fmt(v)}`,
        record: { metric, score: v },
      };
    }
    case "rouge": {
      const { rouge } = await import("../../metrics/text/summarization/rouge.js");
      const r = rouge(hyps, refs);
      const parts = Object.entries(r).map(
        ([type, s]) => `${type} F = ${fmt(s.fmeasure)} (P = ${fmt(s.precision)}, R = ${fmt(s.recall)})`,
      );
      return { line: `ROUGE (rouge-score 0.1.2): ${parts.join("; ")}`, record: { metric, ...r } };
    }
    case "meteor": {
      const { meteor } = await import("../../metrics/text/translation/meteor.js");
      const { wordNet30 } = await import("../../metrics/text/node.js");
      const v = meteor(
        hyps.map((h) => pySplit(h)),
        refs.map((rs) => rs.map((r) => pySplit(r))),
        { wordnet: wordNet30() },
      );
      return { line: `METEOR (nltk 3.8, WordNet 3.0) = ${fmt(v)}`, record: { metric, score: v } };
    }
  }
}

/** `plumbline eval text --metric bleu --hyp FILE --ref FILE [--ref FILE ...]`. */
export function register(evalCommand: Command): void {
  evalCommand
    .command("text")
    .description(
      "score hypotheses against references: BLEU, chrF, TER (sacrebleu 2.6.0), WER/CER/MER/WIL/WIP (jiwer 2.3.0), ROUGE, METEOR, ...",
    )
    .requiredOption(
      "--metric <names...>",
      `metrics: ${textEvalMetrics.join(", ")} (repeat or comma-separate)`,
    )
    .requiredOption("--hyp <file>", "hypotheses, one segment per line (or .jsonl)")
    .option(
      "--ref <files...>",
      "references, one file per reference stream (one segment per line, or .jsonl with arrays for several references)",
    )
    .option("--tokenize <name>", "sacrebleu tokenizer for BLEU: 13a, intl, zh, char, none", "13a")
    .option(
      "--lowercase",
      "case-insensitive BLEU and chrF (TER is case-insensitive by default, as sacrebleu)",
    )
    .option("--smooth-method <name>", "BLEU smoothing: exp, floor, add-k, none", "exp")
    .option("--smoothing <method>", "nltk BLEU smoothing: method0 ... method7", "method0")
    .option("--convention <name>", "WER family: jiwer or torchmetrics", "jiwer")
    .option("--json", "print JSON instead of text")
    .action((flags: TextEvalFlags) =>
      runAction(async () => {
        const metrics = flags.metric
          .flatMap((m) => m.split(","))
          .map((m) => m.trim().toLowerCase())
          .filter((m) => m.length > 0);
        for (const m of metrics) {
          if (!(textEvalMetrics as readonly string[]).includes(m)) {
            fail(
              "invalid_option",
              `eval text: --metric must be one of ${textEvalMetrics.join(", ")}, got ${JSON.stringify(m)}`,
            );
          }
        }
        const hypSegments = await readSegments(flags.hyp, "hypothesis");
        const hyps = hypSegments.map((s, i) =>
          typeof s === "string"
            ? s
            : fail("io_error", `eval text: hypothesis line ${i + 1} must be one string`),
        );
        const refFiles = await Promise.all((flags.ref ?? []).map((f) => readSegments(f, "reference")));
        const needsRefs = metrics.some((m) => m !== "distinct-2" && m !== "self-bleu");
        if (needsRefs && refFiles.length === 0)
          fail("invalid_option", "eval text: --ref is required for reference-based metrics");
        const refs = refFiles.length > 0 ? referenceSets(refFiles, hyps.length) : hyps.map(() => []);
        const results = [];
        for (const m of metrics)
          results.push(await evaluateTextMetric(m as TextEvalMetric, hyps, refs, flags));
        if (flags.json)
          process.stdout.write(
            `${JSON.stringify(
              results.map((r) => r.record),
              null,
              2,
            )}\n`,
          );
        else for (const r of results) process.stdout.write(`${r.line}\n`);
      }),
    );
}
