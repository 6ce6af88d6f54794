import {
  describeValue,
  emptyInput,
  fail,
  invalidValue,
  type PlumblineErrorCode,
  shapeMismatch,
} from "../../../core/errors.js";

/**
 * Input checks shared by the text metrics. Every function takes `(hypotheses, references,
 * options)`; references come in the layout of the function's own reference:
 *
 * - sacrebleu-compatible corpus functions (corpus BLEU, chrF, TER) take sacrebleu's reference
 *   streams, exactly as `corpus_bleu(hyps, [refs])`: `references[k][i]` is the k-th reference of
 *   hypothesis i ({@link checkReferenceStreams});
 * - nltk-, torchmetrics- and rouge-score-style functions take one entry per hypothesis, a string
 *   or a non-empty array of strings ({@link checkPairs});
 * - WER-style functions take one reference string per hypothesis ({@link checkSinglePairs}).
 *
 * Every check runs before any state is touched, and a layout that looks like the other one (or
 * like swapped arguments) fails with a message that says so.
 */

/** One reference or several, per hypothesis (nltk, torchmetrics, rouge-score layout). */
export type ReferenceSet = string | readonly string[];

/**
 * sacrebleu's reference streams: `streams[k][i]` is the k-th reference of segment i; `null` (or
 * `undefined`) where segment i has fewer references than there are streams.
 */
export type ReferenceStreams = readonly (readonly (string | null | undefined)[])[];

/**
 * Fails with the one shape of an input error, ``${fn}: `${arg}` ${rule}, got <value>${after}``
 * (`after` says where, e.g. " at index 3").
 */
export function refuse(
  fn: string,
  arg: string,
  rule: string,
  value: unknown,
  after = "",
  code: PlumblineErrorCode = "invalid_value",
): never {
  return fail(code, `${fn}: \`${arg}\` ${rule}, got ${describeValue(value)}${after}`);
}

/** Fails unless two inputs have the same length: ``${fn}: `a` and `b` must have the same length, got m and n``. */
export function checkSameLength(fn: string, aName: string, a: number, bName: string, b: number): void {
  if (a !== b)
    shapeMismatch(`${fn}: \`${aName}\` and \`${bName}\` must have the same length, got ${a} and ${b}`);
}

/**
 * Fails on a corpus with no segment: ``${fn}: no segments to score``, with what the reference does
 * then (`"sacrebleu raises"`, `"nltk raises ZeroDivisionError"`) when it says.
 */
export function refuseEmptyCorpus(fn: string, reference?: string): never {
  return emptyInput(`${fn}: no segments to score${reference ? ` (${reference} on an empty corpus)` : ""}`);
}

const SWAP_HINT = "(text metrics take (hypotheses, references, options): were the arguments swapped?)";

/** Checks that `values` is an array of strings; returns it. An array where a string belongs hints at swapped arguments. */
export function checkStrings(values: unknown, fn: string, arg: string): readonly string[] {
  if (!Array.isArray(values)) refuse(fn, arg, "must be an array of strings", values);
  for (let i = 0; i < values.length; i++) {
    const v: unknown = values[i];
    if (typeof v !== "string") {
      invalidValue(
        `${fn}: \`${arg}\` must contain only strings, got ${describeValue(v)} at index ${i}${Array.isArray(v) && (arg.startsWith("hypothes") || arg.startsWith("prediction")) ? ` ${SWAP_HINT}` : ""}`,
      );
    }
  }
  return values as readonly string[];
}

/** Validated hypotheses with their reference streams, read per segment without copying. */
export interface StreamPairs {
  readonly hypotheses: readonly string[];
  readonly streams: ReferenceStreams;
  /** Fewest and most references of one segment. */
  readonly minRefs: number;
  readonly maxRefs: number;
  /** The references of segment `i` (missing ones skipped), written into `out` (cleared first). */
  referencesOf(i: number, out: string[]): string[];
}

