/**
 * Edit-operation counts of a Levenshtein alignment by bit-parallel dynamic programming (Myers
 * 1999; Hyyrö, "A note on bit-parallel alignment computation", Stringology 2004), with the
 * backtrace of one of two references, so that the hits, substitutions, deletions and insertions
 * (and hence MER, WIL and WIP, which depend on the chosen alignment) equal theirs:
 *
 * - `"python-levenshtein"`: python-Levenshtein 0.12.2 `editops(source, destination)` (jiwer
 *   2.3.0): from the end, keep going in the direction of the previous insertion or deletion
 *   run, else a match, else a substitution, else start an insertion, else a deletion;
 * - `"rapidfuzz"`: rapidfuzz 3.x `Levenshtein.editops` / `opcodes` (jiwer 3.x and 4.x): from
 *   the end, a deletion when the cell above is one less, else step left and take an insertion
 *   when the vertical delta there is -1, else the diagonal (match or substitution).
 *
 * Both first strip the common prefix and suffix (they are matches in both). The DP matrix D of
 * the rest (rows: source positions i, columns: destination positions j) is never stored: for
 * each column j the algorithm keeps the vertical deltas D[i][j] - D[i-1][j] (bit vectors VP,
 * VN) and the horizontal deltas D[i][j] - D[i][j-1] (HP, HN), 32 rows per Int32 word, and the
 * backtrace reads every comparison of the references' cost-matrix walks from them:
 * D[i][j] - D[i-1][j-1] = V(i, j) + H(i-1, j), with H(0, j) = +1 and V(i, 0) = +1.
 *
 * Cost: O(ceil(m / 32) * n) word operations and 4 * ceil(m / 32) * n words of memory for a
 * source of m and a destination of n tokens (after the affixes), plus O(m + n) for the
 * backtrace; the buffers are reused across calls.
 */

/** Whose edit-operation choice to reproduce. */
export type AlignmentBacktrace = "python-levenshtein" | "rapidfuzz";

/** Bit vectors of every column, 4 words (VP, VN, HP, HN) per 32 source rows. */
let columns = new Int32Array(4096);
/** Per distinct source token: its match mask, one word per block (`blocks` words each). */
let masks = new Int32Array(1024);
/** Per token id: the generation in which it got a local mask slot, and the slot. */
let stamp = new Int32Array(1024);
let slotOf = new Int32Array(1024);
let generation = 0;

function ensureIds(size: number): void {
  if (stamp.length >= size) return;
  const n = Math.max(size, 2 * stamp.length);
  stamp = new Int32Array(n);
  slotOf = new Int32Array(n);
  generation = 0;
}

/**
 * Counts of the alignment of `source[s0 .. s0 + m)` onto `destination[d0 .. d0 + n)` (token ids,
 * non-negative integers below `vocabulary`), written as [substitutions, deletions, insertions]
 * into `out` (hits = m - S - D).
 */
export function alignBitParallel(
  source: ArrayLike<number>,
  s0: number,
  m: number,
  destination: ArrayLike<number>,
  d0: number,
  n: number,
  vocabulary: number,
  backtrace: AlignmentBacktrace,
  out: Int32Array,
): void {
  while (m > 0 && n > 0 && source[s0] === destination[d0]) {
    m--;
    n--;
    s0++;
    d0++;
  }
  while (m > 0 && n > 0 && source[s0 + m - 1] === destination[d0 + n - 1]) {
    m--;
    n--;
  }
  if (m === 0 || n === 0) {
    out[0] = 0;
    out[1] = m;
    out[2] = n;
    return;
  }
  const blocks = (m + 31) >>> 5;
  // Match masks of the source's distinct tokens: slot k holds `blocks` words.
  ensureIds(vocabulary);
  if (++generation === 0x7fffffff) {
    stamp.fill(0);
    generation = 1;
  }
  if (masks.length < blocks * (m + 1)) masks = new Int32Array(Math.max(blocks * (m + 1), 2 * masks.length));
  let slots = 1; // slot 0: the all-zero mask of tokens absent from the source
  masks.fill(0, 0, blocks);
  for (let i = 0; i < m; i++) {
    const id = source[s0 + i]!;
    if (stamp[id] !== generation) {
      stamp[id] = generation;
      slotOf[id] = slots;
      masks.fill(0, slots * blocks, (slots + 1) * blocks);
      slots++;
    }
    const at = slotOf[id]! * blocks + (i >>> 5);
    masks[at] = masks[at]! | (1 << (i & 31));
  }
  const words = 4 * blocks;
  if (columns.length < words * n) columns = new Int32Array(Math.max(words * n, 2 * columns.length));
  const cols = columns;
  if (blocks === 1) forwardOneBlock(destination, d0, n, m, cols);
  else forwardBlocks(destination, d0, n, m, blocks, cols);
  if (backtrace === "rapidfuzz") backtraceRapidfuzz(source, s0, m, destination, d0, n, blocks, cols, out);
  else backtracePythonLevenshtein(source, s0, m, destination, d0, n, blocks, cols, out);
}

