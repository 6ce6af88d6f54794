import { describeValue, fail } from "../../../core/errors.js";

/**
 * Input checks shared by the text metrics. Hypotheses are an array of strings; references are
 * one entry per hypothesis, each a string (one reference) or a non-empty array of strings
 * (several references). Every check runs before any state is touched.
 */

/** One reference or several, per hypothesis. */
export type ReferenceSet = string | readonly string[];

/** Checks that `values` is an array of strings; returns it. */
export function checkStrings(values: unknown, fn: string, arg: string): readonly string[] {
  if (!Array.isArray(values))
    fail("invalid_value", `${fn}: \`${arg}\` must be an array of strings, got ${describeValue(values)}`);
  for (let i = 0; i < values.length; i++) {
    if (typeof values[i] !== "string") {
      fail(
        "invalid_value",
        `${fn}: \`${arg}\` must contain only strings, got ${describeValue(values[i])} at index ${i}`,
      );
    }
  }
  return values as readonly string[];
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
): { hypotheses: readonly string[]; references: readonly (readonly string[])[] } {
  const hyps = checkStrings(hypotheses, fn, "hypotheses");
  if (!Array.isArray(references)) {
    fail(
      "invalid_value",
      `${fn}: \`references\` must be an array (one entry per hypothesis), got ${describeValue(references)}`,
    );
  }
  if (references.length !== hyps.length) {
    fail(
      "shape_mismatch",
      `${fn}: \`references\` must have one entry per hypothesis (${hyps.length}), got ${references.length}`,
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
      fail(
        "invalid_value",
        `${fn}: \`references\` entries must be strings or arrays of strings, got ${describeValue(entry)} at index ${i}`,
      );
    }
    if (entry.length === 0)
      fail("shape_mismatch", `${fn}: \`references\` entries must not be empty arrays, got one at index ${i}`);
    for (let j = 0; j < entry.length; j++) {
      if (typeof entry[j] !== "string") {
        fail(
          "invalid_value",
          `${fn}: \`references\` must contain only strings, got ${describeValue(entry[j])} at index ${i}.${j}`,
        );
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
    fail(
      "shape_mismatch",
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
    fail("invalid_value", `${fn}: \`streams\` must be a non-empty array of arrays`);
  const n = streams[0]!.length;
  const out: string[][] = Array.from({ length: n }, () => []);
  for (let k = 0; k < streams.length; k++) {
    const stream = streams[k]!;
    if (!Array.isArray(stream) || stream.length !== n) {
      fail(
        "shape_mismatch",
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
