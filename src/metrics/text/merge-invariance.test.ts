/**
 * Issue 13 §3: every text metric's merged result is bit-identical (Object.is on every number)
 * for any split of the data into shards and any merge order and tree. Random corpora are cut at
 * random points, each shard updates its own state, and the states merge in a random order as a
 * random tree; the result must equal one metric updated with the shards in order. The definitions
 * whose reference defines the result by input order are listed apart with the reason, and every
 * `*Def` export must be in one list or the other.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bitDifference, splitAndMerge } from "../../../test/support/merge-tree.js";
import type { AnyMetricDef } from "../../metric.js";
import * as text from "./index.js";

/** One corpus item: a hypothesis, two references and six numbers (for the numeric metrics). */
interface Item {
  hyp: string;
  ref1: string;
  ref2: string;
  x: number[];
  index: number;
}

const WORDS = [
  "the",
  "cat",
  "sat",
  "on",
  "mat",
  "a",
  "dog",
  "ran",
  "fast",
  "red",
  "it",
  "is",
  "Cats",
  "mat.",
];
const sentence = fc
  .array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 9 })
  .map((words) => words.join(" "));
const corpus = fc
  .array(
    fc.record({
      hyp: sentence,
      ref1: sentence,
      ref2: sentence,
      x: fc.array(fc.double({ min: 0.05, max: 3, noNaN: true }), { minLength: 6, maxLength: 6 }),
    }),
    { minLength: 3, maxLength: 24 },
  )
  .map((items): Item[] => items.map((item, index) => ({ ...item, index })));

const tokens = (s: string): string[] => s.split(" ");
const tag = (word: string): string =>
  word === "cat" || word === "dog" ? "B-ANI" : word === "mat" ? "B-OBJ" : word === "red" ? "I-OBJ" : "O";

/** The update arguments of one family of metrics for a shard of items. */
type Args = (items: readonly Item[]) => unknown[];

const referenceSets: Args = (items) => [items.map((i) => i.hyp), items.map((i) => [i.ref1, i.ref2])];
const streams: Args = (items) => [
  items.map((i) => i.hyp),
  [items.map((i) => i.ref1), items.map((i) => i.ref2)],
];
const singlePairs: Args = (items) => [items.map((i) => i.hyp), items.map((i) => i.ref1)];
const texts: Args = (items) => [items.map((i) => i.hyp)];
const tokenSets: Args = (items) => [
  items.map((i) => tokens(i.hyp)),
  items.map((i) => [tokens(i.ref1), tokens(i.ref2)]),
];
const tagSequences: Args = (items) => [
  items.map((i) => tokens(i.hyp).map(tag)),
  items.map((i) => tokens(i.hyp).map((w, k) => tag(k % 3 === 0 ? "mat" : w))),
];
const squadArgs: Args = (items) => [
  items.map((i) => ({ id: `q${i.index}`, predictionText: i.hyp })),
  items.map((i) => ({ id: `q${i.index}`, answers: [i.ref1, i.ref2] })),
];
const squadV2Args: Args = (items) => [
  // Distinct probabilities: the official sweep takes tied questions in input order.
  items.map((i) => ({
    id: `q${i.index}`,
    predictionText: i.hyp,
    noAnswerProbability: (i.index * 0.618) % 1,
  })),
  items.map((i) => ({ id: `q${i.index}`, answers: i.ref2.includes("dog") ? [] : [i.ref1] })),
];
const logits: Args = (items) => [
  items.map((i) => [i.x.slice(0, 3), i.x.slice(3, 6)]),
  items.map((i) => [i.index % 3, (i.index * 7) % 3]),
];
const tokenEmbeddings: Args = (items) => [
  items.map((i) => [i.x.slice(0, 2), i.x.slice(2, 4)]),
  items.map((i) => [i.x.slice(4, 6), i.x.slice(1, 3)]),
];
const vectors: Args = (items) => [items.map((i) => i.x.slice(0, 3)), items.map((i) => i.x.slice(3, 6))];