/**
 * Checks hypotheses against sacrebleu reference streams: `references` is a non-empty array of
 * streams, each with exactly one entry per hypothesis (a string, or `null` where that segment
 * has fewer references), and every segment has at least one reference. sacrebleu truncates
 * streams of other lengths silently; plumbline refuses them. A flat array of strings (one
 * reference per hypothesis, not wrapped) is refused with the fix: `[references]`.
 */
export function checkReferenceStreams(hypotheses: unknown, references: unknown, fn: string): StreamPairs {
  const hyps = checkStrings(hypotheses, fn, "hypotheses");
  const n = hyps.length;
  const layout =
    "references are sacrebleu's reference streams, one array per reference with one entry per hypothesis, as corpus_bleu(hyps, [refs])";
  if (!Array.isArray(references))
    refuse(fn, "references", "must be an array of reference streams", references, `; ${layout}`);
  if (references.length === 0) emptyInput(`${fn}: \`references\` holds no reference stream; ${layout}`);
  for (let k = 0; k < references.length; k++) {
    const stream: unknown = references[k];
    if (!Array.isArray(stream)) {
      invalidValue(
        typeof stream === "string"
          ? `${fn}: \`references\` must be an array of reference streams, got a string at index ${k}: wrap one reference per hypothesis as [references] (${layout})`
          : `${fn}: \`references[${k}]\` must be a reference stream (an array of strings), got ${describeValue(stream)}`,
      );
    }
    if (stream.length !== n) {
      shapeMismatch(
        `${fn}: reference stream ${k} has ${stream.length} entries, the hypotheses ${n}; ${layout} (per-hypothesis lists convert with toReferenceStreams)`,
      );
    }
    for (let i = 0; i < n; i++) {
      const r: unknown = stream[i];
      if (typeof r !== "string" && r !== null && r !== undefined)
        invalidValue(
          `${fn}: \`references[${k}][${i}]\` must be a string (or null for a missing reference), got ${describeValue(r)}`,
        );
    }
  }
  const streams = references as ReferenceStreams;
  let minRefs = Number.MAX_SAFE_INTEGER;
  let maxRefs = 0;
  for (let i = 0; i < n; i++) {
    let count = 0;
    for (const stream of streams) if (typeof stream[i] === "string") count++;
    if (count === 0) invalidValue(`${fn}: hypothesis ${i} has no reference (every stream holds null there)`);
    if (count < minRefs) minRefs = count;
    if (count > maxRefs) maxRefs = count;
  }
  return {
    hypotheses: hyps,
    streams,
    minRefs,
    maxRefs,
    referencesOf(i, out) {
      out.length = 0;
      for (const stream of streams) {
        const r = stream[i];
        if (typeof r === "string") out.push(r);
      }
      return out;
    },
  };
}

/**
 * The references of one sentence-level call (`sentenceBleu(hyp, refs)`, as sacrebleu's
 * `sentence_bleu(hyp, refs)`): a string or a non-empty array of strings, as streams of one segment.
 */
export function sentenceStreams(references: unknown, fn: string): string[][] {
  if (typeof references === "string") return [[references]];
  const refs = checkStrings(references, fn, "references");
  if (refs.length === 0) emptyInput(`${fn}: \`references\` must hold at least one reference`);
  return refs.map((r) => [r]);
}

/**
 * Checks hypotheses against per-hypothesis references and returns the references as arrays.
 * `hypotheses.length` must equal `references.length`; each reference entry is a string or a
 * non-empty array of strings.
 */
export function checkPairs(
  hypotheses: unknown,
  references: unknown,
  fn: string,
  hypName = "hypotheses",
): { hypotheses: readonly string[]; references: readonly (readonly string[])[] } {
  const hyps = checkStrings(hypotheses, fn, hypName);
  if (!Array.isArray(references)) {
    refuse(fn, "references", "must be an array (one entry per hypothesis)", references);
  }
  if (references.length !== hyps.length) {
    shapeMismatch(
      `${fn}: \`references\` must have one entry per ${hypName === "hypotheses" ? "hypothesis" : "prediction"} (${hyps.length}), got ${references.length}`,
    );
  }
  const refs: (readonly string[])[] = new Array(references.length);
  for (let i = 0; i < references.length; i++) {
    const entry: unknown = references[i];
    if (typeof entry === "string") {
      refs[i] = [entry];
      continue;
    }
    if (!Array.isArray(entry)) {
      refuse(fn, "references", "entries must be strings or arrays of strings", entry, ` at index ${i}`);
    }
    if (entry.length === 0)
      shapeMismatch(`${fn}: \`references\` entries must not be empty arrays, got one at index ${i}`);
    for (let j = 0; j < entry.length; j++) {
      if (typeof entry[j] !== "string") {
        refuse(fn, "references", "must contain only strings", entry[j], ` at index ${i}.${j}`);
      }
    }
    refs[i] = entry as readonly string[];
  }
  return { hypotheses: hyps, references: refs };
}

