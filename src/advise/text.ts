import { describeValue, fail } from "../core/errors.js";
import { readOptions } from "../core/options.js";
import { type AdviceReport, type Finding, report } from "./report.js";
import { THRESHOLDS } from "./thresholds.js";

/** Options of {@link adviseText}. */
export interface AdviseTextOptions {
  /** The system outputs, one per segment. */
  readonly hypotheses?: readonly string[];
}

const OPTIONS = ["hypotheses"] as const;
const FN = "adviseText";

const words = (s: string) => s.split(/\s+/).filter((w) => w.length > 0).length;

/**
 * Measures reference texts (reference streams, as sacrebleu takes them: `references[k][i]` is the
 * k-th reference of segment i) and optionally the hypotheses: segment count, references per
 * segment, transcript-like text, length ratio; then recommends from the traits found.
 */
export function adviseText(
  references: readonly (readonly string[])[],
  options?: AdviseTextOptions,
): AdviceReport {
  const opts = readOptions<AdviseTextOptions>(FN, options, OPTIONS);
  if (!Array.isArray(references) || references.length === 0 || !Array.isArray(references[0]))
    fail(
      "invalid_value",
      `${FN}: \`references\` must be a non-empty array of reference streams, got ${describeValue(references)}`,
    );
  const segments = references[0]!.length;
  references.forEach((stream: readonly unknown[], k: number) => {
    if (stream.length !== segments)
      fail(
        "shape_mismatch",
        `${FN}: reference stream ${k} has ${stream.length} segments, stream 0 has ${segments}`,
      );
    stream.forEach((s: unknown, i: number) => {
      if (typeof s !== "string")
        fail("invalid_value", `${FN}: references[${k}][${i}] must be a string, got ${describeValue(s)}`);
    });
  });
  if (segments === 0) fail("empty_input", `${FN}: the references hold no segments`);
  const all = references.flat();
  const refWords = all.reduce((a, s) => a + words(s), 0) / references.length;
  const findings: Finding[] = [];
  findings.push({
    measure: "segments",
    value: segments,
    ...(segments < THRESHOLDS.fewSegments ? { trait: "sentence-level" } : {}),
    note:
      segments < THRESHOLDS.fewSegments
        ? `Only ${segments} segments: corpus BLEU swings with a single sentence; report chrF or bootstrap intervals.`
        : `${segments} segments, enough for corpus-level scores.`,
  });
  const transcript = all.every((s) => s === s.toLowerCase() && !/[.,;:!?"]/.test(s));
  findings.push({
    measure: "references per segment",
    value: references.length,
    ...(references.length === 1 && !transcript ? { trait: "paraphrase" } : {}),
    note:
      references.length === 1 && !transcript
        ? "A single reference penalises every valid rewording: metrics that credit paraphrase (chrF, METEOR, BERTScore) help."
        : references.length === 1
          ? "One reference transcript, as speech recognition is scored."
          : `${references.length} references capture some of the valid variation.`,
  });
  if (transcript)
    findings.push({
      measure: "reference style",
      value: "lower-case, unpunctuated",
      trait: "speech",
      note: "The references look like normalised transcripts: word and character error rates fit.",
    });
  if (opts.hypotheses !== undefined) {
    if (opts.hypotheses.length !== segments)
      fail("shape_mismatch", `${FN}: ${opts.hypotheses.length} hypotheses for ${segments} segments`);
    const ratio = opts.hypotheses.reduce((a, s) => a + words(String(s)), 0) / refWords;
    findings.push({
      measure: "hypothesis / reference length (words)",
      value: ratio,
      note:
        ratio < 1
          ? "Hypotheses are shorter than the references: BLEU's brevity penalty applies."
          : "Hypotheses are at least as long as the references.",
    });
  }
  return report("text", segments, "segments", findings);
}
