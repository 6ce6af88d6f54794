import { describeValue, fail } from "../../core/errors.js";
import { pythonSplit, pythonStrip } from "./python-text.js";

/** Merge ranks of a BPE model: `"a b"` → rank (lower merges first). */
export type MergeRanks = ReadonlyMap<string, number>;

/**
 * Reads a `merges.txt` (a `#version` header line, then one `left right` pair per line) into
 * ranks, the rank of a pair being its line's index as the references number them: GPT-2/RoBERTa's
 * tokenizer reads `text.split("\n")[1:-1]` (the last line is dropped, so files end with a newline),
 * CLIP's reads `text.strip().split("\n")[1:48895]`. Lines that are not two symbols take a rank but
 * match nothing; a repeated pair keeps its last rank (Python's `dict`).
 */
export function readMerges(fn: string, text: string, flavour: "gpt2" | "clip"): Map<string, number> {
  if (typeof text !== "string")
    fail("invalid_value", `${fn}: \`merges\` must be the text of merges.txt, got ${describeValue(text)}`);
  const lines =
    flavour === "gpt2" ? text.split("\n").slice(1, -1) : pythonStrip(text).split("\n").slice(1, 48_895);
  const ranks = new Map<string, number>();
  lines.forEach((line, rank) => {
    const parts = pythonSplit(line);
    if (parts.length === 2) ranks.set(`${parts[0]} ${parts[1]}`, rank);
  });
  if (ranks.size === 0) fail("invalid_value", `${fn}: merges.txt has no merges`);
  return ranks;
}

/**
 * Byte-pair encoding of one pre-token given as symbols, with the result of GPT-2's and CLIP's
 * `bpe`: while some adjacent pair has a merge rank, take the pair of lowest rank and merge all its
 * occurrences from left to right (non-overlapping). The references rescan the word after every
 * merge (quadratic in its length); here the symbols form a linked list and the candidate pairs a
 * heap ordered by (rank, position): each round takes every candidate of the lowest rank in
 * position order, exactly the occurrences the references merge in that pass (a merged symbol
 * never re-forms the same pair), in O(len log len) overall.
 */
export function bpeMerge(symbols: readonly string[], ranks: MergeRanks): string[] {
  const n = symbols.length;
  if (n < 2) return [...symbols];
  const text = [...symbols];
  const next = Int32Array.from({ length: n }, (_, i) => (i + 1 < n ? i + 1 : -1));
  const prev = Int32Array.from({ length: n }, (_, i) => i - 1);
  const alive = new Uint8Array(n).fill(1);
  const heap = new PairHeap();
  const push = (i: number) => {
    const j = next[i]!;
    if (j < 0) return;
    const rank = ranks.get(`${text[i]} ${text[j]}`);
    if (rank !== undefined) heap.push(rank, i, text[i]!.length, text[j]!.length);
  };
  for (let i = 0; i < n - 1; i++) push(i);
  while (heap.size > 0) {
    // one round: every candidate of the lowest rank, in position order (pairs created meanwhile
    // have other ranks and wait for the next round, as in the references' rescan)
    const round = [heap.pop()];
    while (heap.size > 0 && heap.peekRank() === round[0]!.rank) round.push(heap.pop());
    for (const top of round) {
      const i = top.position;
      const j = next[i]!;
      // stale: the left symbol is gone or changed, or its right neighbour changed since the push
      if (!alive[i] || j < 0 || text[i]!.length !== top.left || text[j]!.length !== top.right) continue;
      if (ranks.get(`${text[i]} ${text[j]}`) !== top.rank) continue;
      text[i] = text[i]! + text[j]!;
      alive[j] = 0;
      const after = next[j]!;
      next[i] = after;
      if (after >= 0) prev[after] = i;
      if (prev[i]! >= 0) push(prev[i]!);
      push(i);
    }
  }
  const out: string[] = [];
  for (let i = 0; i >= 0; i = next[i]!) out.push(text[i]!);
  return out;
}

/** A binary min-heap of candidate merges ordered by (rank, position). */
class PairHeap {
  private ranks: number[] = [];
  private positions: number[] = [];
  private lefts: number[] = [];
  private rights: number[] = [];

  get size(): number {
    return this.ranks.length;
  }

  peekRank(): number {
    return this.ranks[0]!;
  }

  private less(a: number, b: number): boolean {
    return (
      this.ranks[a]! < this.ranks[b]! ||
      (this.ranks[a] === this.ranks[b] && this.positions[a]! < this.positions[b]!)
    );
  }

  private swap(a: number, b: number): void {
    for (const arr of [this.ranks, this.positions, this.lefts, this.rights])
      [arr[a], arr[b]] = [arr[b]!, arr[a]!];
  }

  push(rank: number, position: number, left: number, right: number): void {
    this.ranks.push(rank);
    this.positions.push(position);
    this.lefts.push(left);
    this.rights.push(right);
    let k = this.ranks.length - 1;
    while (k > 0) {
      const parent = (k - 1) >> 1;
      if (!this.less(k, parent)) break;
      this.swap(k, parent);
      k = parent;
    }
  }

  pop(): { rank: number; position: number; left: number; right: number } {
    const top = {
      rank: this.ranks[0]!,
      position: this.positions[0]!,
      left: this.lefts[0]!,
      right: this.rights[0]!,
    };
    const last = this.ranks.length - 1;
    this.swap(0, last);
    this.ranks.pop();
    this.positions.pop();
    this.lefts.pop();
    this.rights.pop();
    let k = 0;
    for (;;) {
      const l = 2 * k + 1;
      const r = l + 1;
      let m = k;
      if (l < this.ranks.length && this.less(l, m)) m = l;
      if (r < this.ranks.length && this.less(r, m)) m = r;
      if (m === k) break;
      this.swap(k, m);
      k = m;
    }
    return top;
  }
}

/** GPT-2's reversible byte-to-character table: printable Latin-1 bytes map to themselves, the rest to U+0100 onwards. */
export const BYTE_TO_CHAR: readonly string[] = (() => {
  const table = new Array<string>(256);
  let next = 0;
  for (let b = 0; b < 256; b++) {
    const printable = (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
    table[b] = String.fromCodePoint(printable ? b : 256 + next++);
  }
  return table;
})();

const encoder = new TextEncoder();

/** A string's UTF-8 bytes as GPT-2's byte characters. */
export function byteCharacters(text: string): string[] {
  return Array.from(encoder.encode(text), (b) => BYTE_TO_CHAR[b]!);
}

/** Reads a `vocab.json` (token → id). */
export function readJsonVocabulary(fn: string, text: string): Map<string, number> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return fail(
      "invalid_value",
      `${fn}: \`vocabulary\` must be the JSON text of vocab.json (${(error as Error).message})`,
    );
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    fail("invalid_value", `${fn}: vocab.json must map tokens to ids, got ${describeValue(parsed)}`);
  const vocab = new Map<string, number>();
  for (const [token, id] of Object.entries(parsed)) {
    if (!Number.isInteger(id) || (id as number) < 0 || (id as number) > 2 ** 31)
      fail(
        "invalid_value",
        `${fn}: vocab.json maps ${describeValue(token)} to ${describeValue(id)}, not a token id`,
      );
    vocab.set(token, id as number);
  }
  return vocab;
}
