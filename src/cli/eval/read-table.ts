import { openNumericTable } from "../../io/open.js";
import { collectTable, type NumericTable, type TableReadOptions } from "../../io/table.js";

export type { NumericTable } from "../../io/table.js";

/**
 * Reads a whole numeric table (CSV/TSV, JSON, JSONL, Parquet, Arrow IPC; `-` for stdin) into
 * memory, for small inputs such as the bundled samples. Commands that may meet big inputs
 * stream `openNumericTable(...).batches()` instead.
 */
export async function readNumericTable(
  path: string,
  fn: string,
  options: Omit<TableReadOptions, "fn"> = {},
): Promise<NumericTable> {
  return collectTable(await openNumericTable(path, { fn, ...options }), fn);
}
