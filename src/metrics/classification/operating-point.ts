/**
 * Shared pieces of the operating-point metrics (internal): recall at fixed precision, precision
 * at fixed recall, specificity at sensitivity, sensitivity at specificity, equal error rate.
 */
/** A metric value at the threshold that achieves it. */
export interface OperatingPoint {
  value: number;
  threshold: number;
}

/** Lexicographic arg-max of rows (a, b, c): the largest a, then b, then c; the first such row. */
export function lexArgmax(rows: readonly (readonly [number, number, number])[]): number {
  let best = 0;
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i]!;
    const b = rows[best]!;
    if (r[0] > b[0] || (r[0] === b[0] && (r[1] > b[1] || (r[1] === b[1] && r[2] > b[2])))) best = i;
  }
  return best;
}
