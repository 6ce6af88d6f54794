/**
 * The ranks of a query's relevant documents when equal scores keep input order (torchmetrics'
 * tie rule for every binary-relevance metric but nDCG), found without sorting the query: the
 * direct kernels of MAP, MRR, precision@k, recall@k and hit rate read them.
 *
 * A document ranks above another when its score is higher, or equal with an earlier position.
 * One pass finds the score range and the relevant documents. A monotone map of the score,
 * (s - min) * (B - 1) / (max - min) truncated, puts every document in one of B buckets (about one
 * per document, 16 to 2^16): a document in a higher bucket ranks above every document of a lower
 * one. The relevant documents are ranked by a counting sort on their buckets (input order within
 * a bucket) and an insertion pass within buckets they share. A second pass finds, per document,
 * J = how many relevant documents rank above it, from its bucket's first relevant document and a
 * comparison with those sharing its bucket (one comparison without branches when no bucket holds
 * two), and counts documents per J. The k-th relevant document (0-based) has J = k, so its rank,
 * 1 + the documents above it, is the number of documents with J <= k. O(m + B) per query.
 */
import type { DirectKernel, Scores, Targets } from "./grouped.js";

/** Most buckets of the direct kernel (a query uses about one per document, 16 to 2^16). */
const MAX_BUCKETS = 2 ** 16;
/**
 * Most relevant documents sharing one bucket (equal or nearly equal scores): past it the query is
 * ranked instead, so a document is compared with at most this many relevant documents.
 */
const MAX_SHARED = 32;

/** Scratch space of {@link relevantRanks}, grown on demand and reused across queries. */
const direct = {
  /** The relevant documents in input order: positions and buckets. */
  found: new Int32Array(64),
  buckets: new Int32Array(64),
  /** The relevant documents by rank: positions and scores, then a sentinel. */
  positions: new Int32Array(65),
  scores: new Float64Array(65),
  /** `aboveCounts[j]`: documents with exactly j relevant documents ranked above them. */
  aboveCounts: new Int32Array(65),
  /** Per bucket: how many relevant documents it holds (zero between queries). */
  bucketRelevant: new Int32Array(1024),
  /** Per bucket: the rank index of the first relevant document in it or in a lower bucket. */
  firstRelevantAtOrBelow: new Int32Array(1024),
};

/**
 * Room for more than `r` relevant documents (twice as many, at most the query's `m` documents),
 * keeping the first `r` found.
 */
function growRelevant(r: number, m: number): void {
  const size = Math.min(2 * r, m);
  const found = new Int32Array(size);
  found.set(direct.found.subarray(0, r));
  direct.found = found;
  direct.buckets = new Int32Array(size);
  direct.positions = new Int32Array(size + 1);
  direct.scores = new Float64Array(size + 1);
  direct.aboveCounts = new Int32Array(size + 1);
}

/**
 * The ranks of a query's relevant documents (target 1, and score > 0 unless `keepNonPositive`)
 * under ties in input order, ascending (1-based): written to `relevantRank(0..r-1)`; returns r,
 * or -1 when more than 32 relevant documents share a bucket (the query is then ranked instead).
 */