/** Checks one-to-one pairs (one reference string per hypothesis, as WER and CER take them). */
export function checkSinglePairs(
  hypotheses: unknown,
  references: unknown,
  fn: string,
  hypName = "hypotheses",
  refName = "references",
): { hypotheses: readonly string[]; references: readonly string[] } {
  const hyps = typeof hypotheses === "string" ? [hypotheses] : checkStrings(hypotheses, fn, hypName);
  const refs = typeof references === "string" ? [references] : checkStrings(references, fn, refName);
  if (hyps.length !== refs.length) {
    shapeMismatch(
      `${fn}: \`${refName}\` must have one entry per hypothesis (${hyps.length}), got ${refs.length}`,
    );
  }
  return { hypotheses: hyps, references: refs };
}

/**
 * Transposes sacrebleu's reference streams (`streams[k][i]` is the k-th reference of segment i,
 * `null` where a segment has fewer references) into per-hypothesis arrays.
 */
export function fromReferenceStreams(
  streams: readonly (readonly (string | null)[])[],
  fn = "fromReferenceStreams",
): string[][] {
  if (!Array.isArray(streams) || streams.length === 0)
    invalidValue(`${fn}: \`streams\` must be a non-empty array of arrays`);
  const n = streams[0]!.length;
  const out: string[][] = Array.from({ length: n }, () => []);
  for (let k = 0; k < streams.length; k++) {
    const stream = streams[k]!;
    if (!Array.isArray(stream) || stream.length !== n) {
      shapeMismatch(
        `${fn}: every reference stream must have ${n} segments, got ${describeValue(stream)} at index ${k}`,
      );
    }
    for (let i = 0; i < n; i++) {
      const r = stream[i];
      if (r === null || r === undefined) continue;
      out[i]!.push(r);
    }
  }
  return out;
}

/**
 * The inverse of {@link fromReferenceStreams}: per-hypothesis references (a string or an array
 * of strings each) as sacrebleu's reference streams, `null` where a hypothesis has fewer
 * references than the most any has. For moving per-hypothesis data onto `corpusBleu`, `chrf`
 * and `ter`.
 *
 * @example toReferenceStreams([["a", "b"], "c"]) // [["a", "c"], ["b", null]]
 */
export function toReferenceStreams(references: readonly ReferenceSet[]): (string | null)[][] {
  const fn = "toReferenceStreams";
  if (!Array.isArray(references))
    refuse(fn, "references", "must be an array (one entry per hypothesis)", references);
  const hyps = references.map(() => "");
  const { references: lists } = checkPairs(hyps, references, fn);
  let width = 0;
  for (const list of lists) if (list.length > width) width = list.length;
  const streams: (string | null)[][] = Array.from({ length: width }, () =>
    new Array<string | null>(lists.length).fill(null),
  );
  lists.forEach((list, i) => {
    list.forEach((r, k) => {
      streams[k]![i] = r;
    });
  });
  return streams;
}

/** Checks the one hypothesis of a sentence-level function. */
export function checkHypothesis(hypothesis: unknown, fn: string, name = "hypothesis"): string {
  if (typeof hypothesis !== "string")
    invalidValue(
      `${fn}: \`${name}\` must be a string, got ${describeValue(hypothesis)}${Array.isArray(hypothesis) ? ` ${SWAP_HINT}` : ""}`,
    );
  return hypothesis;
}