/** Every `*Def` export, with options and argument family, that must merge bit-identically. */
const invariant: [string, AnyMetricDef, Args][] = [
  ["corpusBleu", text.corpusBleuDef({ smoothMethod: "floor" }), streams],
  ["chrf", text.chrfDef({ wordOrder: 2 }), streams],
  ["ter", text.terDef(), streams],
  ["textSuite", text.textSuiteDef({ bleu: { smoothMethod: "floor" }, chrf: { wordOrder: 2 } }), streams],
  ["nltkCorpusBleu method1", text.nltkCorpusBleuDef({ smoothing: "method1" }), referenceSets],
  ["whitespaceBleu", text.whitespaceBleuDef({ smooth: true }), referenceSets],
  ["corpusGleu", text.corpusGleuDef(), referenceSets],
  ["extendedEditDistance", text.extendedEditDistanceDef(), referenceSets],
  ["corpusNist", text.corpusNistDef({ n: 3 }), referenceSets],
  ["corpusRibes", text.corpusRibesDef(), referenceSets],
  ["meteor", text.meteorDef({ wordnet: null }), tokenSets],
  ["wer", text.werDef(), singlePairs],
  ["cer", text.cerDef({ convention: "torchmetrics" }), singlePairs],
  ["mer", text.merDef(), singlePairs],
  ["wil", text.wilDef(), singlePairs],
  ["wip", text.wipDef(), singlePairs],
  ["alignmentMeasures", text.alignmentMeasuresDef({ unit: "char" }), singlePairs],
  ["editDistance mean", text.editDistanceDef({ substitutionCost: 0.7 }), singlePairs],
  ["rouge", text.rougeDef({ rougeTypes: ["rouge1", "rouge2", "rougeL", "rougeLsum"] }), referenceSets],
  ["seqeval", text.seqevalDef(), tagSequences],
  ["squad", text.squadDef(), squadArgs],
  ["squadV2", text.squadV2Def(), squadV2Args],
  ["perplexity", text.perplexityDef(), logits],
  ["bitsPerCharacter", text.bitsPerCharacterDef(), logits],
  ["distinctN", text.distinctNDef(), texts],
  ["selfBleu", text.selfBleuDef({ maxOrder: 2 }), texts],
  ["bertScore", text.bertScoreDef({ baseline: { precision: 0.3, recall: 0.2, f1: 0.25 } }), tokenEmbeddings],
  ["embeddingSimilarity", text.embeddingSimilarityDef(), vectors],
];

/** Definitions whose reference defines the result by input order. */
const orderSensitive: Record<string, string> = {
  nltkCorpusBleuDef: "smoothing methods 3 to 7 read the last pair, as nltk's corpus_bleu does",
  werDef:
    'with `contiguous: true`, jiwer joins every text in input order (the counts form is above, as "wer")',
  editDistanceDef: 'reduction "none" lists distances in input order (the mean and sum are above)',
};

describe("text: merged results are bit-identical for any split and merge order", () => {
  it("covers every *Def export of plumbline/text", () => {
    const factories = Object.keys(text).filter((name) => name.endsWith("Def"));
    const covered = new Set(invariant.map(([, def]) => def.id));
    const missing = factories.filter((name) => {
      const def = (text as unknown as Record<string, (o?: unknown) => AnyMetricDef>)[name]!(
        name === "meteorDef" ? { wordnet: null } : undefined,
      );
      return !covered.has(def.id) && !Object.hasOwn(orderSensitive, name);
    });
    expect(missing).toEqual([]);
  });

  it.each(invariant)(
    "%s",
    (_, def, args) => {
      fc.assert(
        fc.property(
          corpus,
          fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
          fc.array(fc.nat(), { maxLength: 7 }),
          (items, cuts, order) => {
            const { sequential, merged } = splitAndMerge(def, args, items, cuts, order);
            expect(bitDifference(merged, sequential)).toBeUndefined();
          },
        ),
        { numRuns: Number(process.env.MERGE_RUNS ?? 25) },
      );
    },
    60_000,
  );
});
