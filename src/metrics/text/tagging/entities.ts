import { describeValue, invalidValue } from "../../../core/errors.js";
import { optBoolean, optionNames, readOptions } from "../../../core/options.js";
import { refuse } from "../shared/inputs.js";

/** An entity as seqeval reports it: its type and its first and last token positions. */
export type EntitySpan = readonly [type: string, start: number, end: number];

/** seqeval's split of a tag into its prefix letter and its type ("_" when it has none). */
export function splitLenient(chunk: string, suffix: boolean): [string, string] {
  if (suffix) {
    const head = chunk.slice(0, -1);
    const cut = head.lastIndexOf("-");
    return [chunk[chunk.length - 1] as string, (cut < 0 ? head : head.slice(0, cut)) || "_"];
  }
  const rest = chunk.slice(1);
  const cut = rest.indexOf("-");
  return [chunk[0] as string, (cut < 0 ? rest : rest.slice(cut + 1)) || "_"];
}

/**
 * The chunks of a tag sequence by seqeval 1.2.2's `end_of_chunk` / `start_of_chunk` rules
 * (conlleval's lenient chunking), with an "O" appended so the last chunk ends.
 */
export function chunkSpans(tags: readonly string[], suffix: boolean): [string, number, number][] {
  const chunks: [string, number, number][] = [];
  let prevTag = "O";
  let prevType = "";
  let begin = 0;
  for (let i = 0; i <= tags.length; i++) {
    const chunk = i < tags.length ? (tags[i] as string) : "O";
    const [tag, type] = splitLenient(chunk, suffix);
    const end =
      prevTag === "E" ||
      prevTag === "S" ||
      ((prevTag === "B" || prevTag === "I") && (tag === "B" || tag === "S" || tag === "O")) ||
      (prevTag !== "O" && prevTag !== "." && prevType !== type);
    if (end) chunks.push([prevType, begin, i - 1]);
    const start =
      tag === "B" ||
      tag === "S" ||
      ((prevTag === "E" || prevTag === "S" || prevTag === "O") && (tag === "E" || tag === "I")) ||
      (tag !== "O" && tag !== "." && prevType !== type);
    if (start) begin = i;
    prevTag = tag;
    prevType = type;
  }
  return chunks;
}

export interface GetEntitiesOptions {
  /** Tags written `PER-B` instead of `B-PER` (seqeval's `suffix`). Default false. */
  readonly suffix?: boolean;
}

const GET_ENTITIES_OPTIONS = optionNames<GetEntitiesOptions>()("suffix");

/**
 * Flattens sentences as seqeval does: each sentence followed by an "O" (unless `separator` is
 * false), so no entity crosses a sentence boundary and positions count across the whole corpus.
 */
export function flattenSentences(
  fn: string,
  name: string,
  value: unknown,
  separator = true,
): readonly string[] {
  if (!Array.isArray(value)) refuse(fn, name, "must be an array of tags or of tag sequences", value);
  const nested = value.some((item) => Array.isArray(item));
  const check = (tag: unknown, at: string): string => {
    if (typeof tag !== "string" || tag.length === 0)
      refuse(fn, name, "must contain non-empty tag strings", tag, ` at index ${at}`);
    return tag;
  };
  if (!nested) return value.map((tag, i) => check(tag, String(i)));
  const flat: string[] = [];
  value.forEach((sentence, i) => {
    if (!Array.isArray(sentence))
      invalidValue(
        `${fn}: \`${name}\` mixes tags and tag sequences; got ${describeValue(sentence)} at index ${i} among sequences`,
      );
    sentence.forEach((tag, j) => {
      flat.push(check(tag, `${i}.${j}`));
    });
    if (separator) flat.push("O");
  });
  return flat;
}

/**
 * seqeval 1.2.2 `get_entities(seq, suffix)`: the entities of a tag sequence (or of a list of
 * sentences, flattened with an "O" after each, so positions run across sentences) as
 * `[type, start, end]` with inclusive token positions, in order. Lenient (conlleval) chunking:
 * an `I-` after `O` starts an entity and a type change ends one; a tag without a type is "_".
 *
 * @example getEntities(["B-PER", "I-PER", "O", "B-LOC"]) // [["PER", 0, 1], ["LOC", 3, 3]]
 */
export function getEntities(
  sequence: readonly string[] | readonly (readonly string[])[],
  options?: GetEntitiesOptions,
): EntitySpan[] {
  const fn = "getEntities";
  const o = readOptions<GetEntitiesOptions>(fn, options, GET_ENTITIES_OPTIONS);
  const suffix = optBoolean(fn, "suffix", o.suffix, false);
  return chunkSpans(flattenSentences(fn, "sequence", sequence), suffix);
}