/** The match mask of destination token `id` in block `b` (0 when the source lacks it). */
function maskOf(id: number, b: number, blocks: number): number {
  return stamp[id] === generation ? masks[slotOf[id]! * blocks + b]! : 0;
}

/** Myers' column step for m <= 32 rows: VP, VN, HP, HN of every column into `cols`. */
function forwardOneBlock(
  destination: ArrayLike<number>,
  d0: number,
  n: number,
  m: number,
  cols: Int32Array,
): void {
  let vp = m === 32 ? -1 : (1 << m) - 1;
  let vn = 0;
  for (let j = 0; j < n; j++) {
    const x = maskOf(destination[d0 + j]!, 0, 1);
    const d = ((((x & vp) + vp) | 0) ^ vp) | x | vn;
    const hp = vn | ~(d | vp);
    const hn = d & vp;
    const hps = (hp << 1) | 1;
    const hns = hn << 1;
    vp = hns | ~(d | hps);
    vn = hps & d;
    const at = 4 * j;
    cols[at] = vp;
    cols[at + 1] = vn;
    cols[at + 2] = hp;
    cols[at + 3] = hn;
  }
}

/** Myers' column step over several 32-row blocks, carrying the addition and the shifts upward. */
function forwardBlocks(
  destination: ArrayLike<number>,
  d0: number,
  n: number,
  m: number,
  blocks: number,
  cols: Int32Array,
): void {
  const words = 4 * blocks;
  // Column -1 (D[i][0] = i): VP all ones, VN zero.
  let prev = -words;
  for (let j = 0; j < n; j++) {
    const id = destination[d0 + j]!;
    const at = j * words;
    let addCarry = 0;
    let hpCarry = 1; // D[0][j] - D[0][j-1] = +1
    let hnCarry = 0;
    for (let b = 0; b < blocks; b++) {
      let vp: number;
      let vn: number;
      if (prev < 0) {
        const bits = b === blocks - 1 ? m - 32 * b : 32;
        vp = bits === 32 ? -1 : (1 << bits) - 1;
        vn = 0;
      } else {
        vp = cols[prev + 4 * b]!;
        vn = cols[prev + 4 * b + 1]!;
      }
      const x = maskOf(id, b, blocks);
      // (x & vp) + vp as unsigned 32-bit words, the carry going into the next block.
      const sum = ((x & vp) >>> 0) + (vp >>> 0) + addCarry;
      addCarry = sum > 0xffffffff ? 1 : 0;
      const d = ((sum | 0) ^ vp) | x | vn;
      const hp = vn | ~(d | vp);
      const hn = d & vp;
      const hps = (hp << 1) | hpCarry;
      const hns = (hn << 1) | hnCarry;
      hpCarry = hp >>> 31;
      hnCarry = hn >>> 31;
      const o = at + 4 * b;
      cols[o] = hns | ~(d | hps);
      cols[o + 1] = hps & d;
      cols[o + 2] = hp;
      cols[o + 3] = hn;
    }
    prev = at;
  }
}