export function relevantRanks(
  preds: Scores,
  target: Targets,
  from: number,
  m: number,
  keepNonPositive: boolean,
): number {
  const end = from + m;
  let r = 0;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  let found = direct.found;
  for (let d = from; d < end; d++) {
    const s = preds[d]!;
    if (s < lo) lo = s;
    if (s > hi) hi = s;
    if (target[d] === 1 && (keepNonPositive || s > 0)) {
      if (r === found.length) {
        growRelevant(r, m);
        found = direct.found;
      }
      found[r++] = d;
    }
  }
  if (r === 0) return 0;
  // about one bucket per document: a power of two in [16, 2^16]
  const bits = 32 - Math.clz32(m - 1);
  const buckets = bits >= 16 ? MAX_BUCKETS : Math.max(16, 1 << bits);
  if (direct.bucketRelevant.length < buckets) {
    direct.bucketRelevant = new Int32Array(buckets);
    direct.firstRelevantAtOrBelow = new Int32Array(buckets);
  }
  const { buckets: relevantBuckets, positions, scores, aboveCounts } = direct;
  const { bucketRelevant, firstRelevantAtOrBelow } = direct;
  let scale = (buckets - 1) / (hi - lo);
  if (!(scale < Number.POSITIVE_INFINITY)) scale = 0; // one score, or a range too small or too wide
  let most = 0; // most relevant documents in one bucket
  for (let k = 0; k < r; k++) {
    const b = ((preds[found[k]!]! - lo) * scale) | 0;
    relevantBuckets[k] = b;
    most = Math.max(most, ++bucketRelevant[b]!);
  }
  let above = 0;
  for (let b = buckets - 1; b >= 0; b--) {
    firstRelevantAtOrBelow[b] = above;
    above += bucketRelevant[b]!;
    bucketRelevant[b] = 0;
  }
  if (most > MAX_SHARED) return -1;
  // counting sort by bucket, highest first; input order within a bucket
  for (let k = 0; k < r; k++) {
    const b = relevantBuckets[k]!;
    const at = firstRelevantAtOrBelow[b]! + bucketRelevant[b]!++;
    positions[at] = found[k]!;
    scores[at] = preds[found[k]!]!;
  }
  for (let k = 0; k < r; k++) bucketRelevant[relevantBuckets[k]!] = 0;
  if (most > 1) {
    // within shared buckets, by score descending (strict comparison: equal scores keep input order)
    for (let i = 1; i < r; i++) {
      const s = scores[i]!;
      const d = positions[i]!;
      let k = i;
      while (k > 0 && scores[k - 1]! < s) {
        scores[k] = scores[k - 1]!;
        positions[k] = positions[k - 1]!;
        k--;
      }
      scores[k] = s;
      positions[k] = d;
    }
  }
  scores[r] = Number.NEGATIVE_INFINITY; // the sentinel ranks below every document
  aboveCounts.fill(0, 0, r + 1);
  if (most > 1) {
    for (let d = from; d < end; d++) {
      const s = preds[d]!;
      let j = firstRelevantAtOrBelow[((s - lo) * scale) | 0]!;
      while (scores[j]! > s || (scores[j] === s && positions[j]! < d)) j++;
      aboveCounts[j]!++;
    }
  } else {
    // at most one relevant document per bucket: one comparison, as 0/1 arithmetic (no branch)
    for (let d = from; d < end; d++) {
      const s = preds[d]!;
      const j = firstRelevantAtOrBelow[((s - lo) * scale) | 0]!;
      const t = scores[j]!;
      aboveCounts[j + (+(t > s) | (+(t === s) & +(positions[j]! < d)))]!++;
    }
  }
  // the k-th relevant document's rank: the documents with J <= k
  let rank = 0;
  for (let k = 0; k < r; k++) {
    rank += aboveCounts[k]!;
    aboveCounts[k] = rank;
  }
  return r;
}

/** The rank of the k-th relevant document found by the last {@link relevantRanks} call. */
export function relevantRank(k: number): number {
  return direct.aboveCounts[k]!;
}

/** How many of the `r` relevant documents of the last {@link relevantRanks} call rank within `cut`. */
export function relevantWithin(r: number, cut: number): number {
  let within = 0;
  while (within < r && direct.aboveCounts[within]! <= cut) within++;
  return within;
}

/**
 * A metric's value for one query from the ranks of its `r` relevant documents (read with
 * {@link relevantRank} and {@link relevantWithin}); `target[from..from+m)` are the query's
 * targets in input order.
 */
export type RanksValue = (r: number, m: number, topK: number | null, target: Targets, from: number) => number;

/**
 * The direct kernel that scores a query by `value` from its relevant documents' ranks (target 1,
 * and score > 0 unless `keepNonPositive`), or leaves it to be ranked when {@link relevantRanks}
 * cannot rank them.
 */
export function directFromRanks(keepNonPositive: boolean, value: RanksValue): DirectKernel {
  return (preds, target, from, m, topK) => {
    const r = relevantRanks(preds, target, from, m, keepNonPositive);
    return r < 0 ? undefined : value(r, m, topK, target, from);
  };
}
