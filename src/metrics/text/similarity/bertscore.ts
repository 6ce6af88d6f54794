import { describeValue, invalidOption, invalidValue, shapeMismatch } from "../../../core/errors.js";
import { addExactSums, exactSums, exactSumsShape, exactToNumber } from "../../../core/exact-sum.js";
import { optBoolean, optionNames, readOptions } from "../../../core/options.js";
import { checkState, field } from "../../../core/state-check.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../../metric.js";
import { checkPairs, checkSameLength } from "../shared/inputs.js";
import { plusScores } from "../shared/state.js";
import { checkVectors, norm } from "./embedding-similarity.js";

/** Token embeddings of one text: one vector per token (special tokens such as [CLS] already removed). */
export type TokenEmbeddings = readonly (readonly number[])[];

/** Turns texts into token embeddings (any contextual encoder). May be sync or async. */
export type TokenEmbedder = (
  texts: readonly string[],
) => readonly TokenEmbeddings[] | Promise<readonly TokenEmbeddings[]>;

export interface BertScoreScore {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/** Baseline values b for rescaling: s' = (s - b) / (1 - b), per component (model-specific; bert_score ships them per model). */
export interface BertScoreBaseline {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/** Per-token weights of one pair (e.g. IDF), aligned with the embedding rows. */
export interface TokenWeights {
  readonly candidate: readonly number[];
  readonly reference: readonly number[];
}

export const bertScoreMeta: MetricMeta = {
  id: "text/bertscore",
  range: [-1, 1],
  direction: "higher",
};

function unitRows(fn: string, name: string, rows: TokenEmbeddings): Float64Array[] {
  return rows.map((row, i) => {
    const n = norm(row);
    if (n === 0) invalidValue(`${fn}: \`${name}\` has a zero vector at token ${i}; its cosine is undefined`);
    return Float64Array.from(row, (x) => x / n);
  });
}

function weightedMean(values: Float64Array, weights: readonly number[] | undefined): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < values.length; i++) {
    const w = weights === undefined ? 1 : (weights[i] as number);
    num += w * (values[i] as number);
    den += w;
  }
  return num / den;
}

/**
 * BERTScore of one pair from token embeddings: cosine similarities of every candidate token with
 * every reference token, recall = weighted mean over reference tokens of their best match,
 * precision = weighted mean over candidate tokens of theirs, F1 = 2PR/(P+R).
 * A side with no tokens (or zero total weight) gives 0 for all three, and F1 is 0 when P + R = 0.
 * Cost: O(|cand| * |ref| * dimension).
 *
 * @example greedyMatch([[1, 0]], [[1, 0], [0, 1]]) // { precision: 1, recall: 0.5, f1: 0.6666666666666666 }
 */
