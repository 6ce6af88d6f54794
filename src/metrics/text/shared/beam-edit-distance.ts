/** Edit operations of {@link beamLevenshteinDistance}'s `ops` matrix. */
export const OP_MATCH = 0;
export const OP_SUBSTITUTE = 1;
export const OP_INSERT = 2;
export const OP_DELETE = 3;

/**
 * torchmetrics' `_LevenshteinEditDistance` distance, which is sacrebleu's TER `BeamEditDistance`:
 * Levenshtein with an insertion, deletion and substitution cost, restricted to a beam of 25 cells
 * around the length-scaled diagonal (the last row is complete); ties prefer the diagonal, then a
 * deletion, then an insertion. Equal to the exact distance on all but extreme length ratios.
 * With `ops` ((n + 1) * (m + 1) cells, row-major), the operation chosen at each cell is written
 * there for a backtrace (sacrebleu's trace). O(n * beam + m) time, O(m) memory besides `ops`.
 */
export function beamLevenshteinDistance(
  prediction: Int32Array,
  reference: Int32Array,
  substitutionCost = 1,
  insertCost = 1,
  deleteCost = 1,
  ops?: Uint8Array,
): number {
  const INF = 1e16;
  const n = prediction.length;
  const m = reference.length;
  const width = m + 1;
  // Two rows; cells outside a row's beam are INF, as in the full matrix. A row array only has
  // to be cleared where the row before last (its previous content) was finite: [lo, hi).
  let prev = new Float64Array(width);
  let cur = new Float64Array(width).fill(INF);
  for (let j = 0; j <= m; j++) prev[j] = j * insertCost;
  let prevLo = 0;
  let prevHi = width;
  let curLo = 0;
  let curHi = 0;
  const record = ops !== undefined;
  if (record) ops.fill(OP_INSERT, 0, width);
  const ratio = n > 0 ? m / n : 1;
  const beam = ratio / 2 > 25 ? Math.ceil(ratio / 2 + 25) : 25;
  for (let i = 1; i <= n; i++) {
    const diag = Math.floor(i * ratio);
    const minJ = Math.max(0, diag - beam);
    const maxJ = i === n ? m + 1 : Math.min(m + 1, diag + beam);
    cur.fill(INF, curLo, Math.min(curHi, minJ));
    cur.fill(INF, Math.max(curLo, maxJ), curHi);
    const row = i * width;
    for (let j = minJ; j < maxJ; j++) {
      if (j === 0) {
        cur[0] = prev[0]! + deleteCost;
        if (record) ops[row] = OP_DELETE;
        continue;
      }
      const same = prediction[i - 1] === reference[j - 1];
      let best = INF;
      let op = OP_MATCH;
      const c1 = prev[j - 1]! + (same ? 0 : substitutionCost);
      if (best > c1) {
        best = c1;
        op = same ? OP_MATCH : OP_SUBSTITUTE;
      }
      const c2 = prev[j]! + deleteCost;
      if (best > c2) {
        best = c2;
        op = OP_DELETE;
      }
      const c3 = cur[j - 1]! + insertCost;
      if (best > c3) {
        best = c3;
        op = OP_INSERT;
      }
      cur[j] = best;
      if (record) ops[row + j] = op;
    }
    const t = prev;
    prev = cur;
    cur = t;
    curLo = prevLo;
    curHi = prevHi;
    prevLo = minJ;
    prevHi = maxJ;
  }
  return prev[m]!;
}
