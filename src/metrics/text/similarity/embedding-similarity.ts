import { describeValue, invalidOption, invalidValue, shapeMismatch } from "../../../core/errors.js";
import { readOptions } from "../../../core/options.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../../metric.js";
import { checkSameLength, refuse } from "../shared/inputs.js";
import {
  addScores,
  checkMeanState,
  type MeanState,
  meanScore,
  mergeScores,
  noScores,
} from "../shared/state.js";

/** Turns texts into one vector each (a sentence encoder). May be sync or async. */
export type SentenceEmbedder = (
  texts: readonly string[],
) => readonly (readonly number[])[] | Promise<readonly (readonly number[])[]>;

export const embeddingSimilarityMeta: MetricMeta = {
  id: "text/embedding_similarity",
  range: [-1, 1],
  direction: "higher",
};

/** Checks a list of vectors: arrays of finite numbers, one dimension throughout. Returns the dimension. */
export function checkVectors(fn: string, name: string, value: unknown, dimension?: number): number {
  if (!Array.isArray(value)) refuse(fn, name, "must be an array of vectors (number arrays)", value);
  let dim = dimension ?? -1;
  value.forEach((v, i) => {
    if (!Array.isArray(v) && !ArrayBuffer.isView(v))
      refuse(fn, name, "must contain number arrays", v, ` at index ${i}`);
    const vec = v as ArrayLike<number>;
    if (dim < 0) dim = vec.length;
    if (vec.length !== dim)
      shapeMismatch(
        `${fn}: \`${name}\` vectors must all have dimension ${dim}, got ${vec.length} at index ${i}`,
      );
    for (let k = 0; k < vec.length; k++) {
      const x = vec[k];
      if (typeof x !== "number" || !Number.isFinite(x))
        refuse(fn, name, "must contain finite numbers", x, ` at index ${i}.${k}`);
    }
  });
  return dim;
}

/** Euclidean norm. */
export function norm(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] as number) * (v[i] as number);
  return Math.sqrt(s);
}

/**
 * Cosine similarity of two vectors of equal length. Throws `invalid_value` for a zero vector
 * (the cosine is undefined there).
 *
 * @example cosineSimilarity([1, 0], [1, 1]) // 0.7071067811865475
 */
export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  checkSameLength("cosineSimilarity", "a", a.length, "b", b.length);
  const na = norm(a);
  const nb = norm(b);
  if (na === 0 || nb === 0)
    invalidValue(`cosineSimilarity: \`${na === 0 ? "a" : "b"}\` is a zero vector; the cosine is undefined`);
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += (a[i] as number) * (b[i] as number);
  return dot / (na * nb);
}

/** Exact sum and count of the pairs' cosine similarities. */
export type EmbeddingSimilarityState = MeanState;

/**
 * Mean cosine similarity between paired sentence embeddings, as a mergeable metric.
 * Cost: O(pairs * dimension). With no pairs the mean is NaN.
 */
export function embeddingSimilarityDef(
  options?: Record<string, never>,
): MetricDef<
  EmbeddingSimilarityState,
  [predictions: readonly (readonly number[])[], references: readonly (readonly number[])[]],
  number
> {
  readOptions("embeddingSimilarity", options, []);
  const id = embeddingSimilarityMeta.id;
  return {
    id,
    meta: embeddingSimilarityMeta,
    options: {},
    init: noScores,
    update(state, predictions, references) {
      const dim = checkVectors("embeddingSimilarity", "predictions", predictions);
      checkVectors("embeddingSimilarity", "references", references, predictions.length > 0 ? dim : undefined);
      checkSameLength(
        "embeddingSimilarity",
        "predictions",
        predictions.length,
        "references",
        references.length,
      );
      const scores = predictions.map((p, i) => cosineSimilarity(p, references[i] as readonly number[]));
      addScores(state, scores, "embeddingSimilarity");
    },
    merge: mergeScores,
    compute: meanScore,
    validateState(state): asserts state is EmbeddingSimilarityState {
      checkMeanState(id, state, -1, 1);
    },
  };
}

/** Mean cosine similarity of paired embedding vectors. */
export function embeddingSimilarity(
  predictions: readonly (readonly number[])[],
  references: readonly (readonly number[])[],
  options?: Record<string, never>,
): number {
  return runOnce(embeddingSimilarityDef(options), predictions, references);
}

/**
 * Embeds `predictions` and `references` with `embed` (any sentence encoder, sync or async) and
 * returns the per-pair cosine similarities and their mean.
 */
export async function sentenceSimilarity(
  predictions: readonly string[],
  references: readonly string[],
  options: { readonly embed: SentenceEmbedder },
): Promise<{ scores: number[]; mean: number }> {
  const o = readOptions<{ readonly embed: SentenceEmbedder }>("sentenceSimilarity", options, ["embed"]);
  if (typeof o.embed !== "function")
    invalidOption(`sentenceSimilarity: option \`embed\` must be a function, got ${describeValue(o.embed)}`);
  checkTexts("sentenceSimilarity", predictions, references);
  const [a, b] = await Promise.all([o.embed(predictions), o.embed(references)]);
  if (a.length !== predictions.length || b.length !== references.length) {
    shapeMismatch(
      `sentenceSimilarity: \`embed\` must return one vector per text, got ${a.length} for ${predictions.length} and ${b.length} for ${references.length}`,
    );
  }
  const dim = checkVectors("sentenceSimilarity", "embed(predictions)", a);
  checkVectors("sentenceSimilarity", "embed(references)", b, a.length > 0 ? dim : undefined);
  const scores = a.map((v, i) => cosineSimilarity(v, b[i] as readonly number[]));
  return { scores, mean: embeddingSimilarity(a, b) };
}

/** Checks two equally long string arrays. */
export function checkTexts(fn: string, predictions: unknown, references: unknown): void {
  for (const [name, value] of [
    ["predictions", predictions],
    ["references", references],
  ] as const) {
    if (!Array.isArray(value)) refuse(fn, name, "must be an array of strings", value);
    value.forEach((s, i) => {
      if (typeof s !== "string") refuse(fn, name, "must contain only strings", s, ` at index ${i}`);
    });
  }
  const a = predictions as string[];
  const b = references as string[];
  checkSameLength(fn, "predictions", a.length, "references", b.length);
}