export function greedyMatch(
  candidate: TokenEmbeddings,
  reference: TokenEmbeddings,
  weights?: TokenWeights,
): BertScoreScore {
  const dim = checkVectors("greedyMatch", "candidate", candidate);
  checkVectors("greedyMatch", "reference", reference, candidate.length > 0 ? dim : undefined);
  if (weights !== undefined) {
    if (weights.candidate.length !== candidate.length || weights.reference.length !== reference.length) {
      shapeMismatch(
        `greedyMatch: \`weights\` must have one weight per token, got ${weights.candidate.length} for ${candidate.length} candidate and ${weights.reference.length} for ${reference.length} reference tokens`,
      );
    }
  }
  if (candidate.length === 0 || reference.length === 0) return { precision: 0, recall: 0, f1: 0 };
  const c = unitRows("greedyMatch", "candidate", candidate);
  const r = unitRows("greedyMatch", "reference", reference);
  const bestForCandidate = new Float64Array(c.length).fill(-Infinity);
  const bestForReference = new Float64Array(r.length).fill(-Infinity);
  for (let i = 0; i < r.length; i++) {
    const ri = r[i] as Float64Array;
    for (let j = 0; j < c.length; j++) {
      const cj = c[j] as Float64Array;
      let dot = 0;
      for (let k = 0; k < ri.length; k++) dot += (ri[k] as number) * (cj[k] as number);
      if (dot > (bestForReference[i] as number)) bestForReference[i] = dot;
      if (dot > (bestForCandidate[j] as number)) bestForCandidate[j] = dot;
    }
  }
  const precision = weightedMean(bestForCandidate, weights?.candidate);
  const recall = weightedMean(bestForReference, weights?.reference);
  if (!Number.isFinite(precision) || !Number.isFinite(recall)) return { precision: 0, recall: 0, f1: 0 };
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/**
 * IDF weights as bert_score computes them from the references: idf(t) = ln((M + 1) / (df(t) + 1)),
 * M the number of references and df(t) the number of references containing t; unseen tokens get
 * ln(M + 1).
 */
export function idfWeights(referenceTokens: readonly (readonly string[])[]): (token: string) => number {
  const df = new Map<string, number>();
  for (const tokens of referenceTokens) for (const t of new Set(tokens)) df.set(t, (df.get(t) ?? 0) + 1);
  const m = referenceTokens.length;
  return (token) => Math.log((m + 1) / ((df.get(token) ?? 0) + 1));
}

/** Exact sums (`core/exact-sum.ts` limbs) of the per-pair scores, and the number of pairs. */
export interface BertScoreState {
  precision: Float64Array;
  recall: Float64Array;
  f1: Float64Array;
  count: number;
}

export interface BertScoreDefOptions {
  /** Rescale with these baselines: (s - b) / (1 - b). Default none. */
  readonly baseline?: BertScoreBaseline;
}

/** The three scores of a pair, in their order. */
const KEYS = ["precision", "recall", "f1"] as const;

/** `{ precision, recall, f1 }` with `value(key)` for each (in that order). */
function perKey<T>(value: (key: (typeof KEYS)[number]) => T): Record<(typeof KEYS)[number], T> {
  return Object.fromEntries(KEYS.map((key) => [key, value(key)])) as Record<(typeof KEYS)[number], T>;
}

function checkBaseline(fn: string, baseline: BertScoreBaseline | undefined): void {
  if (baseline === undefined) return;
  if (typeof baseline !== "object" || baseline === null)
    invalidOption(
      `${fn}: option \`baseline\` must be { precision, recall, f1 }, got ${describeValue(baseline)}`,
    );
  readOptions(`${fn}: option \`baseline\``, baseline, KEYS);
  for (const key of KEYS) {
    const b = baseline[key];
    if (typeof b !== "number" || !Number.isFinite(b) || b >= 1)
      invalidOption(`${fn}: \`baseline.${key}\` must be a finite number below 1, got ${describeValue(b)}`);
  }
}

/** Adds per-pair scores to the exact sums of `state` (all three sums computed before it changes). */
function addPairScores(state: BertScoreState, scores: readonly BertScoreScore[]): void {
  const sums = perKey((key) =>
    plusScores(
      state[key],
      scores.map((s) => s[key]),
      "bertScore",
    ),
  );
  Object.assign(state, sums, { count: state.count + scores.length });
}

function rescale(s: BertScoreScore, baseline: BertScoreBaseline | undefined): BertScoreScore {
  if (baseline === undefined) return s;
  return perKey((key) => (s[key] - baseline[key]) / (1 - baseline[key]));
}

/**
 * BERTScore over precomputed token embeddings as a mergeable metric: the mean of per-pair
 * precision, recall and F1 (rescaled when `baseline` is given). Optional per-pair token weights.
 * With no pairs the means are NaN.
 */
export function bertScoreDef(
  options?: BertScoreDefOptions,
): MetricDef<
  BertScoreState,
  [
    candidates: readonly TokenEmbeddings[],
    references: readonly TokenEmbeddings[],
    weights?: readonly TokenWeights[],
  ],
  BertScoreScore
> {
  const fn = "bertScore";
  const id = bertScoreMeta.id;
  const o = readOptions<BertScoreDefOptions>(fn, options, BERT_SCORE_DEF_OPTIONS);
  checkBaseline(fn, o.baseline);
  const baseline = o.baseline;
  return {
    id,
    meta: bertScoreMeta,
    options: baseline === undefined ? {} : { baseline: { ...baseline } },
    init: () => ({ ...perKey(() => exactSums(1)), count: 0 }),
    update(state, candidates, references, weights) {
      if (!Array.isArray(candidates) || !Array.isArray(references)) {
        invalidValue(
          `bertScore: \`candidates\` and \`references\` must be arrays of token embeddings, got ${describeValue(candidates)} and ${describeValue(references)}`,
        );
      }
      checkSameLength("bertScore", "candidates", candidates.length, "references", references.length);
      if (weights !== undefined && weights.length !== candidates.length) {
        shapeMismatch(
          `bertScore: \`weights\` must have one entry per pair, got ${weights.length} for ${candidates.length} pairs`,
        );
      }
      const scores = candidates.map((c, i) =>
        rescale(greedyMatch(c, references[i] as TokenEmbeddings, weights?.[i]), baseline),
      );
      addPairScores(state, scores);
    },
    merge: (a, b) => ({ ...perKey((key) => addExactSums(a[key], b[key])), count: a.count + b.count }),
    compute: (s) => perKey((key) => exactToNumber(s[key]) / s.count),
    validateState(state): asserts state is BertScoreState {
      checkState(id, state, { ...perKey(() => exactSumsShape(1)), count: field.count() });
    },
  };
}

const BERT_SCORE_DEF_OPTIONS = optionNames<BertScoreDefOptions>()("baseline");
const BERT_SCORE_OPTIONS = optionNames<BertScoreOptions>()("embed", "idf", "tokenize", "baseline");

export interface BertScoreOptions {
  /** Token embedder (sync or async): one vector per token, special tokens removed. */
  readonly embed: TokenEmbedder;
  /** Weight tokens by IDF computed over the references (needs `tokenize`). Default false. */
  readonly idf?: boolean;
  /** Tokens of a text, aligned one-to-one with the rows `embed` returns (needed for `idf`). */
  readonly tokenize?: (text: string) => readonly string[];
  /** Baseline rescaling values. Default none. */
  readonly baseline?: BertScoreBaseline;
}

export interface BertScoreResult {
  /** Per-candidate scores (max over its references for each component, as bert_score does). */
  readonly scores: readonly BertScoreScore[];
  /** Means over candidates. */
  readonly mean: BertScoreScore;
}

/**
 * BERTScore with any token embedder: embeds candidates and references, greedy-matches each pair,
 * optionally with IDF weights (bert_score's formula) and baseline rescaling. With several
 * references per candidate, each of P, R, F1 is the max over references (bert_score's rule).
 */
export function bertScore(
  candidates: readonly string[],
  references: readonly (string | readonly string[])[],
  options: BertScoreOptions,
): Promise<BertScoreResult> {
  const fn = "bertScore";
  const o = readOptions<BertScoreOptions>(fn, options, BERT_SCORE_OPTIONS);
  if (typeof o.embed !== "function")
    invalidOption(`${fn}: option \`embed\` must be a function, got ${describeValue(o.embed)}`);
  const idf = optBoolean(fn, "idf", o.idf, false);
  if (o.tokenize !== undefined && typeof o.tokenize !== "function")
    invalidOption(`${fn}: option \`tokenize\` must be a function, got ${describeValue(o.tokenize)}`);
  if (idf && o.tokenize === undefined)
    invalidOption(`${fn}: option \`idf\` needs a \`tokenize\` function aligned with the embedder's tokens`);
  checkBaseline(fn, o.baseline);
  const { references: refSets } = checkPairs(candidates, references, fn, "candidates");
  // Options and inputs are checked synchronously (a caller's mistake throws at the call); only
  // the embedding is awaited.
  return scoreWithEmbedder(candidates, refSets, o as BertScoreOptions, idf);
}

async function scoreWithEmbedder(
  candidates: readonly string[],
  refSets: readonly (readonly string[])[],
  o: BertScoreOptions,
  idf: boolean,
): Promise<BertScoreResult> {
  const flatRefs = refSets.flat();
  const [candEmb, refEmb] = await Promise.all([o.embed(candidates), o.embed(flatRefs)]);
  if (candEmb.length !== candidates.length || refEmb.length !== flatRefs.length) {
    shapeMismatch(
      `bertScore: \`embed\` must return one token-embedding list per text, got ${candEmb.length} for ${candidates.length} and ${refEmb.length} for ${flatRefs.length}`,
    );
  }
  let weightOf: ((text: string, rows: number) => number[]) | undefined;
  if (idf && o.tokenize !== undefined) {
    const tokenize = o.tokenize;
    const idfOf = idfWeights(flatRefs.map((t) => tokenize(t)));
    weightOf = (text, rows) => {
      const tokens = tokenize(text);
      if (tokens.length !== rows)
        shapeMismatch(
          `bertScore: \`tokenize\` gave ${tokens.length} tokens but \`embed\` ${rows} vectors for ${describeValue(text)}`,
        );
      return tokens.map(idfOf);
    };
  }
  const def = bertScoreDef({});
  let offset = 0;
  const scores = candidates.map((cand, i) => {
    const set = refSets[i] as readonly string[];
    const c = candEmb[i] as TokenEmbeddings;
    let best: BertScoreScore | undefined;
    for (const ref of set) {
      const r = refEmb[offset++] as TokenEmbeddings;
      const w =
        weightOf === undefined
          ? undefined
          : { candidate: weightOf(cand, c.length), reference: weightOf(ref, r.length) };
      const s = greedyMatch(c, r, w);
      best = best === undefined ? s : perKey((key) => Math.max((best as BertScoreScore)[key], s[key]));
    }
    return rescale(best as BertScoreScore, o.baseline);
  });
  const state = def.init();
  addPairScores(state, scores);
  return { scores, mean: def.compute(state) };
}

/** Mean BERTScore over precomputed token embeddings (sync; see {@link bertScore} for texts). */
export function bertScoreFromEmbeddings(
  candidates: readonly TokenEmbeddings[],
  references: readonly TokenEmbeddings[],
  options?: BertScoreDefOptions,
): BertScoreScore {
  return runOnce(bertScoreDef(options), candidates, references);
}