/** V(i, j) = D[i][j] - D[i-1][j] for 1 <= i <= m, 1 <= j <= n: +1, -1 or 0. */
function vertical(cols: Int32Array, blocks: number, i: number, j: number): number {
  const at = 4 * (blocks * (j - 1) + ((i - 1) >>> 5));
  const bit = 1 << ((i - 1) & 31);
  if (cols[at]! & bit) return 1;
  return cols[at + 1]! & bit ? -1 : 0;
}

/** H(i, j) = D[i][j] - D[i][j-1] for 0 <= i <= m, 1 <= j <= n (H(0, j) = +1). */
function horizontal(cols: Int32Array, blocks: number, i: number, j: number): number {
  if (i === 0) return 1;
  const at = 4 * (blocks * (j - 1) + ((i - 1) >>> 5)) + 2;
  const bit = 1 << ((i - 1) & 31);
  if (cols[at]! & bit) return 1;
  return cols[at + 1]! & bit ? -1 : 0;
}

/** python-Levenshtein 0.12.2 `editops_from_cost_matrix`, read from the deltas. */
function backtracePythonLevenshtein(
  source: ArrayLike<number>,
  s0: number,
  m: number,
  destination: ArrayLike<number>,
  d0: number,
  n: number,
  blocks: number,
  cols: Int32Array,
  out: Int32Array,
): void {
  let substitutions = 0;
  let deletions = 0;
  let insertions = 0;
  let i = m;
  let j = n;
  let dir = 0;
  while (i > 0 || j > 0) {
    // D[i][j] - D[i][j-1] and D[i][j] - D[i-1][j] (the boundaries D[0][j] = j, D[i][0] = i).
    const h = j > 0 ? horizontal(cols, blocks, i, j) : 0;
    const v = i > 0 ? (j > 0 ? vertical(cols, blocks, i, j) : 1) : 0;
    if (dir < 0 && j > 0 && h === 1) {
      insertions++;
      j--;
      continue;
    }
    if (dir > 0 && i > 0 && v === 1) {
      deletions++;
      i--;
      continue;
    }
    if (i > 0 && j > 0) {
      const diagonal = v + (i > 1 ? horizontal(cols, blocks, i - 1, j) : 1);
      if (diagonal === 0 && source[s0 + i - 1] === destination[d0 + j - 1]) {
        i--;
        j--;
        dir = 0;
        continue;
      }
      if (diagonal === 1) {
        substitutions++;
        i--;
        j--;
        dir = 0;
        continue;
      }
    }
    if (dir === 0 && j > 0 && h === 1) {
      insertions++;
      j--;
      dir = -1;
      continue;
    }
    if (dir === 0 && i > 0 && v === 1) {
      deletions++;
      i--;
      dir = 1;
      continue;
    }
    throw new Error("alignBitParallel: lost in the cost matrix (internal error)");
  }
  out[0] = substitutions;
  out[1] = deletions;
  out[2] = insertions;
}

/** rapidfuzz 3.x `Levenshtein.editops` backtrace (`_matrix` bit vectors), read from the deltas. */
function backtraceRapidfuzz(
  source: ArrayLike<number>,
  s0: number,
  m: number,
  destination: ArrayLike<number>,
  d0: number,
  n: number,
  blocks: number,
  cols: Int32Array,
  out: Int32Array,
): void {
  let substitutions = 0;
  let deletions = 0;
  let insertions = 0;
  let col = m; // source position (rapidfuzz's s1)
  let row = n; // destination position (rapidfuzz's s2)
  while (row !== 0 && col !== 0) {
    if (vertical(cols, blocks, col, row) === 1) {
      deletions++;
      col--;
    } else {
      row--;
      if (row !== 0 && vertical(cols, blocks, col, row) === -1) insertions++;
      else {
        col--;
        if (source[s0 + col] !== destination[d0 + row]) substitutions++;
      }
    }
  }
  out[0] = substitutions;
  out[1] = deletions + col;
  out[2] = insertions + row;
}
